"""The exports made from stored documents write exactly what the exports made from
domain objects write, byte for byte, for any library: documents as this version writes
them, hand-edited ones that convert another way, records converted already."""

from __future__ import annotations

import sys
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from tests.export_reference import exact_mal
from watchlist.cli.commands import list as list_command
from watchlist.domain.dates import PartialDate
from watchlist.domain.model import (
    Entry,
    Origin,
    PausedPass,
    Show,
    Status,
    TitleLanguage,
    Verdict,
)
from watchlist.domain.scoring import ScoreFormat, Stance
from watchlist.domain.settings import Settings, Spoilers
from watchlist.domain.text import exportable
from watchlist.service import exports
from watchlist.service.catalogs import MergedCatalog
from watchlist.service.library import Library
from watchlist.service.tracker import Tracker
from watchlist.storage import converters as conv
from watchlist.storage import memory_store
from watchlist.storage.adapter import decode, encode
from watchlist.storage.catalog import load_catalog
from watchlist.storage.errors import RecordError
from watchlist.storage.memory_adapter import MemoryMedium
from watchlist.storage.records import build_snapshot, new_tables

CATALOG = load_catalog()
SHIPPED = sorted(CATALOG.shows)[:3]
"""Shows of the shipped catalog an entry may refer to (with no stored record)."""
MINE = ["mine-a", "mine-b", "mine-c", "mine-d"]
NOBODY = "nobody-has-it"
"""An entry for a show no catalog or record has: the exports name it by its slug."""

TEXT = st.one_of(
    st.sampled_from(
        ["Plain", 'Say "hi", then go', "=1+1", "-minus", "@at", "line\nbreak", "cr\rlf", ""]
    ),
    st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=12),
)
OFFSETS = st.sampled_from(
    [UTC, UTC, UTC, timezone(timedelta(hours=9)), timezone(-timedelta(hours=5))]
)
START = datetime(2023, 1, 1, tzinfo=UTC)
MOMENTS = st.builds(
    lambda day, seconds, micro, tz: (
        START + timedelta(days=day, seconds=seconds, microseconds=micro)
    ).astimezone(tz),
    st.integers(0, 40),
    st.sampled_from([0, 0, 3600 * 5, 3600 * 21, 3600 * 21 + 60, 86399]),
    st.sampled_from([0, 0, 0, 1, 500000]),
    OFFSETS,
)
LOGGED = st.one_of(
    MOMENTS,
    st.sampled_from([None, PartialDate(2023), PartialDate(2023, 1), PartialDate(2023, 1, 2)]),
)
PASSES = st.dictionaries(st.integers(1, 14), LOGGED, max_size=6)


@st.composite
def entries(draw: Any, slug: str) -> Entry:
    watched = draw(PASSES)
    earlier = tuple(draw(st.lists(st.tuples(st.integers(1, 14), LOGGED), max_size=4)))
    status = draw(st.sampled_from(list(Status)))
    paused = None
    if status is Status.REWATCHING and draw(st.booleans()):
        paused = PausedPass(dict(sorted(draw(PASSES).items())), Status.COMPLETED, False)
    numbers = sorted({*watched, *(n for n, _ in earlier)})
    return Entry(
        show=slug,
        status=status,
        watched=dict(sorted(watched.items())),
        earlier=earlier,
        paused=paused,
        ratings={n: draw(st.integers(0, 100)) for n in numbers if draw(st.booleans())},
        notes={n: draw(TEXT) or "x" for n in numbers if draw(st.booleans())},
        comments=draw(st.one_of(st.just(""), TEXT)),
        started=draw(st.sampled_from([None, PartialDate(2023, 2), PartialDate(2023, 3, 4)])),
        finished=draw(st.sampled_from([None, PartialDate(2024), PartialDate(2024, 5, 6)])),
        rewatch_count=draw(st.integers(0, 3)),
        tags=tuple(draw(st.lists(TEXT, max_size=2))),
    )


def hand_edited(doc: dict[str, Any], draw: Any) -> dict[str, Any]:
    """The same entry as someone might write it by hand: moments in other spellings,
    numbers with a leading zero, passes out of order. It still converts (or is left out)."""
    edited = dict(doc)
    watched = dict(doc.get("watched") or {})
    for key, value in list(watched.items()):
        if isinstance(value, str) and draw(st.booleans()):
            watched[key] = draw(
                st.sampled_from(
                    [
                        value.replace("+00:00", "Z"),
                        value.replace("T", " "),
                        f" {value} ",
                        value + ".000000" if len(value) == 10 else value,
                        value[:16] + value[19:] if len(value) >= 25 else value,
                        "2023-02-30T10:00:00+00:00",
                        "2023-01-05T24:00:00+00:00",
                        "2023-01-05T10:00:00+0000",
                        "2023-01-01T00:00:00.000000+00:00",
                        "2023-01-02",
                        "0001-01-01T00:30:00+01:00",
                        "9999-12-31T23:30:00-01:00",
                    ]
                )
            )
    for key in ("started", "finished"):
        if isinstance(doc.get(key), str) and draw(st.booleans()):
            edited[key] = f" {doc[key]} "
    if watched and draw(st.booleans()):
        key = next(iter(watched))
        watched["0" + key] = watched.pop(key)
    edited["watched"] = dict(reversed(watched.items())) if draw(st.booleans()) else watched
    return edited


