"""Season catalogs from datasets: bangumi-data and anime-offline-database samples (in
catalog_files/) import into the catalog beside the database; the hand-checked catalog
keeps its facts; user data survives every re-import."""

from __future__ import annotations

import errno
import json
import shutil
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from tests.cli_helpers import Capsys, run
from watchlist.service.catalog_reading import read_dataset
from watchlist.service.tracker import Tracker
from watchlist.storage import Store
from watchlist.storage.lock import ProcessLock

FILES = Path(__file__).parent / "catalog_files"
BANGUMI = FILES / "bangumi-data" / "dist" / "data.json"
OFFLINE = FILES / "anime-offline-database.json"
OFFLINE_LINES = FILES / "anime-offline-database.jsonl"
SPICE = "spice-and-wolf-merchant-meets-the-wise-wolf"
RAVEN = "yatagarasu-the-raven-does-not-choose-its-master"


def text(report: object) -> str:
    return "\n".join(report.lines)  # type: ignore[attr-defined]


def slugs(tracker: Tracker, season: str) -> set[str]:
    return {row.show.slug for row in tracker.rows(season)}


def test_a_bangumi_data_file_adds_its_seasons_from_2024_on(tracker: Tracker) -> None:
    report = text(tracker.import_catalog(BANGUMI))
    assert "Read 8 shows from bangumi-data 0.3.208 (CC BY 4.0)." in report
    assert "Seasons: winter-2024 (2), spring-2024 (3), summer-2024 (3), fall-2024 (1)." in report
    assert "Added 3 shows, updated 0, 0 unchanged." in report
    assert "Matched 2 shows of the hand-checked catalog" in report
    assert "Skipped 1 films, 1 listed twice (merged)." in report
    # The autumn 2023 show is outside the default seasons: not imported, not skipped.
    assert "kingdoms" not in report.lower()
    assert [s.slug for s in tracker.seasons()] == [
        "winter-2024",
        "spring-2024",
        "summer-2024",
        "fall-2024",
    ]
    # A two-cour show is on both boards; the long-running one on three.
    assert SPICE in slugs(tracker, "spring-2024") and SPICE in slugs(tracker, "summer-2024")
    assert "bangumi-473769" in slugs(tracker, "fall-2024")
    assert "metallic-rouge" in slugs(tracker, "winter-2024")
    assert len(slugs(tracker, "winter-2024")) == 34  # the shipped season, nothing doubled


def test_shipped_facts_win_and_each_disagreement_is_listed(tracker: Tracker) -> None:
    report = text(tracker.import_catalog(BANGUMI))
    assert "1 disagreement with the hand-checked catalog" not in report
    assert (
        "Kingdom Season 5: the dataset's first broadcast is 2024-01-07 00:00 JST, "
        "the catalog's 2024-01-13"
    ) in report
    assert "the dataset's last broadcast is 2024-03-24 00:00 JST" in report
    kingdom = tracker.find("kingdom-season-5")
    assert kingdom.premiere == date(2024, 1, 13) and kingdom.finale == date(2024, 3, 30)
    # Metallic Rouge's late-night slot (Wednesday 25:25, Thursday 01:25 JST) is the same
    # broadcast the catalog dates 10 January: no disagreement.
    assert "Metallic Rouge" not in report
    rouge = tracker.find("metallic-rouge")
    assert rouge.premiere == date(2024, 1, 10) and rouge.episodes == 13
    # Only what the catalog left empty is filled, and the show says so.
    assert rouge.finale == date(2024, 4, 3)
    assert rouge.provenance == (
        "hand-checked catalog; other titles, broadcast, finale from bangumi-data 0.3.208 "
        "(CC BY 4.0)"
    )


def test_every_imported_show_says_where_its_facts_came_from(
    tracker: Tracker, capsys: Capsys, db_path: Path
) -> None:
    tracker.import_catalog(BANGUMI)
    tracker.close()
    shown = run(capsys, "show", SPICE, "--json").json()
    assert shown["provenance"] == "bangumi-data 0.3.208 (CC BY 4.0)"
    assert shown["seasons"] == ["spring-2024", "summer-2024"]
    assert shown["premiere"] == "2024-04-01" and shown["finale"] == "2024-09-23"
    # bangumi-data gives no episode count: it stays unknown, with an estimate that says so.
    assert shown["episodes"] is None and shown["expected_episodes"] == 26
    first, second = shown["episode_list"][:2]
    assert first == {**first, "airs": "2024-04-01", "estimated": False, "in_season": None}
    assert second["airs"] == "2024-04-08" and second["estimated"] is True
    human = run(capsys, "show", SPICE).out
    assert "Facts from    bangumi-data 0.3.208 (CC BY 4.0)" in human
    assert "about 26 (counted from the schedule)" in human
    assert "~2024-04-08" in human and "~ estimated" in human


