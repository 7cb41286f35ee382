"""Storage failures, each with a one-line message for the user."""


class StorageError(Exception):
    """The database could not be read or written; the message says why in one line."""


class UnusablePath(StorageError):
    """The database's path cannot be used as given (a link to nothing, a link loop):
    the user has to point it elsewhere, so it counts as bad input."""


class DatabaseBusy(StorageError):
    """Another copy of watchlist held the lock for too long."""


class SaveFailed(StorageError):
    """A save did not reach the disk; the file still holds the previous state."""


class ReadOnly(SaveFailed):
    """Nothing can be saved here (a read-only file or folder, or a newer file); the
    change was refused before anything was written."""


class NewerSchema(StorageError):
    """The file was written by a newer watchlist; it is left exactly as it is."""


class DamagedFile(StorageError):
    """The file cannot be read as a watchlist database."""


class RecordError(ValueError):
    """One stored record does not have the shape watchlist expects."""
