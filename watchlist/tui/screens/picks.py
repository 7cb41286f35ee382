"""Picks: the season's shows you have not judged, ranked by what the critics who agree
with you gave them; each with its reason, and what picks need when they cannot guess."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.widgets import DataTable, Static

from watchlist.domain.errors import InvalidInput
from watchlist.domain.picks import NONE_LEFT, Pick
from watchlist.domain.text import plural
from watchlist.service.tracker import Tracker
from watchlist.tui.season_screen import SeasonScreen
from watchlist.tui.text import cell, lines, plain, styled
from watchlist.tui.widgets.key_bar import KeyBar
from watchlist.tui.widgets.title_bar import TitleBar

BLIND = (
    "Picks are off in blind mode: they rest on the critics' scores, which blind mode hides "
    "until you give your own verdict. Turn blind mode off from the command palette (ctrl+p)."
)
HOW = (
    "Each critic who reviewed at least 2 of the shows you judged counts, weighted by how "
    "close their scores came to yours. Scores are 0-100."
)


NUMBERS = 32
"""Cells the Predicted and Critics columns, the cell padding and the scroll bar take."""


def cut(text: Text, width: int) -> Text:
    text.truncate(width, overflow="ellipsis")
    return text


class PicksScreen(SeasonScreen):
    CSS_PATH = "picks.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "open", "Open", id="picks.open"),
    ]

    def __init__(self, tracker: Tracker, *, season: str | None) -> None:
        super().__init__(tracker, season=season)
        self.picks: list[Pick] = []

    def compose(self) -> ComposeResult:
        yield TitleBar()
        yield Static(id="picks-summary")
        table: DataTable[Text] = DataTable(cursor_type="row", zebra_stripes=True)
        table.add_columns("Show", "Predicted", "Critics", "Why")
        yield table
        yield Static(id="picks-why")
        yield KeyBar()

    @property
    def table(self) -> DataTable[Text]:
        return self.query_one(DataTable)

    def on_mount(self) -> None:
        self.table.focus()

    def reload(self) -> None:
        self.mark_drawn()
        self.sub_title = f"Picks: {self.season_name()}"
        table = self.table
        cursor = table.cursor_row
        table.clear()
        self.picks = []
        try:
            found = self.tracker.picks(self.season)
        except InvalidInput:
            self._say(styled(BLIND, "bold"))
            return
        if found.needs:
            needs = found.needs[:1].upper() + found.needs[1:] + "."
            self._say(lines(styled("No picks yet.", "bold"), plain(needs)))
            return
        self.picks = found.picks
        # Room for all four columns: titles get two fifths of what the numbers leave, the
        # reason the rest (the line under the table gives it in full).
        room = max(30, self.size.width - NUMBERS)
        title_width = max(16, room * 2 // 5)
        for item in self.picks:
            table.add_row(
                cut(cell(found.title(item.show), "bold"), title_width),
                cell(item.predicted),
                cell(item.critics),
                cut(cell(item.reason, "dim"), room - title_width),
                key=item.show,
            )
        if not self.picks:
            self._say(styled(NONE_LEFT, "bold"))
            return
        summary = f"{plural(len(self.picks), 'show')} you have not judged, best first. {HOW}"
        self._say(plain(summary), table=True)
        table.move_cursor(row=min(cursor, table.row_count - 1))
        self._explain()

    def _say(self, text: Content, *, table: bool = False) -> None:
        self.query_one("#picks-summary", Static).update(text)
        self.table.display = table
        self.query_one("#picks-why", Static).display = table
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # Nothing to open while picks are off or say what they need.
        return bool(self.picks) if action == "open" else True

    def _explain(self) -> None:
        """The highlighted pick's reason in full, under the table (a narrow terminal cuts
        the Why column)."""
        row = self.table.cursor_row
        why = self.query_one("#picks-why", Static)
        if 0 <= row < len(self.picks):
            item = self.picks[row]
            why.update(
                Content.assemble(
                    styled("Why: ", "bold"),
                    plain(f"{item.reason}; rests on {plural(item.critics, 'critic')}."),
                )
            )

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._explain()

    def action_open(self) -> None:
        row = self.table.cursor_row
        if self.picks and 0 <= row < len(self.picks):
            self.host.open_show(self.picks[row].show)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_open()
