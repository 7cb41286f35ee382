"""Undo: every change can be taken back, step by step, across restarts, and two copies of
watchlist never silently undo each other's work."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.conftest import Clock
from watchlist.domain.settings import Settings
from watchlist.service.errors import NothingToUndo, UndoConflict
from watchlist.service.tracker import Tracker
from watchlist.storage import Store
from watchlist.storage.converters import settings_to_doc
from watchlist.storage.journal import FOLD_FROM, MAX_STEPS
from watchlist.storage.records import record_key

CATALOG_FILES = Path(__file__).parent / "catalog_files"
IMPORT_FILES = Path(__file__).parent / "import_files"


def user_state(tracker: Tracker) -> dict[str, Any]:
    """Everything of the user's, by our own keys, without the journal and the moments a
    change stamps on a record (`updated_at`)."""
    docs = tracker.store.documents()
    state: dict[str, Any] = {}
    for table, rows in docs.items():
        if table in ("journal", "meta"):
            continue
        kept = {}
        for doc in rows.values():
            shown = {k: v for k, v in doc.items() if k != "updated_at"}
            kept[record_key(table, doc)] = shown
        if table == "settings" and kept == {"settings": settings_to_doc(Settings())}:
            continue  # the defaults, saved or not, are the same settings
        if kept:
            state[table] = kept
    location = Path(tracker.location)
    catalog = location.with_name(location.stem + ".catalog.json")
    if catalog.exists():
        state["catalog file"] = json.loads(catalog.read_text())["shows"]
    return state


CHANGES: dict[str, Callable[[Tracker], object]] = {
    "mark": lambda t: t.watch("metallic", [1, 2]),
    "unmark": lambda t: t.unwatch("metallic", [1]),
    "toggle": lambda t: t.toggle("metallic", 3),
    "backdate": lambda t: t.watch("metallic", [4], on="2024-01-31"),
    "status": lambda t: t.set_status("metallic", "on-hold"),
    "rewatch": lambda t: t.set_status("metallic", "rewatching"),
    "verdict": lambda t: t.give_verdict("metallic", score="8", notes="Naomi"),
    "corrected verdict": lambda t: t.edit_verdict("metallic", score="6"),
    "deleted verdict": lambda t: t.delete_verdict("metallic"),
    "note": lambda t: t.set_note("metallic", "Worth it"),
    "entry edit": lambda t: t.set_details("metallic", started="2024-01", rewatches="2"),
    "episode score": lambda t: t.rate_episode("metallic", 2, score="9", note="fight"),
    "episode date": lambda t: t.edit_episode("metallic", 2, watched_on="2024-01-20"),
    "settings": lambda t: t.update_settings(score_format="100", blind=True),
    "added show": lambda t: t.add_show("An Old Favourite", episodes="12"),
    "list import": lambda t: t.import_file(IMPORT_FILES / "malupdater.xml", add_unmatched=True),
    "catalog import": lambda t: t.import_catalog(
        CATALOG_FILES / "bangumi-data" / "dist" / "data.json", seasons=["spring-2024"]
    ),
}


def test_each_kind_of_change_is_undone_exactly(tracker: Tracker, clock: Clock) -> None:
    """Applied in order, each change is undone at once and gives back exactly the state
    before it; then redone, so the next change has something to work on."""
    clock.now = clock.now.replace(month=4)
    for name, change in CHANGES.items():
        before = user_state(tracker)
        change(tracker)
        assert user_state(tracker) != before, name
        step = tracker.undo()
        assert user_state(tracker) == before, name
        assert step.label, name
        change(tracker)
        assert user_state(tracker) != before, name  # made again (at a later moment)


def test_undo_goes_back_step_by_step_across_restarts(
    make_store: Callable[..., Store], clock: Clock
) -> None:
    tracker = Tracker(make_store())
    states = [user_state(tracker)]
    for n in range(1, 14):
        tracker.watch("metallic", [n])
        states.append(user_state(tracker))
    for n in range(1, 61):
        tracker.set_note("frieren", f"note {n}")
        states.append(user_state(tracker))
    tracker.close()
    again = Tracker(make_store())
    listed = again.history()
    assert len(listed) == 73 and listed[0].label == "note on Frieren: Beyond Journey's End"
    assert listed[-1].label == "watched Metallic Rouge episode 1"
    for expected in reversed(states[:-1]):
        again.undo()
        assert user_state(again) == expected
    with pytest.raises(NothingToUndo):
        again.undo()


def test_the_journal_keeps_the_last_changes_and_forgets_older_ones(tracker: Tracker) -> None:
    for n in range(MAX_STEPS + 20):
        tracker.set_note("frieren", f"note {n}")
    assert len(tracker.history()) == MAX_STEPS >= 50
    for _ in range(MAX_STEPS):
        tracker.undo()
    assert tracker.entry("frieren-beyond-journeys-end").comments == "note 19"
    with pytest.raises(NothingToUndo):
        tracker.undo()


def test_two_copies_never_undo_each_others_work_unasked(
    make_store: Callable[..., Store],
) -> None:
    """The TUI undoes its own newest change first; a change the other copy has built on
    since is refused with a message, and nothing is touched."""
    mine, theirs = Tracker(make_store()), Tracker(make_store())
    mine.watch("metallic", [1])
    theirs.watch("frieren", [17])
    undone = mine.undo(own_first=True)
    assert undone.label == "watched Metallic Rouge episode 1" and mine.made_here(undone)
    assert mine.entry("frieren-beyond-journeys-end").progress == 1  # theirs stays
    mine.set_note("ishura", "mine")
    theirs.set_note("ishura", "theirs, over mine")
    # Their copy's journal step is newer, but theirs changed what this one wrote: the
    # undo of "mine" would silently throw "theirs" away.
    theirs.store.documents()  # theirs saved; mine sees it at its next transaction
    before = user_state(mine)
    with pytest.raises(UndoConflict, match="changed since"):
        mine.undo(own_first=True)
    assert user_state(mine) == before
    # Without preferring its own, an undo takes the newest change, whoever made it.
    step = mine.undo()
    assert step.label == "note on Ishura" and not mine.made_here(step)
    assert mine.entry("ishura").comments == "mine"


def test_an_undo_is_saved_durably(make_store: Callable[..., Store]) -> None:
    tracker = Tracker(make_store())
    tracker.watch("metallic", [1])
    tracker.undo()
    tracker.close()
    reopened = Tracker(make_store())
    assert reopened.entry("metallic-rouge").progress == 0
    assert reopened.history() == []


def test_an_undone_catalog_import_leaves_no_kept_copy_behind(tracker: Tracker) -> None:
    folder = Path(tracker.location).parent
    data = CATALOG_FILES / "bangumi-data" / "dist" / "data.json"
    tracker.import_catalog(data, seasons=["spring-2024"])
    tracker.import_catalog(data, seasons=["winter-2024"])
    kept = [p.name for p in folder.iterdir() if ".undo-" in p.name]
    assert len(kept) == 1  # the first import's file, kept for undoing the second
    tracker.undo()
    tracker.undo()
    assert not (folder / "watchlist.catalog.json").exists()
    assert [p.name for p in folder.iterdir() if ".undo-" in p.name] == []
    assert "spring-2024" not in {s.slug for s in tracker.seasons()}


def test_opening_deletes_only_kept_copies_no_step_names(
    tracker: Tracker, make_store: Callable[..., Store]
) -> None:
    """A copy killed between keeping a file and saving its step leaves a kept copy that
    no step names: the next open deletes it, and keeps the one a step still needs."""
    folder = Path(tracker.location).parent
    data = CATALOG_FILES / "bangumi-data" / "dist" / "data.json"
    tracker.import_catalog(data, seasons=["spring-2024"])
    tracker.import_catalog(data, seasons=["winter-2024"])
    [listed] = [p for p in folder.iterdir() if ".undo-" in p.name]
    orphan = listed.with_name(listed.name[: listed.name.index(".undo-")] + ".undo-0badc0de")
    orphan.write_bytes(listed.read_bytes())
    tracker.close()
    reopened = Tracker(make_store())
    assert [p.name for p in folder.iterdir() if ".undo-" in p.name] == [listed.name]
    reopened.undo()  # the listed copy is what this undo puts back
    assert "spring-2024" in {s.slug for s in reopened.seasons()}


def listed_shows(path: Path, count: int) -> Path:
    """A MAL list of `count` shows the catalog does not know, each with a watched episode."""
    entries = "".join(
        f"<anime><series_title>Listed Show {n}</series_title><series_episodes>12"
        f"</series_episodes><my_watched_episodes>{1 + n % 3}</my_watched_episodes>"
        f"<my_score>{n % 10}</my_score></anime>"
        for n in range(count)
    )
    path.write_text(f"<myanimelist>{entries}</myanimelist>")
    return path


def journal_on_disk(tracker: Tracker) -> list[dict[str, Any]]:
    data = json.loads(Path(tracker.location).read_text())
    return sorted(data["journal"].values(), key=lambda step: step["seq"])


@pytest.mark.parametrize("count", [FOLD_FROM - 1, FOLD_FROM, 250])
def test_an_import_of_many_shows_is_one_op_a_table_and_undoes_whole(
    tracker: Tracker, make_store: Callable[..., Store], tmp_path: Path, count: int
) -> None:
    before = user_state(tracker)
    tracker.import_file(listed_shows(tmp_path / "list.xml", count), add_unmatched=True)
    assert len(tracker.store.documents()["entries"]) == count
    ops = journal_on_disk(tracker)[-1]["ops"]
    added = {table: len(rows) for table, rows in tracker.store.documents().items()}
    assert added["shows"] == added["entries"] == count and 0 < added["verdicts"] < count
    for table in ("shows", "entries", "verdicts"):
        kept = [
            (op["op"], len(op["k"]) if op["op"] == "adds" else op["k"])
            for op in ops
            if op["t"] == table
        ]
        if added[table] >= FOLD_FROM:  # the table's new records are one op, in two lists
            assert kept == [("adds", added[table])]
            [folded] = [op for op in ops if op["t"] == table]
            assert len(folded["h"]) == added[table]
        else:  # fewer: an op per record, as for every other change
            assert [kind for kind, _ in kept] == ["add"] * added[table]
    tracker.close()
    reopened = Tracker(make_store())  # the step as saved, read back
    assert reopened.undo().label.startswith("import")
    assert user_state(reopened) == before
    assert reopened.history() == []


def test_an_import_of_many_is_not_undone_once_another_copy_changed_one_of_its_shows(
    tracker: Tracker, make_store: Callable[..., Store], tmp_path: Path
) -> None:
    tracker.import_file(listed_shows(tmp_path / "list.xml", 150), add_unmatched=True)
    other = Tracker(make_store())
    other.watch("listed show 77", [12])
    changed = user_state(other)
    with pytest.raises(UndoConflict, match="listed-show-77"):
        tracker.undo(own_first=True)  # this copy's newest change: the import
    assert user_state(tracker) == changed  # nothing was undone, not even in part
    other.undo()  # the mark, then the import, in order, undo cleanly
    assert tracker.undo().label.startswith("import")
    assert len(tracker.store.documents()["entries"]) == 0


def test_a_damaged_record_of_an_import_refuses_its_undo(
    tracker: Tracker, make_store: Callable[..., Store], tmp_path: Path
) -> None:
    tracker.import_file(listed_shows(tmp_path / "list.xml", 120), add_unmatched=True)
    tracker.close()
    path = Path(tracker.location)
    data = json.loads(path.read_text())
    [step] = data["journal"].values()
    step["ops"][0]["h"] = step["ops"][0]["h"][:-1]  # one digest lost by a hand edit
    path.write_text(json.dumps(data))
    reopened = Tracker(make_store())
    kept = user_state(reopened)
    with pytest.raises(UndoConflict, match="damaged"):
        reopened.undo()
    assert user_state(reopened) == kept and len(reopened.history()) == 1


def test_a_mark_on_a_long_show_keeps_only_the_episode_it_touched(
    tracker: Tracker, make_store: Callable[..., Store]
) -> None:
    """A step keeps the keys of an episode map that a change touched, not the whole map:
    a hundred marks past episode 1,000 of a long show kept 4 MB of journal, rewritten at
    every save. Each is still undone exactly, across a restart."""
    tracker.add_show("Long Runner", episodes=1200)
    tracker.watch("long-runner", list(range(1, 1001)))
    states = [user_state(tracker)]
    for n in range(1001, 1101):
        tracker.watch("long-runner", [n])
        states.append(user_state(tracker))
    data = json.loads(Path(tracker.location).read_text())
    newest = max(data["journal"].values(), key=lambda step: step["seq"])
    [op] = newest["ops"]
    assert op["within"] == {"watched": {"had": {}, "lacked": ["1100"]}}
    assert "watched" not in op["before"]
    # Every step kept is one of the marks: each under a kilobyte (whole, one was 40 KB).
    assert len(data["journal"]) == MAX_STEPS
    assert max(len(json.dumps(step)) for step in data["journal"].values()) < 1000
    tracker.close()
    again = Tracker(make_store())
    for expected in reversed(states[:-1]):
        again.undo()
        assert user_state(again) == expected
    watched = again.store.documents()["entries"]
    [doc] = [d for d in watched.values() if d["show"] == "long-runner"]
    assert list(doc["watched"]) == [str(n) for n in range(1, 1001)]  # in episode order


def test_a_change_to_an_episode_a_step_touched_refuses_its_undo(
    tracker: Tracker, make_store: Callable[..., Store]
) -> None:
    """Only the keys a step touched are checked, but those are: a mark whose episode was
    given another date since, in another copy, is not undone, and nothing is touched."""
    tracker.watch("metallic", [1, 2])
    tracker.watch("metallic", [3])
    other = Tracker(make_store())
    other.edit_episode("metallic", 3, watched_on="2024-01-09")
    changed = user_state(other)
    with pytest.raises(UndoConflict, match="changed since"):
        tracker.undo(own_first=True)
    assert user_state(tracker) == changed


def test_an_episode_map_kept_whole_by_an_earlier_version_is_undone_as_before() -> None:
    """Steps saved before the journal kept only touched keys hold the whole map in
    "before"; they undo as they always did. A step of the new form has a digest no
    reading of "before" alone matches, so a version that knows only that form refuses
    it instead of undoing half of it."""
    from watchlist.storage import journal

    before = {"show": "s", "watched": {"1": "a", "2": None}, "recent": [1, 2]}
    after = {"show": "s", "watched": {"1": "a", "2": None, "3": "c"}, "recent": [1, 2, 3]}
    earlier_form = {
        "t": "entries",
        "k": "s",
        "op": "set",
        "before": {"recent": [1, 2], "watched": {"1": "a", "2": None}},
        "h": journal.digest({"recent": [1, 2, 3], "watched": after["watched"]}),
    }
    assert journal.revert(earlier_form, after, "now") == before
    op = journal.diff("entries", "s", before, after)
    assert op is not None and op["before"] == {"recent": [1, 2]}
    assert journal.revert(op, after, "now") == before
    only_before = journal.digest({name: after.get(name) for name in op["before"]})
    assert only_before != op["h"]


@pytest.mark.parametrize(
    "within",
    [
        [],
        {"watched": []},
        {"watched": {"had": {}}},
        {"watched": {"had": [], "lacked": []}},
        {"watched": {"had": {}, "lacked": [3]}},
    ],
)
def test_a_damaged_record_of_episodes_refuses_its_undo(within: Any) -> None:
    from watchlist.storage import journal

    before = {"show": "s", "watched": {"1": "a"}}
    after = {"show": "s", "watched": {"1": "a", "2": "b"}}
    op = journal.diff("entries", "s", before, after)
    assert op is not None
    op["within"] = within
    with pytest.raises(UndoConflict, match="damaged"):
        journal.revert(op, after, "now")


def test_a_step_whose_mapping_is_gone_is_refused_whatever_its_digest_says() -> None:
    """A record whose episode map is no longer a map is not as the step left it, even
    where a hand edit emptied the step's digest."""
    from watchlist.storage import journal

    op = journal.diff("entries", "s", {"watched": {"1": "a"}}, {"watched": {"1": "a", "2": "b"}})
    assert op is not None
    for digest in (op["h"], ""):
        for current in ({}, {"watched": None}, {"watched": ["1", "2"]}):
            with pytest.raises(UndoConflict, match="changed since"):
                journal.revert({**op, "h": digest}, current, "now")


