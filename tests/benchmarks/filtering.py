"""Filtering My list as you type, keystroke by keystroke, at 5,000 shows."""

from __future__ import annotations

import time

import orjson

from tests.benchmarks.library import Library
from tests.benchmarks.probe import shows_and_pieces
from tests.benchmarks.report import Result, median
from tests.benchmarks.startup import run_probe
from watchlist.service.lookup import fold

QUERY = "crimson blade"
"""Two words a user would type for a title like "Crimson Blade of the North"."""
FRAME = 0.016


def typing_args(kind: str, library: Library, rounds: int) -> list[str]:
    """probe.py's arguments for typing QUERY `rounds` times into My list."""
    return ["typing", kind, str(library.path), QUERY, str(rounds)]


def plain_scan(library: Library, rounds: int) -> list[float]:
    """The least any filter must do: a substring test over 5,000 prepared keys, per keystroke."""
    data = orjson.loads(library.path.read_bytes())
    shows, _ = shows_and_pieces(data)
    tracked = [shows[doc["show"]] for doc in data["entries"].values()]
    keys = [f"{fold(show['slug'])} | {fold(show['title'])}" for show in tracked]
    times = []
    for _ in range(rounds):
        for end in range(1, len(QUERY) + 1):
            query = fold(QUERY[:end])
            start = time.perf_counter()
            _ = [n for n, key in enumerate(keys) if query in key]
            times.append(time.perf_counter() - start)
    return times


def filter_results(library: Library, rounds: int) -> list[Result]:
    ours = run_probe(*typing_args("app", library, rounds))
    plain = run_probe(*typing_args("filtering", library, rounds))
    bare = run_probe(*typing_args("bare", library, rounds))
    scan = plain_scan(library, rounds)
    size = f"{library.shows:,}"
    typed, floor, widget = ours["latencies"], plain["latencies"], ours["widget"]
    return [
        Result(
            f"filter keystroke to painted frame, {size}, median",
            median(typed),
            median(floor),
            "s",
            max_ratio=1.5,
            max_value=FRAME,
        ),
        Result(
            f"filter keystroke to painted frame, {size}, worst",
            max(typed),
            max(floor),
            "s",
            max_ratio=2.0,
            max_value=FRAME,
        ),
        Result(
            f"filter keystroke to painted frame, {size}, median vs a table that does not filter",
            median(typed),
            median(bare["latencies"]),
            "s",
        ),
        Result(
            f"filter + render visible lines (widget), {size}, median",
            median(widget),
            median(scan),
            "s",
            max_value=FRAME,
        ),
        Result(
            f"filter + render visible lines (widget), {size}, worst",
            max(widget),
            max(scan),
            "s",
            max_value=FRAME,
        ),
    ]
