"""A table's values and items as they were when asked for: what `Table.values()` and
`Table.items()` give (see `tables.py`)."""

from __future__ import annotations

from collections.abc import ItemsView, Iterator, Mapping, ValuesView
from typing import TypeVar

T = TypeVar("T")


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
