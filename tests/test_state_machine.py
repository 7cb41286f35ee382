"""Sequences of ordinary use, tried at random by Hypothesis against a small reference
model: every operation a user has, in any order. The defects users found all came
from sequences no single-step test tried (a rewatch after watching, re-importing your
own backup, `-` after `+`).

After every step:
- nothing the user entered has disappeared, except by an explicit delete or unmark of
  that very thing (the model keeps what must still be there);
- stats count exactly what the diary holds;
and on the steps that check them:
- an undo gives back exactly the state before the change it undoes;
- an export restored into an empty database gives the same state.
"""

from __future__ import annotations

import shutil
import tempfile
from collections import Counter
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule

from tests.conftest import START, Clock
from tests.test_undo import user_state
from watchlist.domain.errors import InvalidInput
from watchlist.domain.stats import compute_stats, stats_of
from watchlist.service.lookup import AmbiguousShow, ShowNotFound
from watchlist.service.tracker import Tracker
from watchlist.storage import open_store, tinydb_adapter
from watchlist.storage.adapter import encode_pieces
from watchlist.storage.deferred import DeferredRows
from watchlist.storage.entry_fields import entry_tally
from watchlist.storage.records import build_snapshot

IMPORT_FILES = Path(__file__).parent / "import_files"
SHOWS = {"metallic-rouge": 13, "frieren-beyond-journeys-end": 28, "ishura": 12}
STATUSES = [
    "watching",
    "completed",
    "on-hold",
    "dropped",
    "plan-to-watch",
    "rewatching",
    "auto",
]

shows = st.sampled_from(sorted(SHOWS))
episodes = st.integers(min_value=1, max_value=12)
days = st.dates(min_value=date(2024, 1, 1), max_value=date(2024, 3, 31))
scores = st.integers(min_value=1, max_value=10).map(str)
texts = st.sampled_from(["", "good", "slow start", "[b]markup[/b]", "Naomi!"])


