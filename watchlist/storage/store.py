"""The store: the storage port the service talks to.

It publishes snapshots of domain objects and runs every change as one
transaction: the lock is taken, the data is read again if another process
changed it, the change is applied to that fresh state and committed once. Two
copies of the app therefore never interleave writes and never drop each other's
changes. Where the documents live is the adapter's business; locking and
recovery are middlewares around it.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from functools import partial
from pathlib import Path
from typing import TypeVar

from watchlist.storage import journal, undo
from watchlist.storage.adapter import Adapter
from watchlist.storage.deferred import parsed
from watchlist.storage.errors import NewerSchema, ReadOnly, SaveFailed, StorageError
from watchlist.storage.journal import kept_files
from watchlist.storage.middleware import Locking, Recovery
from watchlist.storage.records import (
    Doc,
    DocChange,
    Snapshot,
    Tables,
    build_snapshot,
    has_catalog_copies,
    header,
    new_tables,
    summarise,
)
from watchlist.storage.working import WorkingCopy, Writer

LOCK_TIMEOUT = 10.0
"""Seconds to wait for another copy of watchlist to finish saving."""

T = TypeVar("T")


def utc_now() -> datetime:
    return datetime.now(UTC)


class Store:
    """The user's data behind one adapter. Safe to share between threads: readers use
    the last published snapshot and never wait for a save in progress."""

    def __init__(
        self,
        adapter: Adapter,
        *,
        clock: Callable[[], datetime] = utc_now,
        lock_timeout: float = LOCK_TIMEOUT,
        create: bool = True,
    ) -> None:
        self.clock = clock
        self.location = adapter.location
        self._locking = Locking(adapter, lock_timeout)
        # The medium is given the clock, not methods of this store: a store its medium
        # pointed back at would be freed only by the cycle collector, which then walks
        # every document it holds (0.4 s after an import of 100,000 entries).
        self._medium = Recovery(
            self._locking,
            validate=header,
            check=_is_whole,
            fresh=partial(_new_tables, clock),
            stamp=partial(_stamp, clock),
        )
        self.read_only: str | None = None
        """Why saving is impossible (a read-only file or folder), or None."""
        self.generation = 0
        """Incremented whenever the published data changes, here or on disk."""
        self.refresh_on_read = True
        """Re-read changed data before a read. The TUI turns this off and re-reads in
        a worker instead, so a large file never stalls a keystroke."""
        self._notices: list[str] = []
        self._salvaged = 0
        self._reported = 0
        """How many of the snapshot's problems were taken out of the file, and told."""
        self._mutex = threading.RLock()
        self._snap = Snapshot()
        self._working: WorkingCopy | None = None
        """The open transaction's changes, if one is open."""
        self._writer_thread: int | None = None
        self.origin = os.urandom(6).hex()
        """This running copy, as the journal names the changes it made."""
        self._newer = False
        """Set when another program saved a newer format while this store was open."""
        self._unborn = False
        """Nothing is stored yet and nothing was created (see `create`): the first
        change creates it."""
        try:
            if not create and not adapter.exists():
                # A dry run, say: it must not leave a file, a folder or a lock behind.
                self._unborn = True
                self._publish(build_snapshot(_new_tables(self.clock))[0])
                return
            self._open()
        except BaseException:
            self._medium.close()
            raise

    # ----------------------------------------------------------------- opening

    def _open(self) -> None:
        self.read_only = self._medium.cannot_write()
        if self.read_only is None:
            try:
                with self._locking.hold():
                    self._medium.clean_up()
                    self._load()
                    undo.forget_unlisted(self.beside, self._medium)
                return
            except SaveFailed as error:
                if not self._medium.exists():
                    raise
                # Cannot lock or write here (a read-only folder, a full disk): open
                # what is there for reading and say so.
                self.read_only = str(error)
        self._load()

    def _load(self) -> None:
        """Read (or create) the data and publish it; called holding the lock when writable."""
        writable = self.read_only is None
        if not self._medium.exists():
            if not writable:
                raise StorageError(f"the database {self.location} does not exist")
            tables = _new_tables(self.clock)
            self._commit_all(tables)
        else:
            try:
                tables = self._medium.load(writable=writable)
            except OSError as error:
                raise StorageError(f"cannot read {self.location}: {error.strerror}") from None
        trusted = self._medium.trusted()
        snap, clean = build_snapshot(tables, trusted=trusted)
        self._publish(snap)
        self._salvaged = self._reported = len(snap.problems)  # dealt with and told below
        if snap.problems:
            if writable:
                self._medium.salvage(snap.problems, clean)
            else:
                self._notices.append(
                    f"{summarise(snap.problems)}. The database is read-only, so the file "
                    "was not changed."
                )
        elif writable and not trusted and has_catalog_copies(tables):
            # Earlier versions kept copies of the catalog in the file; it ships
            # with the app now, so they go (the file before is the `.bak` copy).
            self._commit_all(clean)
        elif writable and not trusted:
            self._medium.vouch()  # every record read: the next run need not check them

    def _commit_all(self, tables: Tables) -> None:
        try:
            self._medium.reset(tables)
        except OSError as error:
            raise SaveFailed(f"could not save to {self.location}: {error.strerror}") from None

    # --------------------------------------------------------------- refreshing

    def _refresh(self) -> None:
        """Read the data again if another process replaced it since we last saw it.

        What to do about what it finds (damage, a missing file, a newer format) is
        decided under the lock and after a second look: another copy may have just
        repaired or replaced the file.
        """
        if self._newer or not self._medium.changed():
            return
        if self.read_only:
            self._reread()
            return
        with self._locking.hold():
            if self._medium.changed():
                self._reread()

    def _reread(self) -> None:
        if not self._medium.exists():
            if self.read_only:
                raise StorageError(f"the database {self.location} disappeared")
            self._commit_all(self._medium.documents())
            self._notices.append(
                f"The database file {self.location} disappeared; it was saved again."
            )
            return
        try:
            self._load()
        except NewerSchema:
            # Another program saved a newer format: keep showing what we had and
            # never write over theirs.
            self._newer = True
            self.read_only = "another program saved it with a newer watchlist"
            self._notices.append(
                "The database was saved by a newer watchlist in the meantime; nothing more "
                "will be saved from here. Restart with the newer version."
            )

    def _publish(self, snap: Snapshot) -> None:
        self._snap = snap
        self._working = None
        self.generation += 1

    # ----------------------------------------------------------- transactions

    @contextmanager
    def transaction(self) -> Iterator[Writer]:
        """Change the data: all or nothing, durable before this returns."""
        with self._mutex:
            if self._working is not None:
                yield Writer(self._working)  # joins the transaction this thread has open
                return
            self._refuse_if_read_only()
            with self._locking.hold():
                if self._unborn:
                    self._unborn = False
                    self._open()
                self._refresh()
                self._refuse_if_read_only()  # the re-read found data this version must not write
                self._salvage_found()
                working = self._working = WorkingCopy(self._snap)
                self._writer_thread = threading.get_ident()
                try:
                    yield Writer(working)
                except BaseException:
                    # Refused before anything was stored: nothing to undo.
                    self._working = None
                    raise
                finally:
                    self._writer_thread = None
                changes = working.changes
                forgotten: list[Doc] = []
                if working.label and (changes or working.file_ops):
                    extra, forgotten = undo.journal_changes(self._medium, working, self.origin)
                    changes = [*changes, *extra]
                if changes:
                    try:
                        self._medium.commit(changes)
                    except OSError as error:
                        self._working = None
                        self._reload_after_failure()
                        raise SaveFailed(
                            f"could not save to {self.location}: {error.strerror or error}"
                        ) from None
                self._publish(working.data)
                undo.forget_files(self.beside, [n for step in forgotten for n in kept_files(step)])

    def undo(self, *, own_first: bool = False) -> journal.Step:
        """Undo the newest change in the journal (with `own_first`, the newest this store
        made, if it made any), durably; NothingToUndo or UndoConflict (nothing changed)
        when it cannot be."""
        prefer = self.origin if own_first else None
        with self.transaction() as tx:
            now = self.clock().isoformat()
            step = undo.undo_newest(tx, self._medium, self.beside, now, prefer)
        undo.forget_files(self.beside, kept_files(step))
        return journal.listed(step)

    def history(self) -> list[journal.Step]:
        """The changes that can be undone, newest first."""
        return self.read(lambda _: undo.history(self._medium))

    def keep_file(self, suffix: str) -> str | None:
        """Keep the current version of a file beside the database under another name, for
        an undo (a hard link: no copy); None when there is no such file yet."""
        return undo.keep_file(self.beside, suffix)

    def _refuse_if_read_only(self) -> None:
        if self.read_only:
            raise ReadOnly(f"the database is open read-only: {self.read_only}")

    def _reload_after_failure(self) -> None:
        """After a failed save, memory goes back to what is stored."""
        try:
            snap, _ = build_snapshot(self._medium.load())
            self._publish(snap)
        except (OSError, StorageError) as error:
            # Memory may hold half a change now: never save it.
            self.read_only = f"the database could not be read back after a failed save ({error})"

    def _salvage_found(self) -> None:
        """Records found damaged only when first read (in a file this version wrote
        itself, so not checked when it opened) are taken out of the file, which is
        set aside first, untouched. Runs at the start of a transaction."""
        found = self._snap.problems[self._salvaged :]
        removable = [DocChange(p.table, p.key, None) for p in found if p.key is not None]
        self._salvaged = len(self._snap.problems)
        if not removable:
            return
        self._reported = self._salvaged  # the notice below tells of them
        aside = self._medium.set_aside(_stamp(self.clock))
        self._medium.commit(removable)
        self._notices.append(f"{summarise(found)}. The original file was set aside as {aside}.")

    # ------------------------------------------------------------------ reads

    def read(self, view: Callable[[Snapshot], T]) -> T:
        """Run `view` on the current data, reading it again first if it changed.

        Inside a transaction the caller sees its own uncommitted changes. While
        another thread is saving, the last published snapshot is used as it is.
        """
        if self._writer_thread == threading.get_ident() and self._working is not None:
            return view(self._working.data)
        if self.refresh_on_read and self._mutex.acquire(blocking=False):
            try:
                self._refresh()
            finally:
                self._mutex.release()
        return view(self._snap)

    def beside(self, suffix: str) -> Path | None:
        """Where a file that goes with the database is kept (None in memory)."""
        return self._locking.inner.beside(suffix)

    def owned_by(self, path: Path) -> str | None:
        """What of this database `path` is (the database itself, its last good copy,
        its lock, a file beside it), or None when it is none of them."""
        return self._locking.inner.owned_by(path)

    def changed_on_disk(self) -> bool:
        """Whether another process saved since we last looked (a cheap stat)."""
        return not self._newer and self._medium.changed()

    def refresh(self) -> None:
        """Read the data again now if another process changed it (for a worker thread)."""
        with self._mutex:
            self._refresh()

    def take_notices(self) -> list[str]:
        with self._mutex:
            notices = [*self._medium.take_notices(), *self._notices]
            self._notices = []
            found = self._snap.problems[self._reported :]
            if found:
                notices.append(
                    f"{summarise(found)}. They will be taken out of the file at the next save, "
                    "which sets the original aside first."
                )
            self._reported = len(self._snap.problems)
            return notices

    def documents(self) -> Tables:
        """The stored documents, for tests."""
        with self._mutex:
            self._refresh()
            return parsed(self._medium.documents())

    def close(self) -> None:
        with self._mutex:
            self._medium.close()


def _new_tables(clock: Callable[[], datetime]) -> Tables:
    return new_tables(clock().isoformat())


def _stamp(clock: Callable[[], datetime]) -> str:
    return clock().strftime("%Y%m%dT%H%M%S")


def _is_whole(tables: Tables) -> bool:
    try:
        snap, _ = build_snapshot(tables)
    except StorageError:
        return False
    return not snap.problems
