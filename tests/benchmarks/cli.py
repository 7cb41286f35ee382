"""The command line: `watchlist list --json` against bare imports, and no Textual anywhere."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

from tests.benchmarks.library import Library
from tests.benchmarks.marking import timed
from tests.benchmarks.report import Result, median
from tests.benchmarks.startup import probe_env

FLOOR_IMPORTS = "import argparse, orjson, tinydb, filelock"
"""What `list --json` cannot avoid: parsing its arguments, and the store's three libraries
(orjson reads the file, TinyDB holds it, filelock guards it). Everything else is ours."""
SPEC_IMPORTS = "import rich, tinydb"
"""The spec's floor for `list --json`: "starting Python and importing rich and tinydb"."""

PIECE = {"outlet": "Bench Weekly", "kind": "season", "score": 70, "summary": "Holds up."}


def commands(folder: Path) -> list[list[str]]:
    """Every non-TUI command once, the file-based ones on files made here."""
    piece = folder / "piece.json"
    piece.write_text(json.dumps(PIECE))
    backup, mal, csv = folder / "backup.json", folder / "list.xml", folder / "diary.csv"
    return [
        ["list", "--json"],
        ["list", "--season", "all"],
        ["show", "metallic", "--json"],
        ["watch", "metallic"],
        ["unwatch", "metallic", "1"],
        ["status", "metallic", "on-hold"],
        ["verdict", "metallic", "--score", "8", "--note", "Good start."],
        ["rate", "metallic", "1", "--score", "7"],
        ["critics", "metallic", "--json"],
        ["compare", "metallic", "--json"],
        ["stats", "--json"],
        ["picks", "--json"],
        ["recap", "--json"],
        ["recap", "-o", str(folder / "recap.html")],
        ["settings", "--json"],
        ["export", "--format", "json", "-o", str(backup)],
        ["export", "--format", "mal-xml", "-o", str(mal)],
        ["export", "--format", "csv", "-o", str(csv)],
        ["import", str(backup), "--dry-run"],
        ["import", str(mal), "--dry-run"],
        ["review", "add", "metallic", "--file", str(piece)],
        ["locate"],
    ]


IMPORT_CHECK = """
import json, sys
from watchlist.cli.main import main
failed = [args for args in json.loads(sys.argv[1]) if main(args) != 0]
loaded = [m for m in sys.modules if m == "textual" or m.startswith("textual.")]
print(json.dumps({"failed": failed, "textual": len(loaded)}))
"""


def watchlist_script() -> str:
    """The console script next to this interpreter, as a user would run it."""
    beside = Path(sys.executable).with_name("watchlist")
    return str(beside) if beside.exists() else shutil.which("watchlist") or "watchlist"


def timed_run(command: list[str]) -> float:
    seconds, _ = timed(
        lambda: subprocess.run(
            command, capture_output=True, env=probe_env(), check=True, timeout=60
        )
    )
    return seconds


def list_json(library: Library, repeats: int) -> tuple[list[float], list[float], list[float]]:
    """`list --json`, the floor of what it cannot avoid, and the spec's floor, round by
    round, the floors taking turns after ours."""
    ours_cmd = [watchlist_script(), "--db", str(library.path), "list", "--json"]
    floors = [[sys.executable, "-c", FLOOR_IMPORTS], [sys.executable, "-c", SPEC_IMPORTS]]
    ours: list[float] = []
    times: list[list[float]] = [[], []]
    for n in range(repeats + 1):  # the first round only warms the caches
        took = timed_run(ours_cmd)
        order = [0, 1] if n % 2 else [1, 0]
        floor_took = {k: timed_run(floors[k]) for k in order}
        if n:
            ours.append(took)
            for k in order:
                times[k].append(floor_took[k])
    return ours, times[0], times[1]


def textual_modules(library: Library, folder: Path) -> int:
    """Textual modules loaded after every non-TUI command ran once, in one process."""
    db = folder / "cli-check" / "watchlist.json"
    db.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(library.path, db)
    every = [["--db", str(db), *command] for command in commands(db.parent)]
    done = subprocess.run(
        [sys.executable, "-c", IMPORT_CHECK, json.dumps(every)],
        capture_output=True,
        text=True,
        env=probe_env(),
        check=True,
        timeout=120,
    )
    outcome = json.loads(done.stdout.strip().splitlines()[-1])
    if outcome["failed"]:
        raise RuntimeError(f"CLI commands failed: {outcome['failed']}")
    return int(outcome["textual"])


def cli_results(catalog: Library, folder: Path, repeats: int) -> list[Result]:
    ours, floor, spec = list_json(catalog, repeats)
    count = len(commands(folder))
    return [
        Result("CLI `list --json`, 34 shows", median(ours), median(floor), "s"),
        Result(
            "CLI `list --json`, 34 shows, vs starting Python and importing rich and tinydb",
            median(ours),
            median(spec),
            "s",
            max_ratio=1.3,
        ),
        Result(
            f"CLI: Textual modules loaded by {count} commands",
            textual_modules(catalog, folder),
            None,
            "count",
            max_value=0,
        ),
    ]
