"""The spoiler shield: a critic piece about an episode stays closed until you have seen
that episode, and a season review until you have finished (or dropped) the show.
Previews and premiere reviews are always open. A closed piece still says who wrote
it, what it covers and when it opens; what it says stays hidden everywhere."""

from __future__ import annotations

from collections.abc import Iterable
from functools import cached_property

from msgspec import Struct

from watchlist.domain.errors import InvalidInput
from watchlist.domain.model import CriticPiece, Entry, PieceKind, Show, Status
from watchlist.domain.settings import Spoilers
from watchlist.domain.text import quoted

FINISH = "finish"
"""When a season review opens: once you have finished the show."""

Opening = int | str
"""The episode a piece opens at, or FINISH."""


def parse_spoilers(text: str) -> Spoilers:
    try:
        return Spoilers(text.strip().lower())
    except ValueError:
        raise InvalidInput(
            f"unknown spoilers setting {quoted(text)}: choose shield or show"
        ) from None


def opens_at(piece: CriticPiece) -> Opening | None:
    """Where a piece opens: an episode, FINISH, or None for a piece that is always open."""
    if piece.kind is PieceKind.EPISODE and piece.episode:
        return piece.episode
    if piece.kind is PieceKind.SEASON:
        return FINISH
    return None


def opening_text(opening: Opening) -> str:
    """ "opens at episode 7", "opens when you finish"."""
    return "opens when you finish" if opening == FINISH else f"opens at episode {opening}"


def seen_episodes(entry: Entry) -> set[int]:
    """Every episode you have watched, in any pass."""
    return {number for number, _ in entry.logs()}


def finished(show: Show, entry: Entry) -> bool:
    """Completed or dropped, rewatched once, or its last episode watched."""
    if entry.status in (Status.COMPLETED, Status.DROPPED) or entry.rewatch_count:
        return True
    return show.episodes is not None and show.episodes in seen_episodes(entry)


class Shield(Struct, frozen=True, dict=True):  # a dict: `seen` and `done` are cached on it
    """Which pieces are closed for one show, as things stand."""

    show: Show
    entry: Entry
    on: bool = True
    """False: the setting (or the command) shows every piece."""
    opened: frozenset[str] = frozenset()
    """Pieces (by id) and shows (by `show:` and slug) you opened on purpose."""

    @cached_property
    def seen(self) -> set[int]:
        return seen_episodes(self.entry)

    @cached_property
    def done(self) -> bool:
        return finished(self.show, self.entry)

    def closed(self, piece: CriticPiece) -> Opening | None:
        """Where `piece` opens, while it is closed; None when it is open."""
        opening = opens_at(piece)
        if opening is None or not self.on:
            return None
        if piece.id in self.opened or f"show:{self.show.slug}" in self.opened:
            return None
        if opening == FINISH:
            return None if self.done else FINISH
        assert isinstance(opening, int)
        return None if opening in self.seen else opening

    def closed_pieces(self, pieces: Iterable[CriticPiece]) -> dict[str, Opening]:
        """Piece id -> where it opens, for the closed ones."""
        found = {}
        for piece in pieces:
            opening = self.closed(piece)
            if opening is not None:
                found[piece.id] = opening
        return found

    def open_pieces(self, pieces: Iterable[CriticPiece]) -> list[CriticPiece]:
        return [piece for piece in pieces if self.closed(piece) is None]
