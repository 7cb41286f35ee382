"""Tables of records that become domain objects only when first used.

A 20,000-show library is a few hundred thousand documents; converting every one
at every start costs several times reading the file. A table here keeps each
document as it was read and converts it when someone looks at it, so a command
that touches ten shows converts ten. A document that turns out to be damaged is
left out then, and reported (see `Problem`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from operator import itemgetter
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from watchlist.storage.errors import RecordError
from watchlist.storage.listed import ListedItems, ListedValues

if TYPE_CHECKING:
    from watchlist.storage.table_source import Source

T = TypeVar("T")

FEW_KEYS = 1_000
"""Keys a table not read yet looks up one by one before reading itself whole instead."""


class Problem:
    """A record that could not be read and was left out."""

    __slots__ = ("key", "message", "table")

    def __init__(self, table: str, key: str | None, message: str) -> None:
        self.table = table
        self.key = key
        """Its key when the document still names one."""
        self.message = message

    def __repr__(self) -> str:
        return f"Problem({self.table!r}, {self.key!r}, {self.message!r})"


class _ReadByKey:
    """What `Table` and `Timelines` share: a key not among the records read so far is
    looked for in the source, while there is one (see `Source`)."""

    __slots__ = ()
    _items: dict[str, Any]
    _source: Source | None

    def _fetch(self, key: str) -> Any:
        raise NotImplementedError

    def _stored(self, key: str) -> Any:
        """The record of `key` as it is now (a document, or converted), from the source
        when it was not read yet; KeyError when there is none."""
        try:
            return self._items[key]
        except KeyError:
            if self._source is None:
                raise
            return self._fetch(key)

    def __contains__(self, key: object) -> bool:
        if key in self._items:
            return True
        if self._source is None or not isinstance(key, str):
            return False
        try:
            self._fetch(key)
        except KeyError:
            return False
        return True

    def raw_items_of(self, keys: Iterable[str]) -> list[tuple[str, Any]]:
        """The records of `keys` there are (a timelines' shows), as they are now, in the
        order of `keys`: a season's 60 out of 100,000 without a step over the others."""
        if self._source is not None:
            return [(key, self._items[key]) for key in keys if key in self]
        items = self._items
        return [(key, items[key]) for key in keys if key in items]


class Table(_ReadByKey, Mapping[str, T], Generic[T]):
    """Records by our own key; reading one converts it once.

    A value that is still a plain dict is the document as read; domain objects are
    never dicts, so no wrapper is needed (at 100,000 records a wrapper per document
    costs a tenth of a second).

    With a `source`, the records are read from it as they are asked for: a record by
    its key alone, all of them when anything reads the whole table (`_whole`)."""

    __slots__ = ("_dropped", "_items", "_read", "_source", "name", "problems")

    def __init__(
        self,
        name: str,
        read: Callable[[Any, str], T],
        items: dict[str, Any] | None = None,
        problems: list[Problem] | None = None,
        source: Source | None = None,
    ) -> None:
        self.name = name
        self._read = read
        self._items: dict[str, Any] = items if items is not None else {}
        self.problems: list[Problem] = problems if problems is not None else []
        """Shared with the snapshot: damage found while converting is reported there."""
        self._source = source
        self._dropped: set[str] = set()
        """Keys found damaged while the source was still unread (left out of it then)."""

    def _whole(self) -> dict[str, Any]:
        """Every record: the source read whole, once, with what was read of it by key."""
        source = self._source
        if source is not None:
            items = source.index()
            for key in self._dropped:
                items.pop(key, None)
            items.update(self._items)  # converted already: kept, in the file's order
            # In this order: a reader on another thread meanwhile still has the source.
            self._items = items
            self._source = None
        return self._items

    def _fetch(self, key: str) -> Any:
        """The record of `key` from the source (KeyError when there is none)."""
        assert self._source is not None
        docs = self._source.docs_of(key) if key not in self._dropped else []
        if docs is None or len(docs) > 1:
            return self._whole()[key]
        if not docs:
            raise KeyError(key)
        self._items[key] = docs[0]
        return docs[0]

    def __getitem__(self, key: str) -> T:
        value = self._stored(key)
        if type(value) is dict:
            return self._convert(key, value)
        converted: T = value
        return converted

    def _convert(self, key: str, doc: dict[str, Any]) -> T:
        try:
            obj = self._read(doc, f"{self.name} record '{key}'")
        except RecordError as error:
            self._items.pop(key, None)
            if self._source is not None:
                self._dropped.add(key)
            self.problems.append(Problem(self.name, key, str(error)))
            raise KeyError(key) from None
        self._items[key] = obj
        return obj

    def get(self, key: str, default: Any = None) -> Any:
        try:
            return self[key]
        except KeyError:
            return default

    def __iter__(self) -> Iterator[str]:
        return iter(list(self._whole()))

    def __len__(self) -> int:
        return len(self._whole())

    def keyed_is_cheaper(self, count: int) -> bool:
        """Whether looking `count` keys up costs less than one pass over every record. A
        table not read yet parses each record looked up on its own, so only a season's
        few are looked up, not a library's thousands."""
        if self._source is not None:
            return count <= FEW_KEYS
        return count < len(self._items)

    def will_read(self, count: int) -> None:
        """Ready to read `count` records by key: a table not read yet reads itself whole
        now when that costs less (see `keyed_is_cheaper`)."""
        if not self.keyed_is_cheaper(count):
            self._whole()

    def values(self) -> ListedValues[T]:
        """Every record, converted (the damaged ones left out and reported)."""
        result = []
        for key in list(self._whole()):
            try:
                result.append(self[key])
            except KeyError:
                continue
        return ListedValues(self, result)

    def items(self) -> ListedItems[T]:
        result = []
        for key in list(self._whole()):
            try:
                result.append((key, self[key]))
            except KeyError:
                continue
        return ListedItems(self, result)

    def field(self, key: str, name: str) -> Any:
        """One field of a record, from its document when it is not converted yet (cheap)."""
        value = self._items.get(key)
        if value is None and self._source is not None:
            try:
                value = self._fetch(key)
            except KeyError:
                return None
        if type(value) is dict:
            return value.get(name)
        return getattr(value, name, None)

    def fields(self, name: str) -> list[tuple[str, Any]]:
        """That field of every record, by key, as `field` reads it, in one pass."""
        return self.field_rows((name,))

    def field_rows(self, names: tuple[str, ...]) -> list[tuple[Any, ...]]:
        """Every record as its key and fields `names`, as `field` reads each, in one pass
        (over a table not read yet, one that does not parse it: see `columns`)."""
        columns = self.columns(names)
        if columns is not None:
            return columns
        records = self._whole()
        # A field at a time across every record, the rows zipped in C: no call or
        # generator a record (20,000 shows).
        fields = [
            [
                value.get(name) if type(value) is dict else getattr(value, name, None)
                for value in records.values()
            ]
            for name in names
        ]
        return list(zip(records, *fields, strict=True))

    def columns(self, names: tuple[str, ...]) -> list[tuple[Any, ...]] | None:
        """Every record as its key and fields `names` as `field` reads them, from a table
        not read yet, without parsing it; None when the table is read, or a record was
        converted already (then the records say)."""
        return self._from_source(lambda source: source.columns(names), itemgetter(0))

    def decoded(self, kind: type[Any], key: Callable[[Any], str]) -> list[Any] | None:
        """Every record decoded as the Struct `kind` (a few typed fields, the key `key`
        reads among them), from a table not read yet, without parsing it; None when the
        table is read, a record was converted already, or one is not of that type."""
        return self._from_source(lambda source: source.decoded(kind), key)

    def _from_source(
        self, read: Callable[[Source], list[Any] | None], key: Callable[[Any], str]
    ) -> list[Any] | None:
        """What `read` gives of every record in the source (None: only the records can
        say), while the table is not read whole and nothing of it was converted."""
        source = self._source
        if source is None or any(type(value) is not dict for value in self._items.values()):
            return None
        found = read(source)
        if found is None:
            return None
        # Not read whole yet, so nothing was changed or added: the records read by key
        # are as the file has them, and those found damaged are left out.
        dropped = self._dropped
        return [record for record in found if key(record) not in dropped] if dropped else found

    def documents(self, write: Callable[[T], dict[str, Any]]) -> list[dict[str, Any]]:
        """Every record as a document: one never converted as it was read (this version
        wrote or checked it), a converted one written anew by `write`."""
        return [value if type(value) is dict else write(value) for value in self._whole().values()]

    def raw_items(self) -> Iterator[tuple[str, Any]]:
        """Every record as it is now: a document not converted yet, or the object."""
        return iter(list(self._whole().items()))

    def copy(self) -> Table[T]:
        return Table(self.name, self._read, dict(self._whole()), self.problems)

    def set(self, key: str, obj: T) -> None:
        self._whole()[key] = obj

    def set_document(self, key: str, doc: dict[str, Any]) -> None:
        """Store a record as its document, converted when first read."""
        self._whole()[key] = doc

    def discard(self, key: str) -> None:
        self._whole().pop(key, None)


class Timelines(_ReadByKey, Mapping[str, list[T]], Generic[T]):
    """Verdicts by show, oldest first; a show's timeline is converted when first read."""

    __slots__ = ("_items", "_order", "_read", "_source", "problems")

    def __init__(
        self,
        read: Callable[[Any, str], T],
        order: Callable[[T], Any],
        items: dict[str, list[Any]] | None = None,
        problems: list[Problem] | None = None,
        source: Source | None = None,
    ) -> None:
        self._read = read
        self._order = order
        self._items: dict[str, list[Any]] = items if items is not None else {}
        self.problems: list[Problem] = problems if problems is not None else []
        self._source = source
        """Where the timelines not read yet come from (see `Table`)."""

    def _whole(self) -> dict[str, list[Any]]:
        source = self._source
        if source is not None:
            items = source.index()
            items.update(self._items)  # converted already (damaged verdicts left out)
            self._items = items
            self._source = None  # after: see `Table._whole`
        return self._items

    def _fetch(self, show: str) -> list[Any]:
        assert self._source is not None
        docs = self._source.docs_of(show)
        if docs is None:
            return self._whole()[show]
        if not docs:
            raise KeyError(show)
        self._items[show] = docs
        return docs

    def __getitem__(self, show: str) -> list[T]:
        history: list[Any] = self._stored(show)
        if any(type(v) is dict for v in history):
            converted = []
            for value in history:
                if type(value) is not dict:
                    converted.append(value)
                    continue
                key = value.get("id")
                try:
                    converted.append(self._read(value, f"verdicts record '{key}'"))
                except RecordError as error:
                    self.problems.append(Problem("verdicts", key, str(error)))
            history = sorted(converted, key=self._order)
            self._items[show] = history
        return history

    def get(self, show: str, default: Any = None) -> Any:
        try:
            return self[show]
        except KeyError:
            return default

    def __iter__(self) -> Iterator[str]:
        return iter(list(self._whole()))

    def __len__(self) -> int:
        return len(self._whole())

    def values(self) -> ListedValues[list[T]]:
        return ListedValues(self, [self[show] for show in list(self._whole())])

    def items(self) -> ListedItems[list[T]]:
        return ListedItems(self, [(show, self[show]) for show in list(self._whole())])

    def documents(self, write: Callable[[T], dict[str, Any]]) -> list[dict[str, Any]]:
        """Every verdict as a document, show by show (see `Table.documents`)."""
        return [
            value if type(value) is dict else write(value)
            for history in self._whole().values()
            for value in history
        ]

    def raw_items(self) -> Iterator[tuple[str, list[Any]]]:
        """Every show's timeline as it is now: documents not converted yet, or objects."""
        return iter(list(self._whole().items()))

    def copy(self) -> Timelines[T]:
        return Timelines(self._read, self._order, dict(self._whole()), self.problems)

    def set(self, show: str, history: list[T]) -> None:
        items = self._whole()
        if history:
            items[show] = list(history)
        else:
            items.pop(show, None)
