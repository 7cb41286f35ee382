"""Every season as it airs: broadcast times from bangumi-data in your time zone, the week's
schedule, anime-offline-database filling what bangumi-data lacks (studios, counts, tags,
the audience's score), and the defects found in use (one MyAnimeList id on two runs)."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from tests.cli_helpers import Capsys, run
from tests.tui_helpers import SIZE, screen_text, settle, tui, wait_until
from watchlist.domain.airing import airing_text, span_text
from watchlist.domain.broadcast import JAPAN, Broadcast
from watchlist.domain.schedule import ends_before_start, episodes
from watchlist.service.tracker import Tracker

FILES = Path(__file__).parent / "catalog_files"
AIRING = FILES / "bangumi-airing.json"
BANGUMI = FILES / "bangumi-data" / "dist" / "data.json"
OFFLINE = FILES / "anime-offline-database.json"
OFFLINE_LINES = FILES / "anime-offline-database.jsonl"
NOW = datetime(2024, 1, 10, 21, 0, tzinfo=UTC)  # the tests' clock starts here


@pytest.fixture(autouse=True)
def _cli_on_the_tests_clock(monkeypatch: pytest.MonkeyPatch, clock: object) -> None:
    """The command line reads the tests' clock too: "this week" is the week of 2024-01-10."""
    opened = Tracker.open.__func__  # type: ignore[attr-defined]

    def open_on_clock(cls: type[Tracker], *args: object, **options: object) -> Tracker:
        return opened(cls, *args, **{**options, "clock": clock})  # type: ignore[no-any-return]

    monkeypatch.setattr(Tracker, "open", classmethod(open_on_clock))


def text(report: object) -> str:
    return "\n".join(report.lines)  # type: ignore[attr-defined]


def test_a_broadcast_reads_and_writes_as_iso_8601() -> None:
    weekly = Broadcast.parse("R/2024-01-10T16:25:00.000Z/P7D")
    assert weekly.start == datetime(2024, 1, 11, 1, 25, tzinfo=JAPAN)
    assert weekly.every_days == 7 and weekly.text == "R/2024-01-11T01:25+09:00/P7D"
    assert Broadcast.parse(weekly.text) == weekly
    assert Broadcast.parse("R/2023-11-03T15:00:00.000Z/P0D").every_days is None  # once
    assert Broadcast.parse("R/2023-11-03T15:00:00Z/P1M").every_days is None  # not in days
    assert Broadcast.parse("R/2024-01-01T00:00:00/P2W").every_days == 14
    with pytest.raises(ValueError):
        Broadcast.parse("every Wednesday")


def test_each_episode_has_its_moment_and_the_hand_checked_dates_win(tracker: Tracker) -> None:
    tracker.import_catalog(BANGUMI)
    rouge = episodes(tracker.find("metallic-rouge"))
    # Wednesday 25:25 in Japan: Thursday 01:25 JST, listed under Wednesday 10 January.
    assert rouge[0].airs == date(2024, 1, 10)
    assert rouge[0].at == datetime(2024, 1, 11, 1, 25, tzinfo=JAPAN)
    assert rouge[1].estimated and rouge[1].at == datetime(2024, 1, 18, 1, 25, tzinfo=JAPAN)
    # Kingdom's premiere moved to 13 January: the dataset's slot is placed on the
    # catalog's days, not the other way round.
    kingdom = episodes(tracker.find("kingdom-season-5"))
    assert kingdom[0].airs == date(2024, 1, 13)
    assert kingdom[0].at == datetime(2024, 1, 14, 0, 0, tzinfo=JAPAN)
    assert kingdom[12].airs == date(2024, 3, 30) and not kingdom[12].estimated


