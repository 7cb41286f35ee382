"""The tracker: every use case as one method, each change one durable transaction."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from watchlist.domain import progress
from watchlist.domain.compare import show_consensus
from watchlist.domain.errors import InvalidInput
from watchlist.domain.model import CriticPiece, Entry, Season, Settings, Show, Status, Verdict
from watchlist.domain.numbers import check_range, parse_whole
from watchlist.domain.scoring import ScoreFormat, Stance, parse_format, parse_score, parse_stance
from watchlist.domain.text import MAX_NOTE_CHARS, clean_text, quoted
from watchlist.service.ids import new_id
from watchlist.service.lookup import find_show
from watchlist.service.views import Row
from watchlist.storage.catalog import load_catalog
from watchlist.storage.store import Snapshot, Store, Writer, utc_now

if TYPE_CHECKING:
    from watchlist.service.details import Comparison, ShowDetail, StatsReport
    from watchlist.service.from_files import ShowFile
    from watchlist.service.transfer import Export

P = TypeVar("P")

Number = int | str
"""Numbers arrive as typed text (CLI, forms) or as ints (keys in the TUI)."""

PIECE_ORDER = {"preview": 0, "premiere": 1, "episode": 2, "season": 3}


def default_db_path() -> Path:
    """`$WATCHLIST_DB`, else the user data folder for this platform."""
    env = os.environ.get("WATCHLIST_DB")
    if env:
        return Path(env).expanduser()
    import platformdirs  # deferred: only needed when no path was given

    return platformdirs.user_data_path("watchlist", appauthor=False) / "watchlist.json"


def _optional_score(score: str | None, fmt: ScoreFormat) -> int | None:
    """A typed score, or None when none was typed."""
    return parse_score(score, fmt) if score is not None and score.strip() else None


def _episode(value: Number, show: Show, *, low: int = 1) -> int:
    """An episode of `show`, typed or given as an int; 0 is allowed where `low` is 0."""
    what = f"episode of {show.title}"
    if isinstance(value, int) and not isinstance(value, bool):
        check_range(value, what=what, low=low, high=show.episodes)
        return value
    return parse_whole(str(value), what=what, low=low, high=show.episodes)


def sorted_pieces(pieces: Iterable[CriticPiece]) -> list[CriticPiece]:
    """Previews first, then reviews by the episode they cover."""
    return sorted(
        pieces,
        key=lambda p: (
            PIECE_ORDER[p.kind.value],
            p.episode or 0,
            p.published.isoformat() if p.published else "",
            p.id,
        ),
    )


class Tracker:
    """One user's tracker over one database file."""

    def __init__(self, store: Store) -> None:
        self.store = store

    @classmethod
    def open(cls, path: Path | None = None, *, clock: Callable[[], datetime] = utc_now) -> Tracker:
        """Open (creating and seeding if needed) the database at `path` or the default place."""
        store = Store(path or default_db_path(), catalog=load_catalog(), clock=clock)
        return cls(store)

    @property
    def now(self) -> datetime:
        return self.store.clock()

    # ------------------------------------------------------------------ reads

    def settings(self) -> Settings:
        return self.store.read(lambda s: s.settings)

    def seasons(self) -> list[Season]:
        return self.store.read(lambda s: sorted(s.seasons.values(), key=lambda x: x.starts))

    def default_season(self) -> str | None:
        """The most recent season with shows in it."""
        seasons = self.seasons()
        return seasons[-1].slug if seasons else None

    def season(self, text: str) -> Season:
        wanted = text.strip().lower()
        for season in self.seasons():
            if wanted in (season.slug, season.name.lower()):
                return season
        known = ", ".join(s.slug for s in self.seasons()) or "none"
        raise InvalidInput(f"unknown season {quoted(text)}: known seasons are {known}")

    def shows(self, season: str | None = None) -> list[Show]:
        def view(s: Snapshot) -> list[Show]:
            shows = s.shows.values()
            if season is not None:
                shows = [show for show in shows if show.season == season]
            return sorted(shows, key=lambda show: show.title.casefold())

        return self.store.read(view)

    def find(self, query: str) -> Show:
        """The show a user means by `query` (slug or unambiguous title fragment)."""
        return self.store.read(lambda s: s.shows.get(query) or find_show(s.shows.values(), query))

    def row(self, slug: str) -> Row | None:
        """One show's board row, or None if there is no such show."""
        rows = self.rows(only={slug})
        return rows[0] if rows else None

    def entry(self, slug: str) -> Entry:
        return self.store.read(lambda s: s.entries.get(slug) or Entry(slug))

    # A show's detail, the comparison and stats load their types when first asked
    # for: the board does not need them to start.

    def detail(self, query: str) -> ShowDetail:
        from watchlist.service.details import ShowDetail

        show = self.find(query)

        def view(s: Snapshot) -> ShowDetail:
            pieces = sorted_pieces(p for p in s.pieces.values() if p.show == show.slug)
            return ShowDetail(
                show=s.shows.get(show.slug, show),
                entry=s.entries.get(show.slug) or Entry(show.slug),
                verdicts=list(s.verdicts.get(show.slug, [])),
                pieces=pieces,
                consensus=show_consensus(pieces),
            )

        return self.store.read(view)

    def rows(
        self,
        season: str | None = None,
        *,
        status: Status | None = None,
        tracked_only: bool = False,
        only: set[str] | None = None,
    ) -> list[Row]:
        """Board rows for a season (or every show), optionally by status or only tracked ones."""

        def view(s: Snapshot) -> list[Row]:
            pieces_by_show: dict[str, list[CriticPiece]] = {}
            for piece in s.pieces.values():
                if only is None or piece.show in only:
                    pieces_by_show.setdefault(piece.show, []).append(piece)
            rows = []
            shows = s.shows.values() if only is None else [s.shows[x] for x in only if x in s.shows]
            for show in shows:
                if season is not None and show.season != season:
                    continue
                entry = s.entries.get(show.slug)
                history = s.verdicts.get(show.slug)
                if tracked_only and entry is None and not history:
                    continue
                entry = entry or Entry(show.slug)
                if status is not None and entry.status is not status:
                    continue
                rows.append(
                    Row(
                        show=show,
                        entry=entry,
                        verdict=history[-1] if history else None,
                        consensus=show_consensus(pieces_by_show.get(show.slug, [])),
                    )
                )
            rows.sort(key=lambda r: r.show.title.casefold())
            return rows

        return self.store.read(view)

    def pieces(self, query: str) -> tuple[Show, list[CriticPiece], bool]:
        """A show's critic pieces, and whether blind mode hides their verdicts."""
        detail = self.detail(query)
        return detail.show, detail.pieces, self._hidden(detail.verdicts)

    def _hidden(self, verdicts: Sequence[Verdict]) -> bool:
        return self.settings().blind and not verdicts

    def compare(self, query: str) -> Comparison:
        from watchlist.domain.agreement import compare_pieces
        from watchlist.service.details import Comparison

        detail = self.detail(query)
        return Comparison(
            show=detail.show,
            entry=detail.entry,
            verdicts=detail.verdicts,
            pieces=compare_pieces(detail.pieces, detail.verdicts),
            consensus=detail.consensus,
            hidden=self._hidden(detail.verdicts),
        )

    def stats(self, season: str | None = None) -> StatsReport:
        from watchlist.domain.agreement import affinity
        from watchlist.domain.stats import compute_stats
        from watchlist.service.details import StatsReport

        def view(s: Snapshot) -> StatsReport:
            shows = {
                slug: show
                for slug, show in s.shows.items()
                if season is None or show.season == season
            }
            entries = [e for slug, e in s.entries.items() if slug in shows]
            verdicts = {slug: v for slug, v in s.verdicts.items() if slug in shows and v}
            pieces = [p for p in s.pieces.values() if p.show in shows]
            return StatsReport(
                stats=compute_stats(shows, entries, verdicts),
                affinity=affinity(pieces, verdicts),
                season=season,
            )

        return self.store.read(view)

    # ---------------------------------------------------------------- changes

    def _change_entry(self, query: str, change: Callable[[Show, Entry], Entry]) -> Entry:
        """Apply `change` to the freshest copy of a show's entry and save it."""
        show = self.find(query)
        with self.store.transaction() as tx:
            current = tx.data.shows.get(show.slug, show)
            entry = tx.data.entries.get(show.slug) or Entry(show.slug)
            updated = change(current, entry)
            if updated != entry:
                tx.put_entry(updated)
            return updated

    def watch(
        self, query: str, episodes: Sequence[Number] = (), *, upto: Number | None = None
    ) -> Entry:
        """Mark episodes watched: the given ones, all up to `upto`, or else the next one."""

        def change(show: Show, entry: Entry) -> Entry:
            numbers = [_episode(e, show) for e in episodes]
            if upto is not None:
                last = _episode(upto, show)
                numbers += [
                    n for n in range(1, last + 1) if n not in entry.watched and n not in numbers
                ]
            if not episodes and upto is None:
                following = progress.next_episode(show, entry)
                if following is None:
                    raise InvalidInput(f"every episode of {show.title} is already watched")
                numbers = [following]
            return progress.mark(show, entry, numbers, self.now)

        return self._change_entry(query, change)

    def watch_next(self, query: str) -> Entry:
        return self.watch(query)

    def unwatch(self, query: str, episodes: Sequence[Number]) -> Entry:
        if not episodes:
            raise InvalidInput("say which episodes to unmark")

        def change(show: Show, entry: Entry) -> Entry:
            return progress.unmark(show, entry, [_episode(e, show) for e in episodes], self.now)

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
            number = _episode(episode, show)
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
        self, query: str, episode: Number, *, score: str | None = None, note: str | None = None
    ) -> tuple[int, int | None, str | None]:
        """Parse an episode score and note without saving: (episode, score, note).

        An empty score or note means "clear it" and comes back as None.
        """
        show = self.find(query)
        number = _episode(episode, show)
        fmt = self.settings().score_format
        parsed = _optional_score(score, fmt)
        text = None
        if note is not None:
            text = clean_text(note, field="note", limit=MAX_NOTE_CHARS, multiline=True) or None
        return number, parsed, text

    def rate_episode(
        self, query: str, episode: Number, *, score: str | None = None, note: str | None = None
    ) -> Entry:
        """Score and/or note one episode; an empty text clears that part."""
        slug = self.find(query).slug
        number, parsed, text = self.check_rating(slug, episode, score=score, note=note)

        def change(show: Show, entry: Entry) -> Entry:
            ratings, notes = dict(entry.ratings), dict(entry.notes)
            if score is not None:
                if parsed is None:
                    ratings.pop(number, None)
                else:
                    ratings[number] = parsed
            if note is not None:
                if text is None:
                    notes.pop(number, None)
                else:
                    notes[number] = text
            return replace(entry, ratings=ratings, notes=notes, updated_at=self.now)

        return self._change_entry(slug, change)

    def check_verdict(
        self,
        query: str,
        *,
        score: str | None = None,
        stance: str | None = None,
        notes: str | None = None,
        episode: Number | None = None,
    ) -> tuple[int | None, Stance | None, str, int | None]:
        """Parse a verdict without saving: (score, stance, notes, episode or None for "now")."""
        show = self.find(query)
        fmt = self.settings().score_format
        parsed_score = _optional_score(score, fmt)
        parsed_stance = parse_stance(stance) if stance is not None and stance.strip() else None
        if parsed_score is None and parsed_stance is None:
            raise InvalidInput("a verdict needs a score or a stance")
        text = clean_text(notes or "", field="notes", limit=MAX_NOTE_CHARS, multiline=True)
        given = episode is not None and str(episode).strip()
        at = _episode(episode, show, low=0) if given else None  # type: ignore[arg-type]
        return parsed_score, parsed_stance, text, at

    def give_verdict(
        self,
        query: str,
        *,
        score: str | None = None,
        stance: str | None = None,
        notes: str | None = None,
        episode: Number | None = None,
    ) -> Verdict:
        """Record a verdict; earlier ones stay in the timeline."""
        show = self.find(query)
        parsed_score, parsed_stance, text, at = self.check_verdict(
            show.slug, score=score, stance=stance, notes=notes, episode=episode
        )
        with self.store.transaction() as tx:
            if at is None:
                entry = tx.data.entries.get(show.slug) or Entry(show.slug)
                at = entry.last_watched
            verdict = Verdict(
                id=new_id(),
                show=show.slug,
                given_at=self.now,
                score=parsed_score,
                stance=parsed_stance,
                notes=text,
                episode=at,
            )
            tx.put_verdict(verdict)
        return verdict

    def update_settings(
        self,
        *,
        score_format: str | None = None,
        theme: str | None = None,
        blind: bool | None = None,
    ) -> Settings:
        with self.store.transaction() as tx:
            current = tx.data.settings
            updated = replace(
                current,
                score_format=parse_format(score_format) if score_format else current.score_format,
                theme=clean_text(theme, field="theme", limit=60) if theme else current.theme,
                blind=current.blind if blind is None else blind,
            )
            if updated != current:
                tx.put_settings(updated)
        return updated

    # -------------------------------------------------------------- transfer

    # The formats below load only when used: defusedxml, tomllib and the import
    # planners add about 60 ms that starting the board or a script never needs.

    def export(self, fmt: str) -> Export:
        """A full backup (json), your list for MAL (mal-xml), or the watch diary (csv)."""
        from watchlist.service.backup import export_backup
        from watchlist.service.transfer import Export, export_csv, export_mal

        if fmt == "json":
            data = self.store.read(lambda s: export_backup(s, self.now))
            return Export(data, "a full backup")
        if fmt == "mal-xml":
            return self.store.read(export_mal)
        if fmt == "csv":
            fmt_setting = self.settings().score_format
            return self.store.read(lambda s: export_csv(s, fmt_setting))
        raise InvalidInput(f"unknown export format {quoted(fmt)}: choose json, mal-xml or csv")

    def import_file(
        self,
        path: Path,
        *,
        fmt: str | None = None,
        dry_run: bool = False,
        add_unmatched: bool = False,
    ) -> list[str]:
        """Import a backup, a MAL list or a seeds file: all of it, or (on any fault) nothing."""
        from watchlist.interop.mal_xml import parse_mal
        from watchlist.service.backup import (
            BackupPlan,
            apply_backup,
            check_references,
            parse_backup,
            plan_backup,
        )
        from watchlist.service.from_files import parse_show_file
        from watchlist.service.mal_import import plan_import
        from watchlist.service.transfer import detect_format, read_input

        raw = read_input(path)
        name = path.name
        if fmt is not None and fmt not in ("json", "mal-xml", "seeds"):
            raise InvalidInput(
                f"unknown import format {quoted(fmt)}: choose json, mal-xml or seeds"
            )
        kind = fmt or detect_format(raw, name)
        if kind == "mal-xml":
            mal = parse_mal(raw, name)
            mal_plan = self._plan_and_write(
                lambda s: plan_import(s, mal, name, add_unmatched=add_unmatched, now=self.now),
                lambda tx, planned: tx.put_many(planned.changes),
                dry_run,
            )
            lines = mal_plan.lines()
        elif kind == "json":
            backup = parse_backup(raw, name)

            def plan_json(s: Snapshot) -> BackupPlan:
                check_references(backup, s, name)
                return plan_backup(backup, s)

            backup_plan = self._plan_and_write(
                plan_json, lambda tx, planned: apply_backup(planned, tx), dry_run
            )
            lines = backup_plan.lines(name)
        else:
            added = self._plan_and_write(
                lambda s: parse_show_file(raw, name, s), _put_show_file, dry_run
            )
            lines = _show_file_lines(added, name)
        return [*lines, "Dry run: nothing was written." if dry_run else "Saved."]

    def _plan_and_write(
        self, plan: Callable[[Snapshot], P], write: Callable[[Writer, P], None], dry_run: bool
    ) -> P:
        """Plan an import from the data; unless it is a dry run, plan it again under
        the lock, on the freshest data, and write it: all of it or nothing."""
        if dry_run:
            return self.store.read(plan)
        with self.store.transaction() as tx:
            planned = plan(tx.data)
            write(tx, planned)
        return planned

    def check_piece(self, query: str, path: Path) -> CriticPiece:
        """Read and check a critic piece file without saving it."""
        from watchlist.service.from_files import parse_piece
        from watchlist.service.transfer import MAX_PIECE_BYTES, read_input

        show = self.find(query)
        raw = read_input(path, MAX_PIECE_BYTES)
        return self.store.read(lambda s: parse_piece(raw, path.name, show, set(s.pieces)))

    def add_piece(self, query: str, path: Path) -> CriticPiece:
        """A critic piece of your own, from a TOML or JSON file."""
        from watchlist.service.from_files import parse_piece
        from watchlist.service.transfer import MAX_PIECE_BYTES, read_input

        show = self.find(query)
        raw = read_input(path, MAX_PIECE_BYTES)
        with self.store.transaction() as tx:
            piece = parse_piece(raw, path.name, show, set(tx.data.pieces))
            tx.put_piece(piece)
        return piece


def _put_show_file(tx: Writer, added: ShowFile) -> None:
    tx.put_many([*([added.season] if added.season else []), *added.shows, *added.pieces])


def _show_file_lines(added: ShowFile, name: str) -> list[str]:
    season = f"season {added.season.slug}, " if added.season else ""
    return [f"Shows from {name}: {season}{len(added.shows)} shows, {len(added.pieces)} pieces"]
