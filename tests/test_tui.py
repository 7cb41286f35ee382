"""The TUI, driven by keys: each job, with what the file holds afterwards."""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from textual.widgets import Input, Static

from tests.conftest import START
from tests.disk_helpers import watched_on_disk
from tests.tui_helpers import (
    SIZE,
    burst,
    messages,
    open_metallic_rouge,
    run_from_palette,
    screen_text,
    settle,
    tui,
    wait_for_hits,
    wait_until,
)
from watchlist.domain.model import Origin, Season, Show
from watchlist.service.tracker import Tracker
from watchlist.storage import Store
from watchlist.tui.app import REPEAT_WINDOW, WatchlistApp
from watchlist.tui.screens.critics import CriticsScreen
from watchlist.tui.screens.dialogs import HelpScreen, PieceFromFile, VerdictEditor
from watchlist.tui.screens.show import ShowScreen
from watchlist.tui.widgets.show_table import ShowTable


async def test_the_board_shows_the_season(tracker: Tracker) -> None:
    app = tui(tracker)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        text = screen_text(app)
        assert "Season board: Winter 2024" in text
        assert "34 shows" in text
        assert "Metallic Rouge" in text and "Bones" in text


async def test_mark_next_episode_from_the_board_reaches_the_file(
    tracker: Tracker, db_path: Path
) -> None:
    app = tui(tracker)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        app.screen.query_one(ShowTable).move_to("metallic-rouge")
        await pilot.press("space", "plus")
        await settle(pilot)
        assert watched_on_disk(db_path, "metallic-rouge") == [1, 2]
        assert "2/13" in screen_text(app)
        toasts = messages(app)
        assert any("episode 2 watched (2/13, watching)" in t for t in toasts)
        await pilot.press("minus")
        await settle(pilot)
        assert watched_on_disk(db_path, "metallic-rouge") == [1]


async def test_typing_filters_the_board(tracker: Tracker) -> None:
    app = tui(tracker)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("slash", *"season")
        await pilot.pause()
        table = app.screen.query_one(ShowTable)
        titles = [row.show.title for row in table.visible_rows]
        assert titles and all("season" in t.lower() for t in titles)
        assert "Metallic Rouge" not in screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
        assert table.row_count == 34 and app.focused is table


async def test_typing_a_long_filter_lays_nothing_out_and_keeps_the_cursor_in_view(
    tracker: Tracker, monkeypatch: pytest.MonkeyPatch
) -> None:
    from textual.widget import Widget

    from watchlist.tui.widgets.filter_box import FilterBox

    app = tui(tracker)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("slash")
        await pilot.pause()
        box = app.screen.query_one(FilterBox)
        layouts: list[str] = []
        refresh = Widget.refresh

        def noted(widget: Widget, *regions: object, **options: bool) -> Widget:
            if options.get("layout"):
                layouts.append(type(widget).__name__)
            return refresh(widget, *regions, **options)  # type: ignore[arg-type]

        monkeypatch.setattr(Widget, "refresh", noted)
        typed = "metallic rouge and a good deal more than the box can show"
        await pilot.press(*["space" if c == " " else c for c in typed])
        await pilot.pause()
        assert box.value == typed
        assert layouts == []  # a keystroke repaints; it never lays the screen out
        # The text is wider than the box: it scrolls so the cursor stays in view.
        assert box.virtual_size.width == len(typed) + 1
        assert box.scroll_x == box.max_scroll_x > 0
        assert "can show" in screen_text(app)
        assert app.screen.query_one(ShowTable).row_count == 0
        await pilot.press(*["backspace"] * (len(typed) - len("metallic")))
        await pilot.pause()
        assert [row.show.title for row in app.screen.query_one(ShowTable).visible_rows] == [
            "Metallic Rouge"
        ]
        assert box.scroll_x == 0 and layouts == []


