"""`watchlist status SHOW STATUS`: a status set by hand, or `auto` to follow progress."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from watchlist.cli.command import Command, show_argument
from watchlist.cli.output import EXIT_OK, safe
from watchlist.domain.model import Status

if TYPE_CHECKING:
    from watchlist.service.tracker import Tracker


def arguments(parser: argparse.ArgumentParser) -> None:
    show_argument(parser)
    parser.add_argument(
        "status", metavar="STATUS", help=", ".join([s.value for s in Status] + ["auto"])
    )


def run(tracker: Tracker, args: argparse.Namespace) -> int:
    result = tracker.set_status(args.show, args.status)
    print(f"{safe(result.show.title)}: {safe(result.status_phrase())}")
    return EXIT_OK


COMMAND = Command(
    name="status",
    summary="set a status by hand ('auto' lets progress decide again)",
    example="watchlist status metallic on-hold",
    listed_at=60,
    arguments=arguments,
    run=run,
)
