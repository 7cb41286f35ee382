"""Projections of stored entries for what only counts them (stats over 20,000 shows): the
status and when each logged episode was watched, read from a record as it was stored,
without building the entry."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from operator import itemgetter
from typing import Any

from watchlist.domain.model import Entry, Status, Verdict
from watchlist.domain.scoring import Stance, score_for_stance
from watchlist.domain.stats import Logs, Tally, logs_of, tally
from watchlist.storage.plain_docs import STATUSES as _STATUSES
from watchlist.storage.tables import Table, Timelines

_TEXT_OR_NONE = frozenset({str, type(None)})


def _logged(doc: dict[str, Any]) -> list[Any] | None:
    """Every logged value of a stored entry, as stored; None when anything looks off."""
    watched = doc.get("watched") or {}
    values: list[Any] | None
    if type(watched) is dict and not doc.get("earlier") and not doc.get("paused"):
        values = list(watched.values())  # most entries: one pass, nothing paused
    else:
        values = _passes(doc)
    return values if values is not None and _TEXT_OR_NONE.issuperset(map(type, values)) else None


def _passes(doc: dict[str, Any]) -> list[Any] | None:
    """The logged values of every pass of a stored entry (None when anything looks off)."""
    watched, earlier = doc.get("watched") or {}, doc.get("earlier") or []
    paused = (doc.get("paused") or {}).get("watched") or {}
    if type(watched) is not dict or type(earlier) is not list or type(paused) is not dict:
        return None
    values = [*watched.values(), *paused.values()]
    for pair in earlier:
        if type(pair) is not list or len(pair) != 2:
            return None
        values.append(pair[1])
    return values


def status_of(entries: Table[Entry], slug: str) -> Status | None:
    """A stored entry's status, read without building the entry (None: no entry)."""
    value = entries.field(slug, "status")
    if isinstance(value, Status):
        return value
    if value is None and slug not in entries:
        return None
    status = _STATUSES.get(value) if isinstance(value, str) else None
    if status is None:  # odd as stored: the entry, converted and checked, decides
        entry = entries.get(slug)
        return entry.status if entry is not None else None
    return status


def tracked_slugs(entries: Table[Entry], timelines: Timelines[Verdict]) -> set[str]:
    """The shows on your list: with an entry, or with a verdict (read as stored)."""
    return set(entries) | {show for show, history in timelines.raw_items() if history}


def entry_logs(entries: Table[Entry], wanted: set[str] | None = None) -> list[Logs]:
    """Every stored entry (or those of `wanted` shows) as stats count it."""
    found = []
    for slug, value in entries.raw_items():
        if wanted is not None and slug not in wanted:
            continue
        if type(value) is dict:
            status = _STATUSES.get(value.get("status", ""))
            logged = _logged(value)
            if status is not None and logged is not None:
                found.append(Logs(slug, status, logged))
                continue
        entry = entries.get(slug)  # converted (and checked) the usual way
        if entry is not None:
            found.append(logs_of(entry))
    return found


def entry_tally(entries: Table[Entry], lengths: Mapping[str, int]) -> Tally:
    """The tally stats count of the stored entries of the shows `lengths` gives, each
    show's episodes at its length. A plain stored entry adds its stored values to its
    length's list as they are, with nothing made per entry; any other is converted."""
    statuses: list[Status] = []
    counted: list[str] = []
    by_length: dict[int, list[Any]] = {}
    others: list[str] = []
    length_of, status_of_text = lengths.get, _STATUSES.get
    # A season's shows are looked up, not found among every entry (counting is by key).
    few = entries.keyed_is_cheaper(len(lengths))
    # One loop with nothing called per plain entry: it runs 20,000 times for stats.
    for slug, value in entries.raw_items_of(lengths) if few else entries.raw_items():
        length = length_of(slug)
        if length is None:
            continue
        if type(value) is dict:
            status = status_of_text(value.get("status", ""))
            watched = value.get("watched") or {}
            if status is not None and type(watched) is dict:
                passes = value.get("earlier") or value.get("paused")
                values = _passes(value) if passes else watched.values()
                if values is not None:
                    statuses.append(status)
                    counted.append(slug)
                    group = by_length.get(length)
                    if group is None:
                        by_length[length] = list(values)
                    else:
                        group += values
                    continue
        others.append(slug)
    # Every stored value text or none, checked once for all (as `_logged` checks each
    # entry's); else every entry is read the way through `entry_logs`.
    if not all(_TEXT_OR_NONE.issuperset(map(type, values)) for values in by_length.values()):
        return tally(lengths, entry_logs(entries, set(lengths)))
    shows = set(counted)
    for slug in others:
        entry = entries.get(slug)  # converted (and checked) the usual way
        if entry is not None:
            logs = logs_of(entry)
            statuses.append(logs.status)
            shows.add(slug)
            by_length.setdefault(lengths[slug], []).extend(logs.logged)
    return Tally(statuses, shows, by_length)


_STANCES = {stance.value: stance for stance in Stance}


def _score(doc: Any) -> int | None:
    """A stored verdict's 0-100 score: its own, else its stance's; None when off."""
    score = doc.get("score")
    if type(score) is int and 0 <= score <= 100:
        return score
    stance = _STANCES.get(doc.get("stance") or "")
    return score_for_stance(stance) if score is None and stance is not None else None


def verdict_scores(
    timelines: Timelines[Verdict], wanted: set[str] | None = None
) -> dict[str, list[int]]:
    """Each show's verdicts as their scores, oldest first, read from the records as stored
    where they were not converted."""
    found: dict[str, list[int]] = {}
    moment = datetime.fromisoformat
    for show, history in timelines.raw_items():
        if wanted is not None and show not in wanted:
            continue
        scores: list[int] = []
        moments: list[datetime] = []
        for value in history:
            if type(value) is dict:
                score, at = _score(value), value.get("given_at")
                if score is None or type(at) is not str:
                    break
                moments.append(moment(at))
                scores.append(score)
            else:
                moments.append(value.given_at)
                scores.append(value.effective_score)
        else:
            if scores:
                # Saves keep a timeline in order: sorted only when it is not.
                if len(moments) > 1 and moments != sorted(moments):
                    ordered = sorted(zip(moments, scores, strict=True), key=itemgetter(0))
                    scores = [score for _, score in ordered]
                found[show] = scores
            continue
        verdicts = timelines.get(show) or []  # converted (and checked) the usual way
        if verdicts:
            found[show] = [v.effective_score for v in verdicts]
    return found
