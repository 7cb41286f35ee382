"""The watch diary as CSV: one row per episode watched."""

from __future__ import annotations

import csv
import io
import re

from msgspec import Struct

from watchlist.domain.dates import Logged, logged_iso, logged_key
from watchlist.domain.text import exportable

# A cell a spreadsheet would run as a formula; prefixing a quote keeps it text.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
BOM = "\ufeff"
_QUOTED = re.compile('[,"\r\n]')
"""What makes the csv module quote a cell (the delimiter, the quote, a line break)."""


class DiaryRow(Struct, frozen=True):
    moment: Logged
    """None for an episode watched on no known day (imported undated)."""
    title: str
    slug: str
    episode: int
    rating: str
    note: str


def _cell(text: str) -> str:
    cleaned, _ = exportable(text)  # no control character reaches a file or a terminal
    return "'" + cleaned if cleaned.startswith(_FORMULA_START) else cleaned


def csv_cell(text: str) -> str:
    """One cell of a row as `render_diary` writes it: cleaned, kept from formula, quoted
    where CSV needs it (for writing rows as text, a quarter of a million at a time)."""
    cleaned = _cell(text)
    if not _QUOTED.search(cleaned):
        return cleaned
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerow([cleaned, ""])
    return out.getvalue()[:-2]  # the cell, without the empty one after it and the newline


def header_text(scale: str, *, excel: bool = False) -> str:
    """The first line of `render_diary`'s text (after the byte-order mark for Excel)."""
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerow(header(scale))
    return (BOM if excel else "") + out.getvalue()


def header(scale: str) -> list[str]:
    return ["date", "show", "slug", "episode", f"rating ({scale})", "note"]


def render_diary(rows: list[DiaryRow], scale: str, *, excel: bool = False) -> str:
    """The CSV text; `excel` starts it with a byte-order mark, which spreadsheet programs
    on Windows need to read UTF-8 titles rightly."""
    out = io.StringIO()
    if excel:
        out.write(BOM)
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header(scale))
    # A show's title, slug and ratings repeat on every episode row: each distinct text
    # is cleaned once (a 20,000-show diary has a quarter of a million rows).
    cells: dict[str, str] = {"": ""}

    def cell(text: str) -> str:
        done = cells.get(text)
        if done is None:
            done = cells[text] = _cell(text)
        return done

    for row in sorted(rows, key=lambda r: (logged_key(r.moment), r.slug, r.episode)):
        writer.writerow(
            [
                logged_iso(row.moment) or "",
                cell(row.title),
                cell(row.slug),
                row.episode,
                cell(row.rating),
                _cell(row.note) if row.note else "",
            ]
        )
    return out.getvalue()
