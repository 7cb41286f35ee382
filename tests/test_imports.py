"""Importing the lists people keep elsewhere: odd entries do not sink a file, a newer export
updates, history stays honest, and AniList's own JSON reads. The files in import_files/
are hand-made in the shapes MAL, AniList and other tools write."""

from __future__ import annotations

import gzip
import io
import json
from pathlib import Path

import defusedxml.ElementTree as SafeET
import pytest

from tests.cli_helpers import Capsys, run
from tests.conftest import START
from watchlist.domain.dates import PartialDate
from watchlist.domain.model import Entry, Status
from watchlist.service.tracker import Tracker

FILES = Path(__file__).parent / "import_files"


def report(result: object) -> str:
    return "\n".join(result.lines)  # type: ignore[attr-defined]


# ----------------------------------------- 1. one odd entry never sinks a file


def test_odd_entries_are_normalised_or_skipped_and_the_rest_imports(tracker: Tracker) -> None:
    result = tracker.import_file(FILES / "anilist-as-mal.xml", add_unmatched=True)
    text = report(result)
    assert result.skipped == 2
    assert "skipped   entry 5: it has neither a title nor a MyAnimeList id" in text
    assert "skipped   entry 6 'Make Heroine ga Oosugiru!'" in text and "'lots'" in text
    # A rewatch's start after the first finish: the start is dropped, the rest kept.
    assert "finished 2023-07-11 before the start 2024-10-05" in text
    hunter = tracker.find("hunter-hunter-2011")
    assert tracker.entry(hunter.slug).status is Status.REWATCHING
    assert tracker.entry(hunter.slug).finished == PartialDate(2023, 7, 11)
    # 14 watched of 12: capped. A date written with slashes; a month-only finish.
    solo = tracker.entry("solo-leveling")
    assert solo.progress == 12 and "14 episodes watched of the 12" in text
    assert solo.started == PartialDate(2024, 1, 7) and solo.finished == PartialDate(2024, 3)
    assert solo.status is Status.COMPLETED  # the numeric code 2
    # A decimal score, kept to the point of 0-100 the store holds.
    assert tracker.detail("metallic").verdicts[-1].score == 75
    assert "kept as 75/100" in text
    # series_episodes 0 (unknown), a year-only start, empty elements.
    cherry = tracker.entry("cherry-magic")
    assert cherry.progress == 4 and cherry.started == PartialDate(2024)
    assert cherry.status is Status.WATCHING
    assert "Added 4 (1 as your own shows), updated 0, unchanged 0, skipped 2" in text


def test_strict_refuses_the_whole_file_at_the_first_odd_entry(
    capsys: Capsys, db_path: Path
) -> None:
    run(capsys, "watch", "metallic")
    before = db_path.read_bytes()
    result = run(capsys, "import", str(FILES / "anilist-as-mal.xml"), "--strict")
    assert result.code == 2 and "--strict" in result.err
    assert len(result.err.strip().splitlines()) == 1
    assert db_path.read_bytes() == before


def test_the_exit_status_says_whether_anything_was_skipped(capsys: Capsys) -> None:
    assert run(capsys, "import", str(FILES / "anilist-as-mal.xml")).code == 1
    assert run(capsys, "import", str(FILES / "malupdater.xml")).code == 0


# ---------------------------------------------------- 2. a newer export updates


def mal(*entries: str) -> bytes:
    return (
        "<myanimelist>" + "".join(f"<anime>{e}</anime>" for e in entries) + "</myanimelist>"
    ).encode()


def rouge(watched: int, status: str = "Watching", score: int = 0, finish: str = "") -> str:
    return (
        "<series_animedb_id>54794</series_animedb_id><series_title>Metallic Rouge</series_title>"
        f"<series_episodes>13</series_episodes><my_watched_episodes>{watched}</my_watched_episodes>"
        f"<my_status>{status}</my_status><my_score>{score}</my_score>"
        f"<my_finish_date>{finish}</my_finish_date><update_on_import>0</update_on_import>"
    )


