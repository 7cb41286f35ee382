"""`watchlist schedule`: the week's broadcasts, Monday to Sunday in your time zone, by day
and time, each marked watched, behind or upcoming."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from watchlist.cli.command import Command, table_options
from watchlist.cli.output import EXIT_OK, emit, plain_table, table_shape
from watchlist.domain.dates import parse_day

if TYPE_CHECKING:
    from watchlist.domain.week import Airing
    from watchlist.service.details import ScheduleReport
    from watchlist.service.tracker import Tracker


def arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--week",
        metavar="DATE",
        help="any day of the week to show: 2024-01-10, today or yesterday (default: this "
        "week, or the week of the last broadcast when everything you follow has aired)",
    )
    parser.add_argument(
        "--all",
        action="store_true",
        dest="everything",
        help="every show airing that week, not only the ones on your list",
    )
    table_options(parser)


def run(tracker: Tracker, args: argparse.Namespace) -> int:
    week = parse_day(args.week, what="--week", today=tracker.today()) if args.week else None
    report = tracker.schedule(week, everything=args.everything)
    shape = table_shape(args)
    if shape in ("tsv", "csv"):
        rows = [_fields(report, airing) for airing in report.week.airings]
        plain_table(shape, HEADER, rows)
        return EXIT_OK
    return emit(args, lambda: schedule_json(report), lambda: print_schedule(report))


HEADER = ["day", "time", "slug", "title", "episode", "airs_at", "estimated", "mark"]


def _fields(report: ScheduleReport, airing: Airing) -> list[str]:
    return [
        airing.day.isoformat(),
        airing.time_text,
        airing.show.slug,
        report.title(airing.show),
        str(airing.episode.number),
        airing.at.isoformat() if airing.at else "",
        "yes" if airing.episode.estimated else "no",
        airing.mark.value,
    ]


def schedule_json(report: ScheduleReport) -> dict[str, Any]:
    week = report.week
    return {
        "week": week.starts.isoformat(),
        "ends": week.ends.isoformat(),
        "timezone": report.zone,
        "all": report.everything,
        "items": [
            {
                "slug": airing.show.slug,
                "title": airing.show.title,
                "episode": airing.episode.number,
                "day": airing.day.isoformat(),
                "airs_at": airing.at.isoformat() if airing.at else None,
                "estimated": airing.episode.estimated,
                "watched": airing.watched,
                "mark": airing.mark.value,
            }
            for airing in week.airings
        ],
    }


def print_schedule(report: ScheduleReport) -> None:
    from rich import box
    from rich.table import Table

    from watchlist.cli.render import console, t
    from watchlist.domain.week import MARK_STYLE

    console.print(t(report.heading, "bold"))
    if report.note:
        console.print(t(report.note, "dim"))
    if not report.week.airings:
        console.print(t(f"{report.nothing} (--all: every show airing then)."))
        return
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False)
    for name in ("Day", "Time", "Show", "Ep", ""):
        table.add_column(name, justify="right" if name == "Ep" else "left", no_wrap=name != "Show")
    for day, airings in report.week.days():
        label = report.day_label(day)
        for n, airing in enumerate(airings):
            table.add_row(
                t(label if n == 0 else "", "bold"),
                t(airing.time_text),
                t(report.title(airing.show)),
                t(airing.episode.number),
                t(airing.mark.value, MARK_STYLE[airing.mark]),
            )
    console.print(table)
    if report.legend:
        console.print(t(report.legend, "dim"))


COMMAND = Command(
    name="schedule",
    summary="the week's broadcasts by day and time, in your time zone",
    example="watchlist schedule --week 2024-01-10 --all",
    listed_at=165,
    description="The week's broadcasts, Monday to Sunday in your time zone (the timezone "
    "setting, else the system's), by day and time: your shows, or with --all every show "
    "airing that week. Each is marked watched, behind or upcoming.",
    arguments=arguments,
    run=run,
    reads_only=True,
)
