"""The tracker: every use case as one method, each change one durable transaction.

The CLI and the TUI talk to nothing else: not the store, not storage.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from watchlist.service.catalog_jobs import CatalogJobs
from watchlist.service.entries import EntryJobs
from watchlist.service.episodes import EpisodeJobs
from watchlist.service.season_views import SeasonViews
from watchlist.service.transfers import TransferJobs
from watchlist.service.undoing import UndoJobs
from watchlist.service.verdicts import VerdictJobs
from watchlist.storage import open_store, utc_now
from watchlist.storage.files import check_database_path


def default_db_path() -> Path:
    """`$WATCHLIST_DB`, else the user data folder for this platform."""
    given = given_db_path()
    if given is not None:
        return given
    import platformdirs  # deferred: only needed when no path was given

    return platformdirs.user_data_path("watchlist", appauthor=False) / "watchlist.json"


def given_db_path() -> Path | None:
    """`$WATCHLIST_DB`, when it is set (an empty one counts as not set, as in shells)."""
    env = os.environ.get("WATCHLIST_DB")
    return Path(env).expanduser() if env else None


class Tracker(
    SeasonViews, EpisodeJobs, EntryJobs, VerdictJobs, TransferJobs, CatalogJobs, UndoJobs
):
    """One user's tracker over one database."""

    @classmethod
    def open(
        cls,
        path: Path | None = None,
        *,
        clock: Callable[[], datetime] = utc_now,
        create: bool = True,
        changing: bool = False,
    ) -> Tracker:
        """Open the database at `path` or the default place, creating it unless `create`
        is false (then nothing is written until the first change). `changing` (a command
        about to change records) reads a large library's entries as it opens (see
        `open_store`).

        A path that cannot be a database (a folder, a device, a pipe, a file in a
        folder that does not exist) is refused first, with nothing created or renamed;
        only the default data folder is made when missing."""
        chosen = path if path is not None else given_db_path()
        target = chosen if chosen is not None else default_db_path()
        if chosen is not None:
            check_database_path(target)
        elif create:
            check_database_path(target, make_folder=True)
        return cls(open_store(target, clock=clock, create=create, changing=changing))

    # What the UIs need to know about the store, without reaching into it.

    @property
    def location(self) -> str:
        """Where the database is."""
        return self.store.location

    @property
    def generation(self) -> int:
        """Changes whenever the data does, here or in another program (the imported
        catalog beside the database included)."""
        return self.store.generation + self._catalog_loads

    @property
    def refresh_on_read(self) -> bool:
        return self.store.refresh_on_read

    @refresh_on_read.setter
    def refresh_on_read(self, value: bool) -> None:
        """Off: reads serve memory and `refresh()` picks up other programs' changes
        (the TUI does that in a worker, so a large file never stalls a keystroke)."""
        self.store.refresh_on_read = value

    def notices(self) -> list[str]:
        """Recoveries made since last asked (a damaged file set aside...), one line each."""
        notices, self._catalog_notices = self._catalog_notices, []
        return [*notices, *self.store.take_notices()]

    def changed_on_disk(self) -> bool:
        """Whether another program saved since we last looked (a cheap stat), the database
        or the catalog imported beside it."""
        return self.store.changed_on_disk() or self._catalog_changed()

    def refresh(self) -> None:
        """Read the data again now if another program changed it."""
        self.store.refresh()
        if self._catalog_changed():
            self._reload_catalog()

    def close(self) -> None:
        self.store.close()
