"""Keys at typing speed: whatever follows `/` reaches the filter, a paste included, and
no burst of keys on any screen ends in a traceback."""

from __future__ import annotations

import random

import pytest

from tests.tui_helpers import SIZE, burst, filter_left, screen_text, settle, tui, wait_until
from watchlist.service.tracker import Tracker
from watchlist.tui.screens.show import ShowScreen
from watchlist.tui.widgets.show_table import ShowTable


async def test_a_burst_after_slash_is_all_filter_text(tracker: Tracker) -> None:
    app = tui(tracker)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        burst(app, "slash", "a", "space", "b", "c", "t")  # space would mark, c open critics
        await wait_until(
            pilot,
            lambda: app.screen.query("#filter") and app.screen.query_one("#filter").value,  # type: ignore[attr-defined]
            "the typed text in the filter box",
        )
        await settle(pilot)
        box = app.screen.query_one("#filter")
        assert box.value == "a bct"  # type: ignore[attr-defined]
        await settle(pilot)
        assert tracker.rows(only=None, tracked_only=True) == []  # nothing was marked
        assert app.screen.__class__.__name__ == "BoardScreen"


async def test_a_pasted_filter_and_enter_opens_the_show(tracker: Tracker) -> None:
    app = tui(tracker)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        burst(app, "slash", *"metallic", "enter", "enter")
        await wait_until(pilot, lambda: isinstance(app.screen, ShowScreen), "the show screen")
        assert app.screen.slug == "metallic-rouge"  # type: ignore[attr-defined]
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen.query_one(ShowTable).row_count == 1  # the filter stayed


async def test_escape_in_a_burst_clears_what_was_typed(tracker: Tracker) -> None:
    app = tui(tracker)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        burst(app, "slash", *"xyz", "escape")
        await wait_until(
            pilot, lambda: filter_left(app), "the filter box, and the focus back on the table"
        )
        await settle(pilot)
        assert app.screen.query_one(ShowTable).row_count == 34
        assert "Season board" in screen_text(app)


async def test_a_second_filter_burst_is_all_filter_text_too(tracker: Tracker) -> None:
    """Once the box is there, "/" only moves the focus to it: a burst after that "/"
    must not run as commands either (s would change the sort)."""
    app = tui(tracker)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        burst(app, "slash", *"fri", "escape")
        await wait_until(pilot, lambda: filter_left(app), "the first filter, cleared")
        await settle(pilot)
        burst(app, "slash", *"solo", "enter")
        await wait_until(
            pilot,
            lambda: (
                app.screen.query_one("#filter").value == "solo"  # type: ignore[attr-defined]
                and app.focused is app.screen.query_one(ShowTable)
            ),
            "the second filter kept, and the focus back on the table",
        )
        await settle(pilot)
        table = app.screen.query_one(ShowTable)
        assert table.row_count == 1 and table.sort_name == "title"
        # "/" over a filter selects it: what comes next replaces it, as when typed slowly.
        burst(app, "slash", *"kin", "backspace", "n", "g", "enter")
        await wait_until(
            pilot,
            lambda: (
                app.screen.query_one("#filter").value == "king"  # type: ignore[attr-defined]
                and app.focused is table
            ),
            "the filter replaced",
        )
        await pilot.press("slash", "backspace", "enter")
        await wait_until(pilot, lambda: table.row_count == 34, "the filter emptied")


KEYS = [
    *"bltnqcvsrfae", "question_mark", "slash", "plus", "minus",
    "left_square_bracket", "right_square_bracket",
    "space", "enter", "escape", "tab", "shift+tab", "up", "down", "left", "right",
    "pageup", "pagedown", "home", "end", "backspace", "ctrl+s", "ctrl+p",
    "x", "1", "colon", "right_parenthesis",
]  # fmt: skip
"""Every key the app binds somewhere, and a few it does not."""


@pytest.mark.parametrize(("size", "seed"), [(SIZE, 14), ((80, 24), 15), ((60, 20), 16)])
async def test_random_bursts_of_keys_never_end_in_a_traceback(
    tracker: Tracker, size: tuple[int, int], seed: int
) -> None:
    tracker.watch("metallic-rouge", [1, 2])
    rng = random.Random(seed)
    app = tui(tracker)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        for _ in range(120):
            keys = [rng.choice(KEYS) for _ in range(rng.randint(1, 8))]
            keys = [k for k in keys if k != "q"] if rng.random() < 0.9 else keys
            burst(app, *keys)
            await pilot.pause(0.02)
            if app.return_code is not None:  # quit ("q"), or a crash run_test raises
                break
        await settle(pilot)
    assert app.return_code in (None, 0)


async def test_quit_then_another_key_in_one_burst_quits_cleanly(tracker: Tracker) -> None:
    for opening in (["enter"], ["enter", "c"]):
        app = tui(tracker)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            await pilot.press(*opening)
            await pilot.pause()
            burst(app, "q", "t", "l", "n")
            await wait_until(pilot, lambda app=app: not app.is_running, "the app to quit")  # type: ignore[misc]
        assert app.return_code == 0
        assert app.current_mode == "board"  # the keys after "q" opened no other mode
