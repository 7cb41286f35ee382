"""Importing a list another tracker wrote: match, merge, report. Shared by every list
format, which only has to read its file into `ListEntry` values."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any, Protocol

from msgspec import Struct, field

from watchlist.domain.model import Origin, Show
from watchlist.domain.text import free_slug, quoted, slugify
from watchlist.domain.titles import normalise_title
from watchlist.interop.list_entries import ListEntry, ListRead, further_along
from watchlist.service.importing.base import Options, Plan
from watchlist.service.importing.matching import Matcher
from watchlist.service.importing.merging import Outcome, outcome
from watchlist.service.library import Library
from watchlist.storage import Writer

LISTED = 200
"""Lines of one kind (added, updated, unmatched) listed before the rest are counted."""


class ListFormat(Protocol):
    """A foreign list format's module in `interop` (`mal_xml`, `anilist_json`)."""

    NAME: str
    LABEL: str
    SHAPE: str

    def recognises(self, content: Any, /) -> bool: ...

    def read_list(self, content: Any, name: str, score_format: str | None, /) -> ListRead: ...


class ListImporter:
    """A foreign list format as an importer: it reads the file, this plans the import."""

    def __init__(self, fmt: ListFormat) -> None:
        self.format = fmt
        self.name, self.label, self.shape = fmt.NAME, fmt.LABEL, fmt.SHAPE

    def recognises(self, content: Any) -> bool:
        return self.format.recognises(content)

    def read(self, content: Any, name: str, options: Options) -> ListFile:
        return ListFile(self.format.read_list(content, name, options.score_format))


class ListFile(Struct):
    """A list as its format read it, ready to plan against the library."""

    read: ListRead

    def plan(
        self,
        lib: Library,
        options: Options,
        now: datetime,
        progress: Callable[[int, int], None] | None = None,
    ) -> ListPlan:
        return plan_list(self.read, lib, options, now, progress)


class ListPlan(Plan):
    added: list[str] = field(default_factory=list)
    """The first `LISTED` entries added (the rest are only counted, in `added_count`)."""
    added_count: int = 0
    updated: list[str] = field(default_factory=list)
    unchanged: int = 0
    unmatched: list[tuple[ListEntry, str]] = field(default_factory=list)
    """Entries nothing matched, with why when there is more to say."""
    matcher: Matcher | None = None
    """For near misses, looked for as the report is written (after the save)."""
    normalised: list[str] = field(default_factory=list)
    skipped_lines: list[str] = field(default_factory=list)
    merged: list[str] = field(default_factory=list)
    head: list[str] = field(default_factory=list)
    own_shows: int = 0

    @property
    def skipped(self) -> int:
        return len(self.skipped_lines)

    def write(self, tx: Writer) -> None:
        tx.put_many(self.changes)  # taken: each object goes once its document is made

    def take(self, name: str, added: bool, result: Outcome) -> None:
        """Say what an entry's outcome does (an entry `added` to your list, or one already
        on it), and keep the records it changes."""
        if added:
            self.added_count += 1
            if len(self.added) < LISTED:
                self.added.append(f"{name}: {', '.join(result.changes) or 'on your list'}")
        elif result.changes:
            self.updated.append(f"{name}: {', '.join(result.changes)}")
        else:
            self.unchanged += 1
            return
        self.changes.append(result.entry)
        if result.verdict is not None:
            self.changes.append(result.verdict)

    def _unmatched_lines(self) -> list[str]:
        lines = []
        for n, (item, why) in enumerate(self.unmatched):
            hint = f": {why}" if why else ""
            suggestions = self.matcher.suggest(item) if self.matcher and n < LISTED else ()
            if suggestions:
                names = "; ".join(f"{s.title} ({s.slug})" for s in suggestions)
                hint += f" (did you mean {names}? not applied)"
            mal = f", MyAnimeList {item.mal_id}" if item.mal_id else ""
            lines.append(f"{item.describe()}{mal}{hint}")
        return lines

    def lines(self) -> list[str]:
        out = list(self.head)
        # Unmatched entries with something to say (another season, a suggestion) first.
        unmatched = sorted(self._unmatched_lines(), key=lambda line: ": " not in line)
        for kind, items, count in (
            ("added", self.added, self.added_count),
            ("updated", self.updated, len(self.updated)),
            ("unmatched", unmatched, len(unmatched)),
        ):
            out += [f"  {kind:<9} {line}" for line in items[:LISTED]]
            if count > LISTED:
                out.append(f"  {kind:<9} … and {count - LISTED:,} more")
        out += [f"  {'merged':<9} {line}" for line in self.merged]
        out += [f"  {'changed':<9} {line}" for line in self.normalised]
        out += [f"  {'skipped':<9} {line}" for line in self.skipped_lines]
        own = f" ({self.own_shows:,} as your own shows)" if self.own_shows else ""
        out.append(
            f"Added {self.added_count:,}{own}, updated {len(self.updated):,}, "
            f"unchanged {self.unchanged:,}, skipped {self.skipped:,}, "
            f"unmatched {len(self.unmatched):,}."
        )
        if self.unmatched and not self.own_shows:
            out.append("(add unmatched entries as your own shows with --add-unmatched)")
        return out


