"""Each command is declared once, in the module named after it, and that one declaration
reaches the parser, the help, completion and dispatch; no other place names commands."""

from __future__ import annotations

import argparse
import ast
import json
import os
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
from msgspec.structs import replace

from tests.cli_helpers import Capsys
from watchlist.cli.command import Command
from watchlist.cli.main import main
from watchlist.cli.parser import build_parser, parse
from watchlist.cli.registry import PACKAGE, every_command, load, module_name, names

CLI = Path(__file__).resolve().parents[1] / "watchlist" / "cli"
NAMES = names()


@pytest.fixture(autouse=True)
def _wide(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "200")  # help text wraps, and breaks at hyphens


def declared(name: str) -> Command:
    command = load(name)
    assert command is not None, name
    return command


def example_argv(example: str) -> list[str]:
    """The arguments of an example's first command line, as a shell splits them."""
    line = example.split("watchlist ", 1)[1]
    for end in ("|", ")", "   or   "):  # a pipe, the end of $(...), a second example
        line = line.split(end, 1)[0]
    return shlex.split(line)


def choice(parser: argparse.ArgumentParser, name: str) -> argparse.ArgumentParser:
    """The parser of the command or action `name` under `parser`."""
    (action,) = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    found: argparse.ArgumentParser = action.choices[name]
    return found


def help_of(capsys: Capsys, *args: str) -> str:
    with pytest.raises(SystemExit) as done:
        main([*args, "--help"])
    assert done.value.code == 0
    return capsys.readouterr().out


def words(text: str) -> str:
    return " ".join(text.split())


# ------------------------------------------------------------- declared once


def test_each_module_declares_one_command_named_after_it() -> None:
    assert len(NAMES) >= 20
    for name in NAMES:
        command = declared(name)
        module = sys.modules[f"{PACKAGE}.{module_name(name)}"]
        assert [v for v in vars(module).values() if isinstance(v, Command)] == [command]
        assert command.name == name


def test_no_two_commands_share_a_name_or_a_place_in_the_list() -> None:
    commands = every_command()
    assert sorted(c.name for c in commands) == sorted(set(NAMES))
    places = [c.listed_at for c in commands]
    assert len(set(places)) == len(places)


def test_an_unknown_name_is_no_command() -> None:
    for name in ("binge", "", "LIST", "import_", "../main", "list.x", "registry"):
        assert load(name) is None, name


# ------------------------------------------------------------------ the help


def test_the_help_lists_every_command_once_in_order(capsys: Capsys) -> None:
    text = help_of(capsys)
    listing = text.split("  COMMAND\n", 1)[1].split("\noptions:", 1)[0]
    lines = listing.splitlines()
    listed = [line.split()[0] for line in lines if len(line) - len(line.lstrip()) == 4]
    assert listed == [c.name for c in every_command()]
    for command in every_command():
        assert words(f"{command.name} {command.summary}") in words(listing)


@pytest.mark.parametrize("name", NAMES)
def test_each_command_has_its_own_help_ending_with_its_example(capsys: Capsys, name: str) -> None:
    command = declared(name)
    pages = [([name], command.example)]
    if command.action is not None:
        pages.append(([name, command.action.name], command.action.example))
    for args, example in pages:
        text = help_of(capsys, *args)
        assert text.startswith(f"usage: watchlist {' '.join(args)} ")
        assert words(text).endswith(words(f"example: {example}"))
        assert example_argv(example)[: len(args)] == args


# ----------------------------------------------------- parsing and dispatch


@pytest.mark.parametrize("name", NAMES)
def test_its_example_parses_the_same_alone_as_in_the_whole_grammar(name: str) -> None:
    argv = example_argv(declared(name).example)
    args, command = parse(argv)
    assert command is declared(name)
    assert args == build_parser().parse_args(argv)


