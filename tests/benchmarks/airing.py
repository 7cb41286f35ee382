"""As it airs: the week's schedule of a 5,000-show library, and finding shows by their
native titles among 5,000.

Floors, measured in the same run:
- the schedule (ours opens the database as a command does, then makes the week): reading
  and parsing the same file with orjson and, for every show, counting its weekly dates
  into the week (what any schedule must do at least);
- finding: `str.find` of the query, exactly as typed, in the native titles joined into
  one text (no folding of kana, width or case at all); building the finder: joining them.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from datetime import date, datetime, timedelta

import orjson

from tests.benchmarks.library import Library
from tests.benchmarks.report import Result, median
from watchlist.domain.folding import fold
from watchlist.domain.model import Show
from watchlist.service.lookup import find_show, findable
from watchlist.service.tracker import Tracker

KATAKANA = [chr(c) for c in range(0x30A2, 0x30F3) if chr(c) not in "ヂヅヮヰヱ"]
KANJI = list("国物語王魔法少女剣士空海星夜桜雪花月光影竜神鬼猫犬恋学園戦記")
QUERIES = 20


def _timed(action: Callable[[], object], rounds: int) -> float:
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return median(times)


def _week_of_library(library: Library) -> date:
    """A Monday in the middle of the library's busiest season."""
    doc = orjson.loads(library.path.read_bytes())
    shows = [s for s in doc.get("shows", {}).values() if isinstance(s, dict)]
    premieres = sorted(s["premiere"] for s in shows if "premiere" in s)
    middle = date.fromisoformat(premieres[len(premieres) // 2]) + timedelta(weeks=3)
    return middle - timedelta(days=middle.weekday())


def _floor_schedule(library: Library, monday: date) -> int:
    doc = orjson.loads(library.path.read_bytes())
    sunday, count = monday + timedelta(days=6), 0
    for show in doc.get("shows", {}).values():
        if not isinstance(show, dict) or "premiere" not in show:
            continue
        premiere = date.fromisoformat(show["premiere"])
        for n in range(show.get("episodes") or 0):
            if monday <= premiere + timedelta(weeks=n) <= sunday:
                count += 1
    return count


def _our_schedule(big: Library, monday: date) -> int:
    """Open the database as the command does, and make the week of every show."""
    now = datetime.combine(monday, datetime.min.time()).astimezone()
    tracker = Tracker.open(big.path, clock=lambda: now, create=False)
    try:
        return len(tracker.schedule(monday, everything=True).week.airings)
    finally:
        tracker.close()


def schedule_results(big: Library, rounds: int) -> list[Result]:
    monday = _week_of_library(big)
    airings = _our_schedule(big, monday)
    ours = _timed(lambda: _our_schedule(big, monday), rounds)
    floor = _timed(lambda: _floor_schedule(big, monday), rounds)
    return [
        Result(
            f"schedule --all, one week of {big.shows:,} shows ({airings:,} airings)",
            ours,
            floor,
            "s",
        )
    ]


def _native(rng: random.Random, n: int) -> str:
    word = "".join(rng.choice(KATAKANA) for _ in range(rng.randint(3, 7)))
    if rng.random() < 0.3:
        word = word[:2] + "ー" + word[2:]  # a long vowel, optional in a query
    kanji = "".join(rng.choice(KANJI) for _ in range(rng.randint(1, 3)))
    return f"{word}の{kanji} {n}"


def finding_results(shows: int = 5_000, rounds: int = 5) -> list[Result]:
    rng = random.Random(25)
    natives = [_native(rng, n) for n in range(shows)]
    rows = [(f"show-{n}", f"Show {n}", [native]) for n, native in enumerate(natives)]
    by_slug = {slug: Show(slug, title, title_native=o[0]) for slug, title, o in rows}
    picked = rng.sample(range(shows), QUERIES)
    # Typed as hiragana, without the long vowel: what a user types for a katakana title.
    typed = [fold(natives[n]).split(" ")[0] + f" {n}" for n in picked]
    exact = [natives[n] for n in picked]
    pool = findable(rows)
    for query, n in zip(typed, picked, strict=True):
        assert find_show(pool, query, by_slug.__getitem__).slug == f"show-{n}"
    build = _timed(lambda: findable(rows), rounds)
    build_floor = _timed(lambda: "\n".join(" | ".join((s, t, *o)) for s, t, o in rows), rounds)
    joined = "\n".join(natives)

    def ours() -> None:
        for query in typed:
            find_show(pool, query, by_slug.__getitem__)

    def floor() -> None:
        for query in exact:
            joined.find(query)

    return [
        Result(f"find by native title, {shows:,} shows: build the finder", build, build_floor, "s"),
        Result(
            f"find by native title, {shows:,} shows: {QUERIES} kana queries",
            _timed(ours, rounds),
            _timed(floor, rounds),
            "s",
        ),
    ]
