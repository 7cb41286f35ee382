"""TinyDB's side of the adapter: its storage, kept in memory, and a table whose
updates touch only the documents they change (see `tinydb_adapter.py`)."""

from __future__ import annotations

from collections.abc import Callable, Iterator, MutableMapping
from typing import Any, Protocol

from tinydb import TinyDB
from tinydb.storages import Storage
from tinydb.table import Table

from watchlist.storage.records import Doc, Tables


class Memory(Protocol):
    """The whole database in memory, as the adapter reads and TinyDB changes it."""

    data: Tables


class MemoryBackedStorage(Storage):
    """TinyDB's storage: the adapter's memory. TinyDB calls `write` after every change;
    the adapter saves once per commit, so this only keeps the data."""

    def __init__(self, memory: Memory) -> None:
        self.memory = memory

    def read(self) -> Tables:
        return self.memory.data

    def write(self, data: Tables) -> None:
        self.memory.data = data


class _IntKeys(MutableMapping[int, Any]):
    """The stored table (str keys) as TinyDB's updaters expect it (int keys)."""

    __slots__ = ("raw",)

    def __init__(self, raw: dict[str, Any]) -> None:
        self.raw = raw

    def __getitem__(self, key: int) -> Any:
        return self.raw[str(key)]

    def __setitem__(self, key: int, value: Any) -> None:
        self.raw[str(key)] = value

    def __delitem__(self, key: int) -> None:
        del self.raw[str(key)]

    def __contains__(self, key: object) -> bool:
        return str(key) in self.raw

    def __iter__(self) -> Iterator[int]:
        return (int(key) for key in self.raw)

    def __len__(self) -> int:
        return len(self.raw)


class InPlaceTable(Table):
    """A table whose updates touch only the documents they change.

    Stock TinyDB rebuilds the whole table dict twice on every insert, update or
    remove (to convert its keys between str and int): a few milliseconds per save
    at 5,000 shows, and quadratic time when importing thousands. TinyDB's public
    API offers no other way, so this overrides its private `_update_table`; a test
    fails loudly if TinyDB changes that method's shape.
    """

    def _update_table(self, updater: Callable[[dict[int, Any]], None]) -> None:
        tables = self._storage.read() or {}
        raw = tables.setdefault(self.name, {})
        # TinyDB's stub says its updaters take a dict; they only use a MutableMapping's methods.
        updater(_IntKeys(raw))  # type: ignore[arg-type]
        self._storage.write(tables)
        self.clear_cache()

    def insert_owned(self, documents: list[Doc]) -> list[int]:
        """`insert_multiple` for documents made for this commit alone: the same record ids,
        each document stored as it is where TinyDB would copy it (an import of 100,000
        entries would hold every record twice while it saves, and spend seconds copying)."""
        # TinyDB's own numbering (its method has no type hints).
        doc_ids = [self._get_next_id() for _ in documents]  # type: ignore[no-untyped-call]

        def store(table: MutableMapping[int, Any]) -> None:
            assert isinstance(table, _IntKeys)
            table.raw.update(zip(map(str, doc_ids), documents, strict=True))

        self._update_table(store)
        return doc_ids


class TinyDBOnMemory(TinyDB):
    table_class = InPlaceTable

    def table(self, name: str, **kwargs: Any) -> InPlaceTable:
        """TinyDB's table of that name, as the `InPlaceTable` it makes here."""
        table = super().table(name, **kwargs)
        assert isinstance(table, InPlaceTable)
        return table
