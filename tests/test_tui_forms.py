"""Dialogs and the show screen at every size, and the list-tracker jobs in the TUI:
dating an episode, your entry's details, correcting and deleting verdicts, your own
shows, remembered sorting."""

from __future__ import annotations

import pytest
from textual.widgets import Button, Input, TextArea

from tests.conftest import Clock
from tests.tui_helpers import (
    SIZE,
    messages,
    open_metallic_rouge,
    run_from_palette,
    screen_text,
    settle,
    tui,
    wait_until,
)
from watchlist.domain.dates import PartialDate
from watchlist.service.tracker import Tracker
from watchlist.tui.screens.dialogs import EpisodeEditor, VerdictEditor
from watchlist.tui.screens.entry_dialogs import DetailsEditor, VerdictHistory
from watchlist.tui.screens.show import ShowScreen
from watchlist.tui.widgets.show_table import ShowTable

SIZES = [(120, 36), (80, 24), (60, 20)]


def on_screen(app: object, widget: object) -> bool:
    region = widget.region  # type: ignore[attr-defined]
    size = app.size  # type: ignore[attr-defined]
    return region.area > 0 and region.bottom <= size.height and region.right <= size.width


@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
async def test_the_verdict_editor_keeps_its_buttons_and_footer_in_view(
    tracker: Tracker, size: tuple[int, int]
) -> None:
    app = tui(tracker)
    async with app.run_test(size=size) as pilot:
        await open_metallic_rouge(pilot, "v")
        assert isinstance(app.screen, VerdictEditor)
        assert on_screen(app, app.screen.query_one("#save", Button))
        assert on_screen(app, app.screen.query_one("#cancel", Button))
        last = screen_text(app).splitlines()[-1]
        assert "Cancel" in last and "Save" in last and "Verdict" not in last  # its own keys
        # Tab reaches the last field, which scrolls into view.
        for _ in range(3):
            await pilot.press("tab")
        await pilot.pause()
        episode = app.screen.query_one("#verdict-episode", Input)
        assert app.focused is episode and on_screen(app, episode)
        await pilot.press("7")  # then Enter in a one-line field saves
        app.screen.query_one("#verdict-score", Input).value = "7"
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ShowScreen)
        assert tracker.detail("metallic").current.score == 70  # type: ignore[union-attr]


async def test_a_score_and_stance_that_disagree_get_a_word_first(tracker: Tracker) -> None:
    app = tui(tracker)
    async with app.run_test(size=SIZE) as pilot:
        await open_metallic_rouge(pilot, "v")
        app.screen.query_one("#verdict-score", Input).value = "8"
        app.screen.query_one("#verdict-stance").value = "drop"  # type: ignore[attr-defined]
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, VerdictEditor)
        assert "keep-watching band, not drop" in screen_text(app)
        await pilot.press("ctrl+s")  # saving again keeps both
        await settle(pilot)
        verdict = tracker.detail("metallic").current
        assert verdict is not None and (verdict.score, verdict.stance.value) == (80, "drop")  # type: ignore[union-attr]


async def test_the_episode_dialog_dates_an_episode(tracker: Tracker, clock: Clock) -> None:
    clock.now = clock.now.replace(month=2)
    app = tui(tracker)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await open_metallic_rouge(pilot, "e")
        assert isinstance(app.screen, EpisodeEditor)
        app.screen.query_one("#episode-day", Input).value = "2024-01-12"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert tracker.entry("metallic-rouge").watched == {1: PartialDate(2024, 1, 12)}
        assert any(
            m.startswith("Metallic Rouge: episode 1 day watched saved") for m in messages(app)
        )
        await pilot.press("e")
        await pilot.pause()
        await pilot.press("ctrl+s")  # nothing typed: nothing to say was saved
        await settle(pilot)
        assert "Metallic Rouge: episode 1 unchanged" in messages(app)


