"""Status follows progress the way Trackma does, unless the user set it by hand."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from watchlist.domain.dates import Logged, PartialDate
from watchlist.domain.errors import InvalidInput
from watchlist.domain.model import Entry, Show, Status
from watchlist.domain.numbers import check_range
from watchlist.domain.text import quoted


def parse_status(text: str, *, also: tuple[str, ...] = ()) -> Status:
    """A status as typed; `also` names extra words the caller handles itself,
    listed among the choices when the text is none of them."""
    try:
        return Status(text.strip().lower())
    except ValueError:
        choices = ", ".join([s.value for s in Status] + list(also))
        raise InvalidInput(f"unknown status {quoted(text)}: choose {choices}") from None


def automatic_status(progress: int, episodes: int | None) -> Status:
    """The status progress alone implies."""
    if progress == 0:
        return Status.PLAN_TO_WATCH
    if episodes is not None and progress >= episodes:
        return Status.COMPLETED
    return Status.WATCHING


def progress_count(progress: int, episodes: int | None) -> str:
    """ "3/13", or "3/?" while the episode count is unknown."""
    return f"{progress}/{episodes if episodes is not None else '?'}"


def progress_phrase(show: Show, entry: Entry) -> str:
    """ "3/13, watching": how far you are, as every screen and command says it."""
    return f"{progress_count(entry.progress, show.episodes)}, {entry.status.value}"


def check_episode(show: Show, number: int) -> None:
    high = show.episodes
    check_range(number, what="episode", low=1, high=high, of=show.title)


def next_episode(show: Show, entry: Entry) -> int | None:
    """The lowest episode not yet watched in this run, or None when all are."""
    number = 1
    while number in entry.watched:
        number += 1
    if show.episodes is not None and number > show.episodes:
        return None
    return number


def mark(
    show: Show, entry: Entry, episodes: list[int], now: datetime, *, when: Logged = None
) -> Entry:
    """Log `episodes` as watched at `now`, or on the day `when` when backdated; episodes
    already logged keep their moment."""
    for number in episodes:
        check_episode(show, number)
    if len(set(episodes)) != len(episodes):
        repeated = sorted({n for n in episodes if episodes.count(n) > 1})
        raise InvalidInput(f"episode {repeated[0]} is given more than once")
    watched = dict(entry.watched)
    for number in episodes:
        if number not in watched:
            watched[number] = when if when is not None else now
    return _settle(show, entry, watched, now, day=when if isinstance(when, PartialDate) else None)


def unmark(show: Show, entry: Entry, episodes: list[int], now: datetime) -> Entry:
    """Remove `episodes` from the current run; each must be watched."""
    for number in episodes:
        check_episode(show, number)
        if number not in entry.watched:
            raise InvalidInput(f"episode {number} of {show.title} is not marked watched")
    dropped = set(episodes)
    if len(dropped) != len(episodes):
        raise InvalidInput("an episode is given more than once")
    watched = {n: at for n, at in entry.watched.items() if n not in dropped}
    return _settle(show, entry, watched, now)


def _settle(
    show: Show,
    entry: Entry,
    watched: dict[int, Logged],
    now: datetime,
    *,
    day: PartialDate | None = None,
) -> Entry:
    """Apply the status rules after progress changed; `day` is the day a backdated
    watch happened, which the start and finish dates follow."""
    today = day or PartialDate.of(now.date())
    status, by_hand = entry.status, entry.status_by_hand
    started, finished, rewatches = entry.started, entry.finished, entry.rewatch_count
    earlier = entry.earlier
    complete = show.episodes is not None and len(watched) >= show.episodes
    if watched and started is None:
        started = today
    if status is Status.REWATCHING and complete:
        # Finishing a rewatch counts it and hands the status back to the rules.
        status, by_hand, rewatches, finished = Status.COMPLETED, False, rewatches + 1, today
    elif not by_hand:
        status = automatic_status(len(watched), show.episodes)
        finished = (finished or today) if status is Status.COMPLETED else None
        if not watched and not earlier:
            started = None
    return replace(
        entry,
        watched=dict(sorted(watched.items())),
        status=status,
        status_by_hand=by_hand,
        started=started,
        finished=finished,
        rewatch_count=rewatches,
        earlier=earlier,
        updated_at=now,
    )


def set_status(show: Show, entry: Entry, status: Status, now: datetime) -> Entry:
    """A status chosen by hand. Rewatching starts a new run; completed fills the dates."""
    today = PartialDate.of(now.date())
    if status is Status.REWATCHING:
        if entry.status is Status.REWATCHING:
            return entry
        return replace(
            entry,
            status=status,
            status_by_hand=True,
            earlier=tuple(entry.diary()),
            watched={},
            updated_at=now,
        )
    finished = entry.finished
    started = entry.started
    if status is Status.COMPLETED:
        finished = finished or today
        started = started or today
    return replace(
        entry,
        status=status,
        status_by_hand=True,
        finished=finished,
        started=started,
        updated_at=now,
    )
