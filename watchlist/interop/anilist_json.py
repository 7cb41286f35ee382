"""AniList lists: the JSON its GraphQL API returns for `MediaListCollection`.

Shape: `data.MediaListCollection.lists[].entries[]`, each with `status`,
`progress`, `score`, `repeat`, `notes`, `startedAt`/`completedAt` as
{year, month, day} (any of them null) and `media` {id, idMal, title {romaji,
english, native}, episodes, format}. Scores follow the user's AniList score
format: the file's `user.mediaListOptions.scoreFormat`, else --score-format,
else 0-100 when any score is above 10 and 0-10 otherwise; the report says which.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from watchlist.domain.dates import PartialDate
from watchlist.domain.errors import InvalidInput
from watchlist.domain.model import MAX_EPISODES, Status
from watchlist.domain.text import MAX_LINE_CHARS, MAX_NOTE_CHARS, clean_text, quoted
from watchlist.interop.list_entries import EntrySkipped, ListEntry, ListRead, capped, order_dates

NAME = "anilist-json"
"""The `--format` value."""
LABEL = "AniList JSON"
SHAPE = "json"
"""What telling formats apart looks at: the parsed document."""

STATUSES = {
    "CURRENT": Status.WATCHING,
    "PLANNING": Status.PLAN_TO_WATCH,
    "COMPLETED": Status.COMPLETED,
    "DROPPED": Status.DROPPED,
    "PAUSED": Status.ON_HOLD,
    "REPEATING": Status.REWATCHING,
}
SMILEYS = {1: 30, 2: 60, 3: 90}
SCALES: dict[str, tuple[float, Callable[[float], int]]] = {
    # format: (highest score, score -> 0-100)
    "POINT_100": (100, lambda s: round(s)),
    "POINT_10_DECIMAL": (10, lambda s: round(s * 10)),
    "POINT_10": (10, lambda s: round(s * 10)),
    "POINT_5": (5, lambda s: round(s * 20)),
    "POINT_3": (3, lambda s: SMILEYS[round(s)]),
}


def _collection(doc: Any) -> Any:
    if isinstance(doc, dict) and isinstance(doc.get("data"), dict):
        doc = doc["data"]
    return doc.get("MediaListCollection") if isinstance(doc, dict) else None


def recognises(doc: Any) -> bool:
    return isinstance(_collection(doc), dict)


def read_list(doc: Any, name: str, score_format: str | None = None) -> ListRead:
    """The entries of an AniList list; `score_format` is used when the file does not say."""
    collection = _collection(doc)
    if not isinstance(collection, dict) or not isinstance(collection.get("lists"), list):
        raise InvalidInput(f"{name}: not an AniList list (no data.MediaListCollection.lists)")
    raw_entries: list[Any] = []
    for n, group in enumerate(collection["lists"]):
        if not isinstance(group, dict) or not isinstance(group.get("entries"), list):
            raise InvalidInput(f"{name}: lists[{n}] has no 'entries' list")
        raw_entries += group["entries"]
    scale, how = _scale(collection, raw_entries, score_format)
    listing = ListRead(f"AniList import from {name}")
    listing.notes.append(f"scores read as {scale} ({how})")
    for position, raw in enumerate(raw_entries, 1):
        try:
            listing.entries.append(list_entry(raw, position, scale))
        except EntrySkipped as skipped:
            listing.skipped.append(skipped)
    return listing


def _scale(
    collection: dict[str, Any], entries: list[Any], score_format: str | None
) -> tuple[str, str]:
    user = collection.get("user")
    given = None
    if isinstance(user, dict) and isinstance(user.get("mediaListOptions"), dict):
        given = user["mediaListOptions"].get("scoreFormat")
    if isinstance(given, str) and given in SCALES:
        return given, "the file's score format"
    if score_format:
        wanted = score_format.strip().upper()
        if wanted not in SCALES:
            raise InvalidInput(
                f"unknown AniList score format {quoted(score_format)}: choose {', '.join(SCALES)}"
            )
        return wanted, "as given with --score-format"
    scores = [e.get("score") for e in entries if isinstance(e, dict)]
    high = any(isinstance(s, int | float) and not isinstance(s, bool) and s > 10 for s in scores)
    if high:
        return "POINT_100", "guessed: the file does not say, and a score is above 10"
    return "POINT_10", "guessed: the file does not say, and no score is above 10"


def _text(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""


def list_entry(raw: Any, position: int, scale: str) -> ListEntry:
    if not isinstance(raw, dict) or not isinstance(raw.get("media"), dict):
        raise EntrySkipped(position, "", "it is not an entry with a 'media' object")
    media = raw["media"]
    titles_doc = media.get("title") if isinstance(media.get("title"), dict) else {}
    names = [_text(titles_doc.get(k)) for k in ("english", "romaji", "native")]
    shown = next((t for t in names if t), "")
    try:
        titles = tuple(
            clean_text(t, field="title", limit=MAX_LINE_CHARS) for t in dict.fromkeys(names) if t
        )
    except InvalidInput as error:
        raise EntrySkipped(position, shown, str(error)) from None
    item = ListEntry(position=position, title=titles[0] if titles else "", titles=titles)
    mal_id = media.get("idMal")
    if isinstance(mal_id, int) and not isinstance(mal_id, bool) and 0 < mal_id < 10**10:
        item.mal_id = mal_id
    if not item.mal_id and not titles:
        raise EntrySkipped(position, "", "it has neither a title nor a MyAnimeList id")
    episodes = media.get("episodes")
    if (
        isinstance(episodes, int)
        and not isinstance(episodes, bool)
        and 0 < episodes <= MAX_EPISODES
    ):
        item.episodes = episodes
    item.media_type = _text(media.get("format"))[:20] or "TV"
    progress = raw.get("progress") or 0
    if (
        not isinstance(progress, int)
        or isinstance(progress, bool)
        or not 0 <= progress <= MAX_EPISODES
    ):
        raise EntrySkipped(position, item.title, f"'progress' {progress!r} is not a count")
    item.watched = progress = capped(progress, item)
    status = raw.get("status")
    if status not in STATUSES:
        raise EntrySkipped(position, item.title, f"'status' {status!r} is not an AniList status")
    item.status = STATUSES[status]
    if item.status is Status.REWATCHING:
        # AniList counts a repeat's own episodes in `progress`; the first pass was whole.
        item.rewatch_progress = progress
        item.watched = item.episodes or progress
    item.score = _score(raw.get("score"), scale, item)
    repeat = raw.get("repeat") or 0
    item.rewatch_count = repeat if isinstance(repeat, int) and 0 <= repeat <= 10_000 else 0
    item.started = _date(raw.get("startedAt"), "startedAt", item)
    item.finished = _date(raw.get("completedAt"), "completedAt", item)
    order_dates(item, "completed", item.status is Status.REWATCHING)
    try:
        item.comments = clean_text(
            _text(raw.get("notes")), field="notes", limit=MAX_NOTE_CHARS, multiline=True
        )
    except InvalidInput as error:
        item.fixes.append(f"{error}; the notes were left out")
    return item


def _score(value: Any, scale: str, item: ListEntry) -> int | None:
    if value in (None, 0):
        return None
    highest, convert = SCALES[scale]
    if isinstance(value, bool) or not isinstance(value, int | float) or not 0 < value <= highest:
        item.fixes.append(f"score {value!r} does not fit {scale}; left out")
        return None
    if scale == "POINT_3" and value not in SMILEYS:
        item.fixes.append(f"score {value!r} does not fit {scale}; left out")
        return None
    return convert(float(value))


def _date(value: Any, key: str, item: ListEntry) -> PartialDate | None:
    if not isinstance(value, dict) or not value.get("year"):
        return None
    year, month, day = value.get("year"), value.get("month"), value.get("day")
    try:
        if not isinstance(year, int) or (month is not None and not isinstance(month, int)):
            raise ValueError
        if not month:
            return PartialDate(year)
        return PartialDate(year, month, day if isinstance(day, int) and day else None)
    except ValueError:
        item.fixes.append(f"'{key}' {value!r} is not a real date; left out")
        return None
