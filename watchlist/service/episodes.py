"""Episodes: marking, unmarking, status, and one episode's score and note."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import date

from watchlist.domain import progress
from watchlist.domain.dates import PartialDate, parse_day
from watchlist.domain.errors import InvalidInput
from watchlist.domain.model import Entry, Show
from watchlist.domain.text import MAX_NOTE_CHARS, clean_text
from watchlist.service.base import Number, TrackerBase, episode_of, optional_score


class EpisodeJobs(TrackerBase):
    def _change_entry(self, query: str, change: Callable[[Show, Entry], Entry]) -> Entry:
        """Apply `change` to the freshest copy of a show's entry and save it."""
        show = self.find(query)
        with self._change() as (tx, lib):
            current = lib.shows.get(show.slug, show)
            entry = lib.entries.get(show.slug) or Entry(show.slug)
            updated = change(current, entry)
            if updated != entry:
                tx.put(updated)
            return updated

    def watch(
        self,
        query: str,
        episodes: Sequence[Number] = (),
        *,
        upto: Number | None = None,
        on: str | date | None = None,
    ) -> Entry:
        """Mark episodes watched: the given ones, all up to `upto`, or else the next one;
        `on` backdates them to a day (2024-01-20, "yesterday"), as catching up does."""
        when = self._watched_on(on)

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
            return progress.mark(show, entry, numbers, self.now, when=when)

        return self._change_entry(query, change)

    def _watched_on(self, on: str | date | None) -> PartialDate | None:
        """The day a backdated watch happened: a date, as typed, never in the future."""
        if on is None or (isinstance(on, str) and not on.strip()):
            return None
        today = self.now.astimezone().date()
        day = on if isinstance(on, date) else parse_day(on, what="the day watched", today=today)
        if day > today:
            raise InvalidInput(f"{day.isoformat()} is in the future: say the day you watched it")
        return PartialDate.of(day)

    def watch_next(self, query: str) -> Entry:
        return self.watch(query)

    def unwatch(self, query: str, episodes: Sequence[Number]) -> Entry:
        if not episodes:
            raise InvalidInput("say which episodes to unmark")

        def change(show: Show, entry: Entry) -> Entry:
            return progress.unmark(show, entry, [episode_of(e, show) for e in episodes], self.now)

        return self._change_entry(query, change)

    def unwatch_last(self, query: str) -> Entry:
        def change(show: Show, entry: Entry) -> Entry:
            if not entry.watched:
                raise InvalidInput(f"no episode of {show.title} is marked watched")
            return progress.unmark(show, entry, [entry.last_watched], self.now)

        return self._change_entry(query, change)

    def toggle(self, query: str, episode: Number) -> Entry:
        """Mark an episode if it is unwatched, unmark it if it is watched."""

        def change(show: Show, entry: Entry) -> Entry:
            number = episode_of(episode, show)
            if number in entry.watched:
                return progress.unmark(show, entry, [number], self.now)
            return progress.mark(show, entry, [number], self.now)

        return self._change_entry(query, change)

    def set_status(self, query: str, status: str) -> Entry:
        """A status by hand, or `auto` to let progress decide again."""
        wanted = status.strip().lower()
        if wanted == "auto":

            def automatic(show: Show, entry: Entry) -> Entry:
                return replace(
                    entry,
                    status=progress.automatic_status(entry.progress, show.episodes),
                    status_by_hand=False,
                    updated_at=self.now,
                )

            return self._change_entry(query, automatic)
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
    ) -> Entry:
        """One episode's score, note and the day it was watched, saved together: a day
        given marks it watched then (or moves its day); none leaves that alone."""
        when = self._watched_on(watched_on)

        def change(show: Show, entry: Entry) -> Entry:
            ratings, notes = self._rated(show, entry, episode, score, note)
            entry = replace(entry, ratings=ratings, notes=notes, updated_at=self.now)
            if when is None:
                return entry
            number = episode_of(episode, show)
            if number in entry.watched:
                return replace(entry, watched={**entry.watched, number: when})
            return progress.mark(show, entry, [number], self.now, when=when)

        return self._change_entry(query, change)

    def rate_episode(
        self, query: str, episode: Number, *, score: str | None = None, note: str | None = None
    ) -> Entry:
        """Score and/or note one episode; None leaves that part alone, empty clears it."""

        def change(show: Show, entry: Entry) -> Entry:
            ratings, notes = self._rated(show, entry, episode, score, note)
            return replace(entry, ratings=ratings, notes=notes, updated_at=self.now)

        return self._change_entry(query, change)

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
