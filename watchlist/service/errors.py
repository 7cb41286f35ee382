"""The errors a use case can raise, for the CLI and the TUI to catch."""

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
