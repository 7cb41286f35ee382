"""Stats count logged moments in bulk, from their stored text (watchlist.domain.day_counts):
whatever the library and the time zone, they give exactly what reading every value into a
date, one by one, gives."""

from __future__ import annotations

import importlib
import os
import time
import zoneinfo
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta, timezone, tzinfo
from itertools import pairwise
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from watchlist.domain.dates import Logged, PartialDate, logged_day
from watchlist.domain.model import DEFAULT_EPISODE_MINUTES, Status
from watchlist.domain.stats import Logs, Stats, WeekCount, compute_stats

ZONES = [
    "UTC",
    "Europe/London",
    "Europe/Dublin",  # "winter time" is the saving one
    "Europe/Amsterdam",  # local mean time, +00:19:32, until 1937
    "America/New_York",
    "America/St_Johns",  # -03:30, and saving
    "America/Havana",  # clocks change at midnight
    "Asia/Beirut",  # clocks change at midnight
    "Asia/Kolkata",  # +05:30
    "Asia/Kathmandu",  # +05:45
    "Australia/Lord_Howe",  # half an hour of saving
    "Pacific/Chatham",  # +12:45
    "Pacific/Apia",  # skipped 2011-12-30
    "Pacific/Kiritimati",  # +14
    "Pacific/Pago_Pago",  # -11
    "Antarctica/Troll",  # two hours of saving
    "Africa/Casablanca",  # saving suspended every Ramadan
]


def _changes(name: str) -> list[int]:
    """When the zone changed its offset, in seconds since 1970, as the zone data lists
    them (read by the pure Python zoneinfo, the one that shows its data)."""
    plain = importlib.import_module("zoneinfo._zoneinfo").ZoneInfo
    return list(plain.no_cache(name)._trans_utc)


def _transitions(name: str) -> list[datetime]:
    """When the zone changed its offset, 1850 to 2040."""
    moments = [datetime.fromtimestamp(t, UTC) for t in _changes(name)]
    return [m for m in moments if 1850 <= m.year < 2040]


EDGES = sorted({moment for name in ZONES for moment in _transitions(name)})
"""Moments where some zone's offset changes: the hardest to place."""

MINUTES_15 = timedelta(minutes=15)
BASES = st.one_of(
    st.datetimes(min_value=datetime(1850, 1, 1), max_value=datetime(2039, 12, 31)).map(
        lambda m: m.replace(tzinfo=UTC)
    ),
    st.sampled_from(EDGES),
    # local midnights, where the day changes: every hour and quarter hour of a day
    st.tuples(
        st.dates(min_value=date(1990, 1, 1), max_value=date(2030, 12, 31)),
        st.integers(min_value=0, max_value=95),
    ).map(lambda d: datetime(d[0].year, d[0].month, d[0].day, tzinfo=UTC) + d[1] * MINUTES_15),
)
NEAR = st.integers(min_value=-2 * 86400, max_value=2 * 86400).map(lambda s: timedelta(seconds=s))
WRITTEN = st.sampled_from(
    [UTC, UTC, UTC, timezone(timedelta(hours=9)), timezone(timedelta(hours=-5, minutes=-30))]
)


@st.composite
def moments(draw: st.DrawFn) -> datetime:
    base = draw(BASES)
    if draw(st.booleans()):
        base += draw(NEAR)
    # Imported and backdated moments are stored to the second; a mark as it happens
    # keeps its microseconds (`...T21:00:00.123456+00:00`).
    microsecond = draw(st.sampled_from([0, 0, 1, 123456, 999999]))
    return base.astimezone(draw(WRITTEN)).replace(microsecond=microsecond)


