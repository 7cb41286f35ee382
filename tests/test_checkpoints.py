"""Checkpoint verdicts: episode 1, 3 and the last offer a verdict at that point, and each
critic piece is paired with your verdict at the same point; over a season, where you
changed your mind and which critics called it."""

from __future__ import annotations

from datetime import UTC, datetime

from tests.cli_helpers import Capsys, run
from tests.tui_helpers import SIZE, messages, settle, tui
from watchlist.domain.hindsight import END, arc, changed_my_mind, critic_arcs, who_called_it
from watchlist.domain.model import CriticPiece, PieceKind, Show, Verdict
from watchlist.domain.progress import checkpoint
from watchlist.domain.scoring import Stance
from watchlist.domain.stats import scores_of
from watchlist.service.tracker import Tracker

SHOW = Show("s", "S", episodes=12)


def verdict(score: int, episode: int, n: int = 0) -> Verdict:
    return Verdict(
        f"v{episode}-{n}", "s", datetime(2024, 1, 1 + n, tzinfo=UTC), score, None, "", episode
    )


def piece(
    id_: str, kind: PieceKind, score: int, episode: int | None = None, show: str = "s"
) -> CriticPiece:
    return CriticPiece(
        id_, show, kind, Stance.DROP, score, "r", "x", outlet=id_.split("/")[0], episode=episode
    )


def test_checkpoints_are_episode_1_3_and_the_last_unless_judged() -> None:
    assert checkpoint(SHOW, [1], set()) == 1
    assert checkpoint(SHOW, [2], set()) is None
    assert checkpoint(SHOW, [1, 2, 3], set()) == 3
    assert checkpoint(SHOW, list(range(1, 13)), set()) == 12
    assert checkpoint(SHOW, [3], {3}) is None
    assert checkpoint(Show("u", "U"), [5], set()) is None  # the last is unknown


def test_the_cli_hints_at_a_checkpoint(capsys: Capsys) -> None:
    first = run(capsys, "watch", "metallic")
    assert "hint: your take at episode 1?" in first.err
    assert "watchlist verdict metallic-rouge --episode 1" in first.err
    assert "hint" not in run(capsys, "watch", "metallic").err  # episode 2
    assert "episode 3" in run(capsys, "watch", "metallic").err
    run(capsys, "verdict", "metallic", "--score", "7", "--episode", "13")
    assert "hint" not in run(capsys, "watch", "metallic", "--upto", "13").err  # judged


async def test_the_tui_offers_a_verdict_at_the_checkpoint_without_blocking(
    tracker: Tracker,
) -> None:
    from textual.widgets import Input

    from watchlist.tui.screens.dialogs import VerdictEditor
    from watchlist.tui.screens.show_list import BoardScreen

    app = tui(tracker)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("/", *"metallic", "enter", "space", "space")
        await settle(pilot)
        assert isinstance(app.screen, BoardScreen)  # nothing opened: keys went on as typed
        assert tracker.entry("metallic-rouge").progress == 2
        assert any("episode 1 watched" in m and "press V" in m for m in messages(app))
        await pilot.press("V")
        await pilot.pause()
        assert isinstance(app.screen, VerdictEditor)
        assert app.screen.query_one("#verdict-episode", Input).value == "1"
        app.screen.query_one("#verdict-score", Input).value = "8"
        await pilot.press("ctrl+s")
        await settle(pilot)
        saved = tracker.detail("metallic").verdicts
        assert [(v.score, v.episode) for v in saved] == [(80, 1)]


def test_the_arc_pairs_you_with_the_critics_point_by_point() -> None:
    pieces = [
        piece("a/pre", PieceKind.PREVIEW, 90),
        piece("a/1", PieceKind.PREMIERE, 80, 1),
        piece("b/1", PieceKind.PREMIERE, 60, 1),
        piece("b/6", PieceKind.EPISODE, 40, 6),
        piece("a/end", PieceKind.SEASON, 50),
    ]
    verdicts = [verdict(70, 1), verdict(30, 8, 1)]
    points = {p.label: (p.you, p.critics, p.pieces) for p in arc(verdicts, pieces)}
    assert points == {
        "before": (None, 90, 1),
        "ep 1": (70, 70, 2),
        "ep 6": (70, 40, 1),
        "ep 8": (30, None, 0),
        "end": (30, 50, 1),
    }
    assert [(a.critic, a.premiere, a.season, a.moved) for a in critic_arcs(pieces)] == [
        ("a", 80, 50, -30)
    ]
    assert arc([], [])[-1:] == [] and END > 1000


def test_the_arc_and_the_comparison_agree_on_your_verdict_at_a_piece() -> None:
    from watchlist.domain.agreement import compare_pieces, point_of

    pieces = [
        piece("a/pre", PieceKind.PREVIEW, 90),
        piece("a/1", PieceKind.PREMIERE, 80, 1),
        piece("b/6", PieceKind.EPISODE, 40, 6),
        piece("a/end", PieceKind.SEASON, 50),
    ]
    # The last verdict names no episode: only a season review is held against it.
    final = Verdict("v-final", "s", datetime(2024, 1, 9, tzinfo=UTC), 20, None, "")
    verdicts = [verdict(70, 1), verdict(30, 8, 1), final]
    yours = {p.episode: p.you for p in arc(verdicts, pieces)}
    for compared in compare_pieces(pieces, verdicts):
        then = compared.then.verdict.effective_score if compared.then else None
        assert then == yours[point_of(compared.piece)], compared.piece.id
    assert yours == {0: None, 1: 70, 6: 70, 8: 30, END: 20}


def test_changed_my_mind_and_who_called_it_on_a_hand_made_season() -> None:
    verdicts = {
        "s": [verdict(80, 1), verdict(60, 12, 1)],  # moved 20
        "t": [verdict(70, 1), verdict(60, 12, 1)],  # moved 10: not a change of mind
        "u": [verdict(40, 1)],
    }
    mind = changed_my_mind(scores_of(verdicts))
    assert [(c.show, c.first, c.last, c.moved) for c in mind] == [("s", 80, 60, -20)]
    pieces = [
        piece("a/s", PieceKind.PREMIERE, 65, 1, "s"),  # 5 from 60
        piece("a/t", PieceKind.PREMIERE, 70, 1, "t"),  # 10 from 60
        piece("b/s", PieceKind.PREMIERE, 90, 1, "s"),  # 30 from 60
        piece("b/u", PieceKind.EPISODE, 40, 3, "u"),  # not a premiere
        piece("c/x", PieceKind.PREMIERE, 50, 1, "x"),  # no verdict on x
    ]
    called = who_called_it(pieces, verdicts)
    assert [(c.critic, c.mean_gap, c.shows) for c in called] == [("a", 7.5, 2), ("b", 30.0, 1)]
