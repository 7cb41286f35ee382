"""Picks and the season recap at 5,000 shows, as the command line runs them, against the
floor of a fresh `python -c` that reads and parses the same database file (the least any
command on that file costs; the same floor as the 20,000-show rows).

The library's season is the shipped winter 2024 (its 34 shows all tracked, about four in
ten judged, 160 critic pieces) beside 4,966 shows of other seasons that every command
must still read past.
"""

from __future__ import annotations

import sys
from pathlib import Path

from tests.benchmarks.cli import watchlist_script
from tests.benchmarks.library import Library
from tests.benchmarks.report import Result, median
from tests.benchmarks.scale import FLOOR_READ, run

TARGET = 1.5
"""The spec's bound for a command against reading the file (section 8, at 20,000 shows)."""
COMMANDS = {
    "picks": ["picks", "--json"],
    "recap": ["recap", "--json"],
    "recap, as the page": ["recap", "-o", "{folder}/recap.html"],
}


def season_view_results(library: Library, folder: Path, repeats: int) -> list[Result]:
    """Each command's median and the floor's, alternating, the first round warming up."""
    ours: dict[str, list[float]] = {}
    floor: list[float] = []
    floor_cmd = [sys.executable, "-c", FLOOR_READ, str(library.path)]
    for n in range(repeats + 1):
        for name, args in COMMANDS.items():
            filled = [a.format(folder=folder) for a in args]
            took, _, _ = run([watchlist_script(), "--db", str(library.path), *filled])
            floor_took, _, _ = run(floor_cmd)
            if n:
                ours.setdefault(name, []).append(took)
                floor.append(floor_took)
    base = median(floor)
    size = f"{library.shows:,}"
    return [
        Result(
            f"{name}, {size} shows (`{' '.join(COMMANDS[name]).format(folder='.')}`)",
            median(times),
            base,
            "s",
            max_ratio=TARGET,
        )
        for name, times in ours.items()
    ]
