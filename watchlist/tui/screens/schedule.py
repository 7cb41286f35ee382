"""Schedule: the week's broadcasts, Monday to Sunday in your time zone, by day and time,
each marked watched, behind or upcoming; `[` and `]` step through the weeks."""

from __future__ import annotations

from datetime import date, timedelta
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import DataTable, Static

from watchlist.domain.model import Show
from watchlist.domain.week import MARK_STYLE, Airing, Mark
from watchlist.service.details import ScheduleReport
from watchlist.service.tracker import Tracker
from watchlist.tui.screens.show_rows import ShowRowsScreen
from watchlist.tui.text import cell, styled
from watchlist.tui.widgets.key_bar import KeyBar
from watchlist.tui.widgets.title_bar import TitleBar


class ScheduleScreen(ShowRowsScreen):
    CSS_PATH = "schedule.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "open", "Open", id="schedule.open"),
        Binding("space,plus", "mark_next", "+1 ep", id="schedule.next"),
        Binding("left_square_bracket", "step(-1)", "Week", key_display="[ ]", id="schedule.back"),
        Binding("right_square_bracket", "step(1)", "Next week", show=False, id="schedule.on"),
        Binding("a", "toggle_all", "All shows", id="schedule.all"),
    ]

    def __init__(self, tracker: Tracker) -> None:
        super().__init__()
        self.tracker = tracker
        self.week: date | None = None
        """The Monday shown; None: the default week (this one, or the last broadcast)."""
        self.everything = False
        self.airings: list[Airing] = []

    def compose(self) -> ComposeResult:
        yield TitleBar()
        yield Static(id="schedule-heading")
        table: DataTable[Text] = DataTable(cursor_type="row", zebra_stripes=True)
        # The show last: a long title never pushes the episode and its mark off screen.
        table.add_columns("Day", "Time", "Ep", "", "Show")
        yield table
        yield Static(id="schedule-legend")
        yield KeyBar()

    def reload(self) -> None:
        self.mark_drawn()
        report = self.tracker.schedule(self.week, everything=self.everything)
        self.week = report.week.starts
        self.airings = report.week.airings
        whose = "every show" if self.everything else "your shows"
        self.sub_title = f"Schedule: {whose}"
        heading = report.heading + (f" · {report.note}" if report.note else "")
        self.query_one("#schedule-heading", Static).update(styled(heading, "bold"))
        table = self.table
        cursor = table.cursor_row
        table.clear()
        for day, airings in report.week.days():
            for n, airing in enumerate(airings):
                table.add_row(*_cells(report, airing, day, first=n == 0))
        if table.row_count:
            table.move_cursor(row=min(cursor, table.row_count - 1))
        legend = self.query_one("#schedule-legend", Static)
        if not self.airings:
            hint = f"{report.nothing}: [ and ] step weeks, a shows every show."
            legend.update(styled(hint, "dim"))
        else:
            legend.update(styled(report.legend, "dim"))

    def show_at(self, row: int) -> Show | None:
        return self.airings[row].show if 0 <= row < len(self.airings) else None

    def action_step(self, weeks: int) -> None:
        assert self.week is not None
        self.week = self.week + timedelta(weeks=weeks)
        self.reload()

    def action_toggle_all(self) -> None:
        self.everything = not self.everything
        self.reload()


def _cells(report: ScheduleReport, airing: Airing, day: date, *, first: bool) -> tuple[Text, ...]:
    mark = airing.mark
    return (
        cell(report.day_label(day) if first else "", "bold"),
        cell(airing.time_text, "italic" if airing.episode.estimated else ""),
        cell(airing.episode.number),
        cell(mark.value, MARK_STYLE[mark]),
        cell(report.title(airing.show), "bold" if mark is Mark.BEHIND else ""),
    )
