"""JSON backup: everything the user owns, restored exactly or merged by a fixed rule.

Merge rule, when the database already holds data:
- shows, seasons and critic pieces you added: those missing are added; one that
  exists (same id) keeps the database's version;
- verdicts: added by id, so importing the same backup twice adds nothing;
- entries: the episodes watched in either are kept (the earlier logged moment
  wins); episode scores and notes in the database win, the backup fills gaps;
  the status, dates and rewatch count come from whichever was updated last;
- settings stay as the database has them.

A backup restores on its own: it carries the facts of every show it refers to that
the shipped catalog lacks (a show from an imported season), and restoring adds them
to the imported catalog beside the database when that catalog lacks them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any

import orjson
from msgspec import Struct, field
from msgspec.structs import replace

from watchlist import __version__
from watchlist.domain import progress
from watchlist.domain.dates import logged_key
from watchlist.domain.errors import InvalidInput
from watchlist.domain.model import CriticPiece, Entry, Origin, Season, Show, Verdict
from watchlist.domain.settings import Settings
from watchlist.domain.text import MAX_NOTE_CHARS, json_safe_bytes, plural
from watchlist.service.library import Library
from watchlist.storage import Writer
from watchlist.storage import converters as conv
from watchlist.storage.entry_fields import tracked_slugs
from watchlist.storage.errors import RecordError

BACKUP_FORMAT = "watchlist-backup"
BACKUP_VERSION = 1


def export_backup(lib: Library, now: datetime) -> bytes:
    """Everything the user owns, as one versioned JSON document."""
    doc: dict[str, Any] = {
        "format": BACKUP_FORMAT,
        "version": BACKUP_VERSION,
        "app_version": __version__,
        "exported_at": now.isoformat(),
        "settings": conv.settings_to_doc(lib.settings),
        # The stored records are the user's own: no copy of the catalog is among them.
        **{name: lib.snap.documents(name) for name in ("seasons", "shows", "pieces")},
        "entries": lib.snap.documents("entries"),
        "verdicts": lib.snap.documents("verdicts"),
        "catalog": _catalog_facts(lib),
    }
    # A backup printed to a terminal (`export -o -`) must not act on it either.
    return json_safe_bytes(
        orjson.dumps(doc, option=orjson.OPT_INDENT_2 | orjson.OPT_APPEND_NEWLINE)
    )


def _catalog_facts(lib: Library) -> dict[str, Any]:
    """The imported catalog's records of the shows the user's records refer to: what a
    database elsewhere needs to restore this one (the shipped catalog is everywhere)."""
    shipped = lib.catalog.shipped
    referred = tracked_slugs(lib.entries, lib.verdicts)  # read as stored, not converted
    referred |= {p.show for p in lib.pieces.values() if p.origin is Origin.USER}
    # Only imported-catalog shows: neither the shipped ones nor the user's own.
    outside = referred - set(shipped.shows) - set(lib.snap.shows)
    shows = [show for slug in sorted(outside) if (show := lib.shows.get(slug)) is not None]
    seasons = sorted({s for show in shows for s in show.seasons if s not in shipped.seasons})
    return {
        "shows": [conv.show_to_doc(show) for show in shows],
        "seasons": [conv.season_to_doc(lib.seasons[s]) for s in seasons if s in lib.seasons],
        "datasets": dict(lib.catalog.datasets) if shows else {},
    }


class Backup(Struct, frozen=True):
    settings: Settings
    seasons: list[Season]
    shows: list[Show]
    pieces: list[CriticPiece]
    entries: list[Entry]
    verdicts: list[Verdict]
    catalog_shows: list[Show] = field(default_factory=list)
    """Imported-catalog shows the records refer to (not the user's own)."""
    catalog_seasons: list[Season] = field(default_factory=list)
    datasets: dict[str, Any] = field(default_factory=dict)


def _read_all(
    doc: dict[str, Any], key: str, read: Callable[[Any, str], Any], name: str
) -> list[Any]:
    items = doc.get(key, [])
    if not isinstance(items, list):
        raise InvalidInput(f"{name}: '{key}' must be a list")
    result = []
    for n, item in enumerate(items):
        try:
            result.append(read(item, f"{name}: {key}[{n}]"))
        except RecordError as error:
            raise InvalidInput(str(error)) from None
    return result


def is_backup(doc: Any) -> bool:
    return isinstance(doc, dict) and doc.get("format") == BACKUP_FORMAT


def parse_backup(doc: Any, name: str) -> Backup:
    """Read and check a whole backup (its parsed JSON) before anything is written."""
    if not is_backup(doc):
        raise InvalidInput(f'{name}: not a watchlist backup (no "format": "{BACKUP_FORMAT}")')
    version = doc.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise InvalidInput(f"{name}: the backup has no valid version")
    if version > BACKUP_VERSION:
        raise InvalidInput(
            f"{name}: written by a newer watchlist (backup version {version}; this version reads "
            f"up to {BACKUP_VERSION}); upgrade watchlist to import it"
        )
    try:
        settings = conv.settings_from_doc(doc.get("settings", {}), f"{name}: settings")
    except RecordError as error:
        raise InvalidInput(str(error)) from None
    catalog = doc.get("catalog") or {}
    if not isinstance(catalog, dict):
        raise InvalidInput(f"{name}: 'catalog' must be an object")
    where = f"{name}: catalog"
    datasets = catalog.get("datasets") or {}
    return Backup(
        settings=settings,
        seasons=[
            replace(s, origin=Origin.USER)
            for s in _read_all(doc, "seasons", conv.season_from_doc, name)
        ],
        shows=[
            replace(s, origin=Origin.USER)
            for s in _read_all(doc, "shows", conv.show_from_doc, name)
        ],
        pieces=[
            replace(p, origin=Origin.USER)
            for p in _read_all(doc, "pieces", conv.piece_from_doc, name)
        ],
        entries=_read_all(doc, "entries", conv.entry_from_doc, name),
        verdicts=_read_all(doc, "verdicts", conv.verdict_from_doc, name),
        catalog_shows=[
            replace(s, origin=Origin.CATALOG)
            for s in _read_all(catalog, "shows", conv.show_from_doc, where)
        ],
        catalog_seasons=_read_all(catalog, "seasons", conv.season_from_doc, where),
        datasets=datasets if isinstance(datasets, dict) else {},
    )


def _no_repeats(items: list[Any], key: str, kind: str, name: str) -> None:
    seen: dict[str, int] = {}
    for n, item in enumerate(items):
        value = getattr(item, key)
        if value in seen:
            raise InvalidInput(
                f"{name}: {kind}[{n}]: a second record for '{value}' "
                f"(the first is {kind}[{seen[value]}])"
            )
        seen[value] = n


def _check_text(text: str, where: str) -> None:
    if len(text) > MAX_NOTE_CHARS:
        raise InvalidInput(
            f"{where}: a note of {len(text):,} characters; the limit is {MAX_NOTE_CHARS:,}"
        )


def check_references(backup: Backup, lib: Library, name: str) -> None:
    """The same rules as for typed input: every record points at a show that exists
    here or comes with the backup, episodes are within that show, notes within
    the limit, and no record appears twice."""
    shows = (
        dict(lib.shows)
        | {s.slug: s for s in backup.catalog_shows}
        | {s.slug: s for s in backup.shows}
    )
    for kind, records, key in (
        ("seasons", backup.seasons, "slug"),
        ("shows", backup.shows, "slug"),
        ("pieces", backup.pieces, "id"),
        ("entries", backup.entries, "show"),
        ("verdicts", backup.verdicts, "id"),
    ):
        _no_repeats(records, key, kind, name)
    about_shows: tuple[tuple[str, Sequence[Entry | Verdict | CriticPiece]], ...] = (
        ("entries", backup.entries),
        ("verdicts", backup.verdicts),
        ("pieces", backup.pieces),
    )
    for kind, items in about_shows:
        for n, item in enumerate(items):
            if item.show not in shows:
                raise InvalidInput(
                    f"{name}: {kind}[{n}]: show '{item.show}' is neither in the catalog "
                    "nor in the backup"
                )
    for n, entry in enumerate(backup.entries):
        where = f"{name}: entries[{n}]"
        last = shows[entry.show].episodes
        numbers = [*entry.watched, *entry.ratings, *entry.notes, *(e for e, _ in entry.earlier)]
        beyond = [e for e in numbers if last is not None and e > last]
        if beyond:
            raise InvalidInput(
                f"{where}: episode {max(beyond)} of '{entry.show}', which has {last}"
            )
        for text in (*entry.notes.values(), entry.comments):
            _check_text(text, where)
    for n, verdict in enumerate(backup.verdicts):
        where = f"{name}: verdicts[{n}]"
        last = shows[verdict.show].episodes
        if verdict.episode is not None and last is not None and verdict.episode > last:
            raise InvalidInput(
                f"{where}: given at episode {verdict.episode} of '{verdict.show}', which has {last}"
            )
        _check_text(verdict.notes, where)


def is_empty(lib: Library) -> bool:
    """Nothing of the user's yet: a backup restores exactly instead of merging."""
    return not (
        lib.entries
        or any(lib.verdicts.values())
        or any(s.origin is Origin.USER for s in lib.shows.values())
        or any(p.origin is Origin.USER for p in lib.pieces.values())
        or any(s.origin is Origin.USER for s in lib.seasons.values())
    )


def merge_entries(mine: Entry, theirs: Entry, show: Show | None) -> Entry:
    newer = (
        theirs
        if (theirs.updated_at and mine.updated_at and theirs.updated_at > mine.updated_at)
        else mine
    )
    if mine.rewatching != theirs.rewatching:
        # One is in a rewatch the other knows nothing of: the newer one's passes stand,
        # and what only the other logged goes to the diary.
        older = theirs if newer is mine else mine
        kept = newer.logs()
        extra = tuple(item for item in older.logs() if item not in kept)
        return replace(newer, earlier=(*newer.earlier, *extra))
    watched = dict(mine.watched)
    for number, moment in theirs.watched.items():
        # The earlier logged moment wins; an undated one gives way to any date.
        if number not in watched or logged_key(moment) < logged_key(watched[number]):
            watched[number] = moment
    earlier = (*mine.earlier, *(item for item in theirs.earlier if item not in mine.earlier))
    merged = replace(
        newer,
        watched=dict(sorted(watched.items())),
        earlier=earlier,
        ratings={**theirs.ratings, **mine.ratings},
        notes={**theirs.notes, **mine.notes},
        comments=mine.comments or theirs.comments,
        started=min((d for d in (mine.started, theirs.started) if d), default=None),
    )
    if not merged.status_by_hand:
        episodes = show.episodes if show else None
        merged = replace(merged, status=progress.automatic_status(len(watched), episodes))
    return merged


class BackupPlan(Struct):
    """What importing a backup changes, following the merge rule above (an import plan:
    see `importing.base.Plan`)."""

    exact: bool = False
    """True for an exact restore into an empty database, False for a merge."""
    chosen: dict[str, list[Any]] = field(default_factory=dict)
    settings: Settings | None = None
    """Settings to write: only on an exact restore."""
    source: str = ""
    catalog_shows: list[Show] = field(default_factory=list)
    """Imported-catalog shows this database's catalog lacks, to add to it."""
    catalog_seasons: list[Season] = field(default_factory=list)
    datasets: dict[str, Any] = field(default_factory=dict)

    skipped = 0
    """A backup is restored whole or refused: nothing is ever skipped."""

    def write(self, tx: Writer) -> None:
        tx.put_many([obj for objects in self.chosen.values() for obj in objects])
        if self.settings is not None and self.settings != tx.data.settings:
            tx.put_settings(self.settings)

    def lines(self) -> list[str]:
        how = "restore into an empty database" if self.exact else "merge into your data"
        counts = ", ".join(f"{len(v)} {k}" for k, v in self.chosen.items())
        lines = [f"Backup {self.source} ({how}): {counts}"]
        if self.catalog_shows:
            lines.append(
                f"  {plural(len(self.catalog_shows), 'show')} of imported seasons it refers "
                "to were added to the imported catalog"
            )
        return lines


def plan_backup(backup: Backup, lib: Library, source: str) -> BackupPlan:
    """What importing `backup` changes, following the merge rule above."""
    exact = is_empty(lib)
    known_verdicts = {v.id for vs in lib.verdicts.values() for v in vs}
    chosen: dict[str, list[Any]] = {
        "seasons": [s for s in backup.seasons if s.slug not in lib.seasons],
        "shows": [s for s in backup.shows if s.slug not in lib.shows],
        "pieces": [p for p in backup.pieces if p.id not in lib.pieces],
        "entries": [],
        "verdicts": [v for v in backup.verdicts if v.id not in known_verdicts],
    }
    for entry in backup.entries:
        mine = lib.entries.get(entry.show)
        merged = entry if mine is None else merge_entries(mine, entry, lib.shows.get(entry.show))
        if merged != mine:
            chosen["entries"].append(merged)
    missing = [s for s in backup.catalog_shows if s.slug not in lib.shows]
    seasons = {s for show in missing for s in show.seasons}
    return BackupPlan(
        exact=exact,
        chosen=chosen,
        settings=backup.settings if exact else None,
        source=source,
        catalog_shows=missing,
        catalog_seasons=[s for s in backup.catalog_seasons if s.slug in seasons],
        datasets=backup.datasets,
    )
