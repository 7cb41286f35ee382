"""How records of season datasets come together: records that share a MyAnimeList id but
are different runs stay apart, and where a dataset contradicts the hand-checked catalog,
the catalog's facts stay and the difference is listed. (How one show from two datasets
keeps what each knows best is the imported catalog's record rule: see
`storage.catalog_records`.)"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from typing import Any

from watchlist.domain.broadcast import same_broadcast
from watchlist.domain.model import Show
from watchlist.interop.catalog_items import CatalogItem

Doc = dict[str, Any]


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
