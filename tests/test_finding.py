"""Finding a show by any of its titles, in any script: the CLI's SHOW, the TUI's filter and
the command palette fold what is typed the same way (NFKC, case, width, katakana as
hiragana, the long-vowel mark optional)."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.cli_helpers import Capsys, run
from tests.tui_helpers import SIZE, run_from_palette, tui
from watchlist.domain.folding import _folding, fold, prefold
from watchlist.service.lookup import findable
from watchlist.service.tracker import Tracker
from watchlist.tui.screens.show import ShowScreen
from watchlist.tui.widgets.show_table import ShowTable


@given(
    st.lists(
        st.one_of(
            st.characters(),
            st.sampled_from("AÉßｶﾅＡメタリックルージューｰ\u212b\u0130"),
            # Lines, some ASCII and some not, a combining mark right after a line end.
            st.sampled_from(["\n", "\n\u0301", "e\u0301", "Ab c"]),
        )
    ).map("".join)
)
def test_the_fast_fold_is_the_whole_fold(text: str) -> None:
    """ASCII skips the work, lines of ASCII in a longer text skip it too, and the table
    runs only where it changes something: all give what folding every character would."""
    whole = unicodedata.normalize("NFKC", text).casefold().translate(_folding()[0])
    assert prefold(text) == whole


def test_the_runs_translated_hold_every_character_the_table_changes() -> None:
    table, runs = _folding()
    assert [chr(code) for code in table if not runs.fullmatch(chr(code))] == []


def test_the_fold() -> None:
    assert fold("メタリックルージュ") == fold("めたりっくるじゅ") == "めたりっくるじゅ"
    assert fold("ﾒﾀﾘｯｸ") == fold("メタリック")  # half-width katakana
    assert fold("ＭＥＴＡＬＬＩＣ Rouge") == "metallic rouge"  # full-width Latin
    assert fold("Frieren: Beyond Journey's End") == "frieren beyond journey s end"
    assert fold("Pokémon") == "pokemon"
    # Voiced kana stay apart from unvoiced ones: ガ is not か.
    assert fold("ガ") == "が" != fold("カ")
    assert fold("葬送のフリーレン") == "葬送のふりれん"


@pytest.mark.parametrize(
    ("query", "slug"),
    [
        ("めたりっく", "metallic-rouge"),
        ("メタリックルージュ", "metallic-rouge"),  # the exact native title
        ("ﾒﾀﾘｯｸﾙｰｼﾞｭ", "metallic-rouge"),
        ("メタリックルジュ", "metallic-rouge"),  # without the long vowel
        ("葬送", "frieren-beyond-journeys-end"),
        ("sousou", "frieren-beyond-journeys-end"),  # romaji
        ("ダンジョン飯", "delicious-in-dungeon"),
        ("だんじょん", "delicious-in-dungeon"),
    ],
)
def test_the_show_argument_finds_any_title(tracker: Tracker, query: str, slug: str) -> None:
    assert tracker.find(query).slug == slug


def test_the_cli_finds_a_show_by_its_native_title(tracker: Tracker, capsys: Capsys) -> None:
    tracker.close()
    result = run(capsys, "show", "めたりっく", "--json")
    assert result.code == 0, result.err
    assert result.json()["slug"] == "metallic-rouge"
    assert run(capsys, "watch", "葬送").code == 0


async def test_the_filter_finds_kana_either_way(tracker: Tracker) -> None:
    app = tui(tracker)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("slash", *"めたりっく")
        await pilot.pause()
        table = app.screen.query_one(ShowTable)
        assert [row.show.slug for row in table.visible_rows] == ["metallic-rouge"]


async def test_the_palette_finds_a_native_title(tracker: Tracker) -> None:
    app = tui(tracker)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await run_from_palette(pilot, "葬送の")
        await pilot.pause()
        assert isinstance(app.screen, ShowScreen)
        assert app.screen.slug == "frieren-beyond-journeys-end"


def test_the_leading_title_follows_the_setting(tracker: Tracker, capsys: Capsys) -> None:
    tracker.watch("metallic", ["1"])
    tracker.close()
    assert run(capsys, "settings", "--titles", "native").code == 0
    listed = run(capsys, "list", "--format", "tsv").out
    assert "メタリックルージュ" in listed and "葬送のフリーレン" in listed
    shown = run(capsys, "show", "metallic").out
    assert shown.splitlines()[0] == "メタリックルージュ" and "English title" in shown
    # JSON keeps the three apart, whatever leads.
    item = next(i for i in run(capsys, "list", "--json").json() if i["slug"] == "metallic-rouge")
    assert (item["title"], item["title_romaji"], item["title_native"]) == (
        "Metallic Rouge",
        "Metallic Rouge",
        "メタリックルージュ",
    )
    assert "メタリックルージュ" in run(capsys, "export", "--format", "csv", "-o", "-").out
    assert run(capsys, "settings", "--titles", "romaji").code == 0
    assert "Sousou no Frieren" in run(capsys, "list", "--format", "tsv").out
    assert run(capsys, "settings", "--titles", "klingon").code == 2


def test_a_time_zone_setting_is_checked_and_undoable(tracker: Tracker) -> None:
    from watchlist.domain.errors import InvalidInput

    with pytest.raises(InvalidInput, match="unknown time zone"):
        tracker.update_settings(timezone="Mars/Olympus_Mons")
    tracker.update_settings(timezone="Europe/Berlin")
    assert tracker.settings().timezone == "Europe/Berlin"
    assert tracker.zone().name == "Europe/Berlin" and tracker.zone().chosen
    tracker.undo()
    assert tracker.settings().timezone is None
    assert tracker.zone().name == "UTC" and not tracker.zone().chosen  # the tests' TZ


async def test_titles_from_the_palette(tracker: Tracker) -> None:
    from tests.tui_helpers import screen_text, settle

    app = tui(tracker)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await run_from_palette(pilot, "titles: native")
        await settle(pilot)
        assert tracker.settings().titles.value == "native"
        assert "メタリックルージュ" in screen_text(app)


def test_a_romaji_reading_finds_a_title_written_only_in_japanese(
    tracker: Tracker, tmp_path: Path
) -> None:
    pytest.importorskip("pykakasi")
    import json

    record = {
        "title": "ねこの国",
        "titleTranslate": {},
        "type": "tv",
        "lang": "ja",
        "begin": "2024-01-05T15:00:00.000Z",
        "broadcast": "R/2024-01-05T15:00:00.000Z/P7D",
        "end": "2024-03-22T15:00:00.000Z",
        "sites": [{"site": "bangumi", "id": "990001"}],
    }
    path = tmp_path / "data.json"
    path.write_text(json.dumps({"siteMeta": {}, "items": [record]}), encoding="utf-8")
    tracker.import_catalog(path)
    show = tracker.find("neko no kuni")
    assert show.title == "ねこの国" and show.title_romaji is None  # a reading, not a title
    assert tracker.find("ねこ").slug == show.slug


def test_the_reading_is_never_loaded_at_start_up() -> None:
    import subprocess
    import sys

    code = (
        "import sys, watchlist.tui.app, watchlist.service.tracker; print('pykakasi' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


_TITLE_TEXT = st.lists(
    st.one_of(
        st.characters(exclude_categories=("Cs",)),
        st.sampled_from(
            ["Metallic", "メタリックルージュ", "ﾒﾀﾘｯｸ", "Straße", "\n", "e\u0301", " | "]
        ),
    ),
    max_size=6,
).map("".join)


@given(st.lists(st.tuples(_TITLE_TEXT, st.lists(_TITLE_TEXT, max_size=3)), max_size=8))
def test_the_finder_folds_line_by_line_as_it_would_fold_the_whole_text(
    shows: list[tuple[str, list[str]]],
) -> None:
    """The finder folds each show's line on its own (most are ASCII and only lower); the
    text and where each line starts are what folding the joined lines gives."""
    rows = [(f"show-{n}", title, others) for n, (title, others) in enumerate(shows)]
    pool = findable(rows)
    lines = [" | ".join((s, t, *o)).replace("\n", " ") for s, t, o in rows]
    assert pool.text == prefold("\n".join(lines))
    assert [pool.key(n) for n in range(len(rows))] == [fold(line) for line in lines]
    assert pool.slugs == [s for s, _, _ in rows]
    assert pool.titles == [t for _, t, _ in rows]
