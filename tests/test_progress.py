"""Status follows progress the way Trackma does, unless the user set it by hand."""

from datetime import date, timedelta

import pytest

from tests.conftest import START
from watchlist.domain import progress
from watchlist.domain.dates import PartialDate
from watchlist.domain.errors import InvalidInput
from watchlist.domain.model import Entry, Show, Status
from watchlist.domain.schedule import episodes

SHOW = Show("metallic-rouge", "Metallic Rouge", episodes=13, premiere=date(2024, 1, 10), season="w")


def test_first_mark_starts_watching_and_sets_the_start_date() -> None:
    entry = progress.mark(SHOW, Entry(SHOW.slug), [1], START)
    assert entry.status is Status.WATCHING
    assert entry.started == PartialDate.of(START.date())
    assert entry.watched == {1: START}


def test_last_episode_completes_and_sets_the_finish_date() -> None:
    later = START + timedelta(days=80)
    entry = progress.mark(SHOW, Entry(SHOW.slug), list(range(1, 13)), START)
    assert entry.status is Status.WATCHING and entry.finished is None
    entry = progress.mark(SHOW, entry, [13], later)
    assert entry.status is Status.COMPLETED
    assert entry.finished == PartialDate.of(later.date())
    assert entry.started == PartialDate.of(START.date())


def test_marking_again_keeps_the_original_moment() -> None:
    entry = progress.mark(SHOW, Entry(SHOW.slug), [1], START)
    again = progress.mark(SHOW, entry, [1], START + timedelta(hours=1))
    assert again.watched[1] == START


def test_a_status_set_by_hand_wins_over_progress() -> None:
    entry = progress.set_status(SHOW, Entry(SHOW.slug), Status.ON_HOLD, START)
    entry = progress.mark(SHOW, entry, list(range(1, 14)), START)
    assert entry.status is Status.ON_HOLD
    assert entry.status_by_hand


def test_unmarking_the_last_episode_reopens_a_completed_show() -> None:
    entry = progress.mark(SHOW, Entry(SHOW.slug), list(range(1, 14)), START)
    entry = progress.unmark(SHOW, entry, [13], START)
    assert entry.status is Status.WATCHING and entry.finished is None
    entry = progress.unmark(SHOW, entry, list(range(1, 13)), START)
    assert entry.status is Status.PLAN_TO_WATCH and entry.started is None


def test_finishing_a_rewatch_counts_it() -> None:
    entry = progress.mark(SHOW, Entry(SHOW.slug), list(range(1, 14)), START)
    entry = progress.set_status(SHOW, entry, Status.REWATCHING, START)
    assert entry.progress == 0 and len(entry.diary()) == 13  # the first pass is set aside
    assert progress.progress_phrase(SHOW, entry) == "rewatch 0/13"
    entry = progress.mark(SHOW, entry, list(range(1, 14)), START + timedelta(days=200))
    assert entry.status is Status.COMPLETED and not entry.status_by_hand
    assert entry.rewatch_count == 1 and entry.paused is None
    assert entry.finished == PartialDate.of(START.date())  # the first finish stays
    assert len(entry.diary()) == 26


def test_rewatching_keeps_progress_and_leaving_early_gives_it_back() -> None:
    """Frieren 4/28 became 0/28 plan-to-watch after `status rewatching` and back."""
    entry = progress.mark(SHOW, Entry(SHOW.slug), [1, 2, 3, 4], START)
    started = progress.set_status(SHOW, entry, Status.REWATCHING, START)
    assert started.progress == 0 and len(started.logs()) == 4
    passed = progress.mark(SHOW, started, [1, 2, 3], START + timedelta(days=1))
    assert passed.progress == 3 and len(passed.logs()) == 7
    assert progress.progress_phrase(SHOW, passed) == "rewatch 3/13"
    back = progress.set_status(SHOW, passed, Status.WATCHING, START + timedelta(days=2))
    assert back.watched == entry.watched and back.status is Status.WATCHING
    assert not back.status_by_hand and back.rewatch_count == 0
    assert len(back.diary()) == 7  # the stopped pass is still in the diary
    dropped = progress.set_status(SHOW, passed, Status.DROPPED, START)
    assert dropped.watched == entry.watched and dropped.status is Status.DROPPED
    auto = progress.follow_progress(SHOW, passed, START)
    assert auto.watched == entry.watched and auto.status is Status.WATCHING


def test_a_backdated_watch_before_the_start_moves_the_start() -> None:
    entry = progress.mark(SHOW, Entry(SHOW.slug), [2], START)
    assert entry.started == PartialDate.of(START.date())
    early = progress.mark(SHOW, entry, [1], START, when=PartialDate(2024, 1, 5))
    assert early.started == PartialDate(2024, 1, 5)
    redated = progress.redate(SHOW, entry, 2, PartialDate(2024, 1, 3), START)
    assert redated.started == PartialDate(2024, 1, 3) and redated.watched[2] == PartialDate(
        2024, 1, 3
    )


def test_the_latest_mark_is_the_one_marked_last_not_the_highest() -> None:
    entry = progress.mark(SHOW, Entry(SHOW.slug), [5], START, when=PartialDate(2024, 1, 5))
    entry = progress.mark(SHOW, entry, [2], START)
    assert entry.latest_mark == 2
    entry = progress.unmark(SHOW, entry, [2], START)
    assert entry.latest_mark == 5 and entry.watched == {5: PartialDate(2024, 1, 5)}


@pytest.mark.parametrize("episodes", [[0], [14], [-1], [2, 2]])
def test_out_of_range_or_repeated_episodes_are_refused(episodes: list[int]) -> None:
    with pytest.raises(InvalidInput):
        progress.mark(SHOW, Entry(SHOW.slug), episodes, START)


def test_unmarking_an_unwatched_episode_is_refused() -> None:
    with pytest.raises(InvalidInput, match="not marked watched"):
        progress.unmark(SHOW, Entry(SHOW.slug), [3], START)


def test_next_episode_fills_the_first_gap() -> None:
    entry = progress.mark(SHOW, Entry(SHOW.slug), [1, 2, 4], START)
    assert progress.next_episode(SHOW, entry) == 3
    full = progress.mark(SHOW, entry, [3, *range(5, 14)], START)
    assert progress.next_episode(SHOW, full) is None


def test_weekly_air_dates_derive_from_the_premiere() -> None:
    weekly = episodes(SHOW)
    assert weekly[0].airs == date(2024, 1, 10)
    assert weekly[12].airs == date(2024, 4, 3) and weekly[12].estimated
    carried = Show(
        "f",
        "F",
        episodes=28,
        first_in_season=17,
        episodes_in_season=12,
        premiere=date(2024, 1, 5),
        season="w",
    )
    listed = episodes(carried)
    assert listed[15].airs is None and not listed[15].in_season
    assert listed[16].airs == date(2024, 1, 5) and listed[16].in_season