def test_a_step_undoes_a_change_to_any_mapping_exactly() -> None:
    """Keys added, removed and changed, values null or not, mappings nested: the step
    gives back the mapping as it was, and refuses when a touched key has moved on."""
    from watchlist.storage import journal

    before = {"k": "x", "m": {"1": "a", "2": None, "3": {"x": 1}, "9": "gone"}, "n": 1}
    after = {"k": "x", "m": {"1": "a", "2": "b", "3": {"x": 2}, "4": None}, "n": 2}
    op = journal.diff("t", "x", before, after)
    assert op is not None
    assert op["within"]["m"] == {"had": {"2": None, "3": {"x": 1}, "9": "gone"}, "lacked": ["4"]}
    assert journal.revert(op, after, "now") == before
    for moved_on in ({"4": "d"}, {"2": None}, {"9": "back"}):
        later = {**after, "m": {**after["m"], **moved_on}}
        with pytest.raises(UndoConflict):
            journal.revert(op, later, "now")
    untouched = {**after, "m": {**after["m"], "7": "new"}}
    assert journal.revert(op, untouched, "now") == {**before, "m": {**before["m"], "7": "new"}}
    # An episode given back takes its place in episode order, as the map is written.
    unwatched = journal.diff("t", "x", {"m": {"1": "a", "2": "b", "10": "c"}}, {"m": {"2": "b"}})
    assert unwatched is not None
    restored = journal.revert(unwatched, {"m": {"2": "b"}}, "now")
    assert restored is not None and list(restored["m"]) == ["1", "2", "10"]
    # Keys that are not numbers as `int` reads them are given back as they come.
    odd = journal.diff("t", "x", {"m": {"²": "a", "2": "b"}}, {"m": {"2": "b"}})
    assert odd is not None
    assert journal.revert(odd, {"m": {"2": "b"}}, "now") == {"m": {"²": "a", "2": "b"}}


