"""MyAnimeList XML lists (as MAL exports them, and as AniList, Taiga, MAL Updater and
other tools write them), read tolerantly into list entries.

An odd value is normalised where its meaning is clear and noted for the report
(a finish before the start, more episodes than the show has, a decimal score, a
status code, a date written 2024/05/01 or known only to the month); an entry
that cannot be read at all is skipped with the reason. Only a fault in the
file's structure refuses the whole file.
"""

from __future__ import annotations

import re
from typing import BinaryIO

from watchlist.domain.dates import PartialDate
from watchlist.domain.errors import InvalidInput
from watchlist.domain.model import MAX_EPISODES, Status
from watchlist.domain.progress import automatic_status
from watchlist.domain.text import MAX_LINE_CHARS, MAX_NOTE_CHARS, clean_text, quoted
from watchlist.interop.mal_xml import MalRecord, read_mal
from watchlist.service.importing.base import Options
from watchlist.service.importing.entries import EntrySkipped, ListEntry
from watchlist.service.importing.lists import ListFile

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


class MalImporter:
    name = "mal-xml"
    label = "MyAnimeList XML"
    shape = "xml"

    def recognises(self, head: bytes) -> bool:
        return head.lstrip()[:1] == b"<"

    def read(self, stream: BinaryIO, name: str, options: Options) -> ListFile:
        listing = ListFile(f"MyAnimeList import from {name}")
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
    if item.episodes and watched > item.episodes:
        item.fixes.append(
            f"{watched} episodes watched of the {item.episodes} it has; counted as {item.episodes}"
        )
        watched = item.episodes
    item.watched = watched
    item.score = _score(fields.get("my_score", ""), item)
    item.rewatch_count = _count(fields, "my_times_watched", item, unknown_as=0) or 0
    rewatching = fields.get("my_rewatching", "").strip() in ("1", "YES", "yes", "true")
    item.status = _status(fields.get("my_status", ""), item, rewatching)
    if item.status is Status.REWATCHING:
        said = "".join(c for c in fields.get("my_status", "").casefold() if c.isalnum())
        base = STATUS_WORDS.get(said)
        item.rewatched_from = base if base not in (None, Status.REWATCHING) else Status.COMPLETED
        ep = _count(fields, "my_rewatching_ep", item, unknown_as=0) or 0
        item.rewatch_progress = min(ep, item.episodes) if item.episodes else ep
    item.started = _date(fields, "my_start_date", item)
    item.finished = _date(fields, "my_finish_date", item)
    _order_dates(item, rewatching)
    comments = fields.get("my_comments", "")
    try:
        item.comments = clean_text(
            comments, field="<my_comments>", limit=MAX_NOTE_CHARS, multiline=True
        )
    except InvalidInput as error:
        item.fixes.append(f"{error}; the comments were left out")
    item.tags = _tags(fields.get("my_tags", ""), item)
    item.take_file = fields.get("update_on_import", "").strip() == "1"
    return item


MAX_TAGS = 50


def _tags(raw: str, item: ListEntry) -> tuple[str, ...]:
    """MAL's `my_tags`: comma-separated, as its list page writes them."""
    tags = []
    for part in raw.split(","):
        try:
            tag = clean_text(part, field="<my_tags>").strip()
        except InvalidInput as error:
            item.fixes.append(f"{error}; that tag was left out")
            continue
        if tag and tag.casefold() not in {t.casefold() for t in tags}:
            tags.append(tag)
    if len(tags) > MAX_TAGS:
        item.fixes.append(f"{len(tags)} tags; the first {MAX_TAGS} were kept")
    return tuple(tags[:MAX_TAGS])


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


def _status(raw: str, item: ListEntry, rewatching: bool) -> Status:
    key = "".join(c for c in raw.casefold() if c.isalnum())
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


def _date(fields: dict[str, str], tag: str, item: ListEntry) -> PartialDate | None:
    raw = fields.get(tag, "").strip()
    if not raw or raw.replace("0", "").strip("-/") == "":
        return None
    match = _DATE.match(raw)
    if not match:
        item.fixes.append(f"<{tag}> {quoted(raw)} is not a date; left out")
        return None
    year, month, day = (int(part) for part in match.groups())
    try:
        if month == 0:
            return PartialDate(year)  # MAL writes 00 for what nobody recorded
        return PartialDate(year, month, day or None)
    except ValueError:
        item.fixes.append(f"<{tag}> {quoted(raw)} is not a real date; left out")
        return None


def _order_dates(item: ListEntry, rewatching: bool) -> None:
    """A finish before the start: a rewatch's start beside the first finish, or a slip."""
    start, finish = item.started, item.finished
    if start is None or finish is None or not finish.surely_before(start):
        return
    if rewatching or item.rewatch_count:
        item.started = None
        item.fixes.append(
            f"finished {finish} before the start {start} (a rewatch began then); "
            "the start date was left out"
        )
    else:
        item.started, item.finished = finish, start
        item.fixes.append(f"finished {finish} before the start {start}; the dates were swapped")
