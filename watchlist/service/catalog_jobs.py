"""Seasons and their catalogs: importing a dataset's seasons, listing seasons, choosing the
one the board, stats and the CLI show."""

from __future__ import annotations

from datetime import UTC
from pathlib import Path
from typing import TYPE_CHECKING, TypedDict, Unpack

from msgspec.structs import replace

from watchlist.domain.errors import InvalidInput
from watchlist.domain.model import MAX_EPISODES, Origin, Season, Show
from watchlist.domain.numbers import parse_whole
from watchlist.domain.settings import Settings
from watchlist.domain.text import clean_text, free_slug, quoted, slugify
from watchlist.service.base import TrackerBase
from watchlist.service.catalogs import CATALOG_SUFFIX
from watchlist.service.errors import ReadOnly, SaveFailed
from watchlist.service.library import Library
from watchlist.storage.show_fields import mal_id_of

if TYPE_CHECKING:
    from watchlist.service.importing import ImportReport


class NewShow(TypedDict, total=False):
    """What a show of your own may give besides its title, as typed or as numbers."""

    episodes: str | int | None
    season: str | None
    mal_id: str | int | None
    studio: str | None


class CatalogJobs(TrackerBase):
    def season_counts(self) -> list[tuple[Season, int]]:
        """Every season, oldest first, with how many shows air in it."""

        def view(lib: Library) -> list[tuple[Season, int]]:
            seasons = sorted(lib.seasons.values(), key=lambda s: s.starts)
            return [(s, len(lib.shows_in(s.slug))) for s in seasons]

        return self._read(view)

    def choose_season(self, text: str) -> Settings:
        """The season the board, stats and the CLI open on from now on."""
        chosen = self.season(text)
        with self._change() as (tx, lib):
            current = lib.settings
            updated = replace(current, season=chosen.slug)
            if updated != current:
                tx.put_settings(updated)
        return updated

    def check_new_show(self, title: str, **fields: Unpack[NewShow]) -> Show:
        """The show `add_show` would add, checked, not saved."""
        return self._read(lambda lib: self._new_show(lib, title, **fields))

    def add_show(self, title: str, **fields: Unpack[NewShow]) -> Show:
        """A show of your own, for one the catalog does not have (an older series, a
        season not imported): it is yours, in your database, and never overwritten.
        Fields: episodes, season, mal_id, studio."""
        with self._change() as (tx, lib):
            show = self._new_show(lib, title, **fields)
            tx.put(show)
            tx.journal(f"added the show {show.title}")
        return show

    def _new_show(
        self,
        lib: Library,
        title: str,
        *,
        episodes: str | int | None = None,
        season: str | None = None,
        mal_id: str | int | None = None,
        studio: str | None = None,
    ) -> Show:
        name = clean_text(title, field="title")
        if not name:
            raise InvalidInput("a show needs a title")
        count = (
            parse_whole(str(episodes), what="episodes", low=1, high=MAX_EPISODES)
            if episodes is not None and str(episodes).strip()
            else None
        )
        mal = (
            parse_whole(str(mal_id), what="the MyAnimeList id", low=1, high=10**9)
            if mal_id is not None and str(mal_id).strip()
            else None
        )
        chosen = None
        if season and str(season).strip():
            wanted = str(season).strip().lower()
            known = {s.slug: s for s in lib.seasons.values()}
            if wanted not in known:
                raise InvalidInput(
                    f"unknown season {quoted(str(season))}: known seasons are {', '.join(known)}"
                )
            chosen = wanted
        studios = (clean_text(studio, field="studio"),) if studio and str(studio).strip() else ()
        if mal is not None:
            for other in lib.shows.values():
                if other.mal_id == mal:
                    raise InvalidInput(
                        f"{other.title} ({other.slug}) already has MyAnimeList id {mal}"
                    )
        return Show(
            slug=free_slug(slugify(name) or "show", lib.shows),
            title=name,
            episodes=count,
            season=chosen,
            mal_id=mal,
            studios=studios,
            origin=Origin.USER,
        )

    def import_catalog(
        self,
        path: Path | str,
        *,
        seasons: tuple[str, ...] | list[str] = (),
        fmt: str | None = None,
        dry_run: bool = False,
    ) -> ImportReport:
        """Add a dataset's seasons to the catalog (see `catalog_import`): written beside the
        database under its lock, atomically; your own records are not touched."""
        from watchlist.service.catalog_import import CatalogPlan, Wanted, plan_catalog
        from watchlist.service.catalog_reading import read_dataset
        from watchlist.service.importing import ImportReport
        from watchlist.storage.catalog_file import ImportedCatalog, load_imported, save_imported
        from watchlist.storage.journal import file_op

        wanted = Wanted.parse(seasons)
        target = self.store.beside(CATALOG_SUFFIX)
        if target is None:
            raise InvalidInput("this database is kept in memory: imported catalogs need a file")
        if not dry_run and self.read_only:
            raise ReadOnly(f"the database is open read-only: {self.read_only}")
        dataset, items = read_dataset(path, fmt)

        def yours(lib: Library) -> tuple[dict[int, str], set[str]]:
            mine = lib.snap.shows
            ids = {}
            for slug in mine:
                mal = mal_id_of(mine, slug)
                if mal is not None and slug not in self._shipped.shows:
                    ids[mal] = slug
            return ids, set(mine)

        your_ids, your_slugs = self._read(yours)

        def plan_against(imported: ImportedCatalog) -> CatalogPlan:
            return plan_catalog(
                items,
                dataset,
                wanted,
                shipped=self._shipped,
                imported=imported,
                yours=your_ids,
                your_slugs=your_slugs,
            )

        if dry_run:
            plan = plan_against(self.catalog.imported)
            return ImportReport([*plan.lines(), "Dry run: nothing was written."], 0)
        from watchlist.domain.seasons import season

        with self._change() as (tx, _):  # the database's lock, and a step in its journal
            current = load_imported(target)  # the freshest, under the lock
            self._catalog_notices += current.notices
            plan = plan_against(current)
            for slug in plan.seasons:
                current.seasons.setdefault(slug, season(slug))
            current.datasets[dataset.name] = {
                "version": dataset.version,
                "licence": dataset.licence,
                "home": dataset.home,
                "imported": self.now.astimezone(UTC).isoformat(timespec="seconds"),
            }
            try:
                kept = self.store.keep_file(CATALOG_SUFFIX)
                assert plan.records is not None
                payload = save_imported(target, current, plan.records.documents())
            except OSError as error:
                raise SaveFailed(f"cannot write {target.name}: {error.strerror}") from None
            tx.journal(
                f"catalog import of {Path(path).name}", file_op(CATALOG_SUFFIX, kept, payload)
            )
        self._reload_catalog()
        saved = f"Saved to {target.name}. Undo takes the whole import back."
        return ImportReport([*plan.lines(), saved], 0)
