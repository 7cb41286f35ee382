"""The imported catalog's show records while a dataset import changes them. The service hands
in `Show` objects; the documents, and how two datasets' records of one show merge field by
field (each dataset wins what it knows best, and every field says which dataset gave it),
stay here."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from watchlist.domain.credits import credits_of
from watchlist.domain.model import Show
from watchlist.domain.titles import normalise_title
from watchlist.storage import converters as conv
from watchlist.storage.catalog_file import ImportedCatalog

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
    credited = credits_of(doc.get("provenance"))
    return next(iter(credited)) if len(credited) == 1 else None


def _credits(*given: Any) -> str:
    return "; ".join(credits_of(*given).values())  # a newer version replaces the older


class CatalogRecords:
    """Every imported show record by slug, as the import goes: the ones kept from before
    and the ones it puts."""

    def __init__(self, imported: ImportedCatalog) -> None:
        self._docs: dict[str, Doc] = imported.show_documents()

    def __contains__(self, slug: object) -> bool:
        return slug in self._docs

    def __iter__(self) -> Iterator[str]:
        return iter(list(self._docs))

    def mal_ids(self) -> dict[int, str]:
        """MyAnimeList id -> slug, for the records that have one."""
        found: dict[int, str] = {}
        for slug, doc in self._docs.items():
            mal = doc.get("mal_id")
            if isinstance(mal, int) and not isinstance(mal, bool):
                found.setdefault(mal, slug)
        return found

    def same_show(self, slug: str, show: Show) -> bool:
        """Whether the record under `slug` is this show: by id where both have one, else by
        native title, else by title."""
        doc = self._docs.get(slug)
        if doc is None:
            return False
        if doc.get("mal_id") is not None and show.mal_id is not None:
            return bool(doc["mal_id"] == show.mal_id)
        native = doc.get("title_native")
        if native and show.title_native:
            return bool(native == show.title_native)
        return normalise_title(str(doc.get("title", ""))) == normalise_title(show.title)

    def put(self, show: Show, dataset: str) -> str:
        """Store `show` as `dataset` gives it, merged with the record there was: "added",
        "updated" or "unchanged"."""
        before = self._docs.get(show.slug)
        after = merged(before or {}, sourced(conv.show_to_doc(show), dataset))
        self._docs[show.slug] = after
        if before is None:
            return "added"
        return "unchanged" if after == before else "updated"

    def documents(self) -> dict[str, Doc]:
        """The records as the catalog file stores them."""
        return dict(self._docs)
