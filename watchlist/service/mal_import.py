"""Importing a MyAnimeList list: match each entry to a show, report, then apply all at once.

Matching: by MyAnimeList id first; otherwise by normalised title (case,
punctuation, spacing and romaji spelling fold away). Where both sides carry a
MyAnimeList id they must agree, so one season or part of a show never matches
another that happens to share its title.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta

from watchlist.domain.model import Entry, Origin, Show, Status, Verdict
from watchlist.domain.progress import automatic_status
from watchlist.domain.text import slugify
from watchlist.interop.mal_xml import MalEntry, MalList
from watchlist.interop.titles import normalise_title
from watchlist.service.ids import new_id
from watchlist.service.library import Library


@dataclass
class Matched:
    entry: MalEntry
    show: Show
    how: str
    """"MyAnimeList id" or "title"."""


@dataclass
class ImportPlan:
    source: str
    total: int
    matched: list[Matched] = field(default_factory=list)
    added: list[Matched] = field(default_factory=list)
    """Unmatched entries that become shows of your own (with --add-unmatched)."""
    unmatched: list[tuple[MalEntry, str]] = field(default_factory=list)
    conflicts: list[tuple[MalEntry, str]] = field(default_factory=list)
    changes: list[Show | Entry | Verdict] = field(default_factory=list)

    def lines(self) -> list[str]:
        """The report, as printed by the CLI."""
        by_id = sum(1 for m in self.matched if m.how == "MyAnimeList id")
        out = [
            f"MyAnimeList import from {self.source}: {self.total} entries",
            f"  matched: {len(self.matched)} ({by_id} by MyAnimeList id, "
            f"{len(self.matched) - by_id} by title)",
        ]
        if self.added:
            out.append(f"  added as your own shows: {len(self.added)}")
        out.append(f"  unmatched: {len(self.unmatched)}")
        out.append(f"  conflicts: {len(self.conflicts)}")
        for m in self.matched:
            out.append(f"    matched   {_describe(m.entry)} -> {m.show.slug} (by {m.how})")
        for m in self.added:
            out.append(f"    added     {_describe(m.entry)} -> {m.show.slug}")
        for entry, why in self.unmatched:
            out.append(f"    unmatched {_describe(entry)}{': ' + why if why else ''}")
        for entry, why in self.conflicts:
            out.append(f"    conflict  {_describe(entry)}: {why}")
        if self.unmatched and not self.added:
            out.append("  (add unmatched entries as your own shows with --add-unmatched)")
        return out


def _describe(entry: MalEntry) -> str:
    mal = f", MyAnimeList {entry.mal_id}" if entry.mal_id else ""
    return f"entry {entry.position} '{entry.title[:60]}'{mal}"


def _noon(day: date) -> datetime:
    return datetime.combine(day, time(12), tzinfo=UTC)


def _moments(entry: MalEntry, now: datetime) -> list[datetime]:
    """MAL keeps no per-episode history: spread the episodes between the start and
    finish dates where both are known, else log them at whichever date is."""
    count = entry.watched
    if entry.start and entry.finish and count > 1:
        span = _noon(entry.finish) - _noon(entry.start)
        return [_noon(entry.start) + span * n / (count - 1) for n in range(count)]
    day = entry.finish or entry.start
    return [_noon(day) if day else now] * count


def build_entry(mal: MalEntry, show: Show, mine: Entry | None, now: datetime) -> Entry:
    """The entry an imported line describes; moments already logged are kept."""
    logged = mine.watched if mine else {}
    moments = _moments(mal, now)
    watched = {n: logged.get(n, moments[n - 1]) for n in range(1, mal.watched + 1)}
    status = Status.REWATCHING if mal.rewatching else mal.status
    by_hand = status is Status.REWATCHING or status is not automatic_status(
        mal.watched, show.episodes
    )
    base = mine or Entry(show.slug)
    return Entry(
        show=show.slug,
        status=status,
        status_by_hand=by_hand,
        watched=watched,
        earlier=base.earlier,
        ratings=base.ratings,
        notes=base.notes,
        comments=mal.comments or base.comments,
        started=mal.start,
        finished=mal.finish,
        rewatch_count=mal.times_watched,
        updated_at=now,
    )


def _index(lib: Library) -> tuple[dict[int, Show], dict[str, list[Show]]]:
    by_id: dict[int, Show] = {}
    by_title: dict[str, list[Show]] = {}
    for show in lib.shows.values():
        if show.mal_id:
            by_id.setdefault(show.mal_id, show)
        keys = {normalise_title(show.title)}
        if show.title_native:
            keys.add(normalise_title(show.title_native))
        for key in keys - {""}:
            by_title.setdefault(key, []).append(show)
    return by_id, by_title


def plan_import(
    lib: Library, mal: MalList, source: str, *, add_unmatched: bool, now: datetime
) -> ImportPlan:
    by_id, by_title = _index(lib)
    plan = ImportPlan(source, len(mal.entries))
    taken: dict[str, MalEntry] = {}
    slugs = set(lib.shows)
    for entry in mal.entries:
        key = normalise_title(entry.title) if entry.title else ""
        titled = by_title.get(key, []) if key else []
        show: Show | None = None
        how = why = ""
        if entry.mal_id and entry.mal_id in by_id:
            show, how = by_id[entry.mal_id], "MyAnimeList id"
            others = [s for s in titled if s.slug != show.slug and s.mal_id != entry.mal_id]
            if others and show not in titled:
                plan.conflicts.append(
                    (
                        entry,
                        f"its MyAnimeList id is {show.title}, but its title is {others[0].title}",
                    )
                )
                continue
        elif titled:
            # Where both carry an id they must agree: another season or part
            # often shares the title.
            eligible = [s for s in titled if not (entry.mal_id and s.mal_id)]
            if len(eligible) > 1:
                names = ", ".join(s.slug for s in eligible)
                plan.conflicts.append((entry, f"the title matches several shows: {names}"))
                continue
            if eligible:
                show, how = eligible[0], "title"
            else:
                why = (
                    f"same title as {titled[0].title}, but a different MyAnimeList entry "
                    "(another season or part)"
                )
        if show is None:
            if not add_unmatched:
                plan.unmatched.append((entry, why))
                continue
            show = _new_show(entry, slugs)
            slugs.add(show.slug)
            plan.changes.append(show)
            plan.added.append(Matched(entry, show, "added"))
        else:
            problem = _problem(entry, show, lib, taken)
            if problem:
                plan.conflicts.append((entry, problem))
                continue
            plan.matched.append(Matched(entry, show, how))
        taken[show.slug] = entry
        plan.changes.extend(_changes(entry, show, lib, now))
    return plan


def _problem(entry: MalEntry, show: Show, lib: Library, taken: dict[str, MalEntry]) -> str:
    if show.slug in taken:
        return f"{show.title} was already matched by entry {taken[show.slug].position}"
    if show.episodes is not None and entry.watched > show.episodes:
        return f"{entry.watched} episodes watched, but {show.title} has {show.episodes}"
    if show.slug in lib.entries and not entry.update_on_import:
        return f"{show.title} is already in your list and the file says not to overwrite it"
    return ""


def _new_show(entry: MalEntry, taken: set[str]) -> Show:
    base = slugify(entry.title) or (f"mal-{entry.mal_id}" if entry.mal_id else "imported")
    slug = base
    if slug in taken:
        slug = f"{base}-{entry.mal_id}" if entry.mal_id else base
    number = 2
    while slug in taken:
        slug, number = f"{base}-{number}", number + 1
    return Show(
        slug=slug,
        title=entry.title or f"MyAnimeList {entry.mal_id}",
        mal_id=entry.mal_id,
        episodes=entry.series_episodes,
        media_type=entry.series_type or "TV",
        origin=Origin.USER,
    )


def _changes(entry: MalEntry, show: Show, lib: Library, now: datetime) -> list[Entry | Verdict]:
    mine = lib.entries.get(show.slug)
    changes: list[Entry | Verdict] = [build_entry(entry, show, mine, now)]
    history = lib.verdicts.get(show.slug, [])
    if entry.score is not None and (not history or history[-1].effective_score != entry.score * 10):
        given = _noon(entry.finish) if entry.finish else now
        changes.append(
            Verdict(
                id=new_id(),
                show=show.slug,
                given_at=max(given, history[-1].given_at + timedelta(seconds=1))
                if history
                else given,
                score=entry.score * 10,
                episode=entry.watched,
            )
        )
    return changes
