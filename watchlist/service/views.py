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
    """Empty while blind mode hides the critics (see `hidden`)."""
    hidden: bool = False
    """Blind mode hides critics' numbers on this show until you give a verdict."""

    @property
    def score(self) -> int | None:
        return self.verdict.effective_score if self.verdict else None

    @property
    def critics_text(self) -> str:
        """The critics' headline in a table cell: reviews' consensus ("62"), else the
        previews' hype marked h ("83 h"), "hidden" in blind mode, "-" when there are none."""
        if self.hidden:
            return "hidden"
        consensus = self.consensus
        if consensus.reception:
            return str(consensus.reception.score)
        if consensus.hype:
            return f"{consensus.hype.score} h"
        return "-"

    @property
    def critic_score(self) -> int | None:
        headline = self.consensus.headline
        return headline.score if headline else None
