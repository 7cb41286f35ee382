"""The one small interface every import format has: recognise, read, plan, report."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any, Protocol

from msgspec import Struct, field

from watchlist.service.library import Library
from watchlist.storage import Writer


class Options(Struct, frozen=True):
    """What the user asked for on the command line."""

    dry_run: bool = False
    strict: bool = False
    """Any odd entry refuses the whole file, as imports once always did."""
    overwrite: bool = False
    """The file wins on every field it carries."""
    add_unmatched: bool = False
    score_format: str | None = None
    """AniList's score format, when the file does not say (POINT_10, POINT_100, ...)."""


class Plan(Struct):
    """What an import would do: the records to store and the report."""

    changes: list[Any] = field(default_factory=list)

    @property
    def skipped(self) -> int:
        """Entries that could not be read and were left out."""
        return 0

    def write(self, tx: Writer) -> None:
        tx.put_many(self.changes)

    def lines(self) -> list[str]:
        raise NotImplementedError


class Planned(Protocol):
    """What every import plan offers, whatever it holds (a `Plan`, a backup's plan)."""

    @property
    def skipped(self) -> int:
        """Entries that could not be read and were left out."""
        ...

    def write(self, tx: Writer) -> None: ...

    def lines(self) -> list[str]: ...


class Parsed(Protocol):
    """A file read and checked; `plan` runs against the freshest data, under the lock."""

    def plan(
        self,
        lib: Library,
        options: Options,
        now: datetime,
        progress: Callable[[int, int], None] | None,
    ) -> Planned: ...


class Importer(Protocol):
    name: str
    """The `--format` value."""
    label: str
    """What to call the format in messages."""
    shape: str
    """ "xml" or "json": what the content sniffing looks at."""

    def recognises(self, content: Any, /) -> bool:
        """Whether `content` is this format: the first bytes (xml) or the document (json)."""
        ...

    def read(self, content: Any, name: str, options: Options, /) -> Parsed:
        """The whole file, read and checked: a stream (xml) or the document (json).

        A structural fault raises InvalidInput naming its place; odd entries are
        normalised or skipped and reported."""
        ...


class ImportReport(Struct, frozen=True):
    lines: list[str]
    skipped: int
    """Entries left out because they could not be read (the exit status says so)."""