def test_dry_run_writes_nothing_not_even_a_database(capsys: Capsys, db_path: Path) -> None:
    result = run(capsys, "catalog", "import", str(BANGUMI), "--dry-run")
    assert result.code == 0, result.err
    assert "Added 3 shows" in result.out and "Dry run: nothing was written." in result.out
    assert list(db_path.parent.iterdir()) == []  # no database, no lock, no catalog


def test_chosen_seasons_only(tracker: Tracker) -> None:
    report = text(tracker.import_catalog(BANGUMI, seasons=["spring-2024", "winter-2030"]))
    assert "Seasons: spring-2024 (3)." in report
    assert "winter-2030: the file has no series airing then." in report
    assert [s.slug for s in tracker.seasons()] == ["winter-2024", "spring-2024"]
    # The show still knows it airs in summer: that board appears once summer is imported.
    assert tracker.find(SPICE).seasons == ("spring-2024", "summer-2024")
    tracker.import_catalog(BANGUMI, seasons=["all"])
    assert "fall-2023" in [s.slug for s in tracker.seasons()]
    assert "the-kingdoms-of-ruin" in slugs(tracker, "fall-2023")


def test_the_second_format_fills_what_the_first_lacked_and_adds_what_it_missed(
    tracker: Tracker,
) -> None:
    tracker.import_catalog(BANGUMI)
    report = text(tracker.import_catalog(OFFLINE))
    assert "Read 5 shows from anime-offline-database 2024-11-05 (ODbL 1.0)." in report
    assert "Added 1 show, updated 1, 0 unchanged." in report  # Kaiju No. 8; Spice and Wolf
    assert "Skipped 1 films." in report
    spice = tracker.find(SPICE)
    assert spice.episodes == 25 and spice.studios == ("Passione",)  # from the second
    assert spice.premiere == date(2024, 4, 1)  # kept from the first
    assert spice.provenance == (
        "bangumi-data 0.3.208 (CC BY 4.0); anime-offline-database 2024-11-05 (ODbL 1.0)"
    )
    kaiju = tracker.find("kaiju-no-8")
    assert kaiju.season == "spring-2024" and kaiju.episodes == 12 and kaiju.premiere is None
    # The studio written in lower case is the catalog's studio, not a disagreement.
    assert "Metallic Rouge" not in report


def test_json_lines_read_the_same_as_the_json_document(
    make_store: Callable[..., Store], tmp_path: Path
) -> None:
    one = Tracker(make_store(tmp_path / "a" / "db.json"))
    two = Tracker(make_store(tmp_path / "b" / "db.json"))
    assert text(one.import_catalog(OFFLINE)) == text(two.import_catalog(OFFLINE_LINES))
    assert one.find("kaiju-no-8") == two.find("kaiju-no-8")


def both_layouts(doc: dict[str, Any], folder: Path) -> tuple[Path, Path]:
    """An anime-offline-database document written as the JSON file and as JSON Lines."""
    document = folder / "aod.json"
    document.write_text(json.dumps(doc))
    about = {k: v for k, v in doc.items() if k != "data"}
    lines = folder / "aod.jsonl"
    lines.write_text("\n".join(json.dumps(r) for r in [about, *doc["data"]]))
    return document, lines


def test_either_layout_is_cleaned_of_control_characters(tmp_path: Path) -> None:
    doc = json.loads(OFFLINE.read_text())
    doc["data"][0]["title"] = "Metallic\x1b[2J Rouge\u202e"
    doc["data"][0]["synonyms"] = ["\u200bメタリックルージュ"]
    for path in both_layouts(doc, tmp_path):
        dataset, items = read_dataset(path)
        assert dataset.version == "2024-11-05"
        assert items[0].title == "Metallic[2J Rouge"
        assert items[0].titles == ("Metallic[2J Rouge", "メタリックルージュ")


def test_one_unreadable_record_is_skipped_and_reported_not_the_dataset(
    make_store: Callable[..., Store], tmp_path: Path
) -> None:
    doc = json.loads(OFFLINE.read_text())
    doc["data"].insert(1, {"title": None, "sources": []})
    doc["data"].insert(3, "nonsense")
    for n, path in enumerate(both_layouts(doc, tmp_path)):
        tracker = Tracker(make_store(tmp_path / str(n) / "db.json"))
        report = text(tracker.import_catalog(path))
        assert "record 2: it is not an anime with a title" in report
        assert "record 4: it is not an anime with a title" in report
        assert "Skipped 1 films, 2 that could not be read." in report
        # The five good records read as they do alone.
        assert "Added 2 shows, updated 0, 0 unchanged." in report
        assert "Matched 2 shows of the hand-checked catalog" in report
        assert tracker.find("kaiju-no-8").episodes == 12


def test_progress_and_verdicts_survive_every_later_import(tracker: Tracker) -> None:
    tracker.import_catalog(BANGUMI)
    tracker.watch(SPICE, [1, 2])
    tracker.give_verdict(SPICE, score="8", stance="keep-watching", notes="Holo!")
    tracker.watch("bangumi-473769", [1])
    report = text(tracker.import_catalog(BANGUMI))
    assert "Added 0 shows, updated 0, 3 unchanged." in report
    tracker.import_catalog(OFFLINE)
    tracker.import_catalog(BANGUMI, seasons=["all"])
    assert sorted(tracker.entry(SPICE).watched) == [1, 2]
    assert tracker.entry("bangumi-473769").progress == 1
    assert tracker.detail(SPICE).verdicts[-1].notes == "Holo!"
    assert tracker.find(SPICE).episodes == 25


