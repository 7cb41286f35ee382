"""Tables for scripts: whole values, tab- or comma-separated, one row a line, no padding,
nothing cut, and no control character (a title with one in it cannot reach a terminal)."""

from __future__ import annotations

import csv
from collections.abc import Iterable
from typing import TextIO

from watchlist.domain.progress import progress_count
from watchlist.domain.scoring import ScoreFormat, show_score
from watchlist.domain.text import exportable, printable_line
from watchlist.service.views import Row

HEADER = ["slug", "title", "season", "studios", "progress", "status", "score", "critics"]


def _fields(row: Row, fmt: ScoreFormat) -> list[str]:
    critics = row.critic_score
    return [
        row.show.slug,
        row.show.title,
        row.show.season or "",
        ", ".join(row.show.studios),
        progress_count(row.entry.progress, row.show.episodes),
        row.status.value if row.status else "",
        show_score(row.score, fmt) if row.score is not None else "",
        "hidden" if row.hidden else (str(critics) if critics is not None else ""),
    ]


def write_rows(rows: list[Row], fmt: ScoreFormat, out: TextIO, *, csv_format: bool) -> None:
    header = [*HEADER[:6], f"score ({fmt.value})", "critics (0-100)"]
    write_table(header, (_fields(row, fmt) for row in rows), out, csv_format=csv_format)


def write_table(
    header: list[str], rows: Iterable[list[str]], out: TextIO, *, csv_format: bool
) -> None:
    if csv_format:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(header)
        for row in rows:
            writer.writerow([exportable(value)[0] for value in row])
        return
    out.write("\t".join(header) + "\n")
    for row in rows:
        # printable_line turns tabs and line breaks into spaces: one row, one line.
        out.write("\t".join(printable_line(value) for value in row) + "\n")
