"""When a show goes out in Japan: a broadcast slot as a moment with its offset and how often
it repeats, written as an ISO 8601 repeating interval (`R/2024-01-11T01:25:00+09:00/P7D`),
the way bangumi-data gives it."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta, timezone

from msgspec import Struct

JAPAN = timezone(timedelta(hours=9), "JST")
"""Japan's time: no daylight saving, so a fixed offset is its zone."""
LATE_NIGHT_UNTIL = 5
"""Broadcasts before 05:00 Japan time belong to the evening before, as Japanese listings
write them (a Wednesday 25:25 slot is Thursday 01:25)."""
_PERIOD = re.compile(r"P(?:(\d{1,3})W|(\d{1,3})D)\Z")


class Broadcast(Struct, frozen=True):
    start: datetime
    """The slot's first broadcast, with its offset (Japan's, as stored)."""
    every_days: int | None = 7
    """Days between broadcasts: 7 for weekly; None when it does not repeat (or the
    dataset's period is not in days, such as P1M)."""

    @property
    def text(self) -> str:
        """ "R/2024-01-11T01:25:00+09:00/P7D", or the moment alone when it does not repeat."""
        moment = self.start.isoformat(timespec="minutes")
        return f"R/{moment}/P{self.every_days}D" if self.every_days else moment

    @classmethod
    def parse(cls, text: str) -> Broadcast:
        """From `text`, or ValueError. A moment without an offset is UTC, as the dataset
        writes; a period of zero days, or in months, repeats nothing known."""
        parts = text.strip().split("/")
        if len(parts) == 3 and parts[0].startswith("R"):
            moment, period = parts[1], parts[2]
        elif len(parts) == 1:
            moment, period = parts[0], ""
        else:
            raise ValueError(f"not a broadcast: {text[:40]!r}")
        start = datetime.fromisoformat(moment.replace("Z", "+00:00"))
        if start.tzinfo is None:
            start = start.replace(tzinfo=UTC)
        found = _PERIOD.match(period)
        days = None
        if found:
            days = int(found.group(1)) * 7 if found.group(1) else int(found.group(2))
        return cls(start.astimezone(JAPAN), days or None)

    def on(self, day: date) -> datetime | None:
        """The slot's broadcast listed under `day` in Japan (or the day next to it, where
        a source dates a late-night slot by the calendar), None when none falls there."""
        first = listed_day(self.start)
        if self.every_days:
            steps = round((day - first).days / self.every_days)
            if steps < 0:
                return None  # before the slot began: its time says nothing then
            moment = self.start + timedelta(days=steps * self.every_days)
        else:
            moment = self.start
        return moment if same_broadcast(listed_day(moment), day) else None


def listed_day(moment: datetime) -> date:
    """The date a broadcast is listed under in Japan, late-night slots on the evening before."""
    local = moment.astimezone(JAPAN)
    if local.hour < LATE_NIGHT_UNTIL:
        local -= timedelta(days=1)
    return local.date()


def same_broadcast(a: date, b: date) -> bool:
    """Two dates for one late-night broadcast: sources put it on either calendar day."""
    return abs((a - b).days) <= 1
