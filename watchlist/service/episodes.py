"""Episodes: marking, unmarking, status, and one episode's score and note."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, timedelta

from msgspec.structs import replace

from watchlist.domain import progress
from watchlist.domain.dates import PartialDate, parse_day
from watchlist.domain.errors import InvalidInput
from watchlist.domain.model import Entry, Show
from watchlist.domain.schedule import episodes
from watchlist.domain.text import MAX_NOTE_CHARS, clean_text
from watchlist.service.base import Number, TrackerBase, episode_of, optional_score
from watchlist.service.views import EntryChange


class EpisodeJobs(TrackerBase):
    def _change_entry(
        self,
        query: str,
        change: Callable[[Show, Entry], Entry],
        label: Callable[[EntryChange], str] = EntryChange.describe,
        notes: list[str] | None = None,
    ) -> EntryChange:
        """Apply `change` to the freshest copy of a show's entry and save it, kept in the
        undo journal under `label`; `notes` gathers what the change had to say."""
        show = self.find(query)
        with self._change() as (tx, lib):
            current = lib.shows.get(show.slug, show)
            entry = lib.entries.get(show.slug) or Entry(show.slug)
            after = change(current, entry)  # fills `notes` in: read them only after
            result = EntryChange(current, entry, after, tuple(notes or ()))
            judged = {v.episode or 0 for v in lib.verdicts.get(show.slug, [])}
            reached = progress.checkpoint(current, result.added, judged)
            if reached is not None:
                result = replace(result, checkpoint=reached)
            if result.changed:
                tx.put(result.entry)
                tx.journal(label(result))
            return result

    def watch(
        self,
        query: str,
        episodes: Sequence[Number] = (),
        *,
        upto: Number | None = None,
        on: str | date | None = None,
    ) -> EntryChange:
        """Mark episodes watched: the given ones, all up to `upto`, or else the next one;
        `on` backdates them to a day (2024-01-20, "yesterday"), as catching up does."""
        when = self._watched_on(on)
        notes: list[str] = []

        def change(show: Show, entry: Entry) -> Entry:
            numbers = [episode_of(e, show) for e in episodes]
            if upto is not None:
                last = episode_of(upto, show)
                numbers += [
                    n for n in range(1, last + 1) if n not in entry.watched and n not in numbers
                ]
            if not episodes and upto is None:
                following = progress.next_episode(show, entry)
                if following is None:
                    raise InvalidInput(f"every episode of {show.title} is already watched")
                numbers = [following]
            if when is not None:
                notes[:] = check_aired(show, [n for n in numbers if n not in entry.watched], when)
            return progress.mark(show, entry, numbers, self.now, when=when)

        return self._change_entry(query, change, notes=notes)

    def _watched_on(self, on: str | date | None) -> PartialDate | None:
        """The day a backdated watch happened: a date, as typed, never in the future."""
        if on is None or (isinstance(on, str) and not on.strip()):
            return None
        today = self.now.astimezone().date()
        day = on if isinstance(on, date) else parse_day(on, what="the day watched", today=today)
        if day > today:
            raise InvalidInput(f"{day.isoformat()} is in the future: say the day you watched it")
        return PartialDate.of(day)

    def watch_next(self, query: str) -> EntryChange:
        return self.watch(query)

    def unwatch(self, query: str, episodes: Sequence[Number]) -> EntryChange:
        if not episodes:
            raise InvalidInput("say which episodes to unmark")

        def change(show: Show, entry: Entry) -> Entry:
            return progress.unmark(show, entry, [episode_of(e, show) for e in episodes], self.now)

        return self._change_entry(query, change)

    def unwatch_last(self, query: str) -> EntryChange:
        """Unmark the episode marked most recently (`-`): not the highest one, which a
        backdated catch-up may have marked earlier."""

        def change(show: Show, entry: Entry) -> Entry:
            latest = entry.latest_mark
            if latest is None:
                raise InvalidInput(f"no episode of {show.title} is marked watched")
            return progress.unmark(show, entry, [latest], self.now)

        return self._change_entry(query, change)

    def toggle(self, query: str, episode: Number) -> EntryChange:
        """Mark an episode if it is unwatched, unmark it if it is watched."""

        def change(show: Show, entry: Entry) -> Entry:
            number = episode_of(episode, show)
            if number in entry.watched:
                return progress.unmark(show, entry, [number], self.now)
            return progress.mark(show, entry, [number], self.now)

        return self._change_entry(query, change)

    def set_status(self, query: str, status: str) -> EntryChange:
        """A status by hand, or `auto` to let progress decide again. Rewatching starts a
        new pass; another status ends a rewatch early, giving the earlier progress back."""
        wanted = status.strip().lower()
        if wanted == "auto":
            return self._change_entry(
                query, lambda show, entry: progress.follow_progress(show, entry, self.now)
            )
        chosen = progress.parse_status(status, also=("auto",))
        return self._change_entry(
            query, lambda show, entry: progress.set_status(show, entry, chosen, self.now)
        )

    def check_rating(
        self,
        query: str,
        episode: Number,
        *,
        score: str | None = None,
        note: str | None = None,
        watched_on: str | None = None,
    ) -> None:
        """Check one episode's score, note and day watched as typed, without saving."""
        show = self.find(query)
        self._rated(show, self.entry(show.slug), episode, score, note)
        self._watched_on(watched_on)

    def edit_episode(
        self,
        query: str,
        episode: Number,
        *,
        score: str | None = None,
        note: str | None = None,
        watched_on: str | None = None,
    ) -> EntryChange:
        """One episode's score, note and the day it was watched, saved together: a day
        given marks it watched then (or moves its day); none leaves that alone."""
        when = self._watched_on(watched_on)
        said: list[str] = []

        def change(show: Show, entry: Entry) -> Entry:
            ratings, notes = self._rated(show, entry, episode, score, note)
            entry = replace(entry, ratings=ratings, notes=notes, updated_at=self.now)
            if when is None:
                return entry
            number = episode_of(episode, show)
            said[:] = check_aired(show, [number], when)
            if number in entry.watched:
                return progress.redate(show, entry, number, when, self.now)
            return progress.mark(show, entry, [number], self.now, when=when)

        return self._change_entry(query, change, _episode_label(episode), notes=said)

    def rate_episode(
        self, query: str, episode: Number, *, score: str | None = None, note: str | None = None
    ) -> EntryChange:
        """Score and/or note one episode; None leaves that part alone, empty clears it."""

        def change(show: Show, entry: Entry) -> Entry:
            ratings, notes = self._rated(show, entry, episode, score, note)
            return replace(entry, ratings=ratings, notes=notes, updated_at=self.now)

        return self._change_entry(query, change, _episode_label(episode))

    def _rated(
        self, show: Show, entry: Entry, episode: Number, score: str | None, note: str | None
    ) -> tuple[dict[int, int], dict[int, str]]:
        number = episode_of(episode, show)
        ratings, notes = dict(entry.ratings), dict(entry.notes)
        if score is not None:
            parsed = optional_score(score, self.settings().score_format)
            if parsed is None:
                ratings.pop(number, None)
            else:
                ratings[number] = parsed
        if note is not None:
            text = clean_text(note, field="note", limit=MAX_NOTE_CHARS, multiline=True)
            if text:
                notes[number] = text
            else:
                notes.pop(number, None)
        return ratings, notes


def _episode_label(episode: Number) -> Callable[[EntryChange], str]:
    def label(result: EntryChange) -> str:
        if result.added or result.removed:
            return result.describe()
        return f"edited {result.show.title} episode {episode}"

    return label


def check_aired(show: Show, numbers: list[int], when: PartialDate) -> list[str]:
    """Refuse a watch dated before its episode aired; a date only estimated gets a word
    instead (the estimate may be off by a week or a break)."""
    notes = []
    airing = {e.number: e for e in episodes(show)}
    for number in numbers:
        aired = airing.get(number)
        if aired is None or aired.airs is None:
            continue
        # A late-night slot is listed under either calendar day: a day's grace.
        if when.latest() >= aired.airs - timedelta(days=1):
            continue
        said = f"episode {number} of {show.title}"
        if aired.estimated or aired.uncertain:
            notes.append(
                f"{said} is thought to have aired around {aired.airs.isoformat()} (an "
                f"estimate), after {when.isoformat()}; kept as you said"
            )
        else:
            raise InvalidInput(
                f"{said} aired on {aired.airs.isoformat()}; {when.isoformat()} is before that"
            )
    return notes
