"""How many logged episodes (and minutes) fall on each local day, counted from stored text.

Stats over 20,000 shows read about 240,000 moments. Turning each into a datetime and
then into a local day costs more than reading the database file, so moments stored as
`2024-01-11T21:00:00+00:00` (imported, or backdated) or `2024-01-11T21:00:00.123456+00:00`
(marked as it happened) are counted by their text in bulk and only each distinct day, or
hour, is turned into a local day:

- a written day on which every moment falls on one local day (the local zone's offset is
  the one written, or differs by whole days) is settled by its count alone;
- otherwise, when the zone's offset stays the same all that day, local midnight cuts it
  once (most zones, most days: New York's midnight is 05:00 UTC); in the moments sorted
  as text (their time order, stored alike) the day is a run, cut where one bisection
  finds the minute of local midnight;
- on a day the zone's offset changes, each hour of its run is looked up, and an hour
  that is cut, moment by moment.

This is exact because no zone changes its offset twice within a day (a test holds the
installed time zone data to that): a span shorter than a day with the same offset at both
ends never changed offset, so it is on one local day if both ends are. Everything else
(dates as precise as given, other spellings of a moment, objects) is read one by one.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from collections.abc import Iterable
from datetime import date, datetime, timedelta, tzinfo
from itertools import groupby
from operator import itemgetter
from typing import NamedTuple, cast

from msgspec import Struct, field

from watchlist.domain.dates import Logged, PartialDate, logged_day

_DATE_TIME = ((4, "-"), (7, "-"), (10, "T"), (13, ":"), (16, ":"))
_SEPARATORS = {
    25: (*_DATE_TIME, (22, ":")),  # 2024-01-11T21:00:00+00:00
    32: (*_DATE_TIME, (19, "."), (29, ":")),  # 2024-01-11T21:00:00.123456+00:00
}
"""The stored forms of a moment read in bulk, by length: where each has its separators.
Both end in the written offset (`+HH:MM`), and text of one form sorts as its time."""
_OFFSET = slice(-6, None)
_DAY = itemgetter(slice(0, 10))
_MINUTE = timedelta(minutes=1)
_DAY_LONG = timedelta(days=1, microseconds=-1)
"""From the first moment of a written day to its last."""
_ONE_DAY = timedelta(days=1)
_MICRO = timedelta(microseconds=1)
_HOUR_LONG = timedelta(hours=1, microseconds=-1)


class DayCounts(Struct):
    """Episodes and minutes per local day, and how many episodes have no known day."""

    episodes: Counter[date] = field(default_factory=Counter)
    minutes: Counter[date] = field(default_factory=Counter)
    undated: int = 0


def exact_day(value: Logged | str, tz: tzinfo | None) -> date | None:
    """The local day of one logged value or its stored text, read the way an entry reads
    it (a date as precise as given has a day only when complete)."""
    if not isinstance(value, str):
        return logged_day(value, tz)
    if "T" not in value:
        try:
            return logged_day(PartialDate.parse(value))
        except ValueError:
            pass
    try:
        return datetime.fromisoformat(value).astimezone(tz).date()
    except ValueError:
        return None


def count_days(groups: Iterable[tuple[int, list[Logged | str]]], tz: tzinfo | None) -> DayCounts:
    """Per local day in `tz` (None: the system's), the episodes logged and their minutes,
    from groups of logged values that share an episode length (minutes)."""
    counts = DayCounts()
    alike: list[tuple[int, list[str]]] = []
    for length, values in groups:
        # None and "" (a value read as no date) are the only false ones: no known day.
        kept: list[Logged | str] = list(filter(None, values))
        days: Counter[date | None] = Counter({None: len(values) - len(kept)})
        alike += ((length, moments) for moments in _alike_groups(kept, days, tz))
        _add(counts, days, length)
    _Reader(tz).count(alike, counts)
    return counts


def _add(counts: DayCounts, days: Counter[date | None], length: int) -> None:
    """Add episodes counted by local day (None: no known day), each `length` minutes."""
    counts.undated += days.pop(None, 0)
    dated = cast("Counter[date]", days)  # None popped
    episodes, minutes = counts.episodes, counts.minutes
    for day, count in dated.items():
        episodes[day] += count
        minutes[day] += count * length


def _alike_groups(
    values: list[Logged | str], days: Counter[date | None], tz: tzinfo | None
) -> list[list[str]]:
    """`values` as lists of moments stored alike (one form, one written offset); the
    rest are counted into `days` one by one."""
    try:
        text = "".join(values)  # type: ignore[arg-type]  # a non-text value raises
    except TypeError:
        text = None
    if text is None:
        runs: list[list[Logged | str]] = [values]
    elif values and _alike(text, len(values), len(values[0])):  # type: ignore[arg-type]
        return [values]  # type: ignore[list-item]  # all text, of one form and offset
    else:
        # Moments marked as they happened beside imported ones: each form a run, in C.
        runs = [list(run) for _, run in groupby(sorted(values, key=len), len)]  # type: ignore[arg-type]
    found: list[list[str]] = []
    rest: list[Logged | str] = []
    for run in runs:
        # A single run is `values`, already found not alike as a whole.
        if len(runs) > 1 and _alike("".join(run), len(run), len(run[0])):  # type: ignore[arg-type]
            found.append(run)  # type: ignore[arg-type]
            continue
        alike: dict[tuple[int, str], list[str]] = {}
        for value in run:
            if type(value) is str and len(value) in _SEPARATORS:
                alike.setdefault((len(value), value[_OFFSET]), []).append(value)
            else:
                rest.append(value)
        for (width, _), moments in alike.items():
            if _alike("".join(moments), len(moments), width):
                found.append(moments)
            else:
                rest += moments
    days.update(exact_day(value, tz) for value in rest)
    return found


def _alike(text: str, n: int, width: int) -> bool:
    """Whether `text`, `n` values of `width` characters end to end, are each a moment of
    the stored form that long, all with one written offset (`+HH:MM`)."""
    separators = _SEPARATORS.get(width)
    if separators is None or not n or len(text) != width * n:
        return False
    if any(text[at::width] != mark * n for at, mark in separators):
        return False
    sign = text[width - 6]
    return sign in "+-" and all(text[at::width] == text[at] * n for at in range(width - 6, width))


class _Cut(NamedTuple):
    """A written day local midnight cuts once: its moments written before `at` (the day's
    text to the minute) fall on `before`, the rest on `after`."""

    at: str
    before: date
    after: date


class _Reader:
    """Local days of moments stored alike, each written day worked out once."""

    def __init__(self, tz: tzinfo | None) -> None:
        self.tz = tz
        self._days: dict[str, dict[str, date | _Cut | None]] = {}
        """By written offset, then written day (see `_day`)."""

    def count(self, alike: list[tuple[int, list[str]]], counts: DayCounts) -> None:
        """Count lists of moments stored alike, each of an episode length, into `counts`
        by local day. Episodes and minutes are summed by written day over every list
        first, so each written day is placed once, not once a list."""
        by_offset: dict[str, list[tuple[int, list[str]]]] = {}
        for length, moments in alike:
            by_offset.setdefault(moments[0][_OFFSET], []).append((length, moments))
        for offset, lists in by_offset.items():
            episodes: dict[str, int] = {}
            minutes: dict[str, int] = {}
            written_days = []
            for length, moments in lists:
                by_day = Counter(map(_DAY, moments))
                written_days.append(by_day)
                for written, count in by_day.items():
                    episodes[written] = episodes.get(written, 0) + count
                    minutes[written] = minutes.get(written, 0) + count * length
            placed = self._days.setdefault(offset, {})
            self._place(episodes, offset)
            pending: dict[str, _Cut | None] = {}
            local_episodes, local_minutes = counts.episodes, counts.minutes
            for written, count in episodes.items():
                known = placed[written]
                if isinstance(known, date):
                    local_episodes[known] += count
                    local_minutes[known] += minutes[written]
                else:
                    pending[written] = known
            if pending:
                for (length, moments), by_day in zip(lists, written_days, strict=True):
                    days: Counter[date | None] = Counter()
                    self._count_pending(moments, offset, pending, by_day, days)
                    _add(counts, days, length)

    def _count_pending(
        self,
        moments: list[str],
        offset: str,
        pending: dict[str, _Cut | None],
        by_day: Counter[str],
        days: Counter[date | None],
    ) -> None:
        """Count the moments of the `pending` written days, which local midnight cuts.
        Outside UTC that is most days (New York's midnight is 05:00 UTC), so they are
        counted from the moments in order: stored alike, their text sorts as their time,
        each written day is a run of known length, and where the run is cut is found by
        bisection, not by looking at its moments."""
        ordered = sorted(moments)
        start: dict[str, int] = {}
        at = 0
        for written in sorted(by_day):
            start[written] = at
            at += by_day[written]
        for written, cut in pending.items():
            if written not in start:  # a day only other lists have moments on
                continue
            low = start[written]
            high = low + by_day[written]
            if cut is None:  # the zone's offset changes that day: hour by hour
                self._count_hours(ordered, low, high, offset, days)
                continue
            middle = bisect_left(ordered, cut.at, low, high)
            if middle > low:
                days[cut.before] += middle - low
            if high > middle:
                days[cut.after] += high - middle

    def _count_hours(
        self, ordered: list[str], low: int, high: int, offset: str, days: Counter[date | None]
    ) -> None:
        """Count the run `ordered[low:high]` of a day the zone's offset changes: each hour
        placed as a whole where it falls on one local day, else moment by moment."""
        while low < high:
            hour = ordered[low][:13]
            end = bisect_left(ordered, hour + ";", low, high)  # ";" sorts after ":"
            day = self._hour(hour, offset)
            if day is None:
                days.update(exact_day(moment, self.tz) for moment in ordered[low:end])
            else:
                days[day] += end - low
            low = end

    def _place(self, written_days: Iterable[str], offset: str) -> None:
        """Work out `_day` for each of `written_days` not placed yet. In order, one day's
        end is the next one's start, so each start is turned local once, not twice: when
        a day's start and the next day's have one offset, the zone did not change it in
        between (it never changes twice within a day), so the day's last moment is the
        next day's start, a microsecond earlier."""
        placed = self._days[offset]
        next_start: datetime | None = None
        next_local: datetime | None = None
        for written in sorted(day for day in written_days if day not in placed):
            start = datetime.fromisoformat(f"{written}T00:00:00{offset}")
            first = next_local if start == next_start else self._local(start)
            next_start = start + _ONE_DAY
            next_local = self._local(next_start)
            if first is None or next_local is None or first.utcoffset() != next_local.utcoffset():
                self._day(written, offset)  # the offset changes that day, or the calendar ends
                continue
            placed[written] = self._steady(written, start, first, (next_local - _MICRO).date())

    def _day(self, written: str, offset: str) -> date | _Cut | None:
        """The local day of every moment written on `written` when there is one; else,
        when the zone's offset holds all day and differs from the written one by whole
        minutes, where local midnight cuts the day; else None."""
        start = datetime.fromisoformat(f"{written}T00:00:00{offset}")
        first, last = self._local(start), self._local(start + _DAY_LONG)
        known: date | _Cut | None = None
        if first is not None and last is not None and first.utcoffset() == last.utcoffset():
            known = self._steady(written, start, first, last.date())
        self._days[offset][written] = known
        return known

    @staticmethod
    def _steady(written: str, start: datetime, first: datetime, last: date) -> date | _Cut | None:
        """`_day` of a written day the zone's offset holds all day: `first` is its start
        in the zone, and `last` the local day of its last moment."""
        if first.date() == last:
            return last
        shift = _offset(first) - _offset(start)
        if shift % _MINUTE:
            return None
        # A steady offset and less than a day: local midnight falls once.
        minutes = shift // _MINUTE
        cut = 1440 * (minutes // 1440 + 1) - minutes  # minutes into the day
        return _Cut(f"{written}T{cut // 60:02d}:{cut % 60:02d}", first.date(), last)

    def _span(self, start: datetime, end: datetime) -> date | None:
        """The local day of every moment from `start` to `end` (less than a day apart),
        when it is one day."""
        first, last = self._local(start), self._local(end)
        if first is None or last is None:
            return None
        if first.utcoffset() != last.utcoffset() or first.date() != last.date():
            return None
        return first.date()

    def _local(self, moment: datetime) -> datetime | None:
        """`moment` in the local zone; None at the ends of the calendar (a day that cannot
        be read in bulk then, each moment is read as the entry reads it)."""
        try:
            return moment.astimezone(self.tz)
        except (OverflowError, OSError, ValueError):
            return None

    def _hour(self, hour: str, offset: str) -> date | None:
        """The local day of every moment written in `hour` (`2024-01-11T21`) of a day
        the zone's offset changes, if one."""
        start = datetime.fromisoformat(f"{hour}:00:00{offset}")
        return self._span(start, start + _HOUR_LONG)


def _offset(moment: datetime) -> timedelta:
    return moment.utcoffset() or timedelta()
