"""The catalog that ships with the app: the files in the top-level `seeds/` folder."""

from __future__ import annotations

import zlib
from dataclasses import dataclass
from importlib import resources
from importlib.abc import Traversable
from pathlib import Path
from typing import Any

import orjson

from watchlist.storage.errors import RecordError

SEED_FORMAT = 1


@dataclass(frozen=True, slots=True)
class SeedFile:
    """One season's worth of catalog documents, in the shared document format."""

    season: dict[str, Any]
    shows: list[dict[str, Any]]
    pieces: list[dict[str, Any]]


@dataclass(frozen=True, slots=True)
class Catalog:
    version: str
    """Hash of the seed files: when it changes, the stored catalog is refreshed."""
    files: tuple[SeedFile, ...]


def seeds_folder() -> Traversable:
    """Where the seeds are: inside an installed wheel, else the checkout's `seeds/`."""
    packaged = resources.files("watchlist").joinpath("_seeds")
    if packaged.is_dir():
        return packaged
    # Editable installs and source checkouts keep the seeds at the top level.
    return Path(__file__).resolve().parents[2] / "seeds"


def parse_seed_file(raw: bytes, where: str) -> SeedFile:
    """Read a file in the seeds format; errors name the file and the place."""
    try:
        doc = orjson.loads(raw)
    except orjson.JSONDecodeError as error:
        raise RecordError(f"{where}: not valid JSON ({error})") from None
    if not isinstance(doc, dict):
        raise RecordError(f"{where}: expected an object with 'season', 'shows' and 'pieces'")
    if doc.get("format", SEED_FORMAT) != SEED_FORMAT:
        raise RecordError(f"{where}: seed format {doc.get('format')!r} is not supported")
    season, shows, pieces = doc.get("season"), doc.get("shows", []), doc.get("pieces", [])
    if not isinstance(season, dict):
        raise RecordError(f"{where}: 'season' must be an object")
    if not isinstance(shows, list) or not isinstance(pieces, list):
        raise RecordError(f"{where}: 'shows' and 'pieces' must be lists")
    return SeedFile(season, shows, pieces)


def load_catalog(folder: Traversable | None = None) -> Catalog:
    folder = folder or seeds_folder()
    # A checksum only has to notice that the shipped files changed; CRC-32 and the
    # length do, without importing hashlib at every start.
    checksum, length = 0, 0
    files = []
    for item in sorted(folder.iterdir(), key=lambda t: t.name):
        if not item.name.endswith(".json"):
            continue
        raw = item.read_bytes()
        named = item.name.encode() + b"\0" + raw
        checksum, length = zlib.crc32(named, checksum), length + len(named)
        files.append(parse_seed_file(raw, f"seeds/{item.name}"))
    return Catalog(f"{checksum:08x}{length:08x}", tuple(files))
