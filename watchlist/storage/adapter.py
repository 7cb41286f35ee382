"""The adapter interface: where the user's documents are kept.

Like TinyDB's `Storage`, an adapter is small: it loads the tables, commits
record changes durably, and says whether someone else changed them. Locking and
recovery are middlewares (`middleware.py`) that wrap any adapter, and the store
on top sees only domain objects. Two adapters exist: TinyDB on a file
(`tinydb_adapter.py`) and memory (`memory_adapter.py`).
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterator, Sequence
from contextlib import AbstractContextManager
from itertools import islice
from pathlib import Path
from typing import Any, Protocol

import orjson

from watchlist.domain.text import scrub
from watchlist.storage.deferred import DEFERRED, DeferredRows
from watchlist.storage.errors import DamagedFile
from watchlist.storage.moment_texts import digit_keys
from watchlist.storage.records import Doc, DocChange, Tables
from watchlist.storage.vouch_file import Span


class Adapter(Protocol):
    location: str
    """What to call the place in messages (a file's path)."""

    def exists(self) -> bool:
        """Whether anything is stored yet."""
        ...

    def beside(self, suffix: str) -> Path | None:
        """Where a file that goes with this database is kept, if files are kept at all."""
        ...

    def load(self) -> Tables:
        """Read what is stored, remembering which version it was.

        Raises DamagedFile when it cannot be read as a watchlist database, and
        OSError when it cannot be read at all."""
        ...

    def changed(self) -> bool:
        """Whether someone else stored a new version since our last load or commit."""
        ...

    def commit(self, changes: Sequence[DocChange], *, keep_backup: bool = True) -> None:
        """Apply `changes` to the stored documents and make them durable, or raise
        (OSError) with the stored version unchanged."""
        ...

    def reset(self, tables: Tables, *, keep_backup: bool = True) -> None:
        """Replace everything stored with `tables`, durably."""
        ...

    def trusted(self) -> bool:
        """Whether what was last loaded is exactly what watchlist itself wrote or checked
        (then its records need not all be checked again as it opens)."""
        ...

    def vouch(self) -> None:
        """Remember that what was last loaded has been checked, record by record."""
        ...

    def documents(self) -> Tables:
        """The documents as last loaded or committed."""
        ...

    def find(self, table: str, key: str) -> Doc | None:
        """One stored document by our own key, as last loaded or committed."""
        ...

    def lock(self, timeout: float) -> AbstractContextManager[None]:
        """Exclusive between every writer of this place (other processes too).

        Raises LockTimeout after `timeout` seconds, OSError if it cannot lock."""
        ...

    def cannot_write(self) -> str | None:
        """Why nothing can be saved here (a read-only file or folder), or None."""
        ...

    def set_aside(self, stamp: str) -> str:
        """Move what is stored out of the way, untouched; returns the name it now has."""
        ...

    def last_good(self) -> tuple[Tables, str] | None:
        """The copy kept before an earlier save, and when it was saved, if any."""
        ...

    def owned_by(self, path: Path) -> str | None:
        """What of this database `path` names (for refusing to write over it), or None."""
        ...

    def set_aside_backup(self, stamp: str) -> str | None:
        """Move the kept copy out of the way, untouched, when it cannot be used (it is
        never overwritten then); the name it now has, or None when there is none."""
        ...

    def clean_up(self) -> None:
        """Remove what killed writers left behind (called holding the lock)."""
        ...

    def close(self) -> None: ...


def encode(data: Tables) -> bytes:
    """The exact bytes of a database: compact UTF-8 JSON and a final newline."""
    return orjson.dumps(data, option=orjson.OPT_APPEND_NEWLINE)


ENCODED_AT_ONCE = 50_000
"""Records encoded together by `encode_pieces`: a table this size or smaller is encoded
whole (as `encode` does it, with no copy), a larger one in pieces of this many."""


Encoded = dict[str, list[bytes | memoryview]]
"""Tables as encoded (by name, the pieces of each), kept while the table is unchanged."""


def encode_pieces(
    data: Tables,
    spans: list[Span] | None = None,
    encoded: Encoded | None = None,
    changed: Collection[str] = (),
) -> Iterator[bytes | memoryview]:
    """`encode(data)` in pieces, the same bytes joined: saving 100,000 shows never holds
    the whole file as bytes, and a library of 20,000 costs what one encoding does (cutting
    a table into pieces copies it, about half as much again).

    The tables are encoded one by one (and written together, see
    `files.write_atomically`), and where each lies is added to `spans`, if given. A
    table `encoded` holds is written as those bytes, not encoded again (a mark changes
    the entries and the journal, not the shows or the verdicts); the others are added
    to it as they are encoded, but for the `changed` ones: a table a change just
    touched is likely to change again, and an import's would hold the whole file as
    bytes beside its documents."""
    at = 1
    yield b"{"
    for n, (name, rows) in enumerate(data.items()):
        head = (b"," if n else b"") + orjson.dumps(name) + b":"
        yield head
        start = at = at + len(head)
        pieces = encoded.get(name) if encoded is not None else None
        if pieces is None:
            parsed = rows.rows() if isinstance(rows, DeferredRows) else rows
            pieces = list(_table_pieces(parsed))
            if encoded is not None and name not in changed:
                encoded[name] = pieces
        for piece in pieces:
            yield piece
            at += len(piece)
        if spans is not None:
            spans.append((name, start, at))
    yield b"}\n"


def _table_pieces(rows: dict[str, Doc]) -> Iterator[bytes]:
    if len(rows) <= ENCODED_AT_ONCE:
        yield orjson.dumps(rows)
        return
    yield b"{"
    # Cut in C from one iterator over the records: no list of keys, no lookups.
    records = iter(rows.items())
    yield orjson.dumps(dict(islice(records, ENCODED_AT_ONCE)))[1:-1]  # never empty here
    while part := dict(islice(records, ENCODED_AT_ONCE)):
        yield b"," + orjson.dumps(part)[1:-1]
    yield b"}"


def split(
    raw: bytes, spans: Sequence[Span], location: str, deferred: Collection[str] = tuple(DEFERRED)
) -> Tables | None:
    """The tables of a file this version wrote, from where its save noted each lies: the
    `deferred` ones (some of `DEFERRED`) left as bytes until read (see
    `deferred.py`), the others parsed. None when the file is not laid out as `spans` say
    (then it is parsed whole)."""
    view = memoryview(raw)
    at = 1
    tables: Tables = {}
    if raw[:1] != b"{":
        return None
    for n, (name, start, end) in enumerate(spans):
        head = (b"," if n else b"") + orjson.dumps(name) + b":"
        if raw[at:start] != head or not start < end <= len(raw):
            return None
        if raw[start : start + 1] != b"{" or raw[end - 1 : end] != b"}":
            return None
        at = end
        if name in deferred:
            rows: Any = DeferredRows(name, view[start:end], location)
        else:
            try:
                rows = orjson.loads(view[start:end])
            except orjson.JSONDecodeError:
                return None
            if not isinstance(rows, dict) or not digit_keys(rows):
                return None
        tables[name] = rows
    return tables if raw[at:] == b"}\n" else None


BOM = b"\xef\xbb\xbf"


# What a string can only hold if it carries a character typed text never keeps: a \u
# escape or one of the short escapes of a control character (\b, \f, \r; orjson writes
# every other character as itself), DEL, a C1 control, a bidi mark or override, or an
# invisible character. A file watchlist wrote has none, so this one scan is all a normal
# start pays; a test holds it to every character the cleaning removes.
_SUSPECT = re.compile(
    rb"\\[ubfr]|\x7f|\xc2[\x80-\x9f]|\xe2\x80[\x8b-\x8f\xaa-\xae]|\xe2\x81[\xa0\xa6-\xa9]"
    rb"|\xd8\x9c|\xef\xbb\xbf"
)


def cleaned(data: Any, raw: bytes) -> Any:
    """`data` parsed from `raw`, its text cleaned of control characters the way typed
    text is when the file was edited by hand (so they never reach a terminal)."""
    return scrub(data) if _SUSPECT.search(raw) else data


def decode(raw: bytes, *, clean: bool = True) -> Tables:
    """Parse a database, or say in one phrase what is wrong with it. With `clean`, text
    a hand edit left unsafe is cleaned (a file this version wrote needs no scan)."""
    if raw.startswith(BOM):
        raw = raw[len(BOM) :]  # some editors save one; it is not damage
    if not raw or raw.isspace():  # isspace stops at the first "{"; strip would copy it all
        raise DamagedFile("the file is empty")
    try:
        data = orjson.loads(raw)
    except orjson.JSONDecodeError as error:
        raise DamagedFile(f"it is not valid JSON ({error})") from None
    if not isinstance(data, dict):
        raise DamagedFile("it is JSON of the wrong shape (expected an object of tables)")
    tables: Tables = cleaned(data, raw) if clean else data
    for name, table in tables.items():
        # JSON object keys are always text; TinyDB's record ids are digits.
        if not isinstance(table, dict) or not digit_keys(table):
            raise DamagedFile(f"its table '{name[:40]}' has the wrong shape")
    return tables
