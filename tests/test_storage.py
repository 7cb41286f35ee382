"""One behaviour suite for the storage port, run against every adapter (memory and file),
the way TinyDB's own tests run against each of its storages."""

from __future__ import annotations

import gc
import threading
import weakref
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import orjson
import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from tests.conftest import START, Clock
from tests.storage_backends import BACKENDS, Backend
from watchlist.domain.errors import InvalidInput
from watchlist.domain.model import Entry, Origin, Show, Status, Verdict
from watchlist.domain.scoring import ScoreFormat
from watchlist.domain.settings import Settings
from watchlist.service.bulk import collector_paused
from watchlist.service.tracker import Tracker
from watchlist.storage import Store, open_store
from watchlist.storage.errors import NewerSchema, ReadOnly, SaveFailed
from watchlist.storage.records import SCHEMA_VERSION


@pytest.fixture(params=list(BACKENDS), ids=list(BACKENDS))
def backend(
    request: pytest.FixtureRequest, clock: Clock, monkeypatch: pytest.MonkeyPatch, db_path: Path
) -> Iterator[Backend]:
    made = BACKENDS[request.param](clock, monkeypatch, db_path)
    yield made
    made.close()


def watching(slug: str, *episodes: int) -> Entry:
    return Entry(slug, Status.WATCHING, watched={n: START for n in episodes or (1,)})


def entries_of(store: Store) -> set[str]:
    return set(store.read(lambda s: s.entries))


def test_put_many_takes_the_list_and_stores_every_record_in_order(backend: Backend) -> None:
    store = backend.open()
    # The same show twice: the later record wins, as it would put one by one.
    records = [watching("alpha", 1), watching("beta", 1, 2), watching("alpha", 1, 2, 3)]
    with store.transaction() as tx:
        tx.put_many(records)
    assert records == []  # taken: no object outlives its document
    reopened = backend.open()
    stored = reopened.read(lambda s: {slug: sorted(e.watched) for slug, e in s.entries.items()})
    assert stored == {"alpha": [1, 2, 3], "beta": [1, 2]}


DAMAGE = {
    "empty": b"",
    "whitespace": b"  \n",
    "truncated": b'{"meta":{"1":{"schema":1}},"entries":{"1":{"sho',
    "not json": b"\x89PNG\r\n\x1a\n random bytes \xff\xfe",
    "trailing garbage": b'{"meta":{"1":{"schema":1}}}\x00\x00garbage',
    "a list": b"[1, 2, 3]",
    "wrong table shape": b'{"meta":{"1":{"schema":1}},"shows":[1,2]}',
    "no header": b'{"shows":{}}',
    "bad schema": b'{"meta":{"1":{"schema":"one"}}}',
}


# --------------------------------------------------------------- the basics


def test_a_new_database_holds_a_header_and_nothing_of_the_catalog(backend: Backend) -> None:
    store = backend.open()
    data = backend.documents()
    (meta,) = data["meta"].values()
    assert meta["schema"] == SCHEMA_VERSION
    assert set(data) == {"meta"}  # the catalog ships with the app, not in the file
    assert Tracker(store).find("metallic").title == "Metallic Rouge"


def test_changes_survive_reopening(backend: Backend) -> None:
    store = backend.open()
    with store.transaction() as tx:
        tx.put(watching("metallic-rouge"))
        tx.put_settings(Settings(score_format=ScoreFormat.STARS_5))
    again = backend.open()
    assert again.read(lambda s: s.entries["metallic-rouge"].watched) == {1: START}
    assert again.read(lambda s: s.settings.score_format) is ScoreFormat.STARS_5


def test_a_closed_store_is_freed_without_the_cycle_collector(db_path: Path) -> None:
    # Left to the collector, a store holding 100,000 records costs the collection that
    # finds it a walk over every one of them (0.4 s at the end of a large import).
    store = open_store(db_path)
    with store.transaction() as tx:
        tx.put(watching("metallic-rouge"))
    gc.collect()
    with collector_paused():
        freed = weakref.ref(store)
        store.close()
        del store
        assert freed() is None


