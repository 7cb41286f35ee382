"""Faults and concurrency: SIGTERM, disk errors, stale locks, other writers, damaged files."""

from __future__ import annotations

import errno
import os
import signal
import time
from pathlib import Path

import pytest

from tests.cli_helpers import Capsys, run
from tests.conftest import START
from tests.disk_helpers import bump_schema, on_disk, rewrite, set_aside_files, total_watched
from tests.procs import start
from tests.tui_helpers import SIZE, messages, screen_text, settle, tui, wait_until
from watchlist.service.errors import DatabaseBusy
from watchlist.service.tracker import Tracker
from watchlist.storage import open_store
from watchlist.storage.files import stale_temps
from watchlist.storage.lock import ProcessLock
from watchlist.storage.tinydb_adapter import TinyDBAdapter
from watchlist.tui.widgets.show_table import ShowTable


@pytest.mark.slow
def test_sigterm_during_saves_finishes_them_and_exits_cleanly(db_path: Path) -> None:
    Tracker.open(db_path)
    proc = start("tui-saving", str(db_path))
    assert proc.stdout is not None
    assert proc.stdout.readline().strip() == "queued 40"
    proc.send_signal(signal.SIGTERM)
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 0, err
    assert "exited 0" in out
    assert total_watched(db_path) == 40  # every queued save landed, none half-written
    assert stale_temps(db_path) == []


def test_a_lock_left_by_a_killed_process_does_not_block(db_path: Path) -> None:
    Tracker.open(db_path)
    holder = start("hold-lock", str(db_path))
    assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
    with pytest.raises(DatabaseBusy, match="busy"):
        Tracker(open_store(db_path, lock_timeout=0.2)).watch("metallic")
    holder.kill()
    holder.wait()
    began = time.monotonic()
    tracker = Tracker(open_store(db_path, lock_timeout=5))
    tracker.watch("metallic")
    assert time.monotonic() - began < 5
    assert tracker.entry("metallic-rouge").progress == 1


def test_a_read_only_folder_opens_read_only_and_says_so(
    db_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: Capsys
) -> None:
    Tracker.open(db_path).watch("metallic")
    before = db_path.read_bytes()

    def refuse(self: ProcessLock, *args: object, **kwargs: object) -> None:
        raise OSError(errno.EROFS, "Read-only file system")

    monkeypatch.setattr(ProcessLock, "acquire", refuse)
    store = open_store(db_path)
    assert store.read_only and "Read-only file system" in store.read_only
    assert Tracker(store).entry("metallic-rouge").progress == 1  # reading works
    result = run(capsys, "watch", "metallic")
    assert result.code == 2 and "read-only" in result.err  # refused before anything changed
    listed = run(capsys, "list")
    assert listed.code == 0 and "read-only" in listed.err  # reading works, and says so
    assert db_path.read_bytes() == before


@pytest.mark.parametrize(
    ("code", "words"),
    [(errno.ENOSPC, "No space left on device"), (errno.EACCES, "Permission denied")],
)
async def test_disk_errors_in_the_tui_are_reported_and_a_retry_works(
    tracker: Tracker, db_path: Path, monkeypatch: pytest.MonkeyPatch, code: int, words: str
) -> None:
    before = db_path.read_bytes()
    real_open = os.open

    def failing_open(path: str, flags: int, *args: object) -> int:
        if str(path).endswith(".tmp"):
            raise OSError(code, os.strerror(code))
        return real_open(path, flags, *args)  # type: ignore[arg-type]

    app = tui(tracker)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        app.screen.query_one(ShowTable).move_to("metallic-rouge")
        monkeypatch.setattr(os, "open", failing_open)
        await pilot.press("space")
        await settle(pilot)
        errors = messages(app, "error")
        assert errors and words in errors[-1]
        assert db_path.read_bytes() == before and stale_temps(db_path) == []
        assert app.is_running
        monkeypatch.setattr(os, "open", real_open)
        await pilot.press("space")
        await settle(pilot)
        assert tracker.entry("metallic-rouge").progress == 1
    entries = on_disk(db_path)["entries"]
    assert [doc["show"] for doc in entries.values()] == ["metallic-rouge"]
    assert open_store(db_path).take_notices() == []


async def test_another_program_rewriting_the_file_is_noticed_and_kept(
    tracker: Tracker, db_path: Path
) -> None:
    app = tui(tracker)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        # Some other program rewrites the file in place (not even atomically).
        data = on_disk(db_path)
        data["entries"] = {
            "1": {
                "show": "solo-leveling",
                "status": "watching",
                "watched": {"1": START.isoformat()},
            }
        }
        rewrite(db_path, data)
        app._check_disk()  # what the app's timer does every couple of seconds
        await wait_until(pilot, lambda: "1/12" in screen_text(app), "their change on screen")
        app.screen.query_one(ShowTable).move_to("metallic-rouge")
        await pilot.press("space")
        await settle(pilot)
    fresh = Tracker.open(db_path)
    assert fresh.entry("solo-leveling").progress == 1  # their change
    assert fresh.entry("metallic-rouge").progress == 1  # ours


