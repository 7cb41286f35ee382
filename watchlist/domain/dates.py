"""Dates known only as precisely as someone wrote them, and when an episode was logged.

A list exported by another tracker may say a show was started in "2024-05" or
just "2024"; an imported episode may carry no moment at all. Both are kept as
given: nothing is made more precise than its source.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, tzinfo
from functools import total_ordering

from msgspec import Struct

from watchlist.domain.errors import InvalidInput
from watchlist.domain.text import quoted

_PARTIAL = re.compile(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?\Z")
_MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


@total_ordering
class PartialDate(Struct, frozen=True):
    """A calendar date that may lack its day, or its month and day."""

    year: int
    month: int | None = None
    day: int | None = None

    def __post_init__(self) -> None:
        if self.day is not None and self.month is None:
            raise ValueError("a day needs a month")
        date(self.year, self.month or 1, self.day or 1)  # refuses 2024-02-30 and month 13

    @classmethod
    def of(cls, day: date) -> PartialDate:
        return cls(day.year, day.month, day.day)

    @classmethod
    def parse(cls, text: str) -> PartialDate:
        """`2024-05-01`, `2024-05` or `2024`; ValueError otherwise."""
        match = _PARTIAL.match(text.strip())
        if not match:
            raise ValueError(f"not a date like 2024-05-01, 2024-05 or 2024: {text!r}")
        year, month, day = (int(part) if part else None for part in match.groups())
        assert year is not None
        return cls(year, month, day)

    @property
    def complete(self) -> bool:
        return self.day is not None

    def as_date(self) -> date:
        """The earliest day it can be (for ordering and for week counts)."""
        return date(self.year, self.month or 1, self.day or 1)

    def latest(self) -> date:
        """The last day it can be: "2024-01" may be any day up to January 31."""
        if self.day is not None:
            return self.as_date()
        if self.month is None:
            return date(self.year, 12, 31)
        following = date(self.year + self.month // 12, self.month % 12 + 1, 1)
        return date.fromordinal(following.toordinal() - 1)

    def surely_before(self, other: PartialDate) -> bool:
        """Whether every day this can be comes before every day `other` can be: "2024-01"
        is not surely before "2024-01-15", since it may be the 20th."""
        return self.latest() < other.as_date()

    def isoformat(self) -> str:
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"

    def spoken(self) -> str:
        """ "July 2023", "2023", or the full date: never more precise than known."""
        if self.month is None:
            return f"{self.year}"
        if self.day is None:
            return f"{_MONTHS[self.month - 1]} {self.year}"
        return self.isoformat()

    def _key(self) -> tuple[int, int, int]:
        return (self.year, self.month or 0, self.day or 0)

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, PartialDate):
            return NotImplemented
        return self._key() < other._key()

    def __str__(self) -> str:
        return self.isoformat()


Logged = datetime | PartialDate | None
"""When an episode was watched: a moment, a date known as precisely as its source
gave it, or None (an imported episode nobody dated)."""


def logged_key(value: Logged) -> tuple[int, datetime]:
    """Orders logged values: dated first, oldest first; undated last."""
    if value is None:
        return (1, datetime.max.replace(tzinfo=UTC))
    if isinstance(value, PartialDate):
        return (0, datetime.combine(value.as_date(), time(), tzinfo=UTC))
    return (0, value)


def logged_day(value: Logged, tz: tzinfo | None = None) -> date | None:
    """The calendar day an episode was watched, when that is known."""
    if value is None:
        return None
    if isinstance(value, PartialDate):
        return value.as_date() if value.complete else None
    return value.astimezone(tz).date()


def logged_text(value: Logged, tz: tzinfo | None = None) -> str:
    """How a logged value reads: "2024-01-11 21:00", "2024-01-11", "2024-01", or ""."""
    if value is None:
        return ""
    if isinstance(value, PartialDate):
        return value.isoformat()
    return value.astimezone(tz).strftime("%Y-%m-%d %H:%M")


def logged_iso(value: Logged) -> str | None:
    """The stored and JSON form: an ISO moment or (partial) date, or None."""
    return None if value is None else value.isoformat()


def parse_day(text: str, *, what: str, today: date) -> date:
    """A day as typed: 2024-01-20, today or yesterday."""
    raw = text.strip().lower()
    if raw == "today":
        return today
    if raw == "yesterday":
        return date.fromordinal(today.toordinal() - 1)
    try:
        return date.fromisoformat(raw)
    except ValueError:
        raise InvalidInput(
            f"{what} must be a date like 2024-01-20, 'today' or 'yesterday', not {quoted(text)}"
        ) from None
