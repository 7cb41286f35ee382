"""`watchlist rate SHOW EPISODE`: score or annotate one episode."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from watchlist.cli.command import Command, show_argument
from watchlist.cli.output import EXIT_OK, safe
from watchlist.domain.errors import InvalidInput
from watchlist.domain.numbers import parse_whole
from watchlist.domain.scoring import show_score

if TYPE_CHECKING:
    from watchlist.service.tracker import Tracker


def arguments(parser: argparse.ArgumentParser) -> None:
    show_argument(parser)
    parser.add_argument("episode", metavar="EPISODE", help="the episode number")
    parser.add_argument("--score", metavar="S", help="in your score format; '' clears it")
    parser.add_argument("--note", metavar="TEXT", help="'' clears it")


def run(tracker: Tracker, args: argparse.Namespace) -> int:
    if args.score is None and args.note is None:
        raise InvalidInput("give --score, --note or both")
    show = tracker.find(args.show)
    entry = tracker.rate_episode(show.slug, args.episode, score=args.score, note=args.note).entry
    number = parse_whole(args.episode, what="episode", low=1, high=None)
    fmt = tracker.settings().score_format
    score = show_score(entry.ratings.get(number), fmt)
    print(f"{safe(show.title)} episode {number}: score {score}")
    return EXIT_OK


COMMAND = Command(
    name="rate",
    summary="score or annotate one episode",
    example="watchlist rate metallic 3 --score 9",
    listed_at=110,
    arguments=arguments,
    run=run,
)
