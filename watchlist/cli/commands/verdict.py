"""`watchlist verdict SHOW`: record your verdict on a show, correct it, or delete it."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from watchlist.cli.command import Command, read_note_file, show_argument
from watchlist.cli.output import EXIT_OK, safe
from watchlist.domain.errors import InvalidInput
from watchlist.domain.scoring import Stance, show_score
from watchlist.domain.text import MAX_NOTE_CHARS
from watchlist.service.verdicts import VerdictInput

if TYPE_CHECKING:
    from watchlist.domain.model import Show
    from watchlist.service.tracker import Tracker


def arguments(parser: argparse.ArgumentParser) -> None:
    show_argument(parser)
    parser.add_argument("--score", metavar="S", help="in your score format (see `settings`)")
    parser.add_argument("--stance", help=", ".join(s.value for s in Stance))
    notes = parser.add_mutually_exclusive_group()
    notes.add_argument("--note", metavar="TEXT", help="your notes")
    notes.add_argument(
        "--note-file",
        metavar="FILE",
        help=f"read notes from FILE ('-' for stdin), up to {MAX_NOTE_CHARS:,} characters",
    )
    parser.add_argument(
        "--episode", metavar="N", help="the episode it is given at (default: your progress)"
    )
    which = parser.add_mutually_exclusive_group()
    which.add_argument(
        "--edit",
        nargs="?",
        const="latest",
        metavar="ID",
        help="correct a verdict in place instead of adding one (default: the latest; "
        "`show SHOW --json` lists the ids)",
    )
    which.add_argument(
        "--delete",
        nargs="?",
        const="latest",
        metavar="ID",
        help="delete a verdict (default: the latest); it leaves no trace in stats",
    )


def run(tracker: Tracker, args: argparse.Namespace) -> int:
    show = tracker.find(args.show)
    if args.delete is not None:
        return _delete(tracker, show, args)
    fmt = tracker.settings().score_format
    notes = read_note_file(args.note_file) if args.note_file else args.note
    typed = VerdictInput(args.score, args.stance, notes, args.episode)
    if args.edit is not None:
        verdict = tracker.edit_verdict(show.slug, args.edit, typed)
        done = f"verdict {verdict.id} corrected"
    else:
        mismatch = tracker.check_verdict(show.slug, typed).mismatch
        if mismatch:
            print(f"watchlist: note: {mismatch}", file=sys.stderr)
        verdict = tracker.give_verdict(show.slug, typed)
        done = "verdict saved"
    at = "before episode 1" if not verdict.episode else f"at episode {verdict.episode}"
    print(
        f"{safe(show.title)}: {done}, {show_score(verdict.effective_score, fmt)} "
        f"({verdict.effective_stance.value}) {at}"
    )
    return EXIT_OK


def _delete(tracker: Tracker, show: Show, args: argparse.Namespace) -> int:
    if args.edit is not None or any(
        x is not None for x in (args.score, args.stance, args.note, args.note_file)
    ):
        raise InvalidInput("--delete takes no other verdict option")
    fmt = tracker.settings().score_format
    gone = tracker.delete_verdict(show.slug, args.delete)
    print(
        f"{safe(show.title)}: verdict {gone.id} deleted "
        f"({show_score(gone.effective_score, fmt)}, {gone.effective_stance.value}); "
        "`watchlist undo` brings it back"
    )
    return EXIT_OK


COMMAND = Command(
    name="verdict",
    summary="record your verdict on a show",
    example="watchlist verdict metallic --score 8 --stance keep-watching --note 'Naomi!'",
    listed_at=70,
    arguments=arguments,
    run=run,
)
