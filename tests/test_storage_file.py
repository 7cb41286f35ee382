"""What only the TinyDB file adapter does: exact bytes, atomic replacement, the last good
copy, temporary files, descriptors, links and modes."""

from __future__ import annotations

import inspect
import os
from collections.abc import Callable
from pathlib import Path

import orjson
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from tinydb.table import Table

from tests.conftest import START
from tests.disk_helpers import on_disk, rewrite, set_aside_files
from watchlist.domain.model import Entry, Status
from watchlist.service.tracker import Tracker
from watchlist.storage import Store, files, open_store
from watchlist.storage.adapter import decode, encode
from watchlist.storage.errors import DamagedFile, NewerSchema, StorageError
from watchlist.storage.files import backup_path, stale_temps, write_atomically
from watchlist.storage.records import SCHEMA_VERSION, changes_for
from watchlist.storage.tinydb_adapter import TinyDBAdapter
from watchlist.storage.tinydb_tables import InPlaceTable


def watching(slug: str) -> Entry:
    return Entry(slug, Status.WATCHING, watched={1: START})


def test_tinydb_still_has_the_method_the_in_place_table_overrides() -> None:
    """InPlaceTable overrides TinyDB's private `_update_table`; if TinyDB renames it or
    changes its shape, this fails before any save silently goes the slow way."""
    method = Table.__dict__.get("_update_table")
    assert method is not None, "TinyDB no longer has Table._update_table"
    assert list(inspect.signature(method).parameters) == ["self", "updater"]
    assert "_update_table" in inspect.getsource(Table.update)


@pytest.mark.parametrize("ids", [["1", "x"], ["1", ""], ["", "2"], ["1", "2 "], ["-1"]], ids=repr)
def test_a_table_whose_record_ids_are_not_all_digits_is_damaged(ids: list[str]) -> None:
    raw = orjson.dumps({"meta": {"1": {"schema": 1}}, "entries": {i: {} for i in ids}})
    with pytest.raises(DamagedFile, match="'entries' has the wrong shape"):
        decode(raw)


def test_tables_with_digit_ids_or_none_are_read() -> None:
    raw = b'{"meta":{"1":{"schema":1}},"entries":{},"shows":{"7":{},"12":{}}}'
    assert decode(raw)["shows"] == {"7": {}, "12": {}}


def test_an_update_changes_the_stored_document_in_place(tmp_path: Path) -> None:
    adapter = TinyDBAdapter(tmp_path / "db.json")
    adapter.reset({"meta": {"1": {"schema": 1}}})
    adapter.commit(changes_for([watching("a"), watching("b")]))
    rows = adapter.documents()["entries"]
    before = dict(rows)
    adapter.commit(changes_for([Entry("a", Status.DROPPED)]))
    assert adapter.documents()["entries"] is rows  # not rebuilt
    assert rows["2"] is before["2"]  # the untouched record is the same object
    assert rows["1"]["status"] == "dropped"
    assert isinstance(adapter._db.table("entries"), InPlaceTable)


def test_the_file_holds_exactly_the_data(tmp_path: Path) -> None:
    adapter = TinyDBAdapter(tmp_path / "db.json")
    adapter.reset({"meta": {"1": {"schema": 1}}, "shows": {"1": {"title": "[Oshi no Ko] ☆"}}})
    raw = (tmp_path / "db.json").read_bytes()
    expected = '{"meta":{"1":{"schema":1}},"shows":{"1":{"title":"[Oshi no Ko] ☆"}}}\n'
    assert raw == expected.encode()
    assert raw == encode(adapter.documents())


def test_a_transaction_saves_once(
    make_store: Callable[..., Store], monkeypatch: pytest.MonkeyPatch
) -> None:
    store = make_store()
    saves = []
    real = TinyDBAdapter._save

    def counted(self: TinyDBAdapter, keep_backup: bool) -> None:
        saves.append(1)
        real(self, keep_backup)

    monkeypatch.setattr(TinyDBAdapter, "_save", counted)
    with store.transaction() as tx:
        for slug in ("a", "b", "c", "d", "e"):
            tx.put(watching(slug))
    assert len(saves) == 1


