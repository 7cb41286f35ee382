"""A show as a dataset of season catalogs describes it, whatever the dataset."""

from __future__ import annotations

from datetime import date
from typing import Any

from msgspec import Struct, field

from watchlist.domain.broadcast import Broadcast
from watchlist.domain.community import Community


class CatalogItem(Struct):
    position: int
    """Where it stands in the file, from 1, for the report."""
    title: str
    """The English title where the dataset has one, else its main title."""
    native: str | None = None
    romaji: str | None = None
    """The title in Latin letters, where the dataset gives one as such."""
    titles: tuple[str, ...] = ()
    """Every title and synonym the dataset gives, for matching and finding."""
    kind: str = "tv"
    """tv, web, movie, ova, special or unknown (as the dataset says)."""
    key: str | None = None
    """A stable id within the dataset ("bangumi-425595"), for a slug when the titles give
    none (a title in Japanese only)."""
    mal_id: int | None = None
    anilist_id: int | None = None
    first: date | None = None
    """The day the first episode aired in Japan (late-night slots on the evening before)."""
    last: date | None = None
    """The day the last episode aired, when the dataset knows it."""
    first_said: str | None = None
    """The first broadcast as the dataset gives it, in Japan time, for reports."""
    last_said: str | None = None
    weekly: bool = False
    broadcast: Broadcast | None = None
    """The broadcast slot in Japan (bangumi-data's `broadcast`), where the dataset has one."""
    episodes: int | None = None
    seasons: tuple[str, ...] = ()
    """Seasons the dataset itself names (anime-offline-database); empty: from the dates."""
    studios: tuple[str, ...] = ()
    minutes: int | None = None
    streaming: str | None = None
    tags: tuple[str, ...] = ()
    related: tuple[int, ...] = ()
    """MyAnimeList ids of related anime."""
    community: Community | None = None
    fixes: list[str] = field(default_factory=list)
    """What was odd in the record and how it was read, for the report."""


UNREADABLE = "unreadable"
"""The kind of a record that could not be read at all (skipped, and said why)."""


def unreadable(position: int, reason: str) -> CatalogItem:
    """A record that could not be read, standing in its place for the report."""
    return CatalogItem(position, title="", kind=UNREADABLE, fixes=[reason])


def listed(value: Any) -> list[Any]:
    """A field that should hold a list, or an empty one when it holds something else."""
    return value if isinstance(value, list) else []


def keyed(value: Any) -> dict[str, Any]:
    """A field that should hold an object, or an empty one when it holds something else."""
    return value if isinstance(value, dict) else {}
