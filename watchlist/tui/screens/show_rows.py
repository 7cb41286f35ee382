"""A table with one show on each row (Behind, the schedule): Enter opens the show, and
the show actions (+1 episode, -1, a verdict) apply to the highlighted row's show."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import DataTable

from watchlist.domain.model import Entry, Show
from watchlist.tui.saving import DataChanged
from watchlist.tui.screens.show_actions import ShowActions


class ShowRowsScreen(ShowActions):
    """Subclasses compose one DataTable, fill it in `reload`, and say which show a row
    holds. Textual calls these handlers for every subclass too: a subclass never
    defines its own `on_mount` or `on_data_changed`."""

    @property
    def table(self) -> DataTable[Text]:
        return self.query_one(DataTable)

    def show_at(self, row: int) -> Show | None:
        raise NotImplementedError

    def on_mount(self) -> None:
        self.reload()
        self.table.focus()

    def on_data_changed(self, message: DataChanged) -> None:
        self.reload()

    def highlighted(self) -> tuple[Show, Entry] | None:
        show = self.show_at(self.table.cursor_row)
        return None if show is None else (show, self.tracker.entry(show.slug))

    def action_open(self) -> None:
        target = self.highlighted()
        if target is not None:
            self.host.open_show(target[0].slug)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_open()
