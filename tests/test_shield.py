"""The spoiler shield in every view: an episode-N review opens once you have seen episode
N, a season review once you have finished the show; previews and premiere reviews are
always open; what a closed piece says stays out of every number."""

from __future__ import annotations

from typing import Any

from tests.cli_helpers import Capsys, run
from tests.tui_helpers import SIZE, messages, screen_text, settle, tui
from watchlist.domain.model import CriticPiece, Entry, PieceKind, Show, Status
from watchlist.domain.scoring import Stance
from watchlist.domain.shield import FINISH, Shield, opens_at
from watchlist.service.tracker import Tracker

SHOW = Show("s", "S", episodes=12)


def piece(kind: PieceKind, episode: int | None = None) -> CriticPiece:
    return CriticPiece(f"s/{kind}-{episode}", "s", kind, Stance.DROP, 10, "r", "x", episode=episode)


PREVIEW = piece(PieceKind.PREVIEW)
PREMIERE = piece(PieceKind.PREMIERE, 1)
EPISODE_7 = piece(PieceKind.EPISODE, 7)
SEASON = piece(PieceKind.SEASON)


def test_what_opens_when() -> None:
    assert [opens_at(p) for p in (PREVIEW, PREMIERE, EPISODE_7, SEASON)] == [None, None, 7, FINISH]
    fresh = Shield(SHOW, Entry("s"))
    assert fresh.closed_pieces([PREVIEW, PREMIERE, EPISODE_7, SEASON]) == {
        EPISODE_7.id: 7,
        SEASON.id: FINISH,
    }
    at_7 = Shield(SHOW, Entry("s", watched=dict.fromkeys(range(1, 8))))
    assert at_7.closed_pieces([EPISODE_7, SEASON]) == {SEASON.id: FINISH}
    # Episode 7 out of order, and in an earlier pass, count as seen too.
    skipped = Shield(SHOW, Entry("s", watched={7: None}))
    assert skipped.closed(EPISODE_7) is None
    earlier = Shield(SHOW, Entry("s", earlier=((7, None),)))
    assert earlier.closed(EPISODE_7) is None
    for entry in (
        Entry("s", status=Status.COMPLETED),
        Entry("s", status=Status.DROPPED),
        Entry("s", watched={12: None}),
    ):
        assert Shield(SHOW, entry).closed(SEASON) is None
    assert Shield(SHOW, Entry("s"), on=False).closed_pieces([EPISODE_7, SEASON]) == {}
    assert Shield(SHOW, Entry("s"), opened=frozenset({"show:s"})).closed(SEASON) is None
    assert Shield(SHOW, Entry("s"), opened=frozenset({EPISODE_7.id})).closed(EPISODE_7) is None


def test_a_closed_piece_says_who_and_when_it_opens_and_nothing_else(capsys: Capsys) -> None:
    pieces = run(capsys, "critics", "metallic", "--json").json()
    closed = [p for p in pieces if p["opens_at"] is not None]
    assert closed and all(p["kind"] in ("episode", "season") for p in closed)
    for p in closed:
        assert p["outlet"] and p["kind"] and p["hidden"]
        assert p["opens_at"] == (p["episode"] if p["kind"] == "episode" else "finish")
        for hidden in ("stance", "score", "summary", "highlights", "concerns", "quote"):
            assert p[hidden] is None, hidden
    assert all(p["opens_at"] is None for p in pieces if p["kind"] in ("preview", "premiere"))
    text = run(capsys, "critics", "metallic").out
    assert "opens at episode 7" in text and "opens when you finish" in text
    compared = run(capsys, "compare", "metallic", "--json").json()
    for item in compared["critics"]:
        if item["opens_at"] is not None:
            assert item["score"] is None and item["delta"] is None and item["you_then"] is None


