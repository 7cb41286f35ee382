"""The command line's grammar: every command, option and help text.

Global options (--db, --debug) are accepted before or after the command: each
subcommand shares them through one parent parser whose defaults are suppressed,
so a value given after the command wins and one given before is kept.
"""

from __future__ import annotations

import argparse
import re
from pathlib import Path
from typing import Any, NoReturn

from watchlist import __version__
from watchlist.domain.model import Status
from watchlist.domain.scoring import ScoreFormat, Stance
from watchlist.domain.text import MAX_NOTE_CHARS
from watchlist.service.import_formats import CATALOG_FORMATS, FORMATS

SHOW_HELP = "a slug (metallic-rouge) or any unambiguous piece of a title (metallic)"
JSON_HELP = "print JSON (the shapes are documented in the README) instead of text"


class UsageError(Exception):
    """Arguments argparse could not make sense of."""


class Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        # argparse would print the whole usage block; one line is enough.
        unknown = re.match(r"argument COMMAND: invalid choice: ('[^']*')", message)
        if unknown:  # not the whole list of commands: --help has them
            raise UsageError(f"unknown command {unknown.group(1)}")
        raise UsageError(message)


def _global_options(parser: argparse.ArgumentParser, *, suppress: bool) -> None:
    default: Any = argparse.SUPPRESS if suppress else None
    parser.add_argument(
        "--db",
        type=Path,
        default=default,
        help="the database file (default: $WATCHLIST_DB, else the user data folder; "
        "`watchlist locate` prints it)",
    )
    parser.add_argument(
        "--debug",
        action="store_true",
        default=argparse.SUPPRESS if suppress else False,
        help="show the traceback of an unexpected error (also WATCHLIST_DEBUG=1)",
    )