async def test_the_tui_and_the_cli_on_one_database_keep_both_writes(
    tracker: Tracker, db_path: Path, capsys: Capsys
) -> None:
    app = tui(tracker)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        assert run(capsys, "--db", str(db_path), "watch", "solo", "--upto", "3").code == 0
        app.screen.query_one(ShowTable).move_to("metallic-rouge")
        await pilot.press("space", "space")
        await settle(pilot)
        assert run(capsys, "--db", str(db_path), "verdict", "metallic", "--score", "7").code == 0
        await pilot.press("space")
        await settle(pilot)
    fresh = Tracker.open(db_path)
    assert fresh.entry("solo-leveling").progress == 3
    assert fresh.entry("metallic-rouge").progress == 3
    assert fresh.detail("metallic").verdicts[-1].score == 70


async def test_the_tui_says_plainly_that_a_damaged_file_was_set_aside(db_path: Path) -> None:
    db_path.parent.mkdir(parents=True, exist_ok=True)
    db_path.write_bytes(b'{"meta": {"1": {"schema": 1}}, "entries": ')
    tracker = Tracker.open(db_path)
    app = tui(tracker)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        warnings = messages(app, "warning")
        assert any("damaged" in w and "set aside" in w for w in warnings)
        assert "34 shows" in screen_text(app)
    (aside,) = set_aside_files(db_path)
    assert aside.read_bytes() == b'{"meta": {"1": {"schema": 1}}, "entries": '


async def test_a_newer_file_saved_while_the_tui_runs_is_reported_not_a_crash(
    tracker: Tracker, db_path: Path
) -> None:
    app = tui(tracker)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        bump_schema(db_path, 99)
        before = db_path.read_bytes()
        app._check_disk()
        await wait_until(
            pilot,
            lambda: any("newer watchlist" in w for w in messages(app, "warning")),
            "the notice of a newer file",
        )
        assert app.is_running
        app.screen.query_one(ShowTable).move_to("metallic-rouge")
        await pilot.press("space")
        await settle(pilot)
        errors = messages(app, "error")
        assert errors and "read-only" in errors[-1]
    assert db_path.read_bytes() == before


async def test_the_tui_reads_a_changed_file_off_the_event_loop(
    tracker: Tracker, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import threading

    app = tui(tracker)
    loaded_on = []
    real_load = TinyDBAdapter.load

    def load(adapter: TinyDBAdapter) -> object:
        loaded_on.append(threading.current_thread() is threading.main_thread())
        return real_load(adapter)

    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        Tracker.open(db_path).watch("solo", ["1"])  # another copy saves
        monkeypatch.setattr(TinyDBAdapter, "load", load)
        tracker.rows()  # a read on the event loop serves memory, it does not re-read
        assert loaded_on == []
        app._check_disk()
        await wait_until(pilot, lambda: "1/12" in screen_text(app), "the other copy's mark")
        assert loaded_on == [False]  # read once, in a worker thread


async def test_an_unexpected_failure_in_a_reread_is_shown_and_watching_goes_on(
    tracker: Tracker, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = tui(tracker)
    real_refresh = tracker.refresh
    calls = []

    def broken_once() -> None:
        calls.append(1)
        if len(calls) == 1:
            raise RuntimeError("the disk hiccuped")
        real_refresh()

    monkeypatch.setattr(tracker, "refresh", broken_once)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        Tracker.open(db_path).watch("solo", ["1"])  # another copy saves
        app._check_disk()
        await wait_until(pilot, lambda: messages(app, "error"), "the error message")
        (error,) = messages(app, "error")
        assert "RuntimeError: the disk hiccuped" in error and "try again" in error
        assert app.is_running
        app._check_disk()  # the next look works, so the app never stopped noticing
        await wait_until(pilot, lambda: "1/12" in screen_text(app), "the other copy's mark")


async def test_an_unexpected_failure_in_a_save_is_shown_and_watching_goes_on(
    tracker: Tracker, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = tui(tracker)

    def broken(slug: str) -> object:
        raise RuntimeError("a bug in the use case")

    monkeypatch.setattr(tracker, "watch_next", broken)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        app.screen.query_one(ShowTable).move_to("metallic-rouge")
        await pilot.press("space")
        await settle(pilot)
        (error,) = messages(app, "error")
        assert "Not saved (RuntimeError: a bug in the use case)" in error
        assert "everything saved before" in error
        Tracker.open(db_path).watch("solo", ["1"])  # another copy saves
        app._check_disk()
        await wait_until(pilot, lambda: "1/12" in screen_text(app), "the other copy's mark")


async def test_the_tui_says_read_only_in_its_title_bar(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.tui_helpers import SIZE, screen_text, tui

    Tracker.open(db_path).watch("metallic")

    def refuse(self: ProcessLock, *args: object, **kwargs: object) -> None:
        raise OSError(errno.EROFS, "Read-only file system")

    monkeypatch.setattr(ProcessLock, "acquire", refuse)
    app = tui(Tracker(open_store(db_path)))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert screen_text(app).splitlines()[0].startswith("watchlist (read-only)")
        await pilot.press("l")
        await pilot.pause()
        assert "watchlist (read-only) — My list" in screen_text(app)
