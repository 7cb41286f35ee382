"""A show's entry as a whole: your note on it, when you started and finished it, and how
many times you have rewatched it."""

from __future__ import annotations

from typing import TypedDict

from msgspec import Struct
from msgspec.structs import replace

from watchlist.domain.dates import PartialDate
from watchlist.domain.errors import InvalidInput
from watchlist.domain.model import Entry, Show
from watchlist.domain.numbers import parse_whole
from watchlist.domain.text import MAX_NOTE_CHARS, clean_text, quoted
from watchlist.service.base import TrackerBase

MAX_REWATCHES = 1000


class DetailsInput(Struct, frozen=True):
    """As typed; None leaves a field alone, empty text clears it."""

    note: str | None = None
    started: str | None = None
    finished: str | None = None
    rewatches: str | None = None


class _EntryChanges(TypedDict, total=False):
    """The fields of an entry its details dialog may change."""

    comments: str
    started: PartialDate | None
    finished: PartialDate | None
    rewatch_count: int


class EntryJobs(TrackerBase):
    def check_details(self, query: str, typed: DetailsInput) -> Entry:
        """The entry as it would be saved; refuses what cannot be."""
        show = self.find(query)
        return self._detailed(show, self.entry(show.slug), typed)

    def set_details(self, query: str, typed: DetailsInput | None = None, **fields: str) -> Entry:
        details = typed or DetailsInput(**fields)
        show = self.find(query)
        with self._change() as (tx, lib):
            entry = lib.entries.get(show.slug) or Entry(show.slug)
            updated = self._detailed(lib.shows.get(show.slug, show), entry, details)
            if updated != entry:
                tx.put(updated)
                tx.journal(_details_label(show, entry, updated))
            return updated

    def set_note(self, query: str, text: str) -> Entry:
        """Your note on the show as a whole; empty clears it."""
        return self.set_details(query, DetailsInput(note=text))

    def _detailed(self, show: Show, entry: Entry, typed: DetailsInput) -> Entry:
        changes: _EntryChanges = {}
        if typed.note is not None:
            changes["comments"] = clean_text(
                typed.note, field="note", limit=MAX_NOTE_CHARS, multiline=True
            )
        if typed.started is not None:
            changes["started"] = _partial(typed.started, "started")
        if typed.finished is not None:
            changes["finished"] = _partial(typed.finished, "finished")
        if typed.rewatches is not None:
            changes["rewatch_count"] = (
                parse_whole(typed.rewatches, what="rewatches", low=0, high=MAX_REWATCHES)
                if typed.rewatches.strip()
                else 0
            )
        updated = replace(entry, **changes)
        started, finished = updated.started, updated.finished
        if started and finished and finished.surely_before(started):
            raise InvalidInput(
                f"the finish {finished.isoformat()} is before the start {started.isoformat()}"
            )
        if updated != entry:
            updated = replace(updated, updated_at=self.now)
        return updated


def _partial(text: str, what: str) -> PartialDate | None:
    if not text.strip():
        return None
    try:
        return PartialDate.parse(text)
    except ValueError:
        raise InvalidInput(
            f"the day {what} must look like 2024-01-20, 2024-01 or 2024, not {quoted(text)}"
        ) from None


def _details_label(show: Show, before: Entry, after: Entry) -> str:
    if before.comments != after.comments and (before.started, before.finished) == (
        after.started,
        after.finished,
    ):
        return f"note on {show.title}"
    return f"edited {show.title} (dates, rewatches or note)"
