"""A table of shows that draws only the rows on screen, so thousands filter as you type."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding, BindingType
from textual.cache import LRUCache
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from watchlist.domain.folding import fold
from watchlist.domain.model import Status
from watchlist.domain.ordering import SORT_BY_NAME, SORTS
from watchlist.domain.scoring import ScoreFormat
from watchlist.service.lookup import searchable
from watchlist.service.views import Row, tag_counts
from watchlist.tui.widgets.show_columns import (
    GAP,
    OPTIONAL,
    Clock,
    Column,
    cells,
    empty_columns,
    fit,
    heading,
    layout,
)


class ShowTable(ScrollView, can_focus=True):
    """Rows of shows with a cursor; filter, sort and status filter without rebuilding rows."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up,k", "cursor(-1)", "Up", show=False, id="show-table.up"),
        Binding("down,j", "cursor(1)", "Down", show=False, id="show-table.down"),
        Binding("pageup", "page(-1)", "Page up", show=False, id="show-table.page-up"),
        Binding("pagedown", "page(1)", "Page down", show=False, id="show-table.page-down"),
        Binding("home", "jump(0)", "First show", show=False, id="show-table.first"),
        Binding("end", "jump(-1)", "Last show", show=False, id="show-table.last"),
        Binding("enter", "select", "Open", id="show-table.open"),
    ]

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "show-table--header",
        "show-table--cursor",
        "show-table--bar",
        "show-table--dim",
        "show-table--completed",
        "show-table--watching",
        "show-table--dropped",
    }

    DEFAULT_CSS = """
    ShowTable {
        background: $surface;
        /* Always there, so a new row count never changes the layout. */
        overflow-y: scroll;
        overflow-x: hidden;
        & > .show-table--header { text-style: bold; background: $panel; }
        & > .show-table--cursor {
            background: $block-cursor-background;
            color: $block-cursor-foreground;
            text-style: bold;
        }
        & > .show-table--bar { color: $success; text-style: bold; }
        & > .show-table--dim { color: $text-muted; }
        & > .show-table--completed { color: $success; }
        & > .show-table--watching { color: $accent; }
        & > .show-table--dropped { color: $error; }
        &:blur > .show-table--cursor {
            background: $block-cursor-blurred-background;
            text-style: none;
        }
    }
    """

    class Selected(Message):
        def __init__(self, table: ShowTable, row: Row) -> None:
            super().__init__()
            self.table = table
            self.row = row

    cursor: reactive[int] = reactive(0, always_update=True)

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._rows: list[Row] = []
        self._keys: list[str] = []
        self._index: dict[str, int] = {}
        self._order: list[int] = []
        """Every row, in the current sort order: filtering keeps this order."""
        self._visible: list[int] = []
        self._query = ""
        self._status: Status | None = None
        self._tag: str | None = None
        self._sort = SORTS[0]
        self._reverse = False
        self.score_format = ScoreFormat.POINT_10
        self.clock: Clock | None = None
        """When the table is drawn at: what "in 2d 4h" counts from."""
        self._empty: frozenset[str] = OPTIONAL
        """Optional columns no row has anything for: left out."""
        # Rendering caches: at 5,000 rows a keystroke must repaint within a frame.
        self._lines: LRUCache[tuple[str, bool, int], Strip] = LRUCache(1024)
        self._styles: dict[str, Style] | None = None
        self._column_widths: (
            tuple[tuple[int, str, frozenset[str]], list[tuple[Column, int]]] | None
        ) = None
        self._width: int | None = None

    # ---------------------------------------------------------------- data

    def set_rows(
        self, rows: Sequence[Row], score_format: ScoreFormat, clock: Clock | None = None
    ) -> None:
        """Replace every row, keeping the cursor on the same show where possible."""
        keep = self.current_slug
        self.clock = clock
        self._rows = list(rows)
        self._empty = empty_columns(self._rows, self.clock)
        self._keys = [searchable(row.show) for row in self._rows]
        self._index = {row.show.slug: n for n, row in enumerate(self._rows)}
        self.score_format = score_format
        self._lines.clear()
        self._sort_rows()
        self._recompute(keep)

    def set_clock(self, clock: Clock) -> None:
        """Time moved on: the next broadcasts' "in 2d 4h" are drawn again."""
        self.clock = clock
        self._empty = empty_columns(self._rows, self.clock)
        self._lines.clear()
        self.refresh()

    def update_row(self, row: Row) -> None:
        """Replace one show's row (after a save) without touching the others."""
        position = self._index.get(row.show.slug)
        if position is None:
            return
        self._rows[position] = row
        self._keys[position] = searchable(row.show)
        for selected in (False, True):
            self._lines.discard((row.show.slug, selected, self._content_width))
        self._sort_rows()
        self._recompute(self.current_slug)

    @property
    def empty_message(self) -> str:
        """What an empty table says: why nothing shows, and how to change that."""
        if not self._rows:
            return "No shows here."
        why = []
        if self._query:
            why.append("the filter")
        if self._status is not None:
            why.append(f"status {self._status.value}")
        if self._tag is not None:
            why.append(f"tag {self._tag}")
        return f"No show matches {' and '.join(why)}: Esc clears the filter, f changes the status."

    def filter(self, query: str) -> None:
        self._query = fold(query)
        self._recompute(self.current_slug)

    def filter_status(self, status: Status | None) -> None:
        self._status = status
        self._recompute(self.current_slug)

    def filter_tag(self, tag: str | None) -> None:
        """Only the shows with `tag` (a dataset's or your own); None: every show."""
        self._tag = tag
        self._recompute(self.current_slug)

    @property
    def tag(self) -> str | None:
        return self._tag

    def tag_counts(self) -> list[tuple[str, int]]:
        return tag_counts(self._rows)  # the commonest first

    def sort_by(self, name: str, reverse: bool = False) -> None:
        self._sort = SORT_BY_NAME[name]
        self._reverse = reverse
        self._lines.clear()  # the sorted-by column may now be shown
        self._sort_rows()
        self._recompute(self.current_slug)

    def _sort_rows(self) -> None:
        key, rows = self._sort.key, self._rows
        self._order = sorted(range(len(rows)), key=lambda n: key(rows[n]), reverse=self._reverse)

    @property
    def sort_label(self) -> str:
        return self._sort.label + (" ↑" if self._reverse else "")

    @property
    def sort_name(self) -> str:
        return self._sort.name

    @property
    def reversed(self) -> bool:
        return self._reverse

    @property
    def visible_rows(self) -> list[Row]:
        return [self._rows[i] for i in self._visible]

    @property
    def row_count(self) -> int:
        return len(self._visible)

    @property
    def current(self) -> Row | None:
        if 0 <= self.cursor < len(self._visible):
            return self._rows[self._visible[self.cursor]]
        return None

    @property
    def current_slug(self) -> str | None:
        row = self.current
        return row.show.slug if row else None

    def has(self, slug: str) -> bool:
        return slug in self._index

    def move_to(self, slug: str) -> None:
        position = self._index.get(slug)
        if position is not None and position in self._visible:
            self.cursor = self._visible.index(position)

    def _recompute(self, keep: str | None) -> None:
        query, status = self._query, self._status
        rows, keys = self._rows, self._keys
        if status is None:
            visible = [n for n in self._order if query in keys[n]] if query else list(self._order)
        else:
            visible = [
                n
                for n in self._order
                if rows[n].status is status and (not query or query in keys[n])
            ]
        if self._tag is not None:
            tag = self._tag
            visible = [n for n in visible if rows[n].tagged(tag)]
        self._visible = visible
        self._set_height(len(visible) + 1)
        position = self._index.get(keep) if keep else None
        self.cursor = visible.index(position) if position in visible else 0
        self.refresh()

    def _set_height(self, lines: int) -> None:
        """A new row count without a new layout: only the scrollbar needs to know."""
        size = Size(self.size.width, lines)
        if size == self.virtual_size:
            return
        if not self.is_mounted:
            self.virtual_size = size
            return
        self.set_reactive(ShowTable.virtual_size, size)
        self.vertical_scrollbar.window_virtual_size = lines
        if self.scroll_y > self.max_scroll_y:
            self.scroll_to(y=self.max_scroll_y, animate=False)

    # ------------------------------------------------------------ movement

    def watch_cursor(self, old: int, new: int) -> None:
        if self._visible:
            clamped = max(0, min(new, len(self._visible) - 1))
            if clamped != new:
                self.cursor = clamped
                return
            self._scroll_to_cursor()
        self.refresh()

    def _scroll_to_cursor(self) -> None:
        rows_shown = max(1, self.size.height - 1)
        top = round(self.scroll_y)
        if self.cursor < top:
            self.scroll_to(y=self.cursor, animate=False)
        elif self.cursor >= top + rows_shown:
            self.scroll_to(y=self.cursor - rows_shown + 1, animate=False)

    def on_resize(self) -> None:
        self._width = None
        self.virtual_size = Size(self.size.width, len(self._visible) + 1)
        self._scroll_to_cursor()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._styles = None  # a new theme, or focus moved: colours change
        self._lines.clear()

    def on_focus(self) -> None:
        self.notify_style_update()

    def on_blur(self) -> None:
        self.notify_style_update()

    def _style(self, name: str) -> Style:
        if self._styles is None:
            base = self.rich_style
            self._styles = {"": base} | {
                component: base + self.get_component_rich_style(component)
                for component in self.COMPONENT_CLASSES
            }
            cursor = self._styles["show-table--cursor"]
            for component in self.COMPONENT_CLASSES:
                # Under the cursor only the bar keeps its colour, so progress still reads.
                if component == "show-table--bar":
                    self._styles[f"cursor:{component}"] = cursor + self._styles[component]
                else:
                    self._styles[f"cursor:{component}"] = cursor
            self._styles["cursor:"] = cursor
        return self._styles[name]

    @property
    def _content_width(self) -> int:
        # Asked for on every line, and costly to work out: kept from the last resize.
        if self._width is None:
            self._width = self.scrollable_content_region.width
        return self._width

    def action_cursor(self, step: int) -> None:
        self.cursor = max(0, min(self.cursor + step, len(self._visible) - 1))

    def action_page(self, direction: int) -> None:
        self.action_cursor(direction * max(1, self.size.height - 2))

    def action_jump(self, where: int) -> None:
        self.cursor = where if where >= 0 else max(0, len(self._visible) - 1)

    def action_select(self) -> None:
        row = self.current
        if row is not None:
            self.post_message(self.Selected(self, row))

    def on_click(self, event: events.Click) -> None:
        line = event.y - 1 + round(self.scroll_y)
        if event.y >= 1 and 0 <= line < len(self._visible):
            self.cursor = line
            if event.chain >= 2:
                self.action_select()

    # ----------------------------------------------------------- rendering

    def _widths(self, width: int) -> list[tuple[Column, int]]:
        key = (width, self._sort.name, self._empty)
        if self._column_widths is None or self._column_widths[0] != key:
            self._column_widths = (key, layout(width, self._sort.name, self._empty))
        return self._column_widths[1]

    def render_line(self, y: int) -> Strip:
        width = self._content_width
        if y == 0:
            titles = [
                fit(heading(c, self.score_format), w, c.align) for c, w in self._widths(width)
            ]
            text = " " + (" " * GAP).join(titles)
            return Strip([Segment(fit(text, width), self._style("show-table--header"))], width)
        line = y - 1 + round(self.scroll_y)
        if line >= len(self._visible):
            if y == 2 and not self._visible:
                text = f" {self.empty_message}"
                return Strip([Segment(fit(text, width), self._style("show-table--dim"))], width)
            return Strip.blank(width, self._style(""))
        row = self._rows[self._visible[line]]
        selected = line == self.cursor
        key = (row.show.slug, selected, width)
        strip = self._lines.get(key)
        if strip is None:
            strip = self._render_row(row, selected, width)
            self._lines[key] = strip
        return strip

    def _render_row(self, row: Row, selected: bool, width: int) -> Strip:
        parts: list[tuple[str, str | None]] = [(" ", None)]
        for n, (column, column_width) in enumerate(self._widths(width)):
            if n:
                parts.append((" " * GAP, None))
            parts += cells(column, column_width, row, self.score_format, self.clock)
        prefix = "cursor:" if selected else ""
        segments = [
            Segment(text, self._style(prefix + (component or ""))) for text, component in parts
        ]
        used = sum(cell_len(text) for text, _ in parts)
        if used < width:
            segments.append(Segment(" " * (width - used), self._style(prefix)))
            return Strip(segments, width)
        return Strip(segments, used).crop(0, width)
