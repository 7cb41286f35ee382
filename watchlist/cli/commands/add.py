"""`watchlist add TITLE`: a show of your own, for one the catalog does not have."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from watchlist.cli.command import Command
from watchlist.cli.output import EXIT_OK, safe

if TYPE_CHECKING:
    from watchlist.service.tracker import Tracker


def arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("title", metavar="TITLE", help="its title")
    parser.add_argument("--episodes", metavar="N", help="how many episodes (default: unknown)")
    parser.add_argument("--season", metavar="SLUG", help="the season it is on the board of")
    parser.add_argument(
        "--mal-id", metavar="ID", help="its MyAnimeList id, for imports and exports"
    )
    parser.add_argument("--studio", metavar="NAME", help="the studio that made it")


def run(tracker: Tracker, args: argparse.Namespace) -> int:
    show = tracker.add_show(
        args.title,
        episodes=args.episodes,
        season=args.season,
        mal_id=args.mal_id,
        studio=args.studio,
    )
    where = f" in {show.season}" if show.season else ""
    print(f"Added {safe(show.title)} as {show.slug}{where}")
    return EXIT_OK


COMMAND = Command(
    name="add",
    summary="a show of your own, for one the catalog does not have",
    example="watchlist add 'Kaiju No. 8' --episodes 12 --season spring-2024",
    listed_at=100,
    arguments=arguments,
    run=run,
)
