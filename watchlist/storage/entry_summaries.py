"""Projections of stored entries and verdicts for what lists them (the MAL export, the
list command over 20,000 shows): an entry's status, counts, dates and words, and a show's
current verdict, read from documents without building entries or verdicts (no logged
moment is parsed). A record converted already, or a document holding anything this does
not read as converting would, is summarised from the converted record."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import datetime
from typing import Any

from msgspec import Struct

from watchlist.domain.dates import PartialDate
from watchlist.domain.model import Entry, Status, Verdict
from watchlist.domain.scoring import Stance, score_for_stance, stance_for_score
from watchlist.storage.diary_docs import episodes_as_written
from watchlist.storage.moment_texts import NUMBERS
from watchlist.storage.plain_docs import PLAIN_ENTRY, STATUSES
from watchlist.storage.projections import projected
from watchlist.storage.tables import Table, Timelines


class EntrySummary(Struct, frozen=True):
    """What a listing reads of an entry: its fields, and its passes as counts."""

    status: Status
    progress: int
    """Episodes watched in the current pass."""
    watched: tuple[int, ...]
    """Those episodes by number, in order."""
    paused: tuple[int, Status] | None
    """The set-aside pass of a rewatch: its episodes watched and its status."""
    started: PartialDate | None
    finished: PartialDate | None
    comments: str
    rewatch_count: int
    tags: tuple[str, ...]


def summary_of(entry: Entry) -> EntrySummary:
    paused = entry.paused
    return EntrySummary(
        status=entry.status,
        progress=entry.progress,
        watched=tuple(sorted(entry.watched)),
        paused=(len(paused.watched), paused.status) if paused is not None else None,
        started=entry.started,
        finished=entry.finished,
        comments=entry.comments,
        rewatch_count=entry.rewatch_count,
        tags=entry.tags,
    )


class _Off(Exception):
    """A field is not what converting reads: the converted entry says it."""


_dates: dict[str, PartialDate] = {}


def _date(value: Any) -> PartialDate | None:
    """A stored started or finished date as converting reads it (_Off when it is off)."""
    if value is None:
        return None
    if type(value) is not str:
        raise _Off
    known = _dates.get(value)
    if known is None:
        try:
            known = _dates[value] = PartialDate.parse(value)
        except ValueError:
            raise _Off from None
    return known


def stored_summary(doc: dict[str, Any]) -> EntrySummary | None:
    """An entry's summary from its stored document; None when anything it reads is off
    (or the entry has a set-aside pass: the converted entry says it)."""
    if not doc.keys() <= PLAIN_ENTRY or doc.get("paused") is not None:
        return None
    status = STATUSES.get(doc.get("status"))  # type: ignore[arg-type]
    watched = doc.get("watched") or {}
    if status is None or type(watched) is not dict:
        return None
    keys = list(watched)
    if not episodes_as_written(keys):
        return None
    try:
        started, finished = _date(doc.get("started")), _date(doc.get("finished"))
    except _Off:
        return None
    comments, count, tags = doc.get("comments"), doc.get("rewatch_count"), doc.get("tags")
    if comments is not None and type(comments) is not str:
        return None
    if count is not None and type(count) is not int:
        return None
    if tags is not None and (type(tags) is not list or not set(map(type, tags)) <= {str}):
        return None
    return EntrySummary(
        status=status,
        progress=len(keys),
        watched=_numbers(keys),
        paused=None,
        started=started,
        finished=finished,
        comments=comments or "",
        rewatch_count=count or 0,
        tags=tuple(tags or ()),
    )


def _numbers(keys: list[str]) -> tuple[int, ...]:
    if keys == NUMBERS[: len(keys)]:
        return tuple(range(1, len(keys) + 1))
    return tuple(sorted(map(int, keys)))


def entry_summaries(
    entries: Table[Entry], wanted: Iterable[str] | None = None
) -> Iterator[tuple[str, EntrySummary]]:
    """Every readable entry's summary (or those of `wanted` shows), by show (a damaged
    one left out, as converting leaves it)."""
    return projected(entries, stored_summary, summary_of, wanted)


class Current(Struct, frozen=True):
    """A show's current (latest) verdict, as a listing reads it."""

    score: int
    """Its effective score, 0-100."""
    stance: Stance | None
    """Its own stance (None: read from the score)."""
    notes: str

    @property
    def effective_score(self) -> int:
        return self.score

    @property
    def effective_stance(self) -> Stance:
        return self.stance if self.stance is not None else stance_for_score(self.score)


def current_of(verdict: Verdict) -> Current:
    return Current(verdict.effective_score, verdict.stance, verdict.notes)


_STANCES = {stance.value: stance for stance in Stance}
_UTC_LENGTH = 25


def _stored_current(history: list[Any]) -> Current | None:
    """The latest of a show's stored verdicts, when every one is a plain document given
    at a moment in UTC (which sorts as text); None otherwise."""
    latest: dict[str, Any] | None = None
    latest_at = ""
    for doc in history:
        if type(doc) is not dict:
            return None
        at = doc.get("given_at")
        if type(at) is not str or len(at) != _UTC_LENGTH or not at.endswith("+00:00"):
            return None
        try:
            written = datetime.fromisoformat(at).isoformat()
        except ValueError:
            return None
        if written != at:
            return None
        if latest is None or at >= latest_at:  # the later of equal moments: sorting is stable
            latest, latest_at = doc, at
    if latest is None:
        return None
    score, stance_text, notes = latest.get("score"), latest.get("stance"), latest.get("notes")
    stance = None if stance_text is None else _STANCES.get(stance_text)
    if (stance_text is not None and stance is None) or (
        notes is not None and type(notes) is not str
    ):
        return None
    if score is None:
        if stance is None:
            return None
        score = score_for_stance(stance)
    elif type(score) is not int or not 0 <= score <= 100:
        return None
    return Current(score, stance, notes or "")


def current_verdicts(
    timelines: Timelines[Verdict], wanted: Iterable[str] | None = None
) -> dict[str, Current]:
    """Each show's current verdict (or each of `wanted` shows'; shows with none left
    out), read from the stored verdicts where they are plain, else from the converted
    ones."""
    found = {}
    items = timelines.raw_items() if wanted is None else timelines.raw_items_of(wanted)
    for show, history in items:
        if not history:
            continue
        current = _stored_current(history)
        if current is None:
            verdicts = timelines.get(show) or []
            if not verdicts:
                continue
            current = current_of(verdicts[-1])
        found[show] = current
    return found
