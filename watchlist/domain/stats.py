"""Figures about what the user watched, computed from entries and verdicts."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from watchlist.domain.dates import logged_day
from watchlist.domain.model import DEFAULT_EPISODE_MINUTES, Entry, Show, Status, Verdict


@dataclass(frozen=True, slots=True)
class WeekCount:
    week_start: date
    """The Monday that starts the week."""
    episodes: int
    minutes: int = 0
    """What those episodes run to, each at its show's length."""


@dataclass(frozen=True, slots=True)
class Stats:
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

    # Plain arithmetic: the statistics module costs 6 ms to import at every start.

    @property
    def mean_score(self) -> float | None:
        return round(sum(self.scores) / len(self.scores), 1) if self.scores else None

    @property
    def score_spread(self) -> float | None:
        """Population standard deviation of your scores."""
        if not self.scores:
            return None
        mean = sum(self.scores) / len(self.scores)
        return round(math.sqrt(sum((s - mean) ** 2 for s in self.scores) / len(self.scores)), 1)

    def histogram(self) -> list[int]:
        """How many scores fall in each tenth: 0-9, 10-19, ..., 90-100."""
        buckets = [0] * 10
        for score in self.scores:
            buckets[min(score // 10, 9)] += 1
        return buckets


def compute_stats(
    shows: Mapping[str, Show], entries: Sequence[Entry], verdicts: Mapping[str, Sequence[Verdict]]
) -> Stats:
    """Stats over `entries`; episode length comes from each show, or the default.

    A show counts as tracked once it has an entry or a verdict. Only episodes with a
    known day count in a week; the others are counted as undated, never as "now".
    """
    episodes = 0
    minutes = 0
    undated = 0
    per_week: Counter[date] = Counter()
    minutes_per_week: Counter[date] = Counter()
    by_status: Counter[Status] = Counter()
    for entry in entries:
        show = shows.get(entry.show)
        length = show.minutes_per_episode if show else DEFAULT_EPISODE_MINUTES
        logs = entry.logs()  # not the diary: counting needs no order
        episodes += len(logs)
        minutes += len(logs) * length
        by_status[entry.status] += 1
        for _, logged in logs:
            day = logged_day(logged)
            if day is None:
                undated += 1
            else:
                monday = day - timedelta(days=day.weekday())
                per_week[monday] += 1
                minutes_per_week[monday] += length
    weeks: list[WeekCount] = []
    if per_week:
        week, last = min(per_week), max(per_week)
        while week <= last:
            weeks.append(WeekCount(week, per_week.get(week, 0), minutes_per_week.get(week, 0)))
            week += timedelta(weeks=1)
    with_entry = {entry.show for entry in entries}
    verdict_only = [slug for slug, vs in verdicts.items() if vs and slug not in with_entry]
    by_status[Status.PLAN_TO_WATCH] += len(verdict_only)
    scores = [vs[-1].effective_score for slug, vs in verdicts.items() if vs and slug in shows]
    return Stats(
        shows_tracked=len(with_entry) + len(verdict_only),
        episodes=episodes,
        minutes=minutes,
        by_status={status: by_status.get(status, 0) for status in Status},
        weeks=weeks,
        undated=undated,
        scores=sorted(scores),
    )
