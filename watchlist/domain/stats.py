"""Figures about what the user watched, computed from entries and verdicts."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, timedelta, tzinfo
from itertools import repeat
from operator import attrgetter
from typing import NamedTuple

from msgspec import Struct, field

from watchlist.domain.dates import Logged
from watchlist.domain.day_counts import count_days
from watchlist.domain.model import DEFAULT_EPISODE_MINUTES, Entry, Status, Verdict


class WeekCount(Struct, frozen=True):
    week_start: date
    """The Monday that starts the week."""
    episodes: int
    minutes: int = 0
    """What those episodes run to, each at its show's length."""


class Spread(Struct, frozen=True):
    """A set of 0-100 scores in brief: how many, their mean, how far they spread (your
    scores in stats; yours and the critics' in the recap)."""

    count: int
    mean: float | None
    """Rounded to one place."""
    deviation: float | None
    """Population standard deviation, rounded to one place."""
    histogram: list[int]
    """How many fall in each tenth (see `spread`)."""

    # Plain arithmetic: the statistics module costs 6 ms to import at every start.

    @classmethod
    def of(cls, scores: Sequence[int]) -> Spread:
        if not scores:
            return cls(0, None, None, spread(()))
        mean = sum(scores) / len(scores)
        deviation = math.sqrt(sum((s - mean) ** 2 for s in scores) / len(scores))
        return cls(len(scores), round(mean, 1), round(deviation, 1), spread(scores))


def spread(scores: Iterable[int]) -> list[int]:
    """How many scores fall in each tenth: 0-9, 10-19, ..., 90-100."""
    buckets = [0] * 10
    for score in scores:
        buckets[min(score // 10, 9)] += 1
    return buckets


class Stats(Struct, frozen=True):
    shows_tracked: int
    episodes: int
    minutes: int
    by_status: dict[Status, int]
    weeks: list[WeekCount]
    """Dated episodes per week, every week from the first log to the last."""
    undated: int = 0
    """Episodes watched on no known day (imported from lists that kept no dates)."""
    scores: list[int] = field(default_factory=list)
    """Current verdict scores (0-100) of every show with a verdict."""

    @property
    def hours(self) -> float:
        return round(self.minutes / 60, 1)

    @property
    def your_spread(self) -> Spread:
        return Spread.of(self.scores)

    @property
    def mean_score(self) -> float | None:
        return self.your_spread.mean

    @property
    def score_spread(self) -> float | None:
        """Population standard deviation of your scores."""
        return self.your_spread.deviation

    def histogram(self) -> list[int]:
        """How many scores fall in each tenth: 0-9, 10-19, ..., 90-100."""
        return self.your_spread.histogram


class Logs(NamedTuple):
    """What stats need of an entry: its show, its status, and when each logged episode
    was watched, across passes (a moment or date, or its stored ISO text: reading 240,000
    of those into objects would cost more than all the counting). Stats read plain stored
    entries straight into a `Tally`; this is the way for the others, and for callers that
    hold entries."""

    show: str
    status: Status
    logged: list[Logged | str]


def logs_of(entry: Entry) -> Logs:
    return Logs(entry.show, entry.status, [logged for _, logged in entry.logs()])


class Tally(NamedTuple):
    """What stats count of the entries, gathered in one pass: each entry's status and
    show, and every logged value by its show's episode length (counting needs no order)."""

    statuses: list[Status]
    shows: set[str]
    """The shows with an entry."""
    by_length: dict[int, list[Logged | str]]


def tally(lengths: Mapping[str, int], entries: Iterable[Entry | Logs]) -> Tally:
    """The tally of `entries`, each show's episodes at its length in `lengths` (else the
    default)."""
    logs = [given if isinstance(given, Logs) else logs_of(given) for given in entries]
    by_length: dict[int, list[Logged | str]] = {}
    shows_lengths = map(lengths.get, map(_SHOW, logs), repeat(DEFAULT_EPISODE_MINUTES))
    for length, logged in zip(shows_lengths, map(_LOGGED, logs), strict=True):
        if not logged:
            continue
        if length in by_length:
            by_length[length] += logged
        else:
            by_length[length] = list(logged)
    return Tally(list(map(_STATUS, logs)), set(map(_SHOW, logs)), by_length)


def compute_stats(
    lengths: Mapping[str, int],
    entries: Sequence[Entry | Logs],
    scores: Mapping[str, Sequence[int]],
    tz: tzinfo | None = None,
) -> Stats:
    """Stats over `entries` of the shows `lengths` gives the episode length of (minutes);
    `scores` are each show's verdicts (0-100, oldest first).

    A show counts as tracked once it has an entry or a verdict. Only episodes with a
    known day count in a week; the others are counted as undated, never as "now".
    """
    return stats_of(tally(lengths, entries), lengths, scores, tz)


def stats_of(
    counted: Tally,
    lengths: Mapping[str, int],
    scores: Mapping[str, Sequence[int]],
    tz: tzinfo | None = None,
) -> Stats:
    """Stats over a tally of the entries (see `compute_stats`)."""
    statuses = counted.statuses  # counted by identity: an enum hashes in Python
    by_status = {status: statuses.count(status) for status in Status}
    by_length = counted.by_length
    episodes = sum(map(len, by_length.values()))
    minutes = sum(length * len(logged) for length, logged in by_length.items())
    days = count_days(by_length.items(), tz)
    per_week: Counter[date] = Counter()
    minutes_per_week: Counter[date] = Counter()
    for day, count in days.episodes.items():
        monday = day - timedelta(days=day.weekday())
        per_week[monday] += count
        minutes_per_week[monday] += days.minutes[day]
    weeks: list[WeekCount] = []
    if per_week:
        week, last = min(per_week), max(per_week)
        while week <= last:
            weeks.append(WeekCount(week, per_week.get(week, 0), minutes_per_week.get(week, 0)))
            week += timedelta(weeks=1)
    with_entry = counted.shows
    verdict_only = [slug for slug, vs in scores.items() if vs and slug not in with_entry]
    by_status[Status.PLAN_TO_WATCH] += len(verdict_only)
    current = [vs[-1] for slug, vs in scores.items() if vs and slug in lengths]
    return Stats(
        shows_tracked=len(with_entry) + len(verdict_only),
        episodes=episodes,
        minutes=minutes,
        by_status=by_status,
        weeks=weeks,
        undated=days.undated,
        scores=sorted(current),
    )


_SHOW = attrgetter("show")
_STATUS = attrgetter("status")
_LOGGED = attrgetter("logged")


def scores_of(verdicts: Mapping[str, Sequence[Verdict]]) -> dict[str, list[int]]:
    """Each show's verdicts as their 0-100 scores, oldest first."""
    return {show: [v.effective_score for v in vs] for show, vs in verdicts.items() if vs}
