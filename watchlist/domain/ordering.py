"""The orders things are shown in: critic pieces, statuses, and the sorts of a show list."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date
from typing import Protocol

from msgspec import Struct

from watchlist.domain.model import CriticPiece, Entry, PieceKind, Show, Status

PIECE_ORDER = {
    PieceKind.PREVIEW: 0,
    PieceKind.PREMIERE: 1,
    PieceKind.EPISODE: 2,
    PieceKind.SEASON: 3,
}


def sorted_pieces(pieces: Iterable[CriticPiece]) -> list[CriticPiece]:
    """Previews first, then reviews by the episode they cover."""
    return sorted(
        pieces,
        key=lambda p: (
            PIECE_ORDER[p.kind],
            p.episode or 0,
            p.published.isoformat() if p.published else "",
            p.id,
        ),
    )


STATUS_ORDER = {
    status: n
    for n, status in enumerate(
        [
            Status.WATCHING,
            Status.REWATCHING,
            Status.PLAN_TO_WATCH,
            Status.ON_HOLD,
            Status.COMPLETED,
            Status.DROPPED,
        ]
    )
}
"""What you are doing first, what is over last."""


class Ranked(Protocol):
    """What a show list sorts: a show, your entry, your score and the critics'."""

    @property
    def show(self) -> Show: ...

    @property
    def title(self) -> str:
        """The title shown (English, romaji or native, as chosen)."""

    @property
    def entry(self) -> Entry: ...

    @property
    def status(self) -> Status | None:
        """None for a show not on your list."""

    @property
    def score(self) -> int | None: ...

    @property
    def critic_score(self) -> int | None: ...


class SortKey(Struct, frozen=True):
    name: str
    label: str
    key: Callable[[Ranked], tuple[object, ...]]


def _status_rank(status: Status | None) -> int:
    """Shows not on your list after every status."""
    return STATUS_ORDER[status] if status is not None else len(STATUS_ORDER)


def _missing_last(value: object | None) -> tuple[object, ...]:
    return (value is None, value if value is not None else 0)


SORTS: list[SortKey] = [
    SortKey("title", "title", lambda r: (r.title.casefold(),)),
    SortKey("premiere", "premiere", lambda r: (r.show.premiere or date.max,)),
    SortKey(
        "progress",
        "progress",
        lambda r: (-(r.entry.progress / r.show.episodes) if r.show.episodes else 0.0,),
    ),
    SortKey("score", "your score", lambda r: _missing_last(-r.score if r.score else None)),
    SortKey(
        "critics",
        "critic score",
        lambda r: _missing_last(-r.critic_score if r.critic_score is not None else None),
    ),
    SortKey("status", "status", lambda r: (_status_rank(r.status), r.title.casefold())),
]
SORT_BY_NAME = {sort.name: sort for sort in SORTS}