async def test_your_entry_note_and_dates(tracker: Tracker) -> None:
    tracker.watch("metallic", [1])
    app = tui(tracker)
    async with app.run_test(size=SIZE) as pilot:
        await open_metallic_rouge(pilot, "d")
        assert isinstance(app.screen, DetailsEditor)
        app.screen.query_one("#details-note", TextArea).text = "Worth it for Naomi."
        app.screen.query_one("#details-finished", Input).value = "2023-01"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, DetailsEditor)  # the finish is before the start
        assert "before the start" in screen_text(app)
        app.screen.query_one("#details-finished", Input).value = ""
        app.screen.query_one("#details-rewatches", Input).value = "1"
        await pilot.press("ctrl+s")
        await settle(pilot)
        entry = tracker.entry("metallic-rouge")
        assert (entry.comments, entry.rewatch_count) == ("Worth it for Naomi.", 1)
        assert "Worth it for Naomi." in screen_text(app)


async def test_correct_and_delete_a_verdict_from_the_timeline(tracker: Tracker) -> None:
    tracker.give_verdict("metallic", score="8")
    tracker.give_verdict("metallic", score="3")
    app = tui(tracker)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await open_metallic_rouge(pilot, "h")
        assert isinstance(app.screen, VerdictHistory)
        await pilot.press("enter")  # the newest, highlighted first
        await pilot.pause()
        assert isinstance(app.screen, VerdictEditor)
        assert "Correct your verdict" in screen_text(app)
        app.screen.query_one("#verdict-score", Input).value = "7"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert [v.score for v in tracker.detail("metallic").verdicts] == [80, 70]
        await pilot.press("h")
        await pilot.pause()
        await pilot.press("down", "d")  # d is not delete here: Details means d elsewhere
        await settle(pilot)
        assert [v.score for v in tracker.detail("metallic").verdicts] == [80, 70]
        await pilot.press("delete")  # the older one
        await settle(pilot)
        assert [v.score for v in tracker.detail("metallic").verdicts] == [70]
        assert any("deleted; press u to undo" in m for m in messages(app))
        await pilot.press("u")
        await settle(pilot)
        assert [v.score for v in tracker.detail("metallic").verdicts] == [80, 70]
        assert any("Undone: deleted a verdict on Metallic Rouge" in m for m in messages(app))


async def test_add_a_show_of_your_own_from_the_palette(tracker: Tracker) -> None:
    app = tui(tracker)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await run_from_palette(pilot, "add a show")
        await wait_until(pilot, lambda: app.screen.query("#add-title"), "the dialog")
        app.screen.query_one("#add-title", Input).value = "Kaiju No. 8"
        app.screen.query_one("#add-episodes", Input).value = "twelve"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "episodes must be a whole number" in screen_text(app)
        app.screen.query_one("#add-episodes", Input).value = "12"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert tracker.find("kaiju-no-8").episodes == 12
        assert app.screen.query_one(ShowTable).has("kaiju-no-8")  # on this season's board


async def test_sort_and_status_filter_are_kept_for_next_time(tracker: Tracker) -> None:
    app = tui(tracker)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("s", "r", "f", "f")  # premiere, reversed; status: watching
        await settle(pilot)
        assert "No show matches status watching" in screen_text(app)
    again = tui(tracker)
    async with again.run_test(size=SIZE) as pilot:
        await pilot.pause()
        text = screen_text(again)
        assert "sort: premiere ↑" in text and "status: plan-to-watch" not in text
        assert "status: watching" in text


async def test_the_show_screen_at_60_columns_switches_panes(tracker: Tracker) -> None:
    tracker.rate_episode("metallic", 1, note="A long note " * 8)
    app = tui(tracker)
    async with app.run_test(size=(60, 20)) as pilot:
        await open_metallic_rouge(pilot, "home")
        text = screen_text(app)
        assert "Watched" in text and "Score" in text and "Native title" not in text
        assert "Episode 1: A long note" in text  # the whole note, under the table
        await pilot.press("i")
        await pilot.pause()
        assert "Native title" in screen_text(app) and "Watched" not in screen_text(app)


async def test_help_lists_every_key_of_an_action(tracker: Tracker) -> None:
    app = tui(tracker)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        assert "space +" in screen_text(app)
        await pilot.press("end")  # the list is longer than the dialog: ctrl+p comes last
        await pilot.pause()
        assert "ctrl+p" in screen_text(app)
