"""Your take against each critic: the difference, the verdict as of an episode, affinity."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from watchlist.domain.model import CriticPiece, Verdict
from watchlist.domain.scoring import Agreement, agreement


@dataclass(frozen=True, slots=True)
class Difference:
    """You minus the critic, on 0-100."""

    verdict: Verdict
    delta: int

    @property
    def agreement(self) -> Agreement:
        return agreement(self.delta)


def difference(verdict: Verdict, piece: CriticPiece) -> Difference:
    return Difference(verdict, verdict.effective_score - piece.score)


def current_verdict(verdicts: Sequence[Verdict]) -> Verdict | None:
    """The latest verdict: verdicts are kept oldest first."""
    return verdicts[-1] if verdicts else None


def verdict_as_of(verdicts: Sequence[Verdict], episode: int) -> Verdict | None:
    """The latest verdict given at or before `episode`, if any."""
    earlier = [v for v in verdicts if v.episode is not None and v.episode <= episode]
    return earlier[-1] if earlier else None


@dataclass(frozen=True, slots=True)
class PieceComparison:
    piece: CriticPiece
    now: Difference | None
    """Against your current verdict."""
    then: Difference | None
    """Against your verdict as of the episode the piece covers, when that is a different one."""


def compare_pieces(
    pieces: Sequence[CriticPiece], verdicts: Sequence[Verdict]
) -> list[PieceComparison]:
    current = current_verdict(verdicts)
    result = []
    for piece in pieces:
        now = difference(current, piece) if current else None
        then = None
        if piece.episode is not None and not piece.is_hype:
            earlier = verdict_as_of(verdicts, piece.episode)
            if earlier is not None and earlier is not current:
                then = difference(earlier, piece)
        result.append(PieceComparison(piece, now, then))
    return result


def critic_key(piece: CriticPiece) -> str:
    """Who a piece speaks for when comparing across shows: the critic, else the outlet."""
    return piece.byline


MIN_SHARED = 3
"""Shows in common before a critic is ranked: closeness on one or two shows is luck."""


@dataclass(frozen=True, slots=True)
class Affinity:
    critic: str
    mean_difference: float
    """Mean absolute difference between your score and theirs, 0-100 points."""
    shows: int
    """Shows you both scored."""

    @property
    def ranked(self) -> bool:
        return self.shows >= MIN_SHARED


def affinity(
    pieces: Iterable[CriticPiece], verdicts_by_show: Mapping[str, Sequence[Verdict]]
) -> list[Affinity]:
    """Every critic who scored a show you have a verdict on, with the shows you share.

    Ranked (closest first) are those who share at least MIN_SHARED shows with you; the
    rest follow, most shows first, and are never ranked. Per show, a critic's pieces are
    averaged.
    """
    per_critic: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(list))
    for piece in pieces:
        if verdicts_by_show.get(piece.show):
            per_critic[critic_key(piece)][piece.show].append(piece.score)
    found = []
    for critic, shows in per_critic.items():
        gaps = []
        for show, scores in shows.items():
            mine = current_verdict(verdicts_by_show[show])
            assert mine is not None
            gaps.append(abs(mine.effective_score - sum(scores) / len(scores)))
        found.append(Affinity(critic, round(sum(gaps) / len(gaps), 1), len(gaps)))
    found.sort(key=lambda a: (not a.ranked, a.mean_difference if a.ranked else -a.shows, a.critic))
    return found
