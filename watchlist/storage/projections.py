"""Every record of a table read for one use: from its document where that is plain, else
from the record converted (the one way the bulk readers of stored records share)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Any, TypeVar

from watchlist.storage.tables import Table

T = TypeVar("T")
P = TypeVar("P")


def projected(
    table: Table[T],
    from_doc: Callable[[dict[str, Any]], P | None],
    from_record: Callable[[T], P],
    wanted: Iterable[str] | None = None,
) -> Iterator[tuple[str, P]]:
    """Each record by key (or each of `wanted` there is, in that order), as `from_doc`
    reads its document, or `from_record` the converted record when the document is
    converted already or `from_doc` declines it; a damaged record is left out, as
    converting leaves it."""
    items = table.raw_items() if wanted is None else table.raw_items_of(wanted)
    for key, value in items:
        found = from_doc(value) if type(value) is dict else None
        if found is None:
            record = table.get(key)
            if record is None:
                continue
            found = from_record(record)
        yield key, found
