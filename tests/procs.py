"""Programs the process tests start: `python tests/procs.py ROLE DB ...`."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from watchlist.service.tracker import Tracker

BIG_NOTE = "x" * 9_000


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


if __name__ == "__main__":
    role, *rest = sys.argv[1:]
    if role == "writer":
        writer(rest[0], rest[1], int(rest[2]))
    elif role == "saver":
        saver(rest[0])
    else:
        raise SystemExit(f"unknown role {role}")
