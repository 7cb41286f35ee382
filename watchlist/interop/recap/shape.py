"""The recap as plain data: the JSON shape (documented in the README) that the
Markdown and the page are also drawn from, so the three always say the same."""

from __future__ import annotations

from typing import Any

import orjson

from watchlist.domain.agreement import Affinity
from watchlist.domain.recap import Recap, RecapShow
from watchlist.domain.stats import Spread, WeekCount
from watchlist.domain.text import json_safe


def show_data(row: RecapShow) -> dict[str, Any]:
    return {
        "slug": row.show.slug,
        "title": row.show.title,
        "you": row.you,
        "first": row.first,
        "reception": row.reception.score if row.reception else None,
        "reception_pieces": row.reception.count if row.reception else 0,
        "hype": row.hype.score if row.hype else None,
        "hype_pieces": row.hype.count if row.hype else 0,
        "delta": row.delta,
        "previews_called_it": row.previews_called_it,
        "you_called_it": row.you_called_it,
    }


def critic_data(found: Affinity) -> dict[str, Any]:
    return {"critic": found.critic, "mean_difference": found.mean_difference, "shows": found.shows}


def week_data(week: WeekCount) -> dict[str, Any]:
    return {
        "week": week.week_start.isoformat(),
        "episodes": week.episodes,
        "minutes": week.minutes,
        "hours": round(week.minutes / 60, 1),
    }


def spread_data(spread: Spread) -> dict[str, Any]:
    return {
        "count": spread.count,
        "mean": spread.mean,
        "spread": spread.deviation,
        "histogram": spread.histogram,
    }


def recap_data(recap: Recap) -> dict[str, Any]:
    """Every number of the recap; scores are 0-100, `delta` is you minus the reviews."""
    return {
        "season": recap.season,
        "empty": recap.empty,
        "shows": [show_data(row) for row in recap.shows],
        "reception_order": [row.show.slug for row in recap.reception_order],
        "warmer": [row.show.slug for row in recap.warmer],
        "colder": [row.show.slug for row in recap.colder],
        "closest_critics": [critic_data(a) for a in recap.closest],
        "farthest_critics": [critic_data(a) for a in recap.farthest],
        "hype": {
            "shows": len(recap.hype_checked),
            "previews_called_it": recap.previews_called,
            "first_verdicts": len(recap.first_checked),
            "you_called_it": recap.you_called,
        },
        "changed_my_mind": [
            {
                "slug": c.show,
                "title": recap.title(c.show),
                "first": c.first,
                "last": c.last,
                "moved": c.moved,
            }
            for c in recap.changed_my_mind
        ],
        "who_called_it": [
            {"critic": c.critic, "mean_difference": c.mean_gap, "shows": c.shows}
            for c in recap.who_called_it
        ],
        "weeks": [week_data(week) for week in recap.weeks],
        "spread": {
            "you": spread_data(recap.your_spread),
            "critics": spread_data(recap.critics_spread),
        },
    }


def render_json(recap: Recap) -> str:
    """As `--json` prints it: indented, nothing in it a terminal would act on."""
    return json_safe(orjson.dumps(recap_data(recap), option=orjson.OPT_INDENT_2).decode()) + "\n"