def build_parser() -> Parser:
    parser = Parser(
        prog="watchlist",
        description="Track the anime season you are watching, and hold your take up "
        "against the critics'. With no command, opens the TUI.",
        epilog="Exit status: 0 done, 2 bad input (nothing changed), 1 anything else.",
    )
    _global_options(parser, suppress=False)
    parser.add_argument("--version", action="version", version=f"watchlist {__version__}")
    common = argparse.ArgumentParser(add_help=False)
    _global_options(common, suppress=True)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)

    def command(name: str, summary: str, example: str, **kwargs: Any) -> argparse.ArgumentParser:
        return sub.add_parser(
            name,
            help=summary,
            description=kwargs.pop("description", summary[:1].upper() + summary[1:] + "."),
            epilog=f"example: {example}",
            parents=[common],
            **kwargs,
        )

    def action(
        parent: argparse.ArgumentParser,
        dest: str,
        name: str,
        summary: str,
        example: str,
        listed: str,
        **kwargs: Any,
    ) -> argparse.ArgumentParser:
        """A command's one ACTION (`review add`, `catalog import`), as a parser of its own;
        `listed` is what the command's help says of it."""
        actions = parent.add_subparsers(
            dest=dest,
            metavar="ACTION",
            parser_class=Parser,
            required=True,
            help=f"{name}: {listed}",
        )
        return actions.add_parser(
            name, help=summary, parents=[common], epilog=f"example: {example}", **kwargs
        )

    def table_options(p: argparse.ArgumentParser) -> None:
        p.add_argument("--json", action="store_true", help=JSON_HELP)
        p.add_argument(
            "--format",
            choices=["table", "tsv", "csv", "json"],
            help="default: table on a terminal, tab-separated values in a pipe",
        )

    def show_argument(p: argparse.ArgumentParser) -> None:
        p.add_argument("show", metavar="SHOW", help=SHOW_HELP)

    tui = command("tui", "open the TUI (the default)", "watchlist tui --my-list")
    tui.add_argument("--season", help="season to open on, e.g. winter-2024")
    tui.add_argument("--my-list", action="store_true", help="open on My list")

    ls = command(
        "list",
        "the shows of a season, with your progress, score and the critics'",
        "watchlist list --season all --status watching --format tsv | cut -f2",
        description="The shows of a season. On a terminal, a table; in a pipe, whole "
        "values separated by tabs, one show a line, under a header line.",
    )
    ls.add_argument("--season", help="a season slug, or 'all' (default: your current season)")
    ls.add_argument("--status", help="only this status: " + ", ".join(s.value for s in Status))
    table_options(ls)

    show = command(
        "show", "a show's facts, episodes, progress and verdicts", "watchlist show metallic"
    )
    show_argument(show)
    show.add_argument("--json", action="store_true", help=JSON_HELP)

    watch = command(
        "watch",
        "mark episodes watched (none given: the next one)",
        "watchlist watch metallic 3 4   or   watchlist watch frieren --upto 20",
    )
    show_argument(watch)
    watch.add_argument(
        "episodes", metavar="EPISODE", nargs="*", help="episode numbers (default: the next one)"
    )
    watch.add_argument("--upto", metavar="N", help="mark every episode from 1 to N")
    watch.add_argument(
        "--on",
        metavar="DATE",
        help="the day you watched them, when catching up: 2024-01-20, yesterday (default: now)",
    )

    unwatch = command("unwatch", "unmark watched episodes", "watchlist unwatch metallic 4")
    show_argument(unwatch)
    unwatch.add_argument("episodes", metavar="EPISODE", nargs="+", help="episode numbers")

    status = command(
        "status",
        "set a status by hand ('auto' lets progress decide again)",
        "watchlist status metallic on-hold",
    )
    show_argument(status)
    status.add_argument(
        "status", metavar="STATUS", help=", ".join([s.value for s in Status] + ["auto"])
    )

    verdict = command(
        "verdict",
        "record your verdict on a show",
        "watchlist verdict metallic --score 8 --stance keep-watching --note 'Naomi!'",
    )
    show_argument(verdict)
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
        "--episode", metavar="N", help="the episode it is given at (default: your progress)"
    )
    which = verdict.add_mutually_exclusive_group()
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

    note = command(
        "note",
        "your note on a show as a whole ('' clears it)",
        "watchlist note metallic 'Worth it for Naomi alone.'",
    )
    show_argument(note)
    note.add_argument("text", metavar="TEXT", nargs="?", help="the note")
    note.add_argument("--file", metavar="FILE", help="read the note from FILE ('-' for stdin)")

    edit = command(
        "edit",
        "correct when you started or finished a show, or how often you rewatched it",
        "watchlist edit frieren --started 2023-09-29 --finished 2024-03-22",
    )
    show_argument(edit)
    edit.add_argument("--started", metavar="DATE", help="2024-01-20, 2024-01 or 2024; '' clears")
    edit.add_argument("--finished", metavar="DATE", help="as --started")
    edit.add_argument("--rewatches", metavar="N", help="how many times you have rewatched it")

    add = command(
        "add",
        "a show of your own, for one the catalog does not have",
        "watchlist add 'Kaiju No. 8' --episodes 12 --season spring-2024",
    )
    add.add_argument("title", metavar="TITLE", help="its title")
    add.add_argument("--episodes", metavar="N", help="how many episodes (default: unknown)")
    add.add_argument("--season", metavar="SLUG", help="the season it is on the board of")
    add.add_argument("--mal-id", metavar="ID", help="its MyAnimeList id, for imports and exports")
    add.add_argument("--studio", metavar="NAME", help="the studio that made it")

    rate = command("rate", "score or annotate one episode", "watchlist rate metallic 3 --score 9")
    show_argument(rate)
    rate.add_argument("episode", metavar="EPISODE", help="the episode number")
    rate.add_argument("--score", metavar="S", help="in your score format; '' clears it")
    rate.add_argument("--note", metavar="TEXT", help="'' clears it")

    critics = command(
        "critics", "what the critics said about a show", "watchlist critics metallic --json"
    )
    show_argument(critics)
    critics.add_argument("--json", action="store_true", help=JSON_HELP)

    compare = command("compare", "your verdict next to each critic's", "watchlist compare metallic")
    show_argument(compare)
    compare.add_argument("--json", action="store_true", help=JSON_HELP)

    stats = command(
        "stats",
        "episodes, hours, your score spread and which critics agree with you",
        "watchlist stats --season winter-2024",
    )
    stats.add_argument("--season", help="a season slug (default: everything)")
    stats.add_argument("--json", action="store_true", help=JSON_HELP)

    settings = command(
        "settings", "show or change settings", "watchlist settings --score-format 5-star"
    )
    settings.add_argument("--score-format", help=", ".join(f.value for f in ScoreFormat))
    settings.add_argument(
        "--theme", help="a Textual theme (a wrong name lists them), e.g. textual-dark"
    )
    settings.add_argument(
        "--blind", choices=["on", "off"], help="hide critics until you have given your own verdict"
    )
    settings.add_argument(
        "--season", help="the season the board and `list` open on, e.g. spring-2024"
    )
    settings.add_argument("--json", action="store_true", help=JSON_HELP)

    behind = command(
        "behind",
        "the shows you are watching: episodes aired and not watched yet, and what is next",
        "watchlist behind --on 2024-02-01",
    )
    behind.add_argument(
        "--on",
        metavar="DATE",
        help="count what had aired by this day: 2024-02-01, today or yesterday "
        "(default: today, or the last air date if everything has aired)",
    )
    table_options(behind)

    seasons = command(
        "seasons", "the seasons in the catalog, with how many shows each", "watchlist seasons"
    )
    table_options(seasons)

    export = command(
        "export",
        "a backup, a MyAnimeList list, or the diary as CSV",
        "watchlist export --format csv --excel -o diary.csv",
    )
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
        help="write to FILE (atomically); - or none: standard output",
    )
    export.add_argument(
        "--excel",
        action="store_true",
        help="csv: start with a byte-order mark, which Excel needs to read UTF-8",
    )

    imp = command(
        "import",
        "a list from another tracker, a backup, or shows of your own",
        "watchlist import animelist.xml.gz --dry-run",
        description="Import a file. Lists merge into yours: the file wins where it is "
        "ahead, and nothing of yours is lost. A fault in the file's structure refuses "
        "all of it; an odd entry is normalised or skipped, and the report says which. "
        "Formats: "
        + "; ".join(f"{name}: {what}" for name, what in FORMATS.items())
        + ". Exit 0 when every entry was read, 1 when some were skipped.",
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

    add = action(
        command(
            "review", "critic pieces of your own", "watchlist review add metallic --file piece.toml"
        ),
        "review_command",
        "add",
        "add a critic piece from a TOML or JSON file",
        "watchlist review add metallic --file piece.toml",
        "a critic piece from a file",
    )
    show_argument(add)
    add.add_argument("--file", metavar="FILE", type=Path, required=True, help="TOML or JSON")

    cat_import = action(
        command(
            "catalog",
            "season catalogs from a dataset (bangumi-data, anime-offline-database)",
            "watchlist catalog import data.json --season spring-2024",
        ),
        "catalog_command",
        "import",
        "add a dataset's seasons to the catalog",
        "watchlist catalog import package/dist/data.json --season spring-2024",
        "add a dataset's seasons to the catalog",
        description="Add the shows of a dataset's seasons to the catalog, beside your "
        "database. The hand-checked winter 2024 catalog wins: a dataset only fills its "
        "empty fields, and the report lists each disagreement. Importing again updates "
        "the shows; your progress and verdicts are never touched. Formats: "
        + "; ".join(f"{name}: {what}" for name, what in CATALOG_FORMATS.items())
        + ".",
    )
    cat_import.add_argument("file", metavar="FILE", help="the dataset file, or - for stdin")
    cat_import.add_argument(
        "--season",
        action="append",
        default=[],
        metavar="SLUG",
        help="a season to import, like spring-2024, or 'all'; repeat for more "
        "(default: every season from 2024 on)",
    )
    cat_import.add_argument(
        "--format", choices=list(CATALOG_FORMATS), help="default: told from the content"
    )
    cat_import.add_argument(
        "--dry-run", action="store_true", help="report what would change; write nothing"
    )

    command("locate", "print where the database file is", "watchlist locate")

    completion = command(
        "completion",
        "print the shell code that completes commands, options and show names",
        'eval "$(watchlist completion bash)"',
    )
    completion.add_argument(
        "shell", choices=["bash", "zsh", "fish"], help="the shell to print the code for"
    )
    return parser
