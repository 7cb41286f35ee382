"""Hostile input: markup and control sequences in every kind of text, odd numbers in every
field, huge notes and files. Shown literally, stripped at input, refused with a message."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest
from textual.widgets import Input, Static, TextArea

from tests.cli_helpers import Capsys, run
from tests.disk_helpers import edit_show, on_disk, rewrite
from tests.tui_helpers import SIZE, open_metallic_rouge, screen_text, settle, tui
from watchlist.domain.text import MAX_NOTE_CHARS, scrub
from watchlist.service.tracker import Tracker
from watchlist.tui.screens.dialogs import EpisodeEditor, VerdictEditor
from watchlist.tui.screens.show import ShowScreen
from watchlist.tui.widgets.show_table import ShowTable

CONTROLS = {
    "ESC colour": "\x1b[31mred\x1b[0m",
    "OSC title": "\x1b]0;pwned\x07",
    "OSC 8 link": "\x1b]8;;https://example.com\x1b\\link\x1b]8;;\x1b\\",
    "C1 CSI": "\x9b31mred",
    "NUL": "a\x00b",
    "bidi override": "abc\u202edcba",
    "bidi isolate": "x\u2066y\u2069z",
}
MARKUP = [
    "[/]",
    "[bold]x",
    "[link=https://example.com]y[/link]",
    "[@click=app.quit]boom[/]",
    "[Oshi no Ko]",
]


@pytest.mark.parametrize("text", CONTROLS.values(), ids=CONTROLS.keys())
def test_control_sequences_typed_in_are_stripped_before_storing(
    capsys: Capsys, db_path: Path, text: str
) -> None:
    assert run(capsys, "verdict", "metallic", "--score", "7", "--note", text).code == 0
    assert run(capsys, "rate", "metallic", "1", "--note", text).code == 0
    # A theme is one of Textual's names: anything else is refused, and nothing changes.
    assert run(capsys, "settings", "--theme", "nord" + text).code == 2
    stored = on_disk(db_path)
    assert "settings" not in stored  # never saved: the defaults stand
    notes = [v["notes"] for v in stored["verdicts"].values()]
    assert notes and not any(c in notes[0] for c in "\x1b\x07\x9b\x00\u202e\u2066")
    shown = run(capsys, "show", "metallic")
    assert "\x1b" not in shown.out and "\x9b" not in shown.out and "\u202e" not in shown.out


@pytest.mark.parametrize("text", CONTROLS.values(), ids=CONTROLS.keys())
def test_control_sequences_already_in_the_file_are_shown_as_symbols(
    capsys: Capsys, db_path: Path, text: str
) -> None:
    """A file edited by hand can hold anything; it is cleaned as it loads, the way typed
    text is, and never reaches the terminal raw."""
    run(capsys, "watch", "metallic")
    data = on_disk(db_path)
    edit_show(data, "metallic-rouge", title="Rouge " + text)
    rewrite(db_path, data)
    for args in (
        ("list",),
        ("show", "metallic-rouge"),
        ("critics", "metallic-rouge"),
        ("watch", "metallic-rouge"),
    ):
        result = run(capsys, *args)
        assert result.code == 0, result.err
        for raw in ("\x1b", "\x07", "\x9b", "\x00", "\u202e", "\u2066"):
            assert raw not in result.out and raw not in result.err
    # Nor does JSON carry any of them.
    for args in (("list", "--json"), ("show", "metallic-rouge", "--json"), ("export", "-o", "-")):
        result = run(capsys, *args)
        for raw in ("\x1b", "\x07", "\x9b", "\x00", "\u202e", "\u2066", "\u2028"):
            assert raw not in result.out
    listed = json.loads(run(capsys, "list", "--json").out)
    title = next(r for r in listed if r["slug"] == "metallic-rouge")["title"]
    assert title == scrub("Rouge " + text) and title.startswith("Rouge")


def test_backups_and_seeds_files_lose_their_control_sequences(
    capsys: Capsys, tmp_path: Path
) -> None:
    run(capsys, "verdict", "metallic", "--score", "7", "--note", "fine")
    exported = json.loads(run(capsys, "export").out)
    exported["verdicts"][0]["notes"] = "bad \x1b]0;x\x07 \u202e note"
    exported["entries"] = []
    backup = tmp_path / "backup.json"
    backup.write_text(json.dumps(exported))
    seeds = tmp_path / "spring.json"
    seeds.write_text(
        json.dumps(
            {
                "season": {
                    "slug": "spring-2024",
                    "name": "Spring\x1b[2J 2024",
                    "starts": "2024-04-01",
                    "ends": "2024-06-30",
                },
                "shows": [{"slug": "evil", "title": "Evil\x9b31m \u2066Show", "episodes": 2}],
            }
        )
    )
    fresh_db = tmp_path / "fresh.json"
    assert run(capsys, "--db", str(fresh_db), "import", str(backup)).code == 0
    assert run(capsys, "--db", str(fresh_db), "import", str(seeds)).code == 0
    raw = fresh_db.read_text(encoding="utf-8")
    for bad in ("\x1b", "\x07", "\x9b", "\u202e", "\u2066"):
        assert bad not in raw
    assert "bad ]0;x  note" in raw and "Evil31m Show" in raw


def test_imported_files_lose_their_control_sequences(
    capsys: Capsys, db_path: Path, tmp_path: Path
) -> None:
    piece = tmp_path / "piece.json"
    piece.write_text(
        json.dumps(
            {
                "outlet": "Evil\x1b]0;x\x07 Outlet",
                "kind": "season",
                "score": 10,
                "summary": "Bad\u202e news \x1b[2J",
                "highlights": ["\x00hidden"],
            }
        )
    )
    assert run(capsys, "review", "add", "metallic", "--file", str(piece)).code == 0
    mal = tmp_path / "list.xml"
    mal.write_bytes(
        (
            "<myanimelist><anime><series_animedb_id>54794</series_animedb_id>"
            "<series_title><![CDATA[Metallic Rouge]]></series_title>"
            "<my_watched_episodes>1</my_watched_episodes><my_status>Watching</my_status>"
            # XML allows C1 controls and bidi overrides (but not ESC itself).
            "<my_comments><![CDATA[note \u009b31m red \u202e]]></my_comments>"
            "</anime></myanimelist>"
        ).encode()
    )
    result = run(capsys, "import", str(mal))
    assert result.code == 0, result.err
    escaped = tmp_path / "esc.xml"
    escaped.write_bytes(
        b"<myanimelist><anime><series_title>a\x1b[2Jb</series_title></anime></myanimelist>"
    )
    refused = run(capsys, "import", str(escaped))
    assert refused.code == 2 and "line 1, column" in refused.err
    raw = db_path.read_text(encoding="utf-8")
    for bad in ("\x1b", "\x07", "\x9b", "\u202e", "\\u001b", "\\u0007", "\\u202e", "\\u0000"):
        assert bad not in raw


async def test_markup_in_notes_critic_text_and_queries_renders_literally(
    tracker: Tracker, tmp_path: Path
) -> None:
    note = " ".join(MARKUP)
    tracker.give_verdict("metallic", score="7", notes=note)
    piece = tmp_path / "piece.toml"
    piece.write_text(
        'outlet = "[red]Outlet[/red]"\nkind = "season"\nscore = 40\n'
        'summary = "[bold]Loud[/bold] [@click=app.quit]x[/]"\nquote = "[/]"\n'
    )
    tracker.add_piece("metallic", piece)
    tracker.set_status("metallic", "completed")  # the season piece opens once you finish
    app = tui(tracker)
    async with app.run_test(size=(260, 60), notifications=True) as pilot:
        await pilot.press("slash", *"[bold]", "enter")  # a query that looks like markup
        await pilot.pause()
        assert app.is_running
        await pilot.press("escape", "slash", *"metallic", "enter", "enter")
        await pilot.pause()
        assert isinstance(app.screen, ShowScreen)
        assert note in screen_text(app)
        await pilot.press("c")
        await pilot.pause()
        text = screen_text(app)
        await pilot.press(*["right"] * 30)  # a season piece comes last
        text += screen_text(app)
        assert "[red]Outlet[/red]" in text
        assert "[bold]Loud[/bold]" in text and "[@click=app.quit]x[/]" in text  # wraps
        assert "[/] [bold]x" in text  # your notes, in your column


async def test_clicking_a_title_that_looks_like_an_action_runs_nothing(tracker: Tracker) -> None:
    from watchlist.domain.model import Origin, Show

    with tracker.store.transaction() as tx:
        tx.put(
            Show(
                "evil",
                "[@click=app.quit]Click me[/]",
                season="winter-2024",
                episodes=2,
                origin=Origin.USER,
            )
        )
    app = tui(tracker)
    # Wide enough for the whole title beside the Next column of an airing season.
    async with app.run_test(size=(140, 36), notifications=True) as pilot:
        await pilot.pause()
        table = app.screen.query_one(ShowTable)
        table.move_to("evil")
        await pilot.pause()
        row = table.cursor - round(table.scroll_y) + 1
        await pilot.click(ShowTable, offset=(3, row))
        await pilot.click(ShowTable, offset=(3, row))
        await pilot.pause()
        assert app.is_running
        assert "[@click=app.quit]Click me[/]" in screen_text(app)


ODD_NUMBERS = ["-1", "1_000", "1e3", "３", "٣", "NaN", "inf", "99", "1.5", "+2"]


@pytest.mark.parametrize("typed", ODD_NUMBERS)
async def test_odd_numbers_in_the_verdict_episode_are_refused(
    tracker: Tracker, db_path: Path, typed: str
) -> None:
    app = tui(tracker)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await open_metallic_rouge(pilot, "v")
        before = db_path.read_bytes()
        app.screen.query_one("#verdict-score", Input).value = "7"
        app.screen.query_one("#verdict-episode", Input).value = typed
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, VerdictEditor)
        assert "episode" in str(app.screen.query_one(".form-error", Static).content)
        assert db_path.read_bytes() == before


@pytest.mark.parametrize("typed", ["11", "0", "x", "1e1", "７"])
async def test_odd_episode_scores_are_refused(tracker: Tracker, db_path: Path, typed: str) -> None:
    app = tui(tracker)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await open_metallic_rouge(pilot, "e")
        assert isinstance(app.screen, EpisodeEditor)
        before = db_path.read_bytes()
        app.screen.query_one("#episode-score", Input).value = typed
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, EpisodeEditor)
        assert db_path.read_bytes() == before


async def test_a_huge_note_is_refused_in_the_dialog(tracker: Tracker, db_path: Path) -> None:
    app = tui(tracker)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await open_metallic_rouge(pilot, "v")
        before = db_path.read_bytes()
        app.screen.query_one("#verdict-score", Input).value = "7"
        app.screen.query_one("#verdict-notes", TextArea).text = "n" * (MAX_NOTE_CHARS * 50)
        await pilot.press("ctrl+s")
        await settle(pilot)
        error = str(app.screen.query_one(".form-error", Static).content)
        assert "too long" in error and f"{MAX_NOTE_CHARS:,}" in error
        assert db_path.read_bytes() == before


def test_a_huge_import_file_is_refused(
    capsys: Capsys, db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from watchlist.service import inputs

    # The real limit is 1 GB (far above any export the app writes); 2 MB tries the rule.
    monkeypatch.setattr(inputs, "MAX_IMPORT_BYTES", 2 * 1024 * 1024)
    run(capsys, "watch", "metallic")
    before = db_path.read_bytes()
    big = tmp_path / "huge.xml"
    with open(big, "wb") as handle:
        handle.write(b"<myanimelist>" + b" " * (3 * 1024 * 1024) + b"</myanimelist>")
    result = run(capsys, "import", str(big))
    assert result.code == 2 and "2 MB limit" in result.err
    bomb = tmp_path / "bomb.xml.gz"
    bomb.write_bytes(gzip.compress(b"<myanimelist>" + b" " * (30 * 1024 * 1024)))
    result = run(capsys, "import", str(bomb))
    assert result.code == 2 and "after unpacking" in result.err
    piece = tmp_path / "piece.toml"
    piece.write_text("summary = '" + "x" * (2 * 1024 * 1024) + "'\n")
    result = run(capsys, "review", "add", "metallic", "--file", str(piece))
    assert result.code == 2 and "1 MB limit" in result.err
    assert db_path.read_bytes() == before


def test_invisible_characters_are_removed_from_what_is_typed_or_imported(
    capsys: Capsys, db_path: Path
) -> None:
    hidden = "Frie\u200bren\u2060 arabic\u061cmark \ufeffbom \u200cnon\u200djoin"
    assert run(capsys, "verdict", "metallic", "--score", "7", "--note", hidden).code == 0
    emoji = "coder 👩\u200d💻 family 👨\u200d👩\u200d👧"
    assert run(capsys, "rate", "metallic", "1", "--note", emoji).code == 0
    stored = on_disk(db_path)
    (verdict,) = stored["verdicts"].values()
    assert verdict["notes"] == "Frieren arabicmark bom nonjoin"
    (entry,) = stored["entries"].values()
    assert entry["notes"]["1"] == emoji  # the joiner inside an emoji sequence stays


@pytest.mark.parametrize("theme", ["", "1e3", "no-such-theme[/]", "x" * 5000])
def test_a_theme_must_be_one_of_textuals(capsys: Capsys, theme: str) -> None:
    result = run(capsys, "settings", "--theme", theme)
    assert result.code == 2 and result.err.count("\n") == 1
    assert "textual-dark" in result.err and "tokyo-night" in result.err
    assert run(capsys, "settings", "--theme", "Nord").code == 0
    assert run(capsys, "settings", "--json").json()["theme"] == "nord"


def test_the_theme_list_is_textuals() -> None:
    from textual.theme import BUILTIN_THEMES

    from watchlist.domain.themes import THEMES

    assert sorted(THEMES) == sorted(BUILTIN_THEMES)


def test_the_load_scan_finds_every_character_the_cleaning_removes() -> None:
    """Loading cleans a file's text only when a byte scan finds something to clean: the
    scan must see every character `scrub` removes, however the file writes it."""
    import orjson

    from watchlist.storage.adapter import cleaned

    for code in range(0x110000):
        char = chr(code)
        if 0xD800 <= code <= 0xDFFF or scrub(char) == char:
            continue
        for raw in (orjson.dumps({"t": f"a{char}b"}), json.dumps({"t": f"a{char}b"}).encode()):
            assert cleaned(json.loads(raw), raw) == {"t": scrub(f"a{char}b")}, hex(code)
