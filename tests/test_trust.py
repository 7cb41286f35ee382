"""Nothing a user has is lost through ordinary use: each defect users found in an ordinary
sequence of steps, as that sequence."""

from __future__ import annotations

import json
import os
import stat
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import pytest

from tests.cli_helpers import Capsys, run
from tests.conftest import Clock
from tests.disk_helpers import on_disk, rewrite, set_aside_files
from watchlist.domain.dates import PartialDate
from watchlist.domain.model import Status
from watchlist.domain.text import scrub
from watchlist.service.errors import InvalidInput
from watchlist.service.tracker import Tracker
from watchlist.storage import Store

IMPORT_FILES = Path(__file__).parent / "import_files"
BANGUMI = Path(__file__).parent / "catalog_files" / "bangumi-data" / "dist" / "data.json"
FRIEREN = "frieren-beyond-journeys-end"


# ------------------------------------------------------------ 1. a rewatch is a pass


def test_rewatching_and_going_back_keeps_progress_and_the_diary(tracker: Tracker) -> None:
    tracker.watch("frieren", upto=4)
    assert tracker.stats().stats.episodes == 4
    started = tracker.set_status("frieren", "rewatching")
    assert started.entry.progress == 0 and "earlier progress is kept" in started.status_phrase()
    tracker.watch("frieren", [1, 2, 3])
    row = tracker.row(FRIEREN)
    assert row is not None and row.entry.progress == 3 and row.status is Status.REWATCHING
    assert tracker.stats().stats.episodes == 7  # both passes are in the diary
    back = tracker.set_status("frieren", "watching").entry
    assert back.progress == 4 and back.status is Status.WATCHING
    assert tracker.stats().stats.episodes == 7 and back.rewatch_count == 0


def test_finishing_a_rewatch_counts_it_and_returns_to_completed(tracker: Tracker) -> None:
    tracker.watch("metallic", upto=13)
    tracker.set_status("metallic", "rewatching")
    finished = tracker.watch("metallic", upto=13).entry
    assert finished.status is Status.COMPLETED and finished.rewatch_count == 1
    assert tracker.stats().stats.episodes == 26


def test_a_rewatch_round_trips_through_mal_xml(tracker: Tracker, tmp_path: Path) -> None:
    tracker.watch("metallic", upto=13)
    tracker.set_status("metallic", "rewatching")
    tracker.watch("metallic", [1, 2, 3])
    exported = tracker.export("mal-xml").payload.decode()
    assert "<my_rewatching>1</my_rewatching>" in exported
    assert "<my_rewatching_ep>3</my_rewatching_ep>" in exported
    assert "<my_watched_episodes>13</my_watched_episodes>" in exported
    assert "<my_status>Completed</my_status>" in exported
    listing = tmp_path / "mal.xml"
    listing.write_text(exported)
    fresh = Tracker.open(tmp_path / "fresh.json")
    fresh.import_file(listing)
    entry = fresh.entry("metallic-rouge")
    assert entry.status is Status.REWATCHING and entry.progress == 3
    assert entry.paused is not None and len(entry.paused.watched) == 13
    assert fresh.set_status("metallic", "auto").entry.progress == 13


def test_an_anilist_repeat_is_a_rewatch_with_its_own_progress(tracker: Tracker) -> None:
    tracker.import_file(IMPORT_FILES / "anilist-collection.json")
    entry = tracker.entry(FRIEREN)
    assert entry.status is Status.REWATCHING and entry.progress == 5
    assert entry.paused is not None and len(entry.paused.watched) == 28
    assert entry.rewatch_count == 1
    assert "<my_rewatching_ep>5</my_rewatching_ep>" in tracker.export("mal-xml").payload.decode()


# ------------------------------------------------------- 2. '-' undoes the latest mark


def test_minus_unmarks_the_latest_mark_and_keeps_a_backdated_one(tracker: Tracker) -> None:
    tracker.watch("metallic", [1])
    tracker.watch("metallic", [5], on="2024-01-10")  # a catch-up, dated
    tracker.watch("metallic", [2])
    undone = tracker.unwatch_last("metallic")
    assert undone.removed == [2]
    assert undone.entry.watched[5] == PartialDate(2024, 1, 10)


def test_space_names_the_episode_it_marked(tracker: Tracker) -> None:
    tracker.watch("metallic", [1, 5])
    marked = tracker.watch_next("metallic")
    assert marked.added == [2] and marked.describe() == "watched Metallic Rouge episode 2"


# --------------------------------------------------- 3 and 4. backups restore, always


