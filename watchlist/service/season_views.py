"""The season as a whole: picks (what to watch next, from the critics who agree with you)
and the recap (you against the critics over the season)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from msgspec.structs import replace

from watchlist.domain.errors import InvalidInput
from watchlist.domain.model import Entry, Status
from watchlist.service.library import Library
from watchlist.service.reads import Reads

if TYPE_CHECKING:
    from watchlist.domain.picks import Picks
    from watchlist.domain.recap import Recap

PICKABLE = (Status.PLAN_TO_WATCH, Status.WATCHING)
"""Statuses a show without a verdict may have and still be picked (besides being on no
list at all): not one you finished, dropped or put on hold."""


class SeasonViews(Reads):
    def picks(self, season: str | None = None) -> Picks:
        """The season's shows you have not judged, ranked for you; refused in blind mode,
        which hides the critics' numbers it rests on."""
        # Picks and the recap load their rules when first asked for: start-up never needs them.
        from watchlist.domain.picks import pick

        slug = self._season_of(season)

        def view(lib: Library) -> Picks:
            if lib.settings.blind:
                raise InvalidInput(
                    "picks rest on the critics' scores, which blind mode hides until you "
                    "give a verdict; turn blind mode off to see them"
                )
            shows = lib.shows_in(slug)
            pieces = self._open_pieces(lib, list(lib.pieces.values()))
            # Only verdicts on shows critics wrote about can tell who agrees with you:
            # reading them alone spares converting a long list's whole history.
            reviewed = {p.show for p in pieces} | {show.slug for show in shows}
            verdicts = {s: v for s in reviewed if (v := lib.verdicts.get(s))}
            candidates = [
                show.slug
                for show in shows
                if not verdicts.get(show.slug)
                and (lib.entries.get(show.slug) or Entry(show.slug)).status in PICKABLE
            ]
            found = pick(candidates, pieces, verdicts)
            language = lib.settings.titles
            titles = {p.show: lib.shows[p.show].title_in(language) for p in found.picks}
            return replace(found, titles=titles)

        return self._read(view)

    def recap(self, season: str | None = None) -> Recap:
        """You against the critics for one season (the spoiler shield and blind mode
        apply: a closed piece counts nowhere, a hidden one only once you judged its show)."""
        from watchlist.domain.agreement import affinity
        from watchlist.domain.recap import recap
        from watchlist.domain.stats import scores_of, stats_of
        from watchlist.storage.entry_fields import entry_tally

        slug = self._season_of(season)

        def view(lib: Library) -> Recap:
            # Every part of the recap names shows by the titles the user chose to read.
            language = lib.settings.titles
            shows = [replace(s, title=s.title_in(language)) for s in lib.shows_in(slug)]
            in_season = {show.slug: show for show in shows}
            # The season's records alone: a long list's other shows are never converted.
            verdicts = {s: v for s in in_season if (v := lib.verdicts.get(s))}
            pieces = [p for p in lib.pieces.values() if p.show in in_season]
            pieces = self._open_pieces(lib, pieces)
            if lib.settings.blind:
                pieces = [p for p in pieces if p.show in verdicts]
            lengths = {show.slug: show.minutes_per_episode for show in shows}
            stats = stats_of(entry_tally(lib.entries, lengths), lengths, scores_of(verdicts))
            name = lib.seasons[slug].name if slug in lib.seasons else slug
            return recap(name, shows, verdicts, pieces, affinity(pieces, verdicts), stats.weeks)

        return self._read(view)

    def recap_document(self, season: str | None, fmt: str) -> str:
        """The recap written as one of `recap_formats.RECAP_FORMATS` (html, md, json)."""
        from watchlist.service.recap_formats import RECAP_FORMATS

        if fmt not in RECAP_FORMATS:
            raise InvalidInput(f"no recap format {fmt!r}: one of {', '.join(RECAP_FORMATS)}")
        return RECAP_FORMATS[fmt].render(self.recap(season))

    def recap_file(self, season: str | None = None) -> Path | None:
        """Where the season's recap page goes unless told otherwise: beside the database
        (`watchlist.recap-winter-2024.html`); None for a database kept in memory."""
        return self.store.beside(f".recap-{self._season_of(season)}.html")

    def _season_of(self, season: str | None) -> str:
        if season:
            return self.season(season).slug
        chosen = self.default_season()
        if chosen is None:
            raise InvalidInput("there is no season yet: import one with watchlist catalog import")
        return chosen
