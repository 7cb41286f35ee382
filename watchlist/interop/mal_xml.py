"""MyAnimeList's XML list format (as MAL exports it and MAL, AniList and Taiga import it):
its name, its reader and its writer. Reading is tolerant: an odd value is normalised and
noted, an unreadable entry skipped with the reason, and only a fault in the file's
structure refuses it. Writing never emits a character XML 1.0 forbids.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import BinaryIO
from xml.etree.ElementTree import Element

from msgspec import Struct

from watchlist.domain.dates import PartialDate
from watchlist.domain.errors import InvalidInput
from watchlist.domain.model import MAX_EPISODES, Status
from watchlist.domain.progress import automatic_status
from watchlist.domain.text import MAX_LINE_CHARS, MAX_NOTE_CHARS, clean_text, exportable, quoted
from watchlist.interop.list_entries import (
    EntrySkipped,
    ListEntry,
    ListRead,
    capped,
    order_dates,
    tags_from,
)
from watchlist.interop.xml_stream import root_children

NAME = "mal-xml"
"""The `--format` value, for imports and exports alike."""
LABEL = "MyAnimeList XML"
SHAPE = "xml"
"""What telling formats apart looks at: the first bytes."""

MAX_ENTRIES = 250_000
"""More entries than any list has (the largest public ones hold a few tens of thousands)."""

MAL_STATUS = {
    Status.WATCHING: "Watching",
    Status.COMPLETED: "Completed",
    Status.ON_HOLD: "On-Hold",
    Status.DROPPED: "Dropped",
    Status.PLAN_TO_WATCH: "Plan to Watch",
    Status.REWATCHING: "Completed",  # MAL marks a rewatch with <my_rewatching>1
}


class MalEntry(Struct, frozen=True):
    """One list entry as watchlist writes it for MAL."""

    mal_id: int | None
    title: str
    series_type: str = "TV"
    series_episodes: int | None = None
    watched: int = 0
    start: PartialDate | None = None
    finish: PartialDate | None = None
    score: int | None = None
    """1-10, or None for MAL's 0 (no score)."""
    status: Status = Status.PLAN_TO_WATCH
    comments: str = ""
    times_watched: int = 0
    rewatching: bool = False
    rewatching_episodes: int = 0
    """Episodes watched in the rewatch itself (`watched` is then the first pass)."""
    tags: tuple[str, ...] = ()
    """Your own tags (`my_tags`, comma-separated)."""


class MalRecord(Struct, frozen=True):
    """One `<anime>` element as written: each child element's text ("" when empty)."""

    position: int
    """Which `<anime>` element this is, from 1, for messages."""
    fields: dict[str, str]


def read_mal(source: BinaryIO, name: str) -> Iterator[MalRecord]:
    """The `<anime>` elements of a MAL XML list, one at a time, in bounded memory.

    A DTD or an entity refuses the file (see `xml_stream`). Any structural fault is
    InvalidInput naming the place in `name`; what the values mean is the importer's
    business.
    """
    return mal_records(root_children(source, name, "myanimelist"), name)


def mal_records(elements: Iterable[Element], name: str) -> Iterator[MalRecord]:
    """The records of a list's root children, as they come (an `<anime>` each)."""
    position = 0
    manga = False
    for element in elements:
        if element.tag == "anime":
            position += 1
            if position > MAX_ENTRIES:
                raise InvalidInput(
                    f"{name}: more than {MAX_ENTRIES:,} entries; no list is that long"
                )
            fields = {child.tag: (child.text or "").strip() for child in element}
            yield MalRecord(position, fields)
        elif element.tag == "manga":
            manga = True
    if manga and not position:
        raise InvalidInput(f"{name}: this is a manga list; watchlist imports anime lists")


STATUS_WORDS = {
    "watching": Status.WATCHING,
    "completed": Status.COMPLETED,
    "onhold": Status.ON_HOLD,
    "dropped": Status.DROPPED,
    "plantowatch": Status.PLAN_TO_WATCH,
    "rewatching": Status.REWATCHING,
    # The numeric codes older tools write.
    "1": Status.WATCHING,
    "2": Status.COMPLETED,
    "3": Status.ON_HOLD,
    "4": Status.DROPPED,
    "6": Status.PLAN_TO_WATCH,
}
_DATE = re.compile(r"([0-9]{4})[-/]([0-9]{1,2})[-/]([0-9]{1,2})\Z")
MAX_ID_DIGITS = 10


def recognises(head: bytes) -> bool:
    return head.lstrip()[:1] == b"<"


def read_list(stream: BinaryIO, name: str, score_format: str | None = None) -> ListRead:
    """The entries of a MAL XML list, normalised (MAL's scores are always 1-10, so
    `score_format` is not needed)."""
    listing = ListRead(f"MyAnimeList import from {name}")
    for record in read_mal(stream, name):
        try:
            listing.entries.append(list_entry(record))
        except EntrySkipped as skipped:
            listing.skipped.append(skipped)
    listing.notes.append("scores read on MyAnimeList's 1-10 scale")
    return listing


