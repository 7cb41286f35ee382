"""The command line behaves as command-line tools do: no hang without a terminal, `-` for
standard streams, options anywhere, whole values in pipes, help, completion, packaging."""

from __future__ import annotations

import argparse
import csv
import io
import os
import re
import subprocess
import sys
import tarfile
import tomllib
import zipfile
from pathlib import Path

import pytest

from tests.cli_helpers import Capsys, run

ROOT = Path(__file__).resolve().parents[1]


def script(
    tmp_path: Path, *args: str, stdin: int | None = subprocess.DEVNULL
) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "WATCHLIST_DB": str(tmp_path / "db.json")}
    return subprocess.run(
        [sys.executable, "-m", "watchlist", *args],
        stdin=stdin,
        capture_output=True,
        text=True,
        env=env,
        timeout=20,
        check=False,
    )


# ----------------------------------------------------- 1. no terminal, no hang


@pytest.mark.parametrize("args", [[], ["tui"]], ids=["plain", "tui"])
def test_without_a_terminal_the_tui_says_so_and_exits_at_once(
    tmp_path: Path, args: list[str]
) -> None:
    done = script(tmp_path, *args)  # stdin from /dev/null, stdout a pipe
    assert done.returncode == 2
    assert done.stdout == ""
    (line,) = done.stderr.strip().splitlines()
    assert "needs a terminal" in line and "watchlist list" in line


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["tui", "--season", "autumn-1890"], "autumn-1890"),
        (["--db", "{tmp}/a-file/db.json", "tui"], "a-file"),
    ],
    ids=["unknown season", "unusable path"],
)
def test_in_a_terminal_a_tui_that_cannot_open_says_why_in_one_line(
    tmp_path: Path, args: list[str], said: str
) -> None:
    import pty

    (tmp_path / "a-file").write_text("not a folder")
    leader, follower = pty.openpty()
    try:
        env = {**os.environ, "WATCHLIST_DB": str(tmp_path / "db.json"), "TERM": "xterm"}
        done = subprocess.run(
            [sys.executable, "-m", "watchlist", *(a.format(tmp=tmp_path) for a in args)],
            stdin=follower,
            stdout=follower,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
            timeout=20,
            check=False,
        )
    finally:
        os.close(follower)
        os.close(leader)
    assert done.returncode == 2
    (line,) = done.stderr.strip().splitlines()
    assert line.startswith("watchlist: ") and said in line


# ------------------------------------------------------- 2. - for the streams


def test_export_to_standard_output_with_a_dash(capsys: Capsys, tmp_path: Path) -> None:
    run(capsys, "watch", "metallic")
    result = run(capsys, "export", "--format", "csv", "-o", "-")
    assert result.code == 0 and not (Path.cwd() / "-").exists()
    rows = list(csv.reader(io.StringIO(result.out)))
    assert rows[0][4] == "rating (score format 10)" and rows[1][2] == "metallic-rouge"
    assert "Exported 1 episode (csv)" in result.err  # the report keeps out of the data


def test_the_excel_flag_starts_the_csv_with_a_byte_order_mark(
    capsys: Capsys, tmp_path: Path
) -> None:
    run(capsys, "watch", "metallic")
    out = tmp_path / "diary.csv"
    assert run(capsys, "export", "--format", "csv", "--excel", "-o", str(out)).code == 0
    assert out.read_bytes().startswith(b"\xef\xbb\xbfdate,show,")


# -------------------------------------------- 3. global options after the command


def test_db_works_before_or_after_the_command(capsys: Capsys, tmp_path: Path) -> None:
    db = tmp_path / "other.json"
    assert run(capsys, "watch", "metallic", "--db", str(db)).code == 0
    assert run(capsys, "--db", str(db), "show", "metallic", "--json").json()["watched"] == [1]
    assert run(capsys, "show", "metallic", "--json").json()["watched"] == []  # the default file
    assert run(capsys, "locate", "--db", str(db)).out.strip() == str(db)


# ----------------------------------------------------- 4. whole values in pipes


