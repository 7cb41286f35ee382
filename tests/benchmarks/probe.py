"""What the benchmarks run in fresh interpreters: `python probe.py WHAT KIND DB ...`."""

from __future__ import annotations

import asyncio
import json
import os
import resource
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

SIZE = (120, 36)
COLUMNS = ("Title", "Studio", "Progress", "Status", "Score", "Critics")
STATUS_ORDER = ["watching", "rewatching", "plan-to-watch", "on-hold", "completed", "dropped"]
BOARD_SEASON = "winter-2024"
TYPICAL = {"must-watch": 90, "keep-watching": 75, "wait-and-see": 55, "skeptical": 35, "drop": 15}
"""A stance's score when a verdict gives no number."""
TYPING_GAP = 0.05
"""Seconds between keystrokes: a brisk typist; long enough for the previous frame to land."""


def peak_rss_kib() -> int:
    """Peak resident set size of this process, in KiB.

    `VmHWM` rather than `getrusage().ru_maxrss`: on Linux ru_maxrss carries the
    parent's peak across fork and exec, so every probe would report the harness's
    own memory (the process that just built a 5,000-show library). VmHWM belongs
    to this process's address space alone. ru_maxrss is the fallback elsewhere.
    """
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


# ------------------------------------------------------------------ frames


class Frames:
    """Wraps `App._display`: renders each frame to terminal bytes and notes when.

    First frame, the same for every app: the first time Textual hands the
    screen to its driver (`App._display`) with an update whose terminal bytes
    hold the expected table's first row. Headless drivers skip turning updates
    into bytes, so this does it (`render_segments`), as a real terminal needs.
    Times come from the system-wide monotonic clock, so the parent can subtract
    the moment just before it started the interpreter: interpreter start-up and
    every import count.
    """

    def __init__(self, app: Any, accept: Callable[[str], bool], exit_on_first: bool) -> None:
        self.times: list[float] = []
        self.first: float | None = None
        self.rss = 0
        original = app._display

        def display(screen: Any, renderable: Any) -> None:
            original(screen, renderable)
            if renderable is None or app._batch_count:
                return
            text = renderable.render_segments(app.console)
            now = time.monotonic()
            self.times.append(now)
            if self.first is None and accept(text):
                self.first = now
                self.rss = peak_rss_kib()
                if exit_on_first:
                    app.exit()

        app._display = display


# ------------------------------------------------------------- bare floor


def shows_and_pieces(
    data: dict[str, Any], db: Path | None = None
) -> tuple[dict[str, Any], list[Any]]:
    """Every show and critic piece: the catalog ships beside the app (as ours reads it),
    imported season catalogs sit beside the database, the file holds the user's own."""
    import orjson

    shows: dict[str, dict[str, Any]] = {}
    if db is not None:
        imported = db.with_name(db.stem + ".catalog.json")
        if imported.exists():
            shows |= orjson.loads(imported.read_bytes())["shows"]
    pieces = list(data.get("pieces", {}).values())
    for seed in sorted((Path(__file__).resolve().parents[2] / "seeds").glob("*.json")):
        doc = orjson.loads(seed.read_bytes())
        for show in doc["shows"]:
            shows[show["slug"]] = {**show, "season": show.get("season") or doc["season"]["slug"]}
        pieces += doc["pieces"]
    shows |= {show["slug"]: show for show in data.get("shows", {}).values()}
    return shows, pieces


