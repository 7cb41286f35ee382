"""`watchlist import FILE`: a list from another tracker, a backup, or shows of your own."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from watchlist.cli.command import Command
from watchlist.cli.output import EXIT_FAILED, EXIT_OK, safe
from watchlist.service.import_formats import FORMATS

if TYPE_CHECKING:
    from watchlist.service.tracker import Tracker


def arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", metavar="FILE", help="the file, or - for standard input")
    parser.add_argument("--format", choices=list(FORMATS), help="default: told from the content")
    parser.add_argument(
        "--dry-run", action="store_true", help="report what would change; write nothing at all"
    )
    parser.add_argument(
        "--strict", action="store_true", help="any odd entry refuses the whole file"
    )
    parser.add_argument(
        "--overwrite",
        action="store_true",
        help="the file wins on every field it carries (default: only where it is ahead)",
    )
    parser.add_argument(
        "--add-unmatched",
        action="store_true",
        help="lists: add entries that are not in the catalog as your own shows",
    )
    parser.add_argument(
        "--score-format",
        metavar="F",
        help="AniList lists that do not say: POINT_100, POINT_10_DECIMAL, POINT_10, "
        "POINT_5 or POINT_3 (default: guessed from the scores, and reported)",
    )


def run(tracker: Tracker, args: argparse.Namespace) -> int:
    report = tracker.import_file(
        args.file,
        fmt=args.format,
        progress=_progress_line if sys.stderr.isatty() else None,
        dry_run=args.dry_run,
        strict=args.strict,
        overwrite=args.overwrite,
        add_unmatched=args.add_unmatched,
        score_format=args.score_format,
    )
    if sys.stderr.isatty():
        print("\r\033[K", end="", file=sys.stderr)
    for line in report.lines:
        print(safe(line))
    return EXIT_FAILED if report.skipped else EXIT_OK


def _progress_line(done: int, total: int) -> None:
    print(f"\rImporting: {done:,} of {total:,} entries", end="", file=sys.stderr, flush=True)


COMMAND = Command(
    name="import",
    summary="a list from another tracker, a backup, or shows of your own",
    example="watchlist import animelist.xml.gz --dry-run",
    listed_at=190,
    description="Import a file. Lists merge into yours: the file wins where it is "
    "ahead, and nothing of yours is lost. A fault in the file's structure refuses "
    "all of it; an odd entry is normalised or skipped, and the report says which. "
    "Formats: "
    + "; ".join(f"{name}: {what}" for name, what in FORMATS.items())
    + ". Exit 0 when every entry was read, 1 when some were skipped.",
    arguments=arguments,
    run=run,
)
