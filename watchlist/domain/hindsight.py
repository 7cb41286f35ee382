"""Your take and the critics' over a season: how each moved, where you changed your mind,
and which critics' first impressions came closest to where you ended up."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence

from msgspec import Struct

from watchlist.domain.agreement import END, critic_key, current_verdict, point_of, verdict_at
from watchlist.domain.model import CriticPiece, PieceKind, Verdict
from watchlist.domain.numbers import half_up

CHANGED_MIND_BY = 15
"""Points your score must move between your first and last verdict to count as a change
of mind."""


class ArcPoint(Struct, frozen=True):
    """One point of a show's timeline: you and the critics at the same episode."""

    episode: int
    """0 before the first episode; END for the season's end."""
    you: int | None
    """Your score as of this point (your latest verdict at or before it)."""
    critics: int | None
    """The mean of the critics' pieces at this point."""
    pieces: int

    @property
    def label(self) -> str:
        if self.episode == END:
            return "end"
        return "before" if self.episode == 0 else f"ep {self.episode}"


def arc(verdicts: Sequence[Verdict], pieces: Iterable[CriticPiece]) -> list[ArcPoint]:
    """How your score moved against the critics', point by point."""
    scores: dict[int, list[int]] = defaultdict(list)
    for piece in pieces:
        scores[point_of(piece)].append(piece.score)
    points = set(scores) | {v.episode or 0 for v in verdicts}
    found = []
    for episode in sorted(points):
        yours = verdict_at(verdicts, episode)
        theirs = scores.get(episode, [])
        found.append(
            ArcPoint(
                episode,
                yours.effective_score if yours else None,
                half_up(sum(theirs), len(theirs)) if theirs else None,
                len(theirs),
            )
        )
    return found


class CriticArc(Struct, frozen=True):
    """One critic's premiere review against their season review of the same show."""

    critic: str
    premiere: int
    season: int

    @property
    def moved(self) -> int:
        return self.season - self.premiere


def critic_arcs(pieces: Iterable[CriticPiece]) -> list[CriticArc]:
    first: dict[str, CriticPiece] = {}
    last: dict[str, CriticPiece] = {}
    for piece in pieces:
        who = critic_key(piece)
        if piece.kind is PieceKind.PREMIERE:
            first.setdefault(who, piece)
        elif piece.kind is PieceKind.SEASON:
            last[who] = piece
    return [
        CriticArc(who, first[who].score, last[who].score) for who in sorted(first) if who in last
    ]


class ChangedMind(Struct, frozen=True):
    show: str
    first: int
    last: int

    @property
    def moved(self) -> int:
        return self.last - self.first


def changed_my_mind(scores_by_show: Mapping[str, Sequence[int]]) -> list[ChangedMind]:
    """Shows where your score moved CHANGED_MIND_BY points or more, the biggest move first
    (`scores_by_show`: each show's verdicts' scores, oldest first)."""
    found = []
    for show, scores in scores_by_show.items():
        if len(scores) < 2:
            continue
        first, last = scores[0], scores[-1]
        if abs(last - first) >= CHANGED_MIND_BY:
            found.append(ChangedMind(show, first, last))
    return sorted(found, key=lambda c: (-abs(c.moved), c.show))


class Called(Struct, frozen=True):
    """A critic whose premiere reviews came close to where you ended up."""

    critic: str
    mean_gap: float
    """Mean points between their premiere score and your final verdict."""
    shows: int


def called_text(called: Called) -> str:
    """ "4.0 points off, 3 shows": how close a critic came, as stats and the recap say it."""
    shows = f"{called.shows} show" + ("" if called.shows == 1 else "s")
    return f"{called.mean_gap:.1f} points off, {shows}"


def called_line(called: Called) -> str:
    """ "  Richard Eisenbeis: 4.0 points off, 3 shows", as stats lists it."""
    return f"  {called.critic}: {called_text(called)}"


def changed_text(changed: ChangedMind) -> str:
    """ "80 → 60 (-20)": your first verdict, your last and the move, as stats and the recap
    say it."""
    return f"{changed.first} → {changed.last} ({changed.moved:+d})"


def changed_line(changed: ChangedMind, title: str) -> str:
    """ "  Metallic Rouge: 80 → 60 (-20)", as stats lists it."""
    return f"  {title}: {changed_text(changed)}"


def who_called_it(
    pieces: Iterable[CriticPiece], verdicts_by_show: Mapping[str, Sequence[Verdict]]
) -> list[Called]:
    """Critics by how close their premiere reviews came to your final verdicts, closest
    first (more shows first on a tie)."""
    gaps: dict[str, list[int]] = defaultdict(list)
    for piece in pieces:
        final = current_verdict(verdicts_by_show.get(piece.show, ()))
        if piece.kind is PieceKind.PREMIERE and final is not None:
            gaps[critic_key(piece)].append(abs(piece.score - final.effective_score))
    found = [Called(who, round(sum(g) / len(g), 1), len(g)) for who, g in gaps.items()]
    return sorted(found, key=lambda c: (c.mean_gap, -c.shows, c.critic))
