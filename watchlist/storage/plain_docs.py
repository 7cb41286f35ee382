"""Fast conversions of plain documents: the ones this version writes, fields of the exact
type and in range, built directly. The checked conversions in `converters` handle
everything else and name the fault; a property test keeps the two in agreement."""

from __future__ import annotations

from datetime import date, datetime
from enum import Enum
from typing import Any, Literal

from watchlist.domain.dates import PartialDate
from watchlist.domain.model import MAX_EPISODES, Entry, Origin, Show, Status
from watchlist.storage.fields import SLUG
from watchlist.storage.moment_texts import NUMBERS, moment_shaped
from watchlist.storage.show_extras import KEYS as EXTRA_KEYS
from watchlist.storage.show_extras import plain_extras

# Fast paths. Most documents are plain: fields of the exact type, in range, as this
# version writes them. Those are built directly, at a fraction of the cost of the
# checked conversions above (which a 20,000-show library would spend most of a
# second in); anything at all unusual returns None and takes the checked way, which
# also names the fault. A fast path never accepts what the checked one refuses.

PLAIN_SHOW = {
    "slug",
    "title",
    "title_romaji",
    "title_native",
    "aliases",
    "mal_id",
    "season",
    "studios",
    "episodes",
    "episodes_in_season",
    "first_in_season",
    "streaming",
    "source",
    "continuing",
    "synopsis",
    "episode_minutes",
    "media_type",
    "origin",
    "premiere",
    "finale",
    "expected_episodes",
    "other_seasons",
    "provenance",
    *EXTRA_KEYS,
}
_ORIGINS = {origin.value: origin for origin in Origin}
STATUSES = {status.value: status for status in Status}
"""Each status by its stored name."""


class _Fault(Enum):
    """What a field holds that is not what it should be (None means it is not given)."""

    FAULT = 0


def _day_or_fault(value: Any) -> date | Literal[_Fault.FAULT] | None:
    """An ISO day, None for none, `_Fault.FAULT` for anything else."""
    if value is None:
        return None
    if type(value) is not str:
        return _Fault.FAULT
    try:
        return date.fromisoformat(value)
    except ValueError:
        return _Fault.FAULT


def _texts_or_none(value: Any) -> tuple[str, ...] | None:
    if value is None:
        return ()
    if type(value) is list and all(type(v) is str for v in value):
        return tuple(value)
    return None


def _count(value: Any, low: int, high: int | None) -> bool:
    return value is None or (
        type(value) is int and value >= low and (high is None or value <= high)
    )


def plain_show(d: dict[str, Any]) -> Show | None:
    slug, title = d.get("slug"), d.get("title")
    if type(slug) is not str or not SLUG.match(slug):
        return None
    if type(title) is not str or not title.strip():
        return None
    for key in (
        "title_romaji",
        "title_native",
        "season",
        "streaming",
        "source",
        "synopsis",
        "media_type",
        "provenance",
    ):
        value = d.get(key)
        if value is not None and type(value) is not str:
            return None
    episodes = d.get("episodes")
    if not (
        _count(d.get("mal_id"), 1, None)
        and _count(episodes, 1, MAX_EPISODES)
        and _count(d.get("episodes_in_season"), 1, episodes)
        and _count(d.get("first_in_season"), 1, episodes)
        and _count(d.get("episode_minutes"), 1, 1000)
        and _count(d.get("expected_episodes"), 1, MAX_EPISODES)
    ):
        return None
    continuing = d.get("continuing")
    if continuing is not None and type(continuing) is not bool:
        return None
    premiere, finale = _day_or_fault(d.get("premiere")), _day_or_fault(d.get("finale"))
    if premiere is _Fault.FAULT or finale is _Fault.FAULT:
        return None
    aliases, studios = _texts_or_none(d.get("aliases")), _texts_or_none(d.get("studios"))
    others = _texts_or_none(d.get("other_seasons"))
    if others is None:
        return None
    origin_text = d.get("origin")
    if origin_text is None:
        origin: Origin | None = Origin.CATALOG
    else:
        origin = _ORIGINS.get(origin_text) if type(origin_text) is str else None
    if aliases is None or studios is None or origin is None:
        return None
    extras = plain_extras(d) if not EXTRA_KEYS.isdisjoint(d) else {}
    if extras is None:
        return None
    return Show(
        slug=slug,
        title=title,
        title_romaji=d.get("title_romaji"),
        title_native=d.get("title_native"),
        aliases=aliases,
        mal_id=d.get("mal_id"),
        season=d.get("season"),
        studios=studios,
        episodes=episodes,
        episodes_in_season=d.get("episodes_in_season"),
        first_in_season=d.get("first_in_season"),
        premiere=premiere,
        finale=finale,
        expected_episodes=d.get("expected_episodes"),
        other_seasons=others,
        provenance=d.get("provenance"),
        streaming=d.get("streaming"),
        source=d.get("source"),
        continuing=continuing,
        synopsis=d.get("synopsis") or "",
        episode_minutes=d.get("episode_minutes"),
        media_type=d.get("media_type") or "TV",
        origin=origin,
        **extras,
    )


