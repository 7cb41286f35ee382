"""Where a table's documents come from when a large file's were not all read at the start
(see `tables.py` and `deferred.py`)."""

from __future__ import annotations

from typing import Any, Protocol


class Source(Protocol):
    """Where a table's documents come from when they were not all read at the start
    (see `deferred.py`): one show's alone, or all of them at once."""

    def index(self) -> dict[str, Any]:
        """Every record by key (a verdicts source: each show's list), as documents."""
        ...

    def docs_of(self, show: str) -> list[dict[str, Any]] | None:
        """The documents of one show's records, or None when only `index` can say."""
        ...

    def columns(self, names: tuple[str, ...]) -> list[tuple[Any, ...]] | None:
        """Every record as its key and fields `names` (None when it has one not), in
        order; None when only `index` can say."""
        ...

    def decoded(self, kind: type[Any]) -> list[Any] | None:
        """Every record decoded as the Struct `kind`, in order; None when only `index`
        can say."""
        ...
