"""Marking an episode, durably saved, against a bare safe write and stock TinyDB."""

from __future__ import annotations

import os
import random
import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import orjson
from tinydb import Query, TinyDB

from tests.benchmarks.library import Library
from tests.benchmarks.report import Result, median, p95
from watchlist.domain import progress
from watchlist.service.tracker import Tracker
from watchlist.service.undoing import MAX_STEPS
from watchlist.storage.converters import entry_to_doc


def safe_write(path: Path, data: Any, directory_fd: int | None = None) -> None:
    """The floor: serialise with orjson, write a temporary file, fsync it, rename it over.

    With `directory_fd`, the folder is fsynced after the rename too: the durable
    floor. Without that step a crash can undo the rename, so our saves must pay
    for it (the foundation issue asks for it), while the spec's floor leaves it out.
    """
    payload = orjson.dumps(data, option=orjson.OPT_APPEND_NEWLINE)
    temp = path.with_name(path.name + ".tmp")
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        view = memoryview(payload)
        while view:
            view = view[os.write(fd, view) :]
        os.fsync(fd)
    finally:
        os.close(fd)
    os.replace(temp, path)
    if directory_fd is not None:
        os.fsync(directory_fd)


class StockDatabase:
    """Plain `TinyDB(path)` (JSONStorage) on a copy of the same file, given the same updates."""

    def __init__(self, source: Path, path: Path) -> None:
        shutil.copyfile(source, path)
        self.db = TinyDB(path)
        self.entries = self.db.table("entries")
        self.known = {doc["show"] for doc in self.entries.all()}

    def put_entry(self, doc: dict[str, Any]) -> None:
        """One read and one write of the file, as a stock app would do it."""
        if doc["show"] in self.known:
            self.entries.update(doc, Query().show == doc["show"])
        else:
            self.entries.insert(doc)
            self.known.add(doc["show"])

    def close(self) -> None:
        self.db.close()


@dataclass
class Timings:
    ours: list[float] = field(default_factory=list)
    floor: list[float] = field(default_factory=list)
    durable: list[float] = field(default_factory=list)
    stock: list[float] = field(default_factory=list)
    bare: list[float] = field(default_factory=list)
    """The floor of the same file without its undo journal."""


def timed(action: Callable[[], Any]) -> tuple[float, Any]:
    """The time `action` takes, started with nothing left to write back: stock TinyDB
    never fsyncs, and without the sync the next contender's fsync wrote its pages
    (ext4 commits them together), which cost ours about 10 ms a mark at 20,000 shows."""
    os.sync()
    start = time.perf_counter()
    value = action()
    return time.perf_counter() - start, value


def next_marks(tracker: Tracker, rng: random.Random) -> tuple[str, int]:
    """A show that still has an episode to mark, and that episode."""
    shows = [s for s in tracker.shows() if s.episodes]
    while True:
        show = rng.choice(shows)
        entry = tracker.entry(show.slug)
        number = progress.next_episode(show, entry)
        if number is not None:
            return show.slug, number


def measure_marks(library: Library, folder: Path, rounds: int) -> Timings:
    """Interleave ours and the floors, round after round, on the same data; then stock
    TinyDB, given the same entries.

    All work on copies in one folder, so the library stays as built.
    """
    work = folder / f"marks-{library.shows}"
    work.mkdir(parents=True, exist_ok=True)
    ours_path = work / "watchlist.json"
    shutil.copyfile(library.path, ours_path)
    tracker = Tracker.open(ours_path)
    stock = StockDatabase(library.path, work / "stock.json")
    floor_path = work / "floor.json"
    durable_path = work / "durable.json"
    directory_fd = os.open(work, os.O_RDONLY)
    rng = random.Random(library.shows)
    timings = Timings()
    try:
        # The undo journal at its bound, as after a while of ordinary use: every mark
        # below saves one more step and lets the oldest go.
        while len(tracker.history()) < MAX_STEPS:
            tracker.watch(*next_marks(tracker, rng)[:1])
        docs = []
        for n in range(rounds + 2):  # the first two rounds warm up and are dropped
            slug, number = next_marks(tracker, rng)
            # Ours goes first, as it makes the data each floor then writes; the floors
            # take turns after it.
            ours, result = timed(lambda: tracker.watch(slug, [number]))  # noqa: B023
            data = tracker.store.documents()
            bare_data = {name: rows for name, rows in data.items() if name != "journal"}
            steps: list[tuple[list[float], Callable[[], Any]]] = [
                (timings.floor, lambda: safe_write(floor_path, data)),  # noqa: B023
                (timings.durable, lambda: safe_write(durable_path, data, directory_fd)),  # noqa: B023
                (timings.bare, lambda: safe_write(floor_path, bare_data)),  # noqa: B023
            ]
            turn = n % len(steps)
            for times, action in steps[turn:] + steps[:turn]:
                times.append(timed(action)[0])
            timings.ours.append(ours)
            docs.append(entry_to_doc(result.entry))
        # Stock TinyDB is given the same entries after, in rounds of its own: its
        # pure-Python read and write of the whole file leave the processor's caches cold
        # for whatever runs next: in the same rounds, always ours, which took about a
        # sixth longer at 1,000 shows (measured both ways, two runs each).
        for doc in docs:
            timings.stock.append(timed(lambda: stock.put_entry(doc))[0])  # noqa: B023
    finally:
        os.close(directory_fd)
        stock.close()
        tracker.close()
    return Timings(
        timings.ours[2:],
        timings.floor[2:],
        timings.durable[2:],
        timings.stock[2:],
        timings.bare[2:],
    )


def mark_results(
    library: Library, folder: Path, rounds: int, *, stock_target: bool
) -> list[Result]:
    timings = measure_marks(library, folder, rounds)
    size = f"{library.shows:,}"
    return [
        Result(
            f"mark episode, {size} shows, median",
            median(timings.ours),
            median(timings.floor),
            "s",
            max_ratio=1.3,
        ),
        Result(
            f"mark episode, {size} shows, p95",
            p95(timings.ours),
            p95(timings.floor),
            "s",
            max_ratio=1.3,
        ),
        Result(
            f"mark episode, {size} shows, median vs floor + directory fsync",
            median(timings.ours),
            median(timings.durable),
            "s",
            max_ratio=1.3,
        ),
        Result(
            f"mark episode, {size} shows, undo journal full ({MAX_STEPS} steps), median vs "
            "the floor of the file without it",
            median(timings.ours),
            median(timings.bare),
            "s",
            max_ratio=1.3,
        ),
        Result(
            f"mark episode, {size} shows, median vs stock TinyDB",
            median(timings.ours),
            median(timings.stock),
            "s",
            max_ratio=1 / 8 if stock_target else None,
        ),
    ]
