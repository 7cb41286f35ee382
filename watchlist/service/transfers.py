"""Moving data in and out: exports, imports, critic pieces from files."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from watchlist.domain.errors import InvalidInput
from watchlist.domain.model import CriticPiece
from watchlist.domain.text import quoted
from watchlist.service.base import TrackerBase
from watchlist.service.library import Library
from watchlist.storage import Writer

if TYPE_CHECKING:
    from watchlist.service.exports import Export
    from watchlist.service.from_files import ShowFile

P = TypeVar("P")


class TransferJobs(TrackerBase):
    # The formats below load only when used: defusedxml, tomllib and the import
    # planners add about 60 ms that starting the board or a script never needs.

    def export(self, fmt: str) -> Export:
        """A full backup (json), your list for MAL (mal-xml), or the watch diary (csv)."""
        from watchlist.service.backup import export_backup
        from watchlist.service.exports import Export, export_csv, export_mal

        if fmt == "json":
            return Export(self._read(lambda lib: export_backup(lib, self.now)), "a full backup")
        if fmt == "mal-xml":
            return self._read(export_mal)
        if fmt == "csv":
            score_format = self.settings().score_format
            return self._read(lambda lib: export_csv(lib, score_format))
        raise InvalidInput(f"unknown export format {quoted(fmt)}: choose json, mal-xml or csv")

    def import_file(
        self,
        path: Path,
        *,
        fmt: str | None = None,
        dry_run: bool = False,
        add_unmatched: bool = False,
    ) -> list[str]:
        """Import a backup, a MAL list or a seeds file: all of it, or (on any fault) nothing."""
        from watchlist.interop.mal_xml import parse_mal
        from watchlist.service.backup import (
            BackupPlan,
            apply_backup,
            check_references,
            parse_backup,
            plan_backup,
        )
        from watchlist.service.from_files import parse_show_file
        from watchlist.service.inputs import detect_format, read_input
        from watchlist.service.mal_import import plan_import

        raw = read_input(path)
        name = path.name
        if fmt is not None and fmt not in ("json", "mal-xml", "seeds"):
            raise InvalidInput(
                f"unknown import format {quoted(fmt)}: choose json, mal-xml or seeds"
            )
        kind = fmt or detect_format(raw, name)
        if kind == "mal-xml":
            mal = parse_mal(raw, name)
            mal_plan = self._plan_and_write(
                lambda lib: plan_import(lib, mal, name, add_unmatched=add_unmatched, now=self.now),
                lambda tx, planned: tx.put_many(planned.changes),
                dry_run,
            )
            lines = mal_plan.lines()
        elif kind == "json":
            backup = parse_backup(raw, name)

            def plan_json(lib: Library) -> BackupPlan:
                check_references(backup, lib, name)
                return plan_backup(backup, lib)

            backup_plan = self._plan_and_write(
                plan_json, lambda tx, planned: apply_backup(planned, tx), dry_run
            )
            lines = backup_plan.lines(name)
        else:
            added = self._plan_and_write(
                lambda lib: parse_show_file(raw, name, lib), _put_show_file, dry_run
            )
            lines = _show_file_lines(added, name)
        return [*lines, "Dry run: nothing was written." if dry_run else "Saved."]

    def _plan_and_write(
        self, plan: Callable[[Library], P], write: Callable[[Writer, P], None], dry_run: bool
    ) -> P:
        """Plan an import from the data; unless it is a dry run, plan it again under
        the lock, on the freshest data, and write it: all of it or nothing."""
        if dry_run:
            return self._read(plan)
        with self._change() as (tx, lib):
            planned = plan(lib)
            write(tx, planned)
        return planned

    def check_piece(self, query: str, path: Path) -> CriticPiece:
        """Read and check a critic piece file without saving it."""
        from watchlist.service.from_files import parse_piece
        from watchlist.service.inputs import MAX_PIECE_BYTES, read_input

        show = self.find(query)
        raw = read_input(path, MAX_PIECE_BYTES)
        return self._read(lambda lib: parse_piece(raw, path.name, show, set(lib.pieces)))

    def add_piece(self, query: str, path: Path) -> CriticPiece:
        """A critic piece of your own, from a TOML or JSON file."""
        from watchlist.service.from_files import parse_piece
        from watchlist.service.inputs import MAX_PIECE_BYTES, read_input

        show = self.find(query)
        raw = read_input(path, MAX_PIECE_BYTES)
        with self._change() as (tx, lib):
            piece = parse_piece(raw, path.name, show, set(lib.pieces))
            tx.put(piece)
        return piece

    def write_export(self, path: Path, payload: bytes) -> None:
        """Write an export to `path` atomically (a crash leaves the old file or the new)."""
        from watchlist.storage.files import write_atomically

        try:
            write_atomically(path, payload)
        except OSError as error:
            raise InvalidInput(f"cannot write {path}: {error.strerror or error}") from None


def _put_show_file(tx: Writer, added: ShowFile) -> None:
    tx.put_many([*([added.season] if added.season else []), *added.shows, *added.pieces])


def _show_file_lines(added: ShowFile, name: str) -> list[str]:
    season = f"season {added.season.slug}, " if added.season else ""
    return [f"Shows from {name}: {season}{len(added.shows)} shows, {len(added.pieces)} pieces"]
