"""Picks and the season recap at 5,000 shows, as the command line runs them, against the
floor of a fresh `python -c` that reads and parses the same database file (the least any
command on that file costs; the same floor as the 20,000-show rows).

The library's season is the shipped winter 2024 (its 34 shows all tracked, about four in
ten judged, 160 critic pieces) beside 4,966 shows of other seasons that every command
must still read past.
"""

from __future__ import annotations

from pathlib import Path

from tests.benchmarks.library import Library
from tests.benchmarks.report import Result
from tests.benchmarks.scale import READ_LIST, Command, command_times

COMMANDS = {
    "picks": ["picks", "--json"],
    "recap": ["recap", "--json"],
    "recap, as the page": ["recap", "-o", "{folder}/recap.html"],
}


def season_view_results(library: Library, folder: Path, repeats: int) -> list[Result]:
    """Each command's median against the floor's, measured alternating."""
    commands = {name: Command(args, READ_LIST) for name, args in COMMANDS.items()}
    times = command_times(library.path, folder, repeats, list(commands.values()))
    size = f"{library.shows:,}"
    return [
        Result(
            f"{name}, {size} shows (`{' '.join(command.args).format(folder='.')}`)",
            *times[command.titled],
            "s",
            max_ratio=READ_LIST,
        )
        for name, command in commands.items()
    ]