def test_a_record_can_be_removed(backend: Backend) -> None:
    store = backend.open()
    verdict = Verdict("v1", "metallic-rouge", START, score=70)
    with store.transaction() as tx:
        tx.put(verdict, Verdict("v2", "metallic-rouge", START, score=80))
    with store.transaction() as tx:
        tx.remove(Verdict, "v1")
    assert [v.id for v in backend.open().read(lambda s: s.verdicts["metallic-rouge"])] == ["v2"]


def test_a_refused_change_changes_nothing_and_reads_nothing_again(backend: Backend) -> None:
    store = backend.open()
    before, generation = backend.stored(), store.generation
    with pytest.raises(InvalidInput), store.transaction() as tx:
        tx.put(watching("metallic-rouge"))
        raise InvalidInput("the use case changed its mind")
    assert backend.stored() == before
    assert entries_of(store) == set()
    assert store.generation == generation  # the same snapshot, not a re-read one


def test_a_save_that_fails_changes_nothing_and_a_retry_stores_once(backend: Backend) -> None:
    store = backend.open()
    before = backend.stored()
    with (
        backend.failing_saves(),
        pytest.raises(SaveFailed, match="could not save"),
        store.transaction() as tx,
    ):
        tx.put(watching("metallic-rouge"))
    assert backend.stored() == before
    assert entries_of(store) == set()
    with store.transaction() as tx:  # the retry works once the disk does
        tx.put(watching("metallic-rouge"))
    stored = [doc["show"] for doc in backend.documents()["entries"].values()]
    assert stored == ["metallic-rouge"]  # once, not twice
    assert backend.open().take_notices() == []


# ------------------------------------------------------------ other writers


def test_changes_by_another_writer_are_picked_up(backend: Backend) -> None:
    mine, theirs = backend.open(), backend.open()
    with theirs.transaction() as tx:
        tx.put(watching("solo-leveling"))
    assert "solo-leveling" in entries_of(mine)
    with mine.transaction() as tx:
        tx.put(watching("metallic-rouge"))
    assert entries_of(theirs) == {"solo-leveling", "metallic-rouge"}


def test_a_change_made_elsewhere_just_before_ours_is_kept(backend: Backend) -> None:
    """The other writer saves between our last read and our change: nothing is dropped."""
    mine, theirs = backend.open(), backend.open()
    entries_of(mine)  # we looked...
    with theirs.transaction() as tx:  # ...they saved...
        tx.put(watching("solo-leveling"))
    with mine.transaction() as tx:  # ...and we change something without looking again
        tx.put(watching("metallic-rouge"))
    assert entries_of(backend.open()) == {"solo-leveling", "metallic-rouge"}


def test_many_threads_saving_at_once_keep_an_exact_count(backend: Backend) -> None:
    tracker = Tracker(backend.open())
    shows = [s.slug for s in tracker.shows()][:8]

    def work(slug: str) -> None:
        for _ in range(12):
            tracker.watch_next(slug)

    threads = [threading.Thread(target=work, args=(slug,)) for slug in shows]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    stored = backend.documents()["entries"].values()
    assert sum(len(doc["watched"]) for doc in stored) == 8 * 12
    assert backend.open().take_notices() == []


