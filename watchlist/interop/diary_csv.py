"""The watch diary as CSV: one row per episode watched."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import datetime

HEADER = ["date", "show", "slug", "episode", "rating", "note"]
# A cell a spreadsheet would run as a formula; prefixing a quote keeps it text.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True, slots=True)
class DiaryRow:
    moment: datetime
    title: str
    slug: str
    episode: int
    rating: str
    note: str


def _cell(text: str) -> str:
    return "'" + text if text.startswith(_FORMULA_START) else text


def render_diary(rows: list[DiaryRow]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(HEADER)
    for row in sorted(rows, key=lambda r: (r.moment, r.slug, r.episode)):
        writer.writerow(
            [
                row.moment.isoformat(),
                _cell(row.title),
                row.slug,
                row.episode,
                _cell(row.rating),
                _cell(row.note),
            ]
        )
    return out.getvalue()