def bare_rows(db: Path, mode: str) -> list[tuple[str, ...]]:
    """The rows the app shows, read straight from the file with orjson."""
    import orjson

    data = orjson.loads(db.read_bytes())
    shows, pieces = shows_and_pieces(data, db)
    chosen = [doc.get("season") for doc in data.get("settings", {}).values()]
    season = chosen[0] if chosen and chosen[0] else BOARD_SEASON
    entries = {doc["show"]: doc for doc in data.get("entries", {}).values()}
    latest: dict[str, dict[str, Any]] = {}
    for doc in data.get("verdicts", {}).values():
        if doc["show"] not in latest or doc["given_at"] > latest[doc["show"]]["given_at"]:
            latest[doc["show"]] = doc
    critics: dict[str, list[int]] = {}
    for doc in pieces:
        critics.setdefault(doc["show"], []).append(doc["score"])
    rows = []
    for show in shows.values():
        entry = entries.get(show["slug"])
        if (
            mode == "board"
            and season != show.get("season")
            and (season not in show.get("other_seasons", ()))
        ):
            continue
        if mode == "my-list" and entry is None and show["slug"] not in latest:
            continue
        status = entry["status"] if entry else "plan-to-watch"
        verdict = latest.get(show["slug"])
        score = None
        if verdict:
            score = verdict["score"] if verdict["score"] is not None else TYPICAL[verdict["stance"]]
        scores = critics.get(show["slug"])
        rows.append(
            (
                show["title"],
                ", ".join(show.get("studios", ())) or "-",
                f"{len(entry['watched']) if entry else 0}/{show.get('episodes') or '?'}",
                status,
                str((score + 5) // 10) if score is not None else "-",
                str(round(sum(scores) / len(scores))) if scores else "-",
            )
        )
    if mode == "board":
        rows.sort(key=lambda r: r[0].casefold())
    else:
        rows.sort(key=lambda r: (STATUS_ORDER.index(r[3]), r[0].casefold()))
    return rows


def bare_app(
    db: Path,
    mode: str,
    on_change: Callable[[], None] | None = None,
    *,
    filtering: bool = False,
) -> Any:
    """A plain Textual app: the same rows in a DataTable (under an Input, for typing).
    With `filtering`, each change of the Input filters the table the plain way, as the
    spec's floor for filtering has it: the rows whose folded title holds the folded
    text, put back with `clear` and `add_rows`."""
    from textual.app import App, ComposeResult
    from textual.widgets import DataTable, Input

    class Bare(App[None]):
        rows: list[tuple[str, ...]]
        keys: list[str]
        fold: Callable[[str], str]

        def compose(self) -> ComposeResult:
            if on_change is not None:
                yield Input(placeholder="filter", compact=True)
            yield DataTable()

        def on_mount(self) -> None:
            table = self.query_one(DataTable)
            table.add_columns(*COLUMNS)
            self.rows = bare_rows(db, mode)
            table.add_rows(self.rows)
            if filtering:  # the start-up floor imports no code of ours
                from watchlist.service.lookup import fold

                self.fold = fold
                self.keys = [fold(row[0]) for row in self.rows]
            if on_change is not None:
                self.query_one(Input).focus()

        def on_input_changed(self, event: Input.Changed) -> None:
            if filtering:
                wanted = self.fold(event.value)
                table = self.query_one(DataTable)
                table.clear()
                kept = zip(self.rows, self.keys, strict=True)
                table.add_rows(row for row, key in kept if wanted in key)
            if on_change is not None:
                on_change()

    return Bare()


# ------------------------------------------------------------ our app


def our_app(db: Path, mode: str) -> Any:
    """The app as `watchlist` starts it: the command line loaded as the entry point loads
    it (`watchlist.cli.entry.load`), then the TUI as `watchlist tui` loads it (`start`
    opens My list, as `watchlist tui --my-list` does)."""
    from watchlist.cli.entry import load

    load()  # the entry point's import cost counts
    from watchlist.cli.commands.tui import load_tui

    return load_tui(db, None, start=mode)


# ------------------------------------------------------------ start-up


def startup(kind: str, db: Path, mode: str, marker: str) -> dict[str, Any]:
    app = our_app(db, mode) if kind == "app" else bare_app(db, mode)
    frames = Frames(app, lambda text: marker in text, exit_on_first=True)
    app.run(headless=True, size=SIZE)
    if frames.first is None:
        raise SystemExit("no frame with rows was painted")
    return {"frame": frames.first, "rss_kib": frames.rss}


# ------------------------------------------------------------ typing


class Changes:
    """Notes, at each filter change, the time and how many frames had been painted."""

    def __init__(self) -> None:
        self.frames: Frames | None = None
        self.at: list[int] = []
        self.when: list[float] = []

    def __call__(self) -> None:
        assert self.frames is not None
        self.when.append(time.monotonic())
        self.at.append(len(self.frames.times))


class Ticks:
    """When each screen update (layout, render, paint) began, for the phase breakdown."""

    def __init__(self) -> None:
        from textual.screen import Screen

        self.times: list[float] = []
        update = Screen._on_timer_update

        def timed(screen: Screen) -> None:
            self.times.append(time.monotonic())
            update(screen)

        Screen._on_timer_update = timed  # type: ignore[method-assign]

    def before(self, moment: float) -> float:
        return max(t for t in self.times if t <= moment)


async def type_keys(
    app: Any, frames: Frames, changes: Changes, ticks: Ticks, keys: list[str]
) -> list[dict[str, float]]:
    """Per keystroke: seconds to the first frame painted after the table changed, in phases."""
    from textual import events

    typed = []
    for key in keys:
        await asyncio.sleep(TYPING_GAP)
        seen = len(changes.at)
        event = events.Key(key, " " if key == "space" else key)
        event.set_sender(app)
        start = time.monotonic()
        before = len(frames.times)
        app._driver.send_message(event)  # as the driver's input thread would
        while len(changes.at) == seen:
            await asyncio.sleep(0.0002)
        painted = changes.at[seen]
        while len(frames.times) <= painted:
            await asyncio.sleep(0.0002)
        end = frames.times[painted]
        began = ticks.before(end)
        typed.append(
            {
                "total": end - start,
                "to_filter": changes.when[seen] - start,
                "waiting": max(0.0, began - changes.when[seen]),
                "frame": end - max(began, changes.when[seen]),
                "frames_before": painted - before,
            }
        )
    return typed


def widget_work(app: Any, query: str) -> list[float]:
    """Our table's own work per keystroke: filter, then render every line on screen."""
    from watchlist.tui.widgets.show_table import ShowTable

    table = app.screen.query_one(ShowTable)
    times = []
    for end in range(1, len(query) + 1):
        start = time.perf_counter()
        table.filter(query[:end])
        table.render_lines(table.size.region)
        times.append(time.perf_counter() - start)
    table.filter("")
    return times


class Profiler:
    """cProfile around the timed blocks only, saved to $BENCH_PROFILE when it is set."""

    def __init__(self) -> None:
        import cProfile

        self.target = os.environ.get("BENCH_PROFILE")
        self.profile = cProfile.Profile() if self.target else None

    @contextmanager
    def block(self) -> Iterator[None]:
        if self.profile is not None:
            self.profile.enable()
        try:
            yield
        finally:
            if self.profile is not None:
                self.profile.disable()

    def save(self) -> None:
        if self.profile is not None and self.target:
            self.profile.dump_stats(self.target)


async def typing_session(kind: str, db: Path, query: str, rounds: int) -> dict[str, Any]:
    from textual.widgets import Input

    changes = Changes()
    ticks = Ticks()
    if kind == "app":
        from watchlist.tui.widgets.show_table import ShowTable

        app = our_app(db, "my-list")
        original = ShowTable.filter

        def counted(table: ShowTable, text: str) -> None:
            original(table, text)
            changes()

        ShowTable.filter = counted  # type: ignore[method-assign]
    else:
        app = bare_app(db, "my-list", on_change=changes, filtering=kind == "filtering")
    frames = Frames(app, lambda text: True, exit_on_first=False)
    changes.frames = frames
    keys = ["space" if c == " " else c for c in query]
    typed: list[dict[str, float]] = []
    widget: list[float] = []
    profiler = Profiler()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        if kind == "app":
            await pilot.press("slash")  # as a user does: the text box appears on "/"
            await pilot.pause()
        box = app.screen.query_one(Input)
        for _ in range(rounds):
            box.focus()
            await pilot.pause(0.2)
            with profiler.block():
                typed += await type_keys(app, frames, changes, ticks, keys)
            if box.value != query:
                raise SystemExit(f"typed {box.value!r}, wanted {query!r}")
            box.value = ""
            await pilot.pause(0.2)
        if kind == "app":
            ShowTable.filter = original  # type: ignore[method-assign]
            for _ in range(rounds):
                widget += widget_work(app, query)
        app.exit()
    profiler.save()
    latencies = [key["total"] for key in typed]
    return {"latencies": latencies, "widget": widget, "phases": typed}


def main() -> None:
    what, kind, db, *rest = sys.argv[1:]
    if what == "startup":
        mode, marker = rest
        result = startup(kind, Path(db), mode, marker)
    elif what == "typing":
        query, rounds = rest
        result = asyncio.run(typing_session(kind, Path(db), query, int(rounds)))
    else:
        raise SystemExit(f"unknown probe {what}")
    print(json.dumps(result), flush=True)


if __name__ == "__main__":
    main()
