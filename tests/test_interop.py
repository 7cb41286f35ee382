"""Interop: JSON backup and restore, MyAnimeList XML both ways, diary CSV, pieces and shows
from files. Imports are all-or-nothing: every fault leaves the database byte-for-byte unchanged."""

from __future__ import annotations

import csv
import gzip
import io
import json
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.cli_helpers import Capsys, run
from watchlist.domain.model import Origin, Show
from watchlist.service.tracker import Tracker
from watchlist.storage import Store
from watchlist.tui.screenshots import sample_tracker


@pytest.fixture
def sample(tmp_path: Path) -> Tracker:
    """A database with a season of history, away from the CLI's own database."""
    folder = tmp_path / "sample"
    folder.mkdir()
    return sample_tracker(folder)


def snapshot_of(tracker: Tracker) -> dict[str, object]:
    """Everything the user owns, as comparable domain objects."""

    def view(s):  # type: ignore[no-untyped-def]
        return {
            "entries": dict(s.entries),
            "verdicts": {k: list(v) for k, v in s.verdicts.items() if v},
            "settings": s.settings,
            "shows": {k: v for k, v in s.shows.items() if v.origin is Origin.USER},
            "pieces": {k: v for k, v in s.pieces.items() if v.origin is Origin.USER},
            "seasons": {k: v for k, v in s.seasons.items() if v.origin is Origin.USER},
        }

    return tracker.store.read(view)


def test_json_backup_restores_the_same_state_field_by_field(
    sample: Tracker, make_store: Callable[..., Store], tmp_path: Path
) -> None:
    sample.update_settings(score_format="5-star", blind=True, theme="nord")
    with sample.store.transaction() as tx:
        tx.put(Show("my-show", "My [own] show", episodes=3, origin=Origin.USER))
    piece = tmp_path / "piece.toml"
    piece.write_text(
        'outlet = "My Blog"\nkind = "episode"\nepisode = 2\nscore = 70\n'
        'summary = "Better than the premiere."\n'
    )
    sample.add_piece("metallic", piece)
    backup = tmp_path / "backup.json"
    backup.write_bytes(sample.export("json").payload)
    fresh = Tracker(make_store(tmp_path / "fresh" / "db.json"))
    lines = fresh.import_file(backup).lines
    assert "restore into an empty database" in lines[0]
    before, after = snapshot_of(sample), snapshot_of(fresh)
    for field in before:
        assert after[field] == before[field], field
    assert after["settings"].score_format.value == "5-star"  # type: ignore[attr-defined]
    # Importing the same backup again adds nothing.
    again = fresh.import_file(backup).lines
    assert "0 entries" in again[0] and "0 verdicts" in again[0]
    assert snapshot_of(fresh) == after


def test_json_backup_merges_into_existing_data(
    sample: Tracker, make_store: Callable[..., Store], tmp_path: Path
) -> None:
    backup = tmp_path / "backup.json"
    backup.write_bytes(sample.export("json").payload)
    mine = Tracker(make_store(tmp_path / "mine" / "db.json"))
    mine.watch("metallic", ["10", "11"])
    mine.update_settings(score_format="100")
    lines = mine.import_file(backup).lines
    assert "merge into your data" in lines[0]
    entry = mine.entry("metallic-rouge")
    assert sorted(entry.watched) == [1, 2, 3, 4, 5, 6, 10, 11]  # both sets of episodes
    assert mine.settings().score_format.value == "100"  # the database's settings stay
    assert len(mine.detail("metallic").verdicts) == 2


def test_mal_export_then_import_gives_the_same_list(
    sample: Tracker, make_store: Callable[..., Store], tmp_path: Path
) -> None:
    exported = sample.export("mal-xml").payload
    xml = tmp_path / "animelist.xml"
    xml.write_bytes(exported)
    fresh = Tracker(make_store(tmp_path / "fresh" / "db.json"))
    report = fresh.import_file(xml).lines
    assert "Added 7, updated 0, unchanged 0, skipped 0, unmatched 0." in report
    assert fresh.export("mal-xml").payload == exported
    for slug in (
        "metallic-rouge",
        "frieren-beyond-journeys-end",
        "ishura",
        "the-apothecary-diaries",
        "delicious-in-dungeon",
    ):
        theirs, ours = sample.entry(slug), fresh.entry(slug)
        assert (ours.progress, ours.status, ours.started, ours.finished) == (
            theirs.progress,
            theirs.status,
            theirs.started,
            theirs.finished,
        )
    assert fresh.detail("frieren").verdicts[-1].score == 100
    assert fresh.entry("metallic-rouge").comments == "The mystery drags. Still here for Naomi."


