"""Reading: board rows, a show's detail, the comparison with the critics, stats."""

from __future__ import annotations

from collections.abc import Collection
from datetime import date, datetime, time, timedelta, tzinfo
from typing import TYPE_CHECKING

from watchlist.domain.compare import show_consensus
from watchlist.domain.model import CriticPiece, Entry, Show, Status
from watchlist.domain.ordering import sorted_pieces
from watchlist.service.base import TrackerBase
from watchlist.service.library import Library
from watchlist.service.views import Row

if TYPE_CHECKING:
    from watchlist.service.details import (
        BehindReport,
        Comparison,
        ScheduleReport,
        ShowDetail,
        StatsReport,
    )
    from watchlist.service.listing import ListedRow
    from watchlist.service.zones import Zone


class Reads(TrackerBase):
    def zone(self) -> Zone:
        """The time zone broadcast times are shown in (the setting, else the system's)."""
        from watchlist.service.zones import zone_for

        return zone_for(self.settings().timezone)

    def today(self) -> date:
        """Today in that zone: the day "today" and "yesterday" mean, as the reports count it."""
        return self.now.astimezone(self.zone().tz).date()

    def row(self, slug: str) -> Row | None:
        """One show's board row, or None if there is no such show."""
        rows = self.rows(only={slug})
        return rows[0] if rows else None

    def rows(
        self,
        season: str | None = None,
        *,
        status: Status | None = None,
        tracked_only: bool = False,
        only: set[str] | None = None,
    ) -> list[Row]:
        """Board rows for a season (or every show), optionally by status or only tracked ones."""

        def view(lib: Library) -> list[Row]:
            blind, language = lib.settings.blind, lib.settings.titles
            pieces_by_show: dict[str, list[CriticPiece]] = {}
            for piece in lib.pieces.values():
                if only is None or piece.show in only:
                    pieces_by_show.setdefault(piece.show, []).append(piece)
            rows = []
            shows: Collection[Show]
            if only is not None:
                shows = [lib.shows[x] for x in only if x in lib.shows]
            elif season is not None:
                shows = lib.shows_in(season)
            elif tracked_only:
                yours = set(lib.entries) | set(lib.verdicts)
                lib.snap.shows.will_read(len(yours))
                shows = [lib.shows[x] for x in yours if x in lib.shows]
            else:
                shows = lib.shows.values()
            for show in shows:
                if season is not None and not show.in_season(season):
                    continue
                entry = lib.entries.get(show.slug)
                history = lib.verdicts.get(show.slug)
                tracked = entry is not None or bool(history)
                if tracked_only and not tracked:
                    continue
                entry = entry or Entry(show.slug)
                if status is not None and (not tracked or entry.status is not status):
                    continue
                # Blind mode: no critic number, and so no order made from one, until the
                # user has a verdict on this show; the shield keeps out what you have not
                # reached yet.
                shield = lib.shield(show, entry, spoilers=self.spoilers)
                listed = shield.open_pieces(pieces_by_show.get(show.slug, []))
                pieces = [] if blind and not history else listed
                rows.append(
                    Row(
                        show=show,
                        entry=entry,
                        verdict=history[-1] if history else None,
                        consensus=show_consensus(pieces),
                        hidden=blind and not history and bool(pieces_by_show.get(show.slug)),
                        tracked=tracked,
                        language=language,
                        audience_hidden=blind and not history,
                    )
                )
            rows.sort(key=lambda r: r.title.casefold())
            return rows

        return self._read(view)

    def listing(
        self, season: str | None = None, *, status: Status | None = None
    ) -> list[ListedRow]:
        """The rows `rows(season, status=...)` gives, for printing: entries and verdicts
        summarised as stored, not built (see `listing.listed_rows`)."""
        from watchlist.service.listing import listed_rows

        return self._read(lambda lib: listed_rows(lib, season, status, self.spoilers))

    # A show's detail, the comparison and stats load their types when first asked
    # for: the board does not need them to start.

    def detail(self, query: str) -> ShowDetail:
        from watchlist.service.details import ShowDetail

        show = self.find(query)

        def view(lib: Library) -> ShowDetail:
            pieces = sorted_pieces(p for p in lib.pieces.values() if p.show == show.slug)
            verdicts = list(lib.verdicts.get(show.slug, []))
            hidden = lib.settings.blind and not verdicts
            stored = lib.entries.get(show.slug)
            current = lib.shows.get(show.slug, show)
            shield = lib.shield(current, stored, spoilers=self.spoilers)
            return ShowDetail(
                show=current,
                entry=stored or Entry(show.slug),
                tracked=stored is not None or bool(verdicts),
                verdicts=verdicts,
                pieces=pieces,
                consensus=show_consensus([] if hidden else shield.open_pieces(pieces)),
                hidden=hidden,
                closed=shield.closed_pieces(pieces),
                language=lib.settings.titles,
            )

        return self._read(view)

    def pieces(self, query: str) -> ShowDetail:
        """A show's critic pieces: what blind mode hides, and what the shield closes."""
        return self.detail(query)

    def compare(self, query: str) -> Comparison:
        from watchlist.domain.agreement import compare_pieces
        from watchlist.service.details import Comparison

        detail = self.detail(query)
        return Comparison(
            show=detail.show,
            entry=detail.entry,
            verdicts=detail.verdicts,
            pieces=compare_pieces(detail.pieces, detail.verdicts, detail.closed),
            consensus=detail.consensus,
            hidden=detail.hidden,
            closed=detail.closed,
        )

    def stats(self, season: str | None = None) -> StatsReport:
        from watchlist.domain.agreement import affinity
        from watchlist.domain.hindsight import changed_my_mind, who_called_it
        from watchlist.domain.stats import stats_of
        from watchlist.service.details import StatsReport
        from watchlist.storage.entry_fields import entry_tally, verdict_scores

        def view(lib: Library) -> StatsReport:
            # Counting 20,000 shows reads their records as stored: none is converted but
            # the few the critics wrote about.
            if season is None:
                lengths = lib.lengths()
            else:
                lengths = {s.slug: s.minutes_per_episode for s in lib.shows_in(season)}
            wanted = set(lengths)
            counted = entry_tally(lib.entries, lengths)
            scores = verdict_scores(lib.verdicts, wanted)
            pieces = self._open_pieces(lib, [p for p in lib.pieces.values() if p.show in wanted])
            judged = {p.show for p in pieces} & set(scores)
            verdicts = {slug: lib.verdicts[slug] for slug in judged}
            changed = changed_my_mind(scores)
            language = lib.settings.titles
            return StatsReport(
                stats=stats_of(counted, lengths, scores),
                affinity=affinity(pieces, verdicts),
                season=season,
                changed_my_mind=changed,
                who_called_it=who_called_it(pieces, verdicts),
                titles=lib.titles_in([c.show for c in changed], language),
            )

        return self._read(view)

    def _open_pieces(self, lib: Library, pieces: list[CriticPiece]) -> list[CriticPiece]:
        """The pieces the shield leaves open, show by show."""
        by_show: dict[str, list[CriticPiece]] = {}
        for piece in pieces:
            by_show.setdefault(piece.show, []).append(piece)
        found = []
        for slug, listed in by_show.items():
            show = lib.shows.get(slug)
            if show is not None:
                found += lib.shield(show, spoilers=self.spoilers).open_pieces(listed)
        return found

    def behind(self, on: date | None = None) -> BehindReport:
        """The shows you are watching, by what to watch next, as of `on` (default today;
        when everything has aired, the last air date among them)."""
        from watchlist.domain.behind import FOLLOWED, behind, last_air_date, watch_next_order
        from watchlist.service.details import BehindReport

        now, tz = self.now, self.zone().tz
        today = now.astimezone(tz).date()

        def view(lib: Library) -> BehindReport:
            lib.snap.shows.will_read(len(lib.entries))
            followed = [
                (lib.shows[slug], entry)
                for slug, entry in lib.entries.items()
                if entry.status in FOLLOWED and slug in lib.shows
            ]
            shows = [show for show, _ in followed]
            last = last_air_date(shows)
            day = on or (min(today, last) if last is not None else today)
            moment = now if day == today else _end_of(day, tz)
            items = sorted((behind(s, e, day, moment) for s, e in followed), key=watch_next_order)
            return BehindReport(
                day=day, chosen=on is not None, today=today, items=items, now=moment, tz=tz
            )

        return self._read(view)

    def schedule(self, week: date | None = None, *, everything: bool = False) -> ScheduleReport:
        """The broadcasts of the week holding `week` (default: this week; when the shows
        you follow have all aired, the week of the last broadcast among them), Monday to
        Sunday in your time zone: your shows (all but the ones you dropped), or with
        `everything` every show airing then."""
        from watchlist.domain.behind import last_air_date
        from watchlist.domain.model import Status
        from watchlist.domain.week import monday_of, week_of
        from watchlist.service.details import ScheduleReport
        from watchlist.storage.entry_fields import status_of, tracked_slugs

        now, zone = self.now, self.zone()
        today = now.astimezone(zone.tz).date()

        def view(lib: Library) -> ScheduleReport:
            # Your shows by what is stored: only those airing in the week have their
            # entry built, not a long list's every entry and verdict.
            entries = lib.entries
            tracked = tracked_slugs(entries, lib.verdicts)
            lib.snap.shows.will_read(len(tracked))
            mine = [
                lib.shows[slug]
                for slug in sorted(tracked)
                if slug in lib.shows and status_of(entries, slug) is not Status.DROPPED
            ]
            note, monday = "", monday_of(week or today)
            if week is None:
                season = self.default_season()
                basis = mine or (lib.shows_in(season) if season else [])
                last = last_air_date(basis)
                if last is not None and last < monday:
                    monday = monday_of(last)
                    note = "nothing you follow airs this week: the week of its last broadcast"
            if everything:
                week_shows = week_of(lib.shows.values(), entries.get, monday, now, zone.tz)
            else:

                def yours(slug: str) -> Entry:
                    return entries.get(slug) or Entry(slug)

                week_shows = week_of(mine, yours, monday, now, zone.tz)
            return ScheduleReport(
                week=week_shows,
                zone=zone.name,
                everything=everything,
                today=today,
                note=note,
                language=lib.settings.titles,
            )

        return self._read(view)


def _end_of(day: date, tz: tzinfo) -> datetime:
    """The last moment of `day` in `tz`: what "as of that day" means for a broadcast time."""
    return datetime.combine(day + timedelta(days=1), time(), tz) - timedelta(microseconds=1)
