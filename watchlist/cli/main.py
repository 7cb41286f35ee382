"""`watchlist` on the command line: parse, call the tracker, print, exit 0/1/2."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from watchlist.domain.errors import InvalidInput
from watchlist.domain.text import printable_line
from watchlist.service.errors import ReadOnly, StorageError, UnusablePath
from watchlist.service.lookup import AmbiguousShow, ShowNotFound
from watchlist.service.tracker import Tracker, default_db_path

if TYPE_CHECKING:
    import argparse

EXIT_OK, EXIT_FAILED, EXIT_BAD_INPUT = 0, 1, 2
READING = {"list", "show", "critics", "compare", "stats", "export", "settings", "seasons", "behind"}
"""Commands that only read: on a read-only database they say so, and run."""


def fail(message: str, code: int, details: Sequence[str] = ()) -> int:
    print(f"watchlist: {printable_line(message)}", file=sys.stderr)
    for line in details:
        print(f"  {printable_line(line)}", file=sys.stderr)
    return code


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    for position, arg in enumerate(args_list, 1):
        try:
            arg.encode("utf-8")
        except UnicodeEncodeError:
            # Python hands bytes that are not UTF-8 over as lone surrogates.
            shown = arg.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
            return fail(
                f"argument {position} ({shown[:40]!r}) is not valid UTF-8 text", EXIT_BAD_INPUT
            )
    if not args_list:
        # Plain `watchlist` opens the TUI; argparse would only add to start-up.
        return run_tui(None, None, my_list=False)
    from watchlist.cli.parser import UsageError, build_parser

    parser = build_parser()
    if "_ARGCOMPLETE" in os.environ:  # a shell asking for completions, not a user
        from watchlist.cli.completion import complete

        complete(parser)
    try:
        args = parser.parse_args(args_list)
    except UsageError as error:
        return fail(f"{error} (see watchlist --help)", EXIT_BAD_INPUT)
    debug = args.debug or bool(os.environ.get("WATCHLIST_DEBUG"))
    if args.command in (None, "tui"):
        return run_tui(
            args.db, getattr(args, "season", None), my_list=getattr(args, "my_list", False)
        )
    if args.command == "locate":
        print(printable_line(str(args.db or default_db_path())))
        return EXIT_OK
    if args.command == "completion":
        from watchlist.cli.completion import shellcode

        print(shellcode(args.shell))
        return EXIT_OK
    return run_command(args, debug)


def run_command(args: argparse.Namespace, debug: bool) -> int:
    try:
        # A dry run leaves nothing behind: no database, no folder, no lock file.
        tracker = Tracker.open(args.db, create=not getattr(args, "dry_run", False))
        notices = tracker.notices()
        if notices:
            # The command did not run: the user should know what they now have.
            for notice in notices:
                fail(notice, EXIT_FAILED)
            return fail("nothing else was done; run the command again", EXIT_FAILED)
        if tracker.read_only and args.command in READING:
            print(
                f"watchlist: note: the database is read-only ({printable_line(tracker.read_only)});"
                " nothing can be saved",
                file=sys.stderr,
            )
        from watchlist.cli.commands import COMMANDS

        command: Callable[[Tracker, argparse.Namespace], int] = COMMANDS[args.command]
        return command(tracker, args)
    except (ShowNotFound, AmbiguousShow) as error:
        lines = [f"{s.slug:<40} {s.title}" for s in error.candidates]
        if lines and isinstance(error, ShowNotFound):
            lines.insert(0, "did you mean:")
        return fail(str(error), EXIT_BAD_INPUT, lines)
    except InvalidInput as error:
        return fail(str(error), EXIT_BAD_INPUT)
    except (ReadOnly, UnusablePath) as error:  # refused before anything was written
        return fail(str(error), EXIT_BAD_INPUT)
    except StorageError as error:
        return fail(str(error), EXIT_FAILED)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader went away (`watchlist list | head`); that is not an error.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    except OSError as error:  # a path the system refuses (too long, a folder, no access)
        where = f" {printable_line(error.filename)[:80]}" if error.filename else ""
        return fail(f"cannot use{where}: {error.strerror or error}", EXIT_BAD_INPUT)
    except Exception as error:  # the last line of defence: one line, never a traceback
        if debug:
            raise
        return fail(f"unexpected error: {type(error).__name__}: {error}", EXIT_FAILED)


def run_tui(db: Path | None, season: str | None, *, my_list: bool) -> int:
    """Open the TUI; Textual is imported only here."""
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        # Without a terminal Textual would draw into a pipe forever.
        return fail(
            "the TUI needs a terminal; to print the season instead, run `watchlist list`",
            EXIT_BAD_INPUT,
        )
    try:
        tracker = Tracker.open(db)
    except UnusablePath as error:
        return fail(str(error), EXIT_BAD_INPUT)
    except StorageError as error:
        return fail(str(error), EXIT_FAILED)
    try:
        if season:
            season = tracker.season(season).slug
    except InvalidInput as error:
        return fail(str(error), EXIT_BAD_INPUT)
    from watchlist.tui.app import make_app  # deferred: the CLI never loads Textual

    app = make_app(tracker, season=season, start="my-list" if my_list else "board")
    app.run()
    return app.return_code or EXIT_OK
