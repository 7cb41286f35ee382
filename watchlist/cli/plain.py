"""Tables for scripts: whole values, tab- or comma-separated, one row a line, no padding,
nothing cut, and no control character (a title with one in it cannot reach a terminal)."""

from __future__ import annotations

import csv
from collections.abc import Iterable
from typing import TextIO

from watchlist.domain.text import exportable, printable_line


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
