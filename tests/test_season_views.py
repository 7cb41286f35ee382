"""Picks and the recap: their arithmetic on hand-made cases, and what they refuse."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from tests.cli_helpers import Capsys
from watchlist.domain.agreement import affinity
from watchlist.domain.errors import InvalidInput
from watchlist.domain.model import CriticPiece, PieceKind, Show, Verdict
from watchlist.domain.picks import pick
from watchlist.domain.recap import recap
from watchlist.domain.scoring import Stance
from watchlist.domain.stats import WeekCount, spread
from watchlist.service.tracker import Tracker


def verdict(show: str, score: int, n: int = 0, episode: int = 1) -> Verdict:
    return Verdict(
        f"{show}-{n}", show, datetime(2024, 1, 1 + n, tzinfo=UTC), score, None, "", episode
    )


def review(critic: str, show: str, score: int, kind: PieceKind = PieceKind.PREMIERE) -> CriticPiece:
    episode = 1 if kind is PieceKind.PREMIERE else None
    return CriticPiece(
        f"{show}/{critic}-{kind}",
        show,
        kind,
        Stance.DROP,
        score,
        "r",
        "x",
        outlet=critic,
        episode=episode,
    )


def test_picks_weigh_each_critic_by_how_close_they_are_to_you() -> None:
    verdicts = {"a": [verdict("a", 80)], "b": [verdict("b", 60)], "c": [verdict("c", 40)]}
    pieces = [
        # Near: 2 and 4 points from you over a and b: distance 3, weight 1/4.
        review("Near", "a", 78),
        review("Near", "b", 64),
        review("Near", "x", 90),
        # Far: 20 and 30 points over b and c: distance 25, weight 1/26.
        review("Far", "b", 80),
        review("Far", "c", 70),
        review("Far", "x", 30),
        review("Far", "y", 50),
        # Lonely shares one show only: it never counts.
        review("Lonely", "a", 80),
        review("Lonely", "y", 100),
    ]
    result = pick(["x", "y", "z"], pieces, verdicts)
    assert result.needs is None
    x, y = result.picks
    # x: (90 * 1/4 + 30 * 1/26) / (1/4 + 1/26) = 82.0
    assert (x.show, x.predicted, x.critics) == ("x", 82, 2)
    assert x.reason == "Near, 3 points from you over 2 shows, gave it 90"
    assert (y.show, y.predicted, y.critics) == ("y", 50, 1)
    assert y.reason == "Far, 25 points from you over 2 shows, gave it 50"


def test_picks_say_what_they_need_instead_of_guessing() -> None:
    pieces = [review("C", "a", 70), review("C", "b", 70), review("C", "x", 70)]
    one = pick(["x"], pieces, {"a": [verdict("a", 70)]})
    assert one.picks == [] and "at least 2 shows" in (one.needs or "")
    unshared = pick(["x"], pieces, {"a": [verdict("a", 70)], "q": [verdict("q", 50)]})
    assert unshared.picks == [] and "no critic has reviewed 2" in (unshared.needs or "")


def test_picks_leave_closed_pieces_out_and_blind_mode_refuses(tracker: Tracker) -> None:
    for slug, score in (("metallic", "7"), ("solo", "6"), ("dungeon", "9"), ("ishura", "5")):
        tracker.give_verdict(slug, score=score)
    shielded = tracker.picks()
    tracker.spoilers = tracker.settings().spoilers.__class__("show")
    everything = tracker.picks()
    assert shielded.picks and everything.picks
    assert sum(p.critics for p in shielded.picks) < sum(p.critics for p in everything.picks)
    judged = {"metallic-rouge", "solo-leveling", "delicious-in-dungeon", "ishura"}
    assert not judged & {p.show for p in everything.picks}
    tracker.update_settings(blind=True)
    with pytest.raises(InvalidInput, match="blind mode"):
        tracker.picks()


def test_the_recap_of_a_hand_made_season() -> None:
    shows = [Show(slug, slug.upper(), episodes=12) for slug in ("a", "b", "c", "d")]
    verdicts = {
        "a": [verdict("a", 60, 0, 0), verdict("a", 90, 1, 12)],  # changed my mind, +30
        "b": [verdict("b", 50)],
        "c": [verdict("c", 70)],
    }
    pieces = [
        review("P", "a", 85, PieceKind.PREVIEW),
        review("Q", "a", 80),
        review("R", "a", 70),
        review("P", "b", 80, PieceKind.PREVIEW),
        review("Q", "b", 70),
        review("Q", "c", 70),
        review("R", "d", 90),
    ]
    weeks = [WeekCount(date(2024, 1, 8), 3, 72), WeekCount(date(2024, 1, 15), 1, 24)]
    made = recap("Test", shows, verdicts, pieces, affinity(pieces, verdicts), weeks)
    assert [
        (s.show.slug, s.you, s.reception.score if s.reception else None, s.delta)
        for s in made.shows
    ] == [
        ("a", 90, 75, 15),
        ("c", 70, 70, 0),
        ("b", 50, 70, -20),
    ]
    assert [s.show.slug for s in made.reception_order] == ["a", "b", "c"]  # b, c tie at 70
    assert [s.show.slug for s in made.warmer] == ["a"] and [s.show.slug for s in made.colder] == [
        "b"
    ]
    a = made.shows[0]
    assert a.hype is not None and a.hype.score == 85
    assert a.previews_called_it is True  # 85 against 75: within 10
    assert a.you_called_it is False  # your first, 60, against 75
    b = next(s for s in made.shows if s.show.slug == "b")
    assert b.previews_called_it is True and b.you_called_it is False  # 80 vs 70; 50 vs 70
    assert [(c.show, c.moved) for c in made.changed_my_mind] == [("a", 30)]
    assert [c.critic for c in made.who_called_it] == [
        "Q",
        "R",
    ]  # 0 and 10 points off... on a: 10, c: 0
    assert made.your_scores == [50, 70, 90]
    assert spread(made.your_scores) == [0, 0, 0, 0, 0, 1, 0, 1, 0, 1]
    assert made.critic_scores == [70, 70, 70, 80]  # the reviews of the shows you judged
    assert [w.minutes for w in made.weeks] == [72, 24]
    assert not made.empty


def test_a_season_with_no_verdicts_says_so(tracker: Tracker) -> None:
    assert tracker.recap().empty


def test_the_picks_command(capsys: Capsys) -> None:
    from tests.cli_helpers import run

    capture = capsys
    early = run(capture, "picks", "--json")
    assert early.code == 0 and early.json() == [] and "at least 2 shows" in early.err
    for slug, score in (("metallic", "7"), ("solo", "6"), ("dungeon", "9"), ("ishura", "5")):
        run(capture, "verdict", slug, "--score", score)
    listed = run(capture, "picks", "--json").json()
    assert listed and set(listed[0]) == {"slug", "predicted", "reason", "critics"}
    assert [p["predicted"] for p in listed] == sorted(
        (p["predicted"] for p in listed), reverse=True
    )
    text = run(capture, "picks").out
    assert "points from you over" in text
    first = run(capture, "show", listed[0]["slug"], "--json").json()
    assert first["title"] in text and first["title_native"] not in text
    run(capture, "settings", "--titles", "native")
    assert first["title_native"] in run(capture, "picks").out
    recap = run(capture, "recap", "--format", "json").json()
    assert any(row["title"] == "メタリックルージュ" for row in recap["shows"])
    run(capture, "settings", "--blind", "on")
    refused = run(capture, "picks")
    assert refused.code == 2 and "blind mode" in refused.err and refused.err.count("\n") == 1


def test_picks_and_stats_name_shows_as_the_titles_setting_says(tracker: Tracker) -> None:
    from watchlist.tui.screens.stats import hindsight

    for slug, score in (("metallic", "8"), ("solo", "6"), ("dungeon", "9"), ("ishura", "5")):
        tracker.give_verdict(slug, score=score)
    tracker.give_verdict("metallic", score="6")  # 80 → 60: a change of mind
    rouge = tracker.find("metallic")
    tracker.update_settings(titles="native")
    picks = tracker.picks()
    assert picks.picks
    for item in picks.picks:
        show = tracker.find(item.show)
        assert picks.title(item.show) == (show.title_native or show.title)
    stats = tracker.stats()
    assert stats.title(rouge.slug) == rouge.title_native != rouge.title
    assert f"{rouge.title_native}: 80 → 60 (-20)" in hindsight(stats).plain  # the screen's
