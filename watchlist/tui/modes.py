"""The app's modes, each declared once: its key, footer label, help line and palette
command all come from here. Adding a mode is adding one `Mode` to `MODES`."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from msgspec import Struct
from textual.binding import Binding

if TYPE_CHECKING:
    from textual.screen import Screen

    from watchlist.tui.host import Host


class Mode(Struct, frozen=True):
    name: str
    """Textual's mode name, which `switch_mode` takes."""
    key: str
    """The key that opens it, from any screen."""
    label: str
    """Its word in the footer."""
    help: str
    """What it shows: the line under `?`, and the palette command's help."""
    command: str
    """What to type in the command palette (ctrl+p) to open it."""
    screen: Callable[[Host], Screen[Any]]
    """Builds its screen the first time it opens; it imports the screen's module then,
    so a mode not on the first frame costs nothing at start-up."""

    @property
    def action(self) -> str:
        return f"switch_mode({self.name!r})"

    def binding(self) -> Binding:
        # The id lets users rebind it; the tooltip is the help line.
        return Binding(self.key, self.action, self.label, tooltip=self.help, id=f"mode.{self.name}")


def _board(host: Host) -> Screen[Any]:
    from watchlist.tui.screens.show_list import BoardScreen

    return BoardScreen(host.tracker, season=host.season)


def _my_list(host: Host) -> Screen[Any]:
    from watchlist.tui.screens.show_list import MyListScreen

    return MyListScreen(host.tracker)


def _behind(host: Host) -> Screen[Any]:
    from watchlist.tui.screens.behind import BehindScreen

    return BehindScreen(host.tracker)


def _schedule(host: Host) -> Screen[Any]:
    from watchlist.tui.screens.schedule import ScheduleScreen

    return ScheduleScreen(host.tracker)


def _stats(host: Host) -> Screen[Any]:
    from watchlist.tui.screens.stats import StatsScreen

    return StatsScreen(host.tracker, season=host.season)


def _picks(host: Host) -> Screen[Any]:
    from watchlist.tui.screens.picks import PicksScreen

    return PicksScreen(host.tracker, season=host.season)


def _recap(host: Host) -> Screen[Any]:
    from watchlist.tui.screens.recap import RecapScreen

    return RecapScreen(host.tracker, season=host.season)


# In footer order.
MODES: tuple[Mode, ...] = (
    Mode(
        "board",
        key="b",
        label="Board",
        help="The season's shows",
        command="Season board",
        screen=_board,
    ),
    Mode(
        "my-list",
        key="l",
        label="My list",
        help="Every show you track",
        command="My list",
        screen=_my_list,
    ),
    Mode(
        "behind",
        key="n",
        label="Behind",
        help="What aired that you have not seen",
        command="Behind",
        screen=_behind,
    ),
    Mode(
        "schedule",
        key="w",
        label="Week",
        help="This week's broadcasts by day and time",
        command="Schedule",
        screen=_schedule,
    ),
    Mode(
        "stats",
        key="t",
        label="Stats",
        help="Episodes, hours, scores, affinity",
        command="Stats",
        screen=_stats,
    ),
    Mode(
        "picks",
        key="p",
        label="Picks",
        help="Shows you have not judged, ranked by critics like you",
        command="Picks",
        screen=_picks,
    ),
    Mode(
        "recap",
        key="R",
        label="Recap",
        help="The season: you against the critics",
        command="Season recap",
        screen=_recap,
    ),
)
HOME = MODES[0]
"""The board: the app opens on it unless told otherwise, and a season chosen from
another screen is shown there."""


def mode_bindings() -> list[Binding]:
    """One binding per mode; the app holds them, so they work on every screen."""
    return [mode.binding() for mode in MODES]
