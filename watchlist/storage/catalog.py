"""The catalog that ships with the app: the files in the top-level `seeds/` folder.

It is read from the package at every start (never copied into the user's
database), so an update's corrections reach every user at once.
"""

from __future__ import annotations

import zlib
from pathlib import Path
from typing import TYPE_CHECKING, Any

import msgspec
import orjson
from msgspec import Struct, field
from msgspec.structs import replace

from watchlist.domain.model import CriticPiece, Season, Show
from watchlist.storage import converters as conv
from watchlist.storage.errors import RecordError

if TYPE_CHECKING:
    from importlib.abc import Traversable

SEED_FORMAT = 1


class SeedFile(Struct, frozen=True):
    """One season's worth of catalog documents, in the shared document format."""

    season: dict[str, Any]
    shows: list[dict[str, Any]]
    pieces: list[dict[str, Any]]


class Catalog(Struct, frozen=True):
    version: str
    """A checksum of the seed files."""
    seasons: dict[str, Season] = field(default_factory=dict)
    shows: dict[str, Show] = field(default_factory=dict)
    pieces: dict[str, CriticPiece] = field(default_factory=dict)


def seeds_folder() -> Traversable:
    """Where the seeds are: inside an installed wheel, else the checkout's `seeds/`."""
    package = Path(__file__).resolve().parents[1]
    if (package / "_seeds").is_dir():
        return package / "_seeds"
    # Editable installs and source checkouts keep the seeds at the top level.
    if (package.parent / "seeds").is_dir():
        return package.parent / "seeds"
    # A package that is not plain files (a zip): importlib.resources, which costs every
    # start about 10 ms of imports (zipfile, tempfile) when it is loaded up front.
    from importlib import resources

    return resources.files("watchlist").joinpath("_seeds")


def parse_seed_file(raw: bytes, where: str) -> SeedFile:
    """Read a file in the seeds format; errors name the file and the place."""
    try:
        doc = orjson.loads(raw)
    except orjson.JSONDecodeError as error:
        raise RecordError(f"{where}: not valid JSON ({error})") from None
    return seed_from_doc(doc, where)


def is_seed_file(doc: Any) -> bool:
    return isinstance(doc, dict) and "season" in doc and "shows" in doc


def seed_from_doc(doc: Any, where: str) -> SeedFile:
    """A seeds-format document (parsed JSON), checked for its shape."""
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


def _add(into: dict[str, Any], key: str, obj: Any, where: str) -> None:
    if key in into:
        raise RecordError(f"{where}: '{key}' is already in the catalog (two files give it)")
    into[key] = obj


class _TypedSeed(Struct):
    """A seed file decoded straight into records, in one call in C."""

    season: Season
    shows: list[Show]
    pieces: list[CriticPiece]
    format: int = SEED_FORMAT


def _typed_seed(raw: bytes) -> _TypedSeed | None:
    """The package's own seed file as records, each field's type checked as it is
    decoded (about a millisecond, against about six for converting each record and
    checking it field by field); None when anything is off (then the checked way says
    what). A test holds every record to the checked conversion."""
    try:
        seed = msgspec.json.decode(raw, type=_TypedSeed)
    except msgspec.DecodeError:
        return None
    return seed if seed.format == SEED_FORMAT else None


def load_catalog(folder: Traversable | None = None, *, checked: bool = False) -> Catalog:
    """Every seed file, converted; a slug given twice is an error, not an overwrite. The
    package's own files are decoded typed, unless `checked` (field by field, as any
    other file is)."""
    typed = folder is None and not checked
    folder = folder or seeds_folder()
    # A checksum only has to notice that the shipped files changed; CRC-32 and the
    # length do, without importing hashlib at every start.
    checksum, length = 0, 0
    seasons: dict[str, Season] = {}
    shows: dict[str, Show] = {}
    pieces: dict[str, CriticPiece] = {}
    for item in sorted(folder.iterdir(), key=lambda t: t.name):
        if not item.name.endswith(".json"):
            continue
        raw = item.read_bytes()
        named = item.name.encode() + b"\0" + raw
        checksum, length = zlib.crc32(named, checksum), length + len(named)
        where = f"seeds/{item.name}"
        found = _typed_seed(raw) if typed else None
        if found is not None:
            season, season_shows, season_pieces = found.season, found.shows, found.pieces
        else:
            seed = parse_seed_file(raw, where)
            season = conv.season_from_doc(seed.season, f"{where}: season")
            season_shows = [
                conv.show_from_doc(doc, f"{where}: shows[{n}]") for n, doc in enumerate(seed.shows)
            ]
            season_pieces = [
                conv.piece_from_doc(doc, f"{where}: pieces[{n}]")
                for n, doc in enumerate(seed.pieces)
            ]
        _add(seasons, season.slug, season, where)
        for show in season_shows:
            _add(shows, show.slug, replace(show, season=show.season or season.slug), where)
        for piece in season_pieces:
            _add(pieces, piece.id, piece, where)
    return Catalog(f"{checksum:08x}{length:08x}", seasons, shows, pieces)
