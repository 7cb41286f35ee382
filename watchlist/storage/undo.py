"""Undo, between the journal and the store: a change's step saved with it, the newest
step undone, the files a step keeps."""

from __future__ import annotations

import os
from collections.abc import Callable
from contextlib import suppress
from datetime import UTC, datetime
from pathlib import Path

from watchlist.storage import journal
from watchlist.storage.adapter import Adapter
from watchlist.storage.catalog_file import SUFFIX as CATALOG_SUFFIX
from watchlist.storage.files import keep_version, kept_prefix, restore_kept
from watchlist.storage.records import Doc, DocChange
from watchlist.storage.working import WorkingCopy, Writer

Beside = Callable[[str], Path | None]
"""Where a file that goes with the database is kept (None: no files, in memory)."""


def _steps(medium: Adapter) -> list[Doc]:
    return list(medium.documents().get(journal.TABLE, {}).values())


def journal_changes(
    medium: Adapter, working: WorkingCopy, origin: str
) -> tuple[list[DocChange], list[Doc]]:
    """The journal's documents to save with `working`'s change, and the steps it pushes
    out of the journal."""
    assert working.label is not None
    at = datetime.now(UTC).isoformat(timespec="seconds")  # for people: the wall clock
    extra, forgotten = journal.record(
        working.changes,
        medium.find,
        _steps(medium),
        label=working.label,
        origin=origin,
        at=at,
        extra=working.file_ops,
    )
    return [DocChange(*change) for change in extra], forgotten


def undo_newest(tx: Writer, medium: Adapter, beside: Beside, now: str, prefer: str | None) -> Doc:
    """Undo the newest step (of the copy `prefer` names, first) inside the transaction
    `tx`; the step is returned."""

    def digest(suffix: str) -> str | None:
        path = beside(suffix)
        try:
            return journal.bytes_digest(path.read_bytes()) if path is not None else None
        except FileNotFoundError:
            return None

    step, reverted, files = journal.undo_newest(
        medium.find, _steps(medium), now, digest, prefer=prefer
    )
    for op in files:
        path = beside(op["k"])
        assert path is not None
        if op["kept"] is None:
            path.unlink(missing_ok=True)  # there was none before
        else:
            restore_kept(path.with_name(op["kept"]), path)
    for table, key, doc in reverted:
        tx.put_document(table, key, doc)
    return step


def history(medium: Adapter) -> list[journal.Step]:
    return [journal.listed(doc) for doc in reversed(journal.steps(_steps(medium)))]


def keep_file(beside: Beside, suffix: str) -> str | None:
    path = beside(suffix)
    if path is None or not path.exists():
        return None
    return keep_version(path).name


def forget_files(beside: Beside, names: list[str]) -> None:
    """Delete the kept versions of steps that are gone from the journal."""
    if not names:
        return  # almost every save: not even the folder needs finding
    folder = beside("")
    for name in names:
        if folder is not None:
            with suppress(OSError):
                folder.with_name(name).unlink()


def forget_unlisted(beside: Beside, medium: Adapter) -> None:
    """Delete kept versions no journal step names (a copy killed between keeping a file
    and saving its step leaves one); called holding the lock."""
    folder = beside("")
    if folder is None:
        return
    catalog = beside(CATALOG_SUFFIX)
    assert catalog is not None
    prefix = kept_prefix(catalog)
    try:
        kept = [entry.name for entry in os.scandir(folder.parent) if entry.name.startswith(prefix)]
    except OSError:
        return
    if not kept:
        return  # the usual case: the journal (200,000 ops after a large import) is not read
    listed = {name for step in _steps(medium) for name in journal.kept_files(step)}
    for name in kept:
        if name not in listed:
            with suppress(OSError):
                folder.with_name(name).unlink()
