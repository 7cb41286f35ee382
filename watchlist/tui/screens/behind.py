"""Behind: the shows you are watching, what aired that you have not seen, and what to
watch next, in that order."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import DataTable, Static

from watchlist.domain.behind import Behind
from watchlist.domain.model import Show
from watchlist.domain.show_facts import behind_legend
from watchlist.service.tracker import Tracker
from watchlist.tui.screens.show_rows import ShowRowsScreen
from watchlist.tui.text import cell, styled
from watchlist.tui.widgets.key_bar import KeyBar
from watchlist.tui.widgets.title_bar import TitleBar


class BehindScreen(ShowRowsScreen):
    CSS_PATH = "behind.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "open", "Open", id="behind.open"),
        Binding("space,plus", "mark_next", "+1 ep", id="behind.next"),
        Binding("minus", "unmark_last", "-1 ep", id="behind.unmark"),
    ]

    def __init__(self, tracker: Tracker) -> None:
        super().__init__()
        self.tracker = tracker
        self.items: list[Behind] = []

    def compose(self) -> ComposeResult:
        yield TitleBar()
        yield Static(id="behind-summary")
        table: DataTable[Text] = DataTable(cursor_type="row", zebra_stripes=True)
        table.add_columns("Show", "Behind", "Aired", "Watched", "Next")
        yield table
        yield Static(id="behind-legend")
        yield KeyBar()

    def reload(self) -> None:
        self.mark_drawn()
        report = self.tracker.behind()
        self.items = report.items
        self.sub_title = "Behind: what to watch next"
        if not report.items:
            summary = "You are not watching anything yet: mark an episode on the board."
        else:
            summary = report.summary
        self.query_one("#behind-summary", Static).update(styled(summary, "bold"))
        table = self.table
        cursor = table.cursor_row
        table.clear()
        language = self.tracker.settings().titles
        for item in report.items:
            title = item.show.title_in(language)
            texts = report.aired_text(item), report.next_text(item)
            table.add_row(*_cells(item, title, *texts), key=item.show.slug)
        if table.row_count:
            table.move_cursor(row=min(cursor, table.row_count - 1))
        legend = self.query_one("#behind-legend", Static)
        text = behind_legend(self.items)
        legend.display = bool(text)
        legend.update(styled(text, "dim"))

    def show_at(self, row: int) -> Show | None:
        return self.items[row].show if 0 <= row < len(self.items) else None


def _cells(item: Behind, title: str, aired: str, following: str) -> tuple[Text, ...]:
    return (
        cell(title, "bold" if item.behind else ""),
        cell(item.behind, "bold" if item.behind else "dim"),
        cell(aired),
        cell(len(item.entry.watched)),
        cell(following, "italic" if item.next and item.next.estimated else ""),
    )