def test_watching_opens_them_and_every_number_follows(capsys: Capsys) -> None:
    def reception() -> Any:
        return run(capsys, "show", "metallic", "--json").json()["consensus"]["reception"]

    def board() -> Any:
        listed = run(capsys, "list", "--json").json()
        return next(r for r in listed if r["slug"] == "metallic-rouge")["critic_score"]

    shielded = reception()
    assert board() == shielded["score"]
    everything = run(capsys, "show", "metallic", "--json", "--spoilers", "show").json()
    assert everything["consensus"]["reception"]["pieces"] > shielded["pieces"]
    run(capsys, "watch", "metallic", "--upto", "8")
    assert reception()["pieces"] > shielded["pieces"]
    run(capsys, "status", "metallic", "completed")  # the season reviews open, not episode 9's
    assert (
        shielded["pieces"] < reception()["pieces"] < everything["consensus"]["reception"]["pieces"]
    )
    run(capsys, "watch", "metallic", "--upto", "13")
    assert reception() == everything["consensus"]["reception"]


def test_the_setting_and_one_command_open_everything(capsys: Capsys) -> None:
    assert any(p["opens_at"] for p in run(capsys, "critics", "metallic", "--json").json())
    once = run(capsys, "critics", "metallic", "--json", "--spoilers", "show").json()
    assert not any(p["opens_at"] for p in once)
    assert any(p["opens_at"] for p in run(capsys, "critics", "metallic", "--json").json())
    assert run(capsys, "settings", "--spoilers", "show", "--json").json()["spoilers"] == "show"
    assert not any(p["opens_at"] for p in run(capsys, "critics", "metallic", "--json").json())
    shielded = run(capsys, "critics", "metallic", "--json", "--spoilers", "shield").json()
    assert any(p["opens_at"] for p in shielded)
    assert run(capsys, "settings", "--spoilers", "nope").code == 2


def test_closed_pieces_stay_out_of_affinity(tracker: Tracker) -> None:
    tracker.give_verdict("metallic", score="6")
    shielded = {a.critic: a.shows for a in tracker.stats().affinity}
    tracker.spoilers = tracker.settings().spoilers.__class__("show")
    everything = {a.critic: a.shows for a in tracker.stats().affinity}
    assert set(shielded) < set(everything)  # critics with only closed pieces are out


def test_blind_mode_and_the_shield_combine(capsys: Capsys) -> None:
    assert run(capsys, "settings", "--blind", "on").code == 0
    pieces = run(capsys, "critics", "metallic", "--json").json()
    assert all(p["hidden"] and p["score"] is None for p in pieces)
    assert {p["opens_at"] is None for p in pieces} == {True, False}  # says when each opens
    run(capsys, "verdict", "metallic", "--score", "7")
    after = run(capsys, "critics", "metallic", "--json").json()
    assert all(p["score"] is not None for p in after if p["opens_at"] is None)
    assert all(p["score"] is None for p in after if p["opens_at"] is not None)


def test_opening_on_purpose_stays_and_can_be_undone(tracker: Tracker) -> None:
    closed = tracker.detail("metallic").closed
    first = next(iter(closed))
    tracker.open_spoilers("metallic", first)
    assert first not in tracker.detail("metallic").closed
    tracker.open_spoilers("metallic")
    assert tracker.detail("metallic").closed == {}
    tracker.undo()
    tracker.undo()
    assert tracker.detail("metallic").closed == closed


async def test_o_opens_the_selected_piece_in_the_tui(tracker: Tracker) -> None:
    from watchlist.tui.screens.critics import CriticsScreen

    tracker.watch("metallic", upto=6)
    app = tui(tracker)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("/", *"metallic", "enter", "c")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, CriticsScreen) and screen.comparison is not None
        closed = screen.comparison.closed
        first = next(n for n, pc in enumerate(screen.comparison.pieces) if pc.piece.id in closed)
        await pilot.press(*["right"] * first)
        await settle(pilot)
        assert "Closed: it opens at episode" in screen_text(app)
        await pilot.press("o")
        await settle(pilot)
        assert any("Opened" in m and "u closes it again" in m for m in messages(app))
        assert len(tracker.detail("metallic").closed) == len(closed) - 1