def _key(item: ListEntry) -> Any:
    return ("id", item.mal_id) if item.mal_id else ("title", normalise_title(item.title))


def _one_per_show(items: list[ListEntry], plan: ListPlan) -> list[ListEntry]:
    """An id (or title) given twice in one file is one show: the entry further along wins."""
    kept: dict[Any, ListEntry] = {}
    for item in items:
        key = _key(item)
        if key == ("title", ""):
            kept[("position", item.position)] = item
            continue
        if key in kept:
            first = kept[key]
            winner = further_along(first, item)
            loser = item if winner is first else first
            title = f" {quoted(item.title, 60)}" if item.title else ""
            plan.merged.append(
                f"entries {first.position} and {item.position}{title} are the same show; "
                f"entry {winner.position}, further along, was kept "
                f"(entry {loser.position} left out)"
            )
            kept[key] = winner
        else:
            kept[key] = item
    return list(kept.values())


def plan_list(
    listing: ListRead,
    lib: Library,
    options: Options,
    now: datetime,
    progress: Callable[[int, int], None] | None = None,
) -> ListPlan:
    plan = ListPlan()
    total = len(listing.entries) + len(listing.skipped)
    plan.head = [f"{listing.label}: {total:,} {'entry' if total == 1 else 'entries'}"]
    plan.head += [f"  {note}" for note in listing.notes]
    plan.skipped_lines = [
        f"entry {s.position}{' ' + repr(s.title[:60]) if s.title else ''}: {s.reason}"
        for s in listing.skipped
    ]
    matcher = plan.matcher = Matcher(lib.shows.values())
    slugs = set(lib.shows)
    fmt = lib.settings.score_format
    taken: dict[str, ListEntry] = {}
    items = _one_per_show(listing.entries, plan)
    for done, item in enumerate(items, 1):
        if progress is not None and done % 1000 == 0:
            progress(done, len(items))
        found = matcher.match(item)
        show = found.show
        if show is None:
            if not options.add_unmatched:
                plan.unmatched.append((item, found.why))
                continue
            show = _new_show(item, slugs)
            slugs.add(show.slug)
            matcher.add(show)
            plan.changes.append(show)
            plan.own_shows += 1
        elif show.slug in taken:
            first = taken[show.slug]
            plan.merged.append(
                f"{item.describe()} is {show.title} again (as entry {first.position}); "
                "only the first was used"
            )
            continue
        taken[show.slug] = item
        if show.episodes is not None and item.watched > show.episodes:
            item.fixes.append(
                f"{item.watched} episodes watched, but {show.title} has {show.episodes}; "
                f"counted as {show.episodes}"
            )
            item.watched = show.episodes
        plan.normalised += [f"{item.describe()}: {fix}" for fix in item.fixes]
        mine = lib.entries.get(show.slug)
        # What an added entry changed is said only for those the report lists.
        listed = mine is not None or len(plan.added) < LISTED
        result = outcome(
            item,
            show,
            mine,
            list(lib.verdicts.get(show.slug, [])),
            overwrite=options.overwrite,
            now=now,
            fmt=fmt,
            described=listed,
        )
        plan.take(f"{show.title} (entry {item.position})", mine is None, result)
    if not plan.unmatched:
        plan.matcher = None  # no near misses to look for: its index of every show can go
    if options.strict:
        odd = plan.skipped_lines + plan.normalised + plan.merged
        if odd:
            from watchlist.domain.errors import InvalidInput

            raise InvalidInput(f"{listing.label}: --strict, and {odd[0]}")
    return plan


def _new_show(item: ListEntry, taken: set[str]) -> Show:
    base = slugify(item.title) or (f"mal-{item.mal_id}" if item.mal_id else "imported")
    slug = free_slug(base, taken, *([f"{base}-{item.mal_id}"] if item.mal_id else []))
    return Show(
        slug=slug,
        title=item.title or f"MyAnimeList {item.mal_id}",
        aliases=tuple(t for t in item.titles if t and t != item.title),
        mal_id=item.mal_id,
        episodes=item.episodes,
        media_type=item.media_type or "TV",
        origin=Origin.USER,
    )
