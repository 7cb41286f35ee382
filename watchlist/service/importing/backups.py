"""watchlist's own JSON backup, as an import format."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from watchlist.domain.model import Settings
from watchlist.service.backup import (
    Backup,
    apply_backup,
    check_references,
    is_backup,
    parse_backup,
    plan_backup,
)
from watchlist.service.importing.base import Options, Plan
from watchlist.service.library import Library
from watchlist.storage import Writer


class BackupImporter:
    name = "json"
    label = "watchlist backup"
    shape = "json"

    def recognises(self, doc: Any) -> bool:
        return is_backup(doc)

    def read(self, doc: Any, name: str, options: Options) -> ParsedBackup:
        return ParsedBackup(parse_backup(doc, name), name)


@dataclass
class BackupFilePlan(Plan):
    chosen: dict[str, list[Any]] = field(default_factory=dict)
    settings: Settings | None = None
    exact: bool = False
    source: str = ""

    def write(self, tx: Writer) -> None:
        from watchlist.service.backup import BackupPlan

        apply_backup(BackupPlan(self.exact, self.chosen, self.settings), tx)

    def lines(self) -> list[str]:
        how = "restore into an empty database" if self.exact else "merge into your data"
        counts = ", ".join(f"{len(v)} {k}" for k, v in self.chosen.items())
        return [f"Backup {self.source} ({how}): {counts}"]


class ParsedBackup:
    def __init__(self, backup: Backup, name: str) -> None:
        self.backup = backup
        self.name = name

    def plan(
        self,
        lib: Library,
        options: Options,
        now: datetime,
        progress: Callable[[int, int], None] | None = None,
    ) -> Plan:
        check_references(self.backup, lib, self.name)
        planned = plan_backup(self.backup, lib)
        return BackupFilePlan(
            chosen=planned.chosen, settings=planned.settings, exact=planned.exact, source=self.name
        )
