"""Finding a show from what a user typed: a slug or any unambiguous piece of a title."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Iterable
from itertools import accumulate

from msgspec import Struct

from watchlist.domain.errors import InvalidInput
from watchlist.domain.folding import fold, prefold
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


__all__ = ["AmbiguousShow", "Findable", "ShowNotFound", "find_show", "findable", "fold"]


def searchable(show: Show) -> str:
    """Everything a show can be found by, folded once."""
    return " | ".join(fold(t) for t in (show.slug, *show.titles) if t)


class Findable(Struct, frozen=True):
    """Every show as the finder searches it: slugs, titles, and one line of text each
    (slug, titles, aliases), prefolded (width, case, kana) but with its punctuation."""

    slugs: list[str]
    titles: list[str]
    text: str
    """The lines, joined by newlines, prefolded."""
    starts: list[int]
    """Where each line begins in `text`."""

    def key(self, n: int) -> str:
        end = self.starts[n + 1] - 1 if n + 1 < len(self.starts) else len(self.text)
        return fold(self.text[self.starts[n] : end])

    def candidates(self, folded: str) -> list[int]:
        """Lines whose folded text holds `folded`. Folding keeps every word as it is, so
        a line can only match if it holds the query's longest word: those few are found
        with str.find over the whole text, and only they are folded."""
        word = max(folded.split(), key=len)
        found: list[int] = []
        at = self.text.find(word)
        while at != -1:
            n = bisect_right(self.starts, at) - 1
            if not found or found[-1] != n:
                found.append(n)
            at = self.text.find(word, at + 1)
        return [n for n in found if folded in self.key(n)]


def findable(rows: Iterable[tuple[str, str, Iterable[str]]]) -> Findable:
    """From (slug, title, other titles) of every show."""
    rows = list(rows)
    # Folded line by line (`prefold` only lowers an ASCII line, as nearly every line of a
    # large library is), so each line's length is known where it is made: folding can
    # change it (ß -> ss, ー goes). Folding whole lines gives what folding the joined text
    # would: NFKC never composes across a line break.
    lines = [
        prefold(" | ".join((slug, title, *others)).replace("\n", " "))
        for slug, title, others in rows
    ]
    starts = list(accumulate(map((1).__add__, map(len, lines)), initial=0))[:-1]
    return Findable([row[0] for row in rows], [row[1] for row in rows], "\n".join(lines), starts)


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
    matches = pool.candidates(folded)
    if len(matches) == 1:
        return resolve(pool.slugs[matches[0]])
    shows = [resolve(pool.slugs[n]) for n in matches]
    exact = [s for s in shows if folded in {fold(t) for t in s.titles[:3]}]
    if len(exact) == 1:
        return exact[0]
    if shows:
        shows.sort(key=lambda s: s.title.casefold())
        raise AmbiguousShow(f"{quoted(wanted)} matches {len(shows)} shows; be more specific", shows)
    import difflib  # deferred: only needed when nothing matched

    titles = {fold(title): slug for slug, title in zip(pool.slugs, pool.titles, strict=True)}
    near = difflib.get_close_matches(folded, list(titles), n=5, cutoff=0.5)
    raise ShowNotFound(f"no show matches {quoted(wanted)}", [resolve(titles[t]) for t in near])
