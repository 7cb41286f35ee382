"""The board's and My list's columns: what each shows, how wide it is, and which give way
first on a narrow terminal."""

from __future__ import annotations

from dataclasses import dataclass

from rich.cells import cell_len, set_cell_size

from watchlist.domain.model import Status
from watchlist.domain.progress import progress_count
from watchlist.domain.scoring import ScoreFormat, scale_label, show_score
from watchlist.domain.text import printable_line
from watchlist.service.views import Row

BAR_WIDTH = 8


@dataclass(frozen=True)
class Column:
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
    Column("studio", "Studio", 16, keeps_title=24),
    Column("progress", "Progress", 6 + 1 + BAR_WIDTH),
    Column("status", "Status", 13, keeps_title=18),
    Column("score", "Score", 8, "right"),
    Column("critics", "Critics/100", 11, "right"),
]
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


def layout(width: int, sorted_by: str) -> list[tuple[Column, int]]:
    """The columns that fit in `width`, each with its width: the title takes what the
    others leave; premiere, then studio, then status give way on a narrow terminal, then
    the progress bar; title, progress and both scores always stay. The column the list
    is sorted by stays longer."""
    shown = list(COLUMNS)

    def fixed(columns: list[Column], progress: int) -> int:
        widths = [progress if c.name == "progress" else c.width for c in columns]
        return sum(widths) + GAP * (len(columns) - 1) + 2

    def keeps(column: Column) -> int:
        if column.name == sorted_by and column.keeps_title:
            return min(column.keeps_title, SORTED_KEEPS_TITLE)
        return column.keeps_title

    droppable = sorted((c for c in COLUMNS if c.keeps_title), key=keeps, reverse=True)
    progress = COLUMNS[3].width
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


def heading(column: Column, score_format: ScoreFormat) -> str:
    if column.name == "score":
        return "Score" + scale_label(score_format)
    return column.title


def cells(
    column: Column, width: int, row: Row, score_format: ScoreFormat
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
    if name == "score":
        return [(fit(show_score(row.score, score_format), width, "right"), None)]
    return [(fit(row.critics_text, width, "right"), "show-table--dim")]