PARTIAL = st.one_of(
    st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 1, 1)).map(PartialDate.of),
    st.builds(PartialDate, st.integers(1990, 2030)),
    st.builds(PartialDate, st.integers(1990, 2030), st.integers(1, 12)),
)
LOGGED: st.SearchStrategy[Logged | str] = st.one_of(
    moments().map(lambda m: m.isoformat()),  # as stored, the common case
    moments().map(lambda m: m.isoformat()),
    moments().map(lambda m: m.isoformat()),
    moments().map(lambda m: m.isoformat(sep=" ")),  # another spelling of a moment
    moments().map(lambda m: m.isoformat(timespec="microseconds")),
    moments(),  # a moment already read (an entry converted the usual way)
    PARTIAL.map(PartialDate.isoformat),
    PARTIAL,
    st.sampled_from([None, ""]),
)


@st.composite
def libraries(draw: st.DrawFn) -> tuple[dict[str, int], list[Logs]]:
    """Entries of a few shows of a few lengths, each with its logged values; often all
    stored moments alike, so the bulk path carries them."""
    shows = [f"show-{n}" for n in range(draw(st.integers(1, 8)))]
    lengths = {show: draw(st.sampled_from([24, 24, 12, 45, 3])) for show in shows}
    alike = draw(st.booleans())
    values = (
        moments().filter(lambda m: m.utcoffset() == timedelta()).map(datetime.isoformat)
        if alike
        else LOGGED
    )
    entries = [
        Logs(
            show,
            draw(st.sampled_from(list(Status))),
            draw(st.lists(values, max_size=40)),
        )
        for show in draw(st.lists(st.sampled_from([*shows, "unknown"]), max_size=8))
    ]
    return lengths, entries


TZS = st.one_of(
    st.none(),
    st.sampled_from(ZONES).map(ZoneInfo),
    st.sampled_from(
        [
            UTC,
            timezone(timedelta(hours=5, minutes=30)),
            timezone(timedelta(hours=-9, minutes=-15)),
            timezone(timedelta(minutes=19, seconds=32)),
        ]
    ),
)


def reference_day(value: Logged | str, tz: tzinfo | None) -> date | None:
    """One value, read the way an entry reads it, to its local day."""
    if isinstance(value, str):
        if not value:
            return None
        if "T" not in value:
            try:
                return logged_day(PartialDate.parse(value))
            except ValueError:
                pass
        value = datetime.fromisoformat(value)
    return logged_day(value, tz)


def reference_stats(
    lengths: Mapping[str, int],
    entries: Sequence[Logs],
    scores: Mapping[str, Sequence[int]],
    tz: tzinfo | None,
) -> Stats:
    """The plain computation: every value read one by one."""
    per_week: Counter[date] = Counter()
    minutes_per_week: Counter[date] = Counter()
    undated = 0
    for entry in entries:
        length = lengths.get(entry.show, DEFAULT_EPISODE_MINUTES)
        for value in entry.logged:
            day = reference_day(value, tz)
            if day is None:
                undated += 1
                continue
            monday = day - timedelta(days=day.weekday())
            per_week[monday] += 1
            minutes_per_week[monday] += length
    weeks = []
    if per_week:
        week, last = min(per_week), max(per_week)
        while week <= last:
            weeks.append(WeekCount(week, per_week[week], minutes_per_week[week]))
            week += timedelta(weeks=1)
    plain = compute_stats(lengths, [Logs(e.show, e.status, []) for e in entries], scores, tz)
    return Stats(
        shows_tracked=plain.shows_tracked,
        episodes=sum(len(e.logged) for e in entries),
        minutes=sum(len(e.logged) * lengths.get(e.show, DEFAULT_EPISODE_MINUTES) for e in entries),
        by_status=plain.by_status,
        weeks=weeks,
        undated=undated,
        scores=plain.scores,
    )


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(library=libraries(), tz=TZS)
def test_stats_count_every_logged_value_as_read_one_by_one(
    library: tuple[dict[str, int], list[Logs]], tz: tzinfo | None
) -> None:
    lengths, entries = library
    assert compute_stats(lengths, entries, {}, tz) == reference_stats(lengths, entries, {}, tz)


