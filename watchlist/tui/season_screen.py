"""Screens about one season (picks, the recap): they show the season the board shows,
and follow it when it moves."""

from __future__ import annotations

from watchlist.service.tracker import Tracker
from watchlist.tui.saving import DataChanged
from watchlist.tui.store_screen import StoreScreen


class SeasonScreen(StoreScreen):
    """Subclasses draw `self.season` in `reload`."""

    def __init__(self, tracker: Tracker, *, season: str | None) -> None:
        super().__init__()
        self.tracker = tracker
        self.season = season

    def on_mount(self) -> None:
        self.reload()

    def on_data_changed(self, message: DataChanged) -> None:
        self.reload()

    def on_screen_resume(self) -> None:
        chosen = self.host.season
        if chosen != self.season:
            self.season = chosen  # the board moved to another season meanwhile
            self.reload()
        else:
            super().on_screen_resume()

    def season_name(self) -> str:
        names = {s.slug: s.name for s in self.tracker.seasons()}
        return names.get(self.season or "", self.season or "no season")
