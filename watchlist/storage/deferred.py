"""Tables of a large file this version wrote, parsed only when something reads them.

The entries and the verdicts are two thirds of a library's parse (at 20,000 shows,
about 90 ms of 150), and a command about one show, or a season's picks, reads a few
dozen of them. When the `.checked` file says where each table lies in exactly this
version of the file (see `vouch_file.py`), those two tables stay bytes: one show's
records are found by skimming only their keys, and the whole table is parsed the
first time anything reads all of it, once, for every reader (the snapshot's tables,
and the adapter when it saves).
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Callable, ItemsView, Iterator, KeysView, Mapping, ValuesView
from functools import cache
from typing import Any

import msgspec
import orjson

from watchlist.storage.errors import StorageError
from watchlist.storage.moment_texts import digit_keys

Doc = dict[str, Any]

DEFERRED = {"entries": "show", "verdicts": "id"}
"""Tables left as bytes until read: each record's show, and the field no two share."""


class _EntryHead(msgspec.Struct):
    show: str


class _VerdictHead(msgspec.Struct):
    show: str
    id: str


@cache
def _decoders(unique: str) -> tuple[msgspec.json.Decoder[Any], msgspec.json.Decoder[Any]]:
    """Decoders of a table's record heads and of its records as bytes: made when first
    needed, as making them takes about a millisecond every start would pay."""
    heads: msgspec.json.Decoder[Any] = (
        msgspec.json.Decoder(dict[str, _EntryHead])
        if unique == "show"
        else msgspec.json.Decoder(dict[str, _VerdictHead])
    )
    return heads, msgspec.json.Decoder(dict[str, msgspec.Raw])


class DeferredRows(Mapping[str, Doc]):
    """One table's records (record id -> document) as the bytes of the file, parsed on
    first use. Read as a mapping it is the parsed table; `docs_of` reads one show's."""

    def __init__(self, table: str, view: memoryview, unique: str, location: str) -> None:
        self.table = table
        self._view: memoryview | None = view
        self._unique = unique
        self._location = location
        self._rows: dict[str, Doc] | None = None
        self._by_show: dict[str, list[msgspec.Raw]] | None = None
        self._skimmed = False
        self._lock = threading.Lock()

    def rows(self) -> dict[str, Doc]:
        """The table, parsed once for every reader."""
        with self._lock:
            if self._rows is None:
                assert self._view is not None
                # As when the file is loaded (see `TinyDBAdapter.load`): the collector
                # would walk the new documents several times over, and they hold no cycle.
                collecting = gc.isenabled()
                gc.disable()
                try:
                    rows = orjson.loads(self._view)
                    gc.freeze()
                except orjson.JSONDecodeError as error:
                    rows = error
                finally:
                    if collecting:
                        gc.enable()
                if not isinstance(rows, dict) or not digit_keys(rows):
                    # Its size, time and layout are what this version wrote: only damage
                    # on the disk since then reaches this.
                    raise StorageError(
                        f"the database {self._location} is damaged: its table "
                        f"'{self.table}' cannot be read"
                    )
                self._rows = rows
                self._view = self._by_show = None  # the bytes and the skim are done with
            return self._rows

    def _skim(self) -> dict[str, list[msgspec.Raw]] | None:
        """Each show's records as bytes, from one skim of the keys (about a tenth of a
        parse); None when a record is not as this version writes them (then the whole
        table is parsed, and read the way a damaged one is)."""
        if not self._skimmed:
            self._skimmed = True
            view = self._view
            assert view is not None
            heads_decoder, raws_decoder = _decoders(self._unique)
            try:
                heads = heads_decoder.decode(view)
                raws = raws_decoder.decode(view)
            except (msgspec.DecodeError, TypeError):
                return None
            pairs = zip(heads.values(), raws.values(), strict=True)
            by_show: dict[str, list[msgspec.Raw]]
            if self._unique == "show":  # one record a show: in one comprehension
                by_show = {head.show: [raw] for head, raw in pairs}
                uniques = len(by_show)
            else:
                by_show = {}
                for head, raw in pairs:
                    by_show.setdefault(head.show, []).append(raw)
                ids = {head.id for head in heads.values()}
                uniques = len(ids) if "" not in ids else -1
            if uniques == len(heads) and "" not in by_show:
                self._by_show = by_show
        return self._by_show

    def docs_of(self, show: str) -> list[Doc] | None:
        """The documents of `show`'s records, in the file's order, parsed alone; None
        when they cannot be found without parsing the whole table."""
        with self._lock:
            if self._rows is not None:
                return None
            by_show = self._skim()
            if by_show is None:
                return None
            return [orjson.loads(memoryview(raw)) for raw in by_show.get(show, ())]

    # Read as a mapping, it is the parsed table (at the speed of the dict).
    def __getitem__(self, rid: str) -> Doc:
        return self.rows()[rid]

    def __iter__(self) -> Iterator[str]:
        return iter(self.rows())

    def __len__(self) -> int:
        return len(self.rows())

    def __contains__(self, rid: object) -> bool:
        return rid in self.rows()

    def keys(self) -> KeysView[str]:
        return self.rows().keys()

    def values(self) -> ValuesView[Doc]:
        return self.rows().values()

    def items(self) -> ItemsView[str, Doc]:
        return self.rows().items()


class LazyIndex:
    """A snapshot table's view of deferred rows: its records by key, made from the
    parsed table by `index` only when a reader needs them all."""

    __slots__ = ("_index", "rows")

    def __init__(self, rows: DeferredRows, index: Callable[[dict[str, Doc]], dict[str, Any]]):
        self.rows = rows
        self._index = index

    def index(self) -> dict[str, Any]:
        return self._index(self.rows.rows())

    def docs_of(self, show: str) -> list[Doc] | None:
        return self.rows.docs_of(show)


def parsed(tables: Mapping[str, Mapping[str, Doc]]) -> dict[str, dict[str, Doc]]:
    """`tables` with every deferred table parsed."""
    return {
        name: rows.rows() if isinstance(rows, DeferredRows) else rows  # type: ignore[misc]
        for name, rows in tables.items()
    }
