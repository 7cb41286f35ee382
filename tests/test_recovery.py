"""A damaged database file is never overwritten: it is set aside and the best copy is used."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import START
from tests.disk_helpers import bump_schema, on_disk, rewrite, set_aside_files
from watchlist.domain.model import Entry, Status
from watchlist.storage import durable
from watchlist.storage.errors import NewerSchema
from watchlist.storage.files import backup_path
from watchlist.storage.store import SCHEMA_VERSION, Store

DAMAGE = {
    "empty": b"",
    "whitespace": b"  \n",
    "truncated": b'{"meta":{"1":{"schema":1,"catalog":null}},"entries":{"1":{"sho',
    "not json": b"\x89PNG\r\n\x1a\n random bytes \xff\xfe",
    "trailing garbage": b'{"meta":{"1":{"schema":1}}}\x00\x00garbage',
    "a list": b"[1, 2, 3]",
    "wrong table shape": b'{"meta":{"1":{"schema":1}},"shows":[1,2]}',
    "no header": b'{"shows":{}}',
    "bad schema": b'{"meta":{"1":{"schema":"one"}}}',
}


@pytest.mark.parametrize("content", DAMAGE.values(), ids=DAMAGE.keys())
def test_damaged_file_is_set_aside_untouched(
    make_store: Callable[..., Store], db_path: Path, content: bytes
) -> None:
    db_path.parent.mkdir(parents=True)
    db_path.write_bytes(content)
    store = make_store()
    (aside,) = set_aside_files(db_path)
    assert aside.read_bytes() == content
    (notice,) = store.take_notices()
    assert "damaged" in notice and aside.name in notice
    assert "fresh database" in notice
    assert len(store.read(lambda s: s.shows)) == 34  # a working, seeded database


def test_the_last_good_copy_is_restored(
    make_store: Callable[..., Store], db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(durable, "BACKUP_EVERY", 0.0)  # refresh the copy on every save
    store = make_store()
    with store.transaction() as tx:
        tx.put_entry(Entry("metallic-rouge", Status.WATCHING, watched={1: START}))
    with store.transaction() as tx:
        tx.put_entry(Entry("solo-leveling", Status.WATCHING, watched={1: START}))
    store.close()
    assert backup_path(db_path).exists()
    db_path.write_bytes(db_path.read_bytes()[:100])  # torn by some other program
    recovered = make_store()
    (notice,) = recovered.take_notices()
    assert "last good copy" in notice
    # The backup is the state before the latest save.
    assert set(recovered.read(lambda s: s.entries)) == {"metallic-rouge"}


def test_the_copy_is_refreshed_at_most_once_a_minute(
    make_store: Callable[..., Store], db_path: Path
) -> None:
    store = make_store()
    first = backup_path(db_path).read_bytes()
    with store.transaction() as tx:
        tx.put_entry(Entry("metallic-rouge", Status.WATCHING, watched={1: START}))
    assert backup_path(db_path).read_bytes() == first  # a second later: not yet
    again = make_store()  # a new run (the next CLI command) keeps the previous version
    with again.transaction() as tx:
        tx.put_entry(Entry("solo-leveling", Status.WATCHING, watched={1: START}))
    assert b"metallic-rouge" in backup_path(db_path).read_bytes().split(b'"entries"')[1]


def test_one_bad_record_does_not_lose_the_others(
    make_store: Callable[..., Store], db_path: Path
) -> None:
    store = make_store()
    with store.transaction() as tx:
        tx.put_entry(Entry("metallic-rouge", Status.WATCHING, watched={1: START}))
        tx.put_entry(Entry("solo-leveling", Status.WATCHING, watched={1: START}))
    store.close()
    data = on_disk(db_path)
    for doc in data["entries"].values():
        if doc["show"] == "solo-leveling":
            doc["watched"] = "all of them"
    damaged = rewrite(db_path, data)
    recovered = make_store()
    (notice,) = recovered.take_notices()
    assert "1 damaged record" in notice and "watched" in notice
    assert set(recovered.read(lambda s: s.entries)) == {"metallic-rouge"}
    (aside,) = set_aside_files(db_path)
    assert aside.read_bytes() == damaged
    assert len(recovered.read(lambda s: s.shows)) == 34


def test_a_newer_schema_is_refused_and_left_exactly_as_it_is(
    make_store: Callable[..., Store], db_path: Path
) -> None:
    db_path.parent.mkdir(parents=True)
    content = rewrite(db_path, {"meta": {"1": {"schema": SCHEMA_VERSION + 1}}, "future": {}})
    with pytest.raises(NewerSchema, match="newer watchlist"):
        make_store()
    assert db_path.read_bytes() == content
    assert set_aside_files(db_path) == []


def test_damage_while_running_is_recovered_from_memory(
    make_store: Callable[..., Store], db_path: Path
) -> None:
    store = make_store()
    with store.transaction() as tx:
        tx.put_entry(Entry("metallic-rouge", Status.WATCHING, watched={1: START}))
    db_path.write_bytes(b"{ oops")
    with store.transaction() as tx:
        tx.put_entry(Entry("solo-leveling", Status.WATCHING, watched={1: START}))
    (notice,) = store.take_notices()
    assert "in memory" in notice
    reopened = make_store()
    assert set(reopened.read(lambda s: s.entries)) == {"metallic-rouge", "solo-leveling"}
    (aside,) = set_aside_files(db_path)
    assert aside.read_bytes() == b"{ oops"


def test_a_read_only_folder_opens_read_only(
    make_store: Callable[..., Store], db_path: Path
) -> None:
    make_store()
    db_path.parent.chmod(0o555)
    try:
        if os_can_write(db_path.parent):
            pytest.skip("running as a user who can write anywhere")
        store = make_store()
        assert store.read_only
        assert len(store.read(lambda s: s.shows)) == 34
    finally:
        db_path.parent.chmod(0o755)


def os_can_write(folder: Path) -> bool:
    probe = folder / ".probe"
    try:
        probe.write_bytes(b"")
    except OSError:
        return False
    probe.unlink()
    return True


def test_a_newer_file_saved_while_open_is_never_written_over(
    make_store: Callable[..., Store], db_path: Path
) -> None:
    from watchlist.storage.errors import SaveFailed

    store = make_store()
    bump_schema(db_path, SCHEMA_VERSION + 1)  # a newer watchlist saved meanwhile
    before = db_path.read_bytes()
    for _ in range(2):
        with pytest.raises(SaveFailed, match="newer watchlist"), store.transaction() as tx:
            tx.put_entry(Entry("metallic-rouge", Status.WATCHING, watched={1: START}))
    assert db_path.read_bytes() == before
    (notice,) = store.take_notices()
    assert "newer watchlist" in notice
    assert len(store.read(lambda s: s.shows)) == 34  # reading goes on from memory


def test_a_repair_made_by_another_copy_is_not_set_aside_again(
    make_store: Callable[..., Store], db_path: Path
) -> None:
    """Both copies see the damage; the second to get the lock finds it already mended."""
    mine, theirs = make_store(), make_store()
    db_path.write_bytes(b'{"meta": {"1": {"schema": 1')  # damaged by some other program
    real_acquire = mine._lock.acquire

    def their_repair_first() -> None:
        mine._lock.acquire = real_acquire  # type: ignore[method-assign]
        with theirs.transaction() as tx:  # they recover, and save a change
            tx.put_entry(Entry("solo-leveling", Status.WATCHING, watched={1: START}))
        real_acquire()

    mine._lock.acquire = their_repair_first  # type: ignore[method-assign]
    assert "solo-leveling" in mine.read(lambda s: s.entries)
    saved = on_disk(db_path)
    assert [doc["show"] for doc in saved["entries"].values()] == ["solo-leveling"]
    assert len(set_aside_files(db_path)) == 1  # only the damaged file, not their repair


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
    import os

    db_path.parent.mkdir(parents=True)
    rewrite(db_path, {"meta": {"1": {"schema": SCHEMA_VERSION + 1}}})
    before = len(os.listdir("/proc/self/fd"))
    for _ in range(20):
        with pytest.raises(NewerSchema):
            Store(db_path)
    assert len(os.listdir("/proc/self/fd")) <= before
