"""Finding the show a list entry means: by MyAnimeList id, then by title, never across
seasons or sequels. Near misses are suggested, never applied.

Everything is looked up in indexes built once, so a list of 100,000 entries
matches in time proportional to its length. Near misses are looked for only for the
entries a report lists, after the import is saved (never while the database is
locked), with rapidfuzz and a score cutoff, so their time is bounded too.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from msgspec import Struct

from watchlist.domain.model import Show
from watchlist.domain.titles import normalise_title
from watchlist.interop.list_entries import ListEntry


class Match(Struct, frozen=True):
    show: Show | None
    how: str = ""
    """"MyAnimeList id" or "title"; "" when nothing matched."""
    why: str = ""
    """Why nothing matched, when there is more to say than "not in the catalog"."""


def title_keys(titles: Iterable[str]) -> set[str]:
    return {key for key in (normalise_title(t) for t in titles if t) if key}


class Matcher:
    def __init__(self, shows: Iterable[Show]) -> None:
        self.by_id: dict[int, Show] = {}
        self.by_title: dict[str, list[Show]] = defaultdict(list)
        self._near: dict[str, list[str]] = defaultdict(list)
        """Keys by their first four characters: where near misses are looked for."""
        for show in shows:
            if show.mal_id:
                self.by_id.setdefault(show.mal_id, show)
            for key in title_keys(show.titles):
                self.by_title[key].append(show)
                self._near[key[:4]].append(key)

    def add(self, show: Show) -> None:
        """A show added during the import (an unmatched entry kept as the user's own)."""
        if show.mal_id:
            self.by_id.setdefault(show.mal_id, show)
        for key in title_keys((show.title,)):
            self.by_title[key].append(show)

    def match(self, entry: ListEntry) -> Match:
        if entry.mal_id and entry.mal_id in self.by_id:
            return Match(self.by_id[entry.mal_id], "MyAnimeList id")
        keys = title_keys(entry.titles or (entry.title,))
        titled: dict[str, Show] = {}
        for key in keys:
            for show in self.by_title.get(key, []):
                titled[show.slug] = show
        # Where both carry an id they must agree: another season or part often
        # shares a title with the one in the catalog.
        eligible = [s for s in titled.values() if not (entry.mal_id and s.mal_id)]
        if len(eligible) == 1:
            return Match(eligible[0], "title")
        if len(eligible) > 1:
            names = ", ".join(sorted(s.slug for s in eligible))
            return Match(None, why=f"the title fits several shows ({names})")
        if titled:
            other = next(iter(titled.values()))
            return Match(
                None,
                why=f"same title as {other.title}, but another MyAnimeList entry "
                "(another season or part)",
            )
        return Match(None)

    def suggest(self, entry: ListEntry) -> tuple[Show, ...]:
        """Near misses for an entry nothing matched: titles at least 85% alike among those
        that start the same way. For the user to check; never applied."""
        from rapidfuzz import fuzz, process  # deferred: only a report with misses needs it

        found: dict[str, Show] = {}
        for key in title_keys(entry.titles or (entry.title,)):
            choices = self._near.get(key[:4], [])
            for candidate, _, _ in process.extract(
                key, choices, scorer=fuzz.ratio, score_cutoff=85, limit=3
            ):
                for show in self.by_title[candidate]:
                    found.setdefault(show.slug, show)
        return tuple(found.values())[:3]
