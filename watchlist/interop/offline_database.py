"""manami-project's anime-offline-database (ODbL 1.0): one record per anime with its
sources (the address of each site's page), title, synonyms, type, episode count, status,
the season it began, its studios, tags, related anime and the audience's score (on the
file's `scoreRange`, as of its `lastUpdate`). Either the JSON file (`data[]`) or JSON Lines
(one record a line, the first line possibly the database's own description)."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

import orjson

from watchlist.domain.community import Community, on_100
from watchlist.domain.errors import InvalidInput
from watchlist.domain.text import scrub
from watchlist.interop.catalog_items import CatalogItem, keyed, listed, unreadable

LICENCE = "ODbL 1.0"
HOME = "https://github.com/manami-project/anime-offline-database"
SEASONS = {"WINTER": "winter", "SPRING": "spring", "SUMMER": "summer", "FALL": "fall"}
KINDS = {"TV": "tv", "ONA": "web", "MOVIE": "movie", "OVA": "ova", "SPECIAL": "special"}
NAME = "anime-offline-database"
SCORE = "arithmeticGeometricMean"
"""Of the three aggregates a record's `score` gives (with `arithmeticMean` and `median`),
the one the dataset leads with: it weighs the sites' scores without letting one outlier
pull the mean."""
MAX_TAGS = 30
_MAL = re.compile(r"https?://myanimelist\.net/anime/([0-9]{1,10})\b")
_ANILIST = re.compile(r"https?://anilist\.co/anime/([0-9]{1,10})\b")
_ANIDB = re.compile(r"https?://anidb\.net/anime/([0-9]{1,10})\b")


def parse(raw: bytes, name: str, doc: Any) -> tuple[list[Any], dict[str, Any]]:
    """The records and the database's own description (its licence, its update date),
    every string scrubbed. `doc` is the file read as one JSON document and scrubbed, which
    is used as it is, or None when the file is not one (JSON Lines, read here line by line).
    """
    if isinstance(doc, dict) and isinstance(doc.get("data"), list):
        return doc["data"], {k: v for k, v in doc.items() if k != "data"}
    records: list[Any] = []
    about: dict[str, Any] = {}
    for number, line in enumerate(raw.splitlines(), 1):
        if not line.strip():
            continue
        try:
            record = scrub(orjson.loads(line))
        except orjson.JSONDecodeError as error:
            raise InvalidInput(f"{name}: line {number}: not valid JSON ({error})") from None
        if isinstance(record, dict) and "sources" not in record and not records:
            about = record  # the first line describes the database
        else:
            records.append(record)
    if not records:
        raise InvalidInput(f"{name}: not an anime-offline-database file (no 'data' records)")
    return records, about


def recognises(doc: Any) -> bool:
    if isinstance(doc, dict) and isinstance(doc.get("data"), list):
        first = doc["data"][0] if doc["data"] else {}
        return isinstance(first, dict) and "sources" in first and "animeSeason" in first
    return False


def _match(pattern: re.Pattern[str], sources: list[Any]) -> int | None:
    for source in sources:
        found = pattern.match(str(source))
        if found:
            return int(found.group(1))
    return None


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value)


def _scale(about: dict[str, Any]) -> tuple[float, float, date | None] | None:
    """The score range and the date of the file, or None when it gives no range."""
    bounds = keyed(about.get("scoreRange"))
    low, high = _number(bounds.get("minInclusive")), _number(bounds.get("maxInclusive"))
    if low is None or high is None:
        return None
    try:
        updated = date.fromisoformat(str(about.get("lastUpdate", "")))
    except ValueError:
        updated = None
    return low, high, updated


def _community(
    raw: dict[str, Any], scale: tuple[float, float, date | None] | None
) -> Community | None:
    score = raw.get("score") if isinstance(raw.get("score"), dict) else None
    if score is None or scale is None:
        return None
    value = _number(score.get(SCORE))
    converted = on_100(value, scale[0], scale[1]) if value is not None else None
    return Community(converted, NAME, scale[2]) if converted is not None else None


def read_items(records: list[Any], about: dict[str, Any] | None = None) -> list[CatalogItem]:
    """The records as catalog items; `about` is the file's own description (its score
    range and update date)."""
    scale = _scale(about or {})
    items = []
    for position, raw in enumerate(records, 1):
        if not isinstance(raw, dict) or not isinstance(raw.get("title"), str):
            # One odd record never refuses the whole dataset: it is skipped and reported.
            items.append(unreadable(position, "it is not an anime with a title"))
            continue
        sources = listed(raw.get("sources"))
        synonyms = [s for s in raw.get("synonyms") or [] if isinstance(s, str)]
        item = CatalogItem(
            position=position,
            title=raw["title"].strip(),
            # The main title is MyAnimeList's, which is romaji by its rules.
            romaji=raw["title"].strip(),
            titles=tuple(dict.fromkeys([raw["title"].strip(), *synonyms])),
            kind=KINDS.get(str(raw.get("type")), "unknown"),
            mal_id=_match(_MAL, sources),
            anilist_id=_match(_ANILIST, sources),
        )
        anidb = _match(_ANIDB, sources)
        if item.anilist_id or anidb:
            item.key = f"anilist-{item.anilist_id}" if item.anilist_id else f"anidb-{anidb}"
        episodes = raw.get("episodes")
        if isinstance(episodes, int) and not isinstance(episodes, bool) and 0 < episodes <= 5000:
            item.episodes = episodes
        season = keyed(raw.get("animeSeason"))
        year = season.get("year")
        if season.get("season") in SEASONS and isinstance(year, int) and 1900 < year < 3000:
            item.seasons = (f"{SEASONS[season['season']]}-{year}",)
        studios = [s for s in raw.get("studios") or [] if isinstance(s, str) and s.strip()]
        item.studios = tuple(s.strip() for s in studios)
        duration = keyed(raw.get("duration"))
        seconds = duration.get("value")
        if isinstance(seconds, int) and duration.get("unit") == "SECONDS" and seconds > 0:
            item.minutes = max(1, round(seconds / 60))
        tags = [t.strip() for t in listed(raw.get("tags")) if isinstance(t, str) and t.strip()]
        item.tags = tuple(dict.fromkeys(tags))[:MAX_TAGS]
        related = listed(raw.get("relatedAnime"))
        item.related = tuple(dict.fromkeys(i for s in related if (i := _match(_MAL, [s]))))
        item.community = _community(raw, scale)
        items.append(item)
    return items
