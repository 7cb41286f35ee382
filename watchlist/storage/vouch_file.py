"""The `.checked` file beside a large database: which version of the database file this
watchlist wrote, or checked record by record, so the next open need not check it again.

It is only a hint: it is never fsynced, and a lost, stale or garbled one costs one full
check at the next open, never a wrong answer (a version is trusted only when the file
names exactly its device, inode, size and modification time).

After a save it also says where each table lies in that version (its spans), so the
next open can leave tables it does not read as bytes; those are checked against the
file's layout before they are used (see `adapter.split`).
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Sequence
from pathlib import Path

import orjson

from watchlist.storage.files import Signature

Span = tuple[str, int, int]
"""A table's name and where its value lies in the database file: [start, end) in bytes."""

WIDTH = 1024
"""Bytes the file always holds: a signature and the spans, padded with spaces (a
library's eight tables take about 250), so a new one overwrites the last in place and
needs no truncation. Spans that would not fit are left out."""


def _text(saved: Signature) -> str:
    return " ".join(map(str, saved))


def _spans_text(spans: Sequence[Span]) -> str:
    return "".join(f"\n{start} {end} {orjson.dumps(name).decode()}" for name, start, end in spans)


def _read_spans(lines: list[str]) -> list[Span]:
    spans = []
    for line in lines:
        start, end, name = line.split(" ", 2)
        spans.append((orjson.loads(name), int(start), int(end)))
    return spans


class VouchFile:
    """Kept open once written. Rewriting it in place costs about a microsecond; truncating
    and rewriting it cost about 0.2 ms a save on ext4, a fifth of a mark at 1,000 shows."""

    def __init__(self) -> None:
        self._path: Path | None = None
        self._fd: int | None = None
        self._known: tuple[Path, Signature, list[Span] | None] | None = None
        """What the file was last found or made to say (the spans, or None when it does
        not name the version): a load asks, and the store right after, about the same
        version; one read of the file answers both."""

    def spans(self, path: Path, saved: Signature) -> list[Span] | None:
        """Where the tables of version `saved` lie, when the file at `path` names it
        (empty when it names it without saying), or None."""
        if self._known is not None and self._known[:2] == (path, saved):
            return self._known[2]
        spans: list[Span] | None = None
        try:
            first, *rest = path.read_text(encoding="utf-8").rstrip(" ").split("\n")
            if first == _text(saved):
                spans = []
                spans = _read_spans(rest)
        except (OSError, ValueError, orjson.JSONDecodeError):
            pass  # missing, unreadable, not text; garbled spans: named, but no spans
        self._known = (path, saved, spans)
        return spans

    def write(self, path: Path, saved: Signature, spans: Sequence[Span] = ()) -> None:
        """Make the file at `path` name `saved`, and where its tables lie (when it cannot
        be written, the next open finds it stale and checks every record)."""
        text = _text(saved)
        listed = _spans_text(spans)
        if len(text) + len(listed) <= WIDTH:
            text += listed
        else:
            spans = ()
        data = text.ljust(WIDTH).encode()
        try:
            if self._fd is None or self._path != path:
                self.close()
                fd = os.open(path, os.O_WRONLY | os.O_CREAT, 0o666)
                self._fd, self._path = fd, path
                os.ftruncate(fd, len(data))  # once: whatever was longer before goes
            os.lseek(self._fd, 0, os.SEEK_SET)
            os.write(self._fd, data)
        except OSError:
            self.close()
            return
        self._known = (path, saved, list(spans))

    def close(self) -> None:
        if self._fd is not None:
            with contextlib.suppress(OSError):
                os.close(self._fd)
        self._fd = self._path = None
