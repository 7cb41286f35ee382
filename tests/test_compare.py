"""Comparing with the critics through the CLI: compare, blind mode, score formats, stats."""

from __future__ import annotations

from pathlib import Path

from tests.cli_helpers import Capsys, run

SEED_TEXT = {
    "metallic-rouge/anime-feminist-premiere": "Anime Feminist",
    "metallic-rouge/lets-weaboo-preview": "Let's Weaboo",
    "metallic-rouge/cosmic-circus-premiere": "The Cosmic Circus",
    "metallic-rouge/unknown-outlet-preview": None,
}
"""The four pieces written from the project's own source texts, with known scores."""


def test_compare_gives_you_and_every_critic_with_delta_and_agreement(capsys: Capsys) -> None:
    assert run(capsys, "verdict", "metallic", "--score", "8", "--episode", "1").code == 0
    result = run(capsys, "compare", "metallic", "--json", "--spoilers", "show")
    assert result.code == 0
    shape = result.json()
    assert shape["you"]["score"] == 80 and shape["you"]["episode"] == 1
    for critic in shape["critics"]:
        assert critic["delta"] == 80 - critic["score"]
        assert critic["agreement"] in ("agree", "differ", "disagree")
    critics = {c["id"]: c for c in shape["critics"] if c["id"] in SEED_TEXT}
    assert {c["outlet"] for c in critics.values()} == set(SEED_TEXT.values())
    assert critics["metallic-rouge/cosmic-circus-premiere"]["delta"] == 25
    assert critics["metallic-rouge/cosmic-circus-premiere"]["agreement"] == "differ"
    assert critics["metallic-rouge/lets-weaboo-preview"]["agreement"] == "agree"
    hype, reception = shape["consensus"]["hype"], shape["consensus"]["reception"]
    assert hype == {"score": 83, "stance": "keep-watching", "pieces": 2}  # (85 + 80) / 2
    reviews = [c["score"] for c in shape["critics"] if c["kind"] != "preview"]
    assert reception["pieces"] == len(reviews) > 2
    assert reception["score"] == (2 * sum(reviews) + len(reviews)) // (2 * len(reviews))


def test_each_piece_is_paired_with_your_verdict_at_the_same_point(capsys: Capsys) -> None:
    """A premiere review with you as of episode 1, a review of episode N with your latest
    verdict at or before N, a season review with your final one; "you now" beside it."""
    run(capsys, "verdict", "metallic", "--score", "9", "--episode", "1")
    run(capsys, "watch", "metallic", "--upto", "6")
    run(capsys, "verdict", "metallic", "--stance", "skeptical")  # at episode 6, stands for 35
    shape = run(capsys, "compare", "metallic", "--json", "--spoilers", "show").json()
    assert shape["you"]["score"] == 35 and shape["you"]["episode"] == 6
    assert [v["score"] for v in shape["timeline"]] == [90, 35]
    for critic in shape["critics"]:
        then, episode = critic["as_of_episode"], critic["episode"]
        if critic["kind"] == "premiere" or (critic["kind"] == "episode" and episode < 6):
            assert then["episode"] == 1 and critic["you_then"] == 90
        elif critic["kind"] == "preview":
            assert then is None and critic["you_then"] is None  # no verdict before ep 1
        else:  # a later episode, or the season: your verdict at episode 6, the final one
            assert then["episode"] == 6 and critic["you_then"] == 35
        if critic["you_then"] is not None:
            assert critic["delta_then"] == critic["you_then"] - critic["score"]
        assert critic["delta"] == 35 - critic["score"]


def test_nothing_to_compare_yet_is_not_an_error(capsys: Capsys, tmp_path: Path) -> None:
    no_verdict = run(capsys, "compare", "metallic")
    assert no_verdict.code == 0 and "nothing to compare yet" in no_verdict.out.lower()
    as_json = run(capsys, "compare", "metallic", "--json").json()
    assert as_json["you"] is None and all(c["delta"] is None for c in as_json["critics"])
    seeds = tmp_path / "mine.json"
    seeds.write_text(
        '{"season": {"slug": "my-season", "name": "Mine", "starts": "2024-04-01",'
        ' "ends": "2024-06-30"}, "shows": [{"slug": "my-show", "title": "My Show",'
        ' "episodes": 2}], "pieces": []}'
    )
    run(capsys, "import", str(seeds))
    run(capsys, "verdict", "my-show", "--score", "7")
    no_pieces = run(capsys, "compare", "my-show")
    assert no_pieces.code == 0 and "nothing to compare yet" in no_pieces.out.lower()