def mal_xml(entries: list[dict[str, object]]) -> bytes:
    parts = [
        '<?xml version="1.0" encoding="UTF-8" ?>',
        "<myanimelist>",
        "<myinfo><user_name>someone</user_name><user_export_type>1</user_export_type></myinfo>",
    ]
    for e in entries:
        parts.append("<anime>")
        for key, value in e.items():
            if key in ("series_title", "my_comments"):  # text fields are CDATA, as MAL writes
                parts.append(f"<{key}><![CDATA[{value}]]></{key}>")
            else:
                parts.append(f"<{key}>{value}</{key}>")
        parts.append("</anime>")
    parts.append("</myanimelist>")
    return "\n".join(parts).encode()


def entry(mal_id: int, title: str, **fields: object) -> dict[str, object]:
    base: dict[str, object] = {
        "series_animedb_id": mal_id,
        "series_title": title,
        "series_type": "TV",
        "series_episodes": 12,
        "my_watched_episodes": 12,
        "my_start_date": "2020-01-01",
        "my_finish_date": "2020-03-20",
        "my_score": 7,
        "my_status": "Completed",
        "my_comments": "",
        "my_times_watched": 0,
        "my_rewatching": 0,
        "update_on_import": 1,
    }
    base.update(fields)
    return base


def hundreds_of_entries() -> list[dict[str, object]]:
    entries = [entry(1_000_000 + n, f"Some Older Show {n}") for n in range(300)]
    entries += [
        entry(
            54794,
            "Metallic Rouge",
            series_episodes=13,
            my_watched_episodes=5,
            my_status="Watching",
            my_finish_date="0000-00-00",
            my_score=6,
            my_comments="Naomi <3 & [friends]",
        ),
        entry(52991, "Sousou no Frieren", series_episodes=28, my_watched_episodes=28),
        # No id, matched by romaji title with a different spelling of long vowels.
        entry(
            0,
            "Youkoso Jitsuryoku Shijou Shugi no Kyoushitsu e 3rd Season",
            series_episodes=13,
            my_watched_episodes=2,
            my_status="Watching",
        ),
        entry(0, "Gekai Elise", my_watched_episodes=1, my_status="Watching", my_score=0),
        # The first season of a show whose second season is in the catalog.
        entry(50710, "Urusei Yatsura (2022) 2nd Season", series_episodes=23),
        # A second entry for a show already matched.
        entry(54794, "Metallic Rouge", series_episodes=13, my_watched_episodes=1),
        # More episodes than the show has.
        entry(0, "Snack Basue", series_episodes=0, my_watched_episodes=30),
    ]
    return entries


def test_a_big_mal_export_imports_with_a_correct_report(
    tracker: Tracker, tmp_path: Path, db_path: Path
) -> None:
    xml = tmp_path / "animelist_1700000000_-_123.xml.gz"
    xml.write_bytes(gzip.compress(mal_xml(hundreds_of_entries())))
    before = db_path.read_bytes()
    dry = tracker.import_file(xml, dry_run=True).lines
    assert db_path.read_bytes() == before
    assert "307 entries" in dry[0]
    text = "\n".join(dry)
    assert "Added 5, updated 0, unchanged 0, skipped 0, unmatched 301." in text
    assert "another season or part" in text  # Urusei Yatsura's first season
    assert "entries 301 and 306 'Metallic Rouge' are the same show; entry 301" in text
    assert "30 episodes watched, but Snack Basue has 13; counted as 13" in text
    assert dry[-1] == "Dry run: nothing was written."
    lines = tracker.import_file(xml, add_unmatched=True).lines
    assert "Added 306 (301 as your own shows)" in "\n".join(lines)
    rouge = tracker.entry("metallic-rouge")
    assert rouge.progress == 5 and rouge.status.value == "watching"
    assert rouge.comments == "Naomi <3 & [friends]"
    assert tracker.detail("metallic").verdicts[-1].score == 60
    assert tracker.entry("classroom-of-the-elite-season-3").progress == 2
    assert tracker.entry("snack-basue").progress == 13
    older = tracker.find("some-older-show-7")
    assert older.episodes == 12 and older.mal_id == 1_000_007 and older.origin is Origin.USER
    assert tracker.entry(older.slug).status.value == "completed"
    first_season = tracker.find("urusei-yatsura-2022-2nd-season")
    assert first_season.mal_id == 50710  # its own show, not the catalog's second season


