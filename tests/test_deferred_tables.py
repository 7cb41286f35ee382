"""A large library's entries and verdicts are read only as far as a command asks: one
show's records by its key, every record the first time anything reads them all. What a
command sees, and what a save keeps, are the same as when the file is parsed whole."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import msgspec
import orjson
import pytest

from tests.conftest import Clock
from watchlist.cli.main import main
from watchlist.service.tracker import Tracker
from watchlist.storage import open_store, tinydb_adapter
from watchlist.storage.deferred import DeferredRows
from watchlist.storage.errors import StorageError
from watchlist.storage.records import DocChange
from watchlist.storage.tinydb_adapter import TinyDBAdapter

SHOWS = ["metallic-rouge", "frieren-beyond-journeys-end", "ishura"]


@pytest.fixture(autouse=True)
def large(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every file is treated as a large one is (from 256 KB)."""
    monkeypatch.setattr(tinydb_adapter, "VOUCH_FROM", 0)


def checked(path: Path) -> Path:
    return path.with_name(f".{path.name}.checked")


def library(path: Path, clock: Clock) -> Path:
    """Two shows watched, one with two verdicts; one show never touched; saved, closed."""
    tracker = Tracker(open_store(path, clock=clock))
    tracker.watch(SHOWS[0], [1, 2, 3])
    tracker.give_verdict(SHOWS[0], score="6", notes="slow start")
    tracker.watch(SHOWS[1], [1])
    tracker.give_verdict(SHOWS[0], score="8")
    tracker.close()
    return path


def loaded(path: Path) -> dict[str, Any]:
    medium = TinyDBAdapter(path)
    try:
        return medium.load()
    finally:
        medium.close()


def readings(tracker: Tracker) -> dict[str, Any]:
    return {
        slug: (tracker.entry(slug), [v.id for v in tracker.detail(slug).verdicts]) for slug in SHOWS
    }


def test_a_saved_large_file_opens_with_entries_and_verdicts_unread(
    tmp_path: Path, clock: Clock
) -> None:
    path = library(tmp_path / "watchlist.json", clock)
    tables = loaded(path)
    assert isinstance(tables["entries"], DeferredRows)
    assert isinstance(tables["verdicts"], DeferredRows)
    assert all(type(tables[name]) is dict for name in tables if name not in DEFERRED_NAMES)
    # Read as mappings they are the tables as written.
    assert {name: dict(rows) for name, rows in tables.items()} == orjson.loads(path.read_bytes())


DEFERRED_NAMES = ("entries", "verdicts", "shows")


def test_shows_read_one_by_one_are_what_a_whole_parse_gives(tmp_path: Path, clock: Clock) -> None:
    path = library(tmp_path / "watchlist.json", clock)
    deferred = Tracker(open_store(path, clock=clock))
    by_key = readings(deferred)  # before anything reads a whole table
    snap = deferred.store.read(lambda s: s)
    assert "ishura" not in snap.entries and snap.entries.get("ishura") is None
    assert snap.verdicts.get("ishura") is None
    assert snap.entries.field(SHOWS[0], "status") is not None
    whole = sorted(snap.entries), sorted(snap.verdicts), len(snap.entries)
    deferred.close()
    checked(path).unlink()  # the next open parses the whole file, and checks it
    parsed = Tracker(open_store(path, clock=clock))
    assert readings(parsed) == by_key
    snap = parsed.store.read(lambda s: s)
    assert (sorted(snap.entries), sorted(snap.verdicts), len(snap.entries)) == whole
    parsed.close()


def test_a_change_straight_after_opening_keeps_every_other_record(
    tmp_path: Path, clock: Clock
) -> None:
    path = library(tmp_path / "watchlist.json", clock)
    before = orjson.loads(path.read_bytes())
    tracker = Tracker(open_store(path, clock=clock))
    tracker.watch(SHOWS[2], [1])
    tracker.close()
    after = orjson.loads(path.read_bytes())
    assert {doc["show"] for doc in after["entries"].values()} == set(SHOWS)
    assert after["verdicts"] == before["verdicts"]
    kept = [doc for doc in after["entries"].values() if doc["show"] != SHOWS[2]]
    assert kept == list(before["entries"].values())
    tracker = Tracker(open_store(path, clock=clock))
    tracker.undo()
    tracker.close()
    assert orjson.loads(path.read_bytes())["entries"] == before["entries"]


