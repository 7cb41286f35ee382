"""Season catalogs from a dataset (bangumi-data, anime-offline-database): which shows and
seasons a file adds, checked against the hand-checked catalog, whose facts always win.

Planning is pure: it sees the shipped catalog, what was imported before and the user's
own shows, and says what to store. The tracker writes it beside the database."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping

from msgspec import Struct, field
from msgspec.structs import replace

from watchlist.domain.errors import InvalidInput
from watchlist.domain.model import Show
from watchlist.domain.seasons import parse_slug, season, seasons_aired
from watchlist.domain.text import clean_text, free_slug, plural, quoted, slugify
from watchlist.domain.titles import normalise_title
from watchlist.interop.catalog_items import UNREADABLE, CatalogItem
from watchlist.interop.readings import reading
from watchlist.service.catalog_merging import disagreements, part_shared_ids
from watchlist.storage.catalog import Catalog
from watchlist.storage.catalog_file import ImportedCatalog
from watchlist.storage.catalog_records import CatalogRecords

FIRST_DEFAULT_YEAR = 2024
"""Without --season, a dataset's seasons from this year on are imported: the shows people
follow now, not sixty years of them."""
KEPT_KINDS = {"tv": "TV", "web": "ONA"}
"""Series go on season boards; films, OVAs and specials do not."""
MAX_SEASONS_LISTED = 16
SKIPPED_KINDS = {"movie": "films", "ova": "OVAs", "special": "specials", "unknown": "of no type"}


class Dataset(Struct, frozen=True):
    name: str
    licence: str
    home: str
    version: str | None = None

    @property
    def credit(self) -> str:
        """What every imported show says of where its facts came from."""
        version = f" {self.version}" if self.version else ""
        return f"{self.name}{version} ({self.licence})"


class Wanted(Struct, frozen=True):
    """The seasons asked for: named ones, everything, or the default (from 2024 on)."""

    names: frozenset[str] = frozenset()
    everything: bool = False

    @classmethod
    def parse(cls, texts: Iterable[str]) -> Wanted:
        names = set()
        for text in texts:
            if text.strip().lower() == "all":
                return cls(everything=True)
            name, year = parse_slug(text)
            names.add(f"{name}-{year}")
        return cls(frozenset(names))

    def __call__(self, slug: str) -> bool:
        if self.everything:
            return True
        if self.names:
            return slug in self.names
        return parse_slug(slug)[1] >= FIRST_DEFAULT_YEAR


class CatalogPlan(Struct):
    dataset: Dataset
    items: int
    records: CatalogRecords | None = None
    """Every record to store (the ones kept from before included)."""
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: int = 0
    filled: list[str] = field(default_factory=list)
    """Shipped shows the dataset matched: their empty fields are filled, nothing else."""
    yours: list[str] = field(default_factory=list)
    """Shows you added yourself that the dataset matched: kept as you have them."""
    seasons: Counter[str] = field(default_factory=Counter)
    empty_seasons: list[str] = field(default_factory=list)
    skipped: Counter[str] = field(default_factory=Counter)
    disagreements: list[str] = field(default_factory=list)
    fixes: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        lines = [f"Read {plural(self.items, 'show')} from {self.dataset.credit}."]
        if self.seasons:
            listed = sorted_seasons(self.seasons)
            each = [f"{s} ({n:,})" for s, n in listed]
            if len(each) > MAX_SEASONS_LISTED:
                # Sixty years of seasons is not a line anyone reads: the span says enough.
                each = [f"{len(each):,}, from {each[0]} to {each[-1]}"]
            lines.append(f"Seasons: {', '.join(each)}.")
        lines.append(
            f"Added {plural(len(self.added), 'show')}, updated {len(self.updated):,}, "
            f"{self.unchanged:,} unchanged."
        )
        if self.filled:
            lines.append(
                f"Matched {plural(len(self.filled), 'show')} of the hand-checked catalog: "
                "only their empty fields were filled."
            )
        if self.yours:
            lines.append(
                f"Left {plural(len(self.yours), 'show')} you added yourself as you have them: "
                + ", ".join(self.yours[:5])
                + (" ..." if len(self.yours) > 5 else "")
            )
        for slug in self.empty_seasons:
            lines.append(f"{slug}: the file has no series airing then.")
        if self.skipped:
            lines.append(
                "Skipped "
                + ", ".join(f"{n:,} {why}" for why, n in sorted(self.skipped.items()))
                + "."
            )
        if self.disagreements:
            lines.append(
                f"{plural(len(self.disagreements), 'disagreement')} with the hand-checked "
                "catalog (its facts were kept):"
            )
            lines += [f"  {line}" for line in self.disagreements]
        lines += [f"  {line}" for line in self.fixes[:20]]
        if len(self.fixes) > 20:
            lines.append(f"  ... and {len(self.fixes) - 20:,} more records read with a fix")
        return lines


def sorted_seasons(counts: Mapping[str, int]) -> list[tuple[str, int]]:
    return sorted(counts.items(), key=lambda kv: season(kv[0]).starts)


class _Known(Struct):
    """Who is already in the catalog, to match dataset records against."""

    shipped: Catalog
    records: CatalogRecords
    yours: Mapping[int, str]
    """MAL id -> slug of the shows the user added."""
    taken: set[str]
    by_mal: dict[int, str] = field(default_factory=dict)
    by_title: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for show in self.shipped.shows.values():
            if show.mal_id is not None:
                self.by_mal[show.mal_id] = show.slug
            for title in show.titles:
                key = normalise_title(title)
                if key:  # a title of no letters names nothing
                    self.by_title.setdefault(key, show.slug)
        for mal, slug in self.records.mal_ids().items():
            self.by_mal.setdefault(mal, slug)

    def match(self, item: CatalogItem) -> str | None:
        if item.mal_id is not None and item.mal_id in self.by_mal:
            return self.by_mal[item.mal_id]
        if item.mal_id is None:
            # Without an id, only a shipped show's exact title (folded) is trusted: a
            # near title is a different season often enough.
            for title in item.titles:
                key = normalise_title(title)
                slug = self.by_title.get(key) if key else None
                if slug is not None and slug in self.shipped.shows:
                    return slug
        return None


def plan_catalog(
    items: list[CatalogItem],
    dataset: Dataset,
    wanted: Wanted,
    *,
    shipped: Catalog,
    imported: ImportedCatalog,
    yours: Mapping[int, str],
    your_slugs: set[str],
) -> CatalogPlan:
    """What importing `items` adds to the catalog (nothing is written here)."""
    records = CatalogRecords(imported)
    plan = CatalogPlan(dataset, len(items), records=records)
    known = _Known(shipped, records, yours, {*shipped.shows, *records, *your_slugs})
    part_shared_ids(items)
    seen: set[str] = set()
    for item in items:
        if item.kind == UNREADABLE:
            plan.skipped["that could not be read"] += 1
            plan.fixes += [f"record {item.position}: {fix}" for fix in item.fixes]
            continue
        seasons = _seasons(item)
        if seasons is None:
            if wanted.everything:
                plan.skipped["with no air date or season"] += 1
            continue
        if not any(wanted(s) for s in seasons):
            continue
        if item.kind not in KEPT_KINDS:
            plan.skipped[SKIPPED_KINDS.get(item.kind, "of no type")] += 1
            continue
        if item.mal_id is not None and item.mal_id in yours:
            if yours[item.mal_id] not in plan.yours:
                plan.yours.append(yours[item.mal_id])
            continue
        try:
            show = _show(item, seasons, dataset)
        except InvalidInput as error:
            plan.skipped["that could not be read"] += 1
            plan.fixes.append(f"record {item.position}: {error}")
            continue
        slug = known.match(item)
        if slug is not None and slug in shipped.shows:
            plan.filled.append(slug)
            plan.disagreements += disagreements(shipped.shows[slug], item)
        if slug is None:
            slug = _new_slug(show, item, known.taken, records)
            known.taken.add(slug)
            if item.mal_id is not None:
                known.by_mal[item.mal_id] = slug
        happened = records.put(_with_slug(show, slug), dataset.name)
        if slug in seen:  # the dataset lists one show twice: one record, both read
            plan.skipped["listed twice (merged)"] += 1
            continue
        seen.add(slug)
        if slug in shipped.shows:
            pass  # counted as filled above
        elif happened == "added":
            plan.added.append(slug)
        elif happened == "updated":
            plan.updated.append(slug)
        else:
            plan.unchanged += 1
        plan.fixes += [f"{quoted(item.title)}: {fix}" for fix in item.fixes]
        for slug_of_season in seasons:
            if wanted(slug_of_season):
                plan.seasons[slug_of_season] += 1
    plan.empty_seasons = sorted(s for s in wanted.names if s not in plan.seasons)
    return plan


def _seasons(item: CatalogItem) -> list[str] | None:
    if item.seasons:
        return list(item.seasons)
    if item.first is None:
        return None
    return seasons_aired(item.first, item.last)


def _show(item: CatalogItem, seasons: list[str], dataset: Dataset) -> Show:
    if item.first and item.last and item.last < item.first:
        item.fixes.append(f"it ends ({item.last}) before it begins ({item.first}); end left out")
        item.last = None
    title = clean_text(item.title, field="title")
    if not title:
        raise InvalidInput("it has no title")
    native = clean_text(item.native, field="native title") if item.native else None
    aliases = [clean_text(t, field="title") for t in item.titles]
    aliases = [t for t in dict.fromkeys(aliases) if t and t not in (title, native, item.romaji)]
    romaji = clean_text(item.romaji, field="romaji title") if item.romaji else None
    return Show(
        slug="pending",
        title=title,
        title_romaji=romaji or None,
        title_native=native or None,
        aliases=tuple(aliases[:20]),
        mal_id=item.mal_id,
        season=seasons[0],
        other_seasons=tuple(seasons[1:]),
        studios=tuple(clean_text(s, field="studio") for s in item.studios),
        episodes=item.episodes,
        expected_episodes=None if item.episodes else _weekly_count(item),
        premiere=item.first,
        finale=item.last if item.last and item.last != item.first else None,
        streaming=item.streaming,
        episode_minutes=item.minutes,
        media_type=KEPT_KINDS[item.kind],
        provenance=dataset.credit,
        broadcast=item.broadcast,
        tags=tuple(clean_text(t, field="tag") for t in item.tags),
        related=item.related,
        community=item.community,
    )


def _weekly_count(item: CatalogItem) -> int | None:
    """Episodes a weekly run from the first to the last broadcast holds: an estimate, since
    a break or a double bill changes it (the show says so)."""
    if not item.weekly or item.first is None or item.last is None or item.last < item.first:
        return None
    return round((item.last - item.first).days / 7) + 1


def _with_slug(show: Show, slug: str) -> Show:
    """The show under its slug. Known by its Japanese title alone, it gets a machine
    reading too, so romaji finds it: only as an alias, never shown as its romaji title
    (it is right about half the time), and after its slug is chosen, so a slug never
    depends on whether the reading could be made."""
    said = reading(show.title) if show.title == show.title_native else None
    aliases = (*show.aliases, said) if said and said not in show.aliases else show.aliases
    return replace(show, slug=slug, aliases=aliases)


def _new_slug(show: Show, item: CatalogItem, taken: set[str], old: CatalogRecords) -> str:
    """A slug for a show the catalog does not have: from its title, else the dataset's own
    id; the same show imported again gets the same one back."""
    worded = [s for s in map(slugify, (show.title, *show.aliases)) if re.search("[a-z]", s)]
    base = worded[0] if worded else ""  # "32" from a Japanese title names nothing
    base = base or item.key or (f"mal-{item.mal_id}" if item.mal_id else f"show-{item.position}")
    year = item.first.year if item.first else None
    also = [f"{base}-{year}" if year else "", f"{base}-{item.mal_id or ''}"]
    return free_slug(
        base, _Taken(taken, old, show), *(s for s in also if s and not s.endswith("-"))
    )


class _Taken:
    """The slugs a new show may not have: taken, unless by this very show imported before."""

    def __init__(self, taken: set[str], old: CatalogRecords, show: Show) -> None:
        self.taken, self.old, self.show = taken, old, show

    def __contains__(self, slug: object) -> bool:
        if isinstance(slug, str) and self.old.same_show(slug, self.show):
            return False
        return slug in self.taken
