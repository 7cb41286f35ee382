"""Season catalogs the user imported (from bangumi-data or anime-offline-database), kept in
one file beside the database: reference data, not the user's own, so every save of the
database does not rewrite thousands of shows."""

from __future__ import annotations

import gc
from pathlib import Path
from typing import Any

import orjson
from msgspec import Struct, field

from watchlist.domain.model import Season, Show
from watchlist.storage import converters as conv
from watchlist.storage.adapter import cleaned
from watchlist.storage.errors import RecordError, StorageError
from watchlist.storage.files import set_aside, write_atomically
from watchlist.storage.tables import Problem, Table

FORMAT = "watchlist-catalog"
VERSION = 1


SUFFIX = ".catalog.json"
"""Beside the database: `watchlist.json` -> `watchlist.catalog.json`."""


class ImportedCatalog(Struct):
    datasets: dict[str, dict[str, Any]] = field(default_factory=dict)
    """Each dataset imported: its licence, version, home page and when it was imported."""
    seasons: dict[str, Season] = field(default_factory=dict)
    shows: Table[Show] = field(default_factory=lambda: Table("shows", conv.show_from_doc))
    problems: list[Problem] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)

    def show_documents(self) -> dict[str, dict[str, Any]]:
        """Every show as a document by slug: as read, or written anew once converted."""
        return dict(zip(self.shows, self.shows.documents(conv.show_to_doc), strict=True))


def load_imported(path: Path) -> ImportedCatalog:
    """The imported catalogs, if any; a damaged file is set aside and reported, never used."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return ImportedCatalog()
    except OSError as error:
        raise StorageError(f"cannot read {path}: {error.strerror}") from None
    collecting = gc.isenabled()
    gc.disable()  # thousands of shows: see tinydb_adapter.load
    try:
        doc = cleaned(orjson.loads(raw), raw)
        gc.freeze()
    except orjson.JSONDecodeError:
        doc = None
    finally:
        if collecting:
            gc.enable()
    catalog = ImportedCatalog()
    try:
        if not isinstance(doc, dict) or doc.get("format") != FORMAT:
            raise RecordError("it is not a watchlist catalog file")
        if doc.get("version", 0) > VERSION:
            raise RecordError("it was written by a newer watchlist")
        catalog.datasets = dict(doc.get("datasets") or {})
        for key, season in (doc.get("seasons") or {}).items():
            catalog.seasons[key] = conv.season_from_doc(season, f"catalog season {key}")
        shows = doc.get("shows") or {}
        if not isinstance(shows, dict):
            raise RecordError("its shows are not an object")
    except RecordError as error:
        aside = set_aside(path, "catalog")
        catalog.notices.append(
            f"The imported season catalog could not be read ({error}); it was set aside as "
            f"{aside.name}. Import the season again to get it back."
        )
        return ImportedCatalog(notices=catalog.notices)
    catalog.shows = Table("shows", conv.show_from_doc, dict(shows), catalog.problems)
    return catalog


def extend_imported(
    path: Path, shows: list[Show], seasons: list[Season], datasets: dict[str, Any]
) -> bytes:
    """Add shows (and their seasons and datasets' credits) the file lacks; those it has
    stay as they are. The caller holds the database's lock."""
    current = load_imported(path)
    docs = current.show_documents()
    for show in shows:
        docs.setdefault(show.slug, conv.show_to_doc(show))
    for season in seasons:
        current.seasons.setdefault(season.slug, season)
    for name, about in datasets.items():
        if isinstance(about, dict):
            current.datasets.setdefault(name, about)
    return save_imported(path, current, docs)


def save_imported(path: Path, catalog: ImportedCatalog, shows: dict[str, dict[str, Any]]) -> bytes:
    """Write the whole file atomically (the caller holds the database's lock); the bytes
    written are returned."""
    doc = {
        "format": FORMAT,
        "version": VERSION,
        "datasets": catalog.datasets,
        "seasons": {slug: conv.season_to_doc(s) for slug, s in sorted(catalog.seasons.items())},
        "shows": shows,
    }
    payload = orjson.dumps(doc, option=orjson.OPT_APPEND_NEWLINE)
    write_atomically(path, payload)
    return payload
