"""Finding the show a list entry means: by MyAnimeList id, then by title, never across
seasons or sequels. Near misses are suggested, never applied.

Everything is looked up in indexes built once, so a list of 100,000 entries
matches in time proportional to its length.
"""

from __future__ import annotations

import difflib
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from watchlist.domain.model import Show
from watchlist.interop.titles import normalise_title
from watchlist.service.importing.entries import ListEntry


@dataclass(frozen=True, slots=True)
class Match:
    show: Show | None
    how: str = ""
    """"MyAnimeList id" or "title"; "" when nothing matched."""
    why: str = ""
    """Why nothing matched, when there is more to say than "not in the catalog"."""
    suggestions: tuple[Show, ...] = ()
    """Near misses, for the user to check; never applied."""


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
        return Match(None, suggestions=self._suggest(keys))

    def _suggest(self, keys: set[str]) -> tuple[Show, ...]:
        found: dict[str, Show] = {}
        for key in keys:
            near = difflib.get_close_matches(key, self._near.get(key[:4], []), n=3, cutoff=0.85)
            for candidate in near:
                for show in self.by_title[candidate]:
                    found.setdefault(show.slug, show)
        return tuple(found.values())[:3]
