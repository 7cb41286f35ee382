"""Persistence: the only package that knows TinyDB. Domain objects in, domain objects out.

The port is `Store` (snapshots, transactions, refresh, notices, read-only); open
one on a file with `open_store`, or in memory with `memory_store`.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from watchlist.storage.memory_adapter import MemoryAdapter, MemoryMedium
from watchlist.storage.records import Snapshot
from watchlist.storage.store import LOCK_TIMEOUT, Store, utc_now
from watchlist.storage.tinydb_adapter import TinyDBAdapter
from watchlist.storage.working import Writer

__all__ = ["MemoryMedium", "Snapshot", "Store", "Writer", "memory_store", "open_store", "utc_now"]


def open_store(
    path: Path,
    *,
    clock: Callable[[], datetime] = utc_now,
    lock_timeout: float = LOCK_TIMEOUT,
    create: bool = True,
    changing: bool = False,
) -> Store:
    """The database in the TinyDB file at `path`. A missing file is created now, or
    with `create` false at the first change (a dry run leaves nothing behind). A large
    file's shows, entries and verdicts are parsed when first read; `changing` (a command
    about to change records) parses the entries as it opens."""
    adapter = TinyDBAdapter(path, changing=changing)
    return Store(adapter, clock=clock, lock_timeout=lock_timeout, create=create)


def memory_store(
    medium: MemoryMedium | None = None,
    *,
    clock: Callable[[], datetime] = utc_now,
    lock_timeout: float = LOCK_TIMEOUT,
) -> Store:
    """A database in memory; stores that share `medium` behave like processes sharing a file."""
    return Store(MemoryAdapter(medium), clock=clock, lock_timeout=lock_timeout)
