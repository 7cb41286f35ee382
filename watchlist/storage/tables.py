"""Tables of records that become domain objects only when first used.

A 20,000-show library is a few hundred thousand documents; converting every one
at every start costs several times reading the file. A table here keeps each
document as it was read and converts it when someone looks at it, so a command
that touches ten shows converts ten. A document that turns out to be damaged is
left out then, and reported (see `Problem`).
"""

from __future__ import annotations

from collections.abc import Callable, ItemsView, Iterable, Iterator, Mapping, ValuesView
from typing import Any, Generic, TypeVar

from watchlist.storage.errors import RecordError

T = TypeVar("T")


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


class ListedValues(ValuesView[T]):
    """A table's values as they were when asked for, converted, the damaged ones left out
    (a plain view would convert each as it iterates, and stop at the first damaged one)."""

    __slots__ = ("_listed",)

    def __init__(self, mapping: Mapping[str, T], listed: list[T]) -> None:
        super().__init__(mapping)
        self._listed = listed

    def __iter__(self) -> Iterator[T]:
        return iter(self._listed)

    def __len__(self) -> int:
        return len(self._listed)

    def __contains__(self, value: object) -> bool:
        return value in self._listed


class ListedItems(ItemsView[str, T]):
    """A table's items as they were when asked for (see `ListedValues`)."""

    __slots__ = ("_listed",)

    def __init__(self, mapping: Mapping[str, T], listed: list[tuple[str, T]]) -> None:
        super().__init__(mapping)
        self._listed = listed

    def __iter__(self) -> Iterator[tuple[str, T]]:
        return iter(self._listed)

    def __len__(self) -> int:
        return len(self._listed)

    def __contains__(self, item: object) -> bool:
        return item in self._listed


class Table(Mapping[str, T], Generic[T]):
    """Records by our own key; reading one converts it once.

    A value that is still a plain dict is the document as read; domain objects are
    never dicts, so no wrapper is needed (at 100,000 records a wrapper per document
    costs a tenth of a second)."""

    __slots__ = ("_items", "_read", "name", "problems")

    def __init__(
        self,
        name: str,
        read: Callable[[Any, str], T],
        items: dict[str, Any] | None = None,
        problems: list[Problem] | None = None,
    ) -> None:
        self.name = name
        self._read = read
        self._items: dict[str, Any] = items if items is not None else {}
        self.problems: list[Problem] = problems if problems is not None else []
        """Shared with the snapshot: damage found while converting is reported there."""

    def __getitem__(self, key: str) -> T:
        value = self._items[key]
        if type(value) is dict:
            return self._convert(key, value)
        converted: T = value
        return converted

    def _convert(self, key: str, doc: dict[str, Any]) -> T:
        try:
            obj = self._read(doc, f"{self.name} record '{key}'")
        except RecordError as error:
            self._items.pop(key, None)
            self.problems.append(Problem(self.name, key, str(error)))
            raise KeyError(key) from None
        self._items[key] = obj
        return obj

    def get(self, key: str, default: Any = None) -> Any:
        try:
            return self[key]
        except KeyError:
            return default

    def __contains__(self, key: object) -> bool:
        return key in self._items

    def __iter__(self) -> Iterator[str]:
        return iter(list(self._items))

    def __len__(self) -> int:
        return len(self._items)

    def values(self) -> ListedValues[T]:
        """Every record, converted (the damaged ones left out and reported)."""
        result = []
        for key in list(self._items):
            try:
                result.append(self[key])
            except KeyError:
                continue
        return ListedValues(self, result)

    def items(self) -> ListedItems[T]:
        result = []
        for key in list(self._items):
            try:
                result.append((key, self[key]))
            except KeyError:
                continue
        return ListedItems(self, result)

    def field(self, key: str, name: str) -> Any:
        """One field of a record, from its document when it is not converted yet (cheap)."""
        value = self._items.get(key)
        if type(value) is dict:
            return value.get(name)
        return getattr(value, name, None)

    def fields(self, name: str) -> list[tuple[str, Any]]:
        """That field of every record, by key, as `field` reads it, in one pass."""
        return [
            (key, value.get(name) if type(value) is dict else getattr(value, name, None))
            for key, value in self._items.items()
        ]

    def documents(self, write: Callable[[T], dict[str, Any]]) -> list[dict[str, Any]]:
        """Every record as a document: one never converted as it was read (this version
        wrote or checked it), a converted one written anew by `write`."""
        return [value if type(value) is dict else write(value) for value in self._items.values()]

    def raw_items(self) -> Iterator[tuple[str, Any]]:
        """Every record as it is now: a document not converted yet, or the object."""
        return iter(list(self._items.items()))

    def raw_items_of(self, keys: Iterable[str]) -> list[tuple[str, Any]]:
        """The records of `keys` there are, as they are now, in the order of `keys`: a
        season's 60 out of 100,000 without a step over the others."""
        items = self._items
        return [(key, items[key]) for key in keys if key in items]

    def copy(self) -> Table[T]:
        return Table(self.name, self._read, dict(self._items), self.problems)

    def set(self, key: str, obj: T) -> None:
        self._items[key] = obj

    def set_document(self, key: str, doc: dict[str, Any]) -> None:
        """Store a record as its document, converted when first read."""
        self._items[key] = doc

    def discard(self, key: str) -> None:
        self._items.pop(key, None)


class Timelines(Mapping[str, list[T]], Generic[T]):
    """Verdicts by show, oldest first; a show's timeline is converted when first read."""

    __slots__ = ("_items", "_order", "_read", "problems")

    def __init__(
        self,
        read: Callable[[Any, str], T],
        order: Callable[[T], Any],
        items: dict[str, list[Any]] | None = None,
        problems: list[Problem] | None = None,
    ) -> None:
        self._read = read
        self._order = order
        self._items: dict[str, list[Any]] = items if items is not None else {}
        self.problems: list[Problem] = problems if problems is not None else []

    def __getitem__(self, show: str) -> list[T]:
        history = self._items[show]
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
        return self[show] if show in self._items else default

    def __contains__(self, show: object) -> bool:
        return show in self._items

    def __iter__(self) -> Iterator[str]:
        return iter(list(self._items))

    def __len__(self) -> int:
        return len(self._items)

    def values(self) -> ListedValues[list[T]]:
        return ListedValues(self, [self[show] for show in list(self._items)])

    def items(self) -> ListedItems[list[T]]:
        return ListedItems(self, [(show, self[show]) for show in list(self._items)])

    def documents(self, write: Callable[[T], dict[str, Any]]) -> list[dict[str, Any]]:
        """Every verdict as a document, show by show (see `Table.documents`)."""
        return [
            value if type(value) is dict else write(value)
            for history in self._items.values()
            for value in history
        ]

    def raw_items(self) -> Iterator[tuple[str, list[Any]]]:
        """Every show's timeline as it is now: documents not converted yet, or objects."""
        return iter(list(self._items.items()))

    def raw_items_of(self, shows: Iterable[str]) -> list[tuple[str, list[Any]]]:
        """The timelines of `shows` there are, as they are now, in the order of `shows`."""
        items = self._items
        return [(show, items[show]) for show in shows if show in items]

    def copy(self) -> Timelines[T]:
        return Timelines(self._read, self._order, dict(self._items), self.problems)

    def set(self, show: str, history: list[T]) -> None:
        if history:
            self._items[show] = list(history)
        else:
            self._items.pop(show, None)
