"""What the commands print through: exit statuses, error lines, and the choice between
JSON, a table for people and whole values for scripts."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from watchlist.cli.jsonout import print_json
from watchlist.domain.text import printable_line

EXIT_OK, EXIT_FAILED, EXIT_BAD_INPUT = 0, 1, 2


def fail(message: str, code: int, details: Sequence[str] = ()) -> int:
    """One line on standard error (and any details under it); returns `code`."""
    print(f"watchlist: {printable_line(message)}", file=sys.stderr)
    for line in details:
        print(f"  {printable_line(line)}", file=sys.stderr)
    return code


def safe(text: str) -> str:
    """Data on one line, with nothing in it a terminal would act on."""
    return printable_line(text)


def wants_json(args: argparse.Namespace) -> bool:
    return bool(getattr(args, "json", False) or getattr(args, "format", None) == "json")


def emit(args: argparse.Namespace, shape: Callable[[], Any], show: Callable[[], None]) -> int:
    """Print `shape()` as JSON with --json, else let `show` print it for people."""
    if wants_json(args):
        print_json(shape())
    else:
        show()
    return EXIT_OK


def table_shape(args: argparse.Namespace) -> str:
    """json, table (on a terminal), tsv (in a pipe) or csv: what a table command prints."""
    if args.json:
        return "json"
    return str(args.format or ("table" if sys.stdout.isatty() else "tsv"))


def plain_table(shape: str, header: list[str], rows: Iterable[list[str]]) -> None:
    """Whole values for scripts: tab-separated, or CSV when `shape` says so."""
    from watchlist.cli.plain import write_table

    write_table(header, rows, sys.stdout, csv_format=shape == "csv")
