"""Moving data in and out: exports, imports, critic pieces from files."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from watchlist.domain.errors import InvalidInput
from watchlist.domain.model import CriticPiece
from watchlist.domain.text import quoted
from watchlist.service.base import TrackerBase
from watchlist.service.catalogs import CATALOG_SUFFIX
from watchlist.service.errors import DISK_FULL, SaveFailed

if TYPE_CHECKING:
    from watchlist.service.backup import BackupPlan
    from watchlist.service.exports import Export
    from watchlist.service.importing import ImportReport


class TransferJobs(TrackerBase):
    # The formats below load only when used: defusedxml, tomllib and the import
    # planners add about 60 ms that starting the board or a script never needs.

    def export(self, fmt: str, *, excel: bool = False) -> Export:
        """The file a format of `EXPORTERS` writes: a full backup (json), your list for MAL
        (mal-xml), or the watch diary (csv)."""
        from watchlist.service.export_formats import EXPORTERS, ExportOptions

        chosen = EXPORTERS.get(fmt)
        if chosen is None:
            *names, last = EXPORTERS
            raise InvalidInput(
                f"unknown export format {quoted(fmt)}: choose {', '.join(names)} or {last}"
            )
        options = ExportOptions(self.store.clock, excel=excel)
        return self._read(lambda lib: chosen.make(lib, options))

    def import_file(
        self,
        path: Path | str,
        *,
        fmt: str | None = None,
        progress: Callable[[int, int], None] | None = None,
        **options: Any,
    ) -> ImportReport:
        """Import a list (MAL XML, AniList JSON), a backup or a seeds file.

        A fault in the file's structure refuses all of it; odd entries are normalised
        or skipped and reported. Options: dry_run, strict, overwrite, add_unmatched,
        score_format (see `importing.Options`).
        """
        from watchlist.service.bulk import collector_paused

        with collector_paused():
            return self._import_file(path, fmt, progress, options)

    def _import_file(
        self,
        path: Path | str,
        fmt: str | None,
        progress: Callable[[int, int], None] | None,
        options: dict[str, Any],
    ) -> ImportReport:
        from watchlist.service.backup import BackupPlan
        from watchlist.service.importing import ImportReport, Options, read_source
        from watchlist.service.inputs import open_source

        chosen = Options(**options)
        source = open_source(path)
        parsed = read_source(source, fmt, chosen)
        if chosen.dry_run:
            plan = self._read(lambda lib: parsed.plan(lib, chosen, self.now, progress))
        else:
            with self._change() as (tx, lib):
                plan = parsed.plan(lib, chosen, self.now, progress)
                del parsed  # what the file said is in the plan now: let it go before saving
                replaced = []
                if isinstance(plan, BackupPlan) and plan.catalog_shows:
                    replaced.append(self._extend_catalog(plan))
                plan.write(tx)
                tx.journal(f"import of {source.name}", *replaced)
            if replaced:
                self._reload_catalog()
        done = (
            "Dry run: nothing was written."
            if chosen.dry_run
            else "Saved. Undo takes the whole import back."
        )
        return ImportReport([*plan.lines(), done], plan.skipped)

    def _extend_catalog(self, plan: BackupPlan) -> dict[str, Any]:
        """Add the imported-season shows a backup refers to and this database's catalog
        lacks (called holding the database's lock); the journal's op for it."""
        from watchlist.storage.catalog_file import extend_imported
        from watchlist.storage.journal import file_op

        target = self.store.beside(CATALOG_SUFFIX)
        if target is None:
            raise InvalidInput(
                "this backup refers to shows of imported seasons, which a database kept in "
                "memory cannot hold"
            )
        try:
            kept = self.store.keep_file(CATALOG_SUFFIX)
            payload = extend_imported(
                target, plan.catalog_shows, plan.catalog_seasons, plan.datasets
            )
        except OSError as error:
            raise SaveFailed(f"cannot write {target.name}: {error.strerror}") from None
        return file_op(CATALOG_SUFFIX, kept, payload)

    def check_piece(self, query: str, path: Path) -> CriticPiece:
        """Read and check a critic piece file without saving it."""
        from watchlist.service.from_files import parse_piece
        from watchlist.service.inputs import MAX_PIECE_BYTES, read_bytes

        show = self.find(query)
        name, raw = read_bytes(path, MAX_PIECE_BYTES)
        return self._read(lambda lib: parse_piece(raw, name, show, set(lib.pieces)))

    def add_piece(self, query: str, path: Path) -> CriticPiece:
        """A critic piece of your own, from a TOML or JSON file."""
        from watchlist.service.from_files import parse_piece
        from watchlist.service.inputs import MAX_PIECE_BYTES, read_bytes

        show = self.find(query)
        name, raw = read_bytes(path, MAX_PIECE_BYTES)
        with self._change() as (tx, lib):
            piece = parse_piece(raw, name, show, set(lib.pieces))
            tx.put(piece)
            tx.journal(f"added a critic piece on {show.title}")
        return piece

    def write_export(self, path: Path, payload: bytes) -> None:
        """Write an export to `path` atomically (a crash leaves the old file or the new).

        Never over the database or a file that goes with it (its last good copy, its
        lock, its imported catalog): that is refused as bad input. A path that cannot
        be written is bad input too; a full disk is a failure (exit 1), as for saves."""
        from watchlist.storage.files import write_atomically

        if not str(path) or path.is_dir():
            raise InvalidInput(f"{str(path) or 'an empty path'} is not a file to export to")
        owned = self.store.owned_by(path)
        if owned:
            raise InvalidInput(f"{path} is {owned}: export to another file")
        try:
            write_atomically(path, payload)
        except OSError as error:
            if error.errno in DISK_FULL:
                raise SaveFailed(f"cannot write {path}: {error.strerror}") from None
            raise InvalidInput(f"cannot write {path}: {error.strerror or error}") from None
