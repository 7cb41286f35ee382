"""Regenerate the README screenshots: `python -m watchlist.tui.screenshots [FOLDER]`.

The app runs headless on a throwaway database with a fixed clock and a sample
history, so the pictures come out the same every time. The snapshot tests
drive the same scenes.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import tempfile
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import Input, TextArea

from watchlist.service.tracker import Tracker
from watchlist.tui.app import WatchlistApp, make_app
from watchlist.tui.widgets.show_table import ShowTable

SIZE = (120, 36)


class SetClock:
    """A clock the sample history moves by hand; each reading advances a second."""

    def __init__(self, start: datetime) -> None:
        self.now = start

    def __call__(self) -> datetime:
        current = self.now
        self.now += timedelta(seconds=1)
        return current


def _evening(day: str) -> datetime:
    return datetime.fromisoformat(day).replace(hour=21, tzinfo=UTC)


def _weekly(tracker: Tracker, clock: SetClock, slug: str, first: str, episodes: range) -> None:
    """Watch `episodes` one a week, the evening after each airs."""
    start = _evening(first)
    for n, episode in enumerate(episodes):
        clock.now = start + timedelta(weeks=n)
        tracker.watch(slug, [episode])


def sample_tracker(folder: Path) -> Tracker:
    """A database in `folder` with a plausible season of history."""
    clock = SetClock(_evening("2024-01-02"))
    tracker = Tracker.open(folder / "watchlist.json", clock=clock)
    _weekly(tracker, clock, "metallic-rouge", "2024-01-11", range(1, 7))
    clock.now = _evening("2024-01-11") + timedelta(hours=1)
    tracker.give_verdict(
        "metallic-rouge",
        score="8",
        episode="1",
        notes="Gorgeous premiere; Naomi steals every scene.",
    )
    tracker.rate_episode("metallic-rouge", 1, score="9", note="[Immortal Nine] reveal: great fight")
    clock.now = _evening("2024-02-15") + timedelta(hours=1)
    tracker.give_verdict(
        "metallic-rouge",
        score="6",
        stance="wait-and-see",
        notes="The mystery drags. Still here for Naomi.",
    )
    clock.now = _evening("2024-01-03")
    tracker.watch("frieren", upto=16)
    _weekly(tracker, clock, "frieren", "2024-01-06", range(17, 29))
    tracker.give_verdict("frieren", score="10", notes="The best thing this season.")
    _weekly(tracker, clock, "solo-leveling", "2024-01-08", range(1, 13))
    tracker.give_verdict("solo-leveling", score="7")
    _weekly(tracker, clock, "delicious-in-dungeon", "2024-01-05", range(1, 11))
    tracker.give_verdict("delicious-in-dungeon", stance="must-watch")
    _weekly(tracker, clock, "the-dangers-in-my-heart-season-2", "2024-01-08", range(1, 14))
    tracker.give_verdict("the-dangers-in-my-heart-season-2", score="9")
    clock.now = _evening("2024-01-04")
    tracker.watch("the-apothecary-diaries", upto=14)
    tracker.set_status("the-apothecary-diaries", "on-hold")
    _weekly(tracker, clock, "ishura", "2024-01-04", range(1, 4))
    tracker.give_verdict("ishura", stance="drop")
    tracker.set_status("ishura", "dropped")
    clock.now = _evening("2024-03-30")
    return tracker


def sample_app(folder: Path) -> WatchlistApp:
    # Pinned: the pictures show the shipped season whatever else is imported.
    return make_app(sample_tracker(folder), season="winter-2024", tz=UTC, watch_interval=None)


async def _settle(pilot: Pilot[int]) -> None:
    """Stop anything that moves, so a picture does not depend on timing."""
    await pilot.pause()
    for widget in pilot.app.screen.query("Input, TextArea"):
        if isinstance(widget, Input | TextArea):
            widget.cursor_blink = False
    await pilot.pause()


async def _on_metallic_rouge(pilot: Pilot[int]) -> None:
    await pilot.pause()
    pilot.app.screen.query_one(ShowTable).move_to("metallic-rouge")
    await pilot.pause()


async def board(pilot: Pilot[int]) -> None:
    await _on_metallic_rouge(pilot)
    await _settle(pilot)


async def my_list(pilot: Pilot[int]) -> None:
    await pilot.press("l")
    await _settle(pilot)


async def show(pilot: Pilot[int]) -> None:
    await _on_metallic_rouge(pilot)
    await pilot.press("enter")
    await _settle(pilot)


async def critics(pilot: Pilot[int]) -> None:
    await show(pilot)
    await pilot.press("c")
    await _settle(pilot)


async def critics_closed(pilot: Pilot[int]) -> None:
    """The critics screen on the first piece the spoiler shield keeps closed (a review of
    an episode not watched yet)."""
    await critics(pilot)
    comparison = getattr(pilot.app.screen, "comparison", None)
    assert comparison is not None and comparison.closed
    first = next(n for n, pc in enumerate(comparison.pieces) if pc.piece.id in comparison.closed)
    await pilot.press(*["right"] * first)
    await _settle(pilot)


async def verdict_editor(pilot: Pilot[int]) -> None:
    await show(pilot)
    await pilot.press("v")
    await _settle(pilot)


async def behind(pilot: Pilot[int]) -> None:
    await pilot.press("n")
    await _settle(pilot)


async def stats(pilot: Pilot[int]) -> None:
    await pilot.press("t")
    await _settle(pilot)


async def schedule(pilot: Pilot[int]) -> None:
    await pilot.press("w")
    await _settle(pilot)


async def picks(pilot: Pilot[int]) -> None:
    await pilot.press("p")
    await _settle(pilot)


async def recap(pilot: Pilot[int]) -> None:
    await pilot.press("R")
    await _settle(pilot)


SCENES: dict[str, Callable[[Pilot[int]], Awaitable[None]]] = {
    "board": board,
    "my-list": my_list,
    "show": show,
    "critics": critics,
    "critics-closed": critics_closed,
    "verdict-editor": verdict_editor,
    "behind": behind,
    "stats": stats,
    "schedule": schedule,
    "picks": picks,
    "recap": recap,
}


async def capture(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, scene in SCENES.items():
        with tempfile.TemporaryDirectory() as data:
            app = sample_app(Path(data))
            async with app.run_test(size=SIZE) as pilot:
                await scene(pilot)
                app.save_screenshot(f"{name}.svg", str(folder))
            written.append(folder / f"{name}.svg")
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m watchlist.tui.screenshots",
        description="Render the README's screenshots of the TUI on a sample database.",
    )
    parser.add_argument(
        "folder",
        nargs="?",
        type=Path,
        default=Path("screenshots"),
        help="where to write them (default: screenshots/)",
    )
    # An option is never taken for a folder: `--help` once made a folder of that name.
    folder: Path = parser.parse_args(sys.argv[1:] if argv is None else argv).folder
    for path in asyncio.run(capture(folder)):
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