async def test_status_filter_and_sort(tracker: Tracker) -> None:
    tracker.watch("metallic", upto=13)
    tracker.watch("solo", ["1"])
    app = tui(tracker)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("f")  # status: plan-to-watch
        await pilot.press("f")  # status: watching
        await pilot.pause()
        table = app.screen.query_one(ShowTable)
        assert [r.show.slug for r in table.visible_rows] == ["solo-leveling"]
        for _ in range(5):
            await pilot.press("f")  # round the other five states, back to all
        await pilot.press("s", "s")  # sort: premiere, then progress
        await pilot.pause()
        assert table.sort_name == "progress"
        assert table.visible_rows[0].show.slug == "metallic-rouge"


async def test_toggle_an_episode_on_the_show_screen(tracker: Tracker, db_path: Path) -> None:
    app = tui(tracker)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await open_metallic_rouge(pilot)
        assert isinstance(app.screen, ShowScreen)
        await pilot.press("down", "down", "space")  # episode 3
        await settle(pilot)
        assert watched_on_disk(db_path, "metallic-rouge") == [3]
        entry = tracker.entry("metallic-rouge")
        assert entry.watched[3] >= START
        await pilot.press("space")  # and off again
        await settle(pilot)
        assert watched_on_disk(db_path, "metallic-rouge") == []


async def test_give_a_verdict_through_the_dialog(tracker: Tracker) -> None:
    tracker.watch("metallic", ["1"])
    app = tui(tracker)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await open_metallic_rouge(pilot, "v")
        assert isinstance(app.screen, VerdictEditor)
        await pilot.press(*"8")
        app.screen.query_one("#verdict-notes").text = "Naomi [bold]steals[/bold] it"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ShowScreen)
        (verdict,) = tracker.detail("metallic").verdicts
        assert (verdict.score, verdict.episode) == (80, 1)
        assert verdict.notes == "Naomi [bold]steals[/bold] it"
        assert "Naomi [bold]steals[/bold] it" in screen_text(app)


# One refusal per field: the grid of bad numbers is the domain tests' (test_numbers.py).
@pytest.mark.parametrize(
    ("field", "bad", "reason"),
    [
        ("#verdict-score", "11", "score"),
        ("#verdict-episode", "14", "episode"),
        ("#verdict-notes", "x" * 10_001, "notes"),
    ],
    ids=["score", "episode", "notes"],
)
async def test_a_bad_value_is_refused_inside_the_dialog(
    tracker: Tracker, db_path: Path, field: str, bad: str, reason: str
) -> None:
    app = tui(tracker)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await open_metallic_rouge(pilot)
        before = db_path.read_bytes()
        await pilot.press("v")
        await pilot.pause()
        app.screen.query_one("#verdict-score", Input).value = "7"
        widget = app.screen.query_one(field)
        if isinstance(widget, Input):
            widget.value = bad
        else:
            widget.text = bad  # type: ignore[attr-defined]
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, VerdictEditor)  # still open, with the reason
        error = app.screen.query_one(".form-error", Static)
        assert error.display and reason in str(error.content)
        assert db_path.read_bytes() == before
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, ShowScreen)
        assert db_path.read_bytes() == before


async def test_critics_side_by_side_step_through_every_piece_with_agreement(
    tracker: Tracker,
) -> None:
    tracker.give_verdict("metallic", score="8", episode="1")
    pieces = tracker.detail("metallic").pieces
    app = tui(tracker)
    async with app.run_test(size=(200, 50), notifications=True) as pilot:
        await open_metallic_rouge(pilot, "c")
        screen = app.screen
        assert isinstance(screen, CriticsScreen)
        seen = screen_text(app)
        assert "You" in seen and "+0 agree" in seen  # words, not only colours
        for _ in pieces:
            await pilot.press("right")  # one whole column at a time
            seen += screen_text(app)
        assert screen.selected == len(pieces) - 1
        for outlet in ("Anime Feminist", "The Cosmic Circus", "Let's Weaboo", "Unknown outlet"):
            assert outlet in seen
        assert "Vrai Kaiser" in seen and "+25 differ" in seen and "“We'll see”" in seen
        assert "You" in screen_text(app)  # your column stays pinned
        await pilot.press("shift+tab")
        assert screen.selected == len(pieces) - 2


