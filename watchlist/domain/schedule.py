"""When each episode airs: known where a source gives the date, estimated weekly from the
premiere otherwise, and marked uncertain where a known finale shows the weekly count
cannot be right (a break, or two episodes on one day, somewhere in between). Where a
dataset gives the broadcast slot, each episode whose day falls on it gets its moment too:
the days come from the dates above, so the hand-checked ones still win."""

from __future__ import annotations

from contextlib import suppress
from datetime import date, datetime, timedelta
from itertools import pairwise

from watchlist.domain.broadcast import same_broadcast
from watchlist.domain.model import Episode, Show


def _anchors(show: Show, count: int, first: int) -> dict[int, date]:
    """Episodes whose dates are known: the premiere, given air dates, the finale."""
    known: dict[int, date] = {}
    if show.run_start and (first > 1 or show.premiere is None):
        # The entry began before this season: its run start is episode 1's date, when
        # it is known to the day.
        with suppress(ValueError):  # a month alone ("2023-07") dates no episode
            known[1] = date.fromisoformat(show.run_start)
    if show.premiere is not None:
        known[first] = show.premiere
    for number, airs in enumerate(show.air_dates, 1):
        if airs is not None:
            known[number] = airs
    if show.finale is not None:
        known[count] = show.finale
    return dict(sorted(known.items()))


def ends_before_start(show: Show) -> bool:
    """An impossible run: no show ends before it starts."""
    return show.premiere is not None and show.finale is not None and show.finale < show.premiere


def episodes(show: Show) -> list[Episode]:
    count = show.episodes or show.expected_episodes
    if not count:
        return []
    first = show.first_in_season or 1
    last_in_season = first + show.episodes_in_season - 1 if show.episodes_in_season else None
    known = _anchors(show, count, first)
    numbers = list(known)
    # Between two known dates, weekly counting must land on the later one (give or take
    # the day a late-night slot is listed under); where it does not, the schedule broke
    # or doubled up somewhere in between, and the dates there are uncertain.
    doubtful: set[int] = set()
    for a, b in pairwise(numbers):
        if not same_broadcast(known[a] + timedelta(weeks=b - a), known[b]):
            doubtful.update(range(a + 1, b))
    result = []
    for number in range(1, count + 1):
        airs: date | None = known.get(number)
        estimated = False
        if airs is None:
            before = [n for n in numbers if n < number]
            after = [n for n in numbers if n > number]
            if before:
                anchor = before[-1]
                airs = known[anchor] + timedelta(weeks=number - anchor)
                if after and airs > known[after[0]]:
                    airs = known[after[0]]  # never after an episode known to come later
                estimated = True
        if last_in_season is None:
            in_season = None if show.season else False
        else:
            in_season = first <= number <= last_in_season
        at = show.broadcast.on(airs) if show.broadcast and airs else None
        result.append(Episode(number, airs, in_season, estimated, number in doubtful, at))
    return result


def has_aired(episode: Episode, day: date, now: datetime | None = None) -> bool:
    """Whether it is out: by its moment where that is known and `now` is given (a moment on
    `day`), else by its day."""
    if now is not None and episode.at is not None:
        return episode.at <= now
    return episode.airs is not None and episode.airs <= day


def run_end(show: Show, *, room_weeks: int = 0) -> date | None:
    """Roughly when the run ends: its finale where known, else weekly from the premiere
    over its episode count (and `room_weeks` more for breaks); None when neither is known.
    What a cheap look at thousands of shows rests on before reading their episodes."""
    if show.finale is not None:
        return show.finale
    count = show.episodes or show.expected_episodes
    if count and show.premiere is not None:
        return show.premiere + timedelta(weeks=count - (show.first_in_season or 1) + room_weeks)
    return None


def aired_by(show: Show, day: date) -> tuple[int, bool]:
    """How many episodes had aired by `day`, and whether that rests on estimated dates."""
    count, estimated = 0, False
    for episode in episodes(show):
        if has_aired(episode, day):
            count += 1
            estimated = estimated or episode.estimated
    return count, estimated


def running_until(show: Show, day: date) -> list[Episode]:
    """For a show still airing with no known episode count: the weekly episodes from its
    premiere up to `day`, and the one after, all estimated."""
    if show.episodes or show.expected_episodes or show.premiere is None:
        return episodes(show)
    first = show.first_in_season or 1
    weeks = max(0, (day - show.premiere).days // 7) if day >= show.premiere else -1
    listed = []
    for number in range(first, first + weeks + 2):
        airs = show.premiere + timedelta(weeks=number - first)
        at = show.broadcast.on(airs) if show.broadcast else None
        listed.append(Episode(number, airs, None, estimated=number != first, at=at))
    return listed
