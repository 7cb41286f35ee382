"""The `watchlist` command's entry point (and `python -m watchlist`'s): the app loaded
with the cycle collector paused, then `main`."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from watchlist.service.bulk import collector_paused


def load() -> Callable[[Sequence[str] | None], int]:
    """The command line's `main`, its modules loaded."""
    # Loading the app makes tens of thousands of objects (functions, classes, the
    # catalog) that live as long as the process: the collector would only walk them
    # again and again as they are made, about 5 ms of every start.
    with collector_paused():
        from watchlist.cli.main import main
    return main


def main() -> int:
    return load()(None)
