"""`watchlist undo [--list]`: take back the last change, step by step."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from watchlist.cli.command import Command, json_option
from watchlist.cli.jsonout import print_json
from watchlist.cli.output import EXIT_OK, safe
from watchlist.service.undoing import MAX_STEPS

if TYPE_CHECKING:
    from watchlist.service.tracker import Tracker
    from watchlist.service.undoing import Step


def arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--list", action="store_true", help="list what can be undone, newest first; undo nothing"
    )
    json_option(parser)


def run(tracker: Tracker, args: argparse.Namespace) -> int:
    if args.list:
        steps = tracker.history()
        if args.json:
            print_json([step_json(step) for step in steps])
        elif not steps:
            print("Nothing to undo.")
        for n, step in enumerate([] if args.json else steps, 1):
            print(f"{n:>3}  {_when(step)}  {safe(step.label)}")
        return EXIT_OK
    step = tracker.undo()
    if args.json:
        print_json(step_json(step))
    else:
        print(f"Undone: {safe(step.label)} (made {_when(step)})")
    return EXIT_OK


def step_json(step: Step) -> dict[str, Any]:
    return {"seq": step.seq, "at": step.at.isoformat(), "label": step.label}


def _when(step: Step) -> str:
    return step.at.astimezone().strftime("%Y-%m-%d %H:%M")


COMMAND = Command(
    name="undo",
    summary=f"take back the last change (marks, verdicts, imports...; up to {MAX_STEPS})",
    example="watchlist undo   or   watchlist undo --list",
    listed_at=85,
    description=f"Take back the last change you made, step by step: the last {MAX_STEPS} "
    "changes can be undone, across restarts (each undo is saved like any change). With "
    "nothing to undo, or when another copy of watchlist has changed the same thing since, "
    "nothing is changed and the exit status is 2.",
    arguments=arguments,
    run=run,
)