@contextmanager
def system_zone(name: str) -> Iterator[None]:
    """The system's time zone set to `name` (what stats use when given no zone)."""
    before = os.environ.get("TZ")
    os.environ["TZ"] = name
    time.tzset()
    try:
        yield
    finally:
        if before is None:
            del os.environ["TZ"]
        else:
            os.environ["TZ"] = before
        time.tzset()


@pytest.mark.parametrize("name", ZONES)
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(library=libraries())
def test_in_the_system_zone_too(name: str, library: tuple[dict[str, int], list[Logs]]) -> None:
    lengths, entries = library
    with system_zone(name):
        assert compute_stats(lengths, entries, {}, None) == reference_stats(
            lengths, entries, {}, None
        )


def test_a_day_of_moments_across_every_edge_in_every_zone() -> None:
    """Every quarter hour of two days around each change of offset, stored as text, in
    each zone: the bulk path meets every kind of day (steady, cut by local midnight,
    changing offset), and many moments share each day and hour."""
    for name in ZONES:
        tz = ZoneInfo(name)
        edges = [m for m in _transitions(name) if m.year >= 1900][:40]
        stored: list[Logged | str] = [
            (edge + k * MINUTES_15 + timedelta(seconds=k % 7)).isoformat()
            for edge in edges
            for k in range(-96, 96)
        ]
        entries = [Logs("a", Status.WATCHING, stored), Logs("b", Status.COMPLETED, stored[::3])]
        lengths = {"a": 24, "b": 50}
        got = compute_stats(lengths, entries, {}, tz)
        assert got == reference_stats(lengths, entries, {}, tz), name
        assert not edges or got.weeks


@pytest.mark.parametrize("tz", [ZoneInfo("Pacific/Kiritimati"), ZoneInfo("Pacific/Pago_Pago")])
def test_the_ends_of_the_calendar_are_read_as_the_entries_read_them(tz: tzinfo) -> None:
    """A moment on the first or last day there is, in a zone where part of that day is
    out of range: counted the same as reading it one by one."""
    stored: list[Logged | str] = [
        "0001-01-01T12:00:00+00:00",
        "9999-12-31T01:00:00+00:00",
    ]
    for value in stored:
        entries = [Logs("a", Status.WATCHING, [value])]
        try:
            expected = reference_stats({}, entries, {}, tz)
        except OverflowError:  # its local day is past the calendar: so it is for both
            with pytest.raises(OverflowError):
                compute_stats({}, entries, {}, tz)
            continue
        assert compute_stats({}, entries, {}, tz) == expected


def test_no_zone_changes_its_offset_twice_within_a_day() -> None:
    """What the bulk path relies on: a span shorter than a day with the same offset at
    both ends never changed offset in between (held for all the installed zone data)."""
    for name in sorted(zoneinfo.available_timezones()):
        found = _changes(name)
        assert all(later - earlier >= 86400 for earlier, later in pairwise(found)), name


def test_moments_marked_as_they_happened_are_counted_in_bulk(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A mark stores its moment with microseconds, an import or a backdate to the second:
    a diary of both, in both forms, is counted by written day, none read one by one."""
    from watchlist.domain import day_counts

    start = datetime(2024, 1, 11, 21, 0, tzinfo=UTC)
    marked = [(start + k * MINUTES_15).replace(microsecond=k + 1).isoformat() for k in range(300)]
    imported = [(start + k * MINUTES_15).isoformat() for k in range(200)]
    assert {len(marked[0]), len(imported[0])} == {32, 25}
    entries = [Logs("a", Status.WATCHING, [*marked, *imported])]
    expected = reference_stats({"a": 24}, entries, {}, ZoneInfo("America/New_York"))

    def one_by_one(value: object, tz: object) -> None:
        raise AssertionError(f"{value} was read one by one")

    monkeypatch.setattr(day_counts, "exact_day", one_by_one)
    assert compute_stats({"a": 24}, entries, {}, ZoneInfo("America/New_York")) == expected
