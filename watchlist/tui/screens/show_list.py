"""The season board and My list: a filterable table of shows with the same keys."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, cast

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.message import Message
from textual.widgets import Static

from watchlist.domain.model import Entry, Show, Status
from watchlist.domain.ordering import SORT_BY_NAME, SORTS
from watchlist.domain.settings import ListView
from watchlist.domain.text import plural
from watchlist.service.tracker import Tracker
from watchlist.service.views import Row
from watchlist.tui.saving import Change, DataChanged
from watchlist.tui.screens.show_actions import ShowActions
from watchlist.tui.text import plain
from watchlist.tui.widgets.key_bar import KeyBar
from watchlist.tui.widgets.show_columns import Clock
from watchlist.tui.widgets.show_table import ShowTable
from watchlist.tui.widgets.title_bar import TitleBar

if TYPE_CHECKING:
    from watchlist.tui.widgets.filter_box import FilterBox

STATUS_CYCLE: list[Status | None] = [None, *Status]
TICK = 60.0
"""Seconds between redraws of the next broadcasts' "in 2d 4h"."""
TABLE_ACTIONS = {
    "mark_next",
    "unmark_last",
    "verdict",
    "critics",
    "cycle_sort",
    "reverse_sort",
    "cycle_status",
    "focus_filter",
    "pick_tag",
}


