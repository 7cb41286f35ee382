"""Shows and a season of the user's own, in the seeds format, as an import format."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from watchlist.domain.text import plural
from watchlist.service.from_files import ShowFile, parse_show_file
from watchlist.service.importing.base import Options, Plan
from watchlist.service.library import Library
from watchlist.storage.catalog import is_seed_file


class SeedsImporter:
    name = "seeds"
    label = "seeds file"
    shape = "json"

    def recognises(self, doc: Any) -> bool:
        return is_seed_file(doc)

    def read(self, doc: Any, name: str, options: Options) -> ParsedSeeds:
        return ParsedSeeds(doc, name)


class SeedsPlan(Plan):
    added: ShowFile | None = None
    source: str = ""

    def lines(self) -> list[str]:
        assert self.added is not None
        season = f"season {self.added.season.slug}, " if self.added.season else ""
        return [
            f"Shows from {self.source}: {season}{plural(len(self.added.shows), 'show')}, "
            f"{plural(len(self.added.pieces), 'critic piece')}"
        ]


class ParsedSeeds:
    def __init__(self, doc: Any, name: str) -> None:
        self.doc = doc
        self.name = name

    def plan(
        self,
        lib: Library,
        options: Options,
        now: datetime,
        progress: Callable[[int, int], None] | None = None,
    ) -> Plan:
        added = parse_show_file(self.doc, self.name, lib)
        changes = [*([added.season] if added.season else []), *added.shows, *added.pieces]
        return SeedsPlan(changes=changes, added=added, source=self.name)
