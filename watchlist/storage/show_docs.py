"""Projections of stored shows for what only formats a few of their fields (exports over
20,000 shows): read from a record as it is now (a document this version wrote or checked,
or the converted show), the way the show would give them; None when a field looks off
(the caller then asks for the show)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from operator import attrgetter
from typing import Any, TypeVar

from msgspec import UNSET, Struct, defstruct

from watchlist.domain.community import Community
from watchlist.domain.model import Show, TitleLanguage, leading_title
from watchlist.storage.projections import projected
from watchlist.storage.show_extras import KEYS as EXTRA_KEYS
from watchlist.storage.tables import Table

_LEADS = {
    TitleLanguage.ENGLISH: None,
    TitleLanguage.ROMAJI: "title_romaji",
    TitleLanguage.NATIVE: "title_native",
}


def stored_title(shows: Table[Show], slug: str, language: TitleLanguage) -> str | None:
    """A stored show's leading title in `language`, read from its record as it is now;
    None when the table has no such show (or a field looks off)."""
    return _title_of([shows.field(slug, name) for name in _title_names(language)])


def stored_titles(shows: Table[Show], slugs: list[str], language: TitleLanguage) -> dict[str, str]:
    """`stored_title` of each of `slugs` there is one for, in that order (the titles of
    thousands of shows, in a table not read yet, without parsing it)."""
    return _each_stored(shows, slugs, _title_names(language), _title_of)


def _title_names(language: TitleLanguage) -> tuple[str, ...]:
    """The fields a show's leading title in `language` is read from: the title, and the
    language's own title unless it is English (the title itself)."""
    lead = _LEADS[language]
    return ("title",) if lead is None else ("title", lead)


def _title_of(values: Sequence[Any]) -> str | None:
    """The leading title from `_title_names`' fields as stored (None when one is off)."""
    title = values[0]
    lead = values[1] if len(values) > 1 else None
    if type(title) is not str or (lead is not None and type(lead) is not str):
        return None
    return lead or title


R = TypeVar("R")


def _each_stored(
    shows: Table[Show], slugs: list[str], names: tuple[str, ...], read: Callable[[Any], R | None]
) -> dict[str, R]:
    """What `read` makes of the fields `names` of each of `slugs`' stored shows there is
    one for, in that order: looked up one by one when that is cheaper, else read as those
    fields of every record in one pass."""
    if shows.keyed_is_cheaper(len(slugs)):
        each = ((slug, read([shows.field(slug, name) for name in names])) for slug in slugs)
    else:
        stored = {row[0]: row[1:] for row in shows.field_rows(names)}
        each = ((slug, read(stored[slug])) for slug in slugs if slug in stored)
    return {slug: found for slug, found in each if found is not None}


class ListedShow(Struct, frozen=True):
    """What a list export reads of a show."""

    title: str
    lead: str
    """The title that leads in the chosen language."""
    mal_id: int | None
    episodes: int | None
    media_type: str


def _count(value: Any) -> bool:
    return value is None or type(value) is int


def stored_show(shows: Table[Show], slug: str, language: TitleLanguage) -> ListedShow | None:
    """A stored show as a list export reads it (None: no such record, or a field off)."""
    return _listed_of([shows.field(slug, name) for name in _listed_names(language)])


def stored_shows(
    shows: Table[Show], slugs: list[str], language: TitleLanguage
) -> dict[str, ListedShow]:
    """`stored_show` of each of `slugs` there is one for (the shows of a 20,000-show
    list, in a table not read yet, without parsing it)."""
    return _each_stored(shows, slugs, _listed_names(language), _listed_of)


def _listed_names(language: TitleLanguage) -> tuple[str, ...]:
    """The fields a list export reads of a show: its counts and type, then its title's."""
    return ("mal_id", "episodes", "media_type", *_title_names(language))


def _listed_of(values: Sequence[Any]) -> ListedShow | None:
    """A show as a list export reads it from `_listed_names`' fields as stored (None when
    a field looks off)."""
    mal_id, episodes, media_type, title, *_ = values
    lead = _title_of(values[3:])
    if lead is None or not (_count(mal_id) and _count(episodes)):
        return None
    if media_type is not None and type(media_type) is not str:
        return None
    return ListedShow(title, lead, mal_id, episodes, media_type or "TV")


def listed(show: Show, language: TitleLanguage) -> ListedShow:
    return ListedShow(
        show.title, show.title_in(language), show.mal_id, show.episodes, show.media_type
    )


class ShowCard(Struct, frozen=True):
    """What a listing prints of a show, with the names `Show` gives them."""

    slug: str
    title: str
    title_romaji: str | None
    title_native: str | None
    season: str | None
    studios: tuple[str, ...]
    episodes: int | None
    tags: tuple[str, ...] = ()
    community: Community | None = None

    def title_in(self, language: TitleLanguage) -> str:
        """`Show.title_in`."""
        return leading_title(language, self.title, self.title_romaji, self.title_native)


def _text_or_none(value: Any) -> bool:
    return value is None or type(value) is str


def show_card(doc: dict[str, Any]) -> ShowCard | None:
    """A stored show's card, read from its document; None when it holds a dataset's
    fields (tags, the audience's score: the show says them) or a field looks off."""
    if not EXTRA_KEYS.isdisjoint(doc):
        return None
    slug, title, season = doc.get("slug"), doc.get("title"), doc.get("season")
    romaji, native = doc.get("title_romaji"), doc.get("title_native")
    studios, episodes = doc.get("studios"), doc.get("episodes")
    if type(slug) is not str or type(title) is not str or not title.strip():
        return None
    if not _count(episodes):
        return None
    if not (_text_or_none(season) and _text_or_none(romaji) and _text_or_none(native)):
        return None
    if studios is None:  # as converting reads it: none is no studios, and "" is off
        studios = []
    elif type(studios) is not list or not set(map(type, studios)) <= {str}:
        return None
    return ShowCard(slug, title, romaji, native, season, tuple(studios), episodes)


_StoredCard = defstruct(
    "_StoredCard",
    [
        ("slug", str),
        ("title", str),
        ("title_romaji", str | None, None),
        ("title_native", str | None, None),
        ("season", str | None, None),
        ("studios", tuple[str, ...] | None, None),
        ("episodes", int | None, None),
        *((name, Any, UNSET) for name in sorted(EXTRA_KEYS)),
    ],
)
"""A stored show's card fields typed as `show_card` takes them, and whether it holds
a dataset's field (UNSET: it does not), every other field skipped unread."""
_EXTRAS = attrgetter(*sorted(EXTRA_KEYS))
_NONE_GIVEN = (UNSET,) * len(EXTRA_KEYS)


def show_cards(shows: Table[Show]) -> dict[str, Show | ShowCard]:
    """Every readable stored show by slug: a card where its document gives one, else
    the show converted (a damaged one left out, as converting leaves it). A table not
    read yet is decoded as cards in one call, each field typed, without parsing it."""
    stored = shows.decoded(_StoredCard, attrgetter("slug"))
    if stored is None:
        return dict(projected(shows, show_card, _whole))
    cards: dict[str, Show | ShowCard] = {}
    for doc in stored:
        slug = doc.slug
        if _EXTRAS(doc) == _NONE_GIVEN and doc.title.strip():
            cards[slug] = ShowCard(
                slug,
                doc.title,
                doc.title_romaji,
                doc.title_native,
                doc.season,
                doc.studios or (),
                doc.episodes,
            )
            continue
        show = shows.get(slug)  # as `show_card` declines it: converted, or left out
        if show is not None:
            cards[slug] = show
    return cards


def _whole(show: Show) -> Show | ShowCard:
    return show
