"""`watchlist tui`, which plain `watchlist` runs too: the TUI, the only thing that loads
Textual."""

from __future__ import annotations

import argparse
import gc
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from watchlist.cli.command import Command
from watchlist.cli.output import EXIT_BAD_INPUT, EXIT_FAILED, EXIT_OK, fail
from watchlist.domain.errors import InvalidInput
from watchlist.service.bulk import collector_paused
from watchlist.service.errors import StorageError, UnusablePath
from watchlist.service.tracker import Tracker

if TYPE_CHECKING:
    from watchlist.tui.app import WatchlistApp


def arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--season", help="season to open on, e.g. winter-2024")
    parser.add_argument("--my-list", action="store_true", help="open on My list")


def run(args: argparse.Namespace) -> int:
    return open_tui(args.db, args.season, my_list=args.my_list)


def open_tui(db: Path | None, season: str | None, *, my_list: bool) -> int:
    """Open the TUI; Textual is imported only here."""
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        # Without a terminal Textual would draw into a pipe forever.
        return fail(
            "the TUI needs a terminal; to print the season instead, run `watchlist list`",
            EXIT_BAD_INPUT,
        )
    try:
        app = load_tui(db, season, start="my-list" if my_list else "board")
    except (UnusablePath, InvalidInput) as error:
        return fail(str(error), EXIT_BAD_INPUT)
    except StorageError as error:
        return fail(str(error), EXIT_FAILED)
    app.run()
    return app.return_code or EXIT_OK


def load_tui(db: Path | None, season: str | None, *, start: str) -> WatchlistApp:
    """The TUI on the database at `db`, opening on `season` (or the default) and the
    mode named `start`, ready to run."""
    # Loading Textual and the library makes objects that live until the TUI ends: the
    # collector would only walk them as they are made (a few milliseconds of start-up).
    with collector_paused():
        tracker = Tracker.open(db)
        if season:
            season = tracker.season(season).slug
        from watchlist.tui.app import make_app  # deferred: the CLI never loads Textual

        app = make_app(tracker, season=season, start=start)
    gc.freeze()
    return app


COMMAND = Command(
    name="tui",
    summary="open the TUI (the default)",
    example="watchlist tui --my-list",
    listed_at=10,
    arguments=arguments,
    run_alone=run,
)
