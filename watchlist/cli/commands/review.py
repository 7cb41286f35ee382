"""`watchlist review add SHOW --file FILE`: a critic piece of your own."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from watchlist.cli.command import Action, Command, show_argument
from watchlist.cli.output import EXIT_OK, safe

if TYPE_CHECKING:
    from watchlist.service.tracker import Tracker


def arguments(parser: argparse.ArgumentParser) -> None:
    show_argument(parser)
    parser.add_argument("--file", metavar="FILE", type=Path, required=True, help="TOML or JSON")


def run(tracker: Tracker, args: argparse.Namespace) -> int:
    piece = tracker.add_piece(args.show, args.file)
    show = tracker.find(piece.show)
    print(
        f"{safe(show.title)}: added {safe(piece.byline)}'s {piece.kind.value} "
        f"({piece.score}/100, {piece.stance.value}) as {piece.id}"
    )
    return EXIT_OK


COMMAND = Command(
    name="review",
    summary="critic pieces of your own",
    example="watchlist review add metallic --file piece.toml",
    listed_at=200,
    action=Action(
        name="add",
        summary="add a critic piece from a TOML or JSON file",
        listed="a critic piece from a file",
        example="watchlist review add metallic --file piece.toml",
    ),
    arguments=arguments,
    run=run,
)
