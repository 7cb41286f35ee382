"""The board's and My list's columns: what each shows, how wide it is, and which give way
first on a narrow terminal."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, tzinfo

from msgspec import Struct
from rich.cells import cell_len, set_cell_size

from watchlist.domain.airing import (
    airing_text,
    may_air_near,
    next_airing,
    relative_text,
    when_text,
)
from watchlist.domain.model import Status
from watchlist.domain.progress import progress_count
from watchlist.domain.scoring import ScoreFormat, scale_label, show_score
from watchlist.domain.text import printable_line
from watchlist.service.views import Row

BAR_WIDTH = 8


class Column(Struct, frozen=True):
    name: str
    title: str
    width: int
    """0 means: take the room the other columns leave (at least MIN_TITLE)."""
    align: str = "left"
    keeps_title: int = 0
    """The column gives its room back while the title would be narrower than this;
    0: it always stays."""


COLUMNS = [
    Column("title", "Title", 0),
    Column("premiere", "Premiere", 10, keeps_title=36),
    Column("studio", "Studio", 14, keeps_title=22),
    Column("progress", "Progress", 6 + 1 + BAR_WIDTH),
    Column("next", "Next", 17, keeps_title=20),
    Column("status", "Status", 13, keeps_title=18),
    Column("score", "Score", 8, "right"),
    Column("critics", "Critics/100", 11, "right"),
    Column("community", "Community", 9, "right", keeps_title=30),
]
OPTIONAL = frozenset({"next", "community"})
"""Columns left out while no row has anything to say in them (no broadcast near, no
audience score)."""
PROGRESS = 3
"""Where the progress column stands in COLUMNS."""
SORTED_KEEPS_TITLE = 18
"""The column the list is sorted by stays as long as the status does."""
GAP = 2
MIN_TITLE = 18
NARROW_PROGRESS = 7
"""Progress without its bar: the last room a very narrow terminal gives back."""
STATUS_STYLE = {
    Status.COMPLETED: "show-table--completed",
    Status.WATCHING: "show-table--watching",
    Status.REWATCHING: "show-table--watching",
    Status.DROPPED: "show-table--dropped",
}


def fit(text: str, width: int, align: str = "left") -> str:
    """Crop (with an ellipsis) or pad `text` to exactly `width` cells."""
    if width <= 0:
        return ""
    if cell_len(text) > width:
        return set_cell_size(text, width - 1) + "…"
    return set_cell_size(text, width) if align == "left" else " " * (width - cell_len(text)) + text


def progress_cell(progress: int, episodes: int | None) -> tuple[str, str, str]:
    """("3/13", "━━", "──────"): the count, and the bar's done and to-do parts."""
    count = progress_count(progress, episodes)
    if not episodes:
        return count, "", ""
    filled = round(BAR_WIDTH * min(progress, episodes) / episodes)
    return count, "━" * filled, "─" * (BAR_WIDTH - filled)


def layout(
    width: int, sorted_by: str, empty: frozenset[str] = frozenset()
) -> list[tuple[Column, int]]:
    """The columns that fit in `width`, each with its width: the title takes what the
    others leave; premiere, then community, studio, status and the next broadcast give way
    on a narrow terminal, then the progress bar; title, progress and your and the
    critics' scores always stay. The column the list is sorted by stays longer; `empty`
    names optional columns with nothing to show."""
    shown = [c for c in COLUMNS if c.name not in empty]

    def fixed(columns: list[Column], progress: int) -> int:
        widths = [progress if c.name == "progress" else c.width for c in columns]
        return sum(widths) + GAP * (len(columns) - 1) + 2

    def keeps(column: Column) -> int:
        if column.name == sorted_by and column.keeps_title:
            return min(column.keeps_title, SORTED_KEEPS_TITLE)
        return column.keeps_title

    droppable = sorted((c for c in shown if c.keeps_title), key=keeps, reverse=True)
    progress = COLUMNS[PROGRESS].width
    for column in droppable:
        if width - fixed(shown, progress) < keeps(column):
            shown.remove(column)
    if width - fixed(shown, progress) < MIN_TITLE:
        progress = NARROW_PROGRESS
    flexible = max(8, width - fixed(shown, progress))
    return [
        (c, flexible if not c.width else progress if c.name == "progress" else c.width)
        for c in shown
    ]


def empty_columns(rows: Sequence[Row], clock: Clock | None) -> frozenset[str]:
    """The optional columns no row has anything for: no audience score, no broadcast near."""
    empty = set()
    if not any(row.show.community for row in rows):
        empty.add("community")
    today = clock.now.astimezone(clock.tz).date() if clock else None
    if today is None or not any(may_air_near(row.show, today) for row in rows):
        empty.add("next")
    return frozenset(empty)


def heading(column: Column, score_format: ScoreFormat) -> str:
    if column.name == "score":
        return "Score" + scale_label(score_format)
    return column.title


class Clock(Struct, frozen=True):
    """The moment the table is drawn at (the tracker's clock) and the zone it reads in."""

    now: datetime
    tz: tzinfo | None


def next_cell(row: Row, width: int, clock: Clock | None) -> str:
    """ "ep 5 · Wed 16:30 · in 2d 4h", shortened to what fits: without the episode, then
    "Wed 16:30 (2d 4h)", "Wed 16:30 (2d)", the time alone."""
    if clock is None:
        return "-"
    episode = next_airing(row.show, clock.now, clock.tz)
    if episode is None:
        return "-"
    now, tz = clock.now, clock.tz
    when, relative = when_text(episode, now, tz), relative_text(episode, now, tz)
    span = relative.removeprefix("in ").removeprefix("aired ")
    short = span.split(" ")[0] + (" ago" if span.endswith(" ago") else "")
    for text in (
        airing_text(episode, now, tz),
        f"{when} · {relative}",
        f"{when} ({span})",
        f"{when} ({short})",
    ):
        if cell_len(text) <= width:
            return text
    return when


def cells(
    column: Column, width: int, row: Row, score_format: ScoreFormat, clock: Clock | None = None
) -> list[tuple[str, str | None]]:
    """One row's cell in `column`: (text, component class) parts, `width` cells in all."""
    name = column.name
    if name == "title":
        return [(fit(printable_line(row.title), width), None)]
    if name == "premiere":
        premiere = row.show.premiere.isoformat() if row.show.premiere else "-"
        return [(fit(premiere, width), "show-table--dim")]
    if name == "studio":
        studios = printable_line(", ".join(row.show.studios) or "-")
        return [(fit(studios, width), "show-table--dim")]
    if name == "progress":
        count, done, todo = progress_cell(row.entry.progress, row.show.episodes)
        if width < column.width:
            return [(fit(count, width, "right"), None)]
        return [
            (fit(count, 6, "right") + " ", None),
            (done, "show-table--bar"),
            (todo.ljust(BAR_WIDTH - len(done)), "show-table--dim"),
        ]
    if name == "status":
        if row.status is None:  # never touched: not on your list
            return [(fit("—", width), "show-table--dim")]
        return [(fit(row.status.value, width), STATUS_STYLE.get(row.status, "show-table--dim"))]
    if name == "next":
        return [(fit(next_cell(row, width, clock), width), "show-table--dim")]
    if name == "score":
        return [(fit(show_score(row.score, score_format), width, "right"), None)]
    if name == "community":
        return [(fit(row.community_text, width, "right"), "show-table--dim")]
    return [(fit(row.critics_text, width, "right"), "show-table--dim")]
