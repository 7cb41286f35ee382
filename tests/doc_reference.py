"""Show and entry documents as they were made before each field was tested before it was
converted: every field built, then the ones that say nothing (null, empty, false, zero)
dropped. Kept as the reference `converters.show_to_doc` and `entry_to_doc` are held to,
key order included."""

from __future__ import annotations

from typing import Any

from watchlist.domain.dates import logged_iso
from watchlist.domain.model import Entry, Show
from watchlist.storage import converters

Doc = dict[str, Any]
_NOTHING: tuple[object, ...] = (None, "", [], {}, False, 0)


def compact(doc: Doc, *keep: str) -> Doc:
    return {k: v for k, v in doc.items() if k in keep or v not in _NOTHING}


def _iso(value: Any) -> str | None:
    return value.isoformat() if value is not None else None


def show_to_doc(show: Show) -> Doc:
    community = show.community
    return compact(
        {
            "slug": show.slug,
            "title": show.title,
            "title_romaji": show.title_romaji,
            "title_native": show.title_native,
            "aliases": list(show.aliases),
            "mal_id": show.mal_id,
            "season": show.season,
            "studios": list(show.studios),
            "episodes": show.episodes,
            "episodes_in_season": show.episodes_in_season,
            "first_in_season": show.first_in_season,
            "premiere": _iso(show.premiere),
            "finale": _iso(show.finale),
            "expected_episodes": show.expected_episodes,
            "other_seasons": list(show.other_seasons),
            "provenance": show.provenance,
            "run_start": show.run_start,
            "air_dates": [_iso(d) for d in show.air_dates],
            "streaming": show.streaming,
            "source": show.source,
            "continuing": show.continuing,
            "staff": [{"role": c.role, "name": c.name} for c in show.staff],
            "synopsis": show.synopsis,
            "episode_minutes": show.episode_minutes,
            "media_type": show.media_type,
            "origin": show.origin.value,
            "broadcast": show.broadcast.text if show.broadcast else None,
            "tags": list(show.tags),
            "related": list(show.related),
            "community": None
            if community is None
            else {
                "score": community.score,
                "source": community.source,
                "date": community.date.isoformat() if community.date else None,
            },
            "sources": dict(show.sources),
        },
        "slug",
        "title",
        "continuing",
    )


def entry_to_doc(entry: Entry) -> Doc:
    return compact(
        {
            "show": entry.show,
            "status": entry.status.value,
            "status_by_hand": entry.status_by_hand,
            "watched": {
                converters._number(n) or str(n): None if at is None else at.isoformat()
                for n, at in entry.watched.items()
            },
            "earlier": [[n, logged_iso(at)] for n, at in entry.earlier],
            "paused": converters._paused_to_doc(entry.paused),
            "recent": list(entry.recent),
            "ratings": {str(n): score for n, score in entry.ratings.items()},
            "notes": {str(n): note for n, note in entry.notes.items()},
            "comments": entry.comments,
            "started": _iso(entry.started),
            "finished": _iso(entry.finished),
            "rewatch_count": entry.rewatch_count,
            "updated_at": _iso(entry.updated_at),
            "tags": list(entry.tags),
        },
        "show",
        "status",
        "watched",
    )
