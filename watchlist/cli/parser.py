"""The command line's grammar: every command, option and help text."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import NoReturn

from watchlist import __version__
from watchlist.domain.model import Status
from watchlist.domain.scoring import ScoreFormat, Stance
from watchlist.domain.text import MAX_NOTE_CHARS
from watchlist.service.importing.formats import FORMATS


class UsageError(Exception):
    """Arguments argparse could not make sense of."""


class Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        # argparse would print the whole usage block; one line is enough.
        raise UsageError(message)


def build_parser() -> Parser:
    parser = Parser(
        prog="watchlist",
        description="Track the anime season you are watching, and hold your take up "
        "against the critics'. With no command, opens the TUI.",
    )
    parser.add_argument(
        "--db",
        type=Path,
        help="database file (default: $WATCHLIST_DB, "
        "else the user data folder; see `watchlist locate`)",
    )
    parser.add_argument("--version", action="version", version=f"watchlist {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)

    tui = sub.add_parser("tui", help="open the TUI (the default)")
    tui.add_argument("--season", help="season to open on, e.g. winter-2024")
    tui.add_argument("--my-list", action="store_true", help="open on My list")

    ls = sub.add_parser("list", help="shows of a season, or every show with --season all")
    ls.add_argument("--season", help="season slug, or 'all' (default: the latest season)")
    ls.add_argument(
        "--status", help="only shows with this status: " + ", ".join(s.value for s in Status)
    )
    ls.add_argument("--json", action="store_true", help="machine-readable output")

    show = sub.add_parser("show", help="a show's facts, episodes, progress and verdicts")
    show.add_argument("show", metavar="SHOW", help="slug or part of the title")
    show.add_argument("--json", action="store_true")

    watch = sub.add_parser("watch", help="mark episodes watched (none given: the next one)")
    watch.add_argument("show", metavar="SHOW")
    watch.add_argument("episodes", metavar="EPISODE", nargs="*")
    watch.add_argument("--upto", metavar="N", help="mark every episode from 1 to N")

    unwatch = sub.add_parser("unwatch", help="unmark watched episodes")
    unwatch.add_argument("show", metavar="SHOW")
    unwatch.add_argument("episodes", metavar="EPISODE", nargs="+")

    status = sub.add_parser("status", help="set a status by hand ('auto' hands it back)")
    status.add_argument("show", metavar="SHOW")
    status.add_argument(
        "status", metavar="STATUS", help=", ".join([s.value for s in Status] + ["auto"])
    )

    verdict = sub.add_parser("verdict", help="record your verdict on a show")
    verdict.add_argument("show", metavar="SHOW")
    verdict.add_argument("--score", metavar="S", help="in your score format (see `settings`)")
    verdict.add_argument("--stance", help=", ".join(s.value for s in Stance))
    notes = verdict.add_mutually_exclusive_group()
    notes.add_argument("--note", metavar="TEXT", help="your notes")
    notes.add_argument(
        "--note-file",
        metavar="FILE",
        help=f"read notes from FILE ('-' for stdin), up to {MAX_NOTE_CHARS:,} characters",
    )
    verdict.add_argument(
        "--episode", metavar="N", help="episode the verdict is given at (default: your progress)"
    )

    rate = sub.add_parser("rate", help="score or annotate one episode")
    rate.add_argument("show", metavar="SHOW")
    rate.add_argument("episode", metavar="EPISODE")
    rate.add_argument("--score", metavar="S", help="in your score format; '' clears it")
    rate.add_argument("--note", metavar="TEXT", help="'' clears it")

    critics = sub.add_parser("critics", help="what the critics said about a show")
    critics.add_argument("show", metavar="SHOW")
    critics.add_argument("--json", action="store_true")

    compare = sub.add_parser("compare", help="your verdict next to each critic's")
    compare.add_argument("show", metavar="SHOW")
    compare.add_argument("--json", action="store_true")

    stats = sub.add_parser("stats", help="episodes, hours, your scores, critic affinity")
    stats.add_argument("--season", help="season slug (default: everything)")
    stats.add_argument("--json", action="store_true")

    settings = sub.add_parser("settings", help="show or change settings")
    settings.add_argument("--score-format", help=", ".join(f.value for f in ScoreFormat))
    settings.add_argument("--theme", help="a Textual theme name, e.g. textual-dark")
    settings.add_argument(
        "--blind", choices=["on", "off"], help="hide critics until you have given your own verdict"
    )
    settings.add_argument("--json", action="store_true")

    export = sub.add_parser("export", help="a backup, a MyAnimeList list, or the diary as CSV")
    export.add_argument(
        "--format",
        choices=["json", "mal-xml", "csv"],
        default="json",
        help="json: a full backup (default); mal-xml: for MAL, AniList, Taiga; "
        "csv: one row per episode watched",
    )
    export.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        type=Path,
        help="write to FILE (atomically) instead of stdout",
    )

    imp = sub.add_parser(
        "import",
        help="a list from another tracker, a backup, or shows of your own",
        description="Import a file. Lists merge into yours: the file wins where it is "
        "ahead, and nothing of yours is lost. A fault in the file's structure refuses "
        "all of it; an odd entry is normalised or skipped, and the report says which. "
        "Formats: "
        + "; ".join(f"{name}: {what}" for name, what in FORMATS.items())
        + ". Exit 0 when every entry was read, 1 when some were skipped.",
        epilog="example: watchlist import animelist.xml.gz --dry-run",
    )
    imp.add_argument("file", metavar="FILE", help="the file, or - for standard input")
    imp.add_argument("--format", choices=list(FORMATS), help="default: told from the content")
    imp.add_argument(
        "--dry-run", action="store_true", help="report what would change; write nothing at all"
    )
    imp.add_argument("--strict", action="store_true", help="any odd entry refuses the whole file")
    imp.add_argument(
        "--overwrite",
        action="store_true",
        help="the file wins on every field it carries (default: only where it is ahead)",
    )
    imp.add_argument(
        "--add-unmatched",
        action="store_true",
        help="lists: add entries that are not in the catalog as your own shows",
    )
    imp.add_argument(
        "--score-format",
        metavar="F",
        help="AniList lists that do not say: POINT_100, POINT_10_DECIMAL, POINT_10, "
        "POINT_5 or POINT_3 (default: guessed from the scores, and reported)",
    )

    review = sub.add_parser("review", help="critic pieces of your own")
    review_sub = review.add_subparsers(
        dest="review_command", metavar="ACTION", parser_class=Parser, required=True
    )
    add = review_sub.add_parser("add", help="add a critic piece from a TOML or JSON file")
    add.add_argument("show", metavar="SHOW")
    add.add_argument("--file", metavar="FILE", type=Path, required=True)

    sub.add_parser("locate", help="print where the database file is")
    return parser
