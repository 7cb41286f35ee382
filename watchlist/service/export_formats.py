"""The export formats by name: what each writes and the function that makes it. The CLI's
--format choices and `Tracker.export` both come from `EXPORTERS`, as imports come from
`importing.IMPORTERS`; each format's code loads only when it is used (defusedxml and the
backup writer cost more than a command that never exports should pay)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING

from msgspec import Struct

if TYPE_CHECKING:
    from watchlist.service.exports import Export
    from watchlist.service.library import Library


class ExportOptions(Struct, frozen=True):
    now: Callable[[], datetime]
    """The clock, read only by the formats that stamp the file."""
    excel: bool = False
    """csv: start with the byte-order mark Excel needs to read UTF-8."""


class ExportFormat(Struct, frozen=True):
    name: str
    """The `--format` value."""
    writes: str
    """What the file holds, for --help."""
    make: Callable[[Library, ExportOptions], Export]


def _backup(lib: Library, options: ExportOptions) -> Export:
    from watchlist.service.exports import export_json

    return export_json(lib, options.now())


def _mal(lib: Library, options: ExportOptions) -> Export:
    from watchlist.service.exports import export_mal

    return export_mal(lib)


def _diary(lib: Library, options: ExportOptions) -> Export:
    from watchlist.service.exports import export_csv

    return export_csv(lib, lib.settings.score_format, excel=options.excel)


EXPORTERS = {
    exporter.name: exporter
    for exporter in (
        ExportFormat("json", "a full backup", _backup),
        ExportFormat("mal-xml", "for MAL, AniList, Taiga", _mal),
        ExportFormat("csv", "one row per episode watched", _diary),
    )
}
DEFAULT_EXPORT = "json"