def test_an_episode_is_out_by_its_moment_where_known_else_by_its_day() -> None:
    from watchlist.domain.model import Episode
    from watchlist.domain.schedule import has_aired

    slot = datetime(2024, 1, 11, 1, 25, tzinfo=JAPAN)  # listed under Wednesday 10 January
    timed = Episode(1, date(2024, 1, 10), True, at=slot)
    dated = Episode(1, date(2024, 1, 10), True)
    just_before, just_after = datetime(2024, 1, 10, 16, 0, tzinfo=UTC), NOW
    assert not has_aired(timed, date(2024, 1, 10), just_before)
    assert has_aired(timed, date(2024, 1, 10), just_after)
    assert has_aired(timed, date(2024, 1, 10))  # no moment given: by its day
    assert has_aired(dated, date(2024, 1, 10), just_before)
    assert not has_aired(dated, date(2024, 1, 9), just_before)
    assert not has_aired(Episode(2, None, None), date.max, just_after)


def test_times_read_in_your_zone_and_estimates_keep_their_mark() -> None:
    from zoneinfo import ZoneInfo

    from watchlist.domain.model import Show

    show = Show(
        "rouge",
        "Metallic Rouge",
        episodes=13,
        premiere=date(2024, 1, 10),
        broadcast=Broadcast.parse("R/2024-01-10T16:25:00.000Z/P7D"),
    )
    first, second = episodes(show)[:2]
    assert airing_text(first, NOW, UTC) == "ep 1 · Wed 16:25 · aired 4h ago"
    berlin = ZoneInfo("Europe/Berlin")
    assert airing_text(first, NOW, berlin) == "ep 1 · Wed 17:25 · aired 4h ago"
    assert airing_text(second, NOW, berlin) == "ep 2 · ~Wed 17:25 · in 6d 19h"
    assert airing_text(second, NOW, ZoneInfo("Asia/Tokyo")) == "ep 2 · ~Thu 01:25 · in 6d 19h"
    assert span_text(NOW - datetime(2023, 11, 1, tzinfo=UTC), units=1) == "10w"


def test_behind_and_the_board_say_when_the_next_episode_airs(
    tracker: Tracker, capsys: Capsys
) -> None:
    tracker.import_catalog(AIRING)
    tracker.watch("metallic", ["1"])
    tracker.watch("frieren", upto=17)
    tracker.update_settings(timezone="Europe/Berlin")
    tracker.close()
    shown = run(capsys, "behind", "--format", "table").out
    assert "ep 2 · ~Wed 17:25 · in" in shown and "ep 18 · ~Fri 15:00 · in" in shown
    data = run(capsys, "behind", "--json").json()
    rouge = next(s for s in data["shows"] if s["slug"] == "metallic-rouge")
    assert rouge["next"]["airs_at"] == "2024-01-17T17:25:00+01:00"


async def test_the_board_has_a_next_column(tracker: Tracker) -> None:
    tracker.import_catalog(AIRING)
    app = tui(tracker)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        shown = screen_text(app)
        assert "Next" in shown and "~Thu 13:30 (16h" in shown  # Delicious in Dungeon


def test_the_weekly_schedule(tracker: Tracker, capsys: Capsys) -> None:
    tracker.import_catalog(AIRING)
    tracker.watch("metallic", ["1"])
    tracker.watch("frieren", upto=16)
    tracker.watch("dungeon", ["1"])
    tracker.set_status("dungeon", "dropped")  # the shows you dropped stay off your week
    tracker.close()
    week = run(capsys, "schedule", "--json").json()
    assert (week["week"], week["ends"], week["timezone"]) == ("2024-01-08", "2024-01-14", "UTC")
    items = [(i["slug"], i["episode"], i["mark"]) for i in week["items"]]
    assert items == [
        ("metallic-rouge", 1, "watched"),
        ("frieren-beyond-journeys-end", 18, "upcoming"),
    ]
    rouge = week["items"][0]
    assert rouge["airs_at"] == "2024-01-10T16:25:00+00:00" and rouge["watched"] is True
    assert set(rouge) >= {"slug", "title", "episode", "airs_at", "estimated", "watched"}
    earlier = run(capsys, "schedule", "--week", "2024-01-05", "--json").json()
    frieren = [i for i in earlier["items"] if i["slug"] == "frieren-beyond-journeys-end"]
    # Four episodes on the night of 5 January, by the dates the catalog knows.
    assert [(i["episode"], i["mark"]) for i in frieren][-2:] == [(16, "watched"), (17, "behind")]
    everything = run(capsys, "schedule", "--week", "2024-01-10", "--all", "--json").json()
    slugs = {i["slug"] for i in everything["items"]}
    assert {"delicious-in-dungeon", "solo-leveling", "one-piece"} <= slugs
    days = [i["day"] for i in everything["items"]]
    assert days == sorted(days) and all("2024-01-08" <= d <= "2024-01-14" for d in days)
    table = run(capsys, "schedule", "--format", "table").out
    assert "Wed 10 Jan (today)" in table and "~14:00" in table
    # The same legend as the Schedule screen's and Behind's.
    assert "~ estimated, counted weekly from the last known date." in table
    assert run(capsys, "schedule", "--week", "someday").code == 2


