"""Middlewares that wrap any adapter, the way TinyDB's middlewares wrap a storage.

`Locking` makes every write hold the adapter's lock between processes and turns
lock failures into one-line errors. `Recovery` never lets damage be written
over: a damaged database is set aside and replaced by the best copy there is.
Each middleware is itself an adapter; anything else is passed through.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from watchlist.storage.adapter import Adapter
from watchlist.storage.errors import DamagedFile, DatabaseBusy, SaveFailed, StorageError
from watchlist.storage.lock import LockTimeout
from watchlist.storage.records import Doc, DocChange, Tables, summarise
from watchlist.storage.tables import Problem


class Middleware:
    """Passes everything to the adapter it wraps; subclasses override what they change."""

    def __init__(self, inner: Adapter) -> None:
        self.inner = inner
        self.location = inner.location

    def __getattr__(self, name: str) -> Any:
        return getattr(self.inner, name)

    def exists(self) -> bool:
        return self.inner.exists()

    def load(self) -> Tables:
        return self.inner.load()

    def changed(self) -> bool:
        return self.inner.changed()

    def commit(self, changes: Sequence[DocChange], *, keep_backup: bool = True) -> None:
        self.inner.commit(changes, keep_backup=keep_backup)

    def reset(self, tables: Tables, *, keep_backup: bool = True) -> None:
        self.inner.reset(tables, keep_backup=keep_backup)

    def documents(self) -> Tables:
        return self.inner.documents()

    @property
    def find(self) -> Callable[[str, str], Doc | None]:
        # The wrapped adapter's own lookup: the undo journal asks once for each record a
        # save touches (290,000 at a 100,000-entry import), through no call per layer.
        return self.inner.find

    def close(self) -> None:
        self.inner.close()


class Locking(Middleware):
    """Writes only under the lock; `hold()` for a whole transaction (re-entrant)."""

    def __init__(self, inner: Adapter, timeout: float) -> None:
        super().__init__(inner)
        self.timeout = timeout

    @contextmanager
    def hold(self) -> Iterator[None]:
        try:
            lock = self.inner.lock(self.timeout)
            lock.__enter__()
        except LockTimeout:
            raise DatabaseBusy(
                "the database is busy: another watchlist has been saving for "
                f"{self.timeout:g} seconds; try again"
            ) from None
        except OSError as error:
            raise SaveFailed(f"cannot lock the database for saving: {error.strerror}") from None
        try:
            yield
        finally:
            lock.__exit__(None, None, None)

    def commit(self, changes: Sequence[DocChange], *, keep_backup: bool = True) -> None:
        with self.hold():
            self.inner.commit(changes, keep_backup=keep_backup)

    def reset(self, tables: Tables, *, keep_backup: bool = True) -> None:
        with self.hold():
            self.inner.reset(tables, keep_backup=keep_backup)


class Recovery(Middleware):
    """Damage is set aside, never overwritten, and the user is told in one line.

    `validate` raises DamagedFile for tables that are not a watchlist database,
    `check` says whether a copy is whole (every record readable), `fresh` makes
    an empty database, `stamp` names the set-aside copy.
    """

    def __init__(
        self,
        inner: Adapter,
        *,
        validate: Callable[[Tables], object],
        check: Callable[[Tables], bool],
        fresh: Callable[[], Tables],
        stamp: Callable[[], str],
    ) -> None:
        super().__init__(inner)
        self._validate = validate
        self._check = check
        self._fresh = fresh
        self._stamp = stamp
        self.notices: list[str] = []
        """Plain-language reports of recoveries made, for the user."""

    def load(self, *, writable: bool = True) -> Tables:
        known = self.inner.documents()
        try:
            tables = self.inner.load()
            self._validate(tables)
            return tables
        except DamagedFile as error:
            if not writable:
                raise StorageError(f"the database {self.location} is damaged: {error}") from None
            return self._recover(str(error), known)

    def _recover(self, reason: str, known: Tables) -> Tables:
        stamp = self._stamp()
        aside = self.inner.set_aside(stamp)
        restored: Tables | None = None
        good = self.inner.last_good()
        usable = good is not None and self._check(good[0])
        # A kept copy that cannot be used may hold what nothing else does: it is set
        # aside too, never left where the next save would replace it.
        also = "" if usable else self.inner.set_aside_backup(stamp)
        if known and self._check(known):
            restored, source = known, "the copy this session had in memory"
        elif usable:
            assert good is not None
            restored, source = good[0], f"the last good copy ({good[1]})"
        if restored is None:
            restored, source = self._fresh(), "a fresh database"
        self.inner.reset(restored, keep_backup=False)
        kept = f" Its last copy was damaged too and was set aside as {also}." if also else ""
        self.notices.append(
            f"The database file was damaged ({reason}). It was set aside as {aside} "
            f"and watchlist continued from {source}.{kept}"
        )
        return restored

    def salvage(self, problems: list[Problem], clean: Tables) -> None:
        """Keep every readable record; the original is set aside untouched."""
        aside = self.inner.set_aside(self._stamp())
        self.inner.reset(clean, keep_backup=False)
        self.notices.append(f"{summarise(problems)}. The original file was set aside as {aside}.")

    def take_notices(self) -> list[str]:
        notices, self.notices = self.notices, []
        return notices