@pytest.mark.parametrize("name", NAMES)
def test_each_command_runs_its_own_handler(
    capsys: Capsys, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    command = declared(name)
    given = []

    def handler(*args: object) -> int:
        given.append(args[-1])  # the parsed arguments come last, with a tracker or alone
        return 0

    which = "run_alone" if command.run_alone is not None else "run"
    module = sys.modules[f"{PACKAGE}.{module_name(name)}"]
    monkeypatch.setattr(module, "COMMAND", replace(command, **{which: handler}))
    assert main(example_argv(command.example)) == 0, capsys.readouterr().err
    (args,) = given
    assert args.command == name


# ---------------------------------------------------------------- completion

COMPLETE = """
import functools, io, json, os, sys
import argcomplete
from watchlist.cli.main import main

class Answered(Exception):
    pass

def answered(code=0):
    raise Answered

real, found = argcomplete.autocomplete, {}
for line in json.loads(sys.argv[1]):
    out = io.StringIO()
    # As a shell asks, through main; only the answer is kept instead of ending the process.
    argcomplete.autocomplete = functools.partial(real, exit_method=answered, output_stream=out)
    os.environ.update(COMP_LINE=line, COMP_POINT=str(len(line)))
    try:
        main([])
    except Answered:
        pass
    found[line] = out.getvalue().split()
print(json.dumps(found))
"""


def completions(tmp_path: Path, lines: list[str]) -> dict[str, list[str]]:
    env = {
        **os.environ,
        "_ARGCOMPLETE": "1",
        "_ARGCOMPLETE_IFS": "\n",
        "WATCHLIST_DB": str(tmp_path / "db.json"),
    }
    done = subprocess.run(
        [sys.executable, "-c", COMPLETE, json.dumps(lines)],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    found: dict[str, list[str]] = json.loads(done.stdout)
    return found


def test_completion_reaches_every_command_its_options_and_its_shows(tmp_path: Path) -> None:
    expected: dict[str, set[str]] = {"watchlist ": set(NAMES)}
    for command in every_command():
        words_before = f"watchlist {command.name} "
        sub = choice(build_parser([command]), command.name)
        if command.action is not None:
            expected[words_before] = {command.action.name}
            words_before += f"{command.action.name} "
            sub = choice(sub, command.action.name)
        options = {o for a in sub._actions for o in a.option_strings if o.startswith("--")}
        expected[words_before + "--"] = options | {"--db", "--debug"}
        if any(a.dest == "show" for a in sub._actions):
            expected[words_before + "metal"] = {"metallic-rouge"}
    found = completions(tmp_path, list(expected))
    for line, wanted in expected.items():
        assert wanted <= set(found[line]), line


# --------------------------------------------------- no name typed elsewhere


def _literal_names(node: ast.AST, known: set[str]) -> list[str]:
    """Command names written as string literals in `node` (a string or a collection)."""
    if isinstance(node, ast.Constant) and node.value in known:
        return [node.value]
    if isinstance(node, ast.Tuple | ast.List | ast.Set):
        return [name for item in node.elts for name in _literal_names(item, known)]
    return []


def _by_hand(tree: ast.AST, known: set[str]) -> list[str]:
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Compare):  # `args.command == "locate"`, `name in (...)`
            sides = [node.left, *node.comparators]
            asks_name = any(
                (isinstance(s, ast.Name) and s.id in ("command", "name"))
                or (isinstance(s, ast.Attribute) and s.attr in ("command", "name"))
                for s in sides
            )
            if asks_name:
                found += [n for side in sides for n in _literal_names(side, known)]
        elif isinstance(node, ast.Set | ast.List | ast.Tuple | ast.Dict):
            items = node.keys if isinstance(node, ast.Dict) else node.elts
            named = [n for item in items if item for n in _literal_names(item, known)]
            if len(named) >= 2 and len(named) == len(items):  # READING, COMMANDS...
                found += named
        elif isinstance(node, ast.Call) and node.args:  # `sub.add_parser("list", ...)`
            called = getattr(node.func, "attr", getattr(node.func, "id", None))
            if called != "add_argument":  # an argument may share a name (SHOW, STATUS)
                found += _literal_names(node.args[0], known)
    return found


def test_no_other_place_names_the_commands_by_hand() -> None:
    known = set(NAMES)
    problems = []
    for path in sorted(CLI.rglob("*.py")):
        for name in _by_hand(ast.parse(path.read_text()), known):
            problems.append(f"{path.relative_to(CLI)}: {name!r}")
    assert problems == []


def test_the_check_would_see_the_old_ways() -> None:
    old = (
        'READING = {"list", "show"}\n'
        'COMMANDS = {"list": cmd_list, "show": cmd_show}\n'
        'if args.command == "locate": pass\n'
        'if args.command in (None, "tui"): pass\n'
        'sub.add_parser("list")\n'
        'command("tui", "open the TUI (the default)", "watchlist tui")\n'
    )
    found = _by_hand(ast.parse(old), set(NAMES))
    assert sorted(found) == sorted(["list", "show", "list", "show", "locate", "tui", "list", "tui"])


# -------------------------------------------------------------- small pieces


def test_no_module_over_400_lines_nor_function_over_80() -> None:
    package = CLI.parent
    problems = []
    for path in sorted(package.rglob("*.py")):
        source = path.read_text()
        if len(source.splitlines()) > 400:
            problems.append(f"{path.relative_to(package)}: {len(source.splitlines())} lines")
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                length = (node.end_lineno or node.lineno) - node.lineno + 1
                if length > 80:
                    problems.append(f"{path.relative_to(package)}: {node.name}() {length} lines")
    assert problems == []


def test_export_formats_come_from_the_registry(tmp_path: Path) -> None:
    from watchlist.service.export_formats import EXPORTERS

    parser = build_parser([load("export")])
    export = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    option = next(a for a in export.choices["export"]._actions if a.dest == "format")
    assert list(option.choices or []) == list(EXPORTERS) == ["json", "mal-xml", "csv"]
    for name in EXPORTERS:
        out = tmp_path / f"out.{name}"
        assert main(["export", "--format", name, "-o", str(out)]) == 0
        assert out.stat().st_size > 0