@st.composite
def libraries(draw: Any) -> tuple[dict[str, Any], Settings]:
    tables = new_tables("2024-01-01T00:00:00+00:00")
    shows = {}
    for n, slug in enumerate(draw(st.lists(st.sampled_from(MINE), unique=True))):
        show = Show(
            slug,
            draw(TEXT.filter(lambda t: bool(t.strip()))),
            title_romaji=draw(st.one_of(st.none(), TEXT)),
            title_native=draw(st.one_of(st.none(), TEXT)),
            mal_id=draw(st.one_of(st.none(), st.integers(1, 10**6))),
            episodes=draw(st.one_of(st.none(), st.integers(1, 30))),
            media_type=draw(st.sampled_from(["TV", "Movie", "ONA"])),
            season=draw(st.sampled_from([None, "winter-2024"])),
            studios=tuple(draw(st.lists(st.sampled_from(["Bones", "A, B", "=X"]), max_size=3))),
            tags=tuple(draw(st.lists(TEXT, max_size=2))),
            origin=Origin.USER,
        )
        shows[str(n + 1)] = conv.show_to_doc(show)
    tables["shows"] = shows
    stored = {}
    slugs = draw(st.lists(st.sampled_from([*MINE, *SHIPPED, NOBODY]), unique=True, max_size=6))
    for n, slug in enumerate(slugs):
        doc = conv.entry_to_doc(draw(entries(slug)))
        if draw(st.booleans()):
            doc = hand_edited(doc, draw)
        try:
            conv.entry_from_doc(doc)
        except RecordError:
            continue  # a file this version vouched for holds no damaged record
        stored[str(n + 1)] = doc
    tables["entries"] = stored
    verdicts = {}
    judged = st.sampled_from([*SHIPPED, *SHIPPED, *MINE, NOBODY])  # mostly shows that exist
    for slug in draw(st.lists(judged, max_size=6)):
        number = len(verdicts) + 1
        scored = draw(st.booleans())
        verdict = Verdict(
            id=f"v{number}",
            show=slug,
            given_at=draw(st.sampled_from([START, START + timedelta(hours=1)])).astimezone(
                draw(OFFSETS)
            ),
            score=draw(st.integers(0, 100)) if scored else None,
            stance=None if scored else draw(st.sampled_from(list(Stance))),
            notes=draw(st.one_of(st.just(f"verdict {number}"), TEXT)),
            episode=draw(st.one_of(st.none(), st.integers(0, 12))),
        )
        doc = conv.verdict_to_doc(verdict)
        if draw(st.booleans()):
            doc["given_at"] = draw(
                st.sampled_from(
                    [doc["given_at"].replace("+00:00", "Z"), "2023-01-01T00:00:00.5+00:00"]
                )
            )
        verdicts[str(number)] = doc
    tables["verdicts"] = verdicts
    chosen = Settings(
        score_format=draw(st.sampled_from(list(ScoreFormat))),
        titles=draw(st.sampled_from(list(TitleLanguage))),
        blind=draw(st.booleans()),
        spoilers=draw(st.sampled_from(list(Spoilers))),
    )
    tables["settings"] = {"1": conv.settings_to_doc(chosen)}
    return tables, chosen


def library(tables: dict[str, Any], *, trusted: bool) -> Library:
    snap, _ = build_snapshot(tables, trusted=trusted)
    return Library(snap, MergedCatalog(CATALOG))


def both(tables: dict[str, Any], make: Any, exact: Any) -> None:
    """The fast way over documents (and over converted records) against the exact way."""
    for trusted in (True, False):
        lib = library(tables, trusted=trusted)
        fast, reference = make(lib), exact(library(tables, trusted=trusted))
        assert fast.payload.decode().split("\n") == reference.payload.decode().split("\n")
        assert fast == reference
        assert make(lib) == fast  # the records it converted on the way change nothing


SLOW = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SLOW
@given(libraries(), st.booleans())
def test_the_diary_csv_is_the_one_entry_objects_make(made: Any, excel: bool) -> None:
    tables, chosen = made
    fmt = chosen.score_format
    both(
        tables,
        lambda lib: exports.export_csv(lib, fmt, excel=excel),
        lambda lib: exports.exact_csv(lib, fmt, excel=excel),
    )


