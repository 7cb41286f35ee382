"""What each command declares once, and the pieces of grammar and input several share.

Every command of `watchlist` is the `COMMAND` of one module of `watchlist.cli.commands`,
named after it; the parser, the help, completion and dispatch are built from these.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING

from msgspec import Struct

from watchlist.domain.errors import InvalidInput
from watchlist.domain.text import MAX_NOTE_CHARS

if TYPE_CHECKING:
    from watchlist.service.tracker import Tracker

SHOW_HELP = "a slug (metallic-rouge) or any unambiguous piece of a title (metallic)"
JSON_HELP = "print JSON (the shapes are documented in the README) instead of text"

Arguments = Callable[[argparse.ArgumentParser], None]
Handler = Callable[["Tracker", argparse.Namespace], int]


def no_arguments(parser: argparse.ArgumentParser) -> None:
    """For a command that takes none but the global options."""


class Action(Struct, frozen=True):
    """A command's one ACTION (`review add`, `catalog import`): a parser of its own, which
    takes the command's arguments."""

    name: str
    summary: str
    """Its line in the command's list of actions."""
    listed: str
    """What the command's help says of it, beside ACTION."""
    example: str
    description: str | None = None


class Command(Struct, frozen=True):
    """One command: its grammar, its handler, and whether it only reads."""

    name: str
    summary: str
    """Its line in `watchlist --help`, and (capitalised, with a full stop) the description
    its own help opens with, unless it has a `description`."""
    example: str
    """The last line of its `--help`: one real command line, starting `watchlist NAME`."""
    listed_at: int
    """Where `watchlist --help` lists it, smallest first: the everyday commands on top."""
    arguments: Arguments = no_arguments
    """Adds its arguments to its parser (its action's, when it has one)."""
    run: Handler | None = None
    """The handler, given the opened tracker; its return value is the exit status."""
    run_alone: Callable[[argparse.Namespace], int] | None = None
    """The handler of a command that opens no database (tui, locate, completion)."""
    reads_only: bool = False
    """On a read-only database it says so, and runs."""
    description: str | None = None
    action: Action | None = None
    """Its one ACTION, for a command that names one (`review add`)."""

    def __post_init__(self) -> None:
        if (self.run is None) == (self.run_alone is None):
            raise TypeError(f"{self.name}: give either run or run_alone")

    @property
    def help_description(self) -> str:
        return self.description or self.summary[:1].upper() + self.summary[1:] + "."


def show_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("show", metavar="SHOW", help=SHOW_HELP)


def json_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help=JSON_HELP)


def spoilers_option(parser: argparse.ArgumentParser) -> None:
    """--spoilers, for the commands that show what critics said."""
    parser.add_argument(
        "--spoilers",
        choices=["shield", "show"],
        help="for this command only: keep episode and season reviews closed until you get "
        "there (shield), or show them all (default: your setting)",
    )


def one_show_with_critics(parser: argparse.ArgumentParser) -> None:
    """SHOW, --json and --spoilers: the arguments of `show`, `critics` and `compare`."""
    show_argument(parser)
    json_option(parser)
    spoilers_option(parser)


def table_options(parser: argparse.ArgumentParser) -> None:
    """--json and --format, for the commands that print a table."""
    json_option(parser)
    parser.add_argument(
        "--format",
        choices=["table", "tsv", "csv", "json"],
        help="default: table on a terminal, tab-separated values in a pipe",
    )


def read_note_file(name: str) -> str:
    """Notes from a file or stdin, refused past the limit without reading it all."""
    try:
        if name == "-":
            text = sys.stdin.read(MAX_NOTE_CHARS + 1)
        else:
            with open(name, encoding="utf-8") as handle:
                text = handle.read(MAX_NOTE_CHARS + 1)
    except UnicodeDecodeError:
        raise InvalidInput(f"{name} is not UTF-8 text") from None
    except OSError as error:
        raise InvalidInput(f"cannot read notes from {name}: {error.strerror}") from None
    if len(text) > MAX_NOTE_CHARS:
        raise InvalidInput(f"notes are too long: the limit is {MAX_NOTE_CHARS:,} characters")
    return text.removeprefix("\ufeff")  # some editors start a file with a byte-order mark