def test_the_schedule_in_another_zone_moves_across_midnight(
    tracker: Tracker, capsys: Capsys
) -> None:
    tracker.import_catalog(AIRING)
    tracker.watch("metallic", ["1"])
    tracker.close()
    assert run(capsys, "settings", "--timezone", "Asia/Tokyo").code == 0
    item = run(capsys, "schedule", "--json").json()["items"][0]
    assert (item["day"], item["airs_at"]) == ("2024-01-11", "2024-01-11T01:25:00+09:00")


def test_today_is_the_timezone_settings_day_for_behind_and_the_schedule(
    tracker: Tracker, capsys: Capsys
) -> None:
    """At 21:00 UTC on 10 January (the system's zone in the tests) it is already 11 January
    in Tokyo: "today" given to --on and --week is the setting's day, as the reports' is."""
    tracker.import_catalog(AIRING)
    tracker.watch("metallic", ["1"])
    tracker.close()
    assert NOW.astimezone().date() == date(2024, 1, 10)  # the system's day
    assert run(capsys, "settings", "--timezone", "Asia/Tokyo").code == 0
    assert run(capsys, "behind", "--json").json()["day"] == "2024-01-11"
    assert run(capsys, "behind", "--on", "today", "--json").json()["day"] == "2024-01-11"
    assert run(capsys, "behind", "--on", "yesterday", "--json").json()["day"] == "2024-01-10"
    week = run(capsys, "schedule", "--week", "today", "--format", "table").out
    assert "Thu 11 Jan (today)" in week


async def test_the_schedule_screen(tracker: Tracker) -> None:
    tracker.import_catalog(AIRING)
    tracker.watch("metallic", ["1"])
    tracker.watch("frieren", upto=17)
    app = tui(tracker)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("w")
        await pilot.pause()
        shown = screen_text(app)
        assert "Week of Mon 2024-01-08 to Sun 2024-01-14" in shown
        assert "16:25" in shown and "watched" in shown and "~14:00" in shown
        await pilot.press("a")
        await pilot.pause()
        assert "月刊モー想科学" in screen_text(app)
        await pilot.press("right_square_bracket")
        await pilot.pause()
        assert "Week of Mon 2024-01-15" in screen_text(app)
    for width, height in ((80, 24), (60, 20)):
        app = tui(tracker)
        async with app.run_test(size=(width, height), notifications=True) as pilot:
            await pilot.press("w")
            await pilot.pause()
            assert "Metallic Rouge" in screen_text(app)


