"""Exports: a MyAnimeList list and the watch diary, from the user's data (the formats
are registered in `export_formats`)."""

from __future__ import annotations

from datetime import datetime

from msgspec import Struct

from watchlist.domain.scoring import ScoreFormat, show_score
from watchlist.domain.text import plural
from watchlist.interop.diary_csv import DiaryRow, render_diary
from watchlist.interop.mal_xml import MalEntry, render_mal
from watchlist.service.library import Library


def diary_rows(snap: Library, fmt: ScoreFormat) -> list[DiaryRow]:
    rows = []
    snap.snap.shows.will_read(len(snap.entries))
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


class Export(Struct, frozen=True):
    payload: bytes
    what: str
    """A few words for the CLI: "12 shows", "86 episodes"."""


def export_json(snap: Library, now: datetime) -> Export:
    from watchlist.service.backup import export_backup  # deferred: only a backup needs it

    return Export(export_backup(snap, now), "a full backup")


def export_mal(snap: Library) -> Export:
    """Your list for MAL, read from the stored records (see `mal_export`)."""
    from watchlist.service.mal_export import mal_list

    return mal_export(mal_list(snap))


def mal_export(entries: list[MalEntry]) -> Export:
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
    """The diary through entry objects: the way taken when a logged value cannot be
    ordered as text, and the reference the fast way is tested against."""
    rows = diary_rows(snap, fmt)
    scale = f"score format {fmt.value}"
    payload = render_diary(rows, scale, excel=excel).encode("utf-8")
    return Export(payload, plural(len(rows), "episode"))
