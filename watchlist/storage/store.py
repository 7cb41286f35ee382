"""The watchlist database: a TinyDB file held in memory, saved atomically under a lock.

Every change runs inside `Store.transaction()`, which takes the file lock,
re-reads the file if another process changed it, applies the change to the
fresh state and saves once. Two copies of the app therefore never interleave
writes and never drop each other's changes.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar

from tinydb import TinyDB

from watchlist.domain.model import (
    CriticPiece,
    Entry,
    Origin,
    Season,
    Settings,
    Show,
    Verdict,
)
from watchlist.storage import converters as conv
from watchlist.storage.catalog import Catalog
from watchlist.storage.durable import DurableStorage, Tables, decode
from watchlist.storage.errors import (
    DamagedFile,
    DatabaseBusy,
    NewerSchema,
    RecordError,
    SaveFailed,
    StorageError,
)
from watchlist.storage.files import backup_path, set_aside, stale_temps
from watchlist.storage.lock import LockTimeout, ProcessLock
from watchlist.storage.table import InPlaceTable

SCHEMA_VERSION = 1
"""Bumped when the document format changes in a way older versions cannot read."""

LOCK_TIMEOUT = 10.0
"""Seconds to wait for another copy of watchlist to finish saving."""

T = TypeVar("T")


@dataclass(frozen=True)
class RecordKind:
    """How one kind of record is kept: its table, the field that names a record
    (never TinyDB's doc_id, which is reused after deletes), and its conversions."""

    table: str
    key: str
    read: Callable[[Any, str], Any]
    write: Callable[[Any], dict[str, Any]]


RECORDS: dict[type, RecordKind] = {
    Season: RecordKind("seasons", "slug", conv.season_from_doc, conv.season_to_doc),
    Show: RecordKind("shows", "slug", conv.show_from_doc, conv.show_to_doc),
    CriticPiece: RecordKind("pieces", "id", conv.piece_from_doc, conv.piece_to_doc),
    Entry: RecordKind("entries", "show", conv.entry_from_doc, conv.entry_to_doc),
    Verdict: RecordKind("verdicts", "id", conv.verdict_from_doc, conv.verdict_to_doc),
}
KEYS = {kind.table: kind.key for kind in RECORDS.values()}
READERS = {kind.table: kind.read for kind in RECORDS.values()}


def utc_now() -> datetime:
    return datetime.now(UTC)


class _TinyDB(TinyDB):
    table_class = InPlaceTable


@dataclass
class Snapshot:
    """Domain objects for one version of the file; rebuilt only when the file changes."""

    seasons: dict[str, Season] = field(default_factory=dict)
    shows: dict[str, Show] = field(default_factory=dict)
    pieces: dict[str, CriticPiece] = field(default_factory=dict)
    entries: dict[str, Entry] = field(default_factory=dict)
    verdicts: dict[str, list[Verdict]] = field(default_factory=dict)
    """By show, oldest first."""
    settings: Settings = field(default_factory=Settings)
    meta: dict[str, Any] = field(default_factory=dict)
    ids: dict[str, dict[str, int]] = field(default_factory=dict)
    """table -> our key -> TinyDB doc_id, private to this module."""
    problems: list[str] = field(default_factory=list)
    """Records that could not be read, as one line each."""

    def copy(self) -> Snapshot:
        """A snapshot for a transaction: it shares every table until the transaction
        changes one (see `Store._own`), so readers keep the published one intact and
        a save at 5,000 shows does not copy tables it leaves alone."""
        return Snapshot(
            seasons=self.seasons,
            shows=self.shows,
            pieces=self.pieces,
            entries=self.entries,
            verdicts=self.verdicts,
            settings=self.settings,
            meta=self.meta,
            ids=dict(self.ids),
        )


def build_snapshot(data: Tables) -> Snapshot:
    """Convert every stored document; unreadable ones are listed and dropped from `data`."""
    snap = Snapshot()
    meta_table = data.get("meta", {})
    if len(meta_table) != 1:
        raise DamagedFile("it has no watchlist header (the 'meta' record)")
    meta_id, meta = next(iter(meta_table.items()))
    snap.ids["meta"] = {"meta": int(meta_id)}
    schema = meta.get("schema") if isinstance(meta, dict) else None
    if not isinstance(schema, int) or isinstance(schema, bool) or schema < 1:
        raise DamagedFile("its header has no valid schema version")
    if schema > SCHEMA_VERSION:
        raise NewerSchema(
            f"it was written by a newer watchlist (schema {schema}; this version reads up "
            f"to {SCHEMA_VERSION}); upgrade watchlist to use it. The file was not changed"
        )
    snap.meta = dict(meta)
    for doc_id, doc in list(data.get("settings", {}).items()):
        try:
            if "settings" in snap.ids:
                raise RecordError(f"settings record {doc_id}: a second settings record")
            snap.settings = conv.settings_from_doc(doc, f"settings record {doc_id}")
            snap.ids["settings"] = {"settings": int(doc_id)}
        except RecordError as error:
            snap.problems.append(str(error))
            del data["settings"][doc_id]
    for table, key in KEYS.items():
        rows = data.get(table, {})
        ids: dict[str, int] = {}
        objects: dict[str, Any] = {}
        for doc_id, doc in list(rows.items()):
            try:
                obj = READERS[table](doc, f"{table} record {doc_id}")
                identity = getattr(obj, key)
                if identity in objects:
                    raise RecordError(f"{table} record {doc_id}: a second record for '{identity}'")
            except RecordError as error:
                snap.problems.append(str(error))
                del rows[doc_id]
                continue
            objects[identity] = obj
            ids[identity] = int(doc_id)
        snap.ids[table] = ids
        if table == "verdicts":
            for verdict in sorted(objects.values(), key=lambda v: v.given_at):
                snap.verdicts.setdefault(verdict.show, []).append(verdict)
        else:
            setattr(snap, table, objects)
    return snap


class Store:
    """The database behind one file. Safe to share between threads: readers use
    the last published snapshot and never wait for a save in progress."""

    def __init__(
        self,
        path: Path,
        *,
        catalog: Catalog | None = None,
        clock: Callable[[], datetime] = utc_now,
        lock_timeout: float = LOCK_TIMEOUT,
    ) -> None:
        self.path = Path(path)
        self.catalog = catalog
        self.clock = clock
        self.notices: list[str] = []
        """Plain-language reports of recoveries made while opening or refreshing."""
        self.read_only: str | None = None
        """Why saving is impossible (for example a read-only folder), or None."""
        self.generation = 0
        """Incremented whenever the published data changes, here or on disk."""
        self._mutex = threading.RLock()
        self._lock = ProcessLock(str(self.path) + ".lock", timeout=lock_timeout)
        self._storage = DurableStorage(self.path)
        self._db = _TinyDB(storage=lambda: self._storage)
        self._snap = Snapshot()
        self._working: Snapshot | None = None
        self._newer: str | None = None
        """Set when another program saved a newer format while this store was open."""
        self.refresh_on_read = True
        """Re-read a changed file before a read. The TUI turns this off and re-reads
        in a worker instead, so a large file never stalls a keystroke."""
        self._owned: set[str] = set()
        """Tables the working snapshot has copied and may change."""
        self._writer_thread: int | None = None
        try:
            self._open()
        except BaseException:
            self._lock.close()
            raise

    # ----------------------------------------------------------------- opening

    def _open(self) -> None:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise StorageError(
                f"cannot create the folder for {self.path}: {error.strerror}"
            ) from None
        try:
            with self._file_lock():
                for temp in stale_temps(self.path):
                    with contextlib.suppress(OSError):
                        temp.unlink()
                self._load_or_create()
                self._seed()
        except SaveFailed as error:
            if not self.path.exists():
                raise
            # Cannot lock or write here (a read-only folder, a full disk): open
            # what is on disk for reading and say so.
            self.read_only = str(error)
            self._load_or_create(can_write=False)

    def _load_or_create(self, can_write: bool = True) -> None:
        if not self.path.exists():
            self._storage.data = self._new_data()
            self._publish(build_snapshot(self._storage.data))
            self._save()
            return
        try:
            self._storage.load()
            snap = build_snapshot(self._storage.data)
        except DamagedFile as error:
            if not can_write:
                raise StorageError(f"the database {self.path} is damaged: {error}") from None
            self._recover(str(error), fallback=None)
            return
        except OSError as error:
            raise StorageError(f"cannot read {self.path}: {error.strerror}") from None
        self._publish(snap)
        if snap.problems and can_write:
            self._salvage(snap.problems)

    def _new_data(self) -> Tables:
        created = self.clock().isoformat()
        return {"meta": {"1": {"schema": SCHEMA_VERSION, "catalog": None, "created": created}}}

    def _stamp(self) -> str:
        return self.clock().strftime("%Y%m%dT%H%M%S")

    def _recover(self, reason: str, fallback: Tables | None) -> None:
        """Set a damaged file aside and continue from the best copy we have."""
        aside = set_aside(self.path, self._stamp())
        restored: Tables | None = None
        source = ""
        if fallback is not None:
            restored, source = fallback, "the copy this session had in memory"
        else:
            backup = backup_path(self.path)
            try:
                candidate = decode(backup.read_bytes())
                if not build_snapshot(candidate).problems:
                    saved = datetime.fromtimestamp(backup.stat().st_mtime)
                    restored = candidate
                    source = f"the last good copy (saved {saved:%Y-%m-%d %H:%M})"
            except (OSError, StorageError):
                restored = None
        if restored is None:
            restored, source = self._new_data(), "a fresh database with the catalog"
        self._storage.data = restored
        self._publish(build_snapshot(restored))
        self._save(keep_backup=False)
        self._seed()
        self.notices.append(
            f"The database file was damaged ({reason}). It was set aside as {aside.name} "
            f"and watchlist continued from {source}."
        )

    def _salvage(self, problems: list[str]) -> None:
        """Keep every readable record; the original file is set aside untouched."""
        aside = set_aside(self.path, self._stamp())
        self._save(keep_backup=False)
        count = len(problems)
        more = f"; and {count - 1} more" if count > 1 else ""
        self.notices.append(
            f"{count} damaged record{'s' if count != 1 else ''} could not be read and "
            f"{'were' if count != 1 else 'was'} left out ({problems[0]}{more}). "
            f"The original file was set aside as {aside.name}."
        )

    # ------------------------------------------------------------- the catalog

    def _seed(self) -> None:
        """Bring the stored catalog up to date with the shipped one; user data is untouched."""
        if self.catalog is None or self._snap.meta.get("catalog") == self.catalog.version:
            return
        with self.transaction():
            self._apply_catalog(self.catalog)

    def _apply_catalog(self, catalog: Catalog) -> None:
        seasons: dict[str, Season] = {}
        shows: dict[str, Show] = {}
        pieces: dict[str, CriticPiece] = {}
        for seed in catalog.files:
            season = conv.season_from_doc(seed.season, "seed season")
            seasons[season.slug] = season
            for doc in seed.shows:
                show = replace(conv.show_from_doc(doc, "seed show"), season=season.slug)
                shows[show.slug] = show
            for doc in seed.pieces:
                piece = conv.piece_from_doc(doc, "seed piece")
                pieces[piece.id] = piece
        snap = self._edit
        in_use = set(snap.entries) | set(snap.verdicts)
        for slug, old in list(snap.seasons.items()):
            if old.origin is Origin.CATALOG and slug not in seasons:
                self._remove("seasons", slug)
        for slug, old_show in list(snap.shows.items()):
            # A show the user has history with stays, even if the catalog drops it.
            if old_show.origin is Origin.CATALOG and slug not in shows and slug not in in_use:
                self._remove("shows", slug)
        for piece_id, old_piece in list(snap.pieces.items()):
            if old_piece.origin is Origin.CATALOG and piece_id not in pieces:
                self._remove("pieces", piece_id)
        # What the user added under the same name stays theirs.
        self._put_objects(
            [season for season in seasons.values() if _catalog_owns(snap.seasons, season.slug)]
            + [show for show in shows.values() if _catalog_owns(snap.shows, show.slug)]
            + [piece for piece in pieces.values() if _catalog_owns(snap.pieces, piece.id)]
        )
        meta = self._own("meta")
        meta["catalog"] = catalog.version
        self._put_doc("meta", "meta", dict(meta))

    # ---------------------------------------------------------------- plumbing

    @contextmanager
    def _file_lock(self) -> Iterator[None]:
        try:
            self._lock.acquire()
        except LockTimeout:
            raise DatabaseBusy(
                "the database is busy: another watchlist has been saving for "
                f"{self._lock.timeout:g} seconds; try again"
            ) from None
        except OSError as error:
            raise SaveFailed(f"cannot lock the database for saving: {error.strerror}") from None
        try:
            yield
        finally:
            self._lock.release()

    @property
    def _edit(self) -> Snapshot:
        """The snapshot the open transaction changes."""
        assert self._working is not None, "changes happen only inside a transaction"
        return self._working

    def _publish(self, snap: Snapshot) -> None:
        # A fresh TinyDB drops the old tables' caches (queries, next doc_id),
        # which may not match data another process wrote.
        if snap is not self._working:
            self._db = _TinyDB(storage=lambda: self._storage)
        self._snap = snap
        self._working = None
        self.generation += 1

    def _save(self, keep_backup: bool = True) -> None:
        try:
            self._storage.save(keep_backup)
        except OSError as error:
            raise SaveFailed(f"could not save to {self.path}: {error.strerror or error}") from None

    def _refresh(self) -> None:
        """Re-read the file if another process replaced it since we last saw it.

        What to do about what it finds (damage, a missing file, a newer format)
        is decided under the lock and after a second look: another copy may have
        just repaired or replaced the file.
        """
        if self._newer is not None or not self._storage.changed_on_disk():
            return
        if self.read_only:
            self._reread()
            return
        with self._file_lock():
            if self._storage.changed_on_disk():
                self._reread()

    def _reread(self) -> None:
        if not self.path.exists():
            if self.read_only:
                raise StorageError(f"the database {self.path} disappeared")
            self._save()
            self.notices.append(
                f"The database file {self.path.name} disappeared; it was saved again."
            )
            return
        known, known_signature = self._storage.data, self._storage.saved
        try:
            self._storage.load()
            snap = build_snapshot(self._storage.data)
        except DamagedFile as error:
            if self.read_only:
                self._storage.data, self._storage.saved = known, known_signature
                raise StorageError(f"the database {self.path} is damaged: {error}") from None
            self._recover(str(error), fallback=known)
            return
        except NewerSchema as error:
            # Another program saved a newer format: keep showing what we had and
            # never write over theirs.
            self._storage.data, self._storage.saved = known, known_signature
            self._newer = str(error)
            self.read_only = "another program saved it with a newer watchlist"
            self.notices.append(
                "The database was saved by a newer watchlist in the meantime; nothing more "
                "will be saved from here. Restart with the newer version."
            )
            return
        except OSError as error:
            self._storage.data, self._storage.saved = known, known_signature
            raise StorageError(f"cannot read {self.path}: {error.strerror}") from None
        self._publish(snap)
        if snap.problems and not self.read_only:
            self._salvage(snap.problems)

    def _own(self, name: str) -> Any:
        """The working snapshot's own copy of one of its tables, made on first change."""
        snap = self._edit
        if name not in self._owned:
            self._owned.add(name)
            setattr(snap, name, dict(getattr(snap, name)))
        return getattr(snap, name)

    def _own_ids(self, table: str) -> dict[str, int]:
        snap = self._edit
        key = f"ids:{table}"
        if key not in self._owned:
            self._owned.add(key)
            snap.ids[table] = dict(snap.ids.get(table, {}))
        return snap.ids.setdefault(table, {})

    def _put_doc(self, table: str, key: str, doc: dict[str, Any]) -> None:
        """Store `doc` as the record `key` of `table`, replacing any earlier version."""
        ids = self._own_ids(table)
        tinydb_table = self._db.table(table)
        if key in ids:

            def overwrite(stored: dict[str, Any]) -> None:
                stored.clear()
                stored.update(doc)

            tinydb_table.update(overwrite, doc_ids=[ids[key]])
        else:
            ids[key] = tinydb_table.insert(doc)

    def _put_many(self, table: str, items: list[tuple[str, dict[str, Any], Any]]) -> None:
        """Store many records of one table with one TinyDB call for the new ones and
        one for the changed ones: TinyDB rewrites its whole table dict per call."""
        # One record per key: a repeated key would store two documents for it.
        items = list({key: (key, doc, obj) for key, doc, obj in items}.values())
        ids = self._own_ids(table)
        tinydb_table = self._db.table(table)
        changed = {key: doc for key, doc, _ in items if key in ids}
        if changed:
            field_name = KEYS[table]

            def overwrite(stored: dict[str, Any]) -> None:
                replacement = changed[stored[field_name]]
                stored.clear()
                stored.update(replacement)

            tinydb_table.update(overwrite, doc_ids=[ids[key] for key in changed])
        fresh = [(key, doc) for key, doc, _ in items if key not in ids]
        if fresh:
            new_ids = tinydb_table.insert_multiple([doc for _, doc in fresh])
            ids.update((key, doc_id) for (key, _), doc_id in zip(fresh, new_ids, strict=True))
        objects = self._own(table)
        if table == "verdicts":
            by_show: dict[str, list[Any]] = {}
            for key, _, obj in items:
                by_show.setdefault(obj.show, []).append((key, obj))
            for show, added in by_show.items():
                keys = {key for key, _ in added}
                history = [v for v in objects.get(show, []) if v.id not in keys]
                objects[show] = sorted(
                    [*history, *(obj for _, obj in added)], key=lambda v: v.given_at
                )
        else:
            for key, _, obj in items:
                objects[key] = obj

    def _put_objects(self, objects: list[Any]) -> None:
        """Store seasons, shows, pieces, entries or verdicts: one `_put_many` per table."""
        groups: dict[str, list[tuple[str, dict[str, Any], Any]]] = {}
        for obj in objects:
            kind = RECORDS[type(obj)]
            groups.setdefault(kind.table, []).append((getattr(obj, kind.key), kind.write(obj), obj))
        for table, items in groups.items():
            self._put_many(table, items)

    def _remove(self, table: str, key: str) -> None:
        """Remove a catalog season, show or piece (keyed by their own name, not by show)."""
        doc_id = self._own_ids(table).pop(key, None)
        if doc_id is None:
            return
        self._db.table(table).remove(doc_ids=[doc_id])
        self._own(table).pop(key, None)

    # ------------------------------------------------------------------ public

    @contextmanager
    def transaction(self) -> Iterator[Writer]:
        """Change the database: all or nothing, saved durably before this returns."""
        with self._mutex:
            if self._working is not None:
                yield Writer(self)  # joins the transaction this thread already has open
                return
            if self.read_only:
                raise SaveFailed(f"the database is open read-only: {self.read_only}")
            with self._file_lock():
                self._refresh()
                if self.read_only:  # the re-read found a file this version must not write
                    raise SaveFailed(f"the database is open read-only: {self.read_only}")
                self._working = self._snap.copy()
                self._owned = set()
                self._writer_thread = threading.get_ident()
                try:
                    with self._storage.batch():
                        yield Writer(self)
                except BaseException as error:
                    self._storage.discard_batch()
                    self._working = None
                    if self._storage.changing:
                        # Bad input refused before any change needs no re-read.
                        self._reload_after_failure()
                    if isinstance(error, OSError):
                        raise SaveFailed(
                            f"could not save to {self.path}: {error.strerror or error}"
                        ) from None
                    raise
                finally:
                    self._writer_thread = None
                self._publish(self._working)

    def _reload_after_failure(self) -> None:
        """After a failed change, memory goes back to what the file holds."""
        try:
            self._storage.load()
            self._publish(build_snapshot(self._storage.data))
        except (OSError, StorageError) as error:
            # Memory may hold half a change now: never save it.
            self.read_only = f"the database could not be read back after a failed save ({error})"

    def read(self, view: Callable[[Snapshot], T]) -> T:
        """Run `view` on the current data, re-reading the file first if it changed.

        Inside a transaction the caller sees its own uncommitted changes. While
        another thread is saving, the last published snapshot is used as it is.
        """
        if self._writer_thread == threading.get_ident() and self._working is not None:
            return view(self._working)
        if self.refresh_on_read and self._mutex.acquire(blocking=False):
            try:
                self._refresh()
            finally:
                self._mutex.release()
        return view(self._snap)

    def changed_on_disk(self) -> bool:
        """Whether another process saved since we last looked (a cheap stat)."""
        return self._newer is None and self._storage.changed_on_disk()

    def refresh(self) -> None:
        """Re-read the file now if another process changed it (for a worker thread)."""
        with self._mutex:
            self._refresh()

    def take_notices(self) -> list[str]:
        with self._mutex:
            notices, self.notices = self.notices, []
            return notices

    def raw(self) -> Tables:
        """The stored documents, for exports and tests."""
        with self._mutex:
            self._refresh()
            return self._storage.data

    def close(self) -> None:
        with self._mutex:
            self._db.close()
            self._lock.close()


class Writer:
    """What a transaction may do. Obtained only from `Store.transaction()`."""

    def __init__(self, store: Store) -> None:
        self._store = store

    @property
    def data(self) -> Snapshot:
        """The data as this transaction has changed it so far."""
        return self._store._edit

    def put_entry(self, entry: Entry) -> None:
        self.put_many([entry])

    def put_verdict(self, verdict: Verdict) -> None:
        self.put_many([verdict])

    def put_show(self, show: Show) -> None:
        self.put_many([show])

    def put_season(self, season: Season) -> None:
        self.put_many([season])

    def put_piece(self, piece: CriticPiece) -> None:
        self.put_many([piece])

    def put_many(self, objects: list[Any]) -> None:
        """Store many seasons, shows, pieces, entries or verdicts at once (imports)."""
        self._store._put_objects(objects)

    def put_settings(self, settings: Settings) -> None:
        self._store._put_doc("settings", "settings", conv.settings_to_doc(settings))
        self._store._edit.settings = settings


def _catalog_owns(kept: dict[str, Any], key: str) -> bool:
    """Whether the catalog may write `key`: it is new, or the catalog put it there."""
    old = kept.get(key)
    return old is None or old.origin is Origin.CATALOG
