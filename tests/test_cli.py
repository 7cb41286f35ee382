"""The CLI: the jobs of PRODUCT.md section 5, exit codes, and bad input that changes nothing."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from tests.cli_helpers import Capsys, run
from tests.disk_helpers import set_aside_files
from tests.test_catalog import REFERENCE
from watchlist.domain.text import MAX_NOTE_CHARS


def reference_titles() -> set[str] | None:
    if not REFERENCE.exists():
        return None
    return {show["title_en"] for show in json.loads(REFERENCE.read_text())}


def test_list_json_gives_every_show_of_the_season(capsys: Capsys) -> None:
    result = run(capsys, "list", "--season", "winter-2024", "--json")
    assert result.code == 0, result.err
    shows = result.json()
    assert len(shows) == 34
    for key in ("slug", "title", "studios", "episodes", "watched", "status", "score"):
        assert key in shows[0]
    titles = reference_titles()
    if titles is not None:
        assert {s["title"] for s in shows} == titles


def test_watch_next_then_show_has_the_timestamp_and_status(capsys: Capsys) -> None:
    assert run(capsys, "watch", "metallic").code == 0
    shown = run(capsys, "show", "metallic", "--json").json()
    assert shown["watched"] == [1]
    assert shown["status"] == "watching"
    assert shown["watched_at"]["1"].endswith("+00:00")
    assert shown["episode_list"][0]["watched_at"] == shown["watched_at"]["1"]


def test_marking_all_thirteen_completes(capsys: Capsys) -> None:
    for _ in range(13):
        assert run(capsys, "watch", "metallic").code == 0
    shown = run(capsys, "show", "metallic-rouge", "--json").json()
    assert shown["watched"] == list(range(1, 14))
    assert shown["status"] == "completed"
    assert shown["finished"] is not None
    again = run(capsys, "watch", "metallic")
    assert again.code == 2 and "already watched" in again.err


def test_upto_and_unwatch(capsys: Capsys) -> None:
    assert run(capsys, "watch", "frieren", "--upto", "20").code == 0
    assert run(capsys, "show", "frieren", "--json").json()["watched"] == list(range(1, 21))
    assert run(capsys, "unwatch", "frieren", "20", "19").code == 0
    assert run(capsys, "show", "frieren", "--json").json()["watched"] == list(range(1, 19))


def test_critics_gives_every_piece_with_its_outlet(capsys: Capsys) -> None:
    result = run(capsys, "critics", "metallic", "--json")
    assert result.code == 0
    pieces = result.json()
    outlets = {p["outlet"] or "unknown" for p in pieces}
    assert {"Anime Feminist", "Let's Weaboo", "The Cosmic Circus", "unknown"} <= outlets
    assert "Anime News Network" in outlets and len(pieces) > 4
    for piece in pieces:
        for key in ("outlet", "critic", "kind", "episode", "stance", "score", "summary"):
            assert key in piece
    feminist = next(p for p in pieces if p["outlet"] == "Anime Feminist")
    assert feminist["critic"] == "Vrai Kaiser" and feminist["published"] == "2024-01-12"
    circus = next(p for p in pieces if p["outlet"] == "The Cosmic Circus")
    assert circus["original"] == "“We'll see”" and circus["critic"] is None


def test_status_by_hand_and_back_to_auto(capsys: Capsys) -> None:
    run(capsys, "watch", "metallic")
    result = run(capsys, "status", "metallic", "on-hold")
    assert result.code == 0 and "set by hand" in result.out
    run(capsys, "watch", "metallic")
    assert run(capsys, "show", "metallic", "--json").json()["status"] == "on-hold"
    assert run(capsys, "status", "metallic", "auto").code == 0
    assert run(capsys, "show", "metallic", "--json").json()["status"] == "watching"


def test_human_output_shows_data_literally(capsys: Capsys) -> None:
    result = run(capsys, "list")
    assert result.code == 0 and "Metallic Rouge" in result.out
    assert run(capsys, "show", "metallic").code == 0
    assert run(capsys, "critics", "metallic").code == 0


def test_ambiguous_and_unknown_shows_list_candidates(capsys: Capsys) -> None:
    ambiguous = run(capsys, "show", "season")
    assert ambiguous.code == 2
    first, *candidates = ambiguous.err.splitlines()
    assert "matches" in first and len(candidates) >= 3
    assert any("classroom-of-the-elite-season-3" in line for line in candidates)
    unknown = run(capsys, "show", "metalic rouge")
    assert unknown.code == 2
    assert "no show matches" in unknown.err and "metallic-rouge" in unknown.err


def test_locate_prints_the_database_path(capsys: Capsys) -> None:
    result = run(capsys, "locate")
    assert result.out.strip() == os.environ["WATCHLIST_DB"]
    other = run(capsys, "--db", "/somewhere/else.json", "locate")
    assert other.out.strip() == "/somewhere/else.json"


def test_version(capsys: Capsys) -> None:
    with pytest.raises(SystemExit) as done:
        run(capsys, "--version")
    assert done.value.code == 0
    assert capsys.readouterr().out.startswith("watchlist ")


BAD_INPUT = {
    "episode 0": ("watch", "metallic", "0"),
    "episode -1": ("watch", "metallic", "--", "-1"),
    "past the last episode": ("watch", "metallic", "14"),
    "upto past the last": ("watch", "metallic", "--upto", "99"),
    "not a number": ("watch", "metallic", "three"),
    "full-width digit": ("watch", "metallic", "３"),
    "arabic-indic digit": ("watch", "metallic", "٣"),
    "underscore": ("watch", "metallic", "1_0"),
    "exponent": ("watch", "metallic", "1e1"),
    "duplicate episodes": ("watch", "metallic", "2", "2"),
    "unwatch unwatched": ("unwatch", "metallic", "5"),
    "score out of range": ("verdict", "metallic", "--score", "11"),
    "score NaN": ("verdict", "metallic", "--score", "NaN"),
    "score inf": ("verdict", "metallic", "--score", "inf"),
    "score negative": ("verdict", "metallic", "--score=-3"),
    "score full-width": ("verdict", "metallic", "--score", "８"),
    "no score or stance": ("verdict", "metallic", "--note", "hmm"),
    "unknown stance": ("verdict", "metallic", "--stance", "maybe"),
    "verdict past the last episode": ("verdict", "metallic", "--score", "7", "--episode", "14"),
    "unknown status": ("status", "metallic", "binging"),
    "unknown show": ("watch", "no such show"),
    "ambiguous show": ("watch", "season"),
    "empty show": ("watch", ""),
    "unknown option": ("watch", "metallic", "--fast"),
    "unknown command": ("binge", "metallic"),
    "unknown season": ("list", "--season", "summer-1999"),
    "unknown list status": ("list", "--status", "binging"),
    "unknown score format": ("settings", "--score-format", "7-star"),
}


@pytest.mark.parametrize("args", BAD_INPUT.values(), ids=BAD_INPUT.keys())
def test_bad_input_is_one_line_exit_2_and_changes_nothing(
    capsys: Capsys, db_path: Path, args: tuple[str, ...]
) -> None:
    run(capsys, "watch", "metallic")  # some state worth protecting
    before = db_path.read_bytes()
    result = run(capsys, *args)
    assert result.code == 2
    assert result.err.startswith("watchlist: ")
    first_line = result.err.splitlines()[0]
    assert "Traceback" not in result.err and len(first_line) < 300
    assert db_path.read_bytes() == before


def test_huge_notes_are_refused_past_the_limit(
    capsys: Capsys, db_path: Path, tmp_path: Path
) -> None:
    run(capsys, "watch", "metallic")
    before = db_path.read_bytes()
    huge = tmp_path / "notes.txt"
    huge.write_text("a" * (5 * 1024 * 1024))
    result = run(capsys, "verdict", "metallic", "--score", "8", "--note-file", str(huge))
    assert result.code == 2 and f"{MAX_NOTE_CHARS:,}" in result.err
    long_arg = run(capsys, "verdict", "metallic", "--score", "8", "--note", "b" * 20_000)
    assert long_arg.code == 2 and "too long" in long_arg.err
    assert db_path.read_bytes() == before
    fits = tmp_path / "fits.txt"
    fits.write_text("c" * MAX_NOTE_CHARS)
    ok = run(capsys, "verdict", "metallic", "--score", "8", "--note-file", str(fits))
    assert ok.code == 0


DAMAGED_FILES = {
    "empty": b"",
    "truncated": b'{"meta":{"1":{"schema":1}},"entries":{"1":{"show":"metal',
    "not json": b"this is not json at all",
    "wrong shape": b'["meta", 1]',
    "a table that is not an object": b'{"meta":{"1":{"schema":1}},"entries":[]}',
    "a record id that is not digits": b'{"meta":{"1":{"schema":1}},"entries":{"1":{},"x":{}}}',
    "an empty record id": b'{"meta":{"1":{"schema":1}},"entries":{"1":{},"":{}}}',
    # Only the id is off: "²" is a digit to str.isdigit, but no number to int.
    "a record id of other digits": (
        '{"meta":{"1":{"schema":1}},"entries":{"²":{"show":"metallic-rouge",'
        '"status":"watching","watched":{"1":null}}}}'
    ).encode(),
}


@pytest.mark.parametrize("content", DAMAGED_FILES.values(), ids=DAMAGED_FILES.keys())
def test_a_damaged_file_gets_exit_1_and_is_kept_byte_for_byte(
    capsys: Capsys, db_path: Path, content: bytes
) -> None:
    db_path.parent.mkdir(parents=True, exist_ok=True)
    db_path.write_bytes(content)
    result = run(capsys, "watch", "metallic")
    assert result.code == 1
    assert "damaged" in result.err and "set aside" in result.err
    assert "Traceback" not in result.err
    (aside,) = set_aside_files(db_path)
    assert aside.read_bytes() == content
    # The command did not run; the next one works on the recovered database.
    assert run(capsys, "show", "metallic", "--json").json()["watched"] == []


def test_a_newer_schema_gets_exit_1_and_is_untouched(capsys: Capsys, db_path: Path) -> None:
    db_path.parent.mkdir(parents=True, exist_ok=True)
    content = b'{"meta":{"1":{"schema":99}}}'
    db_path.write_bytes(content)
    result = run(capsys, "list")
    assert result.code == 1 and "newer watchlist" in result.err
    assert db_path.read_bytes() == content


def test_db_option_and_environment_choose_the_file(
    capsys: Capsys, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    chosen = tmp_path / "elsewhere" / "mine.json"
    refused = run(capsys, "--db", str(chosen), "watch", "metallic")
    assert refused.code == 2 and "does not exist" in refused.err  # only the default is made
    assert not chosen.parent.exists()
    chosen.parent.mkdir()
    assert run(capsys, "--db", str(chosen), "watch", "metallic").code == 0
    assert chosen.exists()
    monkeypatch.setenv("WATCHLIST_DB", str(chosen))
    assert run(capsys, "show", "metallic", "--json").json()["watched"] == [1]


def test_a_command_runs_with_the_cycle_collector_paused_and_gives_it_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: Capsys
) -> None:
    """A command is over in a moment: the collector stays off while it reads and
    saves (at 100,000 shows it would walk every record again and again), and is on
    again when the command returns, even when it fails."""
    import gc

    from watchlist.service.tracker import Tracker

    seen: list[bool] = []
    opened = Tracker.open.__func__  # type: ignore[attr-defined]

    def spy(cls: type[Tracker], *args: object, **kwargs: object) -> Tracker:
        seen.append(gc.isenabled())
        return opened(cls, *args, **kwargs)  # type: ignore[no-any-return]

    monkeypatch.setattr(Tracker, "open", classmethod(spy))
    assert gc.isenabled()
    assert run(capsys, "--db", str(tmp_path / "db.json"), "list", "--json").code == 0
    assert run(capsys, "--db", str(tmp_path / "db.json"), "show", "no-such-show").code == 2
    assert seen == [False, False]
    assert gc.isenabled()
