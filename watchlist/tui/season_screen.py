"""Screens about one season (picks, the recap, stats): they show the season the board
shows, follow it when it moves, and draw again when the width they lay out for changes."""

from __future__ import annotations

from watchlist.service.tracker import Tracker
from watchlist.tui.saving import DataChanged
from watchlist.tui.store_screen import StoreScreen


class SeasonScreen(StoreScreen):
    """Subclasses draw `self.season` in `reload`, laid out for the screen's width; a new
    width calls `relayout`, which draws again unless a subclass lays out what it kept.

    Textual calls the handler of every class that defines one, this one's too, so a
    subclass adds its own handlers (focus on mount, a class on resize) and never
    calls these."""

    def __init__(self, tracker: Tracker, *, season: str | None) -> None:
        super().__init__()
        self.tracker = tracker
        self.season = season
        self._drawn_width = -1

    def mark_drawn(self) -> None:
        super().mark_drawn()
        self._drawn_width = self.size.width

    def on_mount(self) -> None:
        self.reload()

    def on_resize(self) -> None:
        # The first resize comes right after the mount drew the screen at this width.
        if self.is_mounted and self.size.width != self._drawn_width:
            self._drawn_width = self.size.width
            self.relayout()

    def relayout(self) -> None:
        """Lay what is shown out again for the new width. By default it is drawn again; a
        screen that keeps what it drew redraws from that instead of asking the tracker."""
        self.reload()

    @property
    def follows_season(self) -> bool:
        """Whether what is shown depends on the season (stats over everything does not)."""
        return True

    def on_data_changed(self, message: DataChanged) -> None:
        self.reload()

    def on_screen_resume(self) -> None:
        chosen = self.host.season
        if chosen != self.season:
            self.season = chosen  # the board moved to another season meanwhile
            if self.follows_season:
                self.reload()
        # StoreScreen's handler runs next, and draws again only if the store changed.

    def season_name(self) -> str:
        names = {s.slug: s.name for s in self.tracker.seasons()}
        return names.get(self.season or "", self.season or "no season")
