"""`watchlist unwatch SHOW EPISODE ...`: unmark watched episodes."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from watchlist.cli.command import Command, show_argument
from watchlist.cli.output import EXIT_OK, safe
from watchlist.domain.progress import progress_phrase
from watchlist.domain.text import episodes_phrase

if TYPE_CHECKING:
    from watchlist.service.tracker import Tracker


def arguments(parser: argparse.ArgumentParser) -> None:
    show_argument(parser)
    parser.add_argument("episodes", metavar="EPISODE", nargs="+", help="episode numbers")


def run(tracker: Tracker, args: argparse.Namespace) -> int:
    result = tracker.unwatch(args.show, args.episodes)
    show, entry = result.show, result.entry
    print(
        f"{safe(show.title)}: {episodes_phrase(result.removed)} unmarked "
        f"({progress_phrase(show, entry)})"
    )
    return EXIT_OK


COMMAND = Command(
    name="unwatch",
    summary="unmark watched episodes",
    example="watchlist unwatch metallic 4",
    listed_at=50,
    arguments=arguments,
    run=run,
)
