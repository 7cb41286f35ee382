"""The filter text above a show table (mounted on the first `/`)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

from textual.binding import Binding, BindingType
from textual.geometry import Size
from textual.reactive import Reactive
from textual.widgets import Input


class FilterBox(Input):
    """Calls back on each change instead of waiting for its Changed message, so the
    table repaints in the same frame as the text."""

    # While typing, the footer says how to leave the box (the same actions as before:
    # Input's own submit, and the list's clear), since every other key types a letter.
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "submit", "Keep filter"),
        Binding("escape", "screen.clear_filter", "Clear filter"),
    ]

    # Input sets its virtual size from its text at every keystroke, and a widget's virtual
    # size asks for a new layout of the whole screen. This box's size is fixed (app.tcss),
    # so only its scroll range changes, which needs a repaint and no layout: at 5,000
    # shows that layout was most of a keystroke's frame.
    virtual_size: Reactive[Size] = Reactive(Size(0, 0))

    def __init__(self, on_change: Callable[[str], None], **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._on_change = on_change

    def watch_value(self, value: str) -> None:
        self._on_change(value)
