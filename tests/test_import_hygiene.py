"""The CLI never imports Textual, one command run loads no other command's module, the
layers import in one direction only (import-linter's contracts), and the interfaces reach
storage only through the tracker."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "watchlist"

# Every command, and the ways each can fail, run in one interpreter: none may load Textual.
CLI_RUNS = [
    (["list", "--json"], 0),
    (["list", "--season", "all"], 0),
    (["list", "--season", "nope"], 2),
    (["show", "metallic"], 0),
    (["show", "no such show"], 2),
    (["watch", "metallic"], 0),
    (["watch", "metallic", "99"], 2),
    (["unwatch", "metallic", "1"], 0),
    (["unwatch", "metallic", "1"], 2),
    (["status", "metallic", "dropped"], 0),
    (["status", "metallic", "bogus"], 2),
    (["verdict", "metallic", "--score", "8"], 0),
    (["verdict", "metallic", "--score", "11"], 2),
    (["rate", "metallic", "1", "--score", "7"], 0),
    (["rate", "metallic", "1"], 2),
    (["critics", "metallic"], 0),
    (["critics", "metallic", "--json"], 0),
    (["compare", "metallic"], 0),
    (["compare", "metallic", "--json"], 0),
    (["stats"], 0),
    (["stats", "--json"], 0),
    (["settings", "--score-format", "100"], 0),
    (["settings", "--score-format", "7"], 2),
    (["export", "--format", "csv", "-o", "{tmp}/diary.csv"], 0),
    (["export", "--format", "mal-xml", "-o", "{tmp}/list.xml"], 0),
    (["import", "{tmp}/list.xml", "--dry-run"], 0),
    (["import", "{tmp}/missing.xml"], 2),
    (["review", "add", "metallic", "--file", "{tmp}/missing.toml"], 2),
    (["locate"], 0),
    (["no-such-command"], 2),
]


def test_cli_commands_do_not_import_textual(tmp_path: Path) -> None:
    runs = [([arg.format(tmp=tmp_path) for arg in args], code) for args, code in CLI_RUNS]
    code = (
        "import sys, io, contextlib\n"
        "from watchlist.cli.main import main\n"
        f"for args, expected in {runs!r}:\n"
        "    with contextlib.redirect_stdout(io.StringIO()), "
        "contextlib.redirect_stderr(io.StringIO()):\n"
        "        got = main(args)\n"
        "    assert got == expected, (args, got)\n"
        "loaded = sorted(m for m in sys.modules if m == 'textual' or m.startswith('textual.'))\n"
        "print(loaded)\n"
    )
    env = {"WATCHLIST_DB": str(tmp_path / "db.json"), "PATH": "/usr/bin:/bin"}
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines()[-1] == "[]"


# What one run loads: its own command's module and no other, Rich only to print for
# people, the importers only to import.
ONE_COMMAND_RUNS = [
    (["list", "--json"], "list", False),
    (["show", "metallic", "--json"], "show", False),
    (["show", "metallic"], "show", True),
    (["watch", "metallic"], "watch", False),
    (["import", "--help"], "import_", False),
    (["catalog", "import", "--help"], "catalog", False),
    (["--db", "{tmp}/db.json", "stats", "--json", "--debug"], "stats", False),
]


def _loaded_by(tmp_path: Path, args: list[str], prefixes: tuple[str, ...]) -> list[str]:
    """The modules starting with one of `prefixes` that one CLI run imports."""
    code = (
        "import sys, io, contextlib\n"
        "from watchlist.cli.main import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    try:\n"
        "        main(sys.argv[2:])\n"
        "    except SystemExit:\n"
        "        pass\n"
        "prefixes = tuple(sys.argv[1].split(','))\n"
        "print(sorted(m for m in sys.modules if m.startswith(prefixes)))\n"
    )
    env = {"WATCHLIST_DB": str(tmp_path / "db.json"), "PATH": "/usr/bin:/bin"}
    done = subprocess.run(
        [sys.executable, "-c", code, ",".join(prefixes), *args],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    loaded: list[str] = ast.literal_eval(done.stdout.strip().splitlines()[-1])
    return loaded


def test_running_one_command_imports_that_command_alone(tmp_path: Path) -> None:
    watched = (
        "watchlist.cli.commands.",
        "rich",
        "watchlist.interop",
        "watchlist.service.importing",
        "argcomplete",
    )
    for args, module, rich in ONE_COMMAND_RUNS:
        argv = [arg.format(tmp=tmp_path) for arg in args]
        loaded = _loaded_by(tmp_path, argv, watched)
        assert [m for m in loaded if not m.startswith("rich")] == [
            f"watchlist.cli.commands.{module}"
        ], args
        assert ("rich" in loaded) == rich, args


def test_a_command_that_prints_no_help_never_loads_shutil(tmp_path: Path) -> None:
    """argparse measures the terminal for every option it checks; our formatter does it
    without shutil, which with the compression modules it loads costs every command
    about 2 ms."""
    for args, _, _ in ONE_COMMAND_RUNS:
        if "--help" in args:
            continue
        argv = [arg.format(tmp=tmp_path) for arg in args]
        assert _loaded_by(tmp_path, argv, ("shutil", "bz2", "lzma")) == [], args


def test_a_command_that_only_reads_never_loads_tinydb(tmp_path: Path) -> None:
    """TinyDB is what commits go through; reading the file needs none of it (about 2.5
    ms of every start)."""
    for args in (["list", "--json"], ["show", "metallic", "--json"], ["stats", "--json"]):
        assert _loaded_by(tmp_path, args, ("tinydb",)) == [], args
    assert _loaded_by(tmp_path, ["watch", "metallic", "1"], ("tinydb",))  # commits do


def test_help_is_as_wide_as_the_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    from watchlist.cli.parser import build_parser, terminal_columns

    monkeypatch.setenv("COLUMNS", "60")
    assert terminal_columns() == 60
    assert max(map(len, build_parser().format_help().splitlines())) <= 60
    monkeypatch.setenv("COLUMNS", "200")
    assert max(map(len, build_parser().format_help().splitlines())) > 80
    monkeypatch.setenv("COLUMNS", "none")
    assert terminal_columns() > 0


def test_the_import_contracts_hold() -> None:
    """The layers, the CLI without Textual, storage behind the service: the contracts in
    pyproject.toml, checked by import-linter."""
    lint = Path(sys.executable).with_name("lint-imports")
    done = subprocess.run(
        [str(lint), "--no-cache"], cwd=PACKAGE.parent, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_interfaces_never_touch_the_store() -> None:
    """The CLI and the TUI talk to the tracker; `.store` is the service's own business."""
    problems = []
    for layer in ("cli", "tui"):
        for path in (PACKAGE / layer).rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text())):
                if isinstance(node, ast.Attribute) and node.attr in ("store", "_store"):
                    problems.append(f"{path.relative_to(PACKAGE)}:{node.lineno} .{node.attr}")
    assert problems == []


def test_the_season_views_load_their_rules_only_when_asked_for(tmp_path: Path) -> None:
    """Picks and the recap are not part of start-up: `list` never imports their rules."""
    rules = ("watchlist.domain.picks", "watchlist.domain.recap")
    assert _loaded_by(tmp_path, ["list", "--json"], rules) == []
    assert _loaded_by(tmp_path, ["recap", "--json"], rules) == ["watchlist.domain.recap"]
