"""The catalog the app shows: the shipped, hand-checked one, and season catalogs the user
imported under it. Shipped facts win: an imported record only fills a shipped show's
empty fields (and adds the seasons it also airs in)."""

from __future__ import annotations

from collections.abc import Container, Iterator, Mapping
from pathlib import Path
from typing import Any

from msgspec.structs import fields, replace

from watchlist.domain.credits import credits_of
from watchlist.domain.model import CriticPiece, Season, Show
from watchlist.storage.catalog import Catalog
from watchlist.storage.catalog_file import SUFFIX, ImportedCatalog, load_imported
from watchlist.storage.listed import ListedItems, ListedValues
from watchlist.storage.show_fields import minutes_of, seasons_of, titled
from watchlist.storage.tables import Table

FILLABLE = [
    f.name
    for f in fields(Show)
    if f.name not in ("slug", "title", "season", "origin", "other_seasons", "provenance", "sources")
]
"""The fields an imported record may fill in a shipped show, where the shipped one is empty."""


WORDS = {"aliases": "other titles", "expected_episodes": "episode estimate", "mal_id": "MAL id"}


def _empty(value: Any) -> bool:
    return value is None or value == "" or value == () or value == []


def fill(shipped: Show, imported: Show) -> Show:
    """The shipped show, its empty fields filled from the imported record."""
    filled = {
        name: getattr(imported, name)
        for name in FILLABLE
        if _empty(getattr(shipped, name)) and not _empty(getattr(imported, name))
    }
    if shipped.episodes:
        filled.pop("expected_episodes", None)  # an estimate says nothing beside the count
    premiere = filled.get("premiere", shipped.premiere)
    if premiere and filled.get("finale") and filled["finale"] < premiere:
        filled.pop("finale")  # no show ends before it starts
    seasons = tuple(s for s in imported.seasons if not shipped.in_season(s))
    if not filled and not seasons:
        return shipped
    credits = credits_of(imported.provenance)
    given = dict(imported.sources)
    only = next(iter(credits), "")
    by_dataset: dict[str, list[str]] = {}
    for name in sorted(filled):
        dataset = given.get(name, only)
        by_dataset.setdefault(dataset, []).append(WORDS.get(name, name.replace("_", " ")))
    if seasons:
        by_dataset.setdefault(given.get("season", only), []).append("other seasons")
    notes = [
        f"{', '.join(said)} from {credits.get(dataset) or dataset or 'an imported dataset'}"
        for dataset, said in by_dataset.items()
    ]
    return replace(
        shipped,
        **filled,
        other_seasons=(*shipped.other_seasons, *seasons),
        provenance="; ".join(["hand-checked catalog", *notes]),
        sources=tuple((name, given.get(name, only)) for name in sorted(filled)),
    )


class MergedShows(Mapping[str, Show]):
    """Shipped shows over imported ones, a record converted only when first read."""

    def __init__(self, shipped: dict[str, Show], imported: Table[Show]) -> None:
        self._shipped = shipped
        self._imported = imported
        self._filled: dict[str, Show] = {}

    def __getitem__(self, slug: str) -> Show:
        shipped = self._shipped.get(slug)
        if shipped is None:
            return self._imported[slug]
        if slug not in self._imported:
            return shipped
        if slug not in self._filled:
            other = self._imported.get(slug)
            self._filled[slug] = fill(shipped, other) if other is not None else shipped
        return self._filled[slug]

    def get(self, slug: str, default: Any = None) -> Any:
        try:
            return self[slug]
        except KeyError:
            return default

    def __contains__(self, slug: object) -> bool:
        return slug in self._shipped or slug in self._imported

    def __iter__(self) -> Iterator[str]:
        yield from self._shipped
        yield from (slug for slug in self._imported if slug not in self._shipped)

    def __len__(self) -> int:
        return len(self._shipped) + sum(1 for s in self._imported if s not in self._shipped)

    def values(self) -> ListedValues[Show]:
        return ListedValues(self, [show for slug in self if (show := self.get(slug)) is not None])

    def items(self) -> ListedItems[Show]:
        listed = [(slug, show) for slug in self if (show := self.get(slug)) is not None]
        return ListedItems(self, listed)

    def seasons_of(self, slug: str) -> tuple[str, ...]:
        """The seasons a show airs in, without converting an imported record."""
        if slug in self._shipped:
            return self[slug].seasons
        return seasons_of(self._imported, slug)

    def minutes_of(self, slug: str) -> int:
        """A show's episode length, without converting an imported record."""
        if slug in self._shipped:
            return self[slug].minutes_per_episode
        return minutes_of(self._imported, slug)

    def titled(self, leave_out: Container[str]) -> list[tuple[str, str, list[str]]]:
        """(slug, title, other titles) of every show but those in `leave_out`, without
        converting an imported record."""
        shipped = (self[slug] for slug in self._shipped if slug not in leave_out)
        rows = [(show.slug, show.title, list(show.titles[1:])) for show in shipped if show.title]
        imported = titled(self._imported, leave_out)
        return rows + [row for row in imported if row[0] not in self._shipped]


class MergedCatalog:
    """The shipped catalog with the imported one beside it."""

    __slots__ = ("imported", "shipped", "shows")

    def __init__(self, shipped: Catalog, imported: ImportedCatalog | None = None) -> None:
        self.shipped = shipped
        self.imported = imported if imported is not None else ImportedCatalog()
        self.shows = MergedShows(shipped.shows, self.imported.shows)

    @property
    def version(self) -> str:
        return self.shipped.version

    @property
    def seasons(self) -> dict[str, Season]:
        return self.imported.seasons | self.shipped.seasons

    @property
    def pieces(self) -> dict[str, CriticPiece]:
        return self.shipped.pieces

    @property
    def datasets(self) -> dict[str, dict[str, Any]]:
        return self.imported.datasets

    def shows_in(self, season: str, *, leave_out: Mapping[str, Any] = {}) -> list[Show]:
        """The catalog's shows of one season (read from stored fields, then converted)."""
        found = []
        for slug in self.shows:
            if slug in leave_out:
                continue
            if season in self.shows.seasons_of(slug):  # a shipped show's: with what was imported
                show = self.shows.get(slug)
                if show is not None:
                    found.append(show)
        return found

    def findable_rows(self, leave_out: Mapping[str, Any]) -> list[tuple[str, str, list[str]]]:
        """(slug, title, other titles) of every show, from stored fields."""
        return self.shows.titled(leave_out)


def catalog_for(shipped: Catalog, beside: Path | None) -> tuple[MergedCatalog, list[str]]:
    """The catalog of a database whose imported catalogs are kept at `beside` (None: none)."""
    if beside is None:
        return MergedCatalog(shipped), []
    imported = load_imported(beside)
    return MergedCatalog(shipped, imported), imported.notices


CATALOG_SUFFIX = SUFFIX