async def test_critics_draw_their_columns_once_on_open_and_again_on_a_new_size(
    tracker: Tracker, monkeypatch: pytest.MonkeyPatch
) -> None:
    draws: list[tuple[int, int]] = []
    draw = CriticsScreen._draw_columns

    def counted(screen: CriticsScreen) -> None:
        draws.append((screen.size.width, screen.size.height))
        draw(screen)

    monkeypatch.setattr(CriticsScreen, "_draw_columns", counted)
    app = tui(tracker)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await open_metallic_rouge(pilot, "c")
        await settle(pilot)
        assert draws == [SIZE]
        await pilot.resize_terminal(SIZE[0], 20)  # shorter: the strip lists fewer pieces
        await settle(pilot)
        assert draws[1:] == [(SIZE[0], 20)]
        await pilot.resize_terminal(150, 20)
        await settle(pilot)
        assert draws[2:] == [(150, 20)]


async def test_the_critics_detail_scrolls_from_the_keyboard(tracker: Tracker) -> None:
    app = tui(tracker)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await open_metallic_rouge(pilot, "c")
        detail = app.screen.query_one("#critics-detail")
        assert detail.scroll_y == 0 and detail.max_scroll_y > 0
        await pilot.press("down", "down")
        assert detail.scroll_y == 2
        await pilot.press("end")
        assert detail.scroll_y == detail.max_scroll_y
        await pilot.press("home")
        assert detail.scroll_y == 0
        await pilot.press("pagedown")
        assert detail.scroll_y > 2


async def test_blind_mode_hides_critic_columns_until_a_verdict(tracker: Tracker) -> None:
    tracker.update_settings(blind=True)
    app = tui(tracker)
    async with app.run_test(size=(200, 50), notifications=True) as pilot:
        await open_metallic_rouge(pilot, "c")
        text = screen_text(app)
        assert text.count("Hidden: give your verdict first.") == app.screen.per_view
        assert "hidden (blind mode)" in text and "agree" not in text
        assert "sleeper hit" not in text


