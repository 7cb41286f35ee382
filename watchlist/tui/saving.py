"""Saves run in thread workers, in the order they were asked for, and report back."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from textual.message import Message


@dataclass
class Change:
    """One thing to save: the service call and how to describe its result."""

    run: Callable[[], Any]
    """The tracker call; it returns only once the change is durable on disk."""
    describe: Callable[[Any], str]
    """The toast text for the saved result."""
    slug: str | None = None
    """The show it changes, so screens can refresh just that one."""
    quiet: bool = False
    """No toast (settings changed from the palette, for instance, say so themselves)."""
    mark: bool = False
    """A queued "next episode": counted until it lands, so rapid presses stop at the last."""
    redraw: bool = True
    """Screens redraw after it; not for what no screen shows (a remembered sort order)."""
    ticket: int = field(default=0, compare=False)


class SaveRequested(Message):
    """Posted by a screen or dialog; the app runs the save."""

    def __init__(self, change: Change) -> None:
        super().__init__()
        self.change = change


class DataChanged(Message):
    """Sent to screens after a save or when another program changed the file."""

    def __init__(self, slug: str | None) -> None:
        super().__init__()
        self.slug = slug
        """None means anything may have changed."""


class SaveQueue:
    """Tickets that make thread workers save one at a time, first asked first saved.

    Each save gets its own worker (so a failure is reported for that save alone),
    but they wait their turn here: two quick toggles of one episode land in order.
    """

    def __init__(self) -> None:
        self._turn = threading.Condition()
        self._issued = 0
        self._serving = 0

    def ticket(self) -> int:
        with self._turn:
            self._issued += 1
            return self._issued

    def run_in_turn(self, ticket: int, call: Callable[[], Any]) -> Any:
        with self._turn:
            self._turn.wait_for(lambda: self._serving == ticket - 1)
        try:
            return call()
        finally:
            with self._turn:
                self._serving = ticket
                self._turn.notify_all()

    @property
    def pending(self) -> int:
        with self._turn:
            return self._issued - self._serving
