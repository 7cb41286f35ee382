"""The fast conversions of plain documents agree with the checked ones, always."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from typing import Any

from hypothesis import example, given, settings
from hypothesis import strategies as st

from tests import doc_reference
from watchlist.domain.dates import PartialDate
from watchlist.domain.model import Entry, PausedPass, Show
from watchlist.storage import converters as conv
from watchlist.storage import plain_docs
from watchlist.storage.errors import RecordError

ODD: list[Any] = [
    None,
    "",
    " ",
    "x",
    "metallic-rouge",
    "-bad",
    "Bad",
    0,
    1,
    13,
    5001,
    -1,
    True,
    False,
    1.5,
    [],
    ["a"],
    [1],
    {},
    {"1": None},
    "2024-01",
    "2024-13",
    "2024-01-10",
    "2024-01-10T21:00:00+00:00",
    "2024-01-10T21:00:00",
    "catalog",
    "user",
    "watching",
    "binging",
]
VALUES = st.sampled_from(ODD)
WATCHED = st.dictionaries(
    st.sampled_from(["1", "2", "01", "0", "x", "13"]),
    st.sampled_from(
        [
            None,
            "2024-01-10",
            "2024-01",
            "2024",
            "2024-01-10T21:00:00+00:00",
            "2024-01-10T21:00:00+09:00",
            "2024-02-30T21:00:00+00:00",
            "2024-01-10T21:00:00",
            "soon",
            3,
        ]
    ),
    max_size=3,
)


def checked(read: Any, doc: dict[str, Any]) -> Any:
    try:
        return read(doc, "doc")
    except RecordError:
        return RecordError


@settings(max_examples=400, deadline=None)
@given(
    st.fixed_dictionaries(
        {"slug": VALUES, "title": VALUES},
        optional={key: VALUES for key in sorted(plain_docs.PLAIN_SHOW - {"slug", "title"})},
    )
)
def test_plain_shows_convert_exactly_as_checked_ones(doc: dict[str, Any]) -> None:
    fast = plain_docs.plain_show(doc)
    if fast is not None:
        assert fast == checked(conv._checked_show, doc)


@settings(max_examples=400, deadline=None)
@given(
    st.fixed_dictionaries(
        {"show": VALUES, "status": VALUES, "watched": WATCHED},
        optional={
            key: VALUES
            for key in (
                "status_by_hand",
                "comments",
                "started",
                "finished",
                "rewatch_count",
                "updated_at",
                "recent",
                "earlier",
                "paused",
                "tags",
                "ratings",
                "notes",
            )
        },
    )
)
# Found by this test: "" (or 0, {}) where a list belongs was taken for none by the fast
# path, and refused by the checked one.
@example({"show": "a", "status": "watching", "watched": {}, "recent": ""})
@example({"show": "a", "status": "watching", "watched": {}, "tags": 0})
@example({"show": "a", "status": "watching", "watched": {}, "earlier": ""})
def test_plain_entries_convert_exactly_as_checked_ones(doc: dict[str, Any]) -> None:
    fast = plain_docs.plain_entry(doc)
    if fast is not None:
        assert fast == checked(conv._checked_entry, doc)


def test_the_fast_paths_are_taken_for_what_this_version_writes() -> None:
    from datetime import date

    from tests.conftest import START
    from watchlist.domain.dates import PartialDate
    from watchlist.domain.model import Entry, Origin, Show, Status

    show = Show("my-show", "Mine", mal_id=7, episodes=3, origin=Origin.USER, aliases=("M",))
    imported = Show(
        "their-show",
        "Theirs",
        season="spring-2024",
        other_seasons=("summer-2024",),
        premiere=date(2024, 4, 6),
        finale=date(2024, 9, 21),
        expected_episodes=24,
        provenance="bangumi-data 0.3.208 (CC BY 4.0)",
    )
    assert plain_docs.plain_show(conv.show_to_doc(imported)) == imported
    entry = Entry(
        "my-show",
        Status.WATCHING,
        watched={1: START, 2: None, 3: PartialDate(2024)},
        started=PartialDate(2024, 1),
        recent=(3, 1),
    )
    assert plain_docs.plain_show(conv.show_to_doc(show)) == show
    assert plain_docs.plain_entry(conv.entry_to_doc(entry)) == entry


PARTIAL_DATES = st.dates().flatmap(
    lambda d: st.sampled_from(
        [PartialDate(d.year), PartialDate(d.year, d.month), PartialDate(d.year, d.month, d.day)]
    )
)
LOGGED = st.none() | st.datetimes(timezones=st.timezones()) | PARTIAL_DATES
ENTRIES = st.builds(
    Entry,
    watched=st.dictionaries(st.integers(1, 3000), LOGGED, max_size=4),
    earlier=st.lists(st.tuples(st.integers(1, 30), LOGGED), max_size=2).map(tuple),
    paused=st.none()
    | st.builds(
        PausedPass,
        watched=st.dictionaries(st.integers(1, 30), LOGGED, max_size=2),
        finished=st.none() | PARTIAL_DATES,
    ),
    started=st.none() | PARTIAL_DATES,
    finished=st.none() | PARTIAL_DATES,
)


@given(st.from_type(Show), ENTRIES)
@settings(max_examples=300)
def test_show_and_entry_documents_are_the_ones_building_every_field_then_compacting_made(
    show: Show, entry: Entry
) -> None:
    # Each field is tested before it is converted now; the documents, key order included,
    # are those made before, by building every field and dropping the empty ones.
    assert list(conv.show_to_doc(show).items()) == list(doc_reference.show_to_doc(show).items())
    made, before = conv.entry_to_doc(entry), doc_reference.entry_to_doc(entry)
    assert list(made.items()) == list(before.items())


def test_moments_are_written_as_each_one_is_never_as_an_equal_one_was() -> None:
    # One moment in two zones is equal, and written two ways; and the texts kept for the
    # objects written lately are let go and made again, never mixed up.
    utc = datetime(2024, 1, 11, 21, tzinfo=UTC)
    tokyo = utc.astimezone(timezone(timedelta(hours=9)))
    assert utc == tokyo
    entry = Entry("x", watched={1: utc, 2: tokyo, 3: PartialDate(2024, 1)}, updated_at=tokyo)
    doc = conv.entry_to_doc(entry)
    assert doc["watched"] == {"1": utc.isoformat(), "2": tokyo.isoformat(), "3": "2024-01"}
    assert doc["updated_at"] == tokyo.isoformat()
    moments = [utc + timedelta(minutes=n) for n in range(conv._WRITTEN_KEPT * 2 + 7)]
    for _ in range(2):
        for moment in moments:
            written = conv.entry_to_doc(Entry("x", watched={1: moment}, updated_at=moment))
            assert written["watched"]["1"] == written["updated_at"] == moment.isoformat()
