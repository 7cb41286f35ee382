"""Blind mode hides every critic number, and every order made from one, until you have a
verdict on that show; then it shows them for that show only."""

from __future__ import annotations

from tests.cli_helpers import Capsys, run
from tests.tui_helpers import SIZE, screen_text, tui
from watchlist.service.tracker import Tracker


def reception(slug: str) -> int:
    """The reviews' consensus on a show, from the shipped catalog."""
    from watchlist.domain.compare import show_consensus
    from watchlist.storage.catalog import load_catalog

    pieces = [p for p in load_catalog().pieces.values() if p.show == slug]
    consensus = show_consensus(pieces).reception
    assert consensus is not None
    return consensus.score


def test_the_command_line_hides_critic_numbers(capsys: Capsys) -> None:
    rouge = reception("metallic-rouge")
    # Blind mode on its own (the spoiler shield off): see test_shield for the two together.
    assert run(capsys, "settings", "--blind", "on", "--spoilers", "show").code == 0
    listed = run(capsys, "list", "--json").json()
    assert all(row["critic_score"] is None and row["critics_hidden"] for row in listed)
    table = run(capsys, "list", "--format", "table").out
    assert "hidden" in table and f" {rouge} " not in table
    piped = run(capsys, "list").out.splitlines()
    assert all(line.endswith("\thidden") for line in piped[1:])
    shown = run(capsys, "show", "metallic", "--json").json()
    assert shown["consensus"] == {"hype": None, "reception": None}
    critics = run(capsys, "critics", "metallic", "--json").json()
    assert all(p["hidden"] and p["score"] is None for p in critics)

    assert run(capsys, "verdict", "metallic", "--score", "7").code == 0
    listed = {row["slug"]: row for row in run(capsys, "list", "--json").json()}
    assert listed["metallic-rouge"]["critic_score"] == rouge  # the reviews' consensus
    assert listed["metallic-rouge"]["critics_hidden"] is False
    assert listed["frieren-beyond-journeys-end"]["critic_score"] is None
    shown = run(capsys, "show", "metallic", "--json").json()
    assert shown["consensus"]["reception"]["score"] == rouge


def test_sorting_by_critic_score_reveals_no_order(tracker: Tracker) -> None:
    from watchlist.domain.ordering import SORT_BY_NAME

    tracker.update_settings(blind=True)
    rows = tracker.rows("winter-2024")
    by_critics = sorted(rows, key=SORT_BY_NAME["critics"].key)
    assert [r.show.slug for r in by_critics] == [r.show.slug for r in rows]  # title order


async def test_the_board_says_hidden_in_blind_mode(tracker: Tracker) -> None:
    tracker.update_settings(blind=True, spoilers="show")
    tracker.give_verdict("frieren", score="9")
    app = tui(tracker)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        lines = screen_text(app).splitlines()
        frieren = next(line for line in lines if line.startswith("Frieren"))
        rouge = next(line for line in lines if line.startswith("Metallic Rouge"))
        assert frieren.rstrip().endswith(str(reception("frieren-beyond-journeys-end")))
        assert rouge.rstrip().endswith("hidden")
        await pilot.press("s", "s", "s", "s")  # sort by critic score
        await pilot.pause()
        assert "sort: critic score" in screen_text(app)
        rows = screen_text(app).splitlines()[4:]
        assert rows[0].startswith("Frieren")  # the one with a verdict; the rest by title
        assert rows[1].startswith("7th Time Loop")
