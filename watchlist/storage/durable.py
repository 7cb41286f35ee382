"""A TinyDB storage that serves reads from memory and saves atomically and durably."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import orjson
from tinydb.storages import Storage

from watchlist.storage.errors import DamagedFile
from watchlist.storage.files import Signature, signature, write_atomically

Tables = dict[str, dict[str, dict[str, Any]]]

BACKUP_EVERY = 60.0
"""Seconds between refreshes of the `.bak` copy (the first save of a run always makes one)."""


def encode(data: Tables) -> bytes:
    """The exact bytes of a database file: compact UTF-8 JSON and a final newline."""
    return orjson.dumps(data, option=orjson.OPT_APPEND_NEWLINE)


def decode(raw: bytes) -> Tables:
    """Parse a database file, or say in one phrase what is wrong with it."""
    if not raw.strip():
        raise DamagedFile("the file is empty")
    try:
        data = orjson.loads(raw)
    except orjson.JSONDecodeError as error:
        raise DamagedFile(f"it is not valid JSON ({error})") from None
    if not isinstance(data, dict):
        raise DamagedFile("it is JSON of the wrong shape (expected an object of tables)")
    for name, table in data.items():
        if not isinstance(table, dict) or not all(
            isinstance(key, str) and key.isdigit() for key in table
        ):
            raise DamagedFile(f"its table '{name[:40]}' has the wrong shape")
    return data


class DurableStorage(Storage):
    """Holds the whole database in memory; `write` saves it to `path` atomically.

    TinyDB calls `read` before every operation and `write` after every change.
    Inside `batch()` writes only mark the data dirty, so a use case that changes
    several records reaches the disk in one save.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self.data: Tables = {}
        self.saved: Signature | None = None
        """Signature of the file as we last read or wrote it."""
        self._last_backup = -BACKUP_EVERY
        self._batch_depth = 0
        self._dirty = False
        self._directory_fd: int | None = None
        self.changing = False
        """Set when TinyDB starts changing the data; a failed batch then re-reads the file."""

    def read(self) -> Tables:
        return self.data

    def write(self, data: Tables) -> None:
        self.data = data
        if self._batch_depth:
            self._dirty = True
        else:
            self.save()

    def save(self, keep_backup: bool = True) -> None:
        # The last good copy is refreshed at most once a minute: a hard link per
        # save would cost a fifth of a millisecond for a copy a minute fresher.
        now = time.monotonic()
        backup = keep_backup and now - self._last_backup >= BACKUP_EVERY and self.saved is not None
        if self._directory_fd is None:
            self._directory_fd = os.open(self.path.parent, os.O_RDONLY)
        self.saved = write_atomically(
            self.path, encode(self.data), keep_previous=backup, directory_fd=self._directory_fd
        )
        if backup:
            self._last_backup = now
        self._dirty = False

    def load(self) -> Tables:
        """Read the file from disk, remembering which version of it we hold."""
        before = signature(self.path)
        raw = self.path.read_bytes()
        data = decode(raw)
        # A writer that renamed in between would change the signature; then the
        # bytes we read may be either version, and the next check re-reads.
        self.saved = before
        self.data = data
        return data

    def changed_on_disk(self) -> bool:
        return signature(self.path) != self.saved

    @contextmanager
    def batch(self) -> Iterator[None]:
        """Collect writes; save once at the end if anything changed."""
        if self._batch_depth == 0:
            self.changing = False
        self._batch_depth += 1
        try:
            yield
        finally:
            self._batch_depth -= 1
        if self._batch_depth == 0 and self._dirty:
            self.save()

    def discard_batch(self) -> None:
        self._dirty = False

    def close(self) -> None:
        """Nothing to flush: every acknowledged write has already been saved."""
        if self._directory_fd is not None:
            os.close(self._directory_fd)
            self._directory_fd = None
