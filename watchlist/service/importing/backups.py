"""watchlist's own JSON backup, as an import format."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from watchlist.service.backup import (
    Backup,
    BackupPlan,
    check_references,
    is_backup,
    parse_backup,
    plan_backup,
)
from watchlist.service.importing.base import Options
from watchlist.service.library import Library


class BackupImporter:
    name = "json"
    label = "watchlist backup"
    shape = "json"

    def recognises(self, doc: Any) -> bool:
        return is_backup(doc)

    def read(self, doc: Any, name: str, options: Options) -> ParsedBackup:
        return ParsedBackup(parse_backup(doc, name), name)


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
    ) -> BackupPlan:
        check_references(self.backup, lib, self.name)
        return plan_backup(self.backup, lib, self.name)
