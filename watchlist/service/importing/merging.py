"""What an imported list entry does to the user's entry for that show.

A new show on your list takes the file's values. A show already on it merges:
the file wins where it is ahead (more episodes, a later finish, a status further
along, a score where there was none); your episode ratings, episode notes and
history are never lost. With `overwrite` (or an entry that asks for it) the
file wins on every field it carries.

History stays honest: lists keep no per-episode dates, so imported episodes
carry none, except that the first carries the start date and the last the
finish date, as precisely as the file gave them.
"""

from __future__ import annotations

from datetime import datetime

from msgspec import Struct
from msgspec.structs import replace

from watchlist.domain.dates import Logged
from watchlist.domain.model import Entry, Show, Status, Verdict
from watchlist.domain.progress import (
    automatic_status,
    progress_count,
    start_rewatch,
    stop_rewatch,
)
from watchlist.domain.scoring import ScoreFormat, show_score
from watchlist.interop.list_entries import STATUS_RANK, ListEntry
from watchlist.service.ids import new_id


class Outcome(Struct, frozen=True):
    entry: Entry
    verdict: Verdict | None
    """A new verdict from the file's score, when one is due."""
    changes: list[str]
    """What changed, as "progress 3/12 → 12/12"; empty when nothing did."""


def _moments(item: ListEntry, numbers: range) -> dict[int, Logged]:
    """Episode numbers with the only dates a list gives: the first carries the start,
    the last the finish (or the start, for a one-episode run)."""
    moments: dict[int, Logged] = dict.fromkeys(numbers)
    if not numbers:
        return moments
    if item.started is not None:
        moments[numbers[0]] = item.started
    if item.finished is not None and (len(numbers) > 1 or item.started is None):
        moments[numbers[-1]] = item.finished
    return moments


def _status(item: ListEntry, progress: int, show: Show) -> tuple[Status, bool]:
    status = item.status
    return status, status is Status.REWATCHING or status is not automatic_status(
        progress, show.episodes
    )


def outcome(
    item: ListEntry,
    show: Show,
    mine: Entry | None,
    history: list[Verdict],
    *,
    overwrite: bool,
    now: datetime,
    fmt: ScoreFormat,
    described: bool = True,
) -> Outcome:
    """What `item` does to your entry for `show` (`mine`); with `described` false, a new
    entry's changes are not put in words (an import lists only its first few)."""
    overwrite = overwrite or item.take_file
    # A rewatch in the file is two passes: the first (where the show stood before it)
    # merges like any entry, and the rewatch's own episodes go on top.
    rewatch = item.rewatch_progress if item.status is Status.REWATCHING else None
    first = item if rewatch is None else replace(item, status=item.rewatched_from)
    if mine is None:
        entry = _new(first, show, now)
    elif overwrite:
        entry = _overwritten(first, show, stop_rewatch(show, mine, now), now)
    elif mine.rewatching:
        # Your rewatch stands; the file only adds what it knows beyond it.
        entry = replace(
            mine,
            rewatch_count=max(mine.rewatch_count, item.rewatch_count),
            comments=mine.comments or item.comments,
            tags=_tags(mine.tags, item.tags),
            updated_at=now,
        )
    else:
        entry = _merged(first, show, mine, now)
    if rewatch is not None:
        entry = _rewatching(entry, rewatch, now)
    verdict = _verdict(item, show, history, overwrite=overwrite, now=now)
    described = described or mine is not None  # an existing entry's are what tells
    changes = describe(show, mine, entry, history, verdict, fmt) if described else []
    if mine is not None and not changes:
        entry = mine
    return Outcome(entry, verdict, changes)


def _rewatching(entry: Entry, progress: int, now: datetime) -> Entry:
    """`entry` in a rewatch `progress` episodes in (undated: lists keep no dates)."""
    if not entry.rewatching:
        entry = start_rewatch(entry, now)
    watched = dict(entry.watched)
    for number in range(1, progress + 1):
        watched.setdefault(number, None)
    return replace(entry, watched=dict(sorted(watched.items())))


def _new(item: ListEntry, show: Show, now: datetime) -> Entry:
    status, by_hand = _status(item, item.watched, show)
    return Entry(
        show=show.slug,
        status=status,
        status_by_hand=by_hand,
        watched=_moments(item, range(1, item.watched + 1)),
        comments=item.comments,
        started=item.started,
        finished=item.finished,
        rewatch_count=item.rewatch_count,
        updated_at=now,
        tags=item.tags,
    )


