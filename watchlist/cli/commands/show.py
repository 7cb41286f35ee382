"""`watchlist show SHOW`: a show's facts, episodes, progress and verdicts."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from watchlist.cli.command import Command, one_show_with_critics
from watchlist.cli.jsonout import community_json, consensus_json, day, verdict_json
from watchlist.cli.jsonout import moment as moment_json
from watchlist.cli.output import emit
from watchlist.domain.dates import logged_iso, logged_text
from watchlist.domain.model import Entry, Show, TitleLanguage
from watchlist.domain.progress import progress_phrase
from watchlist.domain.schedule import episodes
from watchlist.domain.scoring import ScoreFormat, show_score
from watchlist.domain.show_facts import airs_text, date_legend, fact_rows

if TYPE_CHECKING:
    from datetime import tzinfo

    from rich.table import Table

    from watchlist.service.details import ShowDetail
    from watchlist.service.tracker import Tracker


def run(tracker: Tracker, args: argparse.Namespace) -> int:
    detail = tracker.detail(args.show)
    fmt = tracker.settings().score_format
    tz = tracker.zone().tz
    return emit(args, lambda: detail_json(detail, fmt, tz), lambda: print_detail(detail, fmt))


def detail_json(detail: ShowDetail, fmt: ScoreFormat, tz: tzinfo | None) -> dict[str, Any]:
    entry = detail.entry
    return {
        **show_facts_json(detail.show),
        **entry_json(entry, tracked=detail.tracked),
        "episode_list": [
            {
                "number": e.number,
                "airs": day(e.airs),
                "airs_at": moment_json(e.at, tz),
                "estimated": e.estimated,
                "uncertain": e.uncertain,
                "in_season": e.in_season,
                "watched": e.number in entry.watched,
                "watched_at": logged_iso(entry.watched.get(e.number)),
            }
            for e in episodes(detail.show)
        ],
        "verdicts": [verdict_json(v, fmt) for v in detail.verdicts],
        "critic_pieces": len(detail.pieces),
        "consensus": consensus_json(detail.consensus),
        "community": community_json(detail.show, detail.hidden),
        "arc": {
            "points": [
                {
                    "at": point.label,
                    "episode": point.episode if point.label != "end" else None,
                    "you": point.you,
                    "critics": point.critics,
                    "pieces": point.pieces,
                }
                for point in detail.arc()
            ],
            "critics": [
                {"critic": a.critic, "premiere": a.premiere, "season": a.season}
                for a in detail.critic_arcs()
            ],
        },
    }


def show_facts_json(show: Show) -> dict[str, Any]:
    return {
        "slug": show.slug,
        "title": show.title,
        "title_romaji": show.title_romaji,
        "title_native": show.title_native,
        "mal_id": show.mal_id,
        "season": show.season,
        "studios": list(show.studios),
        "episodes": show.episodes,
        "episodes_in_season": show.episodes_in_season,
        "seasons": list(show.seasons),
        "expected_episodes": show.expected_episodes,
        "premiere": day(show.premiere),
        "finale": day(show.finale),
        "run_start": show.run_start,
        "streaming": show.streaming,
        "source": show.source,
        "continuing": show.continuing,
        "staff": [{"role": c.role, "name": c.name} for c in show.staff],
        "synopsis": show.synopsis,
        "origin": show.origin.value,
        "provenance": show.provenance,
        "broadcast": show.broadcast.text if show.broadcast else None,
        "tags": list(show.tags),
        "related": list(show.related),
        "sources": dict(show.sources),
    }


def entry_json(entry: Entry, *, tracked: bool = True) -> dict[str, Any]:
    return {
        "status": entry.status.value if tracked else None,
        "status_by_hand": entry.status_by_hand,
        "watched": sorted(entry.watched),
        "watched_at": {str(n): logged_iso(at) for n, at in sorted(entry.watched.items())},
        "episode_scores": {str(n): s for n, s in sorted(entry.ratings.items())},
        "episode_notes": {str(n): t for n, t in sorted(entry.notes.items())},
        "comments": entry.comments,
        "started": day(entry.started),
        "finished": day(entry.finished),
        "rewatch_count": entry.rewatch_count,
        "my_tags": list(entry.tags),
    }


def _facts(show: Show, language: TitleLanguage) -> Table:
    from rich.table import Table

    from watchlist.cli.render import t

    facts = Table.grid(padding=(0, 2))
    facts.add_column(style="bold")
    facts.add_column()
    for label, value in fact_rows(show, language):
        facts.add_row(t(label), t(value if value not in (None, "") else "unknown"))
    return facts


def print_detail(detail: ShowDetail, fmt: ScoreFormat) -> None:
    from watchlist.cli.render import console, para, t

    show, entry = detail.show, detail.entry
    console.print(t(detail.title, "bold"))
    console.print(_facts(show, detail.language))
    if show.synopsis:
        console.print()
        console.print(para(show.synopsis))
    console.print()
    how = " (set by hand)" if entry.status_by_hand else ""
    if detail.tracked:
        console.print(t(f"Progress {progress_phrase(show, entry)}{how}", "bold"))
    else:
        console.print(t("Not on your list yet", "bold"))
    _print_episodes(show, entry, fmt)
    if entry.comments:
        console.print(t("Comments", "bold"))
        console.print(para(entry.comments))
    if detail.verdicts:
        _print_verdicts(detail, fmt)
    _print_arc(detail)
    console.print(t(f"Critic pieces: {len(detail.pieces)} (watchlist critics {show.slug})", "dim"))


def _print_arc(detail: ShowDetail) -> None:
    """Your score against the critics', point by point; a critic's premiere against their
    season review."""
    from watchlist.cli.render import console, t

    points = [p for p in detail.arc() if p.you is not None or p.critics is not None]
    if not points or not detail.verdicts:
        return
    console.print(t("You and the critics over the season (0-100)", "bold"))
    for point in points:
        you = "-" if point.you is None else str(point.you)
        critics = "-" if point.critics is None else f"{point.critics} ({point.pieces})"
        console.print(t(f"  {point.label:<8} you {you:>3}   critics {critics}"))
    for a in detail.critic_arcs():
        console.print(t(f"  {a.critic}: premiere {a.premiere} → season {a.season} ({a.moved:+d})"))


def _print_episodes(show: Show, entry: Entry, fmt: ScoreFormat) -> None:
    from rich import box
    from rich.table import Table

    from watchlist.cli.render import console, t

    table = Table(box=box.SIMPLE_HEAD)
    for name in ("Ep", "Airs", "Watched", "Score", "Note"):
        table.add_column(name)
    listed = episodes(show)
    for episode in listed:
        moment = entry.watched.get(episode.number)
        if episode.number in entry.watched and moment is None:
            moment_shown = "undated"
        else:
            moment_shown = logged_text(moment)
        table.add_row(
            t(episode.number),
            t(airs_text(episode)),
            t(moment_shown),
            t(show_score(entry.ratings.get(episode.number), fmt)),
            t(entry.notes.get(episode.number, "")),
        )
    console.print(table)
    if date_legend(listed):
        console.print(t(date_legend(listed), "dim"))


def _print_verdicts(detail: ShowDetail, fmt: ScoreFormat) -> None:
    from rich.text import Text

    from watchlist.cli.render import console, para, t

    console.print(t("Your verdicts", "bold"))
    for verdict in detail.verdicts:
        at = f"ep {verdict.episode}" if verdict.episode else "before ep 1"
        line = (
            f"{verdict.given_at.astimezone():%Y-%m-%d}  {at:<11} "
            f"{show_score(verdict.effective_score, fmt):>6}  {verdict.effective_stance.value}"
        )
        console.print(t(line))
        if verdict.notes:
            console.print(Text("    ") + para(verdict.notes, "italic"))


COMMAND = Command(
    name="show",
    summary="a show's facts, episodes, progress and verdicts",
    example="watchlist show metallic",
    listed_at=30,
    arguments=one_show_with_critics,
    run=run,
    reads_only=True,
)