def test_a_show_you_added_yourself_is_left_as_you_have_it(tracker: Tracker) -> None:
    seeds = {
        "season": {
            "slug": "spring-2024",
            "name": "Spring 2024",
            "starts": "2024-04-01",
            "ends": "2024-06-30",
        },
        "shows": [{"slug": "my-raven", "title": "The Raven", "mal_id": 56980, "episodes": 20}],
    }
    mine = Path(tracker.location).with_name("mine.json")
    mine.write_text(json.dumps(seeds))
    tracker.import_file(mine, fmt="seeds")
    report = text(tracker.import_catalog(BANGUMI))
    assert "Left 1 show you added yourself as you have them: my-raven" in report
    assert RAVEN not in slugs(tracker, "spring-2024")
    assert tracker.find("my-raven").episodes == 20


def test_a_damaged_catalog_file_is_set_aside_and_reported(
    tracker: Tracker, make_store: Callable[..., Store], db_path: Path
) -> None:
    tracker.import_catalog(BANGUMI)
    tracker.close()
    beside = db_path.with_name("watchlist.catalog.json")
    beside.write_bytes(beside.read_bytes()[:500])
    again = Tracker(make_store())
    notices = again.notices()
    assert len(notices) == 1 and "could not be read" in notices[0]
    assert "Import the season again" in notices[0]
    assert [s.slug for s in again.seasons()] == ["winter-2024"]
    aside = [p for p in db_path.parent.iterdir() if "catalog" in p.name and p != beside]
    assert aside and aside[0].read_bytes().startswith(b'{"format"')
    again.import_catalog(BANGUMI)
    assert SPICE in slugs(again, "spring-2024")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--season", "autumn-2024"], "'autumn-2024' is not a season: write it like spring-2024"),
        (["--format", "bangumi-data"], ""),
    ],
)
def test_bad_input_is_one_line_and_exit_2(
    capsys: Capsys, tmp_path: Path, args: list[str], message: str
) -> None:
    source = tmp_path / "list.json"
    source.write_text('{"data": [], "nothing": true}')
    result = run(capsys, "catalog", "import", str(source if message == "" else BANGUMI), *args)
    assert result.code == 2
    assert result.err.count("\n") == 1 and "Traceback" not in result.err
    assert message in result.err
    assert not (tmp_path / "data" / "watchlist.catalog.json").exists()


def test_a_file_that_is_no_dataset_is_refused(capsys: Capsys, tmp_path: Path) -> None:
    other = tmp_path / "other.json"
    other.write_text('{"shows": []}')
    result = run(capsys, "catalog", "import", str(other))
    assert result.code == 2
    assert "neither bangumi-data nor anime-offline-database" in result.err


def test_seasons_lists_counts_and_the_current_one(capsys: Capsys, tracker: Tracker) -> None:
    tracker.import_catalog(BANGUMI)
    tracker.close()
    listed = run(capsys, "seasons", "--json").json()
    assert [(s["slug"], s["shows"], s["current"]) for s in listed] == [
        ("winter-2024", 34, True),
        ("spring-2024", 3, False),
        ("summer-2024", 3, False),
        ("fall-2024", 1, False),
    ]
    assert run(capsys, "seasons").out.splitlines()[:2] == [
        "slug\tname\tshows\tcurrent",
        "winter-2024\tWinter 2024\t34\tyes",
    ]
    assert run(capsys, "settings", "--season", "spring-2024").code == 0
    assert run(capsys, "seasons", "--json").json()[1]["current"] is True
    listed_now = run(capsys, "list", "--json").json()
    assert {row["slug"] for row in listed_now} == {SPICE, RAVEN, "bangumi-473769"}
    assert run(capsys, "settings", "--season", "spring-2031").code == 2


def test_a_read_only_database_refuses_the_import(
    capsys: Capsys, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    run(capsys, "list")

    def refuse(self: ProcessLock, *args: object, **kwargs: object) -> None:
        raise OSError(errno.EROFS, "Read-only file system")

    monkeypatch.setattr(ProcessLock, "acquire", refuse)  # chmod does not stop root
    result = run(capsys, "catalog", "import", str(BANGUMI))
    assert result.code == 2 and "read-only" in result.err
    assert not db_path.with_name("watchlist.catalog.json").exists()


def test_the_real_layout_gives_the_version_and_a_copy_elsewhere_none(
    tracker: Tracker, tmp_path: Path
) -> None:
    loose = tmp_path / "data.json"
    shutil.copy(BANGUMI, loose)
    assert "Read 8 shows from bangumi-data (CC BY 4.0)." in text(tracker.import_catalog(loose))