_LEAF = st.none() | st.integers(0, 3) | st.sampled_from(["a", "b"])
_MAPPING = st.dictionaries(
    st.sampled_from(["1", "2", "3", "10", "x"]),
    _LEAF | st.dictionaries(st.sampled_from(["p", "q"]), _LEAF, max_size=2),
    max_size=4,
)
# Stored documents leave out a field with no value, so a field is never null.
_FIELD = st.integers(0, 3) | st.sampled_from(["a", "b"]) | st.lists(_LEAF, max_size=3) | _MAPPING
_RECORD = st.fixed_dictionaries(
    {"k": st.just("key")}, optional=dict.fromkeys(["m", "n", "s"], _FIELD)
)


@given(_RECORD, _RECORD, st.data())
def test_any_change_to_a_record_is_undone_exactly_and_only_as_it_was_left(
    before: dict[str, Any], after: dict[str, Any], data: st.DataObject
) -> None:
    """Whatever a change did to a record's fields and mappings (keys added, removed,
    changed, values null or nested), its step, as saved, gives the record back as it
    was; once a key or field the step touched has moved on, the undo is refused."""
    from watchlist.storage import journal

    op = journal.diff("t", "key", before, after)
    if op is None:
        assert before == after
        return
    saved = json.loads(json.dumps(op))
    assert journal.revert(saved, after, "now") == before
    touched = [(name, None) for name in saved["before"]] + [
        (name, key)
        for name, change in saved.get("within", {}).items()
        for key in [*change["had"], *change["lacked"]]
    ]
    name, key = data.draw(st.sampled_from(touched))
    if key is None:
        later = {**after, name: "moved on"}
    else:
        later = {**after, name: {**after[name], key: "moved on"}}
    with pytest.raises(UndoConflict):
        journal.revert(saved, later, "now")


