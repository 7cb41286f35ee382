"""MyAnimeList's XML list format, as MAL exports it and MAL, AniList and Taiga import it.

Reading streams the `<anime>` elements (MAL's own exports and what AniList,
Taiga and other tools write) and leaves what the values mean to the importer.
Writing never emits a character XML 1.0 forbids.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from typing import BinaryIO
from xml.etree.ElementTree import Element, ParseError

import defusedxml.ElementTree as SafeET
from defusedxml import DefusedXmlException

from watchlist.domain.dates import PartialDate
from watchlist.domain.errors import InvalidInput
from watchlist.domain.model import Status
from watchlist.domain.text import exportable

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


@dataclass(frozen=True, slots=True)
class MalEntry:
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


@dataclass(frozen=True, slots=True)
class MalRecord:
    """One `<anime>` element as written: each child element's text ("" when empty)."""

    position: int
    """Which `<anime>` element this is, from 1, for messages."""
    fields: dict[str, str]


def read_mal(source: BinaryIO, name: str) -> Iterator[MalRecord]:
    """The `<anime>` elements of a MAL XML list, one at a time, in bounded memory.

    Parsing goes through defusedxml: a DTD or an entity refuses the file. Any
    structural fault is InvalidInput naming the place in `name`; what the values
    mean is the importer's business.
    """
    events = SafeET.iterparse(
        source, events=("start", "end"), forbid_dtd=True, forbid_entities=True
    )
    depth = 0
    root: Element | None = None
    position = 0
    manga = False
    try:
        for event, element in events:
            if event == "start":
                depth += 1
                if depth == 1:
                    root = element
                    if element.tag != "myanimelist":
                        raise InvalidInput(
                            f"{name}: the root element is <{element.tag[:40]}>, not <myanimelist>"
                        )
                continue
            depth -= 1
            if depth != 1:
                continue
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
            assert root is not None
            root.clear()  # what was read is let go: memory stays flat however long the list
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
    if manga and not position:
        raise InvalidInput(f"{name}: this is a manga list; watchlist imports anime lists")


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
    for e in entries:
        lines += [
            "  <anime>",
            f"    <series_animedb_id>{e.mal_id or 0}</series_animedb_id>",
            f"    <series_title>{_cdata(safe(e.title))}</series_title>",
            f"    <series_type>{_escape(safe(e.series_type))}</series_type>",
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
            f"    <my_comments>{_cdata(safe(e.comments))}</my_comments>",
            f"    <my_times_watched>{e.times_watched}</my_times_watched>",
            "    <my_rewatch_value></my_rewatch_value>",
            "    <my_priority>LOW</my_priority>",
            f"    <my_tags>{_cdata(safe(', '.join(e.tags)))}</my_tags>",
            f"    <my_rewatching>{1 if e.rewatching else 0}</my_rewatching>",
            f"    <my_rewatching_ep>{e.rewatching_episodes}</my_rewatching_ep>",
            "    <my_discuss>1</my_discuss>",
            "    <my_sns>default</my_sns>",
            "    <update_on_import>0</update_on_import>",
            "  </anime>",
        ]
    lines.append("</myanimelist>")
    return ("\n".join(lines) + "\n").encode("utf-8"), dropped
