"""The TinyDB adapter: the documents in a TinyDB database on one JSON file.

Everything TinyDB-specific lives here and in `tinydb_tables.py` (the storage
that holds the file in memory, the table that updates documents in place): saving
atomically, and the map from our keys to TinyDB's record ids (which the rest of
the app never sees).
"""

from __future__ import annotations

import gc
import os
import time
from collections import defaultdict
from collections.abc import Iterator, MutableMapping, Sequence
from contextlib import contextmanager, suppress
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from watchlist.storage.adapter import Encoded, decode, encode_pieces, split
from watchlist.storage.catalog_file import SUFFIX as CATALOG_SUFFIX
from watchlist.storage.deferred import DEFERRED, DeferredRows
from watchlist.storage.errors import StorageError
from watchlist.storage.files import (
    Signature,
    backup_path,
    cannot_write,
    copy_of,
    real_path,
    set_aside,
    signature,
    stale_temps,
    write_atomically,
)
from watchlist.storage.lock import ProcessLock
from watchlist.storage.records import Doc, DocChange, Tables, record_ids
from watchlist.storage.vouch_file import Span, VouchFile

if TYPE_CHECKING:
    from watchlist.storage.tinydb_tables import TinyDBOnMemory

BACKUP_EVERY = 60.0
"""Seconds between refreshes of the `.bak` copy (the first save of a run always makes one)."""

VOUCH_FROM = 256 * 1024
"""Files from this size on remember which version watchlist wrote or checked (in a
`.checked` file beside them), so opening them converts records only as they are
read; smaller ones are checked in full at every open, which costs next to nothing."""


class _Memory:
    """The whole database in memory, as it is read (see `tinydb_tables.Memory`)."""

    __slots__ = ("data",)

    def __init__(self) -> None:
        self.data: Tables = {}


