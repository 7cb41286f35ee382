"""`watchlist behind`: the shows you are watching, how far behind you are, what is next."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from watchlist.cli.command import Command, table_options
from watchlist.cli.jsonout import day, moment
from watchlist.cli.output import EXIT_OK, emit, plain_table, table_shape
from watchlist.domain.dates import parse_day
from watchlist.domain.show_facts import airs_text, behind_legend

if TYPE_CHECKING:
    from watchlist.domain.behind import Behind
    from watchlist.domain.model import TitleLanguage
    from watchlist.service.details import BehindReport
    from watchlist.service.tracker import Tracker


def arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--on",
        metavar="DATE",
        help="count what had aired by this day: 2024-02-01, today or yesterday "
        "(default: today, or the last air date if everything has aired)",
    )
    table_options(parser)


def run(tracker: Tracker, args: argparse.Namespace) -> int:
    on = parse_day(args.on, what="--on", today=tracker.today()) if args.on else None
    report = tracker.behind(on)
    language = tracker.settings().titles
    shape = table_shape(args)
    if shape in ("tsv", "csv"):
        plain_table(shape, HEADER, [_fields(item, report, language) for item in report.items])
        return EXIT_OK
    return emit(args, lambda: behind_json(report), lambda: print_behind(report, language))


HEADER = ["slug", "title", "behind", "aired", "watched", "next", "next airs", "next airs at"]


def _fields(item: Behind, report: BehindReport, language: TitleLanguage) -> list[str]:
    following = item.next
    return [
        item.show.slug,
        item.show.title_in(language),
        str(item.behind),
        str(item.aired),
        str(len(item.entry.watched)),
        str(following.number) if following else "",
        airs_text(following) if following and following.airs else "",
        moment(following.at, report.tz) or "" if following else "",
    ]


def behind_json(report: BehindReport) -> dict[str, Any]:
    return {
        "day": day(report.day),
        "total_behind": report.total,
        "shows": [
            {
                "slug": item.show.slug,
                "title": item.show.title,
                "status": item.entry.status.value,
                "aired": item.aired,
                "aired_estimated": item.aired_estimated,
                "watched": len(item.entry.watched),
                "behind": item.behind,
                "next": None
                if item.next is None
                else {
                    "number": item.next.number,
                    "airs": day(item.next.airs),
                    "airs_at": moment(item.next.at, report.tz),
                    "estimated": item.next.estimated,
                    "uncertain": item.next.uncertain,
                    "aired": item.next_aired,
                },
            }
            for item in report.items
        ],
    }


def print_behind(report: BehindReport, language: TitleLanguage) -> None:
    from rich import box
    from rich.table import Table

    from watchlist.cli.render import console, t

    if not report.items:
        console.print(t("You are not watching anything: mark an episode to start a show."))
        return
    console.print(t(report.summary, "bold"))
    table = Table(box=box.SIMPLE_HEAD)
    for name in ("Show", "Behind", "Aired", "Watched", "Next"):
        table.add_column(
            name, justify="right" if name in ("Behind", "Aired", "Watched") else "left"
        )
    for item in report.items:
        table.add_row(
            t(item.show.title_in(language)),
            t(item.behind, "bold" if item.behind else "dim"),
            t(report.aired_text(item)),
            t(len(item.entry.watched)),
            t(report.next_text(item)),
        )
    console.print(table)
    if behind_legend(report.items):
        console.print(t(behind_legend(report.items), "dim"))


COMMAND = Command(
    name="behind",
    summary="the shows you are watching: episodes aired and not watched yet, and what is next",
    example="watchlist behind --on 2024-02-01",
    listed_at=160,
    arguments=arguments,
    run=run,
    reads_only=True,
)
