"""`watchlist` on the command line: parse, call the tracker, print, exit 0/1/2."""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

from watchlist.cli.output import EXIT_BAD_INPUT, EXIT_FAILED, EXIT_OK, fail
from watchlist.domain.errors import InvalidInput
from watchlist.domain.shield import parse_spoilers
from watchlist.domain.text import printable_line
from watchlist.service.bulk import collector_paused
from watchlist.service.errors import DISK_FULL, ReadOnly, StorageError, UnusablePath
from watchlist.service.lookup import AmbiguousShow, ShowNotFound
from watchlist.service.tracker import Tracker

if TYPE_CHECKING:
    import argparse
    from pathlib import Path

    from watchlist.cli.command import Command


def main(argv: Sequence[str] | None = None) -> int:
    try:
        try:
            return _main(sys.argv[1:] if argv is None else argv)
        finally:
            # Output still buffered is written now, where a closed pipe can be caught,
            # not at interpreter shutdown.
            sys.stdout.flush()
    except BrokenPipeError:
        # The reader went away (`watchlist list | head`); that is not an error. Whatever
        # is left to write goes nowhere, so shutdown has nothing to complain about.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK


def _main(argv: Sequence[str]) -> int:
    args_list = list(argv)
    for position, arg in enumerate(args_list, 1):
        try:
            arg.encode("utf-8")
        except UnicodeEncodeError:
            # Python hands bytes that are not UTF-8 over as lone surrogates.
            shown = arg.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
            return fail(
                f"argument {position} ({shown[:40]!r}) is not valid UTF-8 text", EXIT_BAD_INPUT
            )
    if "_ARGCOMPLETE" in os.environ:  # a shell asking for completions, not a user
        from watchlist.cli.completion import complete
        from watchlist.cli.parser import build_parser

        complete(build_parser())  # it answers, and ends the process
    if not args_list:
        return _plain_tui(None)  # argparse would only add to the TUI's start-up
    from watchlist.cli.parser import UsageError, parse

    try:
        args, command = parse(args_list)
    except UsageError as error:
        return fail(f"{error} (see watchlist --help)", EXIT_BAD_INPUT)
    if command is None:  # only global options: the TUI, on that database
        return _plain_tui(args.db)
    if command.run_alone is not None:
        return command.run_alone(args)  # the TUI among them: it runs long, and collects
    # A command is over in a moment, and what it makes holds no cycles: the cycle
    # collector would only walk the records it reads again and again (a tenth of a
    # command at 100,000 shows). Reference counting frees them as before.
    with collector_paused():
        return run_command(command, args, args.debug or bool(os.environ.get("WATCHLIST_DEBUG")))


def _plain_tui(db: Path | None) -> int:
    """What `watchlist` with no command does: the tui command, with its defaults."""
    from watchlist.cli.commands.tui import open_tui

    return open_tui(db, None, my_list=False)


def run_command(command: Command, args: argparse.Namespace, debug: bool) -> int:
    assert command.run is not None
    try:
        # A dry run leaves nothing behind: no database, no folder, no lock file.
        # A command that only reads leaves a large library's shows, entries and
        # verdicts unparsed until read; one that changes records parses the entries as
        # it opens.
        tracker = Tracker.open(
            args.db, create=not getattr(args, "dry_run", False), changing=not command.reads_only
        )
        notices = tracker.notices()
        if notices:
            # The command did not run: the user should know what they now have.
            for notice in notices:
                fail(notice, EXIT_FAILED)
            return fail("nothing else was done; run the command again", EXIT_FAILED)
        if tracker.read_only and command.reads_only:
            print(
                f"watchlist: note: the database is read-only ({printable_line(tracker.read_only)});"
                " nothing can be saved",
                file=sys.stderr,
            )
        if getattr(args, "spoilers", None):
            tracker.spoilers = parse_spoilers(args.spoilers)  # for this command only
        return command.run(tracker, args)
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
        raise  # main's to end quietly
    except OSError as error:  # a path the system refuses (too long, a folder, no access)
        where = f" {printable_line(error.filename)[:80]}" if error.filename else ""
        # A full disk is a failure, as for every save, never bad input.
        code = EXIT_FAILED if error.errno in DISK_FULL else EXIT_BAD_INPUT
        return fail(f"cannot use{where}: {error.strerror or error}", code)
    except Exception as error:  # the last line of defence: one line, never a traceback
        if debug:
            raise
        return fail(f"unexpected error: {type(error).__name__}: {error}", EXIT_FAILED)
