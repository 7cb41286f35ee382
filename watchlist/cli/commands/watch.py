"""`watchlist watch SHOW [EPISODE ...]`: mark episodes watched."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from watchlist.cli.command import Command, show_argument
from watchlist.cli.output import EXIT_OK, safe
from watchlist.domain.progress import progress_phrase

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
    show = tracker.find(args.show)
    before = tracker.entry(show.slug)
    entry = tracker.watch(show.slug, args.episodes, upto=args.upto, on=args.on)
    added = sorted(set(entry.watched) - set(before.watched))
    if added:
        what = episodes_phrase(added)
        day = f" on {entry.watched[added[0]]}" if args.on else ""
        print(f"{safe(show.title)}: {what} watched{day} ({progress_phrase(show, entry)})")
    else:
        print(f"{safe(show.title)}: already marked ({progress_phrase(show, entry)})")
    return EXIT_OK


def episodes_phrase(numbers: list[int]) -> str:
    if len(numbers) == 1:
        return f"episode {numbers[0]}"
    if numbers == list(range(numbers[0], numbers[-1] + 1)):
        return f"episodes {numbers[0]}-{numbers[-1]}"
    return "episodes " + ", ".join(str(n) for n in numbers)


COMMAND = Command(
    name="watch",
    summary="mark episodes watched (none given: the next one)",
    example="watchlist watch metallic 3 4   or   watchlist watch frieren --upto 20",
    listed_at=40,
    arguments=arguments,
    run=run,
)
