"""Reading a season-catalog dataset file: which dataset it is (told by its content, or
named), and its version where the file says (bangumi-data's sits in the package.json of
the npm package the file came in)."""

from __future__ import annotations

from pathlib import Path

import orjson

from watchlist.domain.errors import InvalidInput
from watchlist.domain.text import quoted, scrub
from watchlist.interop import bangumi_data, offline_database
from watchlist.interop.catalog_items import CatalogItem
from watchlist.service.catalog_import import Dataset
from watchlist.service.import_formats import CATALOG_FORMATS
from watchlist.service.inputs import open_source


def read_dataset(path: Path | str, fmt: str | None = None) -> tuple[Dataset, list[CatalogItem]]:
    if fmt is not None and fmt not in CATALOG_FORMATS:
        raise InvalidInput(
            f"unknown catalog format {quoted(fmt)}: choose {', '.join(CATALOG_FORMATS)}"
        )
    source = open_source(path)
    raw = source.read_all()
    doc = None
    try:
        # Read and scrubbed once, whichever dataset it turns out to be.
        doc = scrub(orjson.loads(raw))
    except orjson.JSONDecodeError as error:
        if fmt == "bangumi-data":
            raise InvalidInput(f"{source.name}: not valid JSON ({error})") from None
    if fmt == "bangumi-data" or (fmt is None and bangumi_data.recognises(doc)):
        dataset = Dataset(
            "bangumi-data", bangumi_data.LICENCE, bangumi_data.HOME, _npm_version(path)
        )
        return dataset, bangumi_data.read_items(doc, source.name)
    if fmt is None and doc is not None and not offline_database.recognises(doc):
        raise InvalidInput(
            f"{source.name}: JSON, but neither bangumi-data nor anime-offline-database; "
            "give --format if it is one of them"
        )
    records, about = offline_database.parse(raw, source.name, doc)
    version = about.get("lastUpdate")
    dataset = Dataset(
        "anime-offline-database",
        offline_database.LICENCE,
        offline_database.HOME,
        str(version)[:20] if isinstance(version, str) and version.strip() else None,
    )
    return dataset, offline_database.read_items(records, about)


def _npm_version(path: Path | str) -> str | None:
    """bangumi-data's version, from the package.json the npm package puts beside `dist/`."""
    if str(path) == "-":
        return None
    package = Path(path).resolve().parent.parent / "package.json"
    try:
        meta = orjson.loads(package.read_bytes()[:100_000])
    except (OSError, orjson.JSONDecodeError):
        return None
    if isinstance(meta, dict) and meta.get("name") == "bangumi-data":
        version = meta.get("version")
        if isinstance(version, str) and 0 < len(version) <= 20:
            return str(scrub(version))
    return None
