"""The errors a use case can raise, for the CLI and the TUI to catch."""

import errno

from watchlist.domain.errors import InvalidInput
from watchlist.storage.errors import (
    DatabaseBusy,
    NewerSchema,
    ReadOnly,
    SaveFailed,
    StorageError,
    UnusablePath,
)
from watchlist.storage.journal import NothingToUndo, UndoConflict

__all__ = [
    "DatabaseBusy",
    "InvalidInput",
    "NewerSchema",
    "NothingToUndo",
    "ReadOnly",
    "SaveFailed",
    "StorageError",
    "UndoConflict",
    "UnusablePath",
]

DISK_FULL = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EIO})
"""Failures of the disk, not of what the user asked: they exit 1 everywhere, never 2."""