PLAIN_ENTRY = {
    "show",
    "status",
    "status_by_hand",
    "watched",
    "earlier",
    "paused",
    "recent",
    "ratings",
    "notes",
    "comments",
    "started",
    "finished",
    "rewatch_count",
    "updated_at",
    "tags",
}


def _plain_logged(value: Any) -> Any:
    """A logged value, or the class `_NotPlain` when it is not a plain one."""
    if value is None:
        return None
    if type(value) is not str:
        return _NotPlain
    if len(value) > 10:
        try:
            moment = datetime.fromisoformat(value)
        except ValueError:
            return _NotPlain
        return moment if moment.tzinfo is not None else _NotPlain
    try:
        return PartialDate.parse(value)
    except ValueError:
        return _NotPlain


class _NotPlain:
    """Marks a value the fast path leaves to the checked conversion."""


def _by_episode(value: Any, kind: type) -> dict[int, Any] | None:
    if value is None:
        return {}
    if type(value) is not dict:
        return None
    result = {}
    for key, item in value.items():
        if not key.isdigit() or not key.isascii() or key[0] == "0" or type(item) is not kind:
            return None
        result[int(key)] = item
    return result


def _list_or_none(value: Any) -> list[Any] | None:
    """A stored list, [] when it is not given, None when it is something else."""
    if value is None:
        return []
    return value if type(value) is list else None


def _moments(watched_doc: dict[str, Any]) -> dict[int, Any] | None:
    """A pass's logged values by episode; None when one is not plain. Episodes 1, 2, 3...
    all logged at moments as this version writes them are parsed in one go."""
    keys, values = list(watched_doc), list(watched_doc.values())
    if keys == NUMBERS[: len(keys)] and moment_shaped(values):
        try:
            moments = map(datetime.fromisoformat, values)
            return dict(zip(range(1, len(keys) + 1), moments, strict=True))
        except ValueError:
            return None  # as one by one: a moment that is not one is not plain
    watched = {}
    for key, value in watched_doc.items():
        if not key.isdigit() or not key.isascii() or key[0] == "0":
            return None
        logged = _plain_logged(value)
        if logged is _NotPlain:
            return None
        watched[int(key)] = logged
    return watched


def plain_entry(d: dict[str, Any]) -> Entry | None:
    show, status_text = d.get("show"), d.get("status")
    if type(show) is not str or not SLUG.match(show) or type(status_text) is not str:
        return None
    status = STATUSES.get(status_text)
    if status is None:
        return None
    watched_doc = d.get("watched")
    if type(watched_doc) is not dict:
        return None
    watched = _moments(watched_doc)
    if watched is None:
        return None
    if d.get("earlier") not in (None, []) or d.get("paused") is not None:
        return None  # rarer fields (or odd values, "" too): the checked way reads them
    # Absent or null is none; any other value that is not a list ("", 0, {}) is left to
    # the checked way, which refuses it: `or` would have taken it for none.
    recent = _list_or_none(d.get("recent"))
    if recent is None:
        return None
    for number in recent:
        if type(number) is not int or number < 1:
            return None
    ratings = _by_episode(d.get("ratings"), int)
    notes = _by_episode(d.get("notes"), str)
    if ratings is None or notes is None or not all(0 <= r <= 100 for r in ratings.values()):
        return None
    by_hand = d.get("status_by_hand", False)
    comments = d.get("comments")
    count = d.get("rewatch_count")
    if type(by_hand) is not bool or not _count(count, 0, 10_000):
        return None
    if comments is not None and type(comments) is not str:
        return None
    dates = []
    for key in ("started", "finished"):
        value = d.get(key)
        logged = None if value is None else _plain_logged(value)
        if logged is _NotPlain or isinstance(logged, datetime):
            return None
        dates.append(logged)
    tags = _list_or_none(d.get("tags"))
    if tags is None or not all(type(t) is str for t in tags):
        return None
    updated = d.get("updated_at")
    moment = None if updated is None else _plain_logged(updated)
    if updated is not None and not isinstance(moment, datetime):
        return None
    return Entry(
        show=show,
        status=status,
        status_by_hand=by_hand,
        watched=dict(sorted(watched.items())),
        recent=tuple(recent),
        ratings=ratings,
        notes=notes,
        comments=comments or "",
        started=dates[0],
        finished=dates[1],
        rewatch_count=count or 0,
        updated_at=moment,
        tags=tuple(tags),
    )
