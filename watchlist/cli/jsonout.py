"""The `--json` shapes. They are documented in the README; change them only by adding keys."""

from __future__ import annotations

from typing import Any

import orjson

from watchlist.domain.agreement import Difference
from watchlist.domain.compare import Consensus, ShowConsensus
from watchlist.domain.dates import logged_iso
from watchlist.domain.model import CriticPiece, Entry, Season, Show, Verdict
from watchlist.domain.schedule import episodes
from watchlist.domain.scoring import ScoreFormat, show_score
from watchlist.domain.text import json_safe
from watchlist.service.details import BehindReport, Comparison, ShowDetail, StatsReport
from watchlist.service.views import Row


def dumps(value: Any) -> str:
    """JSON for standard output: nothing in it a terminal would act on, whatever is in
    the database (control characters and bidi marks become \\u escapes)."""
    return json_safe(orjson.dumps(value, option=orjson.OPT_INDENT_2).decode())


def _day(value: Any) -> str | None:
    return value.isoformat() if value is not None else None


def row_json(row: Row, fmt: ScoreFormat) -> dict[str, Any]:
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
    }


def verdict_json(verdict: Verdict, fmt: ScoreFormat) -> dict[str, Any]:
    return {
        "id": verdict.id,
        "given_at": verdict.given_at.isoformat(),
        "episode": verdict.episode,
        "score": verdict.effective_score,
        "score_text": show_score(verdict.effective_score, fmt),
        "score_given": verdict.score is not None,
        "stance": verdict.effective_stance.value,
        "notes": verdict.notes,
    }


def entry_json(entry: Entry) -> dict[str, Any]:
    return {
        "status": entry.status.value,
        "status_by_hand": entry.status_by_hand,
        "watched": sorted(entry.watched),
        "watched_at": {str(n): logged_iso(at) for n, at in sorted(entry.watched.items())},
        "episode_scores": {str(n): s for n, s in sorted(entry.ratings.items())},
        "episode_notes": {str(n): t for n, t in sorted(entry.notes.items())},
        "comments": entry.comments,
        "started": _day(entry.started),
        "finished": _day(entry.finished),
        "rewatch_count": entry.rewatch_count,
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
        "premiere": _day(show.premiere),
        "finale": _day(show.finale),
        "run_start": show.run_start,
        "streaming": show.streaming,
        "source": show.source,
        "continuing": show.continuing,
        "staff": [{"role": c.role, "name": c.name} for c in show.staff],
        "synopsis": show.synopsis,
        "origin": show.origin.value,
        "provenance": show.provenance,
    }


def detail_json(detail: ShowDetail, fmt: ScoreFormat) -> dict[str, Any]:
    entry = detail.entry
    return {
        **show_facts_json(detail.show),
        **entry_json(entry),
        "episode_list": [
            {
                "number": e.number,
                "airs": _day(e.airs),
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
    }


def piece_json(piece: CriticPiece, hidden: bool) -> dict[str, Any]:
    return {
        "id": piece.id,
        "outlet": piece.outlet,
        "critic": piece.critic,
        "published": _day(piece.published),
        "kind": piece.kind.value,
        "episode": piece.episode,
        "original": None if hidden else piece.original,
        "rating": None if hidden else piece.rating,
        "rating_scale": None if hidden else piece.rating_scale,
        "stance": None if hidden else piece.stance.value,
        "score": None if hidden else piece.score,
        "score_source": None if hidden else piece.score_source,
        "score_reason": None if hidden else piece.score_reason,
        "summary": None if hidden else piece.summary,
        "highlights": None if hidden else list(piece.highlights),
        "concerns": None if hidden else list(piece.concerns),
        "quote": None if hidden else piece.quote,
        "caveats": list(piece.caveats),
        "url": piece.url,
        "hidden": hidden,
    }


def _consensus_part(c: Consensus | None) -> dict[str, Any] | None:
    if c is None:
        return None
    return {"score": c.score, "stance": c.stance.value, "pieces": c.count}


def consensus_json(c: ShowConsensus) -> dict[str, Any]:
    return {"hype": _consensus_part(c.hype), "reception": _consensus_part(c.reception)}


def _difference(d: Difference | None) -> dict[str, Any] | None:
    if d is None:
        return None
    return {
        "verdict": d.verdict.id,
        "episode": d.verdict.episode,
        "score": d.verdict.effective_score,
        "delta": d.delta,
        "agreement": d.agreement.value,
    }


def comparison_json(c: Comparison, fmt: ScoreFormat) -> dict[str, Any]:
    current = c.current
    critics = []
    for pc in c.pieces:
        piece = pc.piece
        item = piece_json(piece, c.hidden)
        item.update(
            {
                "delta": None if c.hidden or pc.now is None else pc.now.delta,
                "agreement": None if c.hidden or pc.now is None else pc.now.agreement.value,
                "as_of_episode": None if c.hidden else _difference(pc.then),
            }
        )
        critics.append(item)
    return {
        "show": c.show.slug,
        "title": c.show.title,
        "you": verdict_json(current, fmt) if current else None,
        "timeline": [verdict_json(v, fmt) for v in c.verdicts],
        "critics": critics,
        "consensus": None if c.hidden else consensus_json(c.consensus),
        "hidden": c.hidden,
    }


def seasons_json(counts: list[tuple[Season, int]], current: str | None) -> list[dict[str, Any]]:
    return [
        {
            "slug": season.slug,
            "name": season.name,
            "starts": _day(season.starts),
            "ends": _day(season.ends),
            "shows": count,
            "current": season.slug == current,
        }
        for season, count in counts
    ]


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
    }


def behind_json(report: BehindReport) -> dict[str, Any]:
    return {
        "day": _day(report.day),
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
                    "airs": _day(item.next.airs),
                    "estimated": item.next.estimated,
                    "uncertain": item.next.uncertain,
                    "aired": item.next_aired,
                },
            }
            for item in report.items
        ],
    }