def test_reimporting_a_newer_export_takes_what_is_ahead_and_keeps_yours(
    tracker: Tracker, tmp_path: Path
) -> None:
    first, later = tmp_path / "first.xml", tmp_path / "later.xml"
    first.write_bytes(mal(rouge(3)))
    later.write_bytes(mal(rouge(13, "Completed", 8, "2024-04-03")))
    tracker.import_file(first)
    tracker.rate_episode("metallic", 2, score="9", note="the car chase")
    tracker.watch("metallic", ["4"])  # watched here since the first export
    result = tracker.import_file(later)
    text = report(result)
    assert "updated   Metallic Rouge (entry 1): progress 4/13 → 13/13" in text
    assert "status watching → completed" in text and "score none → 8" in text
    entry = tracker.entry("metallic-rouge")
    assert entry.progress == 13 and entry.finished == PartialDate(2024, 4, 3)
    assert entry.ratings[2] == 90 and entry.notes[2] == "the car chase"  # never lost
    assert entry.watched[4] is not None  # the moment logged here stays
    again = tracker.import_file(later)
    assert "Added 0, updated 0, unchanged 1" in report(again)


def test_a_file_behind_yours_changes_nothing_unless_you_say_overwrite(
    tracker: Tracker, tmp_path: Path
) -> None:
    tracker.watch("metallic", upto="6")
    tracker.give_verdict("metallic", score="9")
    older = tmp_path / "older.xml"
    older.write_bytes(mal(rouge(2, "Watching", 5)))
    assert "unchanged 1" in report(tracker.import_file(older))
    assert tracker.entry("metallic-rouge").progress == 6
    result = tracker.import_file(older, overwrite=True)
    assert "progress 6/13 → 2/13" in report(result) and "score 9 → 5" in report(result)
    assert tracker.entry("metallic-rouge").progress == 2
    assert tracker.detail("metallic").verdicts[-1].score == 50


def test_an_entry_that_asks_to_update_wins(tracker: Tracker, tmp_path: Path) -> None:
    tracker.watch("metallic", upto="6")
    asks = tmp_path / "asks.xml"
    asks.write_bytes(mal(rouge(2).replace("<update_on_import>0", "<update_on_import>1")))
    tracker.import_file(asks)
    assert tracker.entry("metallic-rouge").progress == 2


def test_the_dry_run_shows_old_and_new_per_show_and_writes_nothing(
    tracker: Tracker, tmp_path: Path, db_path: Path
) -> None:
    tracker.watch("metallic", upto="3")
    newer = tmp_path / "newer.xml"
    newer.write_bytes(mal(rouge(5, score=7)))
    before = db_path.read_bytes()
    result = tracker.import_file(newer, dry_run=True)
    assert db_path.read_bytes() == before
    lines = result.lines
    assert lines[-1] == "Dry run: nothing was written."
    assert any("progress 3/13 → 5/13" in line and "score none → 7" in line for line in lines)


# ------------------------------------------------- 3. one id twice is one show


def test_the_same_id_twice_in_one_file_is_one_show(tracker: Tracker) -> None:
    result = tracker.import_file(FILES / "malupdater.xml", add_unmatched=True)
    text = report(result)
    assert "entries 2 and 3 'Sousou no Frieren' are the same show; entry 3" in text
    assert tracker.entry("frieren-beyond-journeys-end").progress == 24
    assert len([s for s in tracker.shows() if s.mal_id == 52991]) == 1


# ---------------------------------------------- 4. gzip and BOMs by their bytes


def test_gzip_and_byte_order_marks_are_told_by_the_bytes(tracker: Tracker, tmp_path: Path) -> None:
    plain = mal(rouge(2))
    misnamed = tmp_path / "list.xml"  # gzipped, but not named so
    misnamed.write_bytes(gzip.compress(plain))
    tracker.import_file(misnamed)
    assert tracker.entry("metallic-rouge").progress == 2
    for encoding, bom in (("utf-8", b"\xef\xbb\xbf"), ("utf-16-le", b"\xff\xfe")):
        marked = tmp_path / f"{encoding}.xml"
        marked.write_bytes(bom + mal(rouge(3)).decode().encode(encoding))
        tracker.import_file(marked)
        assert tracker.entry("metallic-rouge").progress == 3


def test_import_from_standard_input(capsys: Capsys, monkeypatch: pytest.MonkeyPatch) -> None:
    import io
    import sys

    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(mal(rouge(4)))))
    result = run(capsys, "import", "-")
    assert result.code == 0 and "standard input" in result.out
    assert run(capsys, "show", "metallic", "--json").json()["watched"] == [1, 2, 3, 4]