def test_reimporting_your_own_backup_with_undated_episodes_adds_nothing(
    tracker: Tracker, tmp_path: Path, capsys: Capsys
) -> None:
    tracker.import_file(IMPORT_FILES / "malupdater.xml", add_unmatched=True)  # undated
    tracker.watch("metallic", [1])
    backup = tmp_path / "backup.json"
    backup.write_bytes(tracker.export("json").payload)
    before = tracker.store.documents()
    result = run(capsys, "import", str(backup))
    assert result.code == 0, result.err
    assert "0 entries" in result.out and "0 verdicts" in result.out
    after = tracker.store.documents()
    assert {k: v for k, v in after.items() if k != "journal"} == {
        k: v for k, v in before.items() if k != "journal"
    }


def test_a_backup_with_an_imported_seasons_show_restores_on_a_fresh_machine(
    tracker: Tracker, tmp_path: Path
) -> None:
    tracker.import_catalog(BANGUMI, seasons=["spring-2024"])
    imported = next(s for s in tracker.shows("spring-2024") if s.slug not in ("frieren",))
    tracker.watch(imported.slug, [1])
    tracker.give_verdict(imported.slug, score="7")
    backup = tmp_path / "backup.json"
    backup.write_bytes(tracker.export("json").payload)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    fresh = Tracker.open(elsewhere / "watchlist.json")
    fresh.import_file(backup)
    assert fresh.entry(imported.slug).progress == 1
    assert fresh.find(imported.slug).title == imported.title
    assert fresh.detail(imported.slug).current is not None
    assert "spring-2024" in {s.slug for s in fresh.seasons()}


# --------------------------------------------------- 5. an export never hits the data


@pytest.mark.parametrize(
    "target",
    [
        "watchlist.json",
        "watchlist.json.bak",
        "watchlist.json.lock",
        "catalog",
        ".watchlist.json.checked",
        "watchlist.json.damaged-20240101-120000",
        "watchlist.json.bak.damaged-20240101-120000",
        "watchlist.catalog.json.damaged-catalog",
        ".watchlist.catalog.json.undo-0a1b2c3d",
    ],
)
def test_an_export_over_the_database_or_its_files_is_refused(
    capsys: Capsys, db_path: Path, target: str
) -> None:
    assert run(capsys, "verdict", "metallic", "--score", "8").code == 0
    assert run(capsys, "catalog", "import", str(BANGUMI), "--season", "spring-2024").code == 0
    name = "watchlist.catalog.json" if target == "catalog" else target
    path = db_path.with_name(name)
    before = path.read_bytes() if path.exists() else None
    for fmt in ("json", "mal-xml", "csv"):
        result = run(capsys, "export", "--format", fmt, "-o", str(path))
        assert result.code == 2 and "export to another file" in result.err
    assert (path.read_bytes() if path.exists() else None) == before
    assert run(capsys, "show", "metallic", "--json").json()["verdicts"]


def test_an_export_to_a_folder_or_nowhere_is_one_line(capsys: Capsys, tmp_path: Path) -> None:
    for target in (str(tmp_path), "", str(tmp_path / "missing" / "x.json")):
        result = run(capsys, "export", "-o", target)
        assert result.code == 2 and result.err.count("\n") == 1, (target, result.err)
        assert "unexpected" not in result.err


# ------------------------------------------------------ 6. both copies damaged


def test_with_both_copies_damaged_neither_is_ever_overwritten(
    make_store: Callable[..., Store], db_path: Path, clock: Clock
) -> None:
    tracker = Tracker(make_store())
    tracker.give_verdict("metallic", score="8", notes="only in the copy")
    tracker.close()
    backup = db_path.with_name(db_path.name + ".bak")
    backup.write_bytes(db_path.read_bytes())
    damaged_backup = backup.read_bytes()[:-40]  # cut short: a note only it held
    backup.write_bytes(damaged_backup)
    db_path.write_bytes(b"{ not json")
    again = Tracker(make_store())
    notices = " ".join(again.notices())
    assert "last copy was damaged too" in notices
    again.watch("metallic", [1])
    clock.now += timedelta(minutes=5)
    again.watch("metallic", [2])
    backups = sorted(db_path.parent.glob(db_path.name + ".bak.damaged-*"))
    kept = sorted(p.read_bytes() for p in [*set_aside_files(db_path), *backups])
    assert damaged_backup in kept and b"{ not json" in kept


# --------------------------------------------------- 7. --db that is not a database


def _tree(folder: Path) -> set[str]:
    return {str(p.relative_to(folder)) for p in folder.rglob("*")}