def test_offline_database_fills_what_bangumi_data_lacks(tracker: Tracker) -> None:
    tracker.import_catalog(BANGUMI)
    report = text(tracker.import_catalog(OFFLINE))
    assert "updated 1" in report  # Spice and Wolf, merged by its MyAnimeList id
    spice = tracker.find("spice-and-wolf")
    assert spice.title == "Spice and Wolf: Merchant Meets The Wise Wolf"  # bangumi-data's
    assert spice.title_romaji == "Ookami to Koushinryou: Merchant Meets the Wise Wolf"
    assert spice.studios == ("Passione",) and spice.episodes == 25
    assert spice.expected_episodes is None  # the count replaces the estimate
    assert spice.broadcast is not None and spice.premiere == date(2024, 4, 1)
    sources = dict(spice.sources)
    assert sources["studios"] == sources["episodes"] == "anime-offline-database"
    assert sources["premiere"] == sources["broadcast"] == "bangumi-data"
    assert spice.tags[:2] == ("fantasy", "romance") and spice.related == (2966,)
    assert spice.community is not None and spice.community.score == 81
    assert spice.community.label == "anime-offline-database, 2024-11-05"
    # The shipped show's own facts still win: only its empty fields are filled.
    rouge = tracker.find("metallic-rouge")
    assert rouge.studios == ("Bones",) and rouge.community is not None
    assert "community" in rouge.provenance and "anime-offline-database" in rouge.provenance
    # Importing either again changes nothing, in either order.
    assert "updated 0" in text(tracker.import_catalog(BANGUMI))
    assert "updated 0" in text(tracker.import_catalog(OFFLINE_LINES))
    assert tracker.find("spice-and-wolf").studios == ("Passione",)


def test_imported_boards_show_studios_and_counts(tracker: Tracker, capsys: Capsys) -> None:
    tracker.import_catalog(BANGUMI)
    tracker.import_catalog(OFFLINE)
    tracker.close()
    rows = run(capsys, "list", "--season", "spring-2024", "--json").json()
    spice = next(r for r in rows if r["slug"] == "spice-and-wolf-merchant-meets-the-wise-wolf")
    assert spice["studios"] == ["Passione"] and spice["episodes"] == 25


def test_one_id_on_two_runs_stays_two_shows(tracker: Tracker) -> None:
    first = text(tracker.import_catalog(AIRING))
    assert "shares MyAnimeList id 21" in first
    one_piece, elbaf = tracker.find("one-piece"), tracker.find("one-piece-2026")
    assert one_piece.mal_id == 21 and elbaf.mal_id is None
    assert one_piece.premiere == date(1999, 10, 20) and one_piece.finale == date(2025, 12, 28)
    assert elbaf.premiere == date(2026, 4, 5) and elbaf.season == "spring-2026"
    assert one_piece.in_season("winter-2024") and not elbaf.in_season("winter-2024")
    for _ in range(2):
        again = text(tracker.import_catalog(AIRING))
        assert "Added 0 shows, updated 0," in again
    assert not any(ends_before_start(show) for show in tracker.shows())


def test_no_imported_show_ends_before_it_starts(tracker: Tracker, tmp_path: Path) -> None:
    doc = json.loads(AIRING.read_text(encoding="utf-8"))
    backwards = dict(doc["items"][0], begin="2024-04-03T16:25:00.000Z")
    backwards["end"] = "2024-01-10T16:25:00.000Z"
    backwards["sites"] = [{"site": "bangumi", "id": "1"}]
    backwards["titleTranslate"] = {"en": ["Backwards"]}
    backwards["title"] = "うしろむき"
    doc["items"] = [backwards]
    path = tmp_path / "backwards.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    report = text(tracker.import_catalog(path))
    assert "before it begins" in report
    show = tracker.find("backwards")
    assert show.finale is None and not ends_before_start(show)


