"""The recap's words: headings, lines and what an empty part says, shared by the TUI
screen, the Markdown and the HTML page, so the three read alike. Plain strings: each
surface makes them safe its own way (content, backslashes, autoescaping)."""

from __future__ import annotations

from watchlist.domain.agreement import Affinity
from watchlist.domain.hindsight import CHANGED_MIND_BY
from watchlist.domain.hindsight import called_text as called_text  # the lines stats says too
from watchlist.domain.hindsight import changed_text as changed_text
from watchlist.domain.recap import Recap, RecapShow
from watchlist.domain.scoring import AGREE_WITHIN
from watchlist.domain.stats import Spread, WeekCount
from watchlist.domain.text import plural

TITLE = "{season}: you against the critics"
RANKINGS = "Your ranking beside the critics'"
WARMER = "Warmer than the critics"
COLDER = "Colder than the critics"
CLOSEST = "Your closest critics"
FARTHEST = "Your farthest critics"
HYPE = "Hype against reception"
CHANGED = "Changed my mind"
CALLED = "Who called it"
WEEKS = "Episodes and hours by week"
SPREAD = "Your score spread beside the critics'"

NO_VERDICTS = (
    "No verdicts on {season} yet: give a verdict on a show you watched and the recap "
    "holds it up against the critics."
)
NOTHING_WARMER = "Nowhere: you were never above the critics."
NOTHING_COLDER = "Nowhere: you were never below the critics."
NO_CRITICS = "No critic reviewed a show you judged yet."
NO_FARTHER = "No other critic shares enough shows with you yet."
NO_HYPE = "No show you judged had both previews and reviews."
NO_CHANGE = f"Your scores held: no show moved {CHANGED_MIND_BY} points or more."
NO_CALLED = "No premiere review of a show you judged yet."
NO_WEEKS = "Nothing watched on a known day this season."
HYPE_KEY = (
    f"Hype: the previews' mean. Called: within {AGREE_WITHIN} points of the reviews, first the "
    "previews', then your first verdict."
)
CALLED_HOW = "Critics whose premiere reviews came closest to where you ended up:"


def no_critics(recap: Recap, farthest: bool) -> str:
    """What an empty list of closest or farthest critics says."""
    return NO_FARTHER if farthest and recap.closest else NO_CRITICS


def title(recap: Recap) -> str:
    return TITLE.format(season=recap.season)


def no_verdicts(recap: Recap) -> str:
    return NO_VERDICTS.format(season=recap.season)


def summary(recap: Recap) -> str:
    """The line under the title."""
    reviewed = sum(1 for row in recap.shows if row.reception is not None)
    return (
        f"{plural(len(recap.shows), 'show')} you judged, {reviewed} of them reviewed. "
        "Scores are 0-100; the critics' is the mean of the reviews (previews are hype, "
        "kept apart)."
    )


def signed(delta: int) -> str:
    """+15, -20, 0: a difference, as stats writes one."""
    return f"{delta:+d}" if delta else "0"


def difference(row: RecapShow) -> str:
    """ "you 90, critics 75 (+15)" """
    critics = row.reception.score if row.reception else "-"
    delta = f" ({signed(row.delta)})" if row.delta is not None else ""
    return f"you {row.you}, critics {critics}{delta}"


def critic(found: Affinity) -> str:
    """ "8.0 points from you over 4 shows" """
    return f"{found.mean_difference:.1f} points from you over {plural(found.shows, 'show')}"


def hype_summary(recap: Recap) -> str:
    previews = (
        f"The previews called {recap.previews_called} of {len(recap.hype_checked)} "
        f"{'show' if len(recap.hype_checked) == 1 else 'shows'}"
    )
    yours = (
        f"your first verdict called {recap.you_called} of {len(recap.first_checked)}"
        if recap.first_checked
        else "no show you judged has reviews to check your first verdict against"
    )
    return f"{previews}; {yours} (within {AGREE_WITHIN} points of the reviews)."


def called(value: bool | None) -> str:
    return "yes" if value else "-" if value is None else "no"


def week(count: WeekCount) -> str:
    """ "7 episodes, 2.8 hours" """
    return f"{plural(count.episodes, 'episode')}, {count.minutes / 60:.1f} hours"


def spread_line(who: str, spread: Spread) -> str:
    """ "You: 6 scores, mean 78.3, spread 12.0" """
    if not spread.count:
        return f"{who}: no scores"
    return f"{who}: {plural(spread.count, 'score')}, mean {spread.mean}, spread {spread.deviation}"


def bucket_label(n: int) -> str:
    """The tenth `n` of the 0-100 scale: "0-9", ..., "90-100"."""
    return f"{n * 10}-{n * 10 + 9 if n < 9 else 100}"


def total_hours(recap: Recap) -> str:
    episodes = sum(w.episodes for w in recap.weeks)
    minutes = sum(w.minutes for w in recap.weeks)
    return (
        f"{plural(episodes, 'episode')} and {minutes / 60:.1f} hours over "
        f"{plural(len(recap.weeks), 'week')}"
    )