def test_blind_mode_hides_critics_until_you_give_a_verdict(capsys: Capsys) -> None:
    assert run(capsys, "settings", "--blind", "on", "--spoilers", "show").code == 0
    hidden = run(capsys, "critics", "metallic", "--json").json()
    assert all(p["hidden"] and p["score"] is None and p["summary"] is None for p in hidden)
    assert {p["outlet"] for p in hidden} >= set(SEED_TEXT.values())  # who wrote stays visible
    text = run(capsys, "critics", "metallic").out
    assert "hidden until you give your own verdict" in text
    assert "sleeper hit" not in text
    compared = run(capsys, "compare", "metallic", "--json").json()
    assert compared["hidden"] and compared["consensus"] is None
    run(capsys, "verdict", "metallic", "--score", "7")
    shown = run(capsys, "critics", "metallic", "--json").json()
    assert not any(p["hidden"] for p in shown) and all(p["summary"] for p in shown)


def test_score_format_setting_changes_what_you_type_and_see(capsys: Capsys, db_path: Path) -> None:
    assert run(capsys, "settings", "--score-format", "5-star").code == 0
    assert run(capsys, "verdict", "metallic", "--score", "4").code == 0
    before = db_path.read_bytes()
    refused = run(capsys, "verdict", "metallic", "--score", "6")
    assert refused.code == 2 and "5-star" in refused.err
    assert db_path.read_bytes() == before
    listed = run(capsys, "list", "--json").json()
    rouge = next(row for row in listed if row["slug"] == "metallic-rouge")
    assert rouge["score"] == 80 and rouge["score_text"] == "★★★★☆"
    run(capsys, "settings", "--score-format", "3-smiley")
    assert run(capsys, "verdict", "metallic", "--score", "3.5").code == 2
    run(capsys, "settings", "--score-format", "100")
    assert run(capsys, "verdict", "metallic", "--score", "101").code == 2
    assert run(capsys, "settings", "--json").json()["score_format"] == "100"


def test_stats_give_episodes_hours_weeks_scores_and_affinity(capsys: Capsys) -> None:
    run(capsys, "watch", "metallic", "--upto", "3")
    run(capsys, "watch", "solo", "1")
    run(capsys, "verdict", "metallic", "--score", "7")
    run(capsys, "verdict", "solo", "--score", "9")
    stats = run(capsys, "stats", "--json").json()
    assert stats["episodes"] == 4 and stats["minutes"] == 4 * 24 and stats["hours"] == 1.6
    assert stats["by_status"]["watching"] == 2
    assert sum(week["episodes"] for week in stats["weeks"]) == 4
    assert stats["scores"]["count"] == 2 and stats["scores"]["mean"] == 80.0
    assert stats["scores"]["spread"] == 10.0
    affinity = {a["critic"]: a for a in stats["affinity"]}
    assert affinity["Let's Weaboo"]["mean_difference"] == 10.0
    assert affinity["The Cosmic Circus"]["shows"] == 1
    # Two shows in common: nobody is ranked on so little.
    assert not any(a["ranked"] for a in stats["affinity"])
    season = run(capsys, "stats", "--season", "winter-2024", "--json").json()
    assert season["episodes"] == 4
    assert run(capsys, "stats").code == 0


def test_stats_without_verdicts_has_no_affinity(capsys: Capsys) -> None:
    run(capsys, "watch", "metallic")
    stats = run(capsys, "stats", "--json").json()
    assert stats["affinity"] == [] and stats["scores"]["mean"] is None


def test_critics_name_what_each_piece_is(capsys: Capsys) -> None:
    assert "review of episode 22," in run(capsys, "critics", "frieren").out
    assert "season review," in run(capsys, "critics", "gushing").out
    metallic = run(capsys, "critics", "metallic").out
    assert "premiere review, episode 1," in metallic and "  preview," in metallic
