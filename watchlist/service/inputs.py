"""Files to import: opened within a size limit, unpacked and decoded by their bytes
(never by their name), and JSON read in one place."""

from __future__ import annotations

import codecs
import gzip
import io
import re
import sys
import zlib
from pathlib import Path
from typing import Any, BinaryIO, Protocol

import orjson
from msgspec import Struct

from watchlist.domain.errors import InvalidInput
from watchlist.domain.text import scrub

MAX_IMPORT_BYTES = 1024 * 1024 * 1024
"""Largest file watchlist reads (after unpacking): far above what its own export of a
250,000-show library makes, far below what would exhaust memory."""

MAX_PIECE_BYTES = 1024 * 1024
"""Largest critic piece file: a piece is a few paragraphs."""

GZIP_MAGIC = b"\x1f\x8b"
_DECLARED = re.compile(r"""\A(\s*<\?xml[^>]*?encoding\s*=\s*["'])[^"']*(["'])""")
SNIFF = 64 * 1024


class _Reads(Protocol):
    """What `_Limited` needs of the stream under it: a file, stdin, or a gzip stream."""

    def read(self, size: int = ..., /) -> bytes: ...


class _Limited(io.RawIOBase):
    """A stream that refuses to go past `limit` bytes, however it is unpacked."""

    def __init__(self, inner: _Reads, limit: int, what: str) -> None:
        self.inner = inner
        self.limit = limit
        self.what = what
        self.read_so_far = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        try:
            data = self.inner.read(min(len(buffer), self.limit + 1 - self.read_so_far))
        except (OSError, EOFError, zlib.error) as error:
            if isinstance(error, gzip.BadGzipFile | EOFError | zlib.error):
                raise InvalidInput(f"{self.what}: not a valid gzip file ({error})") from None
            raise InvalidInput(f"cannot read {self.what}: {error}") from None
        self.read_so_far += len(data)
        if self.read_so_far > self.limit:
            raise InvalidInput(
                f"{self.what} is larger than the {self.limit / 2**20:,.0f} MB limit"
                " (after unpacking)"
            )
        buffer[: len(data)] = data
        return len(data)


class Source(Struct):
    """An import file, ready to read: its name for messages, its first bytes for telling
    its format, and a stream of its UTF-8 content."""

    name: str
    head: bytes
    stream: BinaryIO

    def read_all(self) -> bytes:
        return self.stream.read()


def open_source(path: Path | str, limit: int | None = None) -> Source:
    """`path`, or stdin for "-": gzip and byte-order marks are told by the bytes."""
    limit = limit or MAX_IMPORT_BYTES
    if str(path) == "-":
        name, raw = "standard input", sys.stdin.buffer
    else:
        name = Path(path).name
        try:
            raw = open(path, "rb")  # noqa: SIM115 - handed on inside the Source
        except OSError as error:
            raise InvalidInput(f"cannot read {path}: {error.strerror or error}") from None
    peek = io.BufferedReader(_Limited(raw, limit, name), buffer_size=SNIFF)
    stream: _Reads = peek
    if peek.peek(2)[:2] == GZIP_MAGIC:
        # MAL hands its exports out gzipped; a bomb stops at the limit, unread.
        stream = gzip.GzipFile(fileobj=peek, mode="rb")
    reader: io.BufferedReader[Any] = io.BufferedReader(
        _Limited(stream, limit, name), buffer_size=SNIFF
    )
    head = reader.peek(4)[:4]
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        # Rare, and only ever small lists: decoded whole into UTF-8, and an XML
        # declaration that says UTF-16 now says what the bytes are.
        try:
            text = reader.read().decode("utf-16")
        except UnicodeDecodeError as error:
            raise InvalidInput(f"{name}: not valid UTF-16 text ({error.reason})") from None
        text = _DECLARED.sub(r"\1UTF-8\2", text, count=1)
        reader = io.BufferedReader(io.BytesIO(text.encode("utf-8")))
    elif head.startswith(codecs.BOM_UTF8):
        reader.read(len(codecs.BOM_UTF8))
    return Source(name, reader.peek(SNIFF)[:SNIFF], reader)


def read_bytes(path: Path | str, limit: int) -> tuple[str, bytes]:
    """A small file's name and whole content (a critic piece), BOM and gzip handled."""
    source = open_source(path, limit)
    return source.name, source.read_all()


def load_json(raw: bytes, name: str) -> Any:
    """JSON from a file, with every string's control characters removed."""
    try:
        return scrub(orjson.loads(raw))
    except orjson.JSONDecodeError as error:
        raise InvalidInput(f"{name}: not valid JSON ({error})") from None
