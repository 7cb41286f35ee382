"""The durable TinyDB storage and the store on top of it."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest
from tinydb import TinyDB
from tinydb.storages import MemoryStorage

from tests.conftest import START
from tests.disk_helpers import edit_show, on_disk, rewrite
from watchlist.domain.model import Entry, Settings, Status
from watchlist.domain.scoring import ScoreFormat
from watchlist.storage.durable import DurableStorage, encode
from watchlist.storage.errors import SaveFailed
from watchlist.storage.files import backup_path, stale_temps, write_atomically
from watchlist.storage.store import SCHEMA_VERSION, Store


def durable(tmp_path: Path) -> DurableStorage:
    return DurableStorage(tmp_path / "db.json")


def memory(tmp_path: Path) -> MemoryStorage:
    return MemoryStorage()


@pytest.fixture(params=[memory, durable], ids=["memory", "file"])
def tinydb(request: pytest.FixtureRequest, tmp_path: Path) -> TinyDB:
    storage = request.param(tmp_path)
    return TinyDB(storage=lambda: storage)


def test_tinydb_behaves_the_same_on_both_storages(tinydb: TinyDB) -> None:
    table = tinydb.table("shows")
    first = table.insert({"slug": "a", "n": 1})
    table.insert({"slug": "b", "n": 2})
    table.update({"n": 5}, doc_ids=[first])
    table.remove(doc_ids=[2])
    assert [dict(d) for d in table.all()] == [{"slug": "a", "n": 5}]
    assert table.get(doc_id=first) == {"slug": "a", "n": 5}


def test_the_file_holds_exactly_the_data(tmp_path: Path) -> None:
    storage = durable(tmp_path)
    db = TinyDB(storage=lambda: storage)
    db.table("shows").insert({"slug": "oshi", "title": "[Oshi no Ko] ☆"})
    raw = (tmp_path / "db.json").read_bytes()
    expected = '{"shows":{"1":{"slug":"oshi","title":"[Oshi no Ko] ☆"}}}\n'.encode()
    assert raw == expected
    assert raw == encode(storage.data)


def test_a_batch_saves_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    storage = durable(tmp_path)
    db = TinyDB(storage=lambda: storage)
    saves = []
    original = storage.save
    monkeypatch.setattr(storage, "save", lambda: (saves.append(1), original()))
    with storage.batch():
        for n in range(5):
            db.table("t").insert({"n": n})
    assert len(saves) == 1
    assert len(on_disk(tmp_path / "db.json")["t"]) == 5


def test_atomic_write_keeps_the_previous_version(tmp_path: Path) -> None:
    path = tmp_path / "f.json"
    write_atomically(path, b"one", keep_previous=True)
    write_atomically(path, b"two", keep_previous=True)
    assert path.read_bytes() == b"two"
    assert backup_path(path).read_bytes() == b"one"
    assert stale_temps(path) == []


def test_a_failed_write_leaves_the_old_file_and_no_temporary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "f.json"
    write_atomically(path, b"old")

    def broken_fsync(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", broken_fsync)
    with pytest.raises(OSError):
        write_atomically(path, b"new")
    assert path.read_bytes() == b"old"
    assert stale_temps(path) == []


def test_a_new_database_is_seeded_with_a_schema_header(
    make_store: Callable[..., Store], db_path: Path
) -> None:
    store = make_store()
    data = on_disk(db_path)
    (meta,) = data["meta"].values()
    assert meta["schema"] == SCHEMA_VERSION
    assert len(store.read(lambda s: s.shows)) == 34
    assert len(store.read(lambda s: s.pieces)) == 4


def test_changes_survive_reopening(make_store: Callable[..., Store]) -> None:
    store = make_store()
    with store.transaction() as tx:
        tx.put_entry(Entry("metallic-rouge", Status.WATCHING, watched={1: START}))
        tx.put_settings(Settings(score_format=ScoreFormat.STARS_5))
    again = make_store()
    assert again.read(lambda s: s.entries["metallic-rouge"].watched) == {1: START}
    assert again.read(lambda s: s.settings.score_format) is ScoreFormat.STARS_5


def test_a_failed_transaction_changes_nothing(
    make_store: Callable[..., Store], db_path: Path
) -> None:
    store = make_store()
    before = db_path.read_bytes()
    with pytest.raises(RuntimeError), store.transaction() as tx:
        tx.put_entry(Entry("metallic-rouge", Status.WATCHING, watched={1: START}))
        raise RuntimeError("the use case changed its mind")
    assert db_path.read_bytes() == before
    assert store.read(lambda s: s.entries) == {}


def test_a_save_that_fails_is_reported_and_memory_matches_the_file(
    make_store: Callable[..., Store], db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = make_store()
    before = db_path.read_bytes()
    real_replace = os.replace

    def failing_replace(src: str, dst: str) -> None:
        raise OSError(30, "Read-only file system")

    monkeypatch.setattr(os, "replace", failing_replace)
    with pytest.raises(SaveFailed, match="could not save"), store.transaction() as tx:
        tx.put_entry(Entry("metallic-rouge", Status.WATCHING, watched={1: START}))
    assert db_path.read_bytes() == before
    assert store.read(lambda s: s.entries) == {}
    monkeypatch.setattr(os, "replace", real_replace)
    with store.transaction() as tx:  # a retry works once the disk does
        tx.put_entry(Entry("metallic-rouge", Status.WATCHING, watched={1: START}))
    entries = on_disk(db_path)["entries"]
    assert [doc["show"] for doc in entries.values()] == ["metallic-rouge"]  # once, not twice
    assert make_store().take_notices() == []


def test_changes_by_another_process_are_picked_up(
    make_store: Callable[..., Store],
) -> None:
    mine, theirs = make_store(), make_store()
    with theirs.transaction() as tx:
        tx.put_entry(Entry("solo-leveling", Status.WATCHING, watched={1: START}))
    assert "solo-leveling" in mine.read(lambda s: s.entries)
    with mine.transaction() as tx:
        tx.put_entry(Entry("metallic-rouge", Status.WATCHING, watched={1: START}))
    assert set(theirs.read(lambda s: s.entries)) == {"solo-leveling", "metallic-rouge"}


def test_seeding_again_refreshes_the_catalog_and_keeps_user_data(
    make_store: Callable[..., Store], db_path: Path
) -> None:
    store = make_store()
    with store.transaction() as tx:
        tx.put_entry(Entry("metallic-rouge", Status.WATCHING, watched={1: START}))
    data = on_disk(db_path)
    # Pretend an older app version seeded a different synopsis.
    edit_show(data, "metallic-rouge", synopsis="old text")
    data["meta"]["1"]["catalog"] = "older"
    rewrite(db_path, data)
    reopened = make_store()
    show = reopened.read(lambda s: s.shows["metallic-rouge"])
    assert show.synopsis != "old text"
    assert reopened.read(lambda s: s.entries["metallic-rouge"].watched) == {1: START}
    before = db_path.read_bytes()
    make_store()  # same catalog version: nothing to do, nothing written
    assert db_path.read_bytes() == before


def test_stale_temporary_files_are_removed_at_start(
    make_store: Callable[..., Store], db_path: Path
) -> None:
    make_store()
    leftover = db_path.with_name(f".{db_path.name}.12345-deadbeef.tmp")
    leftover.write_bytes(b'{"half": ')
    make_store()
    assert not leftover.exists()


def test_a_change_made_elsewhere_just_before_ours_is_kept(
    make_store: Callable[..., Store],
) -> None:
    """The other process saves between our last read and our change: nothing is dropped."""
    mine, theirs = make_store(), make_store()
    mine.read(lambda s: s.entries)  # we looked...
    with theirs.transaction() as tx:  # ...they saved...
        tx.put_entry(Entry("solo-leveling", Status.WATCHING, watched={1: START}))
    with mine.transaction() as tx:  # ...and we change something without looking again
        tx.put_entry(Entry("metallic-rouge", Status.WATCHING, watched={1: START}))
    reopened = make_store()
    assert set(reopened.read(lambda s: s.entries)) == {"solo-leveling", "metallic-rouge"}


def test_a_refused_change_does_not_reread_the_file(
    make_store: Callable[..., Store],
) -> None:
    from watchlist.domain.errors import InvalidInput
    from watchlist.service.tracker import Tracker

    tracker = Tracker(make_store())
    generation = tracker.store.generation
    with pytest.raises(InvalidInput):
        tracker.unwatch_last("metallic")  # nothing to unmark: refused before any change
    assert tracker.store.generation == generation  # the same snapshot, not a re-read one
    tracker.watch("metallic")
    assert tracker.entry("metallic-rouge").progress == 1
