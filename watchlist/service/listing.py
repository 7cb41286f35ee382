"""The rows `list` prints, over stored records: what `Reads.rows` gives for a season or
every show, with each entry and verdict summarised from its document instead of built
(a 20,000-show list builds an entry only for a show whose critic pieces need it)."""

from __future__ import annotations

from msgspec import Struct

from watchlist.domain.compare import ShowConsensus, show_consensus
from watchlist.domain.model import CriticPiece, Entry, Show, Status, TitleLanguage
from watchlist.domain.settings import Spoilers
from watchlist.service.library import Library
from watchlist.service.views import RowFacts
from watchlist.storage.entry_summaries import (
    Current,
    EntrySummary,
    current_verdicts,
    entry_summaries,
    summary_of,
)
from watchlist.storage.show_docs import ShowCard, show_cards


class ListedRow(RowFacts, Struct, frozen=True):
    """One show as `list` prints it: a `Row` with the entry and the current verdict
    summarised (the same names, so one printer serves both)."""

    show: Show | ShowCard
    """A card where the stored document gives one (see `show_docs.show_card`)."""
    entry: EntrySummary
    verdict: Current | None
    consensus: ShowConsensus
    hidden: bool = False
    tracked: bool = True
    language: TitleLanguage = TitleLanguage.ENGLISH
    audience_hidden: bool = False


def every_show(lib: Library) -> list[Show | ShowCard]:
    """Every show in the order `lib.shows.values()` gives them: the user's (as cards
    where their documents give them), then the catalog's."""
    cards = show_cards(lib.snap.shows)  # first: the table is read whole once, not skimmed
    catalog = [show for slug, show in lib.catalog.shows.items() if slug not in cards]
    return [*cards.values(), *catalog]


def listed_rows(
    lib: Library, season: str | None, status: Status | None, spoilers: Spoilers | None
) -> list[ListedRow]:
    """The rows of a season (None: every show), optionally of one status, by title."""
    blind, language = lib.settings.blind, lib.settings.titles
    pieces_by_show: dict[str, list[CriticPiece]] = {}
    for piece in lib.pieces.values():
        pieces_by_show.setdefault(piece.show, []).append(piece)
    shows: list[Show | ShowCard]
    if season is not None:
        shows = [show for show in lib.shows_in(season) if show.in_season(season)]
    else:
        shows = every_show(lib)
    # A season's shows: only their entries and verdicts are read (a season of 60 in a
    # library of 20,000).
    wanted = {show.slug for show in shows} if season is not None else None
    summaries = dict(entry_summaries(lib.entries, wanted))
    currents = current_verdicts(lib.verdicts, wanted)
    rows = []
    for show in shows:
        slug = show.slug
        summary = summaries.get(slug)
        judged = slug in currents
        tracked = summary is not None or judged
        summary = summary or summary_of(Entry(slug))
        if status is not None and (not tracked or summary.status is not status):
            continue
        listed: list[CriticPiece] = []
        if slug in pieces_by_show:  # the shield reads the show and the entry themselves
            whole = show if isinstance(show, Show) else lib.shows[slug]
            shield = lib.shield(whole, lib.entries.get(slug) or Entry(slug), spoilers=spoilers)
            listed = shield.open_pieces(pieces_by_show[slug])
        rows.append(
            ListedRow(
                show=show,
                entry=summary,
                verdict=currents.get(slug),
                consensus=show_consensus([] if blind and not judged else listed),
                hidden=blind and not judged and bool(pieces_by_show.get(slug)),
                tracked=tracked,
                language=language,
                audience_hidden=blind and not judged,
            )
        )
    rows.sort(key=lambda r: r.title.casefold())
    return rows