def test_the_audience_beside_the_critics(tracker: Tracker, capsys: Capsys) -> None:
    tracker.import_catalog(OFFLINE)
    tracker.close()
    compared = run(capsys, "compare", "metallic", "--json").json()
    assert compared["community"] == {
        "score": 64,
        "source": "anime-offline-database",
        "date": "2024-11-05",
        "hidden": False,
    }
    # Never in the critics' consensus.
    assert compared["consensus"]["reception"]["score"] != 64
    human = run(capsys, "compare", "metallic").out
    assert "Community: 64/100 (anime-offline-database, 2024-11-05" in human
    listed = run(capsys, "list", "--json").json()
    assert next(r for r in listed if r["slug"] == "metallic-rouge")["community"]["score"] == 64
    assert run(capsys, "settings", "--blind", "on").code == 0
    hidden = run(capsys, "compare", "metallic", "--json").json()["community"]
    assert hidden["score"] is None and hidden["hidden"] is True
    assert "Community: hidden" in run(capsys, "compare", "metallic").out
    shown = run(capsys, "show", "metallic", "--json").json()["community"]
    assert shown["score"] is None
    assert run(capsys, "verdict", "metallic", "--score", "7").code == 0
    assert run(capsys, "compare", "metallic", "--json").json()["community"]["score"] == 64


async def test_the_community_column_and_the_critics_screen(tracker: Tracker) -> None:
    tracker.import_catalog(OFFLINE)
    app = tui(tracker)
    async with app.run_test(size=(160, 36), notifications=True) as pilot:
        await pilot.pause()
        assert "Community" in screen_text(app)
        await pilot.press("slash", *"metallic", "enter", "c")
        await pilot.pause()
        shown = screen_text(app)
        assert "64/100, the audience" in shown and "anime-offline-database," in shown
    tracker.update_settings(blind=True)
    app = tui(tracker)
    async with app.run_test(size=(160, 36), notifications=True) as pilot:
        await pilot.pause()
        assert " 64" not in screen_text(app)


def test_tags_filter_the_list(tracker: Tracker, capsys: Capsys, tmp_path: Path) -> None:
    tracker.import_catalog(OFFLINE)
    mal = tmp_path / "list.xml"
    mal.write_text(
        "<myanimelist><anime><series_animedb_id>52991</series_animedb_id>"
        "<series_title>Sousou no Frieren</series_title><my_watched_episodes>3"
        "</my_watched_episodes><my_status>Watching</my_status>"
        "<my_tags><![CDATA[comfy, Elves , comfy]]></my_tags></anime></myanimelist>",
        encoding="utf-8",
    )
    tracker.close()
    assert run(capsys, "import", str(mal)).code == 0
    listed = run(capsys, "list", "--tag", "mecha", "--format", "tsv").out.splitlines()
    assert [line.split("\t")[0] for line in listed[1:]] == ["metallic-rouge"]
    mine = run(capsys, "list", "--tag", "COMFY", "--json").json()
    assert [r["slug"] for r in mine] == ["frieren-beyond-journeys-end"]
    assert mine[0]["my_tags"] == ["comfy", "Elves"]
    exported = run(capsys, "export", "--format", "mal-xml", "-o", "-").out
    assert "<my_tags><![CDATA[comfy, Elves]]></my_tags>" in exported
    backup = tmp_path / "backup.json"
    assert run(capsys, "export", "-o", str(backup)).code == 0
    assert json.loads(backup.read_text())["entries"][0]["tags"] == ["comfy", "Elves"]


async def test_a_tag_filters_the_board(tracker: Tracker) -> None:
    from watchlist.tui.widgets.show_table import ShowTable

    tracker.import_catalog(OFFLINE)
    app = tui(tracker)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("g")
        await wait_until(pilot, lambda: "Filter by tag" in screen_text(app), "the tag palette")
        await pilot.press(*"war")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await settle(pilot)
        table = app.screen.query_one(ShowTable)
        assert [row.show.slug for row in table.visible_rows] == ["kingdom-season-5"]
        assert "tag: war" in screen_text(app)


async def test_a_catalog_imported_elsewhere_shows_without_a_restart(
    tracker: Tracker, db_path: Path
) -> None:
    from watchlist.storage import open_store
    from watchlist.tui.app import make_app

    app = make_app(tracker, season="winter-2024", tz=UTC, watch_interval=0.05)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        assert "(1 of" not in screen_text(app)
        other = Tracker(open_store(db_path))
        other.import_catalog(AIRING)
        other.close()
        await wait_until(pilot, lambda: "ONE PIECE" in screen_text(app), "the imported shows")
