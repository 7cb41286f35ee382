"""bangumi-data's `dist/data.json` (CC BY 4.0): every Japanese TV, web and film release with
its titles, broadcast times and ids on other sites."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from watchlist.domain.broadcast import JAPAN, Broadcast, listed_day
from watchlist.domain.errors import InvalidInput
from watchlist.interop.catalog_items import CatalogItem, keyed, listed, unreadable

LICENCE = "CC BY 4.0"
HOME = "https://github.com/bangumi-data/bangumi-data"
STREAMING = {"crunchyroll": "Crunchyroll", "netflix": "Netflix", "disneyplus": "Disney+"}
"""Sites that stream worldwide, as bangumi-data lists them (regional ones are left out)."""


def recognises(doc: Any) -> bool:
    return isinstance(doc, dict) and isinstance(doc.get("items"), list) and "siteMeta" in doc


def _moment(value: Any, item: CatalogItem, what: str) -> tuple[date | None, str | None]:
    """The day a broadcast is listed under, and the moment in Japan time as written."""
    if not value:
        return None, None
    try:
        moment = datetime.fromisoformat(str(value))
    except ValueError:
        item.fixes.append(f"its {what} {str(value)[:40]!r} is not a moment; left out")
        return None, None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)  # the dataset writes UTC
    said = moment.astimezone(JAPAN).strftime("%Y-%m-%d %H:%M JST")
    return listed_day(moment), said


def _english(names: Any) -> str | None:
    """The English title: one written in ordinary case rather than capitals, if any."""
    if not isinstance(names, list):
        return None
    texts = [n.strip() for n in names if isinstance(n, str) and n.strip()]
    plain = [n for n in texts if not n.isupper()]
    return next(iter(plain or texts), None)


def _id(sites: list[Any], name: str) -> int | None:
    for site in sites:
        if isinstance(site, dict) and site.get("site") == name:
            raw = str(site.get("id", ""))
            if raw.isascii() and raw.isdigit() and 0 < len(raw) <= 10:
                return int(raw)
    return None


def read_items(doc: Any, name: str) -> list[CatalogItem]:
    if not recognises(doc):
        raise InvalidInput(f"{name}: not a bangumi-data file (no 'items' and 'siteMeta')")
    items = []
    for position, raw in enumerate(doc["items"], 1):
        if not isinstance(raw, dict) or not isinstance(raw.get("title"), str):
            # One odd record never refuses the whole dataset: it is skipped and reported.
            items.append(unreadable(position, f"items[{position - 1}] is not a show with a title"))
            continue
        translated = keyed(raw.get("titleTranslate"))
        english = _english(translated.get("en"))
        native = raw["title"].strip()
        others = [n for n in translated.get("en", []) if isinstance(n, str)]
        item = CatalogItem(
            position=position,
            title=english or native,
            native=native,
            titles=tuple(t for t in dict.fromkeys([english or "", *others, native]) if t),
            kind=str(raw.get("type") or "unknown"),
        )
        sites = listed(raw.get("sites"))
        item.mal_id, item.anilist_id = _id(sites, "mal"), _id(sites, "aniList")
        own = _id(sites, "bangumi")
        item.key = f"bangumi-{own}" if own else None
        item.first, item.first_said = _moment(raw.get("begin"), item, "begin")
        item.last, item.last_said = _moment(raw.get("end"), item, "end")
        broadcast = str(raw.get("broadcast") or "")
        item.weekly = broadcast.endswith("/P7D")
        if broadcast:
            # Only the recurrence says a time of day: a `begin` without one is a date
            # written as a midnight (most often China's), not a broadcast time.
            try:
                item.broadcast = Broadcast.parse(broadcast)
            except ValueError:
                item.fixes.append(f"its broadcast {broadcast[:40]!r} is not a moment; left out")
        streaming = [
            STREAMING[s["site"]]
            for s in sites
            if isinstance(s, dict) and s.get("site") in STREAMING
        ]
        item.streaming = ", ".join(dict.fromkeys(streaming)) or None
        items.append(item)
    return items
