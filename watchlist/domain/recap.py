"""A season's recap: you against the critics, from first impressions to where you ended
up. Pure arithmetic over your verdicts and the critic pieces you may read; the service
gathers them (the spoiler shield and blind mode apply there) and the CLI and TUI show it."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from msgspec import Struct, field

from watchlist.domain.agreement import Affinity, current_verdict
from watchlist.domain.compare import Consensus, consensus
from watchlist.domain.hindsight import Called, ChangedMind, changed_my_mind, who_called_it
from watchlist.domain.model import CriticPiece, Show, Verdict
from watchlist.domain.scoring import AGREE_WITHIN
from watchlist.domain.stats import Spread, WeekCount, scores_of

SHOWN = 3
"""Shows listed as warmest, coldest; critics as closest, farthest (with fewer than six
critics, closest and farthest share them out)."""


class RecapShow(Struct, frozen=True):
    show: Show
    you: int | None
    """Your final verdict, 0-100."""
    first: int | None
    """Your first verdict."""
    reception: Consensus | None
    """The reviews' consensus (previews left out)."""
    hype: Consensus | None
    """The previews' consensus."""

    @property
    def delta(self) -> int | None:
        """You minus the reception: warmer (+) or colder (-) than the critics."""
        if self.you is None or self.reception is None:
            return None
        return self.you - self.reception.score

    @property
    def previews_called_it(self) -> bool | None:
        """Whether the previews' hype landed within AGREE_WITHIN of the reviews."""
        if self.hype is None or self.reception is None:
            return None
        return abs(self.hype.score - self.reception.score) <= AGREE_WITHIN

    @property
    def you_called_it(self) -> bool | None:
        """Whether your first verdict landed within AGREE_WITHIN of the reviews."""
        if self.first is None or self.reception is None:
            return None
        return abs(self.first - self.reception.score) <= AGREE_WITHIN


class Recap(Struct, frozen=True):
    season: str
    """The season's name ("Winter 2024")."""
    shows: list[RecapShow]
    """Every show you judged, your favourite first."""
    reception_order: list[RecapShow]
    """The same shows, the critics' favourite first."""
    warmer: list[RecapShow]
    colder: list[RecapShow]
    closest: list[Affinity]
    farthest: list[Affinity]
    changed_my_mind: list[ChangedMind]
    who_called_it: list[Called]
    weeks: list[WeekCount]
    """Episodes and minutes watched, week by week."""
    your_scores: list[int] = field(default_factory=list)
    critic_scores: list[int] = field(default_factory=list)
    """The reviews' scores on the season's shows, for the spread beside yours."""

    @property
    def empty(self) -> bool:
        """No verdict on any show of the season: nothing to recap but the diary."""
        return not self.shows

    def rankings(self) -> list[tuple[RecapShow | None, RecapShow | None]]:
        """Your ranking beside the reviews', place by place (the reviews' may be shorter:
        a show nobody reviewed has no place in it)."""
        mine, theirs = self.shows, self.reception_order
        return [
            (mine[n] if n < len(mine) else None, theirs[n] if n < len(theirs) else None)
            for n in range(max(len(mine), len(theirs)))
        ]

    def title(self, slug: str) -> str:
        """A judged show's title (changed my mind names shows by slug)."""
        for row in self.shows:
            if row.show.slug == slug:
                return row.show.title
        return slug

    @property
    def hype_checked(self) -> list[RecapShow]:
        """Shows with both previews and reviews: did the hype hold?"""
        return [s for s in self.shows if s.previews_called_it is not None]

    @property
    def previews_called(self) -> int:
        """Of `hype_checked`, the shows whose previews landed near the reviews."""
        return sum(1 for s in self.shows if s.previews_called_it)

    @property
    def first_checked(self) -> list[RecapShow]:
        """Shows with reviews to hold your first verdict against."""
        return [s for s in self.shows if s.you_called_it is not None]

    @property
    def you_called(self) -> int:
        """Of `first_checked`, the shows where your first verdict landed near the reviews."""
        return sum(1 for s in self.shows if s.you_called_it)

    @property
    def your_spread(self) -> Spread:
        return Spread.of(self.your_scores)

    @property
    def critics_spread(self) -> Spread:
        return Spread.of(self.critic_scores)


def recap(
    season: str,
    shows: Sequence[Show],
    verdicts_by_show: Mapping[str, Sequence[Verdict]],
    pieces: Sequence[CriticPiece],
    affinity: Sequence[Affinity],
    weeks: Sequence[WeekCount],
) -> Recap:
    by_show: dict[str, list[CriticPiece]] = {}
    for piece in pieces:
        by_show.setdefault(piece.show, []).append(piece)
    rows = []
    for show in shows:
        verdicts = verdicts_by_show.get(show.slug, ())
        final = current_verdict(verdicts)
        if final is None:
            continue
        listed = by_show.get(show.slug, [])
        rows.append(
            RecapShow(
                show,
                final.effective_score,
                verdicts[0].effective_score,
                consensus(p for p in listed if not p.is_hype),
                consensus(p for p in listed if p.is_hype),
            )
        )
    rows.sort(key=lambda r: (-(r.you or 0), r.show.title.casefold()))
    compared = [r for r in rows if r.delta is not None]
    # Critics who share enough shows with you to be ranked; on a thin season, all of them.
    ranked = [a for a in affinity if a.ranked] or list(affinity)
    near = sorted(ranked, key=lambda a: (a.mean_difference, -a.shows, a.critic))
    # Closest and farthest never name one critic twice: with few, each gets half.
    judged = {r.show.slug for r in rows}
    return Recap(
        season=season,
        shows=rows,
        reception_order=sorted(
            (r for r in rows if r.reception is not None),
            key=lambda r: (-r.reception.score if r.reception else 0, r.show.title.casefold()),
        ),
        warmer=sorted((r for r in compared if (r.delta or 0) > 0), key=lambda r: -(r.delta or 0))[
            :SHOWN
        ],
        colder=sorted((r for r in compared if (r.delta or 0) < 0), key=lambda r: r.delta or 0)[
            :SHOWN
        ],
        closest=near[: min(SHOWN, (len(near) + 1) // 2)],
        farthest=near[::-1][: min(SHOWN, len(near) // 2)],
        changed_my_mind=changed_my_mind(scores_of(verdicts_by_show)),
        who_called_it=who_called_it(pieces, verdicts_by_show)[:SHOWN],
        weeks=list(weeks),
        your_scores=sorted(r.you for r in rows if r.you is not None),
        critic_scores=sorted(
            p.score for p in pieces if not p.is_hype and (p.show in judged or not judged)
        ),
    )
