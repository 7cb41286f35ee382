"""MyAnimeList's XML list format, as MAL exports it and MAL, AniList and Taiga import it.

Reading accepts MAL's own exports and the older variant other trackers write
(numeric statuses, missing optional elements, titles without CDATA). Parsing
goes through defusedxml: no DTDs, no entities, nothing fetched.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date
from xml.etree.ElementTree import Element, ParseError

import defusedxml.ElementTree as SafeET
from defusedxml import DefusedXmlException

from watchlist.domain.errors import InvalidInput
from watchlist.domain.model import MAX_EPISODES, Status
from watchlist.domain.text import MAX_LINE_CHARS, MAX_NOTE_CHARS, clean_text, quoted

MAX_ENTRIES = 100_000

MAL_STATUS = {
    Status.WATCHING: "Watching",
    Status.COMPLETED: "Completed",
    Status.ON_HOLD: "On-Hold",
    Status.DROPPED: "Dropped",
    Status.PLAN_TO_WATCH: "Plan to Watch",
    Status.REWATCHING: "Completed",  # MAL marks a rewatch with <my_rewatching>1
}
_READ_STATUS = {
    "watching": Status.WATCHING,
    "completed": Status.COMPLETED,
    "onhold": Status.ON_HOLD,
    "dropped": Status.DROPPED,
    "plantowatch": Status.PLAN_TO_WATCH,
    # The older numeric variant.
    "1": Status.WATCHING,
    "2": Status.COMPLETED,
    "3": Status.ON_HOLD,
    "4": Status.DROPPED,
    "6": Status.PLAN_TO_WATCH,
}


@dataclass(frozen=True, slots=True)
class MalEntry:
    """One `<anime>` element, checked."""

    mal_id: int | None
    title: str
    series_type: str = "TV"
    series_episodes: int | None = None
    watched: int = 0
    start: date | None = None
    finish: date | None = None
    score: int | None = None
    """1-10, or None for MAL's 0 (no score)."""
    status: Status = Status.PLAN_TO_WATCH
    comments: str = ""
    times_watched: int = 0
    rewatching: bool = False
    update_on_import: bool = True
    position: int = 0
    """Which `<anime>` element this was, from 1, for messages."""


@dataclass(frozen=True, slots=True)
class MalList:
    user_name: str | None
    entries: list[MalEntry]


class _Place:
    """Names where in the file a value came from."""

    def __init__(self, name: str, position: int, title: str) -> None:
        self.prefix = f"{name}: anime entry {position}" + (f" ({quoted(title)})" if title else "")

    def fail(self, tag: str, problem: str) -> InvalidInput:
        return InvalidInput(f"{self.prefix}: <{tag}> {problem}")


def _text(element: Element, tag: str) -> str | None:
    child = element.find(tag)
    if child is None:
        return None
    return (child.text or "").strip()


def _count(element: Element, tag: str, place: _Place, *, high: int, default: int = 0) -> int:
    raw = _text(element, tag)
    if raw is None or raw == "":
        return default
    if not (raw.isascii() and raw.isdigit()):
        raise place.fail(tag, f"must be a whole number from 0 to {high}, not {quoted(raw)}")
    value = int(raw)
    if value > high:
        raise place.fail(tag, f"{value} is out of range 0-{high}")
    return value


def _day(element: Element, tag: str, place: _Place) -> date | None:
    raw = _text(element, tag)
    if not raw or raw == "0000-00-00":
        return None
    parts = raw.split("-")
    if len(parts) != 3 or not all(p.isascii() and p.isdigit() for p in parts):
        raise place.fail(tag, f"must be a date like 2024-01-10, not {quoted(raw)}")
    year, month, day = (int(p) for p in parts)
    if month == 0 or day == 0:
        return None  # MAL writes 00 for a month or day nobody recorded
    try:
        return date(year, month, day)
    except ValueError:
        raise place.fail(tag, f"{quoted(raw)} is not a real date") from None


def _status(element: Element, place: _Place) -> Status:
    raw = _text(element, "my_status")
    if not raw:
        return Status.PLAN_TO_WATCH
    key = "".join(c for c in raw.casefold() if c.isalnum())
    if key not in _READ_STATUS:
        raise place.fail(
            "my_status",
            f"{quoted(raw)} is not a status (Watching, Completed, On-Hold, Dropped, Plan to Watch)",
        )
    return _READ_STATUS[key]


def _flag(element: Element, tag: str, place: _Place, default: bool) -> bool:
    raw = _text(element, tag)
    if raw is None or raw == "":
        return default
    if raw.upper() in ("1", "YES", "TRUE"):
        return True
    if raw.upper() in ("0", "NO", "FALSE"):
        return False
    raise place.fail(tag, f"must be 1 or 0, not {quoted(raw)}")


