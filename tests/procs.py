"""Programs the process tests start: `python tests/procs.py ROLE DB ...`, and `start`,
which tests call to run one. Safe to import: the programs run only as a script."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from watchlist.service.tracker import Tracker

PROCS = str(Path(__file__))
BIG_NOTE = "x" * 9_000


def start(*args: str) -> subprocess.Popen[str]:
    """Run `python tests/procs.py ARGS...` with its output captured as text."""
    return subprocess.Popen(
        [sys.executable, PROCS, *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def writer(db: str, slug: str, episodes: int) -> None:
    """Mark every episode of `slug` one save at a time."""
    tracker = Tracker.open(Path(db))
    for number in range(1, episodes + 1):
        tracker.watch(slug, [number])
        tracker.give_verdict(slug, score=str(1 + number % 10))
    print("done", flush=True)


def saver(db: str) -> None:
    """Save forever, alternating a large note and a small one; ack each durable save."""
    tracker = Tracker.open(Path(db))
    note = tracker.entry("metallic-rouge").notes.get(1, "0:")
    n = int(note.split(":")[0])  # carry on from the last save that reached the disk
    while True:
        n += 1
        note = f"{n}:" + (BIG_NOTE if n % 2 else "small")
        tracker.rate_episode("metallic-rouge", 1, note=note)
        print(f"ack {n}", flush=True)


def tui_saving(db: str) -> None:
    """Run the TUI headless, queue many saves, and wait to be told to stop."""
    from datetime import UTC

    from watchlist.tui.app import make_app
    from watchlist.tui.saving import Change

    tracker = Tracker.open(Path(db))
    app = make_app(tracker, season="winter-2024", tz=UTC, watch_interval=None)
    slugs = [show.slug for show in tracker.shows()][:10]

    def queue() -> None:
        for n in range(40):
            slug = slugs[n % len(slugs)]
            app.request_save(Change(lambda s=slug: tracker.watch_next(s), lambda e: "ok", slug))
        print("queued 40", flush=True)

    app.call_later(queue)
    app.run(headless=True)
    print(f"exited {app.return_code}", flush=True)


def hold_lock(db: str) -> None:
    """Take the database lock and never let go (until killed)."""
    import time

    from watchlist.storage.lock import ProcessLock

    lock = ProcessLock(db + ".lock", timeout=5)
    lock.acquire()
    print("locked", flush=True)
    time.sleep(600)


if __name__ == "__main__":
    role, *rest = sys.argv[1:]
    if role == "writer":
        writer(rest[0], rest[1], int(rest[2]))
    elif role == "saver":
        saver(rest[0])
    elif role == "tui-saving":
        tui_saving(rest[0])
    elif role == "hold-lock":
        hold_lock(rest[0])
    else:
        raise SystemExit(f"unknown role {role}")