class Tracking(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.folder = Path(tempfile.mkdtemp(prefix="watchlist-machine-"))
        self.clock = Clock(START.replace(month=4))
        self.tracker = self._open(self.folder / "watchlist.json")
        self.logs: Counter[tuple[str, int]] = Counter()
        """(show, episode) -> how many times it must at least be in the diary."""
        self.verdicts: set[str] = set()
        self.texts: dict[tuple[str, str], str] = {}
        """What the user wrote ((show, "comments") or (show, "note 3")) and must keep."""
        self.undoable: list[tuple[int, dict[str, Any]]] = []
        """(journal step, the state before it), newest last."""

    def _open(self, path: Path) -> Tracker:
        return Tracker(open_store(path, clock=self.clock))

    def teardown(self) -> None:
        self.tracker.close()
        shutil.rmtree(self.folder, ignore_errors=True)

    # --------------------------------------------------------------- helpers

    def _newest_step(self) -> int | None:
        listed = self.tracker.history()
        return listed[0].seq if listed else None

    def _change(self, act: Any) -> Any:
        """Run one change; a refused one must change nothing. A saved one is remembered
        with the state before it, for the undo that may come."""
        before, newest = user_state(self.tracker), self._newest_step()
        try:
            result = act()
        except InvalidInput:
            assert user_state(self.tracker) == before
            return None
        if self._newest_step() != newest:
            self.undoable.append((self._newest_step(), before))  # type: ignore[arg-type]
        return result

    def _sync(self) -> None:
        """Take what is there now as what must stay (after the checks below ran)."""
        self.logs = self._actual_logs()
        self.verdicts = self._actual_verdicts()
        self.texts = self._actual_texts()

    def _actual_logs(self) -> Counter[tuple[str, int]]:
        found: Counter[tuple[str, int]] = Counter()
        for slug in SHOWS:
            for number, _ in self.tracker.entry(slug).logs():
                found[(slug, number)] += 1
        return found

    def _actual_verdicts(self) -> set[str]:
        return {v.id for slug in SHOWS for v in self.tracker.detail(slug).verdicts}

    def _actual_texts(self) -> dict[tuple[str, str], str]:
        found = {}
        for slug in SHOWS:
            entry = self.tracker.entry(slug)
            if entry.comments:
                found[(slug, "comments")] = entry.comments
            for number, note in entry.notes.items():
                found[(slug, f"note {number}")] = note
        return found

    # ------------------------------------------------------------------ rules

    @rule(show=shows, numbers=st.lists(episodes, min_size=1, max_size=3, unique=True))
    def mark(self, show: str, numbers: list[int]) -> None:
        numbers = [n for n in numbers if n <= SHOWS[show]]
        self._change(lambda: self.tracker.watch(show, numbers))

    @rule(show=shows, number=episodes, day=days)
    def backdate(self, show: str, number: int, day: date) -> None:
        self._change(lambda: self.tracker.watch(show, [number], on=day.isoformat()))

    @rule(show=shows, number=episodes)
    def unmark(self, show: str, number: int) -> None:
        result = self._change(lambda: self.tracker.unwatch(show, [number]))
        if result is not None:
            self.logs[(show, number)] -= 1  # that very episode, unmarked on purpose

    @rule(show=shows, number=episodes)
    def toggle(self, show: str, number: int) -> None:
        result = self._change(lambda: self.tracker.toggle(show, number))
        if result is not None and result.removed:
            self.logs[(show, number)] -= 1

    @rule(show=shows)
    def minus(self, show: str) -> None:
        result = self._change(lambda: self.tracker.unwatch_last(show))
        if result is not None:
            for number in result.removed:
                self.logs[(show, number)] -= 1

    @rule(show=shows, status=st.sampled_from(STATUSES))
    def status(self, show: str, status: str) -> None:
        self._change(lambda: self.tracker.set_status(show, status))

    @rule(show=shows, score=scores, notes=texts)
    def verdict(self, show: str, score: str, notes: str) -> None:
        self._change(lambda: self.tracker.give_verdict(show, score=score, notes=notes))

    @rule(show=shows, score=scores)
    def correct_verdict(self, show: str, score: str) -> None:
        self._change(lambda: self.tracker.edit_verdict(show, score=score))

    @rule(show=shows)
    def delete_verdict(self, show: str) -> None:
        gone = self._change(lambda: self.tracker.delete_verdict(show))
        if gone is not None:
            self.verdicts.discard(gone.id)  # deleted on purpose

    @rule(show=shows, text=texts)
    def note(self, show: str, text: str) -> None:
        if self._change(lambda: self.tracker.set_note(show, text)) is not None:
            self.texts.pop((show, "comments"), None)
            if text:
                self.texts[(show, "comments")] = text

    @rule(show=shows, started=days, finished=days, rewatches=st.integers(0, 3))
    def edit(self, show: str, started: date, finished: date, rewatches: int) -> None:
        self._change(
            lambda: self.tracker.set_details(
                show,
                started=started.isoformat(),
                finished=finished.isoformat(),
                rewatches=str(rewatches),
            )
        )

    @rule(show=shows, number=episodes, score=scores, text=texts, day=st.none() | days)
    def episode(self, show: str, number: int, score: str, text: str, day: date | None) -> None:
        result = self._change(
            lambda: self.tracker.edit_episode(
                show, number, score=score, note=text, watched_on=day.isoformat() if day else None
            )
        )
        if result is not None:
            self.texts.pop((show, f"note {number}"), None)
            if text:
                self.texts[(show, f"note {number}")] = text

    @rule(blind=st.booleans(), fmt=st.sampled_from(["10", "100", "5-star"]))
    def settings_change(self, blind: bool, fmt: str) -> None:
        self._change(lambda: self.tracker.update_settings(score_format=fmt, blind=blind))

    @rule()
    def import_a_list(self) -> None:
        """A list whose entries ask to win (MAL's update_on_import): its progress and
        comments replace yours, on purpose; your diary and episode notes stay."""
        self._change(lambda: self.tracker.import_file(IMPORT_FILES / "anilist-as-mal.xml"))
        self.texts = {k: v for k, v in self.texts.items() if k[1] != "comments"}

    @rule()
    def reimport_own_backup(self) -> None:
        """Importing your own backup adds nothing at all."""
        backup = self.folder / "backup.json"
        backup.write_bytes(self.tracker.export("json").payload)
        before = user_state(self.tracker)
        self._change(lambda: self.tracker.import_file(backup))
        assert user_state(self.tracker) == before

    @rule()
    def export_and_restore_elsewhere(self) -> None:
        backup = self.folder / "backup.json"
        backup.write_bytes(self.tracker.export("json").payload)
        elsewhere = self.folder / f"restored-{len(list(self.folder.iterdir()))}.json"
        restored = self._open(elsewhere)
        try:
            restored.import_file(backup)
            assert user_state(restored) == user_state(self.tracker)
        finally:
            restored.close()

    @rule()
    def undo(self) -> None:
        if not self.undoable:
            return
        seq, before = self.undoable.pop()
        assert self._newest_step() == seq
        self.tracker.undo()
        assert user_state(self.tracker) == before
        self._sync()

    @rule()
    def restart(self) -> None:
        """Closing and opening again changes nothing (the journal too survives), and
        stats read from the stored documents as it opens are those the records read in
        the session gave."""
        before, listed = user_state(self.tracker), self.tracker.history()
        stats = self.tracker.stats()
        self.tracker.close()
        self.tracker = self._open(self.folder / "watchlist.json")
        assert user_state(self.tracker) == before and self.tracker.history() == listed
        assert self.tracker.stats() == stats

    # ------------------------------------------------------------- invariants

    def _check_kept(self) -> None:
        logs = self._actual_logs()
        missing = {key: n for key, n in self.logs.items() if logs[key] < n}
        assert not missing, f"diary lost {missing}"
        assert self.verdicts <= self._actual_verdicts(), "a verdict disappeared"
        texts = self._actual_texts()
        lost = {k: v for k, v in self.texts.items() if texts.get(k) != v}
        assert not lost, f"text lost {lost}"

    @invariant()
    def nothing_disappears(self) -> None:
        self._check_kept()
        self._sync()

    @invariant()
    def stats_count_the_diary(self) -> None:
        stats = self.tracker.stats().stats
        diary = sum(len(self.tracker.entry(slug).logs()) for slug in SHOWS)
        imported = sum(len(e.logs()) for e in self.tracker.store.read(lambda s: s.entries.values()))
        assert stats.episodes == imported >= diary
        weeks = sum(w.episodes for w in stats.weeks)
        assert weeks + stats.undated == stats.episodes
        # Read as a large file is (its records kept as documents, counted without being
        # converted), the same records give the same stats as converted.
        snap, _ = build_snapshot(self.tracker.store.documents(), trusted=True)
        lengths = {slug: 20 + n for n, slug in enumerate(snap.entries)}
        tallied = stats_of(entry_tally(snap.entries, lengths), lengths, {})
        assert tallied == compute_stats(lengths, list(snap.entries.values()), {})


Tracking.TestCase.settings = settings(
    max_examples=100,
    stateful_step_count=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
test_sequences_of_ordinary_use = Tracking.TestCase


class DeferredTracking(Tracking):
    """The same sequences on a file saved the way a large library's is: every save notes
    where each table lies, so a store opened again leaves the entries and the verdicts
    as bytes and reads them only as far as it is asked (see `deferred.py`)."""

    LARGE = ((tinydb_adapter, "VOUCH_FROM"),)

    def __init__(self) -> None:
        self._small = [getattr(module, name) for module, name in self.LARGE]
        for module, name in self.LARGE:
            setattr(module, name, 0)
        super().__init__()

    def teardown(self) -> None:
        try:
            super().teardown()
        finally:
            for (module, name), value in zip(self.LARGE, self._small, strict=True):
                setattr(module, name, value)

    def _found(self, query: str) -> list[str]:
        """The show a query finds, or the shows it could mean."""
        try:
            return [self.tracker.find(query).slug]
        except (ShowNotFound, AmbiguousShow) as error:
            return [show.slug for show in error.candidates]

    @rule(title=st.sampled_from(["Own Tale", "Another Tale", "Own Tale"]))
    def add_own_show(self, title: str) -> None:
        """A show of the user's own: its table then holds records, which a store opened
        again reads as a few fields of each (lengths, seasons, titles) until one is read
        whole."""
        self._change(lambda: self.tracker.add_show(title, episodes=12, season="winter-2024"))

    @rule(show=shows, number=episodes)
    def reopen_and_mark(self, show: str, number: int) -> None:
        """Opened again, each show reads as it did, one by one, before anything reads a
        whole table; then a change made straight away keeps everything else."""
        stats, season = self.tracker.stats(), self.tracker.listing("winter-2024")
        found = self._found("tale")
        entries = {slug: self.tracker.entry(slug) for slug in SHOWS}
        verdicts = {slug: self.tracker.detail(slug).verdicts for slug in SHOWS}
        self.tracker.close()
        path = self.folder / "watchlist.json"
        loaded = tinydb_adapter.TinyDBAdapter(path)
        try:
            kept = loaded.load().get("entries")
            assert kept is None or isinstance(kept, DeferredRows)
        finally:
            loaded.close()
        self.tracker = self._open(path)
        assert self.tracker.stats() == stats  # the season's entries read by key, unparsed
        assert self._found("tale") == found  # the shows' titles alone
        assert self.tracker.listing("winter-2024") == season  # then a season's shows
        assert {slug: self.tracker.entry(slug) for slug in SHOWS} == entries
        assert {slug: self.tracker.detail(slug).verdicts for slug in SHOWS} == verdicts
        numbers = [number] if number <= SHOWS[show] else []
        self._change(lambda: self.tracker.watch(show, numbers))

    @invariant()
    def the_file_is_what_memory_holds(self) -> None:
        """Saves write the tables a change left alone as the bytes last read or written:
        the file must still be exactly what encoding the documents in memory gives."""
        path = self.folder / "watchlist.json"
        if path.exists():
            assert path.read_bytes() == b"".join(encode_pieces(self.tracker.store.documents()))


DeferredTracking.TestCase.settings = Tracking.TestCase.settings
test_sequences_on_a_large_file = DeferredTracking.TestCase


def test_the_clock_moves_forward() -> None:
    """The machine's clock starts after the season, so every backdate is in the past."""
    clock = Clock(START.replace(month=4))
    assert clock() - START > timedelta(days=60)
