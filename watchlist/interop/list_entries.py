"""The neutral list entry every foreign list format (MAL XML, AniList JSON) is read into,
and what reading it noted."""

from __future__ import annotations

from msgspec import Struct, field

from watchlist.domain.dates import PartialDate
from watchlist.domain.model import Status


class ListEntry(Struct):
    """One show on a list another tracker wrote, checked and normalised."""

    position: int
    """Where it stands in the file, from 1, for the report."""
    title: str
    """The title the file gives first ("" when it gives none)."""
    titles: tuple[str, ...] = ()
    """Every title the file gives (romaji, English, native...), for matching."""
    mal_id: int | None = None
    episodes: int | None = None
    """The episode count the file gives (None: unknown)."""
    media_type: str = "TV"
    watched: int = 0
    status: Status = Status.PLAN_TO_WATCH
    score: int | None = None
    """0-100, or None for no score."""
    started: PartialDate | None = None
    finished: PartialDate | None = None
    rewatch_count: int = 0
    rewatch_progress: int | None = None
    """While rewatching: episodes watched in the rewatch itself (MAL's
    `my_rewatching_ep`, AniList's `progress`); `watched` is then the first pass."""
    rewatched_from: Status = Status.COMPLETED
    """While rewatching: where the show stood before the rewatch began."""
    comments: str = ""
    tags: tuple[str, ...] = ()
    """Your own tags on the show (MAL's `my_tags`)."""
    take_file: bool = False
    """The file asks to win over what is there (MAL's update_on_import 1)."""
    fixes: list[str] = field(default_factory=list)
    """What was normalised in this entry, one reason each, for the report."""

    def describe(self) -> str:
        """ "entry 55 'HUNTER×HUNTER (2011)'", as the report names it."""
        from watchlist.domain.text import quoted

        title = f" {quoted(self.title, 60)}" if self.title else ""
        return f"entry {self.position}{title}"


class EntrySkipped(Exception):
    """An entry that cannot be read; the rest of the file still imports."""

    def __init__(self, position: int, title: str, reason: str) -> None:
        super().__init__(reason)
        self.position = position
        self.title = title
        self.reason = reason


STATUS_RANK = {
    Status.PLAN_TO_WATCH: 0,
    Status.WATCHING: 1,
    Status.REWATCHING: 1,
    Status.ON_HOLD: 1,
    Status.DROPPED: 2,
    Status.COMPLETED: 3,
}
"""How far along a status is, for "the file wins where it is ahead"."""


def further_along(a: ListEntry, b: ListEntry) -> ListEntry:
    """Of two entries for one show, the one further along (the later one on a tie)."""
    key_a = (a.watched, STATUS_RANK[a.status], a.finished is not None)
    key_b = (b.watched, STATUS_RANK[b.status], b.finished is not None)
    return a if key_a > key_b else b


class ListRead(Struct):
    """A list file read by its format: its entries, and the ones that could not be read."""

    label: str
    """ "MyAnimeList import from list.xml" """
    entries: list[ListEntry] = field(default_factory=list)
    skipped: list[EntrySkipped] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    """Said once about the whole file, such as the score scale it was read on."""


MAX_TAGS = 50


def tags_from(raw: str, item: ListEntry) -> tuple[str, ...]:
    """Tags as a list writes them, comma-separated (MAL's `my_tags`); odd ones noted."""
    if not raw:
        return ()  # most entries of a list have none
    from watchlist.domain.errors import InvalidInput
    from watchlist.domain.text import clean_text

    tags: list[str] = []
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


def capped(watched: int, item: ListEntry) -> int:
    """Episodes watched, at most the count the file gives the show (noted when more)."""
    if item.episodes and watched > item.episodes:
        item.fixes.append(
            f"{watched} episodes watched of the {item.episodes} it has; counted as {item.episodes}"
        )
        return item.episodes
    return watched


def order_dates(item: ListEntry, finished: str, rewatching: bool) -> None:
    """A finish before the start: a rewatch's start beside the first finish (the start is
    left out), or a slip (the dates are swapped). `finished` is the format's word for the
    finish ("finished", "completed"), as the note says it."""
    start, finish = item.started, item.finished
    if start is None or finish is None or not finish.surely_before(start):
        return
    if rewatching or item.rewatch_count:
        item.started = None
        item.fixes.append(
            f"{finished} {finish} before the start {start} (a rewatch began then); "
            "the start date was left out"
        )
    else:
        item.started, item.finished = finish, start
        item.fixes.append(f"{finished} {finish} before the start {start}; the dates were swapped")
