"""Saving many new records at once (an import): the same file as TinyDB's own way, in
less time and memory."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from watchlist.service.bulk import collector_paused
from watchlist.storage import adapter as adapter_module
from watchlist.storage.adapter import encode, encode_pieces
from watchlist.storage.records import DocChange, Tables
from watchlist.storage.tinydb_adapter import TinyDBAdapter
from watchlist.storage.tinydb_tables import InPlaceTable


def _table(adapter: TinyDBAdapter, name: str) -> InPlaceTable:
    table = adapter._db.table(name)
    assert isinstance(table, InPlaceTable)
    return table


@pytest.mark.parametrize("reopen", [False, True])
def test_owned_inserts_number_and_store_records_as_tinydb_does(
    tmp_path: Path, reopen: bool
) -> None:
    """After removals (gaps), and after a reopen (TinyDB counts on from the largest id)."""
    tables = []
    for way in ("stock", "owned"):
        adapter = TinyDBAdapter(tmp_path / f"{way}.json")
        adapter.reset({"meta": {"1": {"schema": 1}}})
        adapter.commit([DocChange("shows", f"s{n}", {"slug": f"s{n}"}) for n in range(6)])
        adapter.commit([DocChange("shows", "s5", None), DocChange("shows", "s1", None)])
        if reopen:
            adapter = TinyDBAdapter(tmp_path / f"{way}.json")
            adapter.load()
        docs = [{"slug": f"n{n}", "n": n} for n in range(4)]
        table = _table(adapter, "shows")
        ids = table.insert_multiple(docs) if way == "stock" else table.insert_owned(docs)
        more = [{"slug": "last"}]
        ids += table.insert_multiple(more) if way == "stock" else table.insert_owned(more)
        tables.append((ids, adapter.documents()["shows"]))
    assert tables[0] == tables[1]
    assert tables[0][0] == ([7, 8, 9, 10, 11] if not reopen else [6, 7, 8, 9, 10])


def test_a_commit_keeps_its_new_documents_without_copying(tmp_path: Path) -> None:
    adapter = TinyDBAdapter(tmp_path / "db.json")
    adapter.reset({"meta": {"1": {"schema": 1}}})
    docs = [{"slug": f"s{n}"} for n in range(3)]
    adapter.commit([DocChange("shows", d["slug"], d) for d in docs])
    stored = adapter.documents()["shows"]
    assert [stored[str(n + 1)] is docs[n] for n in range(3)] == [True] * 3
    assert (tmp_path / "db.json").read_bytes().startswith(b'{"meta":{"1":{"schema":1}},"shows"')


def test_the_collector_is_paused_for_the_job_and_left_as_it_was() -> None:
    assert gc.isenabled()
    with collector_paused():
        assert not gc.isenabled()
        with collector_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert gc.isenabled()
    with pytest.raises(ValueError), collector_paused():
        raise ValueError
    assert gc.isenabled()


DOCS = st.dictionaries(
    st.text(max_size=3),
    st.none() | st.integers(-(2**63), 2**63 - 1) | st.text(max_size=4) | st.booleans(),
    max_size=3,
)


@given(
    st.dictionaries(
        st.text(max_size=6), st.dictionaries(st.from_regex(r"[0-9]{1,3}", fullmatch=True), DOCS)
    ),
    st.integers(1, 4),
)
def test_a_database_encoded_in_pieces_is_the_same_bytes(tables: Tables, at_once: int) -> None:
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(adapter_module, "ENCODED_AT_ONCE", at_once)
        assert b"".join(encode_pieces(tables)) == encode(tables)


def test_a_save_that_fails_while_encoding_leaves_the_file_as_it_was(tmp_path: Path) -> None:
    adapter = TinyDBAdapter(tmp_path / "db.json")
    adapter.reset({"meta": {"1": {"schema": 1}}})
    before = (tmp_path / "db.json").read_bytes()
    with pytest.raises(TypeError):
        adapter.commit([DocChange("shows", "x", {"slug": "x", "odd": object()})])
    assert (tmp_path / "db.json").read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir() if "tmp" in p.name) == []