# ------------------------------------------ 5 and 10. partial dates, honest history


def test_history_from_an_undated_list_is_undated_not_this_week(
    tracker: Tracker, tmp_path: Path
) -> None:
    undated = tmp_path / "undated.xml"
    undated.write_bytes(
        mal(
            rouge(13, "Completed"),
            "<series_animedb_id>52299</series_animedb_id><my_watched_episodes>12"
            "</my_watched_episodes><my_start_date>2024-01-00</my_start_date>"
            "<my_finish_date>2024-03-30</my_finish_date><my_status>Completed</my_status>",
        )
    )
    tracker.import_file(undated)
    solo = tracker.entry("solo-leveling")
    assert solo.watched[1] == PartialDate(2024, 1)  # the start, as precisely as given
    assert solo.watched[12] == PartialDate(2024, 3, 30)
    assert all(solo.watched[n] is None for n in range(2, 12))
    stats = tracker.stats().stats
    assert stats.episodes == 25
    assert stats.undated == 24  # 13 of Metallic Rouge, 11 of Solo Leveling (one is dated)
    assert sum(week.episodes for week in stats.weeks) == 1
    now = tracker.now
    assert not any(abs((week.week_start - now.date()).days) < 7 for week in stats.weeks)


def test_stats_on_the_command_line_say_how_many_episodes_are_undated(
    capsys: Capsys, tmp_path: Path
) -> None:
    undated = tmp_path / "undated.xml"
    undated.write_bytes(mal(rouge(13, "Completed")))
    run(capsys, "import", str(undated))
    assert run(capsys, "stats", "--json").json()["undated_episodes"] == 13
    assert "13 episodes watched on no known day" in run(capsys, "stats").out
    shown = run(capsys, "show", "metallic").out
    assert "undated" in shown


def test_a_backup_with_undated_episodes_restores_them_undated(
    tracker: Tracker, tmp_path: Path
) -> None:
    backup = tmp_path / "old.json"
    backup.write_text(
        json.dumps(
            {
                "format": "watchlist-backup",
                "version": 1,
                "entries": [
                    {
                        "show": "metallic-rouge",
                        "status": "watching",
                        "watched": {"1": "2024-01-10", "2": None, "3": None},
                        "started": "2024-01",
                    }
                ],
            }
        )
    )
    tracker.import_file(backup)
    entry = tracker.entry("metallic-rouge")
    assert entry.watched == {1: PartialDate(2024, 1, 10), 2: None, 3: None}
    assert entry.started == PartialDate(2024, 1)
    assert tracker.stats().stats.undated == 2


# ---------------------------------------- 6. exports hold only what XML can hold


def test_mal_export_drops_what_xml_forbids_and_round_trips_the_rest(
    tracker: Tracker, make_store: object, tmp_path: Path
) -> None:
    note = "Naomi \ufffe<3 & [friends]\u0007 — 最高"
    with tracker.store.transaction() as tx:
        tx.put(Entry("metallic-rouge", Status.WATCHING, watched={1: START}, comments=note))
    exported = tracker.export("mal-xml")
    assert "2 characters XML cannot hold were left out" in exported.what
    SafeET.fromstring(exported.payload)  # any XML parser reads it
    path = tmp_path / "list.xml"
    path.write_bytes(exported.payload)
    fresh = Tracker(make_store(tmp_path / "fresh.json"))  # type: ignore[operator]
    fresh.import_file(path)
    assert fresh.entry("metallic-rouge").comments == "Naomi <3 & [friends] — 最高"


# --------------------------------------------------------- 7. a dry run is dry


def test_a_dry_run_leaves_nothing_anywhere(capsys: Capsys, tmp_path: Path) -> None:
    folder = tmp_path / "nowhere"
    result = run(
        capsys, "--db", str(folder / "w.json"), "import", str(FILES / "malupdater.xml"), "--dry-run"
    )
    assert result.code == 2 and "does not exist" in result.err  # refused, not made
    assert not folder.exists()
    folder.mkdir()
    result = run(
        capsys, "--db", str(folder / "w.json"), "import", str(FILES / "malupdater.xml"), "--dry-run"
    )
    assert result.code == 0 and "Dry run: nothing was written." in result.out
    assert list(folder.iterdir()) == []


