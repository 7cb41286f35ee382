"""Files to import: read within a size limit, unpacked, and told apart by their content."""

from __future__ import annotations

import zlib
from pathlib import Path

import orjson

from watchlist.domain.errors import InvalidInput

MAX_IMPORT_BYTES = 50 * 1024 * 1024
"""Largest file watchlist reads (after decompression); a real list is far smaller."""


MAX_PIECE_BYTES = 1024 * 1024
"""Largest critic piece file: a piece is a few paragraphs."""


def read_input(path: Path, limit: int = MAX_IMPORT_BYTES) -> bytes:
    """A file's bytes, refused past `limit` without reading it all."""
    try:
        with open(path, "rb") as handle:
            raw = handle.read(limit + 1)
    except OSError as error:
        raise InvalidInput(f"cannot read {path}: {error.strerror or error}") from None
    if path.name.lower().endswith(".gz"):
        raw = _gunzip(raw, path.name)
    if len(raw) > limit:
        raise InvalidInput(f"{path.name} is larger than the {limit / 2**20:g} MB limit")
    return raw


def _gunzip(raw: bytes, name: str) -> bytes:
    """MAL exports come gzipped; a bomb stops at the limit instead of filling memory."""
    inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        out = inflater.decompress(raw, MAX_IMPORT_BYTES + 1)
    except zlib.error as error:
        raise InvalidInput(f"{name}: not a valid gzip file ({error})") from None
    if len(out) > MAX_IMPORT_BYTES or inflater.unconsumed_tail:
        raise InvalidInput(f"{name} unpacks to more than the {MAX_IMPORT_BYTES // 2**20} MB limit")
    return out


def detect_format(raw: bytes, name: str) -> str:
    lowered = name.lower()
    if lowered.endswith((".xml", ".xml.gz")) or raw.lstrip()[:1] == b"<":
        return "mal-xml"
    try:
        doc = orjson.loads(raw)
    except orjson.JSONDecodeError as error:
        if lowered.endswith(".json") or raw.lstrip()[:1] in (b"{", b"["):
            raise InvalidInput(f"{name}: not valid JSON ({error})") from None
        raise InvalidInput(
            f"{name}: cannot tell its format; give --format json, mal-xml or seeds"
        ) from None
    if isinstance(doc, dict) and doc.get("format") == "watchlist-backup":
        return "json"
    if isinstance(doc, dict) and "season" in doc and "shows" in doc:
        return "seeds"
    raise InvalidInput(f"{name}: JSON, but neither a watchlist backup nor a seeds file")
