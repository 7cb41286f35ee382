"""The command line's grammar, built from the commands' declarations.

Global options (--db, --debug) are accepted before or after the command: each
subcommand shares them through one parent parser whose defaults are suppressed,
so a value given after the command wins and one given before is kept.

To run one command only its declaration is loaded, and the parser holds it alone;
`--help`, completion and anything the quick look cannot place get every command.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any, NoReturn

from watchlist import __version__
from watchlist.cli.command import Command
from watchlist.cli.registry import every_command, load


class UsageError(Exception):
    """Arguments argparse could not make sense of."""


class Formatter(argparse.HelpFormatter):
    """argparse's formatter, measuring the terminal as `shutil.get_terminal_size` does
    without importing shutil: a parser makes one for every option it is given, to check
    it, and shutil with the compression modules it loads costs every command about 2 ms
    (help is the only thing that uses the width)."""

    def __init__(
        self,
        prog: str,
        indent_increment: int = 2,
        max_help_position: int = 24,
        width: int | None = None,
    ) -> None:
        width = terminal_columns() - 2 if width is None else width
        super().__init__(prog, indent_increment, max_help_position, width)


def terminal_columns() -> int:
    """$COLUMNS when it is a positive number, else the width of the terminal on standard
    output, else 80."""
    try:
        columns = int(os.environ.get("COLUMNS", "0"))
    except ValueError:
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns  # type: ignore[union-attr]
        except (AttributeError, ValueError, OSError):
            columns = 0
    return columns if columns > 0 else 80


class Parser(argparse.ArgumentParser):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", Formatter)
        super().__init__(*args, **kwargs)

    def error(self, message: str) -> NoReturn:
        # argparse would print the whole usage block; one line is enough.
        unknown = re.match(r"argument COMMAND: invalid choice: ('[^']*')", message)
        if unknown:  # not the whole list of commands: --help has them
            raise UsageError(f"unknown command {unknown.group(1)}")
        raise UsageError(message)


def _global_options(parser: argparse.ArgumentParser, *, suppress: bool) -> None:
    default: Any = argparse.SUPPRESS if suppress else None
    parser.add_argument(
        "--db",
        type=Path,
        default=default,
        help="the database file (default: $WATCHLIST_DB, else the user data folder; "
        "`watchlist locate` prints it)",
    )
    parser.add_argument(
        "--debug",
        action="store_true",
        default=argparse.SUPPRESS if suppress else False,
        help="show the traceback of an unexpected error (also WATCHLIST_DEBUG=1)",
    )


def parse(argv: Sequence[str]) -> tuple[argparse.Namespace, Command | None]:
    """The arguments, parsed as the whole grammar would with as little of it as can do,
    and the command they name (None when they name none)."""
    name = _command_word(argv)
    command = load(name) if name is not None else None
    args = build_parser([command] if command is not None else None).parse_args(argv)
    if args.command is not None and command is None:
        command = load(args.command)  # the whole grammar found it
    return args, command


def _command_word(argv: Sequence[str]) -> str | None:
    """The command's name, if it follows nothing but global options; else None, and the
    whole grammar decides (--help, --version, a mistake, no command at all)."""
    options = Parser(add_help=False)
    _global_options(options, suppress=False)
    takes_value = {
        option: action.nargs != 0
        for action in options._actions  # argparse offers no public list of its options
        for option in action.option_strings
    }
    words = iter(argv)
    for word in words:
        option = word.split("=", 1)[0]
        if option not in takes_value:
            return None if word.startswith("-") else word
        if takes_value[option] and "=" not in word:
            next(words, None)
    return None


def build_parser(commands: list[Command] | None = None) -> Parser:
    """The grammar of `commands`, or of every command."""
    parser = Parser(
        prog="watchlist",
        description="Track the anime season you are watching, and hold your take up "
        "against the critics'. With no command, opens the TUI.",
        epilog="Exit status: 0 done, 2 bad input (nothing changed), 1 anything else.",
    )
    _global_options(parser, suppress=False)
    parser.add_argument("--version", action="version", version=f"watchlist {__version__}")
    common = Parser(add_help=False)
    _global_options(common, suppress=True)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)
    for command in every_command() if commands is None else commands:
        _add_command(sub, common, command)
    return parser


def _add_command(sub: argparse._SubParsersAction[Parser], common: Parser, command: Command) -> None:
    parser = sub.add_parser(
        command.name,
        help=command.summary,
        description=command.help_description,
        epilog=f"example: {command.example}",
        parents=[common],
    )
    action = command.action
    if action is not None:
        actions = parser.add_subparsers(
            dest="action",
            metavar="ACTION",
            parser_class=Parser,
            required=True,
            help=f"{action.name}: {action.listed}",
        )
        parser = actions.add_parser(
            action.name,
            help=action.summary,
            description=action.description,
            epilog=f"example: {action.example}",
            parents=[common],
        )
    command.arguments(parser)
