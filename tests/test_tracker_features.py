"""What list trackers let you do: backdate a watch, note a show, correct or delete a
verdict (leaving no trace), fix start and finish dates and rewatches, add your own show."""

from __future__ import annotations

from datetime import date

import pytest

from tests.cli_helpers import Capsys, run
from tests.conftest import Clock
from watchlist.domain.dates import PartialDate
from watchlist.domain.errors import InvalidInput
from watchlist.domain.model import Origin
from watchlist.service.tracker import Tracker


def test_catching_up_backdates_the_watch(tracker: Tracker, clock: Clock) -> None:
    clock.now = clock.now.replace(month=2, day=1)
    entry = tracker.watch("metallic", [1, 2], on="2024-01-12").entry
    assert entry.watched == {1: PartialDate(2024, 1, 12), 2: PartialDate(2024, 1, 12)}
    assert entry.started == PartialDate(2024, 1, 12)
    entry = tracker.watch("metallic", on="yesterday").entry
    assert entry.watched[3] == PartialDate(2024, 1, 31)
    weeks = tracker.stats().stats.weeks
    busy = [(w.week_start, w.episodes) for w in weeks if w.episodes]
    assert busy == [(date(2024, 1, 8), 2), (date(2024, 1, 29), 1)]
    with pytest.raises(InvalidInput, match="in the future"):
        tracker.watch("metallic", on="2024-03-01")
    with pytest.raises(InvalidInput, match="the day watched must be a date"):
        tracker.watch("metallic", on="last week")


def test_the_episode_dialog_can_date_an_episode(tracker: Tracker) -> None:
    tracker.watch("metallic", [1])
    entry = tracker.edit_episode("metallic", 1, score="9", watched_on="2024-01-10").entry
    assert entry.watched[1] == PartialDate(2024, 1, 10) and entry.ratings[1] == 90
    entry = tracker.edit_episode("metallic", 2, note="caught up", watched_on="2024-01-10").entry
    assert 2 in entry.watched and entry.notes[2] == "caught up"
    entry = tracker.edit_episode("metallic", 3, note="not yet").entry
    assert 3 not in entry.watched  # no day given: only the note


def test_a_note_on_a_show_as_a_whole(capsys: Capsys) -> None:
    assert run(capsys, "note", "metallic", "Worth it for Naomi alone.").code == 0
    shown = run(capsys, "show", "metallic", "--json").json()
    assert shown["comments"] == "Worth it for Naomi alone."
    assert shown["verdicts"] == []  # no score or stance needed
    assert "Worth it for Naomi alone." in run(capsys, "show", "metallic").out
    assert run(capsys, "note", "metallic", "").code == 0
    assert run(capsys, "show", "metallic", "--json").json()["comments"] == ""
    assert run(capsys, "note", "metallic").code == 2


def test_a_verdict_can_be_corrected_and_deleted_without_a_trace(tracker: Tracker) -> None:
    first = tracker.give_verdict("metallic", score="8")
    second = tracker.give_verdict("metallic", score="3", notes="typo: meant 7")
    corrected = tracker.edit_verdict("metallic", None, score="7")
    assert corrected.id == second.id and corrected.score == 70
    assert corrected.notes == "typo: meant 7" and corrected.given_at == second.given_at
    tracker.edit_verdict("metallic", first.id[:8], notes="premiere")
    timeline = tracker.detail("metallic").verdicts
    assert [(v.score, v.notes) for v in timeline] == [(80, "premiere"), (70, "typo: meant 7")]
    tracker.delete_verdict("metallic")
    assert tracker.detail("metallic").current.id == first.id  # type: ignore[union-attr]
    assert tracker.stats().stats.scores == [80]
    tracker.delete_verdict("metallic", first.id)
    assert tracker.detail("metallic").verdicts == []
    assert tracker.stats().stats.scores == []
    assert tracker.stats().affinity == []
    with pytest.raises(InvalidInput, match="no verdict"):
        tracker.delete_verdict("metallic")


def test_verdict_ids_that_match_nothing_or_several(tracker: Tracker) -> None:
    tracker.give_verdict("metallic", score="8")
    with pytest.raises(InvalidInput, match="matches no verdict"):
        tracker.edit_verdict("metallic", "zzz", score="7")


def test_verdicts_on_the_command_line(capsys: Capsys) -> None:
    result = run(capsys, "verdict", "metallic", "--score", "8", "--stance", "drop")
    assert result.code == 0 and "in the keep-watching band, not drop" in result.err
    assert "corrected" in run(capsys, "verdict", "metallic", "--edit", "--score", "5").out
    (verdict,) = run(capsys, "show", "metallic", "--json").json()["verdicts"]
    assert verdict["score"] == 50 and verdict["stance"] == "drop"
    assert run(capsys, "verdict", "metallic", "--delete", "--score", "5").code == 2
    assert "deleted" in run(capsys, "verdict", "metallic", "--delete", verdict["id"]).out
    assert run(capsys, "show", "metallic", "--json").json()["verdicts"] == []


def test_start_finish_and_rewatches_can_be_corrected(tracker: Tracker, capsys: Capsys) -> None:
    tracker.watch("frieren", upto=28)
    entry = tracker.set_details("frieren", started="2023-09", finished="2024-03-22")
    assert entry.started == PartialDate(2023, 9) and entry.finished == PartialDate(2024, 3, 22)
    entry = tracker.set_details("frieren", rewatches="2")
    assert entry.rewatch_count == 2 and entry.started == PartialDate(2023, 9)
    with pytest.raises(InvalidInput, match="before the start"):
        tracker.set_details("frieren", finished="2023-01-01")
    with pytest.raises(InvalidInput, match="rewatches"):
        tracker.set_details("frieren", rewatches="-1")
    tracker.close()
    result = run(capsys, "edit", "frieren", "--started", "")
    assert result.code == 0 and "started none" in result.out
    assert run(capsys, "edit", "frieren").code == 2
    assert run(capsys, "edit", "frieren", "--finished", "March").code == 2


def test_a_show_of_your_own(tracker: Tracker, capsys: Capsys) -> None:
    show = tracker.add_show("Kaiju No. 8", episodes="12", season="winter-2024", mal_id="52588")
    assert (show.slug, show.origin, show.episodes) == ("kaiju-no-8", Origin.USER, 12)
    assert "kaiju-no-8" in {r.show.slug for r in tracker.rows("winter-2024")}
    again = tracker.add_show("Kaiju No. 8")
    assert again.slug == "kaiju-no-8-2"
    with pytest.raises(InvalidInput, match="already has MyAnimeList id 52588"):
        tracker.add_show("Other", mal_id="52588")
    with pytest.raises(InvalidInput, match="unknown season"):
        tracker.add_show("Other", season="spring-2031")
    tracker.close()
    assert run(capsys, "add", "", "--episodes", "3").code == 2
    assert run(capsys, "add", "Mine", "--episodes", "0").code == 2
    assert run(capsys, "watch", "kaiju-no-8", "1").code == 0
