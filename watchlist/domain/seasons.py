"""Anime seasons: which season a Japanese broadcast falls in, and which seasons a run
spans. Winter is January to March, spring April to June, summer July to September,
fall October to December."""

from __future__ import annotations

import re
from datetime import date, timedelta

from watchlist.domain.errors import InvalidInput
from watchlist.domain.model import Season
from watchlist.domain.text import quoted

NAMES = ("winter", "spring", "summer", "fall")
MIN_WEEKS_IN_SEASON = 3
"""A run belongs to a season only when it airs there for three weeks or more: a finale
that slips into the first days of April does not put a winter show on the spring board."""
_SLUG = re.compile(r"(winter|spring|summer|fall)-([0-9]{4})\Z")


def slug_of(day: date) -> str:
    return f"{NAMES[(day.month - 1) // 3]}-{day.year}"


def parse_slug(text: str) -> tuple[str, int]:
    match = _SLUG.match(text.strip().lower())
    if not match:
        raise InvalidInput(f"{quoted(text)} is not a season: write it like spring-2024")
    return match.group(1), int(match.group(2))


def season(slug: str) -> Season:
    """The season a slug names, with its first and last day."""
    name, year = parse_slug(slug)
    first_month = NAMES.index(name) * 3 + 1
    starts = date(year, first_month, 1)
    ends = (date(year + 1, 1, 1) if first_month == 10 else date(year, first_month + 3, 1)) - (
        timedelta(days=1)
    )
    return Season(slug=f"{name}-{year}", name=f"{name.title()} {year}", starts=starts, ends=ends)


def seasons_aired(first: date, last: date | None) -> list[str]:
    """Every season a run from `first` to `last` (None: unknown) airs three weeks or more in;
    at least the season it began in."""
    if last is None or last < first:
        return [slug_of(first)]
    found = []
    slug = slug_of(first)
    while True:
        bounds = season(slug)
        if bounds.starts > last:
            break
        overlap = (min(last, bounds.ends) - max(first, bounds.starts)).days + 1
        if overlap >= 7 * MIN_WEEKS_IN_SEASON:
            found.append(slug)
        slug = slug_of(bounds.ends + timedelta(days=1))
    return found or [slug_of(first)]