def list_entry(record: MalRecord) -> ListEntry:
    """One `<anime>` element as a list entry, normalised, or EntrySkipped."""
    fields = record.fields
    raw_title = fields.get("series_title", "")

    def skip(reason: str) -> EntrySkipped:
        return EntrySkipped(record.position, raw_title[:60], reason)

    try:
        title = clean_text(raw_title, field="<series_title>", limit=MAX_LINE_CHARS)
    except InvalidInput as error:
        raise skip(str(error)) from None
    item = ListEntry(position=record.position, title=title, titles=(title,) if title else ())
    item.mal_id = _mal_id(fields.get("series_animedb_id", ""), item)
    if not item.mal_id and not title:
        raise skip("it has neither a title nor a MyAnimeList id")
    item.media_type = (
        clean_text(fields.get("series_type", ""), field="<series_type>", limit=20) or "TV"
    )
    item.episodes = _count(fields, "series_episodes", item, unknown_as=None)
    watched = _count(fields, "my_watched_episodes", item, unknown_as=-1)
    if watched is None or watched < 0:
        raise skip(
            f"<my_watched_episodes> {quoted(fields.get('my_watched_episodes', ''))} "
            "is not a count of episodes"
        )
    item.watched = capped(watched, item)
    item.score = _score(fields.get("my_score", ""), item)
    item.rewatch_count = _count(fields, "my_times_watched", item, unknown_as=0) or 0
    rewatching = fields.get("my_rewatching", "").strip() in ("1", "YES", "yes", "true")
    item.status = _status(fields.get("my_status", ""), item, rewatching)
    if item.status is Status.REWATCHING:
        base = STATUS_WORDS.get(_status_key(fields.get("my_status", "")))
        item.rewatched_from = base if base not in (None, Status.REWATCHING) else Status.COMPLETED
        ep = _count(fields, "my_rewatching_ep", item, unknown_as=0) or 0
        item.rewatch_progress = min(ep, item.episodes) if item.episodes else ep
    item.started = _date(fields, "my_start_date", item)
    item.finished = _date(fields, "my_finish_date", item)
    order_dates(item, "finished", rewatching)
    comments = fields.get("my_comments", "")
    try:
        item.comments = clean_text(
            comments, field="<my_comments>", limit=MAX_NOTE_CHARS, multiline=True
        )
    except InvalidInput as error:
        item.fixes.append(f"{error}; the comments were left out")
    item.tags = tags_from(fields.get("my_tags", ""), item)
    item.take_file = fields.get("update_on_import", "").strip() == "1"
    return item


def _mal_id(raw: str, item: ListEntry) -> int | None:
    raw = raw.strip()
    if not raw or raw == "0":
        return None
    if not (raw.isascii() and raw.isdigit()) or len(raw) > MAX_ID_DIGITS:
        item.fixes.append(f"<series_animedb_id> {quoted(raw)} is not an id; matched by title")
        return None
    return int(raw)


def _count(
    fields: dict[str, str], tag: str, item: ListEntry, *, unknown_as: int | None
) -> int | None:
    """A count of episodes or rewatches; 0 episodes means unknown, as MAL writes it."""
    raw = fields.get(tag, "").strip()
    if not raw:
        return None if tag == "series_episodes" else 0
    if not (raw.isascii() and raw.isdigit()) or len(raw) > 6 or int(raw) > MAX_EPISODES:
        if unknown_as is not None and unknown_as < 0:
            return unknown_as
        item.fixes.append(f"<{tag}> {quoted(raw)} is not a count; taken as unknown")
        return unknown_as
    value = int(raw)
    if tag == "series_episodes" and value == 0:
        return None
    return value


def _score(raw: str, item: ListEntry) -> int | None:
    raw = raw.strip()
    if not raw or raw == "0":
        return None
    match = re.fullmatch(r"([0-9]{1,2})(?:[.,]([0-9]{1,3}))?", raw)
    if not match:
        item.fixes.append(f"<my_score> {quoted(raw)} is not a score; left out")
        return None
    tenths = int(match.group(1)) * 1000 + int((match.group(2) or "").ljust(3, "0"))
    if not 1000 <= tenths <= 10_000:
        item.fixes.append(f"<my_score> {quoted(raw)} is outside 1-10; left out")
        return None
    stored = (tenths + 50) // 100  # the nearest point of 0-100, halves up
    if tenths % 1000:
        item.fixes.append(f"<my_score> {raw} is not a whole number; kept as {stored}/100")
    return stored


@lru_cache(maxsize=256)
def _status_key(raw: str) -> str:
    """A status as written, folded: "Plan to Watch" -> "plantowatch" (a list writes a
    handful of spellings, a hundred thousand times)."""
    return "".join(c for c in raw.casefold() if c.isalnum())


def _status(raw: str, item: ListEntry, rewatching: bool) -> Status:
    key = _status_key(raw)
    if rewatching:
        return Status.REWATCHING
    if not key:
        return automatic_status(item.watched, item.episodes)
    status = STATUS_WORDS.get(key)
    if status is None:
        status = automatic_status(item.watched, item.episodes)
        item.fixes.append(
            f"<my_status> {quoted(raw)} is not a status MAL writes; "
            f"taken as {status.value}, from the episodes watched"
        )
    return status


