"""Status follows progress the way Trackma does, unless the user set it by hand."""

from __future__ import annotations

from datetime import datetime

from msgspec.structs import replace

from watchlist.domain.dates import Logged, PartialDate
from watchlist.domain.errors import InvalidInput
from watchlist.domain.model import Entry, PausedPass, Show, Status
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
    """ "3/13, watching", or "rewatch 3/13" for a rewatch's own pass: how far you are, as
    every screen and command says it."""
    count = progress_count(entry.progress, show.episodes)
    if entry.rewatching:
        return f"rewatch {count}"
    return f"{count}, {entry.status.value}"


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
    recent = list(entry.recent)
    for number in episodes:
        if number not in watched:
            watched[number] = when if when is not None else now
            recent.append(number)
    day = when if isinstance(when, PartialDate) else None
    return _settle(show, entry, watched, now, recent=recent, day=day)


def redate(show: Show, entry: Entry, number: int, when: PartialDate, now: datetime) -> Entry:
    """Move a watched episode to the day it was really watched (a start date after it
    moves back with it)."""
    check_episode(show, number)
    if number not in entry.watched:
        raise InvalidInput(f"episode {number} of {show.title} is not marked watched")
    watched = {**entry.watched, number: when}
    return _settle(show, entry, watched, now, recent=list(entry.recent), day=when)


def unmark(show: Show, entry: Entry, episodes: list[int], now: datetime) -> Entry:
    """Remove `episodes` from the current pass; each must be watched."""
    for number in episodes:
        check_episode(show, number)
        if number not in entry.watched:
            raise InvalidInput(f"episode {number} of {show.title} is not marked watched")
    dropped = set(episodes)
    if len(dropped) != len(episodes):
        raise InvalidInput("an episode is given more than once")
    watched = {n: at for n, at in entry.watched.items() if n not in dropped}
    recent = [n for n in entry.recent if n not in dropped]
    return _settle(show, entry, watched, now, recent=recent)


def _settle(
    show: Show,
    entry: Entry,
    watched: dict[int, Logged],
    now: datetime,
    *,
    recent: list[int],
    day: PartialDate | None = None,
) -> Entry:
    """Apply the status rules after progress changed; `day` is the day a backdated
    watch happened, which the start and finish dates follow."""
    today = day or PartialDate.of(now.date())
    status, by_hand = entry.status, entry.status_by_hand
    started, finished, rewatches = entry.started, entry.finished, entry.rewatch_count
    earlier, paused = entry.earlier, entry.paused
    complete = show.episodes is not None and len(watched) >= show.episodes
    if watched and started is None:
        started = today
    elif day is not None and started is not None and day.surely_before(started):
        started = day  # a watch backdated before the start moves the start back
    if status is Status.REWATCHING and complete:
        # Finishing a rewatch counts it and hands the status back to the rules; the
        # pass it set aside stays in the diary.
        if paused is not None:
            earlier = (*earlier, *paused.watched.items())
        status, by_hand, rewatches, paused = Status.COMPLETED, False, rewatches + 1, None
        finished = finished or today
    elif not by_hand:
        status = automatic_status(len(watched), show.episodes)
        finished = (finished or today) if status is Status.COMPLETED else None
        if not watched and not earlier and paused is None:
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
        paused=paused,
        recent=_bounded(recent),
        updated_at=now,
    )


MAX_RECENT = 64
"""Marks remembered in order per show: `-` pressed more often than this falls back to
the highest episode."""


def _bounded(recent: list[int]) -> tuple[int, ...]:
    return tuple(recent[-MAX_RECENT:])


def start_rewatch(entry: Entry, now: datetime) -> Entry:
    """A new pass from episode 1; the pass so far is set aside, still in the diary."""
    if entry.rewatching:
        return entry
    paused = PausedPass(dict(entry.watched), entry.status, entry.status_by_hand, entry.finished)
    return replace(
        entry,
        status=Status.REWATCHING,
        status_by_hand=True,
        paused=paused,
        watched={},
        recent=(),
        updated_at=now,
    )


def stop_rewatch(show: Show, entry: Entry, now: datetime) -> Entry:
    """A rewatch left before its last episode: the show is back where it stood when the
    rewatch began, and the episodes of the stopped pass stay in the diary."""
    if not entry.rewatching:
        return entry
    paused = entry.paused
    if paused is None:  # a rewatch recorded before passes were set aside: keep its episodes
        return replace(
            entry,
            status=automatic_status(entry.progress, show.episodes),
            status_by_hand=False,
            updated_at=now,
        )
    return replace(
        entry,
        status=paused.status,
        status_by_hand=paused.status_by_hand,
        finished=paused.finished,
        watched=dict(paused.watched),
        earlier=(*entry.earlier, *entry.watched.items()),
        paused=None,
        recent=(),
        updated_at=now,
    )


def set_status(show: Show, entry: Entry, status: Status, now: datetime) -> Entry:
    """A status chosen by hand. Rewatching starts a new pass, and any other status ends
    one early (the show goes back to where it stood, then takes the status chosen);
    completed fills the dates."""
    if status is Status.REWATCHING:
        return start_rewatch(entry, now)
    if entry.rewatching:
        entry = stop_rewatch(show, entry, now)
        if entry.status is status:
            return entry
    today = PartialDate.of(now.date())
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


def follow_progress(show: Show, entry: Entry, now: datetime) -> Entry:
    """`status auto`: progress decides the status again (a rewatch stops first)."""
    entry = stop_rewatch(show, entry, now)
    return replace(
        entry,
        status=automatic_status(entry.progress, show.episodes),
        status_by_hand=False,
        updated_at=now,
    )


CHECKPOINTS = (1, 3)
"""Episodes after which a verdict is offered, besides the last one."""


def checkpoint(show: Show, added: list[int], judged: set[int]) -> int | None:
    """The checkpoint these newly marked episodes reach (episode 1, 3 or the last; the
    latest of them when several), unless you already gave a verdict at it (`judged`)."""
    points = {*CHECKPOINTS, *([show.episodes] if show.episodes else [])}
    reached = [n for n in added if n in points and n not in judged]
    return max(reached) if reached else None
