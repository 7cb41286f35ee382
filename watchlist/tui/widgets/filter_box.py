"""The filter text above a show table (mounted on the first `/`)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

from textual.binding import Binding, BindingType
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

    def __init__(self, on_change: Callable[[str], None], **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._on_change = on_change

    def watch_value(self, value: str) -> None:
        self._on_change(value)
