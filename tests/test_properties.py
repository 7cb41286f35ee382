"""Any sequence of operations leaves a database that reloads to the same state and keeps
its invariants (property-based, stateful)."""

from __future__ import annotations

import contextlib
import shutil
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule

from tests.conftest import Clock
from watchlist.domain.errors import InvalidInput
from watchlist.domain.model import Status
from watchlist.domain.progress import automatic_status
from watchlist.domain.text import _UNSAFE
from watchlist.service.tracker import Tracker
from watchlist.storage import Snapshot, open_store
from watchlist.storage.catalog import load_catalog

CATALOG = load_catalog()
SHOWS = st.sampled_from(
    ["metallic-rouge", "frieren-beyond-journeys-end", "solo-leveling", "ishura"]
)
EPISODES = st.integers(min_value=-2, max_value=30)
TYPED = st.one_of(
    st.integers(min_value=-5, max_value=120).map(str),
    st.sampled_from(["", " ", "1_0", "1e1", "NaN", "inf", "７", "7.5", ":)", "x"]),
)
TEXT = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=40)


def state_of(snap: Snapshot) -> tuple[object, ...]:
    return (snap.entries, {k: v for k, v in snap.verdicts.items() if v}, snap.settings)


class TrackerMachine(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.folder = Path(tempfile.mkdtemp())
        self.path = self.folder / "watchlist.json"
        self.tracker = Tracker(open_store(self.path, clock=Clock()))

    def teardown(self) -> None:
        self.tracker.store.close()
        shutil.rmtree(self.folder, ignore_errors=True)

    def attempt(self, action: object) -> None:
        """Bad input is refused with InvalidInput; anything else is a bug."""
        with contextlib.suppress(InvalidInput):
            action()  # type: ignore[operator]

    @rule(show=SHOWS, episodes=st.lists(EPISODES, max_size=4))
    def watch(self, show: str, episodes: list[int]) -> None:
        self.attempt(lambda: self.tracker.watch(show, [str(e) for e in episodes]))

    @rule(show=SHOWS, upto=TYPED)
    def watch_upto(self, show: str, upto: str) -> None:
        self.attempt(lambda: self.tracker.watch(show, upto=upto))

    @rule(show=SHOWS)
    def watch_next(self, show: str) -> None:
        self.attempt(lambda: self.tracker.watch_next(show))

    @rule(show=SHOWS, episode=EPISODES)
    def toggle(self, show: str, episode: int) -> None:
        self.attempt(lambda: self.tracker.toggle(show, episode))

    @rule(show=SHOWS)
    def unwatch_last(self, show: str) -> None:
        self.attempt(lambda: self.tracker.unwatch_last(show))

    @rule(show=SHOWS, status=st.sampled_from([*(s.value for s in Status), "auto", "bogus"]))
    def set_status(self, show: str, status: str) -> None:
        self.attempt(lambda: self.tracker.set_status(show, status))

    @rule(
        show=SHOWS,
        score=TYPED,
        stance=st.sampled_from(["", "drop", "must-watch", "meh"]),
        notes=TEXT,
        episode=st.one_of(st.none(), TYPED),
    )
    def verdict(self, show: str, score: str, stance: str, notes: str, episode: str | None) -> None:
        self.attempt(
            lambda: self.tracker.give_verdict(
                show, score=score, stance=stance, notes=notes, episode=episode
            )
        )

    @rule(show=SHOWS, episode=EPISODES, score=TYPED, note=TEXT)
    def rate(self, show: str, episode: int, score: str, note: str) -> None:
        self.attempt(lambda: self.tracker.rate_episode(show, episode, score=score, note=note))

    @rule(fmt=st.sampled_from(["10", "10.0", "100", "5-star", "3-smiley", "7"]))
    def score_format(self, fmt: str) -> None:
        self.attempt(lambda: self.tracker.update_settings(score_format=fmt))

    @invariant()
    def reloads_to_the_same_state(self) -> None:
        fresh = open_store(self.path, clock=Clock())
        try:
            assert fresh.take_notices() == []
            assert state_of(fresh.read(lambda s: s)) == state_of(
                self.tracker.store.read(lambda s: s)
            )
        finally:
            fresh.close()

    @invariant()
    def rules_hold(self) -> None:
        snap = self.tracker.store.read(lambda s: s)
        for slug, entry in snap.entries.items():
            episodes = CATALOG.shows[slug].episodes
            assert all(1 <= n <= (episodes or 10**6) for n in entry.watched)
            if not entry.status_by_hand:
                assert entry.status is automatic_status(entry.progress, episodes)
            assert all(0 <= score <= 100 for score in entry.ratings.values())
            assert not any(_UNSAFE.search(note) for note in entry.notes.values())
        for history in snap.verdicts.values():
            for verdict in history:
                assert 0 <= verdict.effective_score <= 100
                assert not _UNSAFE.search(verdict.notes)
            assert [v.given_at for v in history] == sorted(v.given_at for v in history)


TrackerMachine.TestCase.settings = settings(
    max_examples=int(__import__("os").environ.get("WATCHLIST_EXAMPLES", "25")),
    stateful_step_count=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
test_any_sequence_of_operations_keeps_the_database_sound = TrackerMachine.TestCase
