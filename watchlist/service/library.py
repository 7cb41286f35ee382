"""The user's records laid over the catalog: what every use case reads.

The shipped catalog is reference data; the user's own seasons, shows and
critic pieces sit on top of it, and where both name the same record the user's
wins (what the user added under a name stays theirs).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any, TypeVar

from watchlist.domain.model import CriticPiece, Entry, Season, Show, TitleLanguage, Verdict
from watchlist.domain.settings import Settings, Spoilers
from watchlist.domain.shield import Shield
from watchlist.service.catalogs import MergedCatalog
from watchlist.service.lookup import Findable, findable
from watchlist.storage import Snapshot
from watchlist.storage.listed import ListedItems, ListedValues
from watchlist.storage.show_docs import stored_title, stored_titles
from watchlist.storage.show_fields import every_length, in_season, titled
from watchlist.storage.tables import Table, Timelines

V = TypeVar("V")


class Overlay(Mapping[str, V]):
    """One table of the snapshot over the same table of the catalog.

    It reads the snapshot's table at each access, so inside a transaction it sees
    the transaction's own changes.
    """

    __slots__ = ("_base", "_name", "_snap")

    def __init__(self, snap: Snapshot, name: str, base: Mapping[str, V]) -> None:
        self._snap = snap
        self._name = name
        self._base = base

    @property
    def _mine(self) -> dict[str, V]:
        mine: dict[str, V] = getattr(self._snap, self._name)
        return mine

    def __getitem__(self, key: str) -> V:
        mine = self._mine
        if key in mine:
            return mine[key]
        return self._base[key]

    def get(self, key: str, default: Any = None) -> Any:
        mine = self._mine
        if key in mine:
            return mine[key]
        return self._base.get(key, default)

    def __contains__(self, key: object) -> bool:
        return key in self._mine or key in self._base

    def __iter__(self) -> Iterator[str]:
        mine = self._mine
        yield from mine
        yield from (key for key in self._base if key not in mine)

    def __len__(self) -> int:
        mine = self._mine
        return len(mine) + sum(1 for key in self._base if key not in mine)

    def values(self) -> ListedValues[V]:
        mine = self._mine
        listed = [*mine.values(), *(v for k, v in self._base.items() if k not in mine)]
        return ListedValues(self, listed)

    def items(self) -> ListedItems[V]:
        mine = self._mine
        listed = [*mine.items(), *((k, v) for k, v in self._base.items() if k not in mine)]
        return ListedItems(self, listed)


class Library:
    """One version of everything: the catalog, and the user's records over it."""

    __slots__ = ("_findable", "catalog", "pieces", "seasons", "shows", "snap")

    def __init__(self, snap: Snapshot, catalog: MergedCatalog) -> None:
        self.snap = snap
        self.catalog = catalog
        self.seasons: Overlay[Season] = Overlay(snap, "seasons", catalog.seasons)
        self.shows: Overlay[Show] = Overlay(snap, "shows", catalog.shows)
        self.pieces: Overlay[CriticPiece] = Overlay(snap, "pieces", catalog.pieces)
        self._findable: Findable | None = None

    def shows_in(self, season: str) -> list[Show]:
        """The shows of one season; stored seasons are read before any record is converted,
        so a season of 60 never converts 20,000 shows."""
        mine = self.snap.shows
        # The stored shows first: a table not read yet then knows its keys, and the
        # catalog's shows are found missing from it without reading any more of it.
        stored = in_season(mine, season)
        found = self.catalog.shows_in(season, leave_out=mine)
        for slug in stored:
            show = mine.get(slug)
            if show is not None:
                found.append(show)
        return found

    def lengths(self) -> dict[str, int]:
        """Every show's episode length in minutes, read without converting records."""
        mine = self.snap.shows
        found = {slug: self.catalog.shows.minutes_of(slug) for slug in self.catalog.shows}
        found.update(every_length(mine))
        return found

    def title_in(self, slug: str, language: TitleLanguage) -> str | None:
        """A show's title in `language` (None: no such show); a stored one is read without
        converting it (stats name thousands of shows whose score moved)."""
        title = stored_title(self.snap.shows, slug, language)
        if title is None and slug in self.shows:
            title = self.shows[slug].title_in(language)
        return title

    def titles_in(self, slugs: list[str], language: TitleLanguage) -> dict[str, str]:
        """`title_in` of each of `slugs` that is a show, in that order, read in one pass
        over the stored shows when there are many."""
        stored = stored_titles(self.snap.shows, slugs, language)
        titles = {}
        for slug in slugs:
            title = stored.get(slug)
            if title is None and slug in self.shows:
                title = self.shows[slug].title_in(language)
            if title is not None:
                titles[slug] = title
        return titles

    def findable(self) -> Findable:
        """Every show as the finder searches it, made from stored fields, not records."""
        if self._findable is None:
            mine = self.snap.shows
            rows = self.catalog.findable_rows(leave_out=mine)
            rows += titled(mine)
            self._findable = findable(rows)
        return self._findable

    @property
    def entries(self) -> Table[Entry]:
        return self.snap.entries

    @property
    def verdicts(self) -> Timelines[Verdict]:
        """By show, oldest first."""
        return self.snap.verdicts

    @property
    def settings(self) -> Settings:
        return self.snap.settings

    def shield(
        self, show: Show, entry: Entry | None = None, *, spoilers: Spoilers | None = None
    ) -> Shield:
        """Which of a show's critic pieces are closed (see `domain.shield`); `spoilers`
        overrides the setting (`--spoilers show` for one command)."""
        settings = self.snap.settings
        return Shield(
            show,
            entry if entry is not None else (self.entries.get(show.slug) or Entry(show.slug)),
            on=(spoilers or settings.spoilers) is Spoilers.SHIELD,
            opened=frozenset(settings.opened),
        )