def test_list_in_a_pipe_prints_whole_values_separated_by_tabs(tmp_path: Path) -> None:
    done = script(tmp_path, "list")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0].split("\t")[:3] == ["slug", "title", "season"]
    titles = [line.split("\t")[1] for line in lines[1:]]
    long = "Villainess Level 99: I May Be the Hidden Boss but I'm Not the Demon Lord"
    assert long in titles and len(titles) == 34
    assert all(f == f.strip() for line in lines for f in line.split("\t"))  # no padding
    assert "winter-2024" not in lines[0]  # a header of columns, not of the season


def test_text_in_a_pipe_carries_no_padding_at_line_ends(capsys: Capsys) -> None:
    for command in (["show", "metallic"], ["critics", "solo"], ["compare", "metallic"]):
        out = run(capsys, *command).out
        assert out.count("\n") > 10, command
        assert [line for line in out.splitlines() if line != line.rstrip()] == [], command


def test_list_formats_can_be_chosen(capsys: Capsys) -> None:
    as_csv = run(capsys, "list", "--format", "csv").out
    header = next(iter(csv.reader(io.StringIO(as_csv))))
    assert header[0] == "slug"
    assert len(run(capsys, "list", "--format", "json").json()) == 34


# ----------------------------------------------------------- 5. help, completion


def subcommands() -> dict[str, argparse.ArgumentParser]:
    from watchlist.cli.parser import build_parser

    parser = build_parser()
    (action,) = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    return dict(action.choices)


def test_json_goes_out_as_utf8_after_what_was_printed_before_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from watchlist.cli.jsonout import print_json

    raw = io.BytesIO()
    # Not UTF-8 on purpose: JSON is UTF-8 whatever the stream's text encoding.
    stream = io.TextIOWrapper(raw, encoding="latin-1")
    monkeypatch.setattr(sys, "stdout", stream)
    print("before")  # still in the text layer's buffer: it must come out first
    print_json({"title": "日常 \u202e\x9b\x7f"})
    stream.flush()
    text = raw.getvalue().decode("utf-8")
    assert text == 'before\n{\n  "title": "日常 \\u202e\\u009b\\u007f"\n}\n'


def test_json_to_a_stream_without_bytes_is_written_as_text(monkeypatch: pytest.MonkeyPatch) -> None:
    from watchlist.cli.jsonout import print_json

    out = io.StringIO()
    monkeypatch.setattr(sys, "stdout", out)
    print_json(["é", 1])
    assert out.getvalue() == '[\n  "é",\n  1\n]\n'


def test_every_command_explains_its_arguments_and_gives_an_example() -> None:
    for name, sub in subcommands().items():
        text = sub.format_help()
        assert "example: " in text and "watchlist " in text.split("example: ")[1], name
        for action in sub._actions:
            if action.option_strings == ["-h", "--help"]:
                continue
            assert action.help, f"{name}: {action.dest} has no help"


def test_completion_code_for_each_shell_and_show_names_from_the_catalog(
    capsys: Capsys,
) -> None:
    from watchlist.cli.completion import shows

    for shell in ("bash", "zsh", "fish"):
        result = run(capsys, "completion", shell)
        assert result.code == 0 and "watchlist" in result.out and "_ARGCOMPLETE" in result.out
    found = shows("metal", argparse.Namespace(db=None))
    assert found == ["metallic-rouge"]


def test_the_debug_option_shows_the_traceback(
    capsys: Capsys, monkeypatch: pytest.MonkeyPatch
) -> None:
    from watchlist.service.tracker import Tracker

    def broken(self: Tracker, *args: object, **kwargs: object) -> object:
        raise RuntimeError("a bug")

    monkeypatch.setattr(Tracker, "listing", broken)  # what `list` reads
    assert "unexpected error: RuntimeError: a bug" in run(capsys, "list").err
    with pytest.raises(RuntimeError):
        run(capsys, "list", "--debug")


# ------------------------------------------------ 6. a reader that goes away

