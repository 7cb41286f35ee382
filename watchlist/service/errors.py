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

__all__ = [
    "DatabaseBusy",
    "InvalidInput",
    "NewerSchema",
    "ReadOnly",
    "SaveFailed",
    "StorageError",
    "UnusablePath",
]