class TinyDBAdapter:
    """One database file. Reads are served from memory; each commit saves atomically
    (temporary file, fsync, rename, folder fsync) and refreshes the `.bak` copy at
    most once a minute."""

    def __init__(self, path: Path, *, changing: bool = False) -> None:
        self.path = Path(path)
        self._deferred = ("verdicts", "shows") if changing else tuple(DEFERRED)
        """The tables of a large file left unparsed until read (see `split`). A command
        about to change records parses the entries as it opens: most changes are to
        them, and a skim before the parse would be wasted. Its show is found by the
        shows' titles alone, and the shows are saved again as the bytes they were."""
        self.location = str(self.path)
        self._storage = _Memory()
        self._tinydb: TinyDBOnMemory | None = None
        """Made for the first commit: a command that only reads never loads TinyDB."""
        self._ids: dict[str, dict[str, int]] = {}
        self._saved: Signature | None = None
        self._last_backup = -BACKUP_EVERY
        self._directory_fd: int | None = None
        self._target: Path | None = None
        self._vouch_file = VouchFile()
        self._spans: list[Span] = []
        """Where the last save put each table (empty until this adapter saves)."""
        self._encoded: Encoded = {}
        """The bytes of each table unchanged since it was last read or saved: a save
        writes them as they are (see `encode_pieces`)."""
        self._changed: set[str] = set()
        """Tables changed since they were last read or saved."""

    @property
    def _db(self) -> TinyDBOnMemory:
        if self._tinydb is None:
            from watchlist.storage.tinydb_tables import MemoryBackedStorage, TinyDBOnMemory

            memory = self._storage
            self._tinydb = TinyDBOnMemory(storage=lambda: MemoryBackedStorage(memory))
        return self._tinydb

    def _real(self) -> Path:
        """The file saves replace: a link's target. Once found it is kept, so a target
        this adapter has just set aside (the link dangles for a moment) is still known."""
        try:
            self._target = real_path(self.path)
        except StorageError:
            if self._target is None:
                raise
        return self._target

    # --------------------------------------------------------------- reading

    def exists(self) -> bool:
        return self._real().exists()

    def beside(self, suffix: str) -> Path:
        """A file that goes with the database (its imported catalogs): `x.json` ->
        `x<suffix>`, in the folder the database really lives in."""
        target = self._real()
        return target.with_name(target.stem + suffix)

    def load(self) -> Tables:
        path = self._real()
        before = signature(path)
        raw = path.read_bytes()
        # Parsing makes a few hundred thousand objects at 20,000 shows; the cycle
        # collector would walk them all several times over (three times the parse).
        collecting = gc.isenabled()
        gc.disable()
        try:
            # A version this watchlist wrote or checked holds only clean text: the scan
            # for what a hand edit may have left (a tenth of the parse) is skipped, and
            # where its last save noted its tables, those few commands read are parsed.
            spans = self._spans_of(before)
            data = split(raw, spans, self.location, self._deferred) if spans else None
            laid_out = spans if spans and data is not None else []
            if data is None:
                data = decode(raw, clean=spans is None)
            # Nothing read holds a cycle: the collector need never look at it again
            # (plain reference counting still frees it when it is replaced).
            gc.freeze()
        finally:
            if collecting:
                gc.enable()
        # A writer that renamed in between changes the signature; then the bytes
        # we read may be either version, and the next check reads again.
        self._saved = before
        # Each table's bytes as read: the next save writes those it leaves unchanged.
        view = memoryview(raw)
        self._use(data, {name: [view[start:end]] for name, start, end in laid_out})
        return data

    def _use(self, data: Tables, read: Encoded | None = None) -> None:
        """Hold `data`: as just read from the file (with the bytes of the tables `read`
        kept as they lie in it), or, when `read` is None, new to it, every table to be
        encoded at the next save."""
        self._spans = []
        self._encoded = read if read is not None else {}
        self._changed = set() if read is not None else set(data)
        self._storage.data = data
        # A fresh TinyDB drops the old tables' caches (queries, next record id).
        self._tinydb = None  # a fresh TinyDB: the old tables' caches are dropped
        self._ids = {}  # built when a commit first needs them: a read-only command never does

    def _ids_of(self, table: str) -> dict[str, int]:
        ids = self._ids.get(table)
        if ids is None:
            ids = record_ids(table, self._storage.data.get(table, {}))
            self._ids[table] = ids
        return ids

    def changed(self) -> bool:
        return signature(self._real()) != self._saved

    def _checked_path(self) -> Path:
        target = self._real()
        return target.with_name(f".{target.name}.checked")

    def trusted(self) -> bool:
        return self._vouched_for(self._saved)

    def _vouched_for(self, saved: Signature | None) -> bool:
        return self._spans_of(saved) is not None

    def _spans_of(self, saved: Signature | None) -> list[Span] | None:
        """Where the tables lie in version `saved` when it is vouched for (empty when
        that was not noted), or None when it is not."""
        if saved is None or saved[2] < VOUCH_FROM:
            return None
        return self._vouch_file.spans(self._checked_path(), saved)

    def vouch(self) -> None:
        saved = self._saved
        if saved is None or saved[2] < VOUCH_FROM:
            return
        # Only a hint that saves a check: it needs no fsync, and losing it costs one
        # full check at the next open.
        self._vouch_file.write(self._checked_path(), saved, self._spans)

    def documents(self) -> Tables:
        return self._storage.data

    def find(self, table: str, key: str) -> Doc | None:
        rid = self._ids_of(table).get(key)
        return None if rid is None else self._storage.data[table].get(str(rid))

    # --------------------------------------------------------------- writing

    def commit(self, changes: Sequence[DocChange], *, keep_backup: bool = True) -> None:
        by_table: dict[str, list[DocChange]] = defaultdict(list)
        for change in changes:
            by_table[change.table].append(change)
        for table, items in by_table.items():
            self._apply(table, items)
        self._save(keep_backup)

    def _apply(self, table: str, changes: list[DocChange]) -> None:
        """One TinyDB call each for the changed, the new and the removed records of
        one table: TinyDB rewrites its table dict per call."""
        latest: dict[str, Doc | None] = {}
        for change in changes:
            latest[change.key] = change.doc  # the last change of a key wins
        ids = self._ids_of(table)
        self._encoded.pop(table, None)  # its bytes are no longer what it holds
        self._changed.add(table)
        rows = self._storage.data.get(table)
        if isinstance(rows, DeferredRows):
            self._storage.data[table] = rows.rows()  # TinyDB changes the table in place
        tinydb_table = self._db.table(table)
        changed = {ids[k]: doc for k, doc in latest.items() if doc is not None and k in ids}
        if changed:
            rows = self._storage.data.get(table, {})
            # TinyDB hands the updater each stored document, not its id.
            replacement = {id(rows[str(rid)]): doc for rid, doc in changed.items()}

            def overwrite(stored: MutableMapping[Any, Any]) -> None:
                doc = replacement[id(stored)]
                stored.clear()
                stored.update(doc)

            tinydb_table.update(overwrite, doc_ids=list(changed))
        fresh = [(k, doc) for k, doc in latest.items() if doc is not None and k not in ids]
        if fresh:
            # Every document of a commit is made for it (see `DocChange`): none is copied.
            new_ids = tinydb_table.insert_owned([doc for _, doc in fresh])
            ids.update((k, rid) for (k, _), rid in zip(fresh, new_ids, strict=True))
        gone = [ids.pop(k) for k, doc in latest.items() if doc is None and k in ids]
        if gone:
            tinydb_table.remove(doc_ids=gone)

    def reset(self, tables: Tables, *, keep_backup: bool = True) -> None:
        self._use(tables)
        self._save(keep_backup)

    def _save(self, keep_backup: bool) -> None:
        # The last good copy is refreshed at most once a minute: a hard link per
        # save would cost a fifth of a millisecond for a copy a minute fresher.
        now = time.monotonic()
        backup = keep_backup and now - self._last_backup >= BACKUP_EVERY and self._saved is not None
        target = self._real()
        if self._directory_fd is None:
            self._directory_fd = os.open(target.parent, os.O_RDONLY)
        spans: list[Span] = []
        self._saved = write_atomically(
            target,
            encode_pieces(self._storage.data, spans, self._encoded, self._changed),
            keep_previous=backup,
            directory_fd=self._directory_fd,
        )
        self._changed = set()
        self._spans = spans
        if backup:
            self._last_backup = now
        self.vouch()  # what this version writes it has checked

    # ----------------------------------------------------- locking, recovery

    @contextmanager
    def lock(self, timeout: float) -> Iterator[None]:
        if self._lock is None or self._lock.timeout != timeout:
            # The lock file sits beside the database: its folder is made on first use
            # (once the lock file is open it stays open, so once is enough).
            self._real().parent.mkdir(parents=True, exist_ok=True)
            self._lock = ProcessLock(str(self._lock_path()), timeout=timeout)
        self._lock.acquire()
        try:
            yield
        finally:
            self._lock.release()

    _lock: ProcessLock | None = None

    def _lock_path(self) -> Path:
        target = self._real()
        return target.with_name(target.name + ".lock")

    def cannot_write(self) -> str | None:
        self._real()  # a dangling link or a loop is refused here, before anything
        return cannot_write(self.path)

    def set_aside(self, stamp: str) -> str:
        return set_aside(self._real(), stamp).name

    def last_good(self) -> tuple[Tables, str] | None:
        backup = backup_path(self._real())
        try:
            data = decode(backup.read_bytes())
            saved = datetime.fromtimestamp(backup.stat().st_mtime)
        except (OSError, StorageError):
            return None
        return data, f"saved {saved:%Y-%m-%d %H:%M}"

    def owned_by(self, path: Path) -> str | None:
        target = self._real()
        named = {
            target: "the database",
            backup_path(target): "the database's last good copy",
            self._lock_path(): "the database's lock",
            self._checked_path(): "a file the database keeps",
            self.beside(CATALOG_SUFFIX): "the database's imported catalog",
        }
        try:
            wanted = path.resolve()
        except (OSError, RuntimeError):
            return None
        for known, what in named.items():
            if wanted == known.resolve():
                return what
        if wanted.parent == target.parent.resolve() and any(
            copy_of(wanted.name, known.name) for known in named
        ):
            return "a copy the database keeps"  # set aside, or kept for an undo
        try:
            if path.exists() and os.path.samefile(path, target):
                return "the database"  # a hard link to it
        except OSError:
            pass
        return None

    def set_aside_backup(self, stamp: str) -> str | None:
        backup = backup_path(self._real())
        if not backup.exists():
            return None
        return set_aside(backup, stamp).name

    def clean_up(self) -> None:
        """Temporary files of killed saves: of the database, its last good copy and its
        imported catalog (all written under the database's lock)."""
        target = self._real()
        for temp in stale_temps(target, backup_path(target), self.beside(CATALOG_SUFFIX)):
            with suppress(OSError):
                temp.unlink()

    def close(self) -> None:
        """Nothing to flush: every acknowledged write has already been saved."""
        if self._tinydb is not None:
            self._tinydb.close()
        self._vouch_file.close()
        if self._lock is not None:
            self._lock.close()
        if self._directory_fd is not None:
            os.close(self._directory_fd)
            self._directory_fd = None
