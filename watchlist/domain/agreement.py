"""Your take against each critic: the difference, the verdict as of an episode, affinity."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable, Mapping, Sequence

from msgspec import Struct

from watchlist.domain.model import CriticPiece, PieceKind, Verdict
from watchlist.domain.scoring import Agreement, agreement


class Difference(Struct, frozen=True):
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


END = 10_000
"""Where a season review sits on a show's timeline: after every episode."""


def point_of(piece: CriticPiece) -> int:
    """Where a piece speaks from on the show's timeline: 0 (before episode 1) for a
    preview, END for a season review, else its episode (1 for a premiere review)."""
    if piece.kind is PieceKind.PREVIEW:
        return 0
    if piece.kind is PieceKind.SEASON:
        return END
    return piece.episode or 1


def verdict_at(verdicts: Sequence[Verdict], point: int) -> Verdict | None:
    """Your verdict that stands at `point` (see `point_of`): the latest at or before that
    episode, or at END your final one."""
    return current_verdict(verdicts) if point == END else verdict_as_of(verdicts, point)


class PieceComparison(Struct, frozen=True):
    piece: CriticPiece
    now: Difference | None
    """Against your current verdict."""
    then: Difference | None
    """Against your verdict at the same point as the piece (see `verdict_then`)."""

    @property
    def same_verdict(self) -> bool:
        """Your verdict then is the one you hold now."""
        return (
            self.now is not None
            and self.then is not None
            and self.now.verdict.id == self.then.verdict.id
        )


def verdict_then(piece: CriticPiece, verdicts: Sequence[Verdict]) -> Verdict | None:
    """Your verdict at the point a piece speaks from: before episode 1 for a preview, as
    of episode 1 for a premiere review, at or before episode N for a review of episode N,
    and your final one for a season review."""
    return verdict_at(verdicts, point_of(piece))


def compare_pieces(
    pieces: Sequence[CriticPiece],
    verdicts: Sequence[Verdict],
    closed: Collection[str] = (),
) -> list[PieceComparison]:
    """Each piece against you now and you then; a piece the shield keeps `closed` (by
    id) is compared with nothing."""
    current = current_verdict(verdicts)
    result = []
    for piece in pieces:
        if piece.id in closed:
            result.append(PieceComparison(piece, None, None))
            continue
        now = difference(current, piece) if current else None
        earlier = verdict_then(piece, verdicts)
        then = difference(earlier, piece) if earlier is not None else None
        result.append(PieceComparison(piece, now, then))
    return result


def critic_key(piece: CriticPiece) -> str:
    """Who a piece speaks for when comparing across shows: the critic, else the outlet."""
    return piece.byline


MIN_SHARED = 3
"""Shows in common before a critic is ranked: closeness on one or two shows is luck."""


class Affinity(Struct, frozen=True):
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
