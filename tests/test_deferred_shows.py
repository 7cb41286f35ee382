"""A large library's shows stay unparsed until a command reads them whole: what only
needs a few fields of every show (episode lengths, seasons, titles) reads those alone,
and a catalog show is found missing from the user's by their keys. What a command
prints is the same as when the file is parsed whole."""

from __future__ import annotations

import random
from operator import attrgetter
from pathlib import Path
from typing import Any

import orjson
import pytest
from msgspec.structs import replace

from tests.benchmarks.library import make_show, user_seasons
from tests.conftest import Clock
from watchlist.cli.main import main
from watchlist.domain.model import TitleLanguage
from watchlist.service.tracker import Tracker
from watchlist.storage import Snapshot, deferred, open_store, tables, tinydb_adapter
from watchlist.storage.deferred import DeferredRows
from watchlist.storage.projections import projected
from watchlist.storage.records import DocChange
from watchlist.storage.show_docs import ShowCard, show_card, show_cards, stored_shows, stored_titles
from watchlist.storage.show_fields import every_length, in_season, titled
from watchlist.storage.tinydb_adapter import TinyDBAdapter

SEASONS = user_seasons()[:3]


@pytest.fixture(autouse=True)
def large(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every file is treated as a large one is (from 256 KB)."""
    monkeypatch.setattr(tinydb_adapter, "VOUCH_FROM", 0)


def library(path: Path, clock: Clock) -> Path:
    """Twelve shows of the user's own, with every kind of title and season they can
    have, some watched and judged; saved, closed."""
    rng = random.Random(7)
    shows = [make_show(n, SEASONS[n % 3], rng) for n in range(12)]
    shows[1] = replace(shows[1], title_romaji="Arufa", aliases=("A-1", "Arufa", ""))
    shows[2] = replace(shows[2], title_native="ベータ", other_seasons=(SEASONS[0].slug,))
    shows[3] = replace(shows[3], episode_minutes=None, season=None)
    shows[4] = replace(shows[4], title_romaji="Same", title_native="Same", aliases=("Same",))
    store = open_store(path, clock=clock)
    with store.transaction() as tx:
        for season in SEASONS:
            tx.put(season)
        for show in shows:
            tx.put(show)
    store.close()
    tracker = Tracker(open_store(path, clock=clock))
    for n, show in enumerate(shows[:8]):
        tracker.watch(show.slug, list(range(1, n + 2)))
        tracker.give_verdict(show.slug, score=str(3 + n % 6))
        tracker.give_verdict(show.slug, score=str(9 - n % 6))
    tracker.watch("metallic-rouge", [1, 2])
    tracker.close()
    return path


def parsed_whole(path: Path) -> None:
    """The next open parses the whole file (and checks it), as a small one is."""
    path.with_name(f".{path.name}.checked").unlink()


def readings(snap: Snapshot, slugs: list[str]) -> dict[str, Any]:
    shows = snap.shows
    return {
        "lengths": every_length(shows),
        "seasons": {s.slug: in_season(shows, s.slug) for s in SEASONS},
        "titled": titled(shows, leave_out={slugs[0]}),
        "titles": {lang: stored_titles(shows, slugs, lang) for lang in TitleLanguage},
        "listed": {lang: stored_shows(shows, slugs, lang) for lang in TitleLanguage},
    }


def test_a_saved_large_file_opens_with_its_shows_unread(tmp_path: Path, clock: Clock) -> None:
    path = library(tmp_path / "watchlist.json", clock)
    medium = TinyDBAdapter(path)
    loaded = medium.load()
    medium.close()
    assert isinstance(loaded["shows"], DeferredRows)
    assert dict(loaded["shows"]) == orjson.loads(path.read_bytes())["shows"]


def test_a_command_that_changes_records_finds_its_show_by_the_titles_alone(
    tmp_path: Path, clock: Clock
) -> None:
    """The entries are parsed as it opens; the shows stay bytes, the finder reads their
    titles, and the save writes them back as they were."""
    path = library(tmp_path / "watchlist.json", clock)
    medium = TinyDBAdapter(path, changing=True)
    loaded = medium.load()
    medium.close()
    assert type(loaded["entries"]) is dict and isinstance(loaded["shows"], DeferredRows)
    shows = orjson.loads(path.read_bytes())["shows"]
    assert main(["--db", str(path), "watch", "arufa", "2"]) == 0
    saved = orjson.loads(path.read_bytes())
    assert saved["shows"] == shows
    [slug] = [doc["slug"] for doc in shows.values() if doc.get("title_romaji") == "Arufa"]
    [entry] = [doc for doc in saved["entries"].values() if doc["show"] == slug]
    assert "2" in entry["watched"]


def test_fields_of_every_show_are_read_alone_and_as_a_whole_parse_gives(
    tmp_path: Path, clock: Clock, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = library(tmp_path / "watchlist.json", clock)
    slugs = [doc["slug"] for doc in orjson.loads(path.read_bytes())["shows"].values()]
    slugs += ["metallic-rouge", "no-such-show"]
    monkeypatch.setattr(tables, "FEW_KEYS", 2)  # titles of many shows: by their fields
    tracker = Tracker(open_store(path, clock=clock))
    snap = tracker.store.read(lambda s: s)
    by_fields = readings(snap, slugs)
    assert snap.shows._source is not None  # read as fields only, never parsed
    # A key the table does not hold is found missing without reading any records.
    assert "metallic-rouge" not in snap.shows and snap.shows.get("no-such-show") is None
    assert snap.shows._source is not None
    tracker.close()
    parsed_whole(path)
    tracker = Tracker(open_store(path, clock=clock))
    snap = tracker.store.read(lambda s: s)
    assert snap.shows._source is None
    assert readings(snap, slugs) == by_fields
    tracker.close()
    assert by_fields["seasons"][SEASONS[0].slug]  # the readings are not empty
    assert any(others for _, _, others in by_fields["titled"])


@pytest.mark.parametrize("first", ["field", "converted"])
def test_a_show_read_by_key_first_is_read_as_it_is_now(
    tmp_path: Path, clock: Clock, monkeypatch: pytest.MonkeyPatch, first: str
) -> None:
    """A document read by key (its fields then come from it) or a show converted (then
    the table is read whole) gives the same readings."""
    path = library(tmp_path / "watchlist.json", clock)
    slugs = [doc["slug"] for doc in orjson.loads(path.read_bytes())["shows"].values()]
    monkeypatch.setattr(tables, "FEW_KEYS", 2)
    tracker = Tracker(open_store(path, clock=clock))
    snap = tracker.store.read(lambda s: s)
    if first == "field":
        assert snap.shows.field(slugs[1], "title_romaji") == "Arufa"
    else:
        assert snap.shows[slugs[1]].title_romaji == "Arufa"
    found = readings(snap, slugs)
    tracker.close()
    parsed_whole(path)
    tracker = Tracker(open_store(path, clock=clock))
    assert readings(tracker.store.read(lambda s: s), slugs) == found
    tracker.close()


def test_two_shows_of_one_slug_are_read_as_a_whole_parse_reads_them(
    tmp_path: Path, clock: Clock
) -> None:
    """Only rot writes that: the fields are not read alone, and the table is read whole
    and checked, the second record reported and left out."""
    path = library(tmp_path / "watchlist.json", clock)
    docs = list(orjson.loads(path.read_bytes())["shows"].values())
    medium = TinyDBAdapter(path)
    medium.load()
    medium.commit([DocChange("shows", "twin", dict(docs[0]))])
    medium.close()
    tracker = Tracker(open_store(path, clock=clock))
    snap = tracker.store.read(lambda s: s)
    assert isinstance(snap.shows.fields("title"), list)
    assert snap.shows._source is None  # read whole, as a whole parse would
    [problem] = snap.problems
    assert problem.key == docs[0]["slug"] and f"a second '{docs[0]['slug']}'" in problem.message
    tracker.close()


def test_a_show_found_damaged_when_read_is_left_out_of_its_fields(
    tmp_path: Path, clock: Clock
) -> None:
    path = library(tmp_path / "watchlist.json", clock)
    slugs = [doc["slug"] for doc in orjson.loads(path.read_bytes())["shows"].values()]
    medium = TinyDBAdapter(path)
    medium.load()
    medium.commit([DocChange("shows", slugs[0], {"slug": slugs[0], "title": ""})])
    medium.close()
    tracker = Tracker(open_store(path, clock=clock))
    snap = tracker.store.read(lambda s: s)
    assert snap.shows.get(slugs[0]) is None  # converting finds it damaged
    found = readings(snap, slugs)
    assert snap.shows._source is not None
    assert slugs[0] not in found["lengths"] and len(found["lengths"]) == len(slugs) - 1
    tracker.close()
    parsed_whole(path)  # then it is found damaged as the file is read
    tracker = Tracker(open_store(path, clock=clock))
    assert readings(tracker.store.read(lambda s: s), slugs) == found
    tracker.close()


def test_past_a_few_records_read_by_key_the_table_is_read_whole(
    tmp_path: Path, clock: Clock, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Parsing records one by one costs more than one parse past a season's few; a key
    the table does not hold is answered from its keys, at no cost, however often."""
    path = library(tmp_path / "watchlist.json", clock)
    slugs = [doc["slug"] for doc in orjson.loads(path.read_bytes())["shows"].values()]
    monkeypatch.setattr(deferred, "FEW_KEYS", 3)
    tracker = Tracker(open_store(path, clock=clock))
    shows = tracker.store.read(lambda s: s).shows
    assert all(f"no-such-show-{n}" not in shows for n in range(10))
    assert [shows.field(slug, "slug") for slug in slugs[:3]] == slugs[:3]
    assert shows._source is not None
    assert shows.field(slugs[3], "slug") == slugs[3]
    assert shows._source is None  # the fourth read it whole
    tracker.close()


COMMANDS = [
    ["stats", "--json"],
    ["list", "--json"],
    ["list", "--season", "all", "--json"],
    ["show", "arufa", "--json"],
    ["critics", "metallic", "--json"],
    ["behind", "--json"],
    ["schedule", "--json"],
    ["picks", "--json"],
    ["recap", "--json"],
]


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c))
def test_commands_print_what_they_print_over_a_whole_parse(
    tmp_path: Path, clock: Clock, capsys: pytest.CaptureFixture[str], command: list[str]
) -> None:
    path = library(tmp_path / "watchlist.json", clock)
    capsys.readouterr()
    assert main(["--db", str(path), *command]) == 0
    deferred = capsys.readouterr().out
    parsed_whole(path)
    assert main(["--db", str(path), *command]) == 0
    assert capsys.readouterr().out == deferred
    assert deferred.strip()


