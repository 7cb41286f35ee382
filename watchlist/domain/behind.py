"""How far behind you are: for each show you are watching, the episodes aired by a day
minus the ones you have watched, and the next one to watch with its air date."""

from __future__ import annotations

from datetime import date, datetime

from msgspec import Struct

from watchlist.domain.model import Entry, Episode, Show, Status
from watchlist.domain.progress import next_episode
from watchlist.domain.schedule import episodes, has_aired, running_until

FOLLOWED = (Status.WATCHING, Status.REWATCHING)


class Behind(Struct, frozen=True):
    show: Show
    entry: Entry
    aired: int
    """Episodes aired by the day."""
    aired_estimated: bool
    """The count rests on at least one estimated date."""
    behind: int
    """Aired episodes not watched yet."""
    next: Episode | None
    """The next episode to watch, None when every episode is watched."""

    @property
    def next_aired(self) -> bool | None:
        """Whether the next episode is out by the day (None: its date is unknown)."""
        if self.next is None or self.next.airs is None:
            return None
        return self.next.number <= self.aired


def behind(show: Show, entry: Entry, day: date, now: datetime | None = None) -> Behind:
    """As of `day`; with `now` (a moment on that day), an episode whose broadcast time is
    known counts once that moment has passed, not from the start of its day."""
    listed = running_until(show, day)
    aired = [e for e in listed if has_aired(e, day, now)]
    missing = [e for e in aired if e.number not in entry.watched]
    number = next_episode(show, entry)
    following = None
    if number is not None:
        following = next((e for e in listed if e.number == number), None)
        if following is None:  # the count is unknown and the schedule ends: no date
            following = Episode(number, None, None)
    return Behind(
        show=show,
        entry=entry,
        aired=len(aired),
        aired_estimated=any(e.estimated for e in aired),
        behind=len(missing),
        next=following,
    )


def watch_next_order(item: Behind) -> tuple[int, date, str]:
    """What to watch next first: shows with aired episodes waiting, the longest waiting
    first; then the ones you are caught up on, the soonest next episode first; shows whose
    next date is unknown last."""
    airs = item.next.airs if item.next is not None else None
    group = 0 if item.behind else (1 if airs is not None else 2)
    return (group, airs or date.max, item.show.title.casefold())


def last_air_date(shows: list[Show]) -> date | None:
    days = [e.airs for show in shows for e in episodes(show) if e.airs is not None]
    return max(days) if days else None
