"""A MAL list imported the fast way stores exactly what the way before it stored: the same
documents, the same report, the same undo. The way before is put back for the reference
run by swapping in what each speed-up replaced (the defusedxml-only reader, records kept
as objects, TinyDB's copying insert, documents built whole and then compacted, fresh
number strings, the cycle collector on)."""

from __future__ import annotations

import itertools
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from pathlib import Path
from typing import Any

import orjson
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from msgspec.structs import replace

from tests import doc_reference, mal_reference
from tests.conftest import Clock
from watchlist.domain.errors import InvalidInput
from watchlist.domain.model import Entry, Show
from watchlist.interop import mal_xml
from watchlist.service import bulk
from watchlist.service.importing import lists, merging
from watchlist.service.tracker import Tracker
from watchlist.storage import converters, open_store, records
from watchlist.storage.tinydb_tables import InPlaceTable
from watchlist.storage.working import Writer

CATALOG = [(54794, "Metallic Rouge"), (52299, "Solo Leveling"), (54449, "Ishura")]
TITLES = [title for _, title in CATALOG] + ["Own Show", "Own Show", "Another (TV)", "Ｆｕｌｌ", ""]
IDS = ["0", "", "12x", "99999999999", "3000001", "3000002"] + [str(i) for i, _ in CATALOG]


@contextmanager
def the_way_before(patch: pytest.MonkeyPatch) -> Iterator[None]:
    patch.setattr(mal_xml, "read_mal", mal_reference.read_mal)
    patch.setattr(Writer, "put_many", lambda self, objects: self._working.put(objects))
    patch.setattr(InPlaceTable, "insert_owned", lambda self, docs: self.insert_multiple(docs))
    for kind, write in ((Show, doc_reference.show_to_doc), (Entry, doc_reference.entry_to_doc)):
        patch.setitem(records.RECORDS, kind, replace(records.RECORDS[kind], write=write))
    patch.setattr(converters, "_number", lambda n: None)
    patch.setattr(bulk, "collector_paused", nullcontext)
    every_change = merging.outcome
    patch.setattr(lists, "outcome", lambda *a, **k: every_change(*a, **{**k, "described": True}))
    yield


@st.composite
def anime(draw: st.DrawFn) -> str:
    fields = {
        "series_animedb_id": draw(st.sampled_from(IDS)),
        "series_title": draw(st.sampled_from(TITLES)),
        "series_type": draw(st.sampled_from(["TV", "Movie", ""])),
        "series_episodes": draw(st.sampled_from(["0", "1", "12", "13", "x"])),
        "my_watched_episodes": draw(st.sampled_from(["0", "1", "5", "12", "14", "-1", ""])),
        "my_start_date": draw(
            st.sampled_from(["0000-00-00", "2023-04-05", "2023-04-00", "2023-02-30", "soon"])
        ),
        "my_finish_date": draw(st.sampled_from(["0000-00-00", "2023-01-02", "2024-06-00"])),
        "my_score": draw(st.sampled_from(["0", "7", "10", "7.5", "11", "x"])),
        "my_status": draw(
            st.sampled_from(
                ["Watching", "Completed", "On-Hold", "Dropped", "Plan to Watch", "2", "??", ""]
            )
        ),
        "my_times_watched": draw(st.sampled_from(["0", "2", ""])),
        "my_rewatching": draw(st.sampled_from(["0", "1"])),
        "my_rewatching_ep": draw(st.sampled_from(["0", "3", "40"])),
        "my_comments": draw(st.sampled_from(["", "Nice.", "a\nb", "\u0085odd\u200b"])),
        "my_tags": draw(st.sampled_from(["", "fav, Fav, later", "x"])),
        "update_on_import": draw(st.sampled_from(["0", "1"])),
    }
    kept = draw(st.lists(st.sampled_from(list(fields)), unique=True, min_size=2))
    body = "".join(
        f"<{k}><![CDATA[{fields[k]}]]></{k}>"
        if k in ("series_title", "my_comments")
        else f"<{k}>{fields[k]}</{k}>"
        for k in kept
    )
    return f"<anime>{body}</anime>"


def mal_lists() -> st.SearchStrategy[bytes]:
    return st.lists(anime(), max_size=8).map(
        lambda items: (
            '<?xml version="1.0" encoding="UTF-8" ?>\n<myanimelist><myinfo/>'
            + "\n".join(items)
            + "</myanimelist>\n"
        ).encode()
    )


def _run(folder: Path, files: list[bytes], options: dict[str, bool]) -> list[Any]:
    """Import each file in turn (the later ones over what the first stored), then undo
    the last: what was reported and stored after each step."""
    ids = itertools.count()
    tracker = Tracker(open_store(folder / "db.json", clock=Clock()))
    steps: list[Any] = []
    try:
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(merging, "new_id", lambda: f"id-{next(ids)}")
            patch.setattr(lists, "LISTED", 2)  # a report lists 200 of each kind: here, 2
            tracker.watch("metallic", [1, 2])
            for n, data in enumerate(files):
                source = folder / f"list-{n}.xml"
                source.write_bytes(data)
                try:
                    report = tracker.import_file(source, **options)
                except InvalidInput as refused:
                    steps.append(str(refused))
                    continue
                steps.append((report.lines, report.skipped, _stored(folder / "db.json")))
            tracker.undo()
            steps.append(_stored(folder / "db.json"))
    finally:
        tracker.store.close()
    return steps


def _stored(path: Path) -> Any:
    tables = orjson.loads(path.read_bytes())
    for step in tables.get("journal", {}).values():
        step.pop("at"), step.pop("origin")  # the wall clock, and which running copy
    return tables


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(
    st.lists(mal_lists(), min_size=1, max_size=2),
    st.fixed_dictionaries(
        {"add_unmatched": st.booleans(), "overwrite": st.booleans(), "strict": st.just(False)}
    ),
)
def test_an_import_stores_what_it_stored_before(
    files: list[bytes], options: dict[str, bool]
) -> None:
    with tempfile.TemporaryDirectory() as before, tempfile.TemporaryDirectory() as now:
        with pytest.MonkeyPatch.context() as patch, the_way_before(patch):
            expected = _run(Path(before), files, options)
        assert _run(Path(now), files, options) == expected


def test_a_report_lists_the_first_added_entries_and_counts_them_all(tmp_path: Path) -> None:
    items = "".join(
        f"<anime><series_animedb_id>{3_000_000 + n}</series_animedb_id>"
        f"<series_title>Own {n}</series_title><my_watched_episodes>1</my_watched_episodes>"
        "<my_status>Watching</my_status></anime>"
        for n in range(5)
    )
    source = tmp_path / "list.xml"
    source.write_bytes(f"<myanimelist>{items}</myanimelist>".encode())
    tracker = Tracker(open_store(tmp_path / "db.json", clock=Clock()))
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(lists, "LISTED", 3)
        lines = tracker.import_file(source, add_unmatched=True).lines
    tracker.store.close()
    added = [line for line in lines if line.startswith("  added")]
    assert added == [
        "  added     Own 0 (entry 1): progress 0/? → 1/?, status plan-to-watch → watching",
        "  added     Own 1 (entry 2): progress 0/? → 1/?, status plan-to-watch → watching",
        "  added     Own 2 (entry 3): progress 0/? → 1/?, status plan-to-watch → watching",
        "  added     … and 2 more",
    ]
    assert lines[-2].startswith("Added 5 (5 as your own shows), updated 0")