def test_the_older_variant_other_trackers_write(tracker: Tracker, tmp_path: Path) -> None:
    xml = tmp_path / "taiga.xml"
    xml.write_bytes(
        b"<myanimelist><anime><series_animedb_id>52299</series_animedb_id>"
        b"<series_title>Ore dake Level Up na Ken</series_title>"
        b"<my_watched_episodes>3</my_watched_episodes><my_score>8</my_score>"
        b"<my_status>1</my_status></anime></myanimelist>"
    )
    tracker.import_file(xml)
    solo = tracker.entry("solo-leveling")
    assert solo.progress == 3 and solo.status.value == "watching"


def test_csv_diary_has_a_row_per_episode(capsys: Capsys, tmp_path: Path) -> None:
    run(capsys, "watch", "metallic", "--upto", "2")
    run(capsys, "rate", "metallic", "1", "--score", "9", "--note", '=HYPERLINK("x")')
    out = tmp_path / "diary.csv"
    result = run(capsys, "export", "--format", "csv", "-o", str(out))
    assert result.code == 0 and "2 episodes" in result.out
    rows = list(csv.reader(io.StringIO(out.read_text())))
    assert rows[0] == ["date", "show", "slug", "episode", "rating (score format 10)", "note"]
    assert rows[1][1:5] == ["Metallic Rouge", "metallic-rouge", "1", "9"]
    assert rows[1][5] == '\'=HYPERLINK("x")'  # never a formula in a spreadsheet
    assert len(rows) == 3


def test_critic_pieces_from_toml_and_json(capsys: Capsys, tmp_path: Path) -> None:
    before = len(run(capsys, "critics", "metallic", "--json").json())
    toml = tmp_path / "piece.toml"
    toml.write_text(
        'outlet = "Anime [News] Weekly"\ncritic = "A. Critic"\npublished = 2024-01-20\n'
        'kind = "episode"\nepisode = 2\nstance = "must-watch"\nrating = "4.5/5"\n'
        'summary = "The second episode finds its feet."\nhighlights = ["Pacing"]\n'
    )
    result = run(capsys, "review", "add", "metallic", "--file", str(toml))
    assert result.code == 0, result.err
    pieces = run(capsys, "critics", "metallic", "--json", "--spoilers", "show").json()
    mine = next(p for p in pieces if p["outlet"] == "Anime [News] Weekly")
    assert (mine["score"], mine["stance"], mine["episode"]) == (90, "must-watch", 2)
    assert mine["original"] == "4.5/5" and mine["published"] == "2024-01-20"
    as_json = tmp_path / "piece.json"
    as_json.write_text(
        json.dumps({"outlet": "Blog", "kind": "season", "score": 40, "summary": "Fell apart."})
    )
    assert run(capsys, "review", "add", "metallic", "--file", str(as_json)).code == 0
    assert len(run(capsys, "critics", "metallic", "--json").json()) == before + 2


def test_shows_and_a_season_from_a_seeds_file(capsys: Capsys, tmp_path: Path) -> None:
    seeds = tmp_path / "spring.json"
    seeds.write_text(
        json.dumps(
            {
                "season": {
                    "slug": "spring-2024",
                    "name": "Spring 2024",
                    "starts": "2024-04-01",
                    "ends": "2024-06-30",
                },
                "shows": [
                    {
                        "slug": "my-spring-show",
                        "title": "My Spring Show",
                        "episodes": 12,
                        "premiere": "2024-04-05",
                        "studios": ["Somewhere"],
                    }
                ],
                "pieces": [],
            }
        )
    )
    result = run(capsys, "import", str(seeds))
    assert result.code == 0 and "season spring-2024, 1 show," in result.out
    listed = run(capsys, "list", "--season", "spring-2024", "--json").json()
    assert [s["slug"] for s in listed] == ["my-spring-show"]
    assert run(capsys, "watch", "my spring").code == 0


