"""Picks and the recap in the TUI, driven by keys: what each shows, what it says when it
cannot show anything, and the recap page written from the screen."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input

from tests.recap_pages import HOSTILE_CRITIC, HOSTILE_TITLE, hostile_tracker
from tests.tui_helpers import SIZE, messages, screen_text, settle, tui, wait_until
from watchlist.service.tracker import Tracker
from watchlist.tui.screens.recap import RecapScreen, WritePage
from watchlist.tui.screens.show import ShowScreen

SMALL = (80, 24)


def _judge(tracker: Tracker) -> None:
    for slug, score in (("metallic", "7"), ("solo", "6"), ("dungeon", "9"), ("ishura", "5")):
        tracker.give_verdict(slug, score=score)


async def test_picks_list_each_show_with_its_reason_and_open_it(tracker: Tracker) -> None:
    _judge(tracker)
    expected = tracker.picks().picks
    app = tui(tracker)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("p")
        await wait_until(pilot, lambda: app.current_mode == "picks", "the picks")
        await settle(pilot)
        text = screen_text(app)
        assert "Picks: Winter 2024" in text and "Predicted" in text
        first = tracker.find(expected[0].show)
        assert first.title in text and f"Why: {expected[0].reason}" in text
        await pilot.press("down")
        await pilot.pause()
        assert f"Why: {expected[1].reason}" in screen_text(app)
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, ShowScreen), "the show")
        assert app.screen.slug == expected[1].show  # type: ignore[attr-defined]


async def test_picks_say_what_they_need_and_are_off_in_blind_mode(tracker: Tracker) -> None:
    app = tui(tracker)
    async with app.run_test(size=SMALL, notifications=True) as pilot:
        await pilot.press("p")
        await settle(pilot)
        text = screen_text(app)
        assert "No picks yet." in text and "at least 2 shows" in text
        assert "Open" not in text.splitlines()[-1]  # nothing to open
        _judge(tracker)
        tracker.update_settings(blind=True)
        app.screen.reload()  # type: ignore[attr-defined]
        await pilot.pause()
        assert "Picks are off in blind mode" in screen_text(app)


async def test_the_recap_screen_shows_every_part_and_titles_as_written(tmp_path: Path) -> None:
    tracker = hostile_tracker(tmp_path / "sample")
    app = tui(tracker)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("R")
        await wait_until(pilot, lambda: isinstance(app.screen, RecapScreen), "the recap")
        await settle(pilot)
        body = app.screen.query_one("#recap-body")
        seen = ""
        for _ in range(8):  # page through the whole screen
            seen += screen_text(app)
            body.scroll_page_down(animate=False)
            await pilot.pause()
        for heading in (
            "Winter 2024: you against the critics",
            "Your ranking beside the critics'",
            "Warmer than the critics",
            "Colder than the critics",
            "Your closest critics",
            "Your farthest critics",
            "Hype against reception",
            "Changed my mind",
            "Who called it",
            "Episodes and hours by week",
            "Your score spread beside the critics'",
        ):
            assert heading in seen, heading
        assert HOSTILE_TITLE in seen and HOSTILE_CRITIC in seen
        assert "Metallic Rouge" in seen and "80 → 60 (-20)" in seen


async def test_a_season_with_no_verdicts_says_so_on_the_recap(tracker: Tracker) -> None:
    app = tui(tracker)
    async with app.run_test(size=SMALL, notifications=True) as pilot:
        await pilot.press("R")
        await settle(pilot)
        assert "No verdicts on Winter 2024 yet" in screen_text(app)


async def test_the_recap_page_is_written_from_the_screen(tracker: Tracker, tmp_path: Path) -> None:
    _judge(tracker)
    default = tracker.recap_file()
    assert default is not None and default.name == "watchlist.recap-winter-2024.html"
    app = tui(tracker)
    async with app.run_test(size=SMALL, notifications=True) as pilot:
        await pilot.press("R")
        await settle(pilot)
        await pilot.press("e")
        await wait_until(pilot, lambda: isinstance(app.screen, WritePage), "the dialog")
        field = app.screen.query_one("#page-path", Input)
        assert field.value == str(default)
        field.value = str(tmp_path)  # a folder: refused inside the dialog
        await pilot.press("enter")
        await wait_until(pilot, lambda: "is not a file" in screen_text(app), "the refusal")
        assert isinstance(app.screen, WritePage)
        field.value = str(default)
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, RecapScreen), "the dialog closed")
        assert default.read_text().startswith("<!DOCTYPE html>")
        assert any(str(default) in m for m in messages(app))


async def test_picks_and_the_recap_follow_the_boards_season(tracker: Tracker) -> None:
    data = Path(__file__).parent / "catalog_files" / "bangumi-data" / "dist" / "data.json"
    tracker.import_catalog(data)
    app = tui(tracker)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("R")
        await settle(pilot)
        assert "Recap: Winter 2024" in screen_text(app)
        await pilot.press("b", "right_square_bracket")
        await settle(pilot)
        chosen = next(s.name for s in tracker.seasons() if s.slug == app.season)
        assert chosen != "Winter 2024"
        for key, title in (("R", "Recap"), ("p", "Picks")):
            await pilot.press(key)
            await settle(pilot)
            assert f"{title}: {chosen}" in screen_text(app)


async def test_season_screens_draw_once_and_again_only_for_a_new_width(
    tracker: Tracker, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Opening picks, the recap or stats draws each once; a resize to another width lays
    it out again (the recap's pairs go under each other when narrow)."""
    from watchlist.tui.season_screen import SeasonScreen

    _judge(tracker)
    drawn: list[str] = []
    original = SeasonScreen.mark_drawn

    def counted(screen: SeasonScreen) -> None:
        drawn.append(type(screen).__name__)
        original(screen)

    monkeypatch.setattr(SeasonScreen, "mark_drawn", counted)
    app = tui(tracker)
    async with app.run_test(size=SIZE) as pilot:
        for key in ("p", "R", "t"):
            await pilot.press(key)
            await settle(pilot)
        assert drawn == ["PicksScreen", "RecapScreen", "StatsScreen"]
        await pilot.press("R")
        await settle(pilot)
        assert not app.screen.has_class("narrow")
        await pilot.resize_terminal(*SMALL)
        await settle(pilot)
        assert drawn[3:] == ["RecapScreen"] and app.screen.has_class("narrow")