CLOSED_PIPE_RUNS = {
    "argparse's help": ["--help"],
    "the version": ["--version"],
    "a command's help": ["watch", "--help"],
    "completion code": ["completion", "bash"],
    "locate": ["locate"],
    "lines in a pipe": ["list"],
    "json": ["list", "--json"],
    "rich": ["show", "metallic"],
    "plain print": ["seasons", "--format", "table"],
    "bytes": ["export"],
    "after a change": ["watch", "metallic", "2"],  # not a checkpoint: no hint on stderr
}


@pytest.mark.parametrize("args", CLOSED_PIPE_RUNS.values(), ids=CLOSED_PIPE_RUNS.keys())
def test_a_closed_pipe_ends_the_command_quietly(tmp_path: Path, args: list[str]) -> None:
    """`watchlist completion bash | true`: no traceback, not even at interpreter shutdown."""
    read_end, write_end = os.pipe()
    os.close(read_end)  # the reader is gone before the first byte is written
    try:
        done = subprocess.run(
            [sys.executable, "-m", "watchlist", *args],
            stdin=subprocess.DEVNULL,
            stdout=write_end,
            stderr=subprocess.PIPE,
            text=True,
            env={**os.environ, "WATCHLIST_DB": str(tmp_path / "db.json")},
            timeout=20,
            check=False,
        )
    finally:
        os.close(write_end)
    assert (done.returncode, done.stderr) == (0, "")


# --------------------------------------------------------------- 7. packaging


def test_the_package_asks_for_ranges_and_has_a_name_of_its_own() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    assert project["name"] == "watchlist-tui"
    assert project["scripts"] == {"watchlist": "watchlist.cli.entry:main"}
    assert not [d for d in project["dependencies"] if "==" in d]
    assert any(d.startswith("textual>=8.2,<9") for d in project["dependencies"])
    pinned = (ROOT / "constraints.txt").read_text()
    assert "textual==8.2.8" in pinned and "rich==15.0.0" in pinned
    assert "constraints.txt" in (ROOT / ".ci" / "run").read_text()
    assert (ROOT / "LICENSE").read_text().startswith("MIT License")
    assert project["classifiers"] and project["keywords"] and project["urls"]


def test_ci_runs_the_readmes_test_command_verbatim() -> None:
    readme = (ROOT / "README.md").read_text()
    blocks = re.findall(r"```sh\n(.*?)\n```", readme, flags=re.S)
    test_line = next(b for b in blocks if "[test]" in b)
    assert "pytest --run-slow" in test_line
    ci_lines = (ROOT / ".ci" / "run").read_text().splitlines()
    assert ci_lines[-1] == test_line  # the tests run last, exactly as the README says


@pytest.mark.slow
def test_the_sdist_and_the_wheel_hold_the_seeds_and_the_licence(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "hatchling", "build", "-d", str(tmp_path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    (sdist,) = tmp_path.glob("watchlist_tui-*.tar.gz")
    (wheel,) = tmp_path.glob("watchlist_tui-*.whl")
    with tarfile.open(sdist) as archive:
        names = archive.getnames()
    assert any(n.endswith("/seeds/winter-2024.json") for n in names)
    assert any(n.endswith("/LICENSE") for n in names)
    inside = zipfile.ZipFile(wheel).namelist()
    assert "watchlist/_seeds/winter-2024.json" in inside
    assert "watchlist/interop/recap/recap.html.j2" in inside  # the recap page's template
    assert any(n.endswith("licenses/LICENSE") for n in inside)
    # The wheel installs and runs: its catalog loads from inside the package.
    target = tmp_path / "installed"
    zipfile.ZipFile(wheel).extractall(target)
    check = subprocess.run(
        [
            sys.executable,
            "-c",
            "import watchlist.storage.catalog as c; print(len(c.load_catalog().shows))\n"
            "from watchlist.domain.recap import recap\n"
            "from watchlist.interop.recap.page import render_html\n"
            "assert render_html(recap('S', [], {}, [], [], [])).startswith('<!DOCTYPE')",
        ],
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(target)},
        capture_output=True,
        text=True,
        check=False,
    )
    assert check.stdout.strip() == "34", check.stderr
    assert check.returncode == 0, check.stderr
