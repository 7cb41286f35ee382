"""Where the time goes, for measurements that miss their target (`--profile`)."""

from __future__ import annotations

import cProfile
import pstats
import random
import subprocess
import sys
import sysconfig
from pathlib import Path

from tests.benchmarks.filtering import typing_args
from tests.benchmarks.library import Library
from tests.benchmarks.marking import next_marks
from tests.benchmarks.report import ROOT, median
from tests.benchmarks.startup import probe_command, probe_env, run_probe, startup_args
from watchlist.service.tracker import Tracker

OURS = "/watchlist/"
TOP = 14
PHASES = {
    "total": "keystroke to the frame with the filtered table",
    "to_filter": "keystroke until ShowTable.filter has run (Input, Changed message, filter)",
    "frames_before": "frames painted in between (the Input's own)",
    "waiting": "filter done until the next screen update begins (frame timer, 60 Hz)",
    "frame": "that update: layout, render of dirty widgets, terminal bytes",
}


# Where code lives differs from machine to machine; profiles name files by
# their place in the project, site-packages or the standard library instead.
ROOTS = sorted(
    {
        str(ROOT) + "/",
        *(str(Path(p)) + "/" for p in sysconfig.get_paths().values()),
        *(p + "/" for p in sys.path if p),
    },
    key=len,
    reverse=True,
)


def short_path(filename: str) -> str:
    """A profile entry's file relative to the first root that holds it."""
    if "site-packages/" in filename:
        return filename.split("site-packages/")[-1]
    for root in ROOTS:
        if filename.startswith(root):
            return filename[len(root) :]
    return Path(filename).name if filename.startswith("/") else filename


def summary(stats: pstats.Stats, title: str, top: int = TOP) -> str:
    """The heaviest entries: ours by cumulative time, then anything by own time."""
    rows = stats.stats  # type: ignore[attr-defined]
    total = sum(tt for _, _, tt, _, _ in rows.values())
    lines = [f"## {title} (profiled total {total * 1000:.0f} ms)"]

    def entry(key: tuple[str, int, str], value: tuple[int, int, float, float, dict]) -> str:
        filename, line, name = key
        calls, _, tottime, cumtime, _ = value
        where = short_path(filename)
        return f"  {cumtime * 1000:8.1f} {tottime * 1000:8.1f} {calls:7d}  {where}:{line}({name})"

    header = "   cum ms   own ms   calls  function"
    ours = sorted(((k, v) for k, v in rows.items() if OURS in k[0]), key=lambda kv: -kv[1][3])[:top]
    lines += ["ours, by cumulative time:", header, *(entry(k, v) for k, v in ours)]
    own = sorted(rows.items(), key=lambda kv: -kv[1][2])[:top]
    lines += ["everything, by own time:", header, *(entry(k, v) for k, v in own)]
    return "\n".join(lines)


def startup_profile(library: Library, mode: str, folder: Path) -> str:
    """cProfile of one start-up of our app in a fresh interpreter, imports included."""
    out = folder / f"startup-{mode}.prof"
    args = startup_args("app", library, mode)
    subprocess.run(
        probe_command(*args, python_flags=("-m", "cProfile", "-o", str(out))),
        capture_output=True,
        env=probe_env(),
        check=True,
        timeout=120,
    )
    return summary(pstats.Stats(str(out)), f"start-up, {mode}, {library.shows:,} shows")


def import_times(kind: str, library: Library, mode: str) -> list[tuple[str, int]]:
    """(module, own microseconds) for every import of one start-up, from `-X importtime`."""
    args = startup_args(kind, library, mode)
    done = subprocess.run(
        probe_command(*args, python_flags=("-X", "importtime")),
        capture_output=True,
        text=True,
        env=probe_env(),
        check=True,
        timeout=120,
    )
    times = []
    for line in done.stderr.splitlines():
        if line.startswith("import time:") and "self [us]" not in line:
            own, _, name = line[len("import time:") :].split("|")
            times.append((name.strip(), int(own)))
    return times


def by_package(times: list[tuple[str, int]]) -> dict[str, int]:
    groups: dict[str, int] = {}
    for name, own in times:
        root = name.split(".")[0]
        group = root if root in ("watchlist", "textual", "rich", "tinydb", "orjson") else "other"
        groups[group] = groups.get(group, 0) + own
    return groups


def import_profile(library: Library, mode: str) -> str:
    """Import time by package, our app against the bare one, and our costliest modules."""
    ours = import_times("app", library, mode)
    bare_times = import_times("bare", library, mode)
    bare = by_package(bare_times)
    lines = [f"## imports at start-up, {mode}: own time by package (ours / bare app)"]
    for group, own in sorted(by_package(ours).items(), key=lambda kv: -kv[1]):
        lines.append(f"  {group:<10} {own / 1000:7.1f} ms / {bare.get(group, 0) / 1000:7.1f} ms")
    seen = {name for name, _ in bare_times}
    extra = sorted(
        (kv for kv in ours if kv[0] not in seen and not kv[0].startswith("watchlist")),
        key=lambda kv: -kv[1],
    )
    total = sum(own for _, own in extra) / 1000
    lines.append(f"imported by ours only, not watchlist: {len(extra)} modules, {total:.1f} ms:")
    lines += [f"  {own / 1000:7.1f} ms  {name}" for name, own in extra[:8]]
    mine = sorted((kv for kv in ours if kv[0].startswith("watchlist")), key=lambda kv: -kv[1])
    lines.append("our costliest modules (own time):")
    lines += [f"  {own / 1000:7.1f} ms  {name}" for name, own in mine[:8]]
    return "\n".join(lines)


def typing_profile(library: Library, folder: Path) -> str:
    """Keystroke phases (unprofiled run), then cProfile of the typing itself."""
    args = typing_args("app", library, 2)
    plain = run_probe(*args)
    phases = plain["phases"]
    lines = [f"## filter as you type, {library.shows:,} shows: phases per keystroke (median)"]
    for name, what in PHASES.items():
        value = median([key[name] for key in phases])
        shown = f"{value:.0f}" if name == "frames_before" else f"{value * 1000:5.1f} ms"
        lines.append(f"  {shown:>8}  {what}")
    out = folder / "typing.prof"
    env = probe_env() | {"BENCH_PROFILE": str(out)}
    subprocess.run(
        probe_command(*args),
        capture_output=True,
        env=env,
        check=True,
        timeout=300,
    )
    title = f"filter as you type, {library.shows:,} shows, cProfile"
    return "\n".join(lines) + "\n\n" + summary(pstats.Stats(str(out)), title)


def marking_profile(library: Library, marks: int = 30) -> str:
    tracker = Tracker.open(library.path)
    rng = random.Random(7)
    profile = cProfile.Profile()
    for _ in range(marks):
        slug, number = next_marks(tracker, rng)
        profile.enable()
        tracker.watch(slug, [number])
        profile.disable()
    tracker.close()
    return summary(pstats.Stats(profile), f"{marks} marks, {library.shows:,} shows")


def command_profile(
    db: Path, args: list[str], folder: Path, title: str, env: dict[str, str] | None = None
) -> str:
    """cProfile of one CLI command in a fresh interpreter, imports included (in `env`,
    else the probes' environment)."""
    out = folder / "command.prof"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "cProfile",
            "-o",
            str(out),
            "-m",
            "watchlist",
            "--db",
            str(db),
            *args,
        ],
        capture_output=True,
        env=env or probe_env(),
        check=True,
        timeout=600,
    )
    return summary(pstats.Stats(str(out)), title)