class ShowListScreen(ShowActions):
    """Shared by the board and My list; subclasses say which rows to show."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("slash", "focus_filter", "Filter", id="list.filter"),
        Binding("space,plus", "mark_next", "+1 ep", id="list.next"),
        Binding("minus", "unmark_last", "-1 ep", id="list.unmark"),
        Binding("v", "verdict", "Verdict", id="list.verdict"),
        Binding("c", "critics", "Critics", id="list.critics"),
        Binding("s", "cycle_sort", "Sort", id="list.sort"),
        Binding("r", "reverse_sort", "Reverse sort", show=False, id="list.reverse"),
        Binding("f", "cycle_status", "Status", id="list.status"),
        Binding("g", "pick_tag", "Tag", show=False, id="list.tag"),
        Binding("escape", "clear_filter", "Clear filter", show=False, id="list.clear"),
        Binding("down", "table_cursor(1)", show=False),
        Binding("up", "table_cursor(-1)", show=False),
    ]

    default_sort = "title"
    view_name = ""
    """Under which name the sort and status filter are kept."""

    @property
    def heading(self) -> str:
        """What the title bar says over the list."""
        return ""

    def __init__(self, tracker: Tracker) -> None:
        super().__init__()
        self.tracker = tracker
        self._status_index = 0
        self._typed: list[str] | None = None
        """While the filter box is being put up: the keys typed meanwhile, for it."""

    def compose(self) -> ComposeResult:
        yield TitleBar()
        with Horizontal(classes="list-bar"):
            # The text box is mounted on the first "/": an Input costs start-up time.
            yield Static("Press / and type to filter", id="filter-hint")
            yield Static(id="list-info")
        yield ShowTable(id="shows")
        yield KeyBar()

    @property
    def table(self) -> ShowTable:
        return self.query_one(ShowTable)

    def fetch_rows(self) -> list[Row]:
        raise NotImplementedError

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # While typing a filter these keys type letters; the bar should not offer them.
        typing = self.focused is not None and self.focused.id == "filter"
        return not (action in TABLE_ACTIONS and typing)

    def on_mount(self) -> None:
        kept = self.tracker.settings().view(self.view_name)
        if kept is not None and kept.sort in SORT_BY_NAME:
            self.table.sort_by(kept.sort, reverse=kept.reverse)
            self._status_index = STATUS_CYCLE.index(kept.status)
            self.table.filter_status(kept.status)
        else:
            self.table.sort_by(self.default_sort)
        self.reload()
        self.table.focus()
        self.set_interval(TICK, self._tick)

    def clock(self) -> Clock:
        return Clock(self.tracker.now, self.tracker.zone().tz)

    def _tick(self) -> None:
        self.table.set_clock(self.clock())

    def _remember_view(self) -> None:
        """Sort and status filter are kept for the next launch, saved quietly."""
        view = ListView(
            self.view_name,
            self.table.sort_name,
            self.table.reversed,
            STATUS_CYCLE[self._status_index],
        )
        self.save(
            Change(lambda: self.tracker.remember_view(view), lambda _: "", quiet=True, redraw=False)
        )

    def reload(self) -> None:
        self.mark_drawn()
        self.table.set_rows(self.fetch_rows(), self.tracker.settings().score_format, self.clock())
        self.sub_title = self.heading
        self._show_info()

    def on_data_changed(self, message: DataChanged) -> None:
        row = self.tracker.row(message.slug) if message.slug else None
        if row is None:
            self.reload()
            return
        self.mark_drawn()
        if self.table.has(row.show.slug):
            self.table.update_row(row)
        elif self.belongs(row):
            self.reload()  # a show this list did not hold yet (a first mark, in My list)
        self._show_info()

    def belongs(self, row: Row) -> bool:
        """Whether `row` should appear in this list."""
        raise NotImplementedError

    def _show_info(self) -> None:
        table = self.table
        status = STATUS_CYCLE[self._status_index]
        parts = [plural(table.row_count, "show"), f"sort: {table.sort_label}"]
        parts.append(f"status: {status.value if status else 'all'}")
        if table.tag is not None:
            parts.append(f"tag: {table.tag}")
        # Same width every time: no layout needed for a new count.
        self.query_one("#list-info", Static).update(plain("  ·  ".join(parts)), layout=False)

    # -------------------------------------------------------------- filter

    def _filter_box(self) -> FilterBox | None:
        """The filter text, once "/" has mounted it."""
        found = self.query("#filter")
        # Only a FilterBox has that id; naming the class here would load it before "/".
        return cast("FilterBox", found.first()) if found else None

    async def action_focus_filter(self) -> None:
        existing = self._filter_box()
        if existing is not None:
            existing.select_all()  # what is typed next replaces the filter
            existing.focus()
            return
        if self._typed is None:
            self._typed = []  # keys that come before the box is there are kept for it
        from watchlist.tui.widgets.filter_box import FilterBox

        box = FilterBox(
            self._filter,
            placeholder="Type to filter · Enter or Esc: back",
            id="filter",
            compact=True,
            select_on_focus=False,
        )
        hint = self.query_one("#filter-hint")
        await self.query_one(".list-bar").mount(box, before=hint)
        await hint.remove()
        self._take_typed(box)

    def _take_typed(self, box: FilterBox) -> None:
        """Give the box the keys typed since "/": they replace its text (a new filter,
        or the box's old one selected, as when typed slowly). Keys after Enter or Esc
        run as commands again, in order."""
        typed, self._typed = self._typed or [], None
        ended = next((n for n, k in enumerate(typed) if k in ("enter", "escape")), len(typed))
        if typed[:ended]:
            text = ""
            for key in typed[:ended]:
                text = text[:-1] if key == "backspace" else text + key
            box.value = text
            box.cursor_position = len(text)
        else:
            box.select_all()
        box.focus()
        if ended < len(typed):
            if typed[ended] == "escape":
                box.value = ""
            self.table.focus()
            for key in typed[ended + 1 :]:
                self.app.simulate_key(key)

    def on_key(self, event: events.Key) -> None:
        """Every key typed after `/` reaches the filter, however fast they come.

        Keys arrive at the focused table first and are queued there; a burst (or a
        paste) typed right after `/` would otherwise run as commands ("c" opens the
        critics, space marks an episode) before the filter box is even mounted or
        focused. Until then, and after, such keys are handed to the box instead."""
        box = self._filter_box()
        if self._typed is None and box is not None and self.focused is box:
            # Keys typed into the box stop there; one that reaches the screen was
            # queued at the table before the box took the focus: it is the box's.
            if event.is_printable and event.character:
                box.insert_text_at_cursor(event.character)
            elif event.key == "backspace":
                box.action_delete_left()
            elif event.key in ("enter", "escape"):
                self.table.focus()
                if event.key == "escape":
                    box.value = ""
            else:
                return
            self._swallow(event)
            return
        if self._typed is None:
            if event.key == "slash" and self.focused is self.table:
                self._typed = []
                self._swallow(event)
                if box is None:
                    self.run_worker(self.action_focus_filter(), group="filter")
                else:
                    # Runs after the keys already queued at the table, which it takes.
                    self.table.call_later(self._take_typed, box)
            return
        finished = "enter" in self._typed or "escape" in self._typed
        if finished:
            self._typed.append(event.key)  # after Enter: a command, run once the box is up
        elif event.is_printable and event.character:
            self._typed.append(event.character)
        elif event.key in ("backspace", "enter", "escape"):
            self._typed.append(event.key)
        self._swallow(event)

    @staticmethod
    def _swallow(event: events.Key) -> None:
        event.stop()
        event.prevent_default()

    def _filter(self, query: str) -> None:
        if self.is_mounted:
            self.table.filter(query)
            self._show_info()

    def on_input_submitted(self, event: Message) -> None:
        if event.control is not None and event.control.id == "filter":
            self.table.focus()

    def action_clear_filter(self) -> None:
        box = self._filter_box()
        if box is not None and box.value:
            box.value = ""
        self.table.focus()

    def action_table_cursor(self, step: int) -> None:
        self.table.action_cursor(step)

    # ---------------------------------------------------------------- sort

    def action_cycle_sort(self) -> None:
        names = [sort.name for sort in SORTS]
        following = names[(names.index(self.table.sort_name) + 1) % len(names)]
        self.table.sort_by(following)
        self._show_info()
        self._remember_view()

    def action_reverse_sort(self) -> None:
        self.table.sort_by(self.table.sort_name, reverse=not self.table.reversed)
        self._show_info()
        self._remember_view()

    def action_cycle_status(self) -> None:
        self._status_index = (self._status_index + 1) % len(STATUS_CYCLE)
        self.table.filter_status(STATUS_CYCLE[self._status_index])
        self._show_info()
        self._remember_view()

    def action_pick_tag(self) -> None:
        """A palette of the tags the list's shows carry (datasets' and your own)."""
        from functools import partial

        from watchlist.tui.choices import pick

        counts = self.table.tag_counts()
        if not counts:
            self.host.say("No show here has tags: import anime-offline-database or your MAL list.")
            return
        choices = [("Any tag", partial(self._set_tag, None), "Show every show")]
        choices += [
            (tag, partial(self._set_tag, tag), plural(count, "show")) for tag, count in counts
        ]
        pick(self.app, choices, "Filter by tag…")

    def _set_tag(self, tag: str | None) -> None:
        self.table.filter_tag(tag)
        self._show_info()

    # ------------------------------------------------------------- actions

    def highlighted(self) -> tuple[Show, Entry] | None:
        row = self.table.current
        return (row.show, row.entry) if row else None

    def on_show_table_selected(self, event: ShowTable.Selected) -> None:
        self.open_show(event.row.show.slug)


class BoardScreen(ShowListScreen):
    """Home: the shows of one season; [ and ] (the app's keys) step through the seasons."""

    view_name = "board"

    def __init__(self, tracker: Tracker, *, season: str | None) -> None:
        super().__init__(tracker)
        self.season = season

    @property
    def heading(self) -> str:
        seasons = [(s.slug, s.name) for s in self.tracker.seasons()]
        names = dict(seasons)
        heading = f"Season board: {names.get(self.season or '', 'no season')}"
        if len(seasons) > 1 and self.season in names:
            place = [slug for slug, _ in seasons].index(self.season) + 1
            heading += f" ({place} of {len(seasons)})"
        return heading

    def fetch_rows(self) -> list[Row]:
        return self.tracker.rows(self.season)

    def belongs(self, row: Row) -> bool:
        return self.season is not None and row.show.in_season(self.season)

    def show_season(self, slug: str | None) -> None:
        if slug != self.season:
            self.season = slug
            self.reload()

    def on_screen_resume(self) -> None:
        chosen = self.host.season
        if chosen != self.season:
            self.show_season(chosen)  # chosen from the palette elsewhere
        # StoreScreen's handler runs next, and draws again only if the store changed.


class MyListScreen(ShowListScreen):
    """Every show you track, across seasons and imports, grouped by status."""

    default_sort = "status"
    heading = "My list"
    view_name = "my-list"

    def fetch_rows(self) -> list[Row]:
        return self.tracker.rows(tracked_only=True)

    def belongs(self, row: Row) -> bool:
        return True
