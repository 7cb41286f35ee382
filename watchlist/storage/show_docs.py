"""Projections of stored shows for what only formats a few of their fields (exports over
20,000 shows): read from a record as it is now (a document this version wrote or checked,
or the converted show), the way the show would give them; None when a field looks off
(the caller then asks for the show)."""

from __future__ import annotations

from typing import Any

from watchlist.domain.model import Show, TitleLanguage
from watchlist.storage.tables import Table

_LEADS = {
    TitleLanguage.ENGLISH: None,
    TitleLanguage.ROMAJI: "title_romaji",
    TitleLanguage.NATIVE: "title_native",
}


def doc_title(doc: dict[str, Any], language: TitleLanguage) -> str | None:
    """`Show.title_in(language)` of a stored show's document (None: a field looks off)."""
    title = doc.get("title")
    if type(title) is not str:
        return None
    lead = _LEADS[language]
    if lead is None:
        return title
    other = doc.get(lead)
    if other is not None and type(other) is not str:
        return None
    return other or title


def stored_title(shows: Table[Show], slug: str, language: TitleLanguage) -> str | None:
    """A stored show's leading title in `language`, read from its record as it is now;
    None when the table has no such show (or a field looks off)."""
    title = shows.field(slug, "title")
    if type(title) is not str:
        return None
    lead = _LEADS[language]
    other = None if lead is None else shows.field(slug, lead)
    if other is not None and type(other) is not str:
        return None
    return other or title
