"""Finding a show from what a user typed: a slug or any unambiguous piece of a title."""

from __future__ import annotations

import re
from collections.abc import Iterable

from watchlist.domain.errors import InvalidInput
from watchlist.domain.model import Show
from watchlist.domain.text import quoted


class ShowNotFound(InvalidInput):
    """No show matches; `candidates` holds the nearest titles, if any."""

    def __init__(self, message: str, candidates: list[Show]) -> None:
        super().__init__(message)
        self.candidates = candidates


class AmbiguousShow(InvalidInput):
    def __init__(self, message: str, candidates: list[Show]) -> None:
        super().__init__(message)
        self.candidates = candidates


_FOLD = re.compile(r"[^0-9a-z]+")


def fold(text: str) -> str:
    """Lower-case letters and digits only, so "frieren beyond" matches "Frieren: Beyond"."""
    return _FOLD.sub(" ", text.casefold()).strip()


def searchable(show: Show) -> str:
    """Everything a show can be found by, folded once."""
    return " | ".join(fold(t) for t in (show.slug, show.title, show.title_native or "") if t)


def find_show(shows: Iterable[Show], query: str) -> Show:
    """The one show `query` names; raises with the candidates otherwise."""
    wanted = query.strip()
    if not wanted:
        raise InvalidInput("name a show: give its slug or part of its title")
    pool = list(shows)
    for show in pool:
        if show.slug == wanted:
            return show
    folded = fold(wanted)
    if not folded:
        raise ShowNotFound(f"no show matches {quoted(wanted)}", [])
    matches = [s for s in pool if folded in searchable(s)]
    if len(matches) == 1:
        return matches[0]
    exact = [s for s in matches if fold(s.title) == folded or fold(s.title_native or "") == folded]
    if len(exact) == 1:
        return exact[0]
    if matches:
        matches.sort(key=lambda s: s.title.casefold())
        raise AmbiguousShow(
            f"{quoted(wanted)} matches {len(matches)} shows; be more specific", matches
        )
    import difflib  # deferred: only needed when nothing matched

    titles = {fold(s.title): s for s in pool}
    near = difflib.get_close_matches(folded, list(titles), n=5, cutoff=0.5)
    raise ShowNotFound(f"no show matches {quoted(wanted)}", [titles[t] for t in near])