BAD_IMPORTS = {
    "malformed xml": ("list.xml", b"<myanimelist><anime><series_title>x</anime>", "line 1"),
    "external entity": (
        "xxe.xml",
        b'<?xml version="1.0"?><!DOCTYPE m [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        b"<myanimelist><anime><series_title>&x;</series_title></anime></myanimelist>",
        "DTD",
    ),
    "entity bomb": (
        "bomb.xml",
        b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>'
        b"<myanimelist><anime><series_title>&lol2;</series_title></anime></myanimelist>",
        "DTD",
    ),
    "not a list": ("list.xml", b"<html><body>hi</body></html>", "<html>"),
    "newer backup": (
        "backup.json",
        json.dumps({"format": "watchlist-backup", "version": 9}).encode(),
        "newer watchlist",
    ),
    "backup with a bad record": (
        "backup.json",
        json.dumps(
            {
                "format": "watchlist-backup",
                "version": 1,
                "entries": [{"show": "metallic-rouge", "status": "binging"}],
            }
        ).encode(),
        "entries[0]",
    ),
    "backup for an unknown show": (
        "backup.json",
        json.dumps(
            {
                "format": "watchlist-backup",
                "version": 1,
                "entries": [{"show": "no-such-show", "status": "watching"}],
            }
        ).encode(),
        "no-such-show",
    ),
    "not json": ("backup.json", b'{"format": "watchlist-backup", ', "not valid JSON"),
    "backup with a record twice": (
        "backup.json",
        json.dumps(
            {
                "format": "watchlist-backup",
                "version": 1,
                "entries": [
                    {"show": "metallic-rouge", "status": "watching"},
                    {"show": "metallic-rouge", "status": "dropped"},
                ],
            }
        ).encode(),
        "entries[1]: a second record",
    ),
    "backup past the last episode": (
        "backup.json",
        json.dumps(
            {
                "format": "watchlist-backup",
                "version": 1,
                "entries": [
                    {
                        "show": "metallic-rouge",
                        "status": "watching",
                        "watched": {"52": "2024-01-11T21:00:00+00:00"},
                    }
                ],
            }
        ).encode(),
        "episode 52 of 'metallic-rouge', which has 13",
    ),
    "backup with a huge note": (
        "backup.json",
        json.dumps(
            {
                "format": "watchlist-backup",
                "version": 1,
                "entries": [
                    {"show": "metallic-rouge", "status": "watching", "notes": {"1": "x" * 20_000}}
                ],
            }
        ).encode(),
        "limit is 10,000",
    ),
    "seeds with a piece twice": (
        "spring.json",
        json.dumps(
            {
                "season": {
                    "slug": "s-2024",
                    "name": "S",
                    "starts": "2024-04-01",
                    "ends": "2024-06-30",
                },
                "shows": [{"slug": "my-show", "title": "Mine", "episodes": 2}],
                "pieces": [
                    {
                        "id": "my-show/x",
                        "show": "my-show",
                        "kind": "season",
                        "stance": "drop",
                        "score": 10,
                        "score_reason": "r",
                        "summary": "s",
                    }
                ]
                * 2,
            }
        ).encode(),
        "pieces[1]: a second piece",
    ),
}

# Odd entries refuse the file only with --strict; without it they are normalised or skipped.
STRICT_ONLY = {
    "missing id and title": ([{"my_watched_episodes": 3}], "neither a title nor"),
    "negative episodes": ([entry(54794, "Metallic Rouge", my_watched_episodes=-2)], "count"),
    "score 42": ([entry(54794, "Metallic Rouge", my_score=42)], "outside 1-10"),
    "unknown status": ([entry(54794, "Metallic Rouge", my_status="Binging")], "Binging"),
    "impossible date": ([entry(54794, "Metallic Rouge", my_start_date="2024-02-30")], "real date"),
    "bad entry after good ones": (
        [entry(52299, "Solo Leveling"), entry(54794, "Metallic Rouge", my_score="x")],
        "entry 2",
    ),
}


