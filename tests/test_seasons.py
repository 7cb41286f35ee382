"""Seasons in the TUI and the CLI: the board steps through them and remembers the choice,
stats follows it, and Behind lists what aired that you have not watched."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

from tests.cli_helpers import Capsys, run
from tests.conftest import Clock
from tests.tui_helpers import (
    SIZE,
    run_from_palette,
    screen_text,
    settle,
    tui,
    wait_for_hits,
    wait_until,
)
from watchlist.service.tracker import Tracker
from watchlist.tui.app import make_app
from watchlist.tui.screens.behind import BehindScreen
from watchlist.tui.screens.show import ShowScreen

BANGUMI = Path(__file__).parent / "catalog_files" / "bangumi-data" / "dist" / "data.json"


async def test_brackets_step_through_the_seasons_and_the_choice_is_kept(
    tracker: Tracker,
) -> None:
    tracker.import_catalog(BANGUMI)
    app = tui(tracker)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "Season board: Winter 2024 (1 of 4)" in screen_text(app)
        await pilot.press("right_square_bracket")
        await pilot.pause()
        text = screen_text(app)
        assert "Season board: Spring 2024 (2 of 4)" in text
        assert "Spice and Wolf" in text and "Metallic Rouge" not in text
        await pilot.press("left_square_bracket", "left_square_bracket")
        await pilot.pause()
        assert "Season board: Fall 2024 (4 of 4)" in screen_text(app)
        await pilot.press("t", "a")  # stats, this season
        await pilot.pause()
        assert "Stats: Fall 2024" in screen_text(app)
        await settle(pilot)
    assert tracker.settings().season == "fall-2024"
    # Opened again without a season named, the board is where the user left it, and the
    # CLI's default season is the same one.
    again = make_app(tracker, watch_interval=None)
    async with again.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "Season board: Fall 2024" in screen_text(again)
    assert tracker.default_season() == "fall-2024"


async def test_go_to_season_from_the_palette(tracker: Tracker) -> None:
    tracker.import_catalog(BANGUMI)
    app = tui(tracker)
    async with app.run_test(size=SIZE) as pilot:
        await run_from_palette(pilot, "go to season")
        await wait_for_hits(pilot)
        text = screen_text(app)
        assert "Winter 2024  (showing)" in text and "summer-2024 · 3 shows" in text
        await pilot.press(*"summer", "enter")
        await wait_until(pilot, lambda: app.season == "summer-2024", "the season to change")
        await pilot.pause()
        assert "Season board: Summer 2024" in screen_text(app)
        await settle(pilot)
    assert tracker.settings().season == "summer-2024"


async def test_one_season_offers_no_switch(tracker: Tracker) -> None:
    app = tui(tracker)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("right_square_bracket")
        await pilot.pause()
        assert "Season board: Winter 2024" in screen_text(app)
        assert "Season" not in screen_text(app).splitlines()[-1].replace("Season board", "")


async def test_behind_lists_what_to_watch_next_and_marks_from_there(
    tracker: Tracker, clock: Clock
) -> None:
    clock.now = datetime(2024, 5, 1, tzinfo=UTC)  # after the season: everything has aired
    tracker.watch("metallic-rouge", [1, 2])
    tracker.watch("frieren", upto=28)
    tracker.watch("bucchigiri", [1])
    app = tui(tracker)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, BehindScreen)
        text = screen_text(app)
        assert "22 episodes aired by 2024-04-06 (the last air date)" in text
        # Bucchigiri's next episode aired first, so it comes first; Frieren is done.
        lines = [line for line in text.splitlines() if "ep " in line]
        assert "Bucchigiri?!" in lines[0] and "~2024-01-20?" in lines[0]
        assert "Metallic Rouge" in lines[1]
        assert "~ estimated" in text and "? uncertain" in text
        await pilot.press("space")
        await settle(pilot)
        assert tracker.entry("bucchigiri").progress == 2
        assert "21 episodes aired by" in screen_text(app)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ShowScreen)


def test_behind_on_the_command_line(capsys: Capsys, tracker: Tracker) -> None:
    tracker.watch("metallic-rouge", [1, 2])
    tracker.watch("solo-leveling", [1])
    tracker.set_status("solo-leveling", "on-hold")  # only what you are watching counts
    tracker.close()
    shown = run(capsys, "behind", "--on", "2024-02-01", "--json").json()
    assert shown["day"] == "2024-02-01" and shown["total_behind"] == 2
    (rouge,) = shown["shows"]
    assert rouge["aired"] == 4 and rouge["behind"] == 2 and rouge["aired_estimated"] is True
    assert rouge["next"] == {
        "number": 3,
        "airs": "2024-01-24",
        "airs_at": None,  # the shipped catalog gives no broadcast times
        "estimated": True,
        "uncertain": False,
        "aired": True,
    }
    human = run(capsys, "behind", "--on", "2024-01-10", "--format", "table").out
    assert "0 episodes aired by 2024-01-10" in human  # episode 1 is watched
    assert "ep 3 · ~2024-01-24 · in 14d" in human
    piped = run(capsys, "behind", "--on", "2024-01-10").out.splitlines()
    assert piped == [
        "slug\ttitle\tbehind\taired\twatched\tnext\tnext airs\tnext airs at",
        "metallic-rouge\tMetallic Rouge\t0\t1\t2\t3\t~2024-01-24\t",
    ]
    assert run(capsys, "behind", "--on", "soon").code == 2


def test_a_show_still_airing_counts_weekly_from_its_premiere() -> None:
    from watchlist.domain.behind import behind
    from watchlist.domain.model import Entry, Show, Status

    show = Show("new", "New", premiere=date(2026, 10, 1))
    entry = Entry("new", Status.WATCHING, watched={1: None})
    item = behind(show, entry, date(2026, 10, 20))
    assert (item.aired, item.behind, item.aired_estimated) == (3, 2, True)
    assert item.next is not None and item.next.airs == date(2026, 10, 8)