# ------------------------------------------------- 8 and 9. BOMs, odd argument bytes


def test_byte_order_marks_are_stripped_from_note_and_piece_files(
    capsys: Capsys, tmp_path: Path
) -> None:
    note = tmp_path / "note.txt"
    note.write_bytes(b"\xef\xbb\xbfGood so far.")
    assert run(capsys, "verdict", "metallic", "--score", "7", "--note-file", str(note)).code == 0
    assert run(capsys, "compare", "metallic", "--json").json()["you"]["notes"] == "Good so far."
    for name, text in (
        ("piece.toml", 'outlet = "Blog"\nkind = "season"\nscore = 60\nsummary = "Fine."\n'),
        ("piece.json", '{"outlet": "Blog", "kind": "season", "score": 60, "summary": "Fine."}'),
    ):
        piece = tmp_path / name
        piece.write_bytes(b"\xef\xbb\xbf" + text.encode())
        result = run(capsys, "review", "add", "metallic", "--file", str(piece))
        assert result.code == 0, result.err


def test_bytes_that_are_not_utf8_in_an_argument_are_one_clear_line(capsys: Capsys) -> None:
    bad = b"metal\xff".decode("utf-8", "surrogateescape")  # what Python makes of such bytes
    result = run(capsys, "show", bad)
    assert result.code == 2 and "not valid UTF-8" in result.err
    assert len(result.err.strip().splitlines()) == 1


# ------------------------------------------------ 11. titles, never across seasons


def test_title_matching_ignores_spacing_but_never_crosses_seasons(tracker: Tracker) -> None:
    text = report(tracker.import_file(FILES / "malupdater.xml"))
    # "Urusei Yatsura (2022)" is the first season; the catalog holds the second.
    assert "unmatched entry 4 'Urusei Yatsura (2022)', MyAnimeList 50710" in text
    assert tracker.entry("urusei-yatsura-2022-season-2").progress == 0
    # "Ao no Exorcist" is not the Shimane Illuminati Saga.
    assert tracker.entry("blue-exorcist-shimane-illuminati-saga").progress == 0
    assert "unmatched entry 5 'Ao no Exorcist'" in text
    # "dewa" against the catalog's "de wa": the same title.
    assert tracker.entry("villainess-level-99").progress == 2
    assert "'5' is not a status MAL writes" in text


def test_a_near_miss_is_suggested_and_not_applied(tracker: Tracker, tmp_path: Path) -> None:
    near = tmp_path / "near.xml"
    near.write_bytes(
        mal(
            "<series_title>Sasaki to Pii-chan 2</series_title><my_watched_episodes>1"
            "</my_watched_episodes>"
        )
    )
    text = report(tracker.import_file(near))
    assert "did you mean Sasaki and Peeps (sasaki-and-peeps)? not applied" in text
    assert tracker.entry("sasaki-and-peeps").progress == 0


# ------------------------------------------------------------- AniList JSON


def test_anilist_json_with_all_six_statuses(tracker: Tracker) -> None:
    result = tracker.import_file(FILES / "anilist-collection.json")
    text = report(result)
    assert "AniList import from anilist-collection.json: 6 entries" in text
    assert "scores read as POINT_10 (the file's score format)" in text
    statuses = {
        slug: tracker.entry(slug).status
        for slug in (
            "metallic-rouge",
            "solo-leveling",
            "ishura",
            "chained-soldier",
            "doctor-elise",
            "frieren-beyond-journeys-end",
        )
    }
    assert statuses == {
        "metallic-rouge": Status.WATCHING,
        "solo-leveling": Status.PLAN_TO_WATCH,
        "ishura": Status.COMPLETED,
        "chained-soldier": Status.DROPPED,
        "doctor-elise": Status.ON_HOLD,  # no idMal: matched by its romaji title
        "frieren-beyond-journeys-end": Status.REWATCHING,
    }
    assert tracker.detail("metallic").verdicts[-1].score == 80
    assert tracker.entry("metallic-rouge").comments == "Naomi steals it"
    ishura = tracker.entry("ishura")
    assert ishura.started == PartialDate(2024, 1) and ishura.finished == PartialDate(2024, 3, 27)
    assert tracker.entry("doctor-elise").started == PartialDate(2024)
    assert tracker.entry("solo-leveling").started is None  # missing dates stay missing
    assert tracker.entry("frieren-beyond-journeys-end").rewatch_count == 1
    assert "the start date was left out" in text


