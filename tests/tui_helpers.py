"""Driving the TUI in tests: a factory on the test database, and the screen as text."""

from __future__ import annotations

import html
import re
from collections import defaultdict
from datetime import UTC

from textual.app import App
from textual.pilot import Pilot

from watchlist.service.tracker import Tracker
from watchlist.tui.app import WatchlistApp, make_app
from watchlist.tui.screenshots import SIZE as SIZE  # the tests' terminal is the screenshots'

_TEXT = re.compile(r'<text[^>]*\by="([0-9.]+)"[^>]*>(.*?)</text>')


def tui(tracker: Tracker) -> WatchlistApp:
    return make_app(tracker, tz=UTC, watch_interval=None)


def screen_text(app: App[object]) -> str:
    """Every line of the screen as a user sees it (from the SVG screenshot)."""
    rows: dict[float, list[str]] = defaultdict(list)
    for y, text in _TEXT.findall(app.export_screenshot()):
        rows[float(y)].append(html.unescape(text).replace("\xa0", " "))
    return "\n".join("".join(parts) for _, parts in sorted(rows.items()))


async def settle(pilot: Pilot[object]) -> None:
    """Wait for every save asked for so far to land, and the screens to catch up."""
    app = pilot.app
    assert isinstance(app, WatchlistApp)
    for _ in range(200):
        await pilot.pause()  # requests still in the message queue become workers
        await app.workers.wait_for_complete()
        if not app.saving and not app.saves.pending:
            break
    await pilot.pause()


def messages(app: App[object], severity: str | None = None) -> list[str]:
    """The notifications shown so far, oldest first, of one severity or all."""
    return [n.message for n in app._notifications if severity is None or n.severity == severity]


async def open_metallic_rouge(pilot: Pilot[object]) -> None:
    """Filter the board to Metallic Rouge and open its show screen, as a user would."""
    await pilot.press("slash", *"metallic", "enter", "enter")
    await pilot.pause()
