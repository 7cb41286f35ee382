"""`watchlist picks`: the season's shows you have not judged, ranked by the critics who
agree with you."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING, Any

from watchlist.cli.command import Command, json_option, spoilers_option
from watchlist.cli.jsonout import print_json
from watchlist.cli.output import EXIT_OK, safe

if TYPE_CHECKING:
    from watchlist.domain.picks import Picks
    from watchlist.service.tracker import Tracker


def arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--season", help="a season slug (default: your current season)")
    json_option(parser)
    spoilers_option(parser)


def run(tracker: Tracker, args: argparse.Namespace) -> int:
    from watchlist.domain.picks import NONE_LEFT  # read once picks are asked for

    result = tracker.picks(args.season)
    if result.needs:
        # Said, not guessed: on stderr beside an empty list, for scripts.
        print(f"watchlist: no picks yet: {safe(result.needs)}", file=sys.stderr)
    if args.json:
        print_json(picks_json(result))
        return EXIT_OK
    if not result.picks and not result.needs:
        print(NONE_LEFT)
    for n, item in enumerate(result.picks, 1):
        critics = f"{item.critics} critic" + ("" if item.critics == 1 else "s")
        print(f"{n:>3}. {safe(result.title(item.show))}  {item.predicted}/100 ({critics})")
        print(f"     {safe(item.reason)}")
    return EXIT_OK


def picks_json(result: Picks) -> list[dict[str, Any]]:
    """The picks, best first (none while there is nothing to go on)."""
    return [
        {
            "slug": item.show,
            "predicted": item.predicted,
            "reason": item.reason,
            "critics": item.critics,
        }
        for item in result.picks
    ]


COMMAND = Command(
    name="picks",
    summary="the season's shows you have not judged, ranked by critics who agree with you",
    example="watchlist picks --season winter-2024",
    listed_at=145,
    description="The season's shows you have no verdict on (plan-to-watch, not on your list, "
    "or watching without one), ranked by a score predicted from the critics who agree with "
    "you: each critic who reviewed at least 2 of the shows you judged counts, weighted by "
    "how close their scores came to yours. Blind mode turns picks off (exit 2).",
    arguments=arguments,
    run=run,
    reads_only=True,
)
