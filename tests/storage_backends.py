"""The storage backends the shared behaviour suite runs against, behind one small helper.

Each `Backend` opens stores on one medium (a file, or memory shared like a file),
and lets a test look at or damage what is stored, as another program would.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import orjson
import pytest

from tests.conftest import Clock
from tests.disk_helpers import set_aside_files
from watchlist.storage import MemoryMedium, Store, memory_store, open_store
from watchlist.storage.adapter import Adapter
from watchlist.storage.records import DocChange


class Backend:
    name = ""

    def __init__(self, clock: Clock, monkeypatch: pytest.MonkeyPatch) -> None:
        self.clock = clock
        self.monkeypatch = monkeypatch
        self.stores: list[Store] = []

    def open(self, **options: Any) -> Store:
        store = self._open(**options)
        self.stores.append(store)
        return store

    def _open(self, **options: Any) -> Store:
        raise NotImplementedError

    def stored(self) -> bytes | None:
        """The bytes stored now, or None when nothing is."""
        raise NotImplementedError

    def overwrite(self, content: bytes) -> None:
        """Replace what is stored, as another program (or a torn write) would."""
        raise NotImplementedError

    def remove(self) -> None:
        raise NotImplementedError

    def aside(self) -> list[bytes]:
        """What was set aside, oldest first."""
        raise NotImplementedError

    def make_read_only(self) -> None:
        raise NotImplementedError

    @contextmanager
    def failing_saves(self) -> Iterator[None]:
        """Every save fails inside this block, as with a full disk."""
        raise NotImplementedError
        yield

    def keep_every_backup(self) -> None:
        """Refresh the last good copy at every save (the file does it once a minute)."""

    def trust_any_size(self) -> None:
        """Remember checked versions however small (the file does it from 256 KB)."""

    def adapter(self) -> Adapter:
        """An adapter on the same medium, loaded, for writing what no store would."""
        raise NotImplementedError

    def rot(self, table: str, key: str, doc: dict[str, Any]) -> None:
        """A record damaged the way no version writes it, in data watchlist trusts (as
        if it had written it itself): only reading that record can find it."""
        adapter = self.adapter()
        adapter.commit([DocChange(table, key, doc)])
        adapter.close()

    def documents(self) -> dict[str, Any]:
        raw = self.stored()
        assert raw is not None
        return orjson.loads(raw)  # type: ignore[no-any-return]

    def close(self) -> None:
        for store in self.stores:
            store.close()


class FileBackend(Backend):
    name = "file"

    def __init__(self, clock: Clock, monkeypatch: pytest.MonkeyPatch, path: Path) -> None:
        super().__init__(clock, monkeypatch)
        self.path = path

    def _open(self, **options: Any) -> Store:
        return open_store(self.path, clock=self.clock, **options)

    def stored(self) -> bytes | None:
        return self.path.read_bytes() if self.path.exists() else None

    def overwrite(self, content: bytes) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.path.write_bytes(content)

    def remove(self) -> None:
        self.path.unlink()

    def aside(self) -> list[bytes]:
        return [p.read_bytes() for p in set_aside_files(self.path)]

    def make_read_only(self) -> None:
        # chmod does not stop root, who runs CI; the check the store makes is faked.
        target = str(self.path)
        real_access = os.access

        def access(path: Any, mode: int, *args: Any, **kwargs: Any) -> bool:
            if str(path) == target and mode & os.W_OK:
                return False
            return real_access(path, mode, *args, **kwargs)

        self.monkeypatch.setattr(os, "access", access)

    @contextmanager
    def failing_saves(self) -> Iterator[None]:
        def full(src: Any, dst: Any) -> None:
            raise OSError(28, "No space left on device")

        with self.monkeypatch.context() as patch:
            patch.setattr(os, "replace", full)
            yield

    def keep_every_backup(self) -> None:
        from watchlist.storage import tinydb_adapter

        self.monkeypatch.setattr(tinydb_adapter, "BACKUP_EVERY", 0.0)

    def trust_any_size(self) -> None:
        from watchlist.storage import tinydb_adapter

        self.monkeypatch.setattr(tinydb_adapter, "VOUCH_FROM", 0)

    def adapter(self) -> Adapter:
        from watchlist.storage.tinydb_adapter import TinyDBAdapter

        adapter = TinyDBAdapter(self.path)
        adapter.load()
        return adapter


class MemoryBackend(Backend):
    name = "memory"

    def __init__(self, clock: Clock, monkeypatch: pytest.MonkeyPatch) -> None:
        super().__init__(clock, monkeypatch)
        self.medium = MemoryMedium()

    def _open(self, **options: Any) -> Store:
        return memory_store(self.medium, clock=self.clock, **options)

    def stored(self) -> bytes | None:
        return self.medium.data

    def overwrite(self, content: bytes) -> None:
        self.medium.data = content
        self.medium.version += 1

    def remove(self) -> None:
        self.medium.data = None
        self.medium.version += 1

    def aside(self) -> list[bytes]:
        return list(self.medium.aside)

    def make_read_only(self) -> None:
        self.medium.read_only = "the medium is read-only"

    def adapter(self) -> Adapter:
        from watchlist.storage.memory_adapter import MemoryAdapter

        adapter = MemoryAdapter(self.medium)
        adapter.load()
        return adapter

    @contextmanager
    def failing_saves(self) -> Iterator[None]:
        self.medium.failure = OSError(28, "No space left on device")
        try:
            yield
        finally:
            self.medium.failure = None


class LargeFileBackend(FileBackend):
    """A file treated as a large library's is, however small: every save notes where its
    tables lie, and a store opening it leaves the entries and verdicts unparsed until
    read (see `deferred.py`)."""

    name = "large file"

    def __init__(self, clock: Clock, monkeypatch: pytest.MonkeyPatch, path: Path) -> None:
        super().__init__(clock, monkeypatch, path)
        from watchlist.storage import tinydb_adapter

        monkeypatch.setattr(tinydb_adapter, "VOUCH_FROM", 0)


BACKENDS: dict[str, Callable[[Clock, pytest.MonkeyPatch, Path], Backend]] = {
    "memory": lambda clock, patch, path: MemoryBackend(clock, patch),
    "file": lambda clock, patch, path: FileBackend(clock, patch, path),
    "large file": lambda clock, patch, path: LargeFileBackend(clock, patch, path),
}
