"""Start-up to first frame and peak memory, each run in a fresh interpreter."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from tests.benchmarks.library import Library
from tests.benchmarks.probe import bare_rows
from tests.benchmarks.report import ROOT, Result, median

PROBE = Path(__file__).with_name("probe.py")


def probe_env() -> dict[str, str]:
    """The same terminal description for every probe, whatever the caller's terminal is.

    Bytecode is allowed: an installed app and Textual run from compiled .pyc
    files, so a setting that stops Python writing them (as some shells set)
    must not charge one side for compiling its sources on every start.
    """
    env = dict(os.environ)
    env.update(TERM="xterm-256color", COLORTERM="truecolor", PYTHONUNBUFFERED="1")
    for name in (
        "TEXTUAL",
        "TEXTUAL_DEVTOOLS_PORT",
        "WATCHLIST_DB",
        "WATCHLIST_DEBUG",
        "PYTHONDONTWRITEBYTECODE",
    ):
        env.pop(name, None)
    return env


def compile_sources() -> None:
    """Compile the package once, as installing it does, before anything is timed."""
    package = ROOT / "watchlist"
    subprocess.run(
        [sys.executable, "-m", "compileall", "-q", str(package)], check=True, env=probe_env()
    )


def probe_command(*args: str, python_flags: Sequence[str] = ()) -> list[str]:
    """`python [FLAGS] probe.py ARGS...` in this interpreter."""
    return [sys.executable, *python_flags, str(PROBE), *args]


def run_probe(*args: str) -> dict[str, Any]:
    """Run probe.py in a new interpreter; `spawned` is the clock just before it started."""
    spawned = time.monotonic()
    done = subprocess.run(
        probe_command(*args),
        capture_output=True,
        text=True,
        env=probe_env(),
        check=False,
        timeout=120,
    )
    if done.returncode != 0:
        raise RuntimeError(f"probe {args} failed:\n{done.stderr[-3000:]}")
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    result["spawned"] = spawned
    return result


def marker(library: Library, mode: str) -> str:
    """Text only a painted table can contain: the start of its first row's title."""
    return bare_rows(library.path, mode)[0][0][:12]


def startup_args(kind: str, library: Library, mode: str, text: str | None = None) -> list[str]:
    """probe.py's arguments for one start-up; `text` defaults to `marker(library, mode)`."""
    if text is None:
        text = marker(library, mode)
    return ["startup", kind, str(library.path), mode, text]


def first_frames(library: Library, mode: str, repeats: int) -> dict[str, list[dict[str, Any]]]:
    """Alternate our app and the bare one; the first run of each only warms the caches."""
    text = marker(library, mode)
    runs: dict[str, list[dict[str, Any]]] = {"app": [], "bare": []}
    for n in range(repeats + 1):
        for kind in ("app", "bare") if n % 2 else ("bare", "app"):
            result = run_probe(*startup_args(kind, library, mode, text))
            if n:
                runs[kind].append(result)
    return runs


def seconds(runs: list[dict[str, Any]]) -> float:
    """Median time from just before the interpreter was started to the first frame."""
    return median([run["frame"] - run["spawned"] for run in runs])


def best(runs: list[dict[str, Any]]) -> float:
    """The fastest run: other work on the machine only ever adds time."""
    return min(run["frame"] - run["spawned"] for run in runs)


def frame_results(
    what: str, frames: dict[str, list[dict[str, Any]]], max_ratio: float, *, best_run: bool = True
) -> list[Result]:
    """Start-up to the first frame of `what` against the bare app: the median, with its
    target, and (with `best_run`) the fastest run of each beside it."""
    label = f"start-up to first frame, {what}"
    rows = [
        Result(label, seconds(frames["app"]), seconds(frames["bare"]), "s", max_ratio=max_ratio)
    ]
    if best_run:
        rows.append(Result(f"{label}, best run", best(frames["app"]), best(frames["bare"]), "s"))
    return rows


def startup_results(catalog: Library, big: Library, repeats: int) -> list[Result]:
    board = first_frames(catalog, "board", repeats)
    my_list = first_frames(big, "my-list", repeats)
    size = f"{big.shows:,}"
    return [
        *frame_results("board, 34 shows", board, 1.15),
        *frame_results(f"My list, {size} shows", my_list, 1.25),
        Result(
            f"peak RSS at first frame, My list, {size} shows",
            median([run["rss_kib"] for run in my_list["app"]]),
            median([run["rss_kib"] for run in my_list["bare"]]),
            "KiB",
        ),
    ]
