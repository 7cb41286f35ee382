"""Season catalogs: a bangumi-data file of 8,500 shows imported whole, and the board of a
60-show imported season.

Floors, measured in the same run:
- the import: a fresh `python -c` that reads the same file and parses it with orjson
  (time and peak memory), the least any import of it costs;
- the board: the bare Textual app of the start-up benchmark, reading the same database
  and the imported catalog beside it, showing the same season's rows.
"""

from __future__ import annotations

import random
import shutil
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import orjson

from tests.benchmarks.library import ADJECTIVES, NOUNS, TAILS, Library
from tests.benchmarks.report import Result
from tests.benchmarks.scale import OURS_IMPORT, PEAK, run
from tests.benchmarks.startup import first_frames, frame_results
from watchlist.service.tracker import Tracker

ITEMS = 8_500
"""bangumi-data's size in 2026: every release from the 1960s to the current season."""
BOARD = "spring-2030"
BOARD_SHOWS = 60
FLOOR_IMPORT = PEAK + (
    "import gc, orjson\n"
    "gc.disable()\n"
    "doc = orjson.loads(open(sys.argv[1], 'rb').read())\n"
    "print(len(doc['items']), peak())\n"
)
KINDS = ["tv"] * 64 + ["movie"] * 18 + ["ova"] * 11 + ["web"] * 7
"""The mix bangumi-data has: about two thirds TV series."""


def _item(rng: random.Random, n: int, begin: datetime, kind: str) -> dict[str, object]:
    weeks = rng.choice([11, 12, 12, 12, 24, 25]) if kind in ("tv", "web") else 0
    end = begin + timedelta(weeks=weeks)
    title = f"{rng.choice(ADJECTIVES)} {rng.choice(NOUNS)}{rng.choice(TAILS)} {n}"
    stamp = "%Y-%m-%dT%H:%M:%S.000Z"
    return {
        "title": f"タイトル{n}",
        "titleTranslate": {"en": [title], "zh-Hans": [f"标题{n}"]},
        "type": kind,
        "lang": "ja",
        "officialSite": f"https://example.org/{n}",
        "begin": begin.strftime(stamp),
        "broadcast": f"R/{begin.strftime(stamp)}/P7D" if weeks else "",
        "end": end.strftime(stamp),
        "comment": "",
        "sites": [
            {"site": "bangumi", "id": str(100_000 + n)},
            {"site": "mal", "id": str(200_000 + n)},
            {"site": "aniList", "id": str(300_000 + n)},
        ],
    }


def dataset(folder: Path) -> Path:
    """A bangumi-data package as npm unpacks it: 8,500 releases from 1963 to mid-2029, and
    60 TV series starting in the spring of 2030 (the board measured)."""
    rng = random.Random(ITEMS)
    items = []
    start = datetime(1963, 1, 1, 15, tzinfo=UTC)
    span = (datetime(2029, 7, 1, tzinfo=UTC) - start).total_seconds()
    for n in range(ITEMS - BOARD_SHOWS):
        begin = start + timedelta(seconds=rng.random() * span)
        items.append(_item(rng, n, begin.replace(minute=0, second=0), rng.choice(KINDS)))
    for n in range(ITEMS - BOARD_SHOWS, ITEMS):
        begin = datetime(2030, 4, 1, 15, tzinfo=UTC) + timedelta(days=rng.randint(0, 20))
        items.append(_item(rng, n, begin, "tv"))
    rng.shuffle(items)
    package = folder / "package"
    (package / "dist").mkdir(parents=True, exist_ok=True)
    (package / "package.json").write_text('{"name": "bangumi-data", "version": "0.0.0"}')
    path = package / "dist" / "data.json"
    path.write_bytes(orjson.dumps({"siteMeta": {}, "items": items}))
    return path


def season_results(catalog: Library, folder: Path, repeats: int) -> list[Result]:
    source = dataset(folder)
    work = folder / "seasons"
    work.mkdir(exist_ok=True)
    db = work / "watchlist.json"
    shutil.copyfile(catalog.path, db)
    command = ["--db", str(db), "catalog", "import", str(source), "--season", "all"]
    took, _, err = run([sys.executable, "-c", OURS_IMPORT, *command])
    code, ours_peak = (int(x) for x in err.strip().splitlines()[-1].split())
    floor_took, out, _ = run([sys.executable, "-c", FLOOR_IMPORT, str(source)])
    count, floor_peak = (int(x) for x in out.split())
    assert code == 0 and count == ITEMS
    tracker = Tracker.open(db)
    tracker.choose_season(BOARD)
    assert len(tracker.rows(BOARD)) == BOARD_SHOWS
    tracker.close()
    board = first_frames(Library(db, catalog.shows), "board", repeats)
    mib = source.stat().st_size / 2**20
    return [
        Result(f"catalog import, {ITEMS:,} shows ({mib:.0f} MB), time", took, floor_took, "s"),
        Result(f"catalog import, {ITEMS:,} shows, peak memory", ours_peak, floor_peak, "KiB"),
        *frame_results(f"board of an imported {BOARD_SHOWS}-show season", board, 1.15),
    ]
