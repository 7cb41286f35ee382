"""How records of season datasets come together: one show from two datasets keeps what each
knows best and says which gave each field; records that share a MyAnimeList id but are
different runs stay apart; and where a dataset contradicts the hand-checked catalog, the
catalog's facts stay and the difference is listed."""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from typing import Any

from watchlist.domain.model import Show
from watchlist.domain.seasons import same_broadcast
from watchlist.interop.catalog_items import CatalogItem

Doc = dict[str, Any]

OWN_FIELDS = {
    "bangumi-data": frozenset(
        {
            "title",
            "title_native",
            "premiere",
            "finale",
            "expected_episodes",
            "broadcast",
            "streaming",
            "season",
            "other_seasons",
        }
    ),
    "anime-offline-database": frozenset(
        {
            "title_romaji",
            "episodes",
            "studios",
            "episode_minutes",
            "tags",
            "related",
            "community",
        }
    ),
}
"""What each dataset knows best: where both give a field, the one that owns it wins (the
broadcast listings for dates, the aggregated site data for counts and studios)."""
NOT_SOURCED = frozenset({"slug", "origin", "provenance", "sources", "aliases"})
"""Fields no one dataset gives: the show's own, or gathered from every dataset."""
MAX_ALIASES = 20


def sourced(doc: Doc, dataset: str) -> Doc:
    """`doc`, a record read from `dataset`, with every field it gives credited to it."""
    credited = {key: dataset for key in doc if key not in NOT_SOURCED}
    return {**doc, "sources": credited}


def merged(before: Doc, new: Doc) -> Doc:
    """A record imported again, or from a second dataset. The new dataset's fields replace
    what it gave before, and fill what no one gave; where another dataset gave a field, the
    one that owns it (OWN_FIELDS) wins. Titles and credits of both are kept."""
    new_sources: dict[str, str] = dict(new.get("sources") or {})
    dataset = next(iter(new_sources.values()), None)
    if dataset is None:
        return {**before, **new}
    old_sources: dict[str, str] = dict(before.get("sources") or {})
    fallback = _only_credit(before)
    owned = OWN_FIELDS.get(dataset, frozenset())
    result = {
        k: v
        for k, v in before.items()
        if k in NOT_SOURCED or old_sources.get(k, fallback) != dataset
    }
    sources = {k: v for k, v in old_sources.items() if v != dataset}
    for key, value in new.items():
        if key in NOT_SOURCED:
            continue
        holder = old_sources.get(key, fallback) if key in before else None
        if holder in (None, dataset) or key in owned:
            result[key] = value
            sources[key] = dataset
    if result.get("episodes"):
        result.pop("expected_episodes", None)  # an estimate says nothing beside the count
        sources.pop("expected_episodes", None)
    premiere, finale = result.get("premiere"), result.get("finale")
    if isinstance(premiere, str) and isinstance(finale, str) and finale < premiere:
        result.pop("finale")  # no show ends before it starts: the later start wins
        sources.pop("finale", None)
    named = {result.get("title"), result.get("title_native")}
    aliases = [*before.get("aliases", ()), *new.get("aliases", ()), before.get("title")]
    kept = [a for a in dict.fromkeys(aliases) if a and a not in named]
    result.update(
        slug=before.get("slug", new.get("slug")),
        aliases=kept[:MAX_ALIASES],
        provenance=_credits(before.get("provenance"), new.get("provenance")),
        sources=dict(sorted(sources.items())),
    )
    return {k: v for k, v in result.items() if k not in NOT_SOURCED or v}


def _only_credit(doc: Doc) -> str | None:
    """The dataset a record without per-field credits came from (one written before they
    were kept): its only credit."""
    credits = str(doc.get("provenance") or "").split("; ")
    return credits[0].split(" ")[0] if len(credits) == 1 and credits[0] else None


def _credits(*given: Any) -> str:
    parts = [p for c in given if c for p in str(c).split("; ")]
    names: dict[str, str] = {}
    for part in parts:
        names[part.split(" ")[0]] = part  # the newer version of one dataset replaces the older
    return "; ".join(names.values())


def part_shared_ids(items: list[CatalogItem]) -> None:
    """Records that share a MyAnimeList id but are different runs (One Piece and its arc
    that begins years after the first run ended) stay apart: the longest run keeps the id,
    the others lose it, so none is matched with another's dates. Records whose runs meet
    are one show listed twice, and are left to be merged. Each record parted says so in
    its fixes, for the report."""
    by_id: defaultdict[int, list[CatalogItem]] = defaultdict(list)
    for item in items:
        if item.mal_id is not None and item.first is not None:
            by_id[item.mal_id].append(item)
    for mal_id, group in by_id.items():
        if len(group) < 2:
            continue
        group.sort(key=lambda i: (-_length(i), i.first or date.min, i.position))
        holder = group[0]
        for other in group[1:]:
            if _overlap(holder, other):
                continue
            other.mal_id = None
            other.fixes.append(
                f"it shares MyAnimeList id {mal_id} with {holder.title!r} ({holder.first} to "
                f"{holder.last or 'now'}) but is another run: kept apart, without the id"
            )


def _length(item: CatalogItem) -> int:
    if item.first is None or item.last is None or item.last < item.first:
        return 0
    return (item.last - item.first).days


def _overlap(a: CatalogItem, b: CatalogItem) -> bool:
    assert a.first is not None and b.first is not None
    if same_broadcast(a.first, b.first):
        return True
    a_end, b_end = a.last or a.first, b.last or b.first
    return a.first <= b_end and b.first <= a_end


def disagreements(shipped: Show, item: CatalogItem) -> list[str]:
    """Where the dataset contradicts a hand-checked fact (a late-night slot listed under the
    next calendar day is the same broadcast, not a disagreement)."""
    found = []

    def differ(what: str, ours: Any, theirs: Any) -> None:
        found.append(f"{shipped.title}: the dataset's {what} is {theirs}, the catalog's {ours}")

    first = _first_broadcast(shipped)
    if item.first and first and not same_broadcast(item.first, first):
        differ("first broadcast", first, item.first_said or item.first)
    finale = shipped.finale or _last_given(shipped)
    if item.last and finale and not same_broadcast(item.last, finale):
        differ("last broadcast", finale, item.last_said or item.last)
    if item.episodes and shipped.episodes and item.episodes != shipped.episodes:
        differ("episode count", shipped.episodes, item.episodes)
    ours, theirs = {s.casefold() for s in shipped.studios}, {s.casefold() for s in item.studios}
    if ours and theirs and ours != theirs:
        differ("studios", ", ".join(shipped.studios), ", ".join(item.studios))
    return found


def _first_broadcast(show: Show) -> date | None:
    """Episode 1's date: the premiere, unless the season began mid-run (then the run's
    start, where it is known to the day)."""
    if (show.first_in_season or 1) == 1:
        return show.premiere
    try:
        return date.fromisoformat(show.run_start or "")
    except ValueError:
        return None


def _last_given(show: Show) -> date | None:
    dated = [d for d in show.air_dates if d is not None]
    return dated[-1] if dated and len(show.air_dates) == (show.episodes or 0) else None
