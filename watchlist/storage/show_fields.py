"""Projections of stored shows: the few fields that finding a show, listing a season or
matching an import needs, read from a record whether or not it has been converted (a
season of 60 never converts 20,000 shows). The service asks for these, never for a
document's fields by name."""

from __future__ import annotations

from collections.abc import Container
from typing import Any

from watchlist.domain.model import DEFAULT_EPISODE_MINUTES, Show
from watchlist.storage.tables import Table


def _texts(value: Any) -> tuple[str, ...]:
    if isinstance(value, list | tuple):
        return tuple(v for v in value if isinstance(v, str) and v)
    return ()


def seasons_of(shows: Table[Show], slug: str) -> tuple[str, ...]:
    """Every season a stored show airs in, its main one first."""
    main = shows.field(slug, "season")
    others = _texts(shows.field(slug, "other_seasons"))
    return ((main,) if isinstance(main, str) and main else ()) + others


def in_season(shows: Table[Show], season: str) -> list[str]:
    """The stored shows that air in `season` (as `seasons_of` reads them), in one pass
    over the records: a season of 60 among 20,000 shows, without a call per show."""
    if not season:
        return []  # no show airs in an unnamed season
    found = []
    for slug, value in shows.raw_items():
        if type(value) is dict:
            main, others = value.get("season"), value.get("other_seasons")
        else:  # converted
            main, others = value.season, value.other_seasons
        # `seasons_of`'s reading: `season` is text, so only a main season of text equals it.
        if main == season or (others and season in _texts(others)):
            found.append(slug)
    return found


def titled(shows: Table[Show], leave_out: Container[str] = ()) -> list[tuple[str, str, list[str]]]:
    """(slug, leading title, other titles) of every stored show with a title, but those
    in `leave_out`: one pass over the records, for building the finder over 20,000."""
    rows = []
    for slug, value in shows.raw_items():
        if slug in leave_out:
            continue
        if type(value) is not dict:  # converted: the show says it
            if value.title:
                rows.append((slug, value.title, list(value.titles[1:])))
            continue
        title = value.get("title")
        if not isinstance(title, str) or not title:
            continue
        get = value.get
        if not (get("title_romaji") or get("title_native") or get("aliases")):
            rows.append((slug, title, []))  # most shows of a large library: one title
            continue
        named = (
            value.get("title_romaji"),
            value.get("title_native"),
            *_texts(value.get("aliases")),
        )
        others = [t for t in named if isinstance(t, str) and t and t != title]
        rows.append((slug, title, list(dict.fromkeys(others)) if len(others) > 1 else others))
    return rows


def mal_id_of(shows: Table[Show], slug: str) -> int | None:
    value = shows.field(slug, "mal_id")
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def minutes_of(shows: Table[Show], slug: str) -> int:
    """A stored show's episode length in minutes (the usual TV length when not known)."""
    return _minutes(shows.field(slug, "episode_minutes"))


def every_length(shows: Table[Show]) -> dict[str, int]:
    """Every stored show's episode length, as `minutes_of` reads each, in one pass."""
    return {slug: _minutes(value) for slug, value in shows.fields("episode_minutes")}


def _minutes(value: Any) -> int:
    return value if type(value) is int and value > 0 else DEFAULT_EPISODE_MINUTES
