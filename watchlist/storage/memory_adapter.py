"""The memory adapter: the documents kept in memory, for tests and trial runs.

A `MemoryMedium` plays the file: it holds the encoded bytes, a version, the
last good copy, what was set aside and a lock. Several adapters (several
"processes") can share one medium, so the same behaviour tests run against
this adapter and the TinyDB one.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager

from msgspec import Struct, field

from watchlist.storage.adapter import decode, encode
from watchlist.storage.errors import StorageError
from watchlist.storage.lock import LockTimeout
from watchlist.storage.records import Doc, DocChange, Tables, record_key


class MemoryMedium(Struct):
    """What a database file would hold, in memory."""

    data: bytes | None = None
    version: int = 0
    backup: bytes | None = None
    aside: list[bytes] = field(default_factory=list)
    """Damaged versions that were set aside, oldest first."""
    read_only: str | None = None
    """Set to refuse every save, as a read-only file would."""
    failure: OSError | None = None
    """Set to make every save fail with it, as a full disk would."""
    lock: threading.Lock = field(default_factory=threading.Lock)
    vouched: int = -1
    """The version watchlist wrote or checked itself."""


class MemoryAdapter:
    def __init__(self, medium: MemoryMedium | None = None) -> None:
        self.medium = medium if medium is not None else MemoryMedium()
        self.location = "memory"
        self._tables: Tables = {}
        self._version = -1
        self._held = 0

    def exists(self) -> bool:
        return self.medium.data is not None

    def beside(self, suffix: str) -> None:
        """Memory keeps no files beside it."""
        return None

    def load(self) -> Tables:
        if self.medium.data is None:
            raise FileNotFoundError("nothing stored in memory yet")
        version = self.medium.version
        self._tables = decode(self.medium.data)
        self._version = version
        return self._tables

    def changed(self) -> bool:
        return self.medium.version != self._version

    def trusted(self) -> bool:
        return self.medium.vouched == self._version

    def vouch(self) -> None:
        self.medium.vouched = self._version

    def documents(self) -> Tables:
        return self._tables

    def find(self, table: str, key: str) -> Doc | None:
        for doc in self._tables.get(table, {}).values():
            if record_key(table, doc) == key:
                return doc
        return None

    def commit(self, changes: Sequence[DocChange], *, keep_backup: bool = True) -> None:
        tables = {name: dict(rows) for name, rows in self._tables.items()}
        ids: dict[str, dict[str, str]] = {}
        next_id: dict[str, int] = {}
        for change in changes:
            rows = tables.setdefault(change.table, {})
            if change.table not in ids:
                ids[change.table] = {record_key(change.table, d) or "": r for r, d in rows.items()}
                next_id[change.table] = max((int(r) for r in rows), default=0) + 1
            rid = ids[change.table].get(change.key)
            if change.doc is None:
                if rid is not None:
                    del rows[rid]
                    del ids[change.table][change.key]
            else:
                if rid is None:
                    rid = str(next_id[change.table])
                    next_id[change.table] += 1
                    ids[change.table][change.key] = rid
                rows[rid] = change.doc
        self._store(tables, keep_backup)

    def reset(self, tables: Tables, *, keep_backup: bool = True) -> None:
        self._store(tables, keep_backup)

    def _store(self, tables: Tables, keep_backup: bool) -> None:
        if self.medium.read_only:
            raise PermissionError(13, self.medium.read_only)
        if self.medium.failure is not None:
            raise self.medium.failure
        payload = encode(tables)  # encoded whole first: a save is all or nothing
        if keep_backup and self.medium.data is not None:
            self.medium.backup = self.medium.data
        self.medium.data = payload
        self.medium.version += 1
        self._version = self.medium.version
        self._tables = decode(payload)
        self.vouch()

    @contextmanager
    def lock(self, timeout: float) -> Iterator[None]:
        if self._held:  # re-entrant for its owner
            self._held += 1
            try:
                yield
            finally:
                self._held -= 1
            return
        if not self.medium.lock.acquire(timeout=timeout):
            raise LockTimeout("memory")
        self._held = 1
        try:
            yield
        finally:
            self._held = 0
            self.medium.lock.release()

    def cannot_write(self) -> str | None:
        return self.medium.read_only

    def set_aside(self, stamp: str) -> str:
        assert self.medium.data is not None
        self.medium.aside.append(self.medium.data)
        self.medium.data = None
        self.medium.version += 1
        return f"memory.damaged-{stamp}"

    def last_good(self) -> tuple[Tables, str] | None:
        if self.medium.backup is None:
            return None
        try:
            return decode(self.medium.backup), "kept in memory"
        except StorageError:
            return None

    def owned_by(self, path: object) -> str | None:
        """Memory has no files for an export to land on."""
        return None

    def set_aside_backup(self, stamp: str) -> str | None:
        if self.medium.backup is None:
            return None
        self.medium.aside.append(self.medium.backup)
        self.medium.backup = None
        return f"memory.bak.damaged-{stamp}"

    def clean_up(self) -> None:
        """Nothing is ever left half-written in memory."""

    def close(self) -> None:
        """Nothing to release."""
