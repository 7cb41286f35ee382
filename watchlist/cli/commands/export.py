"""`watchlist export`: a backup, a MyAnimeList list, or the diary as CSV."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from watchlist.cli.command import Command
from watchlist.cli.output import EXIT_OK, safe

if TYPE_CHECKING:
    from watchlist.service.tracker import Tracker


def arguments(parser: argparse.ArgumentParser) -> None:
    from watchlist.service.export_formats import DEFAULT_EXPORT, EXPORTERS

    parser.add_argument(
        "--format",
        choices=list(EXPORTERS),
        default=DEFAULT_EXPORT,
        help="; ".join(
            f"{f.name}: {f.writes}" + (" (default)" if f.name == DEFAULT_EXPORT else "")
            for f in EXPORTERS.values()
        ),
    )
    parser.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        help="write to FILE (atomically); - or none: standard output",
    )
    parser.add_argument(
        "--excel",
        action="store_true",
        help="csv: start with a byte-order mark, which Excel needs to read UTF-8",
    )


def run(tracker: Tracker, args: argparse.Namespace) -> int:
    exported = tracker.export(args.format, excel=args.excel)
    if args.output in (None, "-"):
        sys.stdout.buffer.write(exported.payload)
        sys.stdout.flush()
        # Standard output holds the data: what was written goes to standard error.
        print(f"Exported {safe(exported.what)} ({args.format})", file=sys.stderr)
        return EXIT_OK
    tracker.write_export(Path(args.output), exported.payload)
    print(f"Exported {safe(exported.what)} to {safe(args.output)} ({args.format})")
    return EXIT_OK


COMMAND = Command(
    name="export",
    summary="a backup, a MyAnimeList list, or the diary as CSV",
    example="watchlist export --format csv --excel -o diary.csv",
    listed_at=180,
    arguments=arguments,
    run=run,
    reads_only=True,
)
