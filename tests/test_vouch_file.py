"""The `.checked` file beside a large database: rewritten in place at every save, it names
exactly the version saved, and a stale, old-style or garbled one only costs a full check."""

from __future__ import annotations

from pathlib import Path

import orjson
import pytest

from tests.conftest import Clock
from tests.test_storage import watching
from watchlist.storage import open_store, tinydb_adapter
from watchlist.storage.files import signature
from watchlist.storage.tinydb_adapter import TinyDBAdapter
from watchlist.storage.vouch_file import WIDTH
from watchlist.storage.working import Writer


@pytest.fixture(autouse=True)
def any_size(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(tinydb_adapter, "VOUCH_FROM", 0)  # the file does it from 256 KB


def trusted(path: Path) -> bool:
    adapter = TinyDBAdapter(path)
    try:
        adapter.load()
        return adapter.trusted()
    finally:
        adapter.close()


def checked(path: Path) -> Path:
    return path.with_name(f".{path.name}.checked")


def put(tx: Writer, slug: str) -> None:
    tx.put(watching(slug))


def saved_once(path: Path, clock: Clock) -> Path:
    """A database with one entry, saved and closed."""
    store = open_store(path, clock=clock)
    with store.transaction() as tx:
        put(tx, "show-1")
    store.close()
    return path


def test_each_save_names_the_version_it_wrote(tmp_path: Path, clock: Clock) -> None:
    path = tmp_path / "watchlist.json"
    store = open_store(path, clock=clock)
    for n in range(3):
        with store.transaction() as tx:
            put(tx, f"show-{n}")
        text = checked(path).read_text()
        assert len(text) == WIDTH  # the same bytes rewritten, never a shorter file
        version, *spans = text.rstrip(" ").splitlines()
        assert version.split() == [str(part) for part in signature(path) or ()]
        # Then where each table lies in that version, one a line.
        raw = path.read_bytes()
        for line in spans:
            start, end, name = line.split(" ", 2)
            assert raw[: int(start)].endswith(f"{name}:".encode())
            assert raw[int(start) : int(start) + 1] == b"{" and raw[int(end) - 1 : int(end)] == b"}"
        assert len(spans) == len(orjson.loads(raw))
        assert trusted(path)
    store.close()


def test_a_version_written_by_anything_else_is_not_trusted(tmp_path: Path, clock: Clock) -> None:
    path = saved_once(tmp_path / "watchlist.json", clock)
    path.write_bytes(path.read_bytes().replace(b"show-1", b"show-2"))  # a hand edit
    assert not trusted(path)


@pytest.mark.parametrize(
    "before",
    ["", "not a signature", "x" * (3 * WIDTH), "\udcff"],
    ids=["empty", "garbled", "longer than it ever is", "not text"],
)
def test_a_damaged_checked_file_costs_a_check_and_is_put_right(
    tmp_path: Path, clock: Clock, before: str
) -> None:
    path = saved_once(tmp_path / "watchlist.json", clock)
    checked(path).write_bytes(before.encode("utf-8", "surrogateescape"))
    assert not trusted(path)
    store = open_store(path, clock=clock)  # checks every record, then vouches again
    assert trusted(path) and len(checked(path).read_text()) == WIDTH
    with store.transaction() as tx:
        put(tx, "show-2")
    assert trusted(path)
    store.close()


def test_a_checked_file_as_earlier_versions_wrote_it_is_still_read(
    tmp_path: Path, clock: Clock
) -> None:
    path = saved_once(tmp_path / "watchlist.json", clock)
    checked(path).write_text(" ".join(map(str, signature(path) or ())))  # no padding
    assert trusted(path)