def _overwritten(item: ListEntry, show: Show, mine: Entry, now: datetime) -> Entry:
    given = _moments(item, range(1, item.watched + 1))
    watched = {n: mine.watched.get(n, given[n]) for n in given}
    # The file's progress wins, but your history never goes: episodes you logged beyond
    # it stay in the diary.
    beyond = tuple((n, at) for n, at in mine.watched.items() if n not in watched)
    status, by_hand = _status(item, len(watched), show)
    return replace(
        mine,
        status=status,
        status_by_hand=by_hand,
        watched=watched,
        earlier=(*mine.earlier, *beyond),
        recent=tuple(n for n in mine.recent if n in watched),
        comments=item.comments or mine.comments,
        tags=item.tags or mine.tags,
        started=item.started or mine.started,
        finished=item.finished or mine.finished,
        rewatch_count=item.rewatch_count,
        updated_at=now,
    )


def _merged(item: ListEntry, show: Show, mine: Entry, now: datetime) -> Entry:
    watched = dict(mine.watched)
    if item.watched > mine.progress:
        given = _moments(item, range(1, item.watched + 1))
        for number, moment in given.items():
            watched.setdefault(number, moment)
    status, by_hand = mine.status, mine.status_by_hand
    if STATUS_RANK[item.status] > STATUS_RANK[mine.status]:
        status, by_hand = _status(item, len(watched), show)
    elif not by_hand:
        status = automatic_status(len(watched), show.episodes)
    finished = mine.finished
    if item.finished is not None and (finished is None or item.finished > finished):
        finished = item.finished
    return replace(
        mine,
        status=status,
        status_by_hand=by_hand,
        watched=dict(sorted(watched.items())),
        comments=mine.comments or item.comments,
        tags=_tags(mine.tags, item.tags),
        started=mine.started or item.started,
        finished=finished,
        rewatch_count=max(mine.rewatch_count, item.rewatch_count),
        updated_at=now,
    )


def _verdict(
    item: ListEntry, show: Show, history: list[Verdict], *, overwrite: bool, now: datetime
) -> Verdict | None:
    if item.score is None:
        return None
    current = history[-1] if history else None
    if current is not None and (not overwrite or current.effective_score == item.score):
        return None  # a score where there was none; with overwrite, a different one
    given = now if current is None else max(now, current.given_at)
    return Verdict(
        id=new_id(), show=show.slug, given_at=given, score=item.score, episode=item.watched
    )


def describe(
    show: Show,
    before: Entry | None,
    after: Entry,
    history: list[Verdict],
    verdict: Verdict | None,
    fmt: ScoreFormat,
) -> list[str]:
    """ "progress 3/12 → 12/12", "status watching → completed", "score none → 8"."""
    old = before or Entry(show.slug)
    changes = []
    if sorted(old.watched) != sorted(after.watched):
        changes.append(
            f"progress {progress_count(old.progress, show.episodes)} → "
            f"{progress_count(after.progress, show.episodes)}"
        )
    if old.status is not after.status:
        changes.append(f"status {old.status.value} → {after.status.value}")
    for label, was, now in (
        ("started", old.started, after.started),
        ("finished", old.finished, after.finished),
    ):
        if was != now:
            changes.append(f"{label} {was or 'none'} → {now or 'none'}")
    if old.rewatch_count != after.rewatch_count:
        changes.append(f"rewatched {old.rewatch_count} → {after.rewatch_count} times")
    if old.comments != after.comments:
        changes.append("comments added" if not old.comments else "comments replaced")
    if old.tags != after.tags:
        changes.append(f"tags {', '.join(old.tags) or 'none'} → {', '.join(after.tags)}")
    if verdict is not None:
        was_score = history[-1].effective_score if history else None
        changes.append(
            f"score {show_score(was_score, fmt) if was_score is not None else 'none'} → "
            f"{show_score(verdict.effective_score, fmt)}"
        )
    return changes


def _tags(mine: tuple[str, ...], given: tuple[str, ...]) -> tuple[str, ...]:
    """Your tags, then the file's that you do not have (case aside)."""
    have = {t.casefold() for t in mine}
    return (*mine, *(t for t in given if t.casefold() not in have))