@pytest.mark.parametrize(
    "spoil",
    [
        lambda lines: [lines[0], *(line.replace(" ", "1 ", 1) for line in lines[1:])],
        lambda lines: lines[:-1],
        lambda lines: [lines[0], lines[2], lines[1], *lines[3:]],
        lambda lines: [lines[0], "not a span"],
    ],
    ids=["shifted", "one table missing", "out of order", "garbled"],
)
def test_spans_that_do_not_fit_the_file_are_not_used(
    tmp_path: Path, clock: Clock, spoil: Any
) -> None:
    path = library(tmp_path / "watchlist.json", clock)
    lines = checked(path).read_text().rstrip(" ").split("\n")
    assert len(lines) > 3  # a signature, then a line for each table
    checked(path).write_text("\n".join(spoil(lines)))
    tables = loaded(path)
    assert all(type(rows) is dict for rows in tables.values())
    assert tables == orjson.loads(path.read_bytes())
    tracker = Tracker(open_store(path, clock=clock))
    assert set(tracker.entry(SHOWS[0]).watched) == {1, 2, 3}
    tracker.close()


def test_a_record_no_version_writes_is_found_as_in_a_whole_parse(
    tmp_path: Path, clock: Clock
) -> None:
    """A trusted file whose entry names no show (only rot does that): looking up one
    show reads the table whole, and the damaged record is reported and left out."""
    path = library(tmp_path / "watchlist.json", clock)
    medium = TinyDBAdapter(path)
    medium.load()
    medium.commit([DocChange("entries", SHOWS[2], {"status": "watching"})])
    medium.close()
    tracker = Tracker(open_store(path, clock=clock))
    assert set(tracker.entry(SHOWS[0]).watched) == {1, 2, 3}
    snap = tracker.store.read(lambda s: s)
    assert [p.message for p in snap.problems] == ["entries record 3: it names no record"]
    assert sorted(snap.entries) == sorted(SHOWS[:2])
    tracker.close()


def test_damage_behind_an_unchanged_signature_is_one_line(
    tmp_path: Path, clock: Clock, capsys: pytest.CaptureFixture[str]
) -> None:
    """Bytes changed on the disk with the size, the time and the inode left as they
    were: the table that holds them cannot be read, and the command says so."""
    path = library(tmp_path / "watchlist.json", clock)
    stat = path.stat()
    raw = path.read_bytes()
    at = raw.index(b'"entries":') + len(b'"entries":{"1":')
    with path.open("r+b") as file:
        file.seek(at)
        file.write(b"[")
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert isinstance(loaded(path)["entries"], DeferredRows)
    assert main(["--db", str(path), "show", "metallic", "--json"]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "damaged" in err[0] and "entries" in err[0]
    assert path.read_bytes()[at : at + 1] == b"["  # nothing was written over it


@pytest.mark.parametrize(
    "rot",
    [b'{"1":' + b"[" * 5000 + b"]" * 5000 + b"}", b'{"1":{"show":"a","x":1e400}}', b'{"1":['],
    ids=["nested too deep", "a number out of range", "cut short"],
)
def test_a_table_rot_made_unreadable_is_damaged_not_an_error(rot: bytes) -> None:
    """However the bytes fail to decode, a read of every record says the table is
    damaged; a record read by key gives up for that read to say it, and a skim of a few
    fields reads them or gives up, never failing another way."""
    rows = DeferredRows("entries", memoryview(rot), "the test file")
    assert rows.docs_of("a") is None
    assert rows.columns(("x",)) is None  # the damaged field, when there is one
    rows.decoded(Head)  # the show alone: read past the damage, or given up
    with pytest.raises(StorageError, match="damaged: its table 'entries' cannot be read"):
        rows.rows()


class Head(msgspec.Struct):
    show: str


def test_a_command_that_changes_records_parses_the_entries_as_it_opens(
    tmp_path: Path, clock: Clock
) -> None:
    """Most changes are to entries: skimming them before the parse would be wasted. The
    verdicts stay unparsed until read."""
    path = library(tmp_path / "watchlist.json", clock)
    medium = TinyDBAdapter(path, changing=True)
    try:
        tables = medium.load()
    finally:
        medium.close()
    assert isinstance(tables.pop("verdicts"), DeferredRows)
    assert all(type(rows) is dict for rows in tables.values())
    assert medium.trusted()
    assert main(["--db", str(path), "watch", "ishura", "1"]) == 0
    assert isinstance(loaded(path)["entries"], DeferredRows)  # its save noted the spans
