"""`watchlist edit SHOW`: correct when you started or finished a show, or its rewatches."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from watchlist.cli.command import Command, show_argument
from watchlist.cli.output import EXIT_OK, safe
from watchlist.domain.errors import InvalidInput
from watchlist.service.entries import DetailsInput

if TYPE_CHECKING:
    from watchlist.service.tracker import Tracker


def arguments(parser: argparse.ArgumentParser) -> None:
    show_argument(parser)
    parser.add_argument("--started", metavar="DATE", help="2024-01-20, 2024-01 or 2024; '' clears")
    parser.add_argument("--finished", metavar="DATE", help="as --started")
    parser.add_argument("--rewatches", metavar="N", help="how many times you have rewatched it")


def run(tracker: Tracker, args: argparse.Namespace) -> int:
    show = tracker.find(args.show)
    typed = DetailsInput(started=args.started, finished=args.finished, rewatches=args.rewatches)
    if typed == DetailsInput():
        raise InvalidInput("give --started, --finished or --rewatches")
    entry = tracker.set_details(show.slug, typed)
    started = entry.started.isoformat() if entry.started else "none"
    finished = entry.finished.isoformat() if entry.finished else "none"
    print(
        f"{safe(show.title)}: started {started}, finished {finished}, "
        f"rewatched {entry.rewatch_count} times"
    )
    return EXIT_OK


COMMAND = Command(
    name="edit",
    summary="correct when you started or finished a show, or how often you rewatched it",
    example="watchlist edit frieren --started 2023-09-29 --finished 2024-03-22",
    listed_at=90,
    arguments=arguments,
    run=run,
)