def _entry(element: Element, position: int, name: str) -> MalEntry:
    raw_title = _text(element, "series_title") or ""
    place = _Place(name, position, raw_title[:60])
    mal_id = _count(element, "series_animedb_id", place, high=10**9)
    try:
        title = clean_text(raw_title, field="series_title", limit=MAX_LINE_CHARS)
        comments = clean_text(
            _text(element, "my_comments") or "",
            field="my_comments",
            limit=MAX_NOTE_CHARS,
            multiline=True,
        )
    except InvalidInput as error:
        raise InvalidInput(f"{place.prefix}: {error}") from None
    if not mal_id and not title:
        raise place.fail("series_animedb_id", "is missing, and so is the title")
    episodes = _count(element, "series_episodes", place, high=MAX_EPISODES)
    watched = _count(element, "my_watched_episodes", place, high=MAX_EPISODES)
    if episodes and watched > episodes:
        raise place.fail(
            "my_watched_episodes", f"{watched} is more than the {episodes} episodes of the show"
        )
    score = _count(element, "my_score", place, high=10)
    start, finish = _day(element, "my_start_date", place), _day(element, "my_finish_date", place)
    if start and finish and finish < start:
        raise place.fail("my_finish_date", f"{finish} is before the start date {start}")
    return MalEntry(
        mal_id=mal_id or None,
        title=title,
        series_type=clean_text(_text(element, "series_type") or "TV", field="series_type", limit=20)
        or "TV",
        series_episodes=episodes or None,
        watched=watched,
        start=start,
        finish=finish,
        score=score or None,
        status=_status(element, place),
        comments=comments,
        times_watched=_count(element, "my_times_watched", place, high=10_000),
        rewatching=_flag(element, "my_rewatching", place, False),
        update_on_import=_flag(element, "update_on_import", place, True),
        position=position,
    )


def parse_mal(raw: bytes, name: str) -> MalList:
    """Read a MAL XML list; any fault is one line naming the place in `name`."""
    try:
        root = SafeET.fromstring(raw, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except ParseError as error:
        line, column = error.position
        reason = str(error).split(":")[0]
        raise InvalidInput(
            f"{name}: line {line}, column {column + 1}: not valid XML ({reason})"
        ) from None
    except DefusedXmlException as error:
        raise InvalidInput(
            f"{name}: refused: the file declares a DTD or entities ({type(error).__name__}); "
            "a MyAnimeList export never does"
        ) from None
    if root.tag != "myanimelist":
        raise InvalidInput(f"{name}: the root element is <{root.tag[:40]}>, not <myanimelist>")
    anime = root.findall("anime")
    if root.find("manga") is not None and not anime:
        raise InvalidInput(f"{name}: this is a manga list; watchlist imports anime lists")
    if len(anime) > MAX_ENTRIES:
        raise InvalidInput(
            f"{name}: {len(anime):,} entries is more than the {MAX_ENTRIES:,} allowed"
        )
    info = root.find("myinfo")
    user = _text(info, "user_name") if info is not None else None
    return MalList(user or None, [_entry(e, n, name) for n, e in enumerate(anime, 1)])


def _escape(text: str) -> str:
    # xml.sax.saxutils.escape would do, but importing it pulls in urllib (40 ms).
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _cdata(text: str) -> str:
    # "]]>" cannot appear inside CDATA; split it across two sections.
    return "<![CDATA[" + text.replace("]]>", "]]]]><![CDATA[>") + "]]>"


def _day_text(value: date | None) -> str:
    return value.isoformat() if value else "0000-00-00"


def render_mal(entries: list[MalEntry], user_name: str = "watchlist") -> bytes:
    """A list in the format MAL's own export writes, with every element it writes."""
    totals = Counter(MAL_STATUS[e.status] for e in entries)
    lines = [
        '<?xml version="1.0" encoding="UTF-8" ?>',
        "<myanimelist>",
        "  <myinfo>",
        "    <user_id>0</user_id>",
        f"    <user_name>{_cdata(user_name)}</user_name>",
        "    <user_export_type>1</user_export_type>",
        f"    <user_total_anime>{len(entries)}</user_total_anime>",
        f"    <user_total_watching>{totals['Watching']}</user_total_watching>",
        f"    <user_total_completed>{totals['Completed']}</user_total_completed>",
        f"    <user_total_onhold>{totals['On-Hold']}</user_total_onhold>",
        f"    <user_total_dropped>{totals['Dropped']}</user_total_dropped>",
        f"    <user_total_plantowatch>{totals['Plan to Watch']}</user_total_plantowatch>",
        "  </myinfo>",
    ]
    for e in entries:
        lines += [
            "  <anime>",
            f"    <series_animedb_id>{e.mal_id or 0}</series_animedb_id>",
            f"    <series_title>{_cdata(e.title)}</series_title>",
            f"    <series_type>{_escape(e.series_type)}</series_type>",
            f"    <series_episodes>{e.series_episodes or 0}</series_episodes>",
            "    <my_id>0</my_id>",
            f"    <my_watched_episodes>{e.watched}</my_watched_episodes>",
            f"    <my_start_date>{_day_text(e.start)}</my_start_date>",
            f"    <my_finish_date>{_day_text(e.finish)}</my_finish_date>",
            "    <my_rated></my_rated>",
            f"    <my_score>{e.score or 0}</my_score>",
            "    <my_storage></my_storage>",
            "    <my_storage_value>0.00</my_storage_value>",
            f"    <my_status>{MAL_STATUS[e.status]}</my_status>",
            f"    <my_comments>{_cdata(e.comments)}</my_comments>",
            f"    <my_times_watched>{e.times_watched}</my_times_watched>",
            "    <my_rewatch_value></my_rewatch_value>",
            "    <my_priority>LOW</my_priority>",
            "    <my_tags><![CDATA[]]></my_tags>",
            f"    <my_rewatching>{1 if e.rewatching else 0}</my_rewatching>",
            "    <my_rewatching_ep>0</my_rewatching_ep>",
            "    <my_discuss>1</my_discuss>",
            "    <my_sns>default</my_sns>",
            f"    <update_on_import>{1 if e.update_on_import else 0}</update_on_import>",
            "  </anime>",
        ]
    lines.append("</myanimelist>")
    return ("\n".join(lines) + "\n").encode("utf-8")
