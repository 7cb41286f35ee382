"""`watchlist stats`: episodes, hours, your score spread and which critics agree with you."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from watchlist.cli.command import Command, json_option, spoilers_option
from watchlist.cli.output import emit
from watchlist.domain.hindsight import CHANGED_MIND_BY, called_line, changed_line
from watchlist.domain.scoring import ScoreFormat, show_score
from watchlist.domain.text import plural

if TYPE_CHECKING:
    from watchlist.domain.stats import Stats
    from watchlist.service.details import StatsReport
    from watchlist.service.tracker import Tracker


def arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--season", help="a season slug (default: everything)")
    json_option(parser)
    spoilers_option(parser)


def run(tracker: Tracker, args: argparse.Namespace) -> int:
    season = tracker.season(args.season).slug if args.season else None
    report = tracker.stats(season)
    fmt = tracker.settings().score_format
    return emit(args, lambda: stats_json(report, fmt), lambda: print_stats(report, fmt))


def stats_json(report: StatsReport, fmt: ScoreFormat) -> dict[str, Any]:
    s = report.stats
    return {
        "season": report.season,
        "shows_tracked": s.shows_tracked,
        "episodes": s.episodes,
        "minutes": s.minutes,
        "hours": s.hours,
        "by_status": {status.value: n for status, n in s.by_status.items()},
        "weeks": [{"week": w.week_start.isoformat(), "episodes": w.episodes} for w in s.weeks],
        "undated_episodes": s.undated,
        "scores": {
            "count": len(s.scores),
            "mean": s.mean_score,
            "spread": s.score_spread,
            "histogram": s.histogram(),
            "format": fmt.value,
        },
        "affinity": [
            {
                "critic": a.critic,
                "mean_difference": a.mean_difference,
                "shows": a.shows,
                "ranked": a.ranked,
            }
            for a in report.affinity
        ],
        "changed_my_mind": [
            {"slug": c.show, "first": c.first, "last": c.last, "moved": c.moved}
            for c in report.changed_my_mind
        ],
        "who_called_it": [
            {"critic": c.critic, "mean_difference": c.mean_gap, "shows": c.shows}
            for c in report.who_called_it
        ],
    }


def print_stats(report: StatsReport, fmt: ScoreFormat) -> None:
    from watchlist.cli.render import console, t

    s = report.stats
    console.print(t(f"Stats for {report.season or 'everything'}", "bold"))
    console.print(
        t(
            f"{plural(s.episodes, 'episode')} watched, {s.hours} hours, "
            f"{plural(s.shows_tracked, 'show')} tracked"
        )
    )
    statuses = ", ".join(f"{status.value} {n}" for status, n in s.by_status.items() if n)
    console.print(t(f"By status: {statuses or 'nothing tracked yet'}"))
    if s.scores:
        mean = s.mean_score
        console.print(
            t(
                f"Your scores: {len(s.scores)}, mean {mean}/100 "
                f"({show_score(round(mean or 0), fmt)}), spread {s.score_spread}"
            )
        )
    if s.undated:
        console.print(
            t(f"{plural(s.undated, 'episode')} watched on no known day (imported without dates)")
        )
    if s.weeks:
        _print_weeks(s)
    if report.affinity:
        _print_affinity(report)
    _print_hindsight(report)


def _print_hindsight(report: StatsReport) -> None:
    from watchlist.cli.render import console, t

    if report.changed_my_mind:
        moved = f"{CHANGED_MIND_BY} points or more between first and last verdict"
        console.print(t(f"Changed my mind ({moved})", "bold"))
        for c in report.changed_my_mind:
            console.print(t(changed_line(c, report.title(c.show))))
    if report.who_called_it:
        console.print(t("Who called it (premiere reviews closest to your final verdict)", "bold"))
        for called in report.who_called_it[:5]:
            console.print(t(called_line(called)))


def _print_weeks(s: Stats) -> None:
    from rich import box
    from rich.table import Table

    from watchlist.cli.render import console, t

    weeks = Table(box=box.SIMPLE_HEAD, title=t("Episodes per week"), title_justify="left")
    weeks.add_column("Week of")
    weeks.add_column("Episodes", justify="right")
    weeks.add_column("")
    for week in s.weeks:
        weeks.add_row(t(week.week_start.isoformat()), t(week.episodes), t("█" * week.episodes))
    console.print(weeks)


def _print_affinity(report: StatsReport) -> None:
    from rich import box
    from rich.table import Table

    from watchlist.cli.render import console, t

    table = Table(
        box=box.SIMPLE_HEAD,
        title=t("Critic affinity (ranked from 3 shared shows; closest first)"),
        title_justify="left",
    )
    table.add_column("Rank", justify="right")
    table.add_column("Critic")
    table.add_column("Mean difference", justify="right")
    table.add_column("Shared shows", justify="right")
    rank = 0
    for a in report.affinity:
        rank += a.ranked
        table.add_row(
            t(rank if a.ranked else "-"),
            t(a.critic),
            t(f"{a.mean_difference:.1f}"),
            t(a.shows),
        )
    console.print(table)


COMMAND = Command(
    name="stats",
    summary="episodes, hours, your score spread and which critics agree with you",
    example="watchlist stats --season winter-2024",
    listed_at=140,
    arguments=arguments,
    run=run,
    reads_only=True,
)
