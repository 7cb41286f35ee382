"""Exports: a MyAnimeList list and the watch diary, from the user's data (the formats
are registered in `export_formats`)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from watchlist.domain.agreement import current_verdict
from watchlist.domain.model import Entry, Status
from watchlist.domain.scoring import ScoreFormat, score_in_format, show_score
from watchlist.domain.text import plural
from watchlist.interop.diary_csv import DiaryRow, render_diary
from watchlist.interop.mal_xml import MalEntry, render_mal
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


def diary_rows(snap: Library, fmt: ScoreFormat) -> list[DiaryRow]:
    rows = []
    for slug, entry in snap.entries.items():
        show = snap.shows.get(slug)
        title = show.title_in(snap.settings.titles) if show else slug
        for episode, moment in entry.diary():
            rating = entry.ratings.get(episode)
            rows.append(
                DiaryRow(
                    moment=moment,
                    title=title,
                    slug=slug,
                    episode=episode,
                    rating=show_score(rating, fmt) if rating is not None else "",
                    note=entry.notes.get(episode, ""),
                )
            )
    return rows


@dataclass(frozen=True)
class Export:
    payload: bytes
    what: str
    """A few words for the CLI: "12 shows", "86 episodes"."""


def export_json(snap: Library, now: datetime) -> Export:
    from watchlist.service.backup import export_backup  # deferred: only a backup needs it

    return Export(export_backup(snap, now), "a full backup")


def export_mal(snap: Library) -> Export:
    """Your list for MAL, read from the stored records (see `mal_export`)."""
    from watchlist.service.mal_export import mal_list

    return _mal_export(mal_list(snap))


def exact_mal(snap: Library) -> Export:
    """Your list for MAL through entry, verdict and show objects: the reference."""
    return _mal_export(mal_entries(snap))


def _mal_export(entries: list[MalEntry]) -> Export:
    payload, dropped = render_mal(entries)
    note = f"; {dropped} characters XML cannot hold were left out" if dropped else ""
    return Export(payload, plural(len(entries), "show") + note)


def export_csv(snap: Library, fmt: ScoreFormat, *, excel: bool = False) -> Export:
    """The diary, made from the stored entries (see `diary_export`); the way through
    entry objects when a logged value there cannot be ordered as text."""
    from watchlist.service.diary_export import diary_csv

    made = diary_csv(snap, fmt, excel=excel)
    if made is None:
        return exact_csv(snap, fmt, excel=excel)
    text, count = made
    return Export(text.encode("utf-8"), plural(count, "episode"))


def exact_csv(snap: Library, fmt: ScoreFormat, *, excel: bool = False) -> Export:
    """The diary through entry objects: the reference the fast way is tested against."""
    rows = diary_rows(snap, fmt)
    scale = f"score format {fmt.value}"
    payload = render_diary(rows, scale, excel=excel).encode("utf-8")
    return Export(payload, plural(len(rows), "episode"))
