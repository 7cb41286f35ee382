"""A row of the board or My list: what the service hands the first screen."""

from __future__ import annotations

from dataclasses import dataclass

from watchlist.domain.compare import ShowConsensus
from watchlist.domain.model import Entry, Show, Verdict


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
