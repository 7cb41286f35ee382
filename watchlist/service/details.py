"""Views for a show's screen, the critics comparison and stats (loaded when first used)."""

from __future__ import annotations

from dataclasses import dataclass

from watchlist.domain.agreement import Affinity, PieceComparison, current_verdict
from watchlist.domain.compare import ShowConsensus
from watchlist.domain.model import CriticPiece, Entry, Show, Verdict
from watchlist.domain.stats import Stats


@dataclass(frozen=True, slots=True)
class Comparison:
    """Your take and every critic piece on one show, side by side."""

    show: Show
    entry: Entry
    verdicts: list[Verdict]
    """Your verdict timeline, oldest first; the last is the current one."""
    pieces: list[PieceComparison]
    consensus: ShowConsensus
    hidden: bool
    """Blind mode: critics' scores and summaries stay hidden until you give a verdict."""

    @property
    def current(self) -> Verdict | None:
        return current_verdict(self.verdicts)


@dataclass(frozen=True, slots=True)
class StatsReport:
    stats: Stats
    affinity: list[Affinity]
    season: str | None


@dataclass(frozen=True, slots=True)
class ShowDetail:
    """Everything the show screen and `watchlist show` need."""

    show: Show
    entry: Entry
    verdicts: list[Verdict]
    pieces: list[CriticPiece]
    consensus: ShowConsensus

    @property
    def current(self) -> Verdict | None:
        return current_verdict(self.verdicts)