def test_anilist_scores_follow_the_score_format_and_the_report_says_which(
    tracker: Tracker, make_store: object, tmp_path: Path
) -> None:
    text = report(tracker.import_file(FILES / "anilist-no-format.json"))
    assert "scores read as POINT_100 (guessed: the file does not say" in text
    assert tracker.detail("ishura").verdicts[-1].score == 90
    stars = Tracker(make_store(tmp_path / "stars.json"))  # type: ignore[operator]
    doc = json.loads((FILES / "anilist-no-format.json").read_text())
    for group in doc["data"]["MediaListCollection"]["lists"]:
        for item in group["entries"]:
            item["score"] = min(5, item["score"] // 20)
    five = tmp_path / "five.json"
    five.write_text(json.dumps(doc))
    text = report(stars.import_file(five, score_format="POINT_5"))
    assert "scores read as POINT_5 (as given with --score-format)" in text
    assert stars.detail("ishura").verdicts[-1].score == 80


def test_both_list_formats_cap_episodes_and_order_dates_in_the_same_words() -> None:
    from watchlist.interop import anilist_json, mal_xml

    def mal_entry(times: int) -> str:
        return (
            "<series_animedb_id>54794</series_animedb_id><series_title>Metallic Rouge"
            "</series_title><series_episodes>13</series_episodes><my_watched_episodes>14"
            "</my_watched_episodes><my_status>Completed</my_status><my_start_date>2024-04-03"
            "</my_start_date><my_finish_date>2024-01-10</my_finish_date>"
            f"<my_times_watched>{times}</my_times_watched>"
        )

    def anilist_entry(repeat: int) -> dict[str, object]:
        return {
            "media": {"idMal": 54794, "title": {"romaji": "Metallic Rouge"}, "episodes": 13},
            "progress": 14,
            "status": "COMPLETED",
            "repeat": repeat,
            "startedAt": {"year": 2024, "month": 4, "day": 3},
            "completedAt": {"year": 2024, "month": 1, "day": 10},
        }

    entries = [anilist_entry(0), anilist_entry(1)]
    doc = {"data": {"MediaListCollection": {"lists": [{"entries": entries}]}}}
    for word, listing in (
        ("finished", mal_xml.read_list(io.BytesIO(mal(mal_entry(0), mal_entry(1))), "a.xml")),
        ("completed", anilist_json.read_list(doc, "a.json", "POINT_10")),
    ):
        slip, rewatch = listing.entries
        assert slip.fixes == [
            "14 episodes watched of the 13 it has; counted as 13",
            f"{word} 2024-01-10 before the start 2024-04-03; the dates were swapped",
        ]
        assert slip.watched == 13
        assert (slip.started, slip.finished) == (PartialDate(2024, 1, 10), PartialDate(2024, 4, 3))
        assert rewatch.fixes[-1] == (
            f"{word} 2024-01-10 before the start 2024-04-03 (a rewatch began then); "
            "the start date was left out"
        )
        assert rewatch.started is None and rewatch.finished == PartialDate(2024, 1, 10)


def test_a_broken_anilist_file_is_refused_whole(capsys: Capsys, tmp_path: Path) -> None:
    broken = tmp_path / "list.json"
    broken.write_text(json.dumps({"data": {"MediaListCollection": {"lists": [{"name": "x"}]}}}))
    result = run(capsys, "import", str(broken))
    assert result.code == 2 and "lists[0] has no 'entries' list" in result.err


def test_an_import_shows_progress_on_a_terminal(tracker: Tracker, tmp_path: Path) -> None:
    many = tmp_path / "many.xml"
    many.write_bytes(
        mal(
            *(
                f"<series_title>Show {n}</series_title><my_watched_episodes>1</my_watched_episodes>"
                for n in range(2500)
            )
        )
    )
    seen: list[tuple[int, int]] = []
    tracker.import_file(many, progress=lambda done, total: seen.append((done, total)))
    assert seen == [(1000, 2500), (2000, 2500)]