@pytest.mark.parametrize(("entries", "place"), STRICT_ONLY.values(), ids=STRICT_ONLY.keys())
def test_odd_entries_refuse_the_file_only_with_strict(
    capsys: Capsys, db_path: Path, tmp_path: Path, entries: list[dict[str, object]], place: str
) -> None:
    run(capsys, "watch", "metallic")
    before = db_path.read_bytes()
    path = tmp_path / "list.xml"
    path.write_bytes(mal_xml(entries))
    strict = run(capsys, "import", str(path), "--strict")
    assert strict.code == 2 and place in strict.err and "Traceback" not in strict.err
    assert len(strict.err.strip().splitlines()) == 1
    assert db_path.read_bytes() == before
    tolerant = run(capsys, "import", str(path))
    assert tolerant.code in (0, 1) and place in tolerant.out


@pytest.mark.parametrize(("name", "content", "place"), BAD_IMPORTS.values(), ids=BAD_IMPORTS.keys())
def test_bad_imports_name_the_fault_and_change_nothing(
    capsys: Capsys, db_path: Path, tmp_path: Path, name: str, content: bytes, place: str
) -> None:
    run(capsys, "watch", "metallic")
    before = db_path.read_bytes()
    path = tmp_path / name
    path.write_bytes(content)
    result = run(capsys, "import", str(path))
    assert result.code == 2, result.err
    assert place in result.err and "Traceback" not in result.err
    assert len(result.err.strip().splitlines()) == 1
    assert db_path.read_bytes() == before


BAD_PIECES = {
    "no outlet": ('kind = "premiere"\nscore = 50\nsummary = "x"\n', "'outlet' is missing"),
    "score out of range": ('outlet = "X"\nkind = "premiere"\nscore = 142\nsummary = "x"\n', "142"),
    "no score or stance": ('outlet = "X"\nkind = "premiere"\nsummary = "x"\n', "score"),
    "unknown kind": ('outlet = "X"\nkind = "rant"\nscore = 5\nsummary = "x"\n', "rant"),
    "typo in a field": ('outlet = "X"\nkind = "season"\nscroe = 5\nsummary = "x"\n', "scroe"),
    "not toml": ('outlet = "X\n', "not valid TOML"),
    "episode past the last": (
        'outlet = "X"\nkind = "episode"\nepisode = 99\nscore = 5\nsummary = "x"\n',
        "99",
    ),
}


@pytest.mark.parametrize(("text", "phrase"), BAD_PIECES.values(), ids=BAD_PIECES.keys())
def test_bad_critic_pieces_are_refused(
    capsys: Capsys, db_path: Path, tmp_path: Path, text: str, phrase: str
) -> None:
    run(capsys, "watch", "metallic")
    before = db_path.read_bytes()
    piece = tmp_path / "piece.toml"
    piece.write_text(text)
    result = run(capsys, "review", "add", "metallic", "--file", str(piece))
    assert result.code == 2 and phrase in result.err and "piece.toml" in result.err
    assert db_path.read_bytes() == before


def test_an_unwritable_export_path_is_refused(capsys: Capsys, tmp_path: Path) -> None:
    result = run(capsys, "export", "--format", "csv", "-o", str(tmp_path / "no" / "such" / "x.csv"))
    assert result.code == 2 and "cannot write" in result.err
    assert not (tmp_path / "no").exists()


def test_a_critics_own_rating_keeps_its_scale(capsys: Capsys, tmp_path: Path) -> None:
    piece = tmp_path / "piece.toml"
    piece.write_text(
        'outlet = "My Blog"\nkind = "premiere"\nrating = "3.5/5"\nscore = 70\nsummary = "Good."\n'
    )
    assert run(capsys, "review", "add", "metallic", "--file", str(piece)).code == 0
    (mine,) = [
        p for p in run(capsys, "critics", "metallic", "--json").json() if p["outlet"] == "My Blog"
    ]
    assert (mine["rating"], mine["rating_scale"], mine["score_source"]) == ("3.5", "/5", "rating")
    assert "70/100, from their 3.5/5" in run(capsys, "critics", "metallic").out
    unscaled = tmp_path / "unscaled.toml"
    unscaled.write_text('outlet = "X"\nkind = "season"\nrating = "A-"\nscore = 70\nsummary = "x"\n')
    result = run(capsys, "review", "add", "metallic", "--file", str(unscaled))
    assert result.code == 2 and "needs its scale" in result.err