_dates: dict[str, PartialDate] = {}
"""Dates read already, by their text: a list of 100,000 entries writes a few thousand."""
MAX_DATES_KEPT = 10_000


def _date(fields: dict[str, str], tag: str, item: ListEntry) -> PartialDate | None:
    raw = fields.get(tag, "").strip()
    known = _dates.get(raw)
    if known is not None:
        return known
    if not raw or raw.replace("0", "").strip("-/") == "":
        return None
    match = _DATE.match(raw)
    if not match:
        item.fixes.append(f"<{tag}> {quoted(raw)} is not a date; left out")
        return None
    year, month, day = (int(part) for part in match.groups())
    try:
        # MAL writes 00 for what nobody recorded.
        found = PartialDate(year) if month == 0 else PartialDate(year, month, day or None)
    except ValueError:
        item.fixes.append(f"<{tag}> {quoted(raw)} is not a real date; left out")
        return None
    if len(_dates) < MAX_DATES_KEPT:
        _dates[raw] = found
    return found


def _escape(text: str) -> str:
    # xml.sax.saxutils.escape would do, but importing it pulls in urllib (40 ms).
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _cdata(text: str) -> str:
    # "]]>" cannot appear inside CDATA; split it across two sections.
    return "<![CDATA[" + text.replace("]]>", "]]]]><![CDATA[>") + "]]>"


def _day_text(value: PartialDate | None) -> str:
    """MAL's form: 2024-05-01, with 00 for a month or day nobody recorded."""
    if value is None:
        return "0000-00-00"
    return f"{value.year:04d}-{value.month or 0:02d}-{value.day or 0:02d}"


def render_mal(entries: list[MalEntry], user_name: str = "watchlist") -> tuple[bytes, int]:
    """A list in the format MAL's own export writes, with every element it writes, and
    how many characters were dropped because no XML file may hold them."""
    totals = Counter(MAL_STATUS[e.status] for e in entries)
    dropped = 0

    def safe(text: str) -> str:
        nonlocal dropped
        cleaned, count = exportable(text)
        dropped += count
        return cleaned

    lines = [
        '<?xml version="1.0" encoding="UTF-8" ?>',
        "<myanimelist>",
        "  <myinfo>",
        "    <user_id>0</user_id>",
        f"    <user_name>{_cdata(safe(user_name))}</user_name>",
        "    <user_export_type>1</user_export_type>",
        f"    <user_total_anime>{len(entries)}</user_total_anime>",
        f"    <user_total_watching>{totals['Watching']}</user_total_watching>",
        f"    <user_total_completed>{totals['Completed']}</user_total_completed>",
        f"    <user_total_onhold>{totals['On-Hold']}</user_total_onhold>",
        f"    <user_total_dropped>{totals['Dropped']}</user_total_dropped>",
        f"    <user_total_plantowatch>{totals['Plan to Watch']}</user_total_plantowatch>",
        "  </myinfo>",
    ]
    # One text per entry, not a line each: 20,000 strings to join instead of 500,000.
    for e in entries:
        lines.append(
            "  <anime>\n"
            f"    <series_animedb_id>{e.mal_id or 0}</series_animedb_id>\n"
            f"    <series_title>{_cdata(safe(e.title))}</series_title>\n"
            f"    <series_type>{_escape(safe(e.series_type))}</series_type>\n"
            f"    <series_episodes>{e.series_episodes or 0}</series_episodes>\n"
            "    <my_id>0</my_id>\n"
            f"    <my_watched_episodes>{e.watched}</my_watched_episodes>\n"
            f"    <my_start_date>{_day_text(e.start)}</my_start_date>\n"
            f"    <my_finish_date>{_day_text(e.finish)}</my_finish_date>\n"
            "    <my_rated></my_rated>\n"
            f"    <my_score>{e.score or 0}</my_score>\n"
            "    <my_storage></my_storage>\n"
            "    <my_storage_value>0.00</my_storage_value>\n"
            f"    <my_status>{MAL_STATUS[e.status]}</my_status>\n"
            f"    <my_comments>{_cdata(safe(e.comments))}</my_comments>\n"
            f"    <my_times_watched>{e.times_watched}</my_times_watched>\n"
            "    <my_rewatch_value></my_rewatch_value>\n"
            "    <my_priority>LOW</my_priority>\n"
            f"    <my_tags>{_cdata(safe(', '.join(e.tags)))}</my_tags>\n"
            f"    <my_rewatching>{1 if e.rewatching else 0}</my_rewatching>\n"
            f"    <my_rewatching_ep>{e.rewatching_episodes}</my_rewatching_ep>\n"
            "    <my_discuss>1</my_discuss>\n"
            "    <my_sns>default</my_sns>\n"
            "    <update_on_import>0</update_on_import>\n"
            "  </anime>"
        )
    lines.append("</myanimelist>")
    return ("\n".join(lines) + "\n").encode("utf-8"), dropped
