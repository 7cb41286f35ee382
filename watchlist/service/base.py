"""What every part of the tracker shares: the store, the catalog, the clock, and lookups."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from functools import cache
from typing import TypeVar

from watchlist.domain.errors import InvalidInput
from watchlist.domain.model import Entry, Season, Show
from watchlist.domain.numbers import check_range, parse_whole
from watchlist.domain.scoring import ScoreFormat, parse_score
from watchlist.domain.settings import Settings, Spoilers
from watchlist.domain.text import quoted
from watchlist.service.catalogs import CATALOG_SUFFIX, MergedCatalog, catalog_for
from watchlist.service.library import Library
from watchlist.service.lookup import find_show
from watchlist.storage import Snapshot, Store, Writer
from watchlist.storage.catalog import Catalog, load_catalog

T = TypeVar("T")

SHIPPED_SEASON = "winter-2024"
"""The season the app ships with, and opens on until the user picks another."""

Number = int | str
"""Numbers arrive as typed text (CLI, forms) or as ints (keys in the TUI)."""


@cache
def shipped_catalog() -> Catalog:
    """The catalog in the package, read once per process."""
    return load_catalog()


def optional_score(score: str | None, fmt: ScoreFormat) -> int | None:
    """A typed score, or None when none was typed."""
    return parse_score(score, fmt) if score is not None and score.strip() else None


def episode_of(value: Number, show: Show, *, low: int = 1) -> int:
    """An episode of `show`, typed or given as an int; 0 is allowed where `low` is 0."""
    if isinstance(value, int) and not isinstance(value, bool):
        check_range(value, what="episode", low=low, high=show.episodes, of=show.title)
        return value
    return parse_whole(str(value), what="episode", low=low, high=show.episodes, of=show.title)


class TrackerBase:
    """One user's data over one store, and the catalog under it."""

    def __init__(self, store: Store, catalog: Catalog | None = None) -> None:
        self.store = store
        self._shipped = catalog if catalog is not None else shipped_catalog()
        self._catalog_notices: list[str] = []
        self._catalog_loads = 0
        """How often the imported catalog was read again (another program imported one)."""
        self._catalog_seen = self._catalog_stamp()
        self.catalog = self._load_catalog()
        self._library: tuple[Snapshot, Library] | None = None
        self.spoilers: Spoilers | None = None
        """The spoilers setting for what this tracker reads, over the saved one
        (`--spoilers show` on one command); None follows the setting."""

    def _catalog_stamp(self) -> tuple[int, int] | None:
        """When and how big the imported catalog file was last written (None: no file)."""
        path = self.store.beside(CATALOG_SUFFIX)
        try:
            stat = path.stat() if path is not None else None
        except OSError:
            return None
        return (stat.st_mtime_ns, stat.st_size) if stat is not None else None

    def _catalog_changed(self) -> bool:
        return self._catalog_stamp() != self._catalog_seen

    def _reload_catalog(self) -> None:
        """Read the imported catalog again (after an import, here or by another program)."""
        self._catalog_seen = self._catalog_stamp()
        self.catalog = self._load_catalog()
        self._catalog_loads += 1

    def _load_catalog(self) -> MergedCatalog:
        """The shipped catalog and the season catalogs imported beside this database."""
        merged, notices = catalog_for(self._shipped, self.store.beside(CATALOG_SUFFIX))
        self._catalog_notices += notices
        self._library = None
        return merged

    @property
    def now(self) -> datetime:
        return self.store.clock()

    @property
    def read_only(self) -> str | None:
        """Why nothing can be saved (a read-only file or folder), or None."""
        return self.store.read_only

    def _read(self, view: Callable[[Library], T]) -> T:
        """Run `view` on the current data (the catalog with the user's records over it)."""
        return self.store.read(lambda snap: view(self._library_of(snap)))

    def _library_of(self, snap: Snapshot) -> Library:
        cached = self._library
        if cached is not None and cached[0] is snap:
            return cached[1]
        library = Library(snap, self.catalog)
        self._library = (snap, library)
        return library

    @contextmanager
    def _change(self) -> Iterator[tuple[Writer, Library]]:
        """A transaction, with the data as it changes."""
        with self.store.transaction() as tx:
            yield tx, Library(tx.data, self.catalog)

    # ------------------------------------------------------------------ reads

    def settings(self) -> Settings:
        return self._read(lambda lib: lib.settings)

    def seasons(self) -> list[Season]:
        return self._read(lambda lib: sorted(lib.seasons.values(), key=lambda x: x.starts))

    def default_season(self) -> str | None:
        """The season the user last chose; until they choose, the shipped winter 2024
        (else the most recent season there is)."""
        seasons = [s.slug for s in self.seasons()]
        chosen = self.settings().season
        if chosen in seasons:
            return chosen
        if SHIPPED_SEASON in seasons:
            return SHIPPED_SEASON
        return seasons[-1] if seasons else None

    def season(self, text: str) -> Season:
        wanted = text.strip().lower()
        seasons = self.seasons()
        for season in seasons:
            if wanted in (season.slug, season.name.lower()):
                return season
        known = ", ".join(s.slug for s in seasons) or "none"
        raise InvalidInput(f"unknown season {quoted(text)}: known seasons are {known}")

    def shows(self, season: str | None = None) -> list[Show]:
        def view(lib: Library) -> list[Show]:
            shows = lib.shows.values() if season is None else lib.shows_in(season)
            return sorted(shows, key=lambda show: show.title.casefold())

        return self._read(view)

    def find(self, query: str) -> Show:
        """The show a user means by `query` (slug or unambiguous title fragment)."""

        def view(lib: Library) -> Show:
            return lib.shows.get(query) or find_show(lib.findable(), query, lib.shows.__getitem__)

        return self._read(view)

    def entry(self, slug: str) -> Entry:
        return self._read(lambda lib: lib.entries.get(slug) or Entry(slug))
