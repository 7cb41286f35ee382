"""Driving the TUI in tests: a factory on the test database, waiting for what a test
means, the notifications shown, and the screen as text."""

from __future__ import annotations

import html
import re
import time
from collections import defaultdict
from collections.abc import Callable
from datetime import UTC
from typing import Any

from textual.app import App
from textual.pilot import Pilot

from watchlist.service.tracker import Tracker
from watchlist.tui.app import WatchlistApp, make_app
from watchlist.tui.screenshots import SIZE as SIZE  # the tests' terminal is the screenshots'

_TEXT = re.compile(r'<text[^>]*\by="([0-9.]+)"[^>]*>(.*?)</text>')


class Shown:
    """Every notification the app asked for, as (severity, message), oldest first."""

    def __init__(self, app: App[Any]) -> None:
        self.items: list[tuple[str, str]] = []
        real = app.notify

        def notify(message: str, *args: Any, severity: str = "information", **kwargs: Any) -> Any:
            self.items.append((severity, str(message)))
            return real(message, *args, severity=severity, **kwargs)  # type: ignore[arg-type]

        app.notify = notify  # type: ignore[method-assign]


_SHOWN: dict[int, Shown] = {}


PINNED_SEASON = "winter-2024"
"""Every TUI test opens on the shipped season, whatever seasons a test imports."""


def tui(tracker: Tracker, **options: Any) -> WatchlistApp:
    options.setdefault("season", PINNED_SEASON)
    app = make_app(tracker, tz=UTC, watch_interval=None, **options)
    _SHOWN[id(app)] = Shown(app)
    return app


def messages(app: App[object], severity: str | None = None) -> list[str]:
    """The notifications shown so far, oldest first, of one severity or all."""
    return [m for s, m in _SHOWN[id(app)].items if severity is None or s == severity]


def screen_text(app: App[object]) -> str:
    """Every line of the screen as a user sees it (from the SVG screenshot)."""
    rows: dict[float, list[str]] = defaultdict(list)
    for y, text in _TEXT.findall(app.export_screenshot()):
        rows[float(y)].append(html.unescape(text).replace("\xa0", " "))
    return "\n".join("".join(parts) for _, parts in sorted(rows.items()))


async def wait_until(
    pilot: Pilot[object], condition: Callable[[], object], what: str, timeout: float = 10.0
) -> None:
    """Let the app run until `condition()` holds; fail, naming `what`, after `timeout`."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        await pilot.pause(0.01)


async def settle(pilot: Pilot[object]) -> None:
    """Wait for every save asked for so far to land, and the screens to catch up."""
    app = pilot.app
    assert isinstance(app, WatchlistApp)

    async def done() -> bool:
        await pilot.pause()  # keys still in the message queue ask for their saves
        await app.workers.wait_for_complete()
        return not app.saver.busy

    for _ in range(200):
        if await done():
            break
    await pilot.pause()


async def wait_for_hits(pilot: Pilot[object]) -> None:
    """The command palette has searched what was typed and lists what it found."""
    from textual.command import CommandList

    app = pilot.app
    await wait_until(
        pilot,
        lambda: app.screen.query(CommandList) and app.screen.query_one(CommandList).option_count,
        "the command palette's hits",
    )


async def run_from_palette(pilot: Pilot[object], command: str) -> None:
    """Type `command` into the command palette (ctrl+p) and run its first hit."""
    await pilot.press("ctrl+p", *command)
    await wait_for_hits(pilot)
    await pilot.press("enter")


async def open_metallic_rouge(pilot: Pilot[object], *then: str) -> None:
    """Filter the board to Metallic Rouge and open its show screen, as a user would;
    then press the keys `then` (a dialog's key, say)."""
    await pilot.press("slash", *"metallic", "enter", "enter")
    await pilot.pause()
    if then:
        await pilot.press(*then)
        await pilot.pause()


def filter_left(app: App[object]) -> bool:
    """The filter box is up and the focus is back on the show table: typing is over."""
    from watchlist.tui.widgets.show_table import ShowTable

    return bool(app.screen.query("#filter")) and app.focused is app.screen.query_one(ShowTable)


def burst(app: App[object], *keys: str) -> None:
    """Send keys the way a paste or a fast typist does: all at once, with no pause for
    the app to handle one before the next arrives (Pilot.press waits between keys).

    `keys` are key names, as Pilot takes them ("slash", "space", "a"); each arrives with
    the character a terminal sends for it, through the app's public message queue."""
    from textual import events
    from textual.keys import REPLACED_KEYS, key_to_character

    for key in keys:
        assert len(key) > 1 or key.isalnum(), f"name the key {key!r}, as Pilot.press does"
        # "slash" is the key, "solidus" the character's Unicode name.
        char = key_to_character(REPLACED_KEYS.get(key, key))
        app.post_message(events.Key(key, char))
