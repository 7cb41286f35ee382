"""Projections of stored entries for what only formats their logs (the diary CSV over a
20,000-show library): every logged episode with its value as stored text and a text that
sorts it, read from a document without building the entry.

Stored moments are written by `datetime.isoformat`; one in UTC without a fraction
("2024-01-13T21:10:00+00:00") is copied and sorted as text. Any value this does not
recognise as such, or as a (partial) date written the way it reads back, leaves its
entry to the usual conversion (`logs_of_entry` keys the converted entry the same way).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

from msgspec import Struct

from watchlist.domain.dates import Logged, PartialDate
from watchlist.domain.model import Entry
from watchlist.storage.moment_texts import NUMBERS, moment_shaped, one_moment_shaped
from watchlist.storage.plain_docs import PLAIN_ENTRY
from watchlist.storage.projections import projected
from watchlist.storage.tables import Table

UNDATED = "~"
"""The sort text of an undated episode: after every dated one (those start with a digit)."""
_UTC = "+00:00"
_MIDNIGHT = "T00:00:00+00:00"
_EPISODE_WIDTH = 10
_TOO_MANY = 10**_EPISODE_WIDTH
_PADDED = [n.zfill(_EPISODE_WIDTH) for n in NUMBERS]
_KNOWN = frozenset(NUMBERS)


class NotSortable(Exception):
    """A logged value whose order no sort text can give (a moment without an offset, or
    one at the very edge of the calendar): the caller takes the exact way for all."""


class Diary(Struct, frozen=True):
    """One entry's logged episodes, for formatting, in the order the entry lists them
    (earlier passes, the set-aside pass, the current pass by number): side by side, each
    episode's number as text (at most 10 digits), its logged value as the exports write
    it (None: undated) and its sort text (see `sort_text`)."""

    numbers: list[str]
    texts: list[str | None]
    orders: list[str]
    padded: list[str]
    """Each number as 10 digits, to sort by."""
    ratings: dict[str, int]
    """By episode number as text."""
    notes: dict[str, str]


def sort_text(value: Logged) -> str:
    """A text that sorts logged values as `logged_key` orders them: the moment in UTC as
    `isoformat` writes it (a date: its midnight UTC), UNDATED last. Fixed width but for
    a fraction of a second, whose "." sorts after the "+" of a moment without one."""
    if value is None:
        return UNDATED
    if isinstance(value, PartialDate):
        return value.as_date().isoformat() + _MIDNIGHT
    if value.tzinfo is None or value.utcoffset() is None:
        raise NotSortable(value.isoformat())
    try:
        return value.astimezone(UTC).isoformat()
    except OverflowError:
        raise NotSortable(value.isoformat()) from None


_days: dict[str, str | None] = {}


def _date_sort_text(text: str) -> str | None:
    """The sort text of a (partial) date stored as it reads back, else None."""
    if text in _days:
        return _days[text]
    try:
        parsed = PartialDate.parse(text)
        known = sort_text(parsed) if parsed.isoformat() == text else None
    except ValueError:
        known = None
    _days[text] = known
    return known


def _sort_texts(values: list[Any]) -> list[str] | None:
    """The sort text of each stored logged value, None unless every one is plain."""
    # Each one "YYYY-MM-DDTHH:MM:SS+HH:MM", its "+" the only one, so "+00:00" once each
    # makes every one UTC; a real moment then, it is how `isoformat` writes it back, and
    # it sorts as text.
    if moment_shaped(values) and "".join(values).count(_UTC) == len(values):
        try:
            list(map(datetime.fromisoformat, values))
        except ValueError:
            return None
        return values
    texts = []
    for value in values:
        if value is None:
            texts.append(UNDATED)
        elif type(value) is not str:
            return None
        elif one_moment_shaped(value) and value.endswith(_UTC):
            try:
                datetime.fromisoformat(value)
            except ValueError:
                return None
            texts.append(value)
        else:
            known = _date_sort_text(value)
            if known is None:
                return None
            texts.append(known)
    return texts


def episodes_as_written(keys: list[Any]) -> bool:
    """Whether every key is an episode number as written: 1, 2, ... (no sign, no zero)."""
    return _KNOWN.issuperset(keys) or all(
        type(k) is str and k.isdigit() and k.isascii() and k[0] != "0" and len(k) <= 10
        for k in keys
    )


def stored_diary(doc: dict[str, Any]) -> Diary | None:
    """An entry's diary read from its stored document; None when anything in it is not
    plain (the converted entry then says it)."""
    if not doc.keys() <= PLAIN_ENTRY:
        return None
    watched, earlier = doc.get("watched") or {}, doc.get("earlier") or []
    paused, ratings, notes = doc.get("paused"), doc.get("ratings") or {}, doc.get("notes") or {}
    if type(watched) is not dict or type(earlier) is not list:
        return None
    if type(ratings) is not dict or type(notes) is not dict:
        return None
    numbers: list[Any] = []
    values: list[Any] = []
    for pair in earlier:
        if type(pair) is not list or len(pair) != 2 or type(pair[0]) is not int or pair[0] < 1:
            return None
        if pair[0] >= _TOO_MANY:
            return None
        numbers.append(str(pair[0]))
        values.append(pair[1])
    if paused is not None:
        set_aside = paused.get("watched") if type(paused) is dict else None
        if type(set_aside) is not dict or not episodes_as_written(list(set_aside)):
            return None
        for key in sorted(set_aside, key=int):
            numbers.append(key)
            values.append(set_aside[key])
    keys = list(watched)
    if keys == NUMBERS[: len(keys)]:  # 1, 2, 3...: episode numbers in order
        values += watched.values()
    else:
        if not episodes_as_written(keys):
            return None
        keys.sort(key=int)
        values += [watched[key] for key in keys]
    numbers += keys
    texts = _sort_texts(values)
    if (
        texts is None
        or not episodes_as_written(list(ratings))
        or not episodes_as_written(list(notes))
    ):
        return None
    if not set(map(type, ratings.values())) <= {int} or not set(map(type, notes.values())) <= {str}:
        return None
    return Diary(numbers, values, texts, _padded(numbers), ratings, notes)


def _padded(numbers: list[str]) -> list[str]:
    if numbers == NUMBERS[: len(numbers)]:
        return _PADDED[: len(numbers)]
    return [number.zfill(_EPISODE_WIDTH) for number in numbers]


def _entry_diary(entry: Entry) -> Diary:
    """A converted entry's diary, keyed as a stored one is (NotSortable when it cannot be)."""
    logs = entry.logs()
    numbers = [str(n) for n, _ in logs]
    if any(len(number) > _EPISODE_WIDTH for number in numbers):
        raise NotSortable(max(numbers, key=len))
    return Diary(
        numbers,
        [None if at is None else at.isoformat() for _, at in logs],
        [sort_text(at) for _, at in logs],
        _padded(numbers),
        {str(n): r for n, r in entry.ratings.items()},
        {str(n): note for n, note in entry.notes.items()},
    )


def entry_diaries(entries: Table[Entry]) -> Iterator[tuple[str, Diary]]:
    """Every readable entry's diary, by show: from its document where that is plain, else
    from the converted entry (a damaged one is left out, as converting leaves it)."""
    return projected(entries, stored_diary, _entry_diary)