async def test_stats_fit_a_new_width_and_a_new_season_without_counting_again(
    tracker: Tracker, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A new width lays the histogram out again from the report shown; while stats show
    everything, the board being on another season changes nothing they show."""
    from watchlist.tui.screens.stats import StatsScreen

    data = Path(__file__).parent / "catalog_files" / "bangumi-data" / "dist" / "data.json"
    tracker.import_catalog(data)
    _judge(tracker)
    counted: list[str | None] = []
    original = Tracker.stats

    def stats(self: Tracker, season: str | None = None) -> object:
        counted.append(season)
        return original(self, season)

    monkeypatch.setattr(Tracker, "stats", stats)
    app = tui(tracker)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("t")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, StatsScreen) and counted == [None]
        wide = str(screen.query_one("#stats-histogram").render())
        await pilot.resize_terminal(90, SIZE[1])  # half of it leaves room for 29 cells
        await settle(pilot)
        shorter = str(screen.query_one("#stats-histogram").render())
        assert counted == [None] and shorter.count("█") < wide.count("█")
        await pilot.resize_terminal(*SMALL)
        await settle(pilot)
        assert counted == [None] and screen.has_class("narrow")
        await pilot.press("b")
        await settle(pilot)
        # Another season for the board, nothing saved meanwhile (choosing one from the
        # board saves it, and stats count again for any save).
        later = next(s.slug for s in tracker.seasons() if s.slug != app.season)
        app.season = later
        await pilot.press("t")
        await settle(pilot)
        assert app.screen is screen and counted == [None]
        await pilot.press("a")  # this season: the one the board moved to
        await settle(pilot)
        assert counted == [None, later]
