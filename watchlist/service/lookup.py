"""Finding a show from what a user typed: a slug or any unambiguous piece of a title."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

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
    return " | ".join(
        fold(t) for t in (show.slug, show.title, show.title_native or "", *show.aliases) if t
    )


@dataclass(frozen=True, slots=True)
class Findable:
    """Every show as the finder searches it: slugs, and the folded text each is found by,
    made without converting any record."""

    slugs: list[str]
    keys: list[str]
    titles: list[str]


_FOLD_LINES = re.compile(r"[^0-9a-z\n]+")


def findable(rows: Iterable[tuple[str, str, str | None, Iterable[str]]]) -> Findable:
    """From (slug, title, native title, aliases) of every show. All the text is folded in
    one pass: at 20,000 shows, folding title by title costs a tenth of a second."""
    slugs, titles, lines = [], [], []
    for slug, title, native, aliases in rows:
        slugs.append(slug)
        titles.append(title)
        lines.append(" | ".join((slug, title, native or "", *aliases)).replace("\n", " "))
    keys = _FOLD_LINES.sub(" ", "\n".join(lines).casefold()).split("\n")
    return Findable(slugs, keys, titles)


def find_show(pool: Findable, query: str, resolve: Callable[[str], Show]) -> Show:
    """The one show `query` names; raises with the candidates otherwise."""
    wanted = query.strip()
    if not wanted:
        raise InvalidInput("name a show: give its slug or part of its title")
    if wanted in pool.slugs:
        return resolve(wanted)
    folded = fold(wanted)
    if not folded:
        raise ShowNotFound(f"no show matches {quoted(wanted)}", [])
    matches = [n for n, key in enumerate(pool.keys) if folded in key]
    if len(matches) == 1:
        return resolve(pool.slugs[matches[0]])
    shows = [resolve(pool.slugs[n]) for n in matches]
    exact = [s for s in shows if folded in (fold(s.title), fold(s.title_native or ""))]
    if len(exact) == 1:
        return exact[0]
    if shows:
        shows.sort(key=lambda s: s.title.casefold())
        raise AmbiguousShow(f"{quoted(wanted)} matches {len(shows)} shows; be more specific", shows)
    import difflib  # deferred: only needed when nothing matched

    titles = {fold(title): slug for slug, title in zip(pool.slugs, pool.titles, strict=True)}
    near = difflib.get_close_matches(folded, list(titles), n=5, cutoff=0.5)
    raise ShowNotFound(f"no show matches {quoted(wanted)}", [resolve(titles[t]) for t in near])