def test_atomic_write_keeps_the_previous_version(tmp_path: Path) -> None:
    path = tmp_path / "f.json"
    write_atomically(path, b"one", keep_previous=True)
    write_atomically(path, b"two", keep_previous=True)
    assert path.read_bytes() == b"two"
    assert backup_path(path).read_bytes() == b"one"
    assert stale_temps(path) == []


@given(
    pieces=st.lists(st.binary(max_size=40), max_size=150),
    most=st.integers(min_value=1, max_value=97),
)
@settings(max_examples=60, deadline=None)
def test_pieces_are_written_whole_and_in_order_through_short_writes(
    tmp_path_factory: pytest.TempPathFactory, pieces: list[bytes], most: int
) -> None:
    """However the pieces come (none, empty ones, more than one call takes) and however
    little each system call writes, the file is the pieces joined."""
    path = tmp_path_factory.mktemp("pieces") / "f.json"
    real = os.writev

    def short(fd: int, views: list[memoryview]) -> int:
        return real(fd, [bytes(b"".join(views)[:most])])

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(files, "_writev", short)
        patch.setattr(files, "WRITTEN_AT_ONCE", 64)
        write_atomically(path, iter(pieces))
    assert path.read_bytes() == b"".join(pieces)


def test_a_small_library_is_saved_in_one_system_call(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Saved table by table, its unchanged tables as the bytes read, a small library's
    file still goes to the disk in one call, as one encoding of it would."""
    tracker = Tracker.open(tmp_path / "watchlist.json")
    tracker.watch("metallic-rouge", [1])
    calls: list[int] = []
    real = os.writev

    def counted(fd: int, views: list[memoryview]) -> int:
        calls.append(len(views))
        return real(fd, views)

    monkeypatch.setattr(files, "_writev", counted)
    tracker.watch("metallic-rouge", [2])
    tracker.close()
    assert len(calls) == 1 and calls[0] > 1
    raw = (tmp_path / "watchlist.json").read_bytes()
    assert raw == encode(decode(raw))


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


@pytest.mark.parametrize("mode", [0o640, 0o600, 0o644, 0o666, 0o604])
def test_a_save_keeps_the_files_mode(
    make_store: Callable[..., Store], db_path: Path, mode: int
) -> None:
    """Whatever the umask takes away from a new file (0o022 here: group and others may
    not write) is given back: the saved file has the mode it had."""
    store = make_store()
    db_path.chmod(mode)
    previous = os.umask(0o022)
    try:
        with store.transaction() as tx:
            tx.put(watching("metallic-rouge"))
    finally:
        os.umask(previous)
    assert db_path.stat().st_mode & 0o777 == mode


def test_the_copy_is_refreshed_at_most_once_a_minute(
    make_store: Callable[..., Store], db_path: Path
) -> None:
    store = make_store()
    with store.transaction() as tx:
        tx.put(watching("ishura"))
    first = backup_path(db_path).read_bytes()
    with store.transaction() as tx:
        tx.put(watching("metallic-rouge"))
    assert backup_path(db_path).read_bytes() == first  # a second later: not yet
    again = make_store()  # a new run (the next CLI command) keeps the previous version
    with again.transaction() as tx:
        tx.put(watching("solo-leveling"))
    assert b"metallic-rouge" in backup_path(db_path).read_bytes()


def test_stale_temporary_files_are_removed_at_start(
    make_store: Callable[..., Store], db_path: Path
) -> None:
    make_store()
    leftover = db_path.with_name(f".{db_path.name}.12345-deadbeef.tmp")
    leftover.write_bytes(b'{"half": ')
    make_store()
    assert not leftover.exists()


def test_stale_temporary_files_go_even_with_glob_characters_in_the_name(
    make_store: Callable[..., Store], tmp_path: Path
) -> None:
    odd = tmp_path / "lists" / "anime[1].json"
    make_store(odd)
    leftover = odd.with_name(f".{odd.name}.4242-cafe.tmp")
    leftover.write_bytes(b"half")
    make_store(odd)
    assert not leftover.exists()


def test_a_failed_open_leaves_no_descriptor_behind(db_path: Path) -> None:
    db_path.parent.mkdir(parents=True, exist_ok=True)
    rewrite(db_path, {"meta": {"1": {"schema": SCHEMA_VERSION + 1}}})
    before = len(os.listdir("/proc/self/fd"))
    for _ in range(20):
        with pytest.raises(NewerSchema):
            open_store(db_path)
    assert len(os.listdir("/proc/self/fd")) <= before


def os_can_write(folder: Path) -> bool:
    probe = folder / ".probe"
    try:
        probe.write_bytes(b"")
    except OSError:
        return False
    probe.unlink()
    return True


def test_a_read_only_folder_opens_read_only(
    make_store: Callable[..., Store], db_path: Path
) -> None:
    make_store()
    db_path.parent.chmod(0o555)
    try:
        if os_can_write(db_path.parent):
            pytest.skip("running as a user who can write anywhere (root): see the faked case")
        store = make_store()
        assert store.read_only
        assert len(Tracker(store).shows()) == 34
    finally:
        db_path.parent.chmod(0o755)


def test_a_dry_open_of_a_missing_database_leaves_nothing_behind(tmp_path: Path) -> None:
    path = tmp_path / "new" / "watchlist.json"
    store = open_store(path, create=False)
    assert len(Tracker(store).shows()) == 34
    store.close()
    assert not (tmp_path / "new").exists()


# ------------------------------------------------------------------- links


def test_a_save_through_a_symbolic_link_replaces_its_target(tmp_path: Path) -> None:
    real = tmp_path / "synced" / "real.json"
    real.parent.mkdir()
    Tracker.open(real).watch("metallic")
    link = tmp_path / "w.json"
    link.symlink_to(real)
    tracker = Tracker.open(link)
    tracker.watch("solo")
    tracker.watch("ishura")
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert {doc["show"] for doc in on_disk(real)["entries"].values()} == {
        "metallic-rouge",
        "solo-leveling",
        "ishura",
    }
    assert backup_path(real).exists() and not backup_path(link).exists()
    assert stale_temps(real) == [] and stale_temps(link) == []


def test_a_dangling_link_or_a_loop_is_refused(tmp_path: Path) -> None:
    dangling = tmp_path / "dangling.json"
    dangling.symlink_to(tmp_path / "nowhere.json")
    with pytest.raises(StorageError, match="does not exist"):
        Tracker.open(dangling)
    assert not (tmp_path / "nowhere.json").exists() and dangling.is_symlink()
    loop_a, loop_b = tmp_path / "a.json", tmp_path / "b.json"
    loop_a.symlink_to(loop_b)
    loop_b.symlink_to(loop_a)
    with pytest.raises(StorageError, match="loops"):
        Tracker.open(loop_a)


def test_the_cli_calls_a_dangling_or_looping_link_bad_input(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from watchlist.cli.main import main

    dangling = tmp_path / "dangling.json"
    dangling.symlink_to(tmp_path / "nowhere.json")
    loop_a, loop_b = tmp_path / "a.json", tmp_path / "b.json"
    loop_a.symlink_to(loop_b)
    loop_b.symlink_to(loop_a)
    for link, why in ((dangling, "does not exist"), (loop_a, "loops back")):
        for command in (["list"], ["watch", "metallic"]):
            assert main(["--db", str(link), *command]) == 2
            err = capsys.readouterr().err
            assert why in err and len(err.strip().splitlines()) == 1
    assert not (tmp_path / "nowhere.json").exists() and dangling.is_symlink()


def test_damage_behind_a_link_is_set_aside_beside_the_target(tmp_path: Path) -> None:
    real = tmp_path / "real.json"
    real.write_bytes(b"{ torn")
    link = tmp_path / "w.json"
    link.symlink_to(real)
    store = open_store(link)
    assert "set aside" in store.take_notices()[0]
    assert [p.read_bytes() for p in set_aside_files(real)] == [b"{ torn"]
    assert link.is_symlink()
