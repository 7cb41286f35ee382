"""`watchlist note SHOW TEXT`: your note on a show as a whole."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from watchlist.cli.command import Command, read_note_file, show_argument
from watchlist.cli.output import EXIT_OK, safe
from watchlist.domain.errors import InvalidInput

if TYPE_CHECKING:
    from watchlist.service.tracker import Tracker


def arguments(parser: argparse.ArgumentParser) -> None:
    show_argument(parser)
    parser.add_argument("text", metavar="TEXT", nargs="?", help="the note")
    parser.add_argument("--file", metavar="FILE", help="read the note from FILE ('-' for stdin)")


def run(tracker: Tracker, args: argparse.Namespace) -> int:
    show = tracker.find(args.show)
    text = read_note_file(args.file) if args.file else args.text
    if text is None:
        raise InvalidInput("give the note's text, '' to clear it, or --file")
    entry = tracker.set_note(show.slug, text)
    said = "note saved" if entry.comments else "note cleared"
    print(f"{safe(show.title)}: {said}")
    return EXIT_OK


COMMAND = Command(
    name="note",
    summary="your note on a show as a whole ('' clears it)",
    example="watchlist note metallic 'Worth it for Naomi alone.'",
    listed_at=80,
    arguments=arguments,
    run=run,
)
