"""Picks: the season's shows you have not judged yet, ranked by what the critics who agree
with you gave them.

For each critic who scored at least MIN_SHARED shows you have a verdict on, their
distance from you is the mean number of points between their score and yours on those
shows. A show's predicted score is the mean of those critics' scores for it, each
weighted by 1 / (1 + distance): a critic 5 points from you counts three times as much
as one 17 points away. Every row says which critic weighs most and how many it rests on.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence

from msgspec import Struct, field

from watchlist.domain.agreement import critic_key, current_verdict
from watchlist.domain.model import CriticPiece, Verdict

MIN_SHARED = 2
"""Shows a critic must share with you before their agreement with you counts."""
MIN_VERDICTS = 2
"""Verdicts of yours before anything is predicted."""
NONE_LEFT = "No picks: the critics who agree with you reviewed none of the shows left."
"""What picks say when nothing is missing and still no show is picked."""


class Critic(Struct, frozen=True):
    name: str
    distance: float
    """Mean points between their score and yours over the shows you share."""
    shared: int

    @property
    def weight(self) -> float:
        return 1 / (1 + self.distance)


class Pick(Struct, frozen=True):
    show: str
    predicted: int
    """0-100: the weighted mean of what the critics who agree with you gave it."""
    critics: int
    """How many critics it rests on."""
    lead: Critic
    """The critic who weighs most in it."""
    lead_gave: int

    @property
    def reason(self) -> str:
        """ "Richard Eisenbeis, 8 points from you over 4 shows, gave it 85"."""
        lead = self.lead
        shows = f"{lead.shared} show" + ("" if lead.shared == 1 else "s")
        points = f"{lead.distance:.0f}"
        near = f"{points} point{'' if points == '1' else 's'} from you over {shows}"
        return f"{lead.name}, {near}, gave it {self.lead_gave}"


class Picks(Struct, frozen=True):
    picks: list[Pick]
    needs: str | None = None
    """What is missing before anything can be predicted (then `picks` is empty)."""
    titles: dict[str, str] = field(default_factory=dict)
    """The picked shows' titles by slug, as the user chose to read them (see `title`)."""

    def title(self, slug: str) -> str:
        return self.titles.get(slug, slug)


def _scores(pieces: Iterable[CriticPiece]) -> dict[str, dict[str, float]]:
    """critic -> show -> the mean of their pieces' scores on it."""
    found: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(list))
    for piece in pieces:
        found[critic_key(piece)][piece.show].append(piece.score)
    return {
        critic: {show: sum(s) / len(s) for show, s in shows.items()}
        for critic, shows in found.items()
    }


def critics_like_you(
    scores: Mapping[str, Mapping[str, float]], mine: Mapping[str, int]
) -> list[Critic]:
    """Every critic who shares MIN_SHARED shows with you, closest first."""
    found = []
    for name, shows in scores.items():
        shared = [show for show in shows if show in mine]
        if len(shared) >= MIN_SHARED:
            gaps = [abs(shows[show] - mine[show]) for show in shared]
            found.append(Critic(name, sum(gaps) / len(gaps), len(shared)))
    return sorted(found, key=lambda c: (c.distance, -c.shared, c.name))


def pick(
    candidates: Sequence[str],
    pieces: Iterable[CriticPiece],
    verdicts_by_show: Mapping[str, Sequence[Verdict]],
) -> Picks:
    """Rank `candidates` (shows without a verdict of yours) from the open `pieces`."""
    mine = {
        show: verdict.effective_score
        for show, verdicts in verdicts_by_show.items()
        if (verdict := current_verdict(verdicts)) is not None
    }
    if len(mine) < MIN_VERDICTS:
        return Picks(
            [],
            f"picks need verdicts on at least {MIN_VERDICTS} shows with critic pieces; "
            f"you have {len(mine)}",
        )
    scores = _scores(pieces)
    critics = critics_like_you(scores, mine)
    if not critics:
        return Picks(
            [],
            f"no critic has reviewed {MIN_SHARED} of the shows you have judged yet; give "
            "verdicts on shows the critics covered",
        )
    picks = []
    for show in candidates:
        rated = [(c, scores[c.name][show]) for c in critics if show in scores[c.name]]
        if not rated:
            continue
        total = sum(c.weight for c, _ in rated)
        predicted = round(sum(c.weight * score for c, score in rated) / total)
        lead, gave = max(rated, key=lambda pair: (pair[0].weight, pair[0].shared))
        picks.append(Pick(show, predicted, len(rated), lead, round(gave)))
    picks.sort(key=lambda p: (-p.predicted, -p.critics, p.show))
    return Picks(picks)