def test_two_stores_on_one_medium_keep_both_sets_of_writes(backend: Backend) -> None:
    first, second = Tracker(backend.open()), Tracker(backend.open())

    def work(tracker: Tracker, slug: str, episodes: int) -> None:
        for number in range(1, episodes + 1):
            tracker.watch(slug, [number])

    threads = [
        threading.Thread(target=work, args=(first, "metallic-rouge", 13)),
        threading.Thread(target=work, args=(second, "solo-leveling", 12)),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    fresh = Tracker(backend.open())
    assert fresh.entry("metallic-rouge").progress == 13
    assert fresh.entry("solo-leveling").progress == 12


# ------------------------------------------------------------------- damage


@pytest.mark.parametrize("content", DAMAGE.values(), ids=DAMAGE.keys())
def test_damaged_data_is_set_aside_untouched(backend: Backend, content: bytes) -> None:
    backend.overwrite(content)
    store = backend.open()
    assert backend.aside() == [content]
    (notice,) = store.take_notices()
    assert "damaged" in notice and "set aside" in notice and "fresh database" in notice
    assert len(Tracker(store).shows()) == 34  # a working database over the catalog
    assert orjson.loads(backend.stored() or b"")["meta"]


def test_a_byte_order_mark_is_not_damage(backend: Backend) -> None:
    store = backend.open()
    with store.transaction() as tx:
        tx.put(watching("metallic-rouge"))
    backend.overwrite(b"\xef\xbb\xbf" + (backend.stored() or b""))
    reopened = backend.open()
    assert reopened.take_notices() == []
    assert entries_of(reopened) == {"metallic-rouge"}
    assert backend.aside() == []


def test_the_last_good_copy_is_restored(backend: Backend) -> None:
    backend.keep_every_backup()
    store = backend.open()
    with store.transaction() as tx:
        tx.put(watching("metallic-rouge"))
    with store.transaction() as tx:
        tx.put(watching("solo-leveling"))
    store.close()
    backend.overwrite((backend.stored() or b"")[:100])  # torn by some other program
    recovered = backend.open()
    (notice,) = recovered.take_notices()
    assert "last good copy" in notice
    assert entries_of(recovered) == {"metallic-rouge"}  # the state before the latest save


def test_one_bad_record_does_not_lose_the_others(backend: Backend) -> None:
    store = backend.open()
    with store.transaction() as tx:
        tx.put(watching("metallic-rouge"), watching("solo-leveling"))
    data = backend.documents()
    for doc in data["entries"].values():
        if doc["show"] == "solo-leveling":
            doc["watched"] = "all of them"
    damaged = orjson.dumps(data)
    backend.overwrite(damaged)
    recovered = backend.open()
    (notice,) = recovered.take_notices()
    assert "1 damaged record" in notice and "watched" in notice
    assert entries_of(recovered) == {"metallic-rouge"}
    assert backend.aside() == [damaged]


def test_small_data_is_checked_in_full_at_every_open(backend: Backend) -> None:
    if backend.name != "file":
        # Memory trusts what watchlist wrote there, and the large-file backend treats
        # every file as a large one.
        pytest.skip("only a small file is checked in full at every open")
    store = backend.open()
    with store.transaction() as tx:
        tx.put(watching("metallic-rouge"))
    backend.rot("entries", "ishura", {"show": "ishura", "status": "binging"})
    # Under 256 KB: found as it opens, as a hand edit would be.
    assert "1 damaged record" in backend.open().take_notices()[0]


def test_damage_found_only_when_a_record_is_read_is_told_and_taken_out(
    backend: Backend,
) -> None:
    """Large data this version wrote itself is not checked record by record as it
    opens; a record that is damaged all the same is found when read."""
    backend.trust_any_size()
    store = backend.open()
    with store.transaction() as tx:
        tx.put_many([watching(f"show-{n}") for n in range(20)])
    backend.rot("entries", "show-7", {"show": "show-7", "status": "binging"})
    trusting = backend.open()
    assert trusting.take_notices() == []  # nothing read yet, nothing found
    readable = trusting.read(lambda s: s.entries.values())
    assert len(readable) == 19
    (notice,) = trusting.take_notices()
    assert "1 damaged record" in notice and "binging" in notice
    before = backend.stored()
    with trusting.transaction() as tx:
        tx.put(watching("metallic-rouge"))
    assert backend.aside() == [before]  # the original is set aside, untouched
    stored = {doc["show"] for doc in backend.documents()["entries"].values()}
    assert "show-7" not in stored and "metallic-rouge" in stored and len(stored) == 20
    assert any("set aside" in n for n in trusting.take_notices())


def test_damage_while_running_is_recovered_from_memory(backend: Backend) -> None:
    store = backend.open()
    with store.transaction() as tx:
        tx.put(watching("metallic-rouge"))
    backend.overwrite(b"{ oops")
    with store.transaction() as tx:
        tx.put(watching("solo-leveling"))
    (notice,) = store.take_notices()
    assert "in memory" in notice
    assert entries_of(backend.open()) == {"metallic-rouge", "solo-leveling"}
    assert backend.aside() == [b"{ oops"]


def test_a_repair_made_by_another_copy_is_not_set_aside_again(backend: Backend) -> None:
    """Both copies meet the damage; the second to take the lock finds it mended."""
    mine = backend.open()
    backend.overwrite(b'{"meta": {"1": {"schema": 1')  # damaged by some other program
    theirs = backend.open()  # they recover first, and save a change
    with theirs.transaction() as tx:
        tx.put(watching("solo-leveling"))
    assert "solo-leveling" in entries_of(mine)
    assert mine.take_notices() == []
    assert len(backend.aside()) == 1  # only the damaged data, not their repair


def test_data_that_disappears_while_running_is_saved_again(backend: Backend) -> None:
    store = backend.open()
    with store.transaction() as tx:
        tx.put(watching("metallic-rouge"))
    backend.remove()
    with store.transaction() as tx:
        tx.put(watching("solo-leveling"))
    assert any("disappeared" in notice for notice in store.take_notices())
    assert entries_of(backend.open()) == {"metallic-rouge", "solo-leveling"}


# ------------------------------------------------- read-only, newer versions


def test_read_only_data_opens_read_only_and_nothing_is_written(backend: Backend) -> None:
    store = backend.open()
    with store.transaction() as tx:
        tx.put(watching("metallic-rouge"))
    before = backend.stored()
    backend.make_read_only()
    reopened = backend.open()
    assert reopened.read_only and "read-only" in reopened.read_only
    assert entries_of(reopened) == {"metallic-rouge"}  # reading works
    with pytest.raises(ReadOnly, match="read-only"), reopened.transaction() as tx:
        tx.put(watching("solo-leveling"))
    assert backend.stored() == before


def test_a_newer_schema_is_refused_and_left_exactly_as_it_is(backend: Backend) -> None:
    content = orjson.dumps({"meta": {"1": {"schema": SCHEMA_VERSION + 1}}, "future": {}})
    backend.overwrite(content)
    with pytest.raises(NewerSchema, match="newer watchlist"):
        backend.open()
    assert backend.stored() == content
    assert backend.aside() == []


def test_a_newer_file_saved_while_open_is_never_written_over(backend: Backend) -> None:
    store = backend.open()
    data = backend.documents()
    (meta_id,) = data["meta"]
    data["meta"][meta_id]["schema"] = SCHEMA_VERSION + 1
    newer = orjson.dumps(data)
    backend.overwrite(newer)
    for _ in range(2):
        with pytest.raises(SaveFailed, match="newer watchlist"), store.transaction() as tx:
            tx.put(watching("metallic-rouge"))
    assert backend.stored() == newer
    (notice,) = store.take_notices()
    assert "newer watchlist" in notice


# ---------------------------------------------------------------- upgrades


def test_catalog_copies_an_earlier_version_kept_are_dropped_and_user_records_kept(
    backend: Backend,
) -> None:
    shipped = {"slug": "metallic-rouge", "title": "Old copy", "origin": "catalog"}
    mine = {"slug": "my-show", "title": "Mine", "origin": "user", "episodes": 3}
    backend.overwrite(
        orjson.dumps(
            {
                "meta": {"1": {"schema": 1, "catalog": "older"}},
                "seasons": {
                    "1": {
                        "slug": "winter-2024",
                        "name": "W",
                        "starts": "2024-01-01",
                        "ends": "2024-03-31",
                    }
                },
                "shows": {"1": shipped, "2": mine},
                "entries": {
                    "1": {
                        "show": "metallic-rouge",
                        "status": "watching",
                        "watched": {"1": START.isoformat()},
                    }
                },
            }
        )
    )
    store = backend.open()
    assert store.take_notices() == []
    data = backend.documents()
    assert [doc["slug"] for doc in data["shows"].values()] == ["my-show"]
    assert data["seasons"] == {}
    tracker = Tracker(store)
    assert tracker.find("metallic-rouge").title == "Metallic Rouge"  # the shipped one
    assert tracker.entry("metallic-rouge").progress == 1  # the user's entry stays attached
    assert tracker.find("my-show").origin is Origin.USER


def test_a_users_show_under_a_catalog_name_stays_theirs(backend: Backend) -> None:
    store = backend.open()
    with store.transaction() as tx:
        tx.put(Show("metallic-rouge", "My own Rouge", episodes=2, origin=Origin.USER))
    assert Tracker(backend.open()).find("metallic-rouge").title == "My own Rouge"


def test_stats_read_from_stored_records_agree_with_the_entries(
    tracker: Tracker, clock: Clock
) -> None:
    """The stats paths that count stored records without building entries (the list of
    each entry's logs, and the tally made straight from the documents) give what the
    entries themselves give, once converted, in any time zone."""
    from zoneinfo import ZoneInfo

    from watchlist.domain.stats import compute_stats, logs_of, stats_of
    from watchlist.storage.entry_fields import entry_logs, entry_tally
    from watchlist.storage.records import build_snapshot

    clock.now = clock.now.replace(month=4)
    tracker.watch("metallic", upto=13)
    tracker.watch("frieren", [17, 18], on="2024-01-20")
    tracker.set_status("metallic", "rewatching")
    tracker.watch("metallic", [1, 2])
    tracker.import_file(Path(__file__).parent / "import_files" / "malupdater.xml")
    # As a large file this version wrote is read: its records stay documents.
    snap, _ = build_snapshot(tracker.store.documents(), trusted=True)
    read = next(slug for slug in snap.entries if slug.startswith("frieren"))
    assert snap.entries.get(read)  # one record read already: the tally takes its object
    raw = entry_logs(snap.entries)
    kinds = {type(v) for _, v in snap.entries.raw_items()}
    assert dict in kinds and len(kinds) == 2
    assert any(type(v) is dict and v.get("paused") for _, v in snap.entries.raw_items())
    converted = [logs_of(entry) for entry in snap.entries.values()]
    lengths = {e.show: 24 + len(e.show) % 3 for e in converted}
    tallied = entry_tally(snap.entries, lengths)
    assert sorted(tallied.shows) == sorted(lengths)
    for zone in (None, ZoneInfo("Asia/Kolkata"), ZoneInfo("America/Los_Angeles")):
        expected = compute_stats(lengths, converted, {}, zone)
        assert compute_stats(lengths, raw, {}, zone) == expected
        assert stats_of(tallied, lengths, {}, zone) == expected
    # Only the shows asked for are counted.
    some = dict(list(lengths.items())[:2])
    assert stats_of(entry_tally(snap.entries, some), some, {}) == compute_stats(
        some, [e for e in converted if e.show in some], {}
    )


def test_scores_and_lengths_read_from_stored_records_agree_with_the_objects(
    tracker: Tracker, clock: Clock
) -> None:
    """Stats read each show's verdict scores (oldest first) and episode lengths from the
    stored documents: what the converted verdicts and shows give, one verdict or many,
    given in any order of time, a stance without a score included."""
    from datetime import timedelta

    from watchlist.domain.stats import scores_of
    from watchlist.storage.entry_fields import verdict_scores
    from watchlist.storage.records import build_snapshot
    from watchlist.storage.show_fields import every_length, minutes_of

    tracker.give_verdict("metallic", score="7")
    tracker.give_verdict("frieren", stance="keep-watching")
    clock.now -= timedelta(days=3)  # given later, dated earlier: the order is by date
    tracker.give_verdict("metallic", score="4")
    clock.now += timedelta(days=5)
    tracker.give_verdict("metallic", score="9")
    tracker.add_show("Kaiju No. 8", episodes=12)
    snap, _ = build_snapshot(tracker.store.documents(), trusted=True)
    assert all(type(v) is dict for _, vs in snap.verdicts.raw_items() for v in vs)
    stored = verdict_scores(snap.verdicts)
    assert stored["metallic-rouge"] == [40, 70, 90]
    assert stored == scores_of({show: snap.verdicts[show] for show in snap.verdicts})
    lengths = every_length(snap.shows)
    assert lengths and lengths == {slug: minutes_of(snap.shows, slug) for slug in snap.shows}


def test_the_stats_tally_reads_an_odd_stored_value_as_the_entry_reads_it(
    tracker: Tracker,
) -> None:
    """A stored value that is neither text nor none (a hand edit) sends the tally the
    way through converted entries: the stats are those of the entries as converted."""
    from watchlist.domain.stats import compute_stats, stats_of
    from watchlist.storage.entry_fields import entry_tally
    from watchlist.storage.records import build_snapshot

    tracker.watch("metallic", upto=3)
    tracker.watch("frieren", [1, 2])
    docs = tracker.store.documents()
    for doc in docs["entries"].values():
        if doc["show"] == "frieren":
            doc["watched"]["2"] = 20240101  # not a moment as any version writes one
    snap, _ = build_snapshot(docs, trusted=True)
    lengths = {slug: 24 for slug, _ in snap.entries.raw_items()}
    expected = compute_stats(lengths, list(snap.entries.values()), {})
    assert stats_of(entry_tally(snap.entries, lengths), lengths, {}) == expected
    assert expected.episodes == 5


def test_the_finder_reads_stored_titles_as_the_shows_give_them(tracker: Tracker) -> None:
    """Titles read from stored documents (the finder over a long list) are those the
    converted shows give, leading title first, none repeated."""
    from watchlist.storage.records import build_snapshot
    from watchlist.storage.show_fields import titled

    tracker.add_show("Kaiju No. 8", episodes=12)
    with tracker.store.transaction() as tx:
        tx.put(
            Show(
                "mine",
                "Dungeon Meshi",
                title_romaji="Dungeon Meshi",
                title_native="ダンジョン飯",
                aliases=("Delicious in Dungeon", "ダンジョン飯", "Delicious in Dungeon"),
                origin=Origin.USER,
            )
        )
    snap, _ = build_snapshot(tracker.store.documents(), trusted=True)
    assert snap.shows and all(type(v) is dict for _, v in snap.shows.raw_items())
    raw = titled(snap.shows)
    converted = [(s.slug, s.title, list(s.titles[1:])) for s in snap.shows.values()]
    assert ("mine", "Dungeon Meshi", ["ダンジョン飯", "Delicious in Dungeon"]) in raw
    assert raw == converted and titled(snap.shows) == converted  # converted now: same again
    left = titled(snap.shows, leave_out={converted[0][0]})
    assert [row[0] for row in left] == [row[0] for row in converted[1:]]


def test_stored_titles_in_each_language_read_as_the_shows_give_them(tracker: Tracker) -> None:
    """A title read from a stored document (stats name every show whose score moved) is
    the one the converted show leads with, in every language, whichever titles it has."""
    from watchlist.domain.model import TitleLanguage
    from watchlist.storage.records import build_snapshot
    from watchlist.storage.show_docs import stored_title

    with tracker.store.transaction() as tx:
        for n, (romaji, native) in enumerate(
            [(None, None), ("Dungeon Meshi", None), (None, "ダンジョン飯"), ("", "飯"), ("R", "N")]
        ):
            tx.put(Show(f"mine-{n}", f"Title {n}", romaji, native, origin=Origin.USER))
    snap, _ = build_snapshot(tracker.store.documents(), trusted=True)
    assert all(type(v) is dict for _, v in snap.shows.raw_items())
    slugs = list(snap.shows)
    for language in TitleLanguage:
        raw = [stored_title(snap.shows, slug, language) for slug in slugs]
        converted = [show.title_in(language) for show in snap.shows.values()]
        assert raw == converted and len(set(raw)) > 1
        assert [stored_title(snap.shows, slug, language) for slug in slugs] == converted
    assert stored_title(snap.shows, "no-such-show", TitleLanguage.ROMAJI) is None


def test_stored_statuses_and_your_shows_read_as_the_entries_give_them(tracker: Tracker) -> None:
    """The schedule's reading of statuses and of which shows are yours, from stored
    documents, agrees with the converted entries and verdicts."""
    from watchlist.storage.entry_fields import status_of, tracked_slugs
    from watchlist.storage.records import build_snapshot

    tracker.watch("metallic", [1, 2])
    tracker.set_status("frieren", "dropped")
    tracker.set_status("solo", "on-hold")
    tracker.give_verdict("dungeon", score="8")
    snap, _ = build_snapshot(tracker.store.documents(), trusted=True)
    assert all(type(v) is dict for _, v in snap.entries.raw_items())
    raw = {slug: status_of(snap.entries, slug) for slug in snap.entries}
    yours = tracked_slugs(snap.entries, snap.verdicts)
    assert raw == {slug: entry.status for slug, entry in snap.entries.items()}
    assert status_of(snap.entries, "no-such-show") is None
    assert yours == set(snap.entries) | {s for s, v in snap.verdicts.items() if v}
    assert "delicious-in-dungeon" in yours and raw["frieren-beyond-journeys-end"].value == "dropped"


_SEASON_VALUES = st.sampled_from(["winter-2024", "spring-2024", "", None, 3, ["winter-2024"]])


@given(
    st.lists(
        st.tuples(
            _SEASON_VALUES,
            st.none() | st.lists(_SEASON_VALUES, max_size=3) | st.sampled_from(["winter-2024"]),
            st.booleans(),
        ),
        max_size=8,
    ),
    st.sampled_from(["winter-2024", "spring-2024", ""]),
)
def test_the_shows_of_a_season_are_read_in_one_pass_as_one_by_one(
    shows: list[tuple[Any, Any, bool]], season: str
) -> None:
    """`in_season` reads every stored show's seasons in one pass; it finds exactly the
    shows `seasons_of` gives the season, documents and converted shows alike."""
    from watchlist.storage.show_fields import in_season, seasons_of
    from watchlist.storage.tables import Table

    items: dict[str, Any] = {}
    for n, (main, others, converted) in enumerate(shows):
        slug = f"show-{n}"
        if converted and isinstance(main, str) and isinstance(others, list):
            texts = tuple(o for o in others if isinstance(o, str) and o)
            items[slug] = Show(slug, "A show", season=main, other_seasons=texts)
        else:
            items[slug] = {"slug": slug, "title": "A show", "season": main, "other_seasons": others}
    table: Table[Show] = Table("shows", lambda doc, where: doc, items)
    assert in_season(table, season) == [s for s in items if season in seasons_of(table, s)]


_KEY_VALUES = st.sampled_from(["a", "b", "", None, 3, ["a"]])


@given(
    st.sampled_from(["shows", "entries", "verdicts", "journal", "meta", "settings", "odd"]),
    st.lists(
        st.one_of(
            st.fixed_dictionaries({}, optional={"slug": _KEY_VALUES, "show": _KEY_VALUES}),
            st.fixed_dictionaries({}, optional={"id": _KEY_VALUES, "x": _KEY_VALUES}),
            st.sampled_from(["text", ["a", "list"], 7]),
        ),
        max_size=6,
    ),
)
@example("shows", [{"slug": ""}])  # names no record
@example("entries", [{"show": "a"}, {"show": "a"}])  # the first of two
@example("verdicts", [{"id": "a"}, "text"])
def test_record_ids_in_one_go_are_the_ids_one_by_one(table: str, docs: list[Any]) -> None:
    """The ids a commit numbers records by: the comprehension for plain tables gives
    what reading each document does, duplicates and odd documents included."""
    from watchlist.storage.records import record_ids, record_key

    rows = {str(n + 1): doc for n, doc in enumerate(docs)}
    expected: dict[str, int] = {}
    for rid, doc in rows.items():
        key = record_key(table, doc)
        if key is not None:
            expected.setdefault(key, int(rid))
    assert record_ids(table, rows) == expected
