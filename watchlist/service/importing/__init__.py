"""Importing lists and files: one module per format behind one small interface, the way
posting keeps one module per source in its `importing/` folder (the foreign list formats,
MAL XML and AniList JSON, in `interop`, each whole in one module). The CLI's --format
choices and the content sniffing both come from `IMPORTERS`."""

from __future__ import annotations

from watchlist.domain.errors import InvalidInput
from watchlist.domain.text import quoted
from watchlist.interop import anilist_json, mal_xml
from watchlist.service.import_formats import FORMATS
from watchlist.service.importing.backups import BackupImporter
from watchlist.service.importing.base import Importer, ImportReport, Options, Parsed
from watchlist.service.importing.lists import ListImporter
from watchlist.service.importing.seeds import SeedsImporter
from watchlist.service.inputs import Source, load_json

IMPORTERS: dict[str, Importer] = {
    importer.name: importer
    for importer in (
        BackupImporter(),
        ListImporter(mal_xml),
        ListImporter(anilist_json),
        SeedsImporter(),
    )
}
assert list(IMPORTERS) == list(FORMATS), "every format named in import_formats.py has its importer"

__all__ = ["IMPORTERS", "ImportReport", "Options", "read_source"]


def read_source(source: Source, fmt: str | None, options: Options) -> Parsed:
    """The file read by the importer `fmt` names, or by the one its content says."""
    if fmt is not None and fmt not in IMPORTERS:
        raise InvalidInput(f"unknown import format {quoted(fmt)}: choose {', '.join(IMPORTERS)}")
    chosen = IMPORTERS.get(fmt) if fmt else None
    xml = source.head.lstrip()[:1] == b"<"
    if (chosen is None and xml) or (chosen is not None and chosen.shape == "xml"):
        importer = chosen or next(
            i for i in IMPORTERS.values() if i.shape == "xml" and i.recognises(source.head)
        )
        return importer.read(source.stream, source.name, options)
    if chosen is None and source.head.lstrip()[:1] not in (b"{", b"["):
        raise InvalidInput(
            f"{source.name}: cannot tell its format; give --format ({', '.join(IMPORTERS)})"
        )
    doc = load_json(source.read_all(), source.name)
    if chosen is None:
        chosen = next(
            (i for i in IMPORTERS.values() if i.shape == "json" and i.recognises(doc)), None
        )
        if chosen is None:
            raise InvalidInput(
                f"{source.name}: JSON, but neither a watchlist backup, an AniList list "
                "nor a seeds file"
            )
    return chosen.read(doc, source.name, options)