# ------------------------------------------------------------------- the TUI


async def test_u_in_the_tui_undoes_the_last_change_and_says_which(tracker: Tracker) -> None:
    from tests.tui_helpers import SIZE, messages, screen_text, settle, tui
    from watchlist.tui.screens.undo_list import UndoList

    tracker.watch("metallic", [1, 5])
    app = tui(tracker)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("/", *"metallic", "enter")
        await settle(pilot)
        await pilot.press("space")  # marks episode 2, the first one not watched
        await settle(pilot)
        assert any("Metallic Rouge: episode 2 watched" in m for m in messages(app))
        assert sorted(tracker.entry("metallic-rouge").watched) == [1, 2, 5]
        await pilot.press("minus")  # the latest mark, not the highest episode
        await settle(pilot)
        assert any("episode 2 unmarked" in m for m in messages(app))
        assert sorted(tracker.entry("metallic-rouge").watched) == [1, 5]
        await pilot.press("u")
        await settle(pilot)
        assert sorted(tracker.entry("metallic-rouge").watched) == [1, 2, 5]
        assert any("Undone: unmarked Metallic Rouge episode 2" in m for m in messages(app))
        await pilot.press("U")
        await pilot.pause()
        assert isinstance(app.screen, UndoList)
        text = screen_text(app)
        assert text.index("watched Metallic Rouge episode 2") < text.index("episodes 1, 5")
        await pilot.press("u")
        await settle(pilot)
        assert sorted(tracker.entry("metallic-rouge").watched) == [1, 5]
        tracker.undo()
        await pilot.press("u")
        await settle(pilot)
        assert any("nothing to undo" in m for m in messages(app, "warning"))
