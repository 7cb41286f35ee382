"""What the service hands to the CLI and the TUI: read-only views over domain objects."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from watchlist.domain.compare import Affinity, PieceComparison, ShowConsensus
from watchlist.domain.model import CriticPiece, Entry, Show, Verdict

if TYPE_CHECKING:
    from watchlist.domain.stats import Stats


@dataclass(frozen=True, slots=True)
class Row:
    """One show on the season board or in My list."""

    show: Show
    entry: Entry
    verdict: Verdict | None
    """The current (latest) verdict."""
    consensus: ShowConsensus

    @property
    def score(self) -> int | None:
        return self.verdict.effective_score if self.verdict else None

    @property
    def critic_score(self) -> int | None:
        headline = self.consensus.headline
        return headline.score if headline else None


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
        return self.verdicts[-1] if self.verdicts else None


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
