"""Tables of a large file this version wrote, parsed only when something reads them.

The shows, the entries and the verdicts are nearly all of a library's parse (at
20,000 shows, about 30, 90 and 15 ms), and a command about one show, or a season's
picks, reads a few dozen of their records. When the `.checked` file says where each
table lies in exactly this version of the file (see `vouch_file.py`), those tables
stay bytes until read:

- one show's records are found by skimming only their keys (a show's slug, an entry's
  and a verdict's show), and parsed alone;
- a few fields of every record (the shows' lengths for stats, their seasons for a
  season's list, their titles for the finder) are skimmed alone, every other field
  passed over unread, in about a fifth of the time of a parse;
- the whole table is parsed the first time anything reads all of it, once, for every
  reader (the snapshot's tables, and the adapter when it saves).
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Callable, ItemsView, Iterator, KeysView, Mapping, ValuesView
from functools import cache
from operator import attrgetter, itemgetter
from typing import Any

import msgspec
import orjson

from watchlist.storage.errors import StorageError
from watchlist.storage.moment_texts import digit_keys
from watchlist.storage.tables import FEW_KEYS

Doc = dict[str, Any]

DEFERRED = {"entries": "show", "verdicts": "show", "shows": "slug"}
"""Tables left as bytes until read, each with the field its records are found by."""


class _Head(msgspec.Struct):
    """A record of a table keyed by show (an entry), as a skim reads it."""

    show: str


class _VerdictHead(msgspec.Struct):
    show: str
    id: str
    """No two verdicts share one."""


class _ShowHead(msgspec.Struct):
    slug: str


SKIMMED = {
    "shows": (
        "season",
        "other_seasons",
        "episode_minutes",
        "title",
        "title_romaji",
        "title_native",
        "aliases",
    )
}
"""Fields of a table skimmed together the first time any of them is asked for, kept for
the next: a skim is mostly passing over the other fields, so seven cost hardly more
than one (about 11 ms against 9 at 20,000 shows), and a command that reads one reads
another (stats: the lengths, then titles; a command about one show: the keys, then the
titles). Such a table is looked up mostly for keys it does not hold (the catalog's
shows, among the user's), so a key is looked for among these first."""

_HEADS: dict[str, type[msgspec.Struct]] = {
    "entries": _Head,
    "verdicts": _VerdictHead,
    "shows": _ShowHead,
}


@cache
def _decoder(kind: type[Any]) -> msgspec.json.Decoder[Any]:
    """A decoder of a table as its records, each as `kind`: made when first needed, as
    making the ones a command uses takes about a millisecond every start would pay."""
    return msgspec.json.Decoder(dict[str, kind])  # type: ignore[valid-type]


@cache
def _columns(key: str, names: tuple[str, ...]) -> type[msgspec.Struct]:
    """A record as its key (the field `key`) and fields `names` (None when absent), in
    that order, every other field skipped unread."""
    fields: list[tuple[str, Any] | tuple[str, Any, Any]] = [(key, str)]
    fields += [(f"f{n}", Any, None) for n in range(len(names))]
    rename = {f"f{n}": name for n, name in enumerate(names)}
    return msgspec.defstruct("Columns", fields, rename=rename)


_UNREADABLE = (msgspec.DecodeError, TypeError, RecursionError)
"""What decoding a table's bytes raises when they are not what this version wrote (rot
on the disk): msgspec says RecursionError for arrays nested too deep, as orjson said a
decode error."""


class DeferredRows(Mapping[str, Doc]):
    """One table's records (record id -> document) as the bytes of the file, parsed on
    first use. Read as a mapping it is the parsed table; `docs_of` reads one show's."""

    def __init__(self, table: str, view: memoryview, location: str) -> None:
        self.table = table
        self._view: memoryview | None = view
        self._key = DEFERRED[table]
        self._location = location
        self._rows: dict[str, Doc] | None = None
        self._by_show: dict[str, list[msgspec.Raw]] | None = None
        self._skimmed = False
        self._looked_up = 0
        self._keys: set[str] | None = None
        """Every record's key, once a skim of the columns has read them."""
        self._skimmed_fields = False
        self._skimmed_found: list[tuple[Any, ...]] | None = None
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
                    # msgspec, not orjson: on these tables (text keys repeated in every
                    # record) it parses in about three fifths of the time.
                    rows = msgspec.json.decode(self._view)
                    gc.freeze()
                except _UNREADABLE as error:
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
                self._view = self._by_show = self._skimmed_found = None  # done with
            return self._rows

    def _skim(self) -> dict[str, list[msgspec.Raw]] | None:
        """Each show's records as bytes, from one skim of the keys (about a tenth of a
        parse); None when a record is not as this version writes them (then the whole
        table is parsed, and read the way a damaged one is)."""
        if not self._skimmed:
            self._skimmed = True
            view = self._view
            assert view is not None
            try:
                heads = _decoder(_HEADS[self.table]).decode(view)
                raws = _decoder(msgspec.Raw).decode(view)
            except _UNREADABLE:
                return None
            pairs = zip(heads.values(), raws.values(), strict=True)
            by_show: dict[str, list[msgspec.Raw]]
            if self.table != "verdicts":  # one record a key: in one comprehension
                key_of = attrgetter(self._key)
                by_show = {key_of(head): [raw] for head, raw in pairs}
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
            if self._keys is None and self.table in SKIMMED:
                self._skimmed_rows()  # its keys
            if self._keys is not None and show not in self._keys:
                return []
            self._looked_up += 1
            # Past a season's few, one parse costs less than parsing each record alone.
            if self._looked_up > FEW_KEYS:
                return None
            by_show = self._skim()
            if by_show is None:
                return None
            try:
                return [orjson.loads(memoryview(raw)) for raw in by_show.get(show, ())]
            except orjson.JSONDecodeError:  # a skim passes over values: the parse says
                return None

    def columns(self, names: tuple[str, ...]) -> list[tuple[Any, ...]] | None:
        """Each record as its key and its fields `names` (as `dict.get` reads them), in
        the file's order, skimmed without parsing anything else (a fifth of a parse);
        None when only the parsed table can say (it is parsed already, or a record is
        not as this version writes them)."""
        with self._lock:
            if self._rows is not None or self.table == "verdicts" or self._key in names:
                return None
            skimmed = SKIMMED.get(self.table, ())
            if not set(names) <= set(skimmed):
                return self._decode_columns(names)
            rows = self._skimmed_rows()
            if rows is None or names == skimmed:
                return rows
            return list(map(itemgetter(0, *(1 + skimmed.index(n) for n in names)), rows))

    def _skimmed_rows(self) -> list[tuple[Any, ...]] | None:
        """The table's `SKIMMED` fields, skimmed once."""
        if not self._skimmed_fields:
            self._skimmed_fields = True
            self._skimmed_found = self._decode_columns(SKIMMED[self.table])
        return self._skimmed_found

    def _decode_columns(self, names: tuple[str, ...]) -> list[tuple[Any, ...]] | None:
        found = self._decode_as(_columns(self._key, names))
        if found is None:
            return None
        return list(map(attrgetter(self._key, *(f"f{n}" for n in range(len(names)))), found))

    def decoded(self, kind: type[msgspec.Struct]) -> list[Any] | None:
        """Each record decoded as `kind` (a Struct of a few typed fields, its key among
        them), in the file's order, every other field skipped unread; None when only the
        parsed table can say (it is parsed already, or a record is not of that type)."""
        with self._lock:
            return None if self._rows is not None else self._decode_as(kind)

    def _decode_as(self, kind: type[msgspec.Struct]) -> list[Any] | None:
        """Each record as `kind`, in the file's order (its keys kept, see `docs_of`);
        None when one is not of that type, or has no key, or shares one."""
        assert self._view is not None
        try:
            found = list(_decoder(kind).decode(self._view).values())
        except _UNREADABLE:
            return None
        keys = set(map(attrgetter(self._key), found))
        if len(keys) != len(found) or "" in keys:
            return None
        self._keys = keys
        return found

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

    def columns(self, names: tuple[str, ...]) -> list[tuple[Any, ...]] | None:
        return self.rows.columns(names)

    def decoded(self, kind: type[msgspec.Struct]) -> list[Any] | None:
        return self.rows.decoded(kind)


def parsed(tables: Mapping[str, Mapping[str, Doc]]) -> dict[str, dict[str, Doc]]:
    """`tables` with every deferred table parsed."""
    return {
        name: rows.rows() if isinstance(rows, DeferredRows) else rows  # type: ignore[misc]
        for name, rows in tables.items()
    }
