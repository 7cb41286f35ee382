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
    # `seasons_of`'s reading: `season` is text, so only a main season of text equals it.
    return [
        slug
        for slug, main, others in shows.field_rows(_SEASONS)
        if main == season or (others and season in _texts(others))
    ]


_SEASONS = ("season", "other_seasons")
_TITLES = ("title", "title_romaji", "title_native", "aliases")

TitledRow = tuple[str, str, list[str]]


def titled(shows: Table[Show], leave_out: Container[str] = ()) -> list[TitledRow]:
    """(slug, leading title, other titles) of every stored show with a title, but those
    in `leave_out`: one pass over the records, for building the finder over 20,000."""
    # A table not read yet skims the titles alone (see `Table.field_rows`).
    found = (_titled(*row) for row in shows.field_rows(_TITLES) if row[0] not in leave_out)
    return [row for row in found if row is not None]


def _titled(slug: str, title: Any, romaji: Any, native: Any, aliases: Any) -> TitledRow | None:
    """A stored show's row for the finder, from its title fields as stored (or as the
    converted show has them); None when it has no title."""
    if not isinstance(title, str) or not title:
        return None
    if not (romaji or native or aliases):
        return (slug, title, [])  # most shows of a large library: one title
    named = (romaji, native, *_texts(aliases))
    others = [t for t in named if isinstance(t, str) and t and t != title]
    return (slug, title, list(dict.fromkeys(others)) if len(others) > 1 else others)


def mal_id_of(shows: Table[Show], slug: str) -> int | None:
    value = shows.field(slug, "mal_id")
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def minutes_of(shows: Table[Show], slug: str) -> int:
    """A stored show's episode length in minutes (the usual TV length when not known)."""
    return _minutes(shows.field(slug, "episode_minutes"))


def every_length(shows: Table[Show]) -> dict[str, int]:
    """Every stored show's episode length, as `minutes_of` reads each, in one pass."""
    default = DEFAULT_EPISODE_MINUTES  # `_minutes` inline: 20,000 calls saved
    return {
        slug: value if type(value) is int and value > 0 else default
        for slug, value in shows.fields("episode_minutes")
    }


def _minutes(value: Any) -> int:
    return value if type(value) is int and value > 0 else DEFAULT_EPISODE_MINUTES
