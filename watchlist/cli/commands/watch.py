"""`watchlist watch SHOW [EPISODE ...]`: mark episodes watched."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from watchlist.cli.command import Command, show_argument
from watchlist.cli.output import EXIT_OK, safe
from watchlist.domain.progress import progress_phrase
from watchlist.domain.text import episodes_phrase

if TYPE_CHECKING:
    from watchlist.service.tracker import Tracker


def arguments(parser: argparse.ArgumentParser) -> None:
    show_argument(parser)
    parser.add_argument(
        "episodes", metavar="EPISODE", nargs="*", help="episode numbers (default: the next one)"
    )
    parser.add_argument("--upto", metavar="N", help="mark every episode from 1 to N")
    parser.add_argument(
        "--on",
        metavar="DATE",
        help="the day you watched them, when catching up: 2024-01-20, yesterday (default: now)",
    )


def run(tracker: Tracker, args: argparse.Namespace) -> int:
    result = tracker.watch(args.show, args.episodes, upto=args.upto, on=args.on)
    show, entry, added = result.show, result.entry, result.added
    for note in result.notes:
        print(f"watchlist: note: {safe(note)}", file=sys.stderr)
    if result.checkpoint is not None:
        print(
            f"watchlist: hint: your take at episode {result.checkpoint}? "
            f"watchlist verdict {show.slug} --episode {result.checkpoint} --score N",
            file=sys.stderr,
        )
    if added:
        what = episodes_phrase(added)
        day = f" on {entry.watched[added[0]]}" if args.on else ""
        print(f"{safe(show.title)}: {what} watched{day} ({progress_phrase(show, entry)})")
    else:
        print(f"{safe(show.title)}: already marked ({progress_phrase(show, entry)})")
    return EXIT_OK


COMMAND = Command(
    name="watch",
    summary="mark episodes watched (none given: the next one)",
    example="watchlist watch metallic 3 4   or   watchlist watch frieren --upto 20",
    listed_at=40,
    arguments=arguments,
    run=run,
)
