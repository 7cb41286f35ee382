"""A week of broadcasts, Monday to Sunday in the viewer's own time zone: each episode that
airs in it, by day and time, marked watched, behind or upcoming for the shows on your
list."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date, datetime, time, timedelta, tzinfo
from enum import StrEnum

from msgspec import Struct

from watchlist.domain.model import Entry, Episode, Show
from watchlist.domain.schedule import has_aired, run_end, running_until
from watchlist.domain.show_facts import ESTIMATED_MARK


class Mark(StrEnum):
    WATCHED = "watched"
    BEHIND = "behind"
    """Aired, on your list, not watched yet."""
    UPCOMING = "upcoming"
    AIRED = "aired"
    """Aired, of a show not on your list (with --all)."""


MARK_STYLE = {Mark.WATCHED: "green", Mark.BEHIND: "bold", Mark.UPCOMING: "", Mark.AIRED: "dim"}
"""How each mark is printed, in `watchlist schedule` and on the Schedule screen alike."""


class Airing(Struct, frozen=True):
    show: Show
    episode: Episode
    day: date
    """The day it airs in the viewer's zone (its Japanese day where no time is known)."""
    at: datetime | None
    """The moment in the viewer's zone, where the broadcast time is known."""
    mark: Mark

    @property
    def watched(self) -> bool:
        return self.mark is Mark.WATCHED

    @property
    def time_text(self) -> str:
        """ "16:30", "~16:30" for an estimate, "--:--" where the time is not known."""
        if self.at is None:
            return "--:--"
        return (ESTIMATED_MARK if self.episode.estimated else "") + self.at.strftime("%H:%M")


class Week(Struct, frozen=True):
    starts: date
    """Its Monday."""
    airings: list[Airing]

    @property
    def ends(self) -> date:
        return self.starts + timedelta(days=6)

    def days(self) -> list[tuple[date, list[Airing]]]:
        """Each day of the week that has airings, in order, with them."""
        by_day: dict[date, list[Airing]] = {}
        for airing in self.airings:
            by_day.setdefault(airing.day, []).append(airing)
        return sorted(by_day.items())


def monday_of(day: date) -> date:
    return day - timedelta(days=day.weekday())


def could_air_in(show: Show, first: date, last: date) -> bool:
    """Cheaply, whether any episode of `show` can fall between `first` and `last`: what
    lets a week of 5,000 shows look closely at only the few airing then."""
    if show.premiere is None and not show.run_start:
        return False
    if show.premiere is not None and show.premiere > last + timedelta(days=1):
        return False
    end = run_end(show, room_weeks=4)  # estimated: room for a break or two
    return end is None or end >= first - timedelta(days=1)


def week_of(
    shows: Iterable[Show],
    entry_of: Callable[[str], Entry | None],
    monday: date,
    now: datetime,
    tz: tzinfo | None,
) -> Week:
    """The airings of `shows` in the week from `monday`, in order of day and time (those
    with no known time first on their day, by title). `entry_of` gives your entry on a
    show (None when it is not on your list); it is asked only about shows airing then."""
    sunday = monday + timedelta(days=6)
    today = now.astimezone(tz).date()
    airings = []
    for show in shows:
        if not could_air_in(show, monday, sunday):
            continue
        entry = entry_of(show.slug)
        for episode in running_until(show, sunday + timedelta(days=1)):
            if episode.airs is None:
                continue
            local = episode.at.astimezone(tz) if episode.at is not None else None
            day = local.date() if local is not None else episode.airs
            if not monday <= day <= sunday:
                continue
            mark = _mark(episode, entry, today, now)
            airings.append(Airing(show, episode, day, local, mark))
    airings.sort(key=_order)
    return Week(monday, airings)


def _mark(episode: Episode, entry: Entry | None, today: date, now: datetime) -> Mark:
    if entry is not None and episode.number in entry.watched:
        return Mark.WATCHED
    if not has_aired(episode, today, now):
        return Mark.UPCOMING
    return Mark.BEHIND if entry is not None else Mark.AIRED


def _order(airing: Airing) -> tuple[date, time, str, int]:
    at = airing.at.time() if airing.at is not None else time.min
    return (airing.day, at, airing.show.title.casefold(), airing.episode.number)