@SLOW
@given(libraries())
def test_the_mal_list_is_the_one_entry_objects_make(made: Any) -> None:
    both(made[0], exports.export_mal, exact_mal)


def converts(tables: dict[str, Any]) -> bool:
    """Whether every show, entry and verdict of `tables` converts as it is."""
    try:
        for table, read in (
            ("shows", conv.show_from_doc),
            ("entries", conv.entry_from_doc),
            ("verdicts", conv.verdict_from_doc),
        ):
            for doc in tables.get(table, {}).values():
                read(doc)
    except RecordError:
        return False
    return True


def printed(rows: list[Any], fmt: ScoreFormat) -> list[Any]:
    """Everything `list` prints of each row, in every format."""
    return [
        (list_command.row_json(row, fmt), list_command._fields(row, fmt), row.critics_text)
        for row in rows
    ]


@SLOW
@given(
    libraries(),
    st.sampled_from([None, None, "winter-2024"]),  # every show, mostly
    st.one_of(st.none(), st.sampled_from(list(Status))),  # any status, half the time
    st.booleans(),
)
def test_the_list_prints_what_the_board_rows_print(
    made: Any, season: str | None, status: Status | None, trusted: bool
) -> None:
    tables, chosen = made
    if trusted:  # a file this version vouches for holds only records that convert
        assume(converts(decode(encode(tables))))
    medium = MemoryMedium(data=encode(tables), vouched=0 if trusted else -1)
    tracker = Tracker(memory_store(medium))
    listed = tracker.listing(season, status=status)  # first: rows() converts what it reads
    rows = tracker.rows(season, status=status)
    assert printed(listed, chosen.score_format) == printed(rows, chosen.score_format)
    assert [row.tagged("plain") for row in listed] == [row.tagged("plain") for row in rows]


def plain_library(titles: TitleLanguage = TitleLanguage.ENGLISH) -> Library:
    """Documents as this version writes them: a rewatch, ratings, notes, dates, undated."""
    tables = new_tables("2024-01-01T00:00:00+00:00")
    show = Show("mine-a", 'Mine, "quoted"', title_romaji="Mine", mal_id=5, origin=Origin.USER)
    tables["shows"] = {"1": conv.show_to_doc(show)}
    entry = Entry(
        "mine-a",
        Status.REWATCHING,
        watched={1: START, 2: START + timedelta(days=1)},
        earlier=((1, PartialDate(2022, 5)), (2, None)),
        paused=PausedPass({1: START - timedelta(days=9)}, Status.WATCHING, False),
        ratings={1: 70},
        notes={2: "=cmd"},
    )
    tables["entries"] = {
        "1": conv.entry_to_doc(entry),
        "2": conv.entry_to_doc(Entry(SHIPPED[0], watched={1: START})),
    }
    tables["settings"] = {"1": conv.settings_to_doc(Settings(titles=titles))}
    return library(tables, trusted=True)


def test_the_diary_is_read_from_the_documents_without_building_entries() -> None:
    lib = plain_library()
    made = exports.export_csv(lib, ScoreFormat.POINT_10)
    assert all(type(doc) is dict for _, doc in lib.entries.raw_items())
    assert all(type(doc) is dict for _, doc in lib.snap.shows.raw_items())
    assert made.payload.decode().splitlines() == [
        "date,show,slug,episode,rating (score format 10),note",
        '2022-05,"Mine, ""quoted""",mine-a,1,7,',
        '2022-12-23T00:00:00+00:00,"Mine, ""quoted""",mine-a,1,7,',
        f"2023-01-01T00:00:00+00:00,{CATALOG.shows[SHIPPED[0]].title},{SHIPPED[0]},1,,",
        '2023-01-01T00:00:00+00:00,"Mine, ""quoted""",mine-a,1,7,',
        '2023-01-02T00:00:00+00:00,"Mine, ""quoted""",mine-a,2,,\'=cmd',
        ',"Mine, ""quoted""",mine-a,2,,\'=cmd',  # undated: last
    ]
    assert made == exports.exact_csv(plain_library(), ScoreFormat.POINT_10)


def test_printable_text_is_exported_as_it_is() -> None:
    """`exportable` returns printable text untouched: no character it drops is printable."""
    from watchlist.domain.text import _NOT_EXPORTED

    printable = "".join(chr(c) for c in range(sys.maxunicode + 1) if chr(c).isprintable())
    assert not _NOT_EXPORTED.search(printable)
    assert "\r" not in printable and "\n" not in printable
    assert exportable("a\u202eb\r\nc") == ("ab\nc", 1)  # the rest still cleaned
