"""Your list for MAL the way it was made before it was read from stored records:
through entry, verdict and show objects. Kept here as the reference the export is held
to (tests/test_bulk_exports.py); the app never makes it this way."""

from __future__ import annotations

from watchlist.domain.agreement import current_verdict
from watchlist.domain.model import Entry, Status
from watchlist.domain.scoring import ScoreFormat, score_in_format
from watchlist.interop.mal_xml import MalEntry
from watchlist.service.exports import Export, mal_export
from watchlist.service.library import Library


def mal_entries(snap: Library) -> list[MalEntry]:
    """Every show you track, as MAL list entries; scores round to MAL's 1-10."""
    slugs = set(snap.entries) | {slug for slug, vs in snap.verdicts.items() if vs}
    result = []
    # By title, and shows of the same title by slug (a set's order is not the same twice).
    for slug in sorted(
        slugs, key=lambda s: (snap.shows[s].title.casefold() if s in snap.shows else s, s)
    ):
        show = snap.shows.get(slug)
        if show is None:
            continue
        entry = snap.entries.get(slug) or Entry(slug)
        current = current_verdict(snap.verdicts.get(slug) or [])
        score = (
            int(score_in_format(current.effective_score, ScoreFormat.POINT_10)) if current else None
        )
        result.append(
            MalEntry(
                mal_id=show.mal_id,
                title=show.title_in(snap.settings.titles),
                series_type=show.media_type,
                series_episodes=show.episodes,
                watched=len(entry.paused.watched) if entry.paused else entry.progress,
                rewatching_episodes=entry.progress if entry.rewatching else 0,
                start=entry.started,
                finish=entry.finished,
                score=score,
                status=entry.paused.status if entry.paused else entry.status,
                comments=entry.comments or (current.notes if current else ""),
                times_watched=entry.rewatch_count,
                rewatching=entry.status is Status.REWATCHING,
                tags=entry.tags,
            )
        )
    return result


def exact_mal(snap: Library) -> Export:
    """Your list for MAL through entry, verdict and show objects: the reference."""
    return mal_export(mal_entries(snap))
