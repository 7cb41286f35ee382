"""Results, summary statistics, the results table and a description of the machine."""

from __future__ import annotations

import os
import platform
import statistics
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
"""The repository root."""
HEADERS = ("measurement", "ours", "floor", "ratio", "target", "holds")


def median(values: Sequence[float]) -> float:
    return statistics.median(values)


def p95(values: Sequence[float]) -> float:
    """Nearest-rank 95th percentile: a value that was actually observed."""
    ordered = sorted(values)
    rank = max(1, -(-95 * len(ordered) // 100))
    return ordered[rank - 1]


@dataclass(frozen=True)
class Result:
    """One row of the table. Times are in seconds, memory in KiB, counts as they are."""

    name: str
    ours: float
    floor: float | None
    unit: str
    """"s", "KiB" or "count"; chooses how values are printed."""
    max_ratio: float | None = None
    """The target as ours / floor at most; None when the spec gives no ratio."""
    max_value: float | None = None
    """The target as an absolute ceiling on ours (same unit), when the spec gives one."""

    @property
    def ratio(self) -> float | None:
        if self.floor is None or self.floor == 0:
            return None
        return self.ours / self.floor

    @property
    def target(self) -> str:
        parts = []
        if self.max_ratio is not None:
            parts.append(f"≤ {self.max_ratio:g}x")
            if self.max_ratio < 1:
                parts[-1] += f" ({1 / self.max_ratio:g}x faster)"
        if self.max_value is not None:
            limit = show(self.max_value, self.unit)
            parts.append(f"< {limit}" if self.unit == "s" else f"= {limit}")
        return ", ".join(parts) or "none (reported)"

    @property
    def holds(self) -> str:
        checks = []
        if self.max_ratio is not None and self.ratio is not None:
            checks.append(self.ratio <= self.max_ratio)
        if self.max_value is not None:
            checks.append(self.ours <= self.max_value)
        if not checks:
            return "-"
        return "yes" if all(checks) else "NO"

    def cells(self) -> tuple[str, ...]:
        ratio = f"{self.ratio:.2f}x" if self.ratio is not None else "-"
        floor = show(self.floor, self.unit) if self.floor is not None else "-"
        return (self.name, show(self.ours, self.unit), floor, ratio, self.target, self.holds)


def show(value: float, unit: str) -> str:
    if unit == "s":
        return f"{value * 1000:.1f} ms"
    if unit == "KiB":
        return f"{value / 1024:.1f} MiB"
    return f"{value:g}"


def table(results: Sequence[Result]) -> str:
    """A plain-text table, columns padded to fit."""
    rows = [HEADERS, *(r.cells() for r in results)]
    widths = [max(len(row[i]) for row in rows) for i in range(len(HEADERS))]
    lines = []
    for n, row in enumerate(rows):
        lines.append("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)))
        if n == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(line.rstrip() for line in lines)


def markdown(results: Sequence[Result]) -> str:
    rows = [HEADERS, tuple("---" for _ in HEADERS), *(r.cells() for r in results)]
    return "\n".join("| " + " | ".join(row) + " |" for row in rows)


# ----------------------------------------------------------------- machine


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def filesystem(path: Path) -> str:
    """Type of the filesystem holding `path` (what fsync costs depends on it), from /proc/mounts."""
    best = ("", "unknown")
    try:
        for line in Path("/proc/mounts").read_text().splitlines():
            _device, mount, kind = line.split()[:3]
            inside = str(path.resolve()).startswith(mount.rstrip("/") + "/") or mount == "/"
            if inside and len(mount) > len(best[0]):
                best = (mount, kind)
    except OSError:
        pass
    return best[1]


def commit() -> str:
    """The checked-out commit, and whether the package has changes on top of it."""
    try:
        head = subprocess.run(
            ["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        changed = subprocess.run(
            ["git", "-C", str(ROOT), "status", "--porcelain", "--", "watchlist"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return head + (" with uncommitted changes in watchlist/" if changed else "")


def machine(folder: Path) -> dict[str, str]:
    return {
        "commit": commit(),
        "CPU": cpu_model(),
        "cores": str(os.cpu_count()),
        "OS": f"{platform.system()} {platform.release()}",
        "Python": platform.python_version(),
        "Textual": version("textual"),
        "TinyDB": version("tinydb"),
        "orjson": version("orjson"),
        "filesystem": filesystem(folder),
    }
