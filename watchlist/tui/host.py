"""What a screen may ask of the app it runs in. Screens and the palette see the app
through this Protocol only, so none of them imports the app, even to name its type."""

from __future__ import annotations

from datetime import tzinfo
from typing import TYPE_CHECKING, Any, Protocol, cast

if TYPE_CHECKING:
    from textual.app import App
    from textual.notifications import SeverityLevel

    from watchlist.service.tracker import Tracker
    from watchlist.tui.saving import Change


class Host(Protocol):
    tracker: Tracker
    season: str | None
    """The season the board shows, shared with stats and remembered for next time."""
    tz: tzinfo | None
    """Time zone for logged moments; None is the user's own (tests fix it)."""

    def say(self, message: str, severity: SeverityLevel = "information", **kwargs: Any) -> None:
        """A toast; text from data is never read as markup."""

    def request_save(self, change: Change) -> None:
        """Save in the background, in the order asked; a toast says when it is durable."""

    def marks_queued(self, slug: str) -> int:
        """Marks of the next episode of `slug` asked for that have not landed yet."""

    def open_show(self, slug: str) -> None: ...

    def open_critics(self, slug: str) -> None: ...

    def go_to_season(self, slug: str) -> None:
        """Show `slug` on the board (and in stats), and remember it for next time."""

    def action_help(self) -> None:
        """The keys of the screen on top, and how watchlist works."""

    def action_undo(self) -> None:
        """Take back the last change (the toast says which)."""

    def action_undo_list(self) -> None:
        """What `u` would undo, newest first."""


def host_of(app: App[Any]) -> Host:
    """The running app, seen as a host: the one place that says the app is one."""
    return cast(Host, app)
