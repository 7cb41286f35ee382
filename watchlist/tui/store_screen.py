"""Screens drawn from the store, and drawn again only when it has changed."""

from __future__ import annotations

from typing import Any

from textual.screen import Screen

from watchlist.service.tracker import Tracker
from watchlist.tui.host import Host, host_of


class StoreScreen(Screen[Any]):
    """Subclasses draw in `reload`, which starts with `mark_drawn()`.

    Textual sends ScreenResume on a screen's first showing, right after its mount
    drew it, and again whenever a dialog or another screen on top closes, mostly
    with nothing saved. The store's generation tells whether there is anything new.
    Textual calls this handler for a subclass that has its own as well, after it.
    """

    tracker: Tracker
    _drawn_generation = -1

    @property
    def host(self) -> Host:
        """What this screen may ask of the app."""
        return host_of(self.app)

    def reload(self) -> None:
        raise NotImplementedError

    def mark_drawn(self) -> None:
        self._drawn_generation = self.tracker.generation

    def on_screen_resume(self) -> None:
        if self.tracker.generation != self._drawn_generation:
            self.reload()