async def test_two_hundred_rapid_presses_stop_at_the_last_episode(
    tracker: Tracker, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    attempts = []
    real = tracker.watch_next
    monkeypatch.setattr(tracker, "watch_next", lambda slug: (attempts.append(1), real(slug))[1])
    app = tui(tracker)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        app.screen.query_one(ShowTable).move_to("metallic-rouge")
        began = time.monotonic()
        for _ in range(200):
            await pilot.press("space")
        await settle(pilot)
        took = time.monotonic() - began
        assert watched_on_disk(db_path, "metallic-rouge") == list(range(1, 14))
        assert tracker.entry("metallic-rouge").status.value == "completed"
        warnings = messages(app, "warning")
        # Said once per REPEAT_WINDOW while the presses go on, not 187 times.
        assert 1 <= len(warnings) <= 1 + took / REPEAT_WINDOW
        assert len(attempts) == 13  # presses past the last episode start no save at all


async def test_quick_marks_and_unmarks_land_in_the_order_pressed(
    tracker: Tracker, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("watch_next", "unwatch_last"):
        real = getattr(tracker, name)

        def slow(slug: str, real: Callable[[str], object] = real) -> object:
            time.sleep(0.05)  # a slow disk, so saves queue up behind each other
            return real(slug)

        monkeypatch.setattr(tracker, name, slow)
    app = tui(tracker)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        screen = app.screen
        screen.query_one(ShowTable).move_to("metallic-rouge")
        # A burst of keys, as fast as key repeat: Pilot would wait after each one.
        for key in "+-" * 10:
            (screen.action_mark_next if key == "+" else screen.action_unmark_last)()
        await settle(pilot)
        # In order, each "-" undoes the "+" just before it; out of order some "-"
        # finds nothing to unmark, and a mark is left over.
        assert tracker.entry("metallic-rouge").watched == {}
        assert not messages(app, "warning")


def slow_marks_seen_at_exit(
    tracker: Tracker, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> tuple[WatchlistApp, list[list[int]]]:
    """The app over a slow disk, and what the file held when it let go, on quitting."""
    real = tracker.watch_next

    def slow(slug: str) -> object:
        time.sleep(0.2)
        return real(slug)

    monkeypatch.setattr(tracker, "watch_next", slow)
    app = tui(tracker)
    on_disk_at_exit: list[list[int]] = []
    real_exit = app.exit
    monkeypatch.setattr(
        app,
        "exit",
        lambda *a, **k: (
            on_disk_at_exit.append(watched_on_disk(db_path, "metallic-rouge")),
            real_exit(*a, **k),
        ),
    )
    return app, on_disk_at_exit


async def test_quit_waits_for_pending_saves(
    tracker: Tracker, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app, on_disk_at_exit = slow_marks_seen_at_exit(tracker, db_path, monkeypatch)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        app.screen.query_one(ShowTable).move_to("metallic-rouge")
        await pilot.press("space", "space", "space", "q")
        # The app quits by itself once the saves are done.
        await wait_until(pilot, lambda: not app.is_running, "the app to quit")
    assert on_disk_at_exit == [[1, 2, 3]]  # every save had landed before the app let go
    assert app.return_code == 0


async def test_a_failed_save_is_reported_and_the_app_keeps_running(
    tracker: Tracker, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = tui(tracker)
    real_replace = os.replace

    def full_disk(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        app.screen.query_one(ShowTable).move_to("metallic-rouge")
        monkeypatch.setattr(os, "replace", full_disk)
        await pilot.press("space")
        await settle(pilot)
        errors = messages(app, "error")
        assert errors and "No space left on device" in errors[-1]
        assert "0/13" in screen_text(app)
        monkeypatch.setattr(os, "replace", real_replace)
        await pilot.press("space")  # a retry works once the disk does
        await settle(pilot)
        assert watched_on_disk(db_path, "metallic-rouge") == [1]


async def test_help_and_the_command_palette(tracker: Tracker) -> None:
    app = tui(tracker)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        text = screen_text(app)
        assert "+1 ep" in text and "Filter" in text and "Copy selected text" not in text
        await pilot.press("escape", "ctrl+p")
        await pilot.pause()
        await pilot.press(*"frieren")
        await wait_for_hits(pilot)
        await pilot.press("enter")
        await pilot.pause()
        assert (
            isinstance(app.screen, ShowScreen) and app.screen.slug == "frieren-beyond-journeys-end"
        )


async def test_score_format_from_the_palette(tracker: Tracker) -> None:
    tracker.give_verdict("metallic", score="8")
    app = tui(tracker)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await run_from_palette(pilot, "score format: 5-star")
        await settle(pilot)
        assert tracker.settings().score_format.value == "5-star"
        assert "★★★★☆" in screen_text(app)


async def test_time_zone_from_the_palette(tracker: Tracker) -> None:
    app = tui(tracker)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await run_from_palette(pilot, "time zone")
        await wait_for_hits(pilot)
        assert "Local (the system's zone)" in screen_text(app)
        await pilot.press(*"asia/tokyo")
        await wait_for_hits(pilot)
        await pilot.press("enter")
        await settle(pilot)
    assert tracker.settings().timezone == "Asia/Tokyo"


MARKUP_TITLES = ["[Oshi no Ko]", "[/]", "[bold]x", "[@click=app.quit]boom[/]", "Evil\x1b]8;;x\x07"]


@pytest.fixture
def hostile_tracker(make_store: Callable[..., Store]) -> Tracker:
    store = make_store()
    with store.transaction() as tx:
        for n, title in enumerate(MARKUP_TITLES):
            tx.put(
                Show(
                    f"hostile-{n}",
                    title,
                    season="winter-2024",
                    episodes=3,
                    studios=("[red]S[/red]",),
                    synopsis="A [link=x]synopsis[/link]",
                    origin=Origin.USER,
                )
            )
    return Tracker(store)


async def test_titles_with_markup_render_literally_everywhere(hostile_tracker: Tracker) -> None:
    app = tui(hostile_tracker)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("slash", "[")
        await pilot.pause()
        text = screen_text(app)
        for title in MARKUP_TITLES[:4]:
            assert title in text
        assert "[red]S[/red]" in text
        assert "Evil␛]8;;x␇" in text  # a control sequence shown as symbols, never sent
        await pilot.press("enter")
        app.screen.query_one(ShowTable).move_to("hostile-3")
        await pilot.press("space")  # the toast carries the title
        await settle(pilot)
        assert app.is_running  # clicking or rendering "[@click=app.quit]" ran nothing
        toasts = messages(app)
        assert any("[@click=app.quit]boom[/]: episode 1 watched" in t for t in toasts)
        assert "[@click=app.quit]boom[/]: episode 1 watched" in screen_text(app)
        await pilot.press("enter")
        await pilot.pause()
        text = screen_text(app)
        assert "[@click=app.quit]boom[/]" in text and "A [link=x]synopsis[/link]" in text
        await pilot.press("v")
        await pilot.pause()
        assert "[@click=app.quit]boom[/]" in screen_text(app)


async def test_a_season_name_with_markup_shows_literally_in_the_season_switcher(
    make_store: Callable[..., Store],
) -> None:
    store = make_store()
    with store.transaction() as tx:
        tx.put(Season("odd-2024", "Odd [bold]x[/bold] 2024", date(2024, 5, 1), date(2024, 5, 31)))
    app = tui(Tracker(store))
    async with app.run_test(size=SIZE) as pilot:
        await run_from_palette(pilot, "go to season")
        await wait_for_hits(pilot)
        assert "Odd [bold]x[/bold] 2024" in screen_text(app)
        await pilot.press(*"odd", "enter")
        await wait_until(pilot, lambda: app.season == "odd-2024", "the season to change")


async def test_add_a_critic_piece_from_a_file(tracker: Tracker, tmp_path: Path) -> None:
    good, bad = tmp_path / "piece.toml", tmp_path / "bad.toml"
    good.write_text('outlet = "My [Blog]"\nkind = "season"\nscore = 40\nsummary = "Meh."\n')
    bad.write_text('kind = "season"\nscore = 40\nsummary = "Meh."\n')
    before = len(tracker.detail("metallic").pieces)
    app = tui(tracker)
    async with app.run_test(size=(200, 50), notifications=True) as pilot:
        await open_metallic_rouge(pilot)
        await pilot.press("c", "a")
        await pilot.pause()
        app.screen.query_one("#piece-path", Input).value = str(bad)
        await pilot.press("ctrl+s")
        await settle(pilot)  # the file is read in a worker
        assert "'outlet' is missing" in str(app.screen.query_one(".form-error", Static).content)
        app.screen.query_one("#piece-path", Input).value = str(good)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, CriticsScreen)
        count = len(tracker.detail("metallic").pieces)
        await pilot.press(*["right"] * count)  # a season piece comes last
        assert "My [Blog]" in screen_text(app)
        assert count == before + 1


async def test_an_empty_piece_path_is_refused_inside_the_dialog(tracker: Tracker) -> None:
    app = tui(tracker)
    async with app.run_test(size=(200, 50), notifications=True) as pilot:
        await open_metallic_rouge(pilot)
        await pilot.press("c", "a")
        await pilot.pause()
        app.screen.query_one("#piece-path", Input).value = "   "
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, PieceFromFile)
        assert "give the path of a TOML or JSON file" in screen_text(app)


async def test_saves_keyed_just_before_quit_are_not_lost(
    tracker: Tracker, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app, on_disk_at_exit = slow_marks_seen_at_exit(tracker, db_path, monkeypatch)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        app.screen.query_one(ShowTable).move_to("metallic-rouge")
        burst(app, "space", "space", "q")  # all in one read from the terminal
        await wait_until(pilot, lambda: not app.is_running, "the app to quit")
    assert on_disk_at_exit == [[1, 2]]
    assert app.return_code == 0
    assert any("episode 2 watched" in m for m in messages(app))  # said once it was durable