@pytest.mark.parametrize(
    "kind",
    [
        "folder",
        "fifo",
        "device",
        "empty",
        "root-like",
        "missing",
        "link to a folder",
        "link to a fifo",
        "dangling link",
        "looping link",
    ],
)
def test_a_db_path_that_is_not_a_file_is_refused_and_nothing_is_touched(
    capsys: Capsys, tmp_path: Path, kind: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    box = tmp_path / "box"
    box.mkdir()
    if kind == "folder":
        target = box / "adir"
        target.mkdir()
    elif kind == "fifo":
        target = box / "pipe"
        os.mkfifo(target)
    elif kind == "device":
        target = box / "null"
        try:
            os.mknod(target, 0o600 | stat.S_IFCHR, os.makedev(1, 3))
        except PermissionError:
            pytest.skip("making a device node needs root")
    elif kind == "empty":
        target = Path("")
    elif kind == "root-like":
        target = box  # a folder given where the file should be, as `--db /` would be
    elif kind == "missing":
        target = box / "no-such-folder" / "w.json"
    elif kind == "link to a folder":
        (box / "adir").mkdir()
        target = box / "link"
        target.symlink_to(box / "adir")
    elif kind == "link to a fifo":
        os.mkfifo(box / "pipe")
        target = box / "link"
        target.symlink_to(box / "pipe")
    elif kind == "dangling link":
        target = box / "link"
        target.symlink_to(box / "nowhere.json")
    else:
        target = box / "loop"
        target.symlink_to(box / "loop")
    before = _tree(box)
    for args in (("watch", "metallic"), ("list",), ("show", "metallic")):
        result = run(capsys, "--db", str(target), *args)
        assert result.code == 2, (kind, args, result.err)
        assert result.err.startswith("watchlist: ") and result.err.count("\n") == 1
    assert _tree(box) == before
    monkeypatch.setenv("WATCHLIST_DB", str(target))
    result = run(capsys, "watch", "metallic")
    assert result.code == 2 or (kind == "empty" and result.code == 0)
    assert _tree(box) == before


def test_a_regular_file_and_a_link_to_one_are_databases(capsys: Capsys, tmp_path: Path) -> None:
    real = tmp_path / "real.json"
    assert run(capsys, "--db", str(real), "watch", "metallic").code == 0
    link = tmp_path / "link.json"
    link.symlink_to(real)
    assert run(capsys, "--db", str(link), "watch", "metallic").code == 0
    assert link.is_symlink() and run(
        capsys, "--db", str(real), "show", "metallic", "--json"
    ).json()["watched"] == [1, 2]


# ------------------------------------------- 8. control characters from a hand-edited file


def test_text_a_hand_edited_file_carries_is_cleaned_as_it_loads(
    capsys: Capsys, db_path: Path
) -> None:
    assert run(capsys, "verdict", "metallic", "--score", "8", "--note", "fine").code == 0
    assert run(capsys, "rate", "metallic", "1", "--note", "ok").code == 0
    data = on_disk(db_path)
    nasty = "clip\x1b]52;c;ZXZpbA==\x07 \x00 blink\x1b[5m \u202e end"
    for verdict in data["verdicts"].values():
        verdict["notes"] = nasty
    for entry in data["entries"].values():
        entry["notes"] = {"1": nasty}
        entry["comments"] = nasty
    rewrite(db_path, data)
    tracker = Tracker.open(db_path)
    detail = tracker.detail("metallic")
    assert detail.current is not None and detail.current.notes == scrub(nasty)
    assert detail.entry.notes[1] == scrub(nasty) and detail.entry.comments == scrub(nasty)
    shown = run(capsys, "show", "metallic", "--json").out
    for raw in ("\x1b", "\x07", "\x00", "\u202e", "\\u001b", "\\u0007", "\\u0000"):
        assert raw not in shown


# ----------------------------------------------------- 10. untouched is not on your list


def test_a_show_never_touched_is_not_on_your_list(capsys: Capsys) -> None:
    assert run(capsys, "catalog", "import", str(BANGUMI), "--season", "spring-2024").code == 0
    assert run(capsys, "status", "ishura", "plan-to-watch").code == 0
    listed = run(capsys, "list", "--season", "all", "--status", "plan-to-watch", "--json").json()
    assert [row["slug"] for row in listed] == ["ishura"]
    stats = run(capsys, "stats", "--json").json()
    assert stats["by_status"]["plan-to-watch"] == 1
    rows = run(capsys, "list", "--json").json()
    assert next(r for r in rows if r["slug"] == "metallic-rouge")["status"] is None
    assert next(r for r in rows if r["slug"] == "ishura")["status"] == "plan-to-watch"


# ------------------------------------------------- 11. suggestions outside the lock


def test_near_miss_suggestions_are_made_after_the_save(
    tracker: Tracker, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from watchlist.service.importing import matching

    entries = "".join(
        f"<anime><series_animedb_id>0</series_animedb_id><series_title>{title}"
        "</series_title><my_watched_episodes>1</my_watched_episodes><my_status>Watching"
        "</my_status></anime>"
        for title in ("Metalic Rouge", "Metallic Rogue", "Metallik Rouge")
    )
    listing = tmp_path / "near.xml"
    listing.write_text(f"<myanimelist>{entries}</myanimelist>")
    locked = []
    real = matching.Matcher.suggest

    def watched_suggest(self: matching.Matcher, entry: object) -> tuple[object, ...]:
        locked.append(tracker.store._working is not None)
        return real(self, entry)  # type: ignore[arg-type]

    monkeypatch.setattr(matching.Matcher, "suggest", watched_suggest)
    report = "\n".join(tracker.import_file(listing).lines)
    assert locked and not any(locked)
    assert "did you mean Metallic Rouge (metallic-rouge)? not applied" in report


# ------------------------------------------------------------------- 12. smaller


def test_a_partial_date_fits_any_day_inside_it(tracker: Tracker) -> None:
    entry = tracker.set_details("metallic", started="2024-01-15", finished="2024-01")
    assert entry.finished == PartialDate(2024, 1)
    with pytest.raises(InvalidInput, match="before the start"):
        tracker.set_details("metallic", started="2024-02-02", finished="2024-01")


def test_a_mal_list_keeps_a_month_finish_beside_a_day_start(
    tracker: Tracker, tmp_path: Path
) -> None:
    listing = tmp_path / "month.xml"
    listing.write_text(
        "<myanimelist><anime><series_animedb_id>54794</series_animedb_id>"
        "<series_title>Metallic Rouge</series_title><my_watched_episodes>13"
        "</my_watched_episodes><my_start_date>2024-03-15</my_start_date>"
        "<my_finish_date>2024-03-00</my_finish_date><my_status>Completed</my_status>"
        "</anime></myanimelist>"
    )
    report = "\n".join(tracker.import_file(listing).lines)
    entry = tracker.entry("metallic-rouge")
    assert entry.started == PartialDate(2024, 3, 15) and entry.finished == PartialDate(2024, 3)
    assert "swapped" not in report


def test_a_utf16_mal_list_that_says_so_is_read(tracker: Tracker, tmp_path: Path) -> None:
    listing = tmp_path / "utf16.xml"
    text = (
        '<?xml version="1.0" encoding="UTF-16"?><myanimelist><anime>'
        "<series_animedb_id>54794</series_animedb_id><series_title>Metallic Rouge"
        "</series_title><my_watched_episodes>2</my_watched_episodes>"
        "<my_status>Watching</my_status></anime></myanimelist>"
    )
    listing.write_bytes(text.encode("utf-16"))
    tracker.import_file(listing)
    assert tracker.entry("metallic-rouge").progress == 2


def test_one_bangumi_item_without_a_title_is_skipped_not_the_dataset(
    tracker: Tracker, tmp_path: Path
) -> None:
    doc = json.loads(BANGUMI.read_text())
    doc["items"].insert(1, {"title": None, "type": "tv"})
    doc["items"].insert(2, "nonsense")
    broken = tmp_path / "data.json"
    broken.write_text(json.dumps(doc))
    report = "\n".join(tracker.import_catalog(broken, seasons=["spring-2024"]).lines)
    assert "record 2: items[1] is not a show with a title" in report
    assert "Added 3 shows" in report and "could not be read" in report


def test_a_watch_dated_before_its_episode_aired_is_refused(tracker: Tracker, clock: Clock) -> None:
    clock.now = clock.now.replace(month=3)
    with pytest.raises(InvalidInput, match="aired on 2024-01-10; 2020-01-01 is before"):
        tracker.watch("metallic", [1], on="2020-01-01")
    assert tracker.entry("metallic-rouge").progress == 0
    noted = tracker.watch("metallic", [3], on="2024-01-11")  # episode 3 is an estimate
    assert noted.notes and "estimate" in noted.notes[0]


def test_backdating_the_first_watch_moves_the_start(tracker: Tracker, clock: Clock) -> None:
    clock.now = clock.now.replace(month=2)
    tracker.watch("metallic", [2])
    moved = tracker.edit_episode("metallic", 2, watched_on="2024-01-20").entry
    assert moved.started == PartialDate(2024, 1, 20)
