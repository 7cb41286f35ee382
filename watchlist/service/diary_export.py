"""The watch diary as CSV over stored entries: the same file `exports.diary_rows` and
`render_diary` write, made without building an entry or a show for a record it only
formats (a 20,000-show diary has a quarter of a million rows)."""

from __future__ import annotations

from watchlist.domain.scoring import ScoreFormat, show_score
from watchlist.interop.diary_csv import csv_cell, header_text
from watchlist.service.library import Library
from watchlist.storage.diary_docs import NotSortable, entry_diaries
from watchlist.storage.fields import SLUG

_PLAIN_END = ",\n"
"""The end of a row with neither rating nor note."""


def noted(note: str | None) -> str:
    return csv_cell(note) if note else ""


def diary_csv(lib: Library, fmt: ScoreFormat, *, excel: bool = False) -> tuple[str, int] | None:
    """The diary's CSV text and its number of rows; None when a logged value cannot be
    ordered as text (the caller takes the exact way)."""
    language = lib.settings.titles
    scores: dict[int, str] = {}

    def rated(rating: int | None) -> str:
        if rating is None:
            return ""
        cell = scores.get(rating)
        if cell is None:
            cell = scores[rating] = csv_cell(show_score(rating, fmt))
        return cell

    keys: list[str] = []
    lines: list[str] = []
    # Every title in one pass over the stored shows' skimmed titles, none parsed.
    titles = lib.titles_in(list(lib.entries), language)
    try:
        for slug, diary in entry_diaries(lib.entries):
            title = titles.get(slug) or slug  # the slug: a show nobody has
            shown = f",{csv_cell(title)},{slug if SLUG.match(slug) else csv_cell(slug)},"
            within = f"\0{slug}\0"
            keys += [o + within + p for o, p in zip(diary.orders, diary.padded, strict=True)]
            pairs = zip(diary.texts, diary.numbers, strict=True)
            ends = {
                number: f"{rated(diary.ratings.get(number))},{noted(diary.notes.get(number))}\n"
                for number in diary.ratings.keys() | diary.notes.keys()
            }
            if ends:
                lines += [f"{t or ''}{shown}{n},{ends.get(n, _PLAIN_END)}" for t, n in pairs]
            else:
                lines += [f"{t or ''}{shown}{n},{_PLAIN_END}" for t, n in pairs]
    except NotSortable:
        return None
    order = sorted(range(len(keys)), key=keys.__getitem__)
    scale = f"score format {fmt.value}"
    return header_text(scale, excel=excel) + "".join([lines[i] for i in order]), len(lines)
