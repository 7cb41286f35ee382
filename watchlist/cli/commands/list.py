"""`watchlist list`: the shows of a season, as a table, whole values or JSON."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from watchlist.cli.command import Command, spoilers_option, table_options
from watchlist.cli.jsonout import community_json, print_json
from watchlist.cli.output import EXIT_OK, plain_table, table_shape
from watchlist.domain.model import Status
from watchlist.domain.progress import parse_status, progress_count
from watchlist.domain.scoring import ScoreFormat, show_score

if TYPE_CHECKING:
    from watchlist.service.listing import ListedRow
    from watchlist.service.tracker import Tracker
    from watchlist.service.views import Row

    Printed = Row | ListedRow
    """A row as the board has it, or as the listing reads it from storage: one printer."""


def arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--season", help="a season slug, or 'all' (default: your current season)")
    parser.add_argument("--status", help="only this status: " + ", ".join(s.value for s in Status))
    parser.add_argument(
        "--tag", help="only shows with this tag (a dataset's, such as action, or your own)"
    )
    table_options(parser)
    spoilers_option(parser)


def run(tracker: Tracker, args: argparse.Namespace) -> int:
    season = None
    if args.season != "all":
        season = tracker.season(args.season).slug if args.season else tracker.default_season()
    status = parse_status(args.status) if args.status else None
    rows = tracker.listing(season, status=status)
    if args.tag is not None:
        rows = [row for row in rows if row.tagged(args.tag)]
    fmt = tracker.settings().score_format
    shape = table_shape(args)
    if shape == "json":
        print_json([row_json(row, fmt) for row in rows])
    elif shape == "table":
        print_rows(rows, fmt, tracker.season(season).name if season else None)
    else:
        header = ["slug", "title", "season", "studios", "progress", "status"]
        header += [f"score ({fmt.value})", "critics (0-100)"]
        plain_table(shape, header, (_fields(row, fmt) for row in rows))
    return EXIT_OK


def row_json(row: Printed, fmt: ScoreFormat) -> dict[str, Any]:
    show, entry = row.show, row.entry
    return {
        "slug": show.slug,
        "title": show.title,
        "title_romaji": show.title_romaji,
        "title_native": show.title_native,
        "season": show.season,
        "studios": list(show.studios),
        "episodes": show.episodes,
        "watched": sorted(entry.watched),
        "progress": entry.progress,
        "status": row.status.value if row.status else None,
        "score": row.score,
        "score_text": show_score(row.score, fmt) if row.score is not None else None,
        "stance": row.verdict.effective_stance.value if row.verdict else None,
        "critic_score": row.critic_score,
        "critics_hidden": row.hidden,
        "community": community_json(show, row.audience_hidden),
        "tags": list(show.tags),
        "my_tags": list(entry.tags),
    }


def _fields(row: Printed, fmt: ScoreFormat) -> list[str]:
    critics = row.critic_score
    return [
        row.show.slug,
        row.title,
        row.show.season or "",
        ", ".join(row.show.studios),
        progress_count(row.entry.progress, row.show.episodes),
        row.status.value if row.status else "",
        show_score(row.score, fmt) if row.score is not None else "",
        "hidden" if row.hidden else (str(critics) if critics is not None else ""),
    ]


def print_rows(rows: list[ListedRow], fmt: ScoreFormat, season: str | None) -> None:
    from rich import box
    from rich.table import Table

    from watchlist.cli.render import console, t

    table = Table(
        box=box.SIMPLE_HEAD,
        title=t(season or "all seasons"),
        title_justify="left",
        pad_edge=False,
        expand=True,
    )
    table.add_column("Title", ratio=1, no_wrap=True, overflow="ellipsis", min_width=16)
    table.add_column("Studio", no_wrap=True, overflow="ellipsis", max_width=14)
    table.add_column("Progress", justify="right", no_wrap=True, min_width=8)
    table.add_column("Status", no_wrap=True, min_width=13)
    table.add_column("Score", justify="right", no_wrap=True, min_width=5)
    table.add_column("Critics", justify="right", no_wrap=True, min_width=7)
    for row in rows:
        table.add_row(
            t(row.title),
            t(", ".join(row.show.studios) or "-"),
            t(progress_count(row.entry.progress, row.show.episodes)),
            t(row.status.value) if row.status else t("—", "dim"),
            t(show_score(row.score, fmt)),
            t(row.critics_text),
        )
    console.print(table)


COMMAND = Command(
    name="list",
    summary="the shows of a season, with your progress, score and the critics'",
    example="watchlist list --season all --status watching --format tsv | cut -f2",
    listed_at=20,
    description="The shows of a season. On a terminal, a table; in a pipe, whole "
    "values separated by tabs, one show a line, under a header line.",
    arguments=arguments,
    run=run,
    reads_only=True,
)
