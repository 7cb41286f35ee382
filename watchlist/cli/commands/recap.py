"""`watchlist recap`: you against the critics over a season, as Markdown for a forum
post, one self-contained web page, or JSON."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from watchlist.cli.command import Command, spoilers_option
from watchlist.cli.output import EXIT_OK, safe

if TYPE_CHECKING:
    from watchlist.service.tracker import Tracker


def arguments(parser: argparse.ArgumentParser) -> None:
    from watchlist.service.recap_formats import DEFAULT_RECAP, RECAP_FORMATS

    parser.add_argument("--season", help="a season slug (default: your current season)")
    parser.add_argument(
        "--format",
        choices=list(RECAP_FORMATS),
        help="; ".join(
            f"{f.name}: {f.writes}" + (" (default)" if f.name == DEFAULT_RECAP else "")
            for f in RECAP_FORMATS.values()
        )
        + "; without it, -o FILE chooses by its ending (.html, .json, .md)",
    )
    parser.add_argument(
        "--json", action="store_true", help="the same as --format json (the shape is in the README)"
    )
    parser.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        help="write to FILE (atomically); - or none: standard output",
    )
    spoilers_option(parser)


def run(tracker: Tracker, args: argparse.Namespace) -> int:
    from watchlist.service.recap_formats import format_for

    to_file = args.output not in (None, "-")
    fmt = "json" if args.json else args.format or format_for(Path(args.output) if to_file else None)
    text = tracker.recap_document(args.season, fmt)
    if not to_file:
        sys.stdout.write(text)
        sys.stdout.flush()
        return EXIT_OK
    tracker.write_export(Path(args.output), text.encode("utf-8"))
    print(f"Wrote the recap to {safe(args.output)} ({fmt})")
    return EXIT_OK


COMMAND = Command(
    name="recap",
    summary="you against the critics over a season: Markdown, a web page, or JSON",
    example="watchlist recap --season winter-2024 -o recap.html",
    listed_at=146,
    description="You against the critics over a season: your ranking beside the reviews', "
    "where you were warmer or colder, your closest and farthest critics, whether the "
    "previews (and you) called it, where you changed your mind, who called it, episodes "
    "and hours by week, and both score spreads. Markdown (pastes into a forum post) by "
    "default; --format html writes one self-contained page with inline charts; JSON for "
    "scripts. The spoiler shield and blind mode apply.",
    arguments=arguments,
    run=run,
    reads_only=True,
)