@pytest.mark.parametrize("form", ["mal-xml", "csv"])
def test_exports_write_what_they_write_over_a_whole_parse(
    tmp_path: Path, clock: Clock, monkeypatch: pytest.MonkeyPatch, form: str
) -> None:
    """A list export reads every listed show's few fields, and the diary every title,
    without parsing the shows: the files are the ones a whole parse makes."""
    path = library(tmp_path / "watchlist.json", clock)
    monkeypatch.setattr(tables, "FEW_KEYS", 2)  # as with thousands of shows
    deferred_out, whole_out = tmp_path / "deferred", tmp_path / "whole"
    assert main(["--db", str(path), "export", "--format", form, "-o", str(deferred_out)]) == 0
    parsed_whole(path)
    assert main(["--db", str(path), "export", "--format", form, "-o", str(whole_out)]) == 0
    assert deferred_out.read_bytes() == whole_out.read_bytes()
    written = deferred_out.read_bytes()
    # Nine shows tracked (eight watched, and Metallic Rouge), the diary a line a mark.
    assert written.count(b"<anime>") == 9 if form == "mal-xml" else written.count(b"\n") > 9


ODD_SHOWS = {
    "a dataset's tags": ({"tags": ["action"]}, True),
    "no tags, written as null": ({"tags": None}, True),
    "the audience's score": (
        {"community": {"score": 78, "source": "anime-offline-database", "date": "2024-03-01"}},
        True,
    ),
    "a blank title": ({"title": "   "}, True),
    "studios of the wrong type": ({"studios": ""}, False),
    "episodes as text": ({"episodes": "12"}, False),
}


