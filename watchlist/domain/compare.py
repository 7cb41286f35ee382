"""What the critics say of a show, together: consensus, with hype kept apart from reception."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from msgspec import Struct

from watchlist.domain.model import CriticPiece
from watchlist.domain.numbers import half_up
from watchlist.domain.scoring import Stance, stance_for_score


class Consensus(Struct, frozen=True):
    score: int
    """Mean of the pieces' 0-100 scores, rounded half up."""
    count: int

    @property
    def stance(self) -> Stance:
        return stance_for_score(self.score)


def consensus(pieces: Iterable[CriticPiece]) -> Consensus | None:
    """The pieces' mean score, or None when there are none."""
    scores = [piece.score for piece in pieces]
    if not scores:
        return None
    return Consensus(half_up(sum(scores), len(scores)), len(scores))


class ShowConsensus(Struct, frozen=True):
    """Previews (hype) are kept apart from reviews (reception)."""

    hype: Consensus | None
    reception: Consensus | None

    @property
    def headline(self) -> Consensus | None:
        """What a table shows: reception once there is any, else hype."""
        return self.reception or self.hype

    def describe(self) -> str:
        """ "reviews 62/100 (2) · previews' hype 83/100 (2)": both, labelled."""
        parts = []
        if self.reception:
            parts.append(f"reviews {self.reception.score}/100 ({self.reception.count})")
        if self.hype:
            parts.append(f"previews' hype {self.hype.score}/100 ({self.hype.count})")
        return " · ".join(parts) or "no scores"


NO_CONSENSUS = ShowConsensus(hype=None, reception=None)
"""A show no critic piece speaks for (most of a large library): one, shared."""


def show_consensus(pieces: Sequence[CriticPiece]) -> ShowConsensus:
    if not pieces:
        return NO_CONSENSUS
    return ShowConsensus(
        hype=consensus(p for p in pieces if p.is_hype),
        reception=consensus(p for p in pieces if not p.is_hype),
    )