@pytest.mark.parametrize("change", list(ODD_SHOWS), ids=list(ODD_SHOWS))
def test_show_cards_decoded_unparsed_are_the_cards_read_one_by_one(
    tmp_path: Path, clock: Clock, change: str
) -> None:
    """The listing decodes every stored show's card fields in one call; a show holding
    a dataset's field, or one a card cannot say, is read as the show (or left out as
    damaged), and a table any card field of which is of another type is read as before:
    the cards are the ones read from each document."""
    path = library(tmp_path / "watchlist.json", clock)
    docs = list(orjson.loads(path.read_bytes())["shows"].values())
    fields, decoded = ODD_SHOWS[change]
    medium = TinyDBAdapter(path)
    medium.load()
    medium.commit([DocChange("shows", docs[1]["slug"], docs[1] | fields)])
    medium.close()
    tracker = Tracker(open_store(path, clock=clock))
    snap = tracker.store.read(lambda s: s)
    cards = carded(show_cards(snap.shows))
    assert (snap.shows._source is not None) is decoded  # read by key at most
    tracker.close()
    tracker = Tracker(open_store(path, clock=clock))
    shows = tracker.store.read(lambda s: s).shows
    assert carded(dict(projected(shows, show_card, lambda show: show))) == cards
    tracker.close()
    assert len(cards) >= len(docs) - 1


def carded(cards: dict[str, Any]) -> dict[str, tuple[Any, ...]]:
    """What a listing prints of each, a card or the show (a show read by key before is
    converted already, and stays the show)."""
    return {slug: CARD(card) for slug, card in cards.items()}


CARD = attrgetter(*ShowCard.__struct_fields__)
