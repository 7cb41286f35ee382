"""The fields a show gets from season datasets beyond its facts: broadcast slot, tags,
related anime, the audience's score and which dataset gave each field. Converted here for
both the checked and the fast way (`converters`, `plain_docs`)."""

from __future__ import annotations

from datetime import date
from typing import Any

from watchlist.domain.broadcast import Broadcast
from watchlist.domain.community import Community
from watchlist.domain.model import Show
from watchlist.storage.errors import RecordError
from watchlist.storage.fields import Fields

KEYS = frozenset({"broadcast", "tags", "related", "community", "sources"})


def extras_to_doc(show: Show, doc: dict[str, Any]) -> None:
    """Add to a show's `doc` those of these fields that say something (see
    `converters.show_to_doc`)."""
    if show.broadcast is not None:
        doc["broadcast"] = show.broadcast.text
    if show.tags:
        doc["tags"] = list(show.tags)
    if show.related:
        doc["related"] = list(show.related)
    community = show.community
    if community is not None:
        doc["community"] = {
            "score": community.score,
            "source": community.source,
            "date": community.date.isoformat() if community.date else None,
        }
    if show.sources:
        doc["sources"] = dict(show.sources)


def extras_from_doc(f: Fields) -> dict[str, Any]:
    """The fields of a checked conversion; a fault names the field."""
    broadcast = None
    if f.has("broadcast"):
        try:
            broadcast = Broadcast.parse(f.text("broadcast"))
        except ValueError:
            raise f.fail("broadcast", "a moment or R/<moment>/P7D") from None
    related = []
    for value in f.items("related"):
        if type(value) is not int or value < 1:
            raise f.fail("related", "a list of MyAnimeList ids")
        related.append(value)
    community = None
    if f.has("community"):
        c = Fields(f.doc["community"], f"{f.where} community")
        community = Community(
            score=c.integer("score", low=0, high=100),
            source=c.text("source"),
            date=c.day("date"),
        )
    sources = f.mapping("sources")
    if not all(type(k) is str and type(v) is str for k, v in sources.items()):
        raise f.fail("sources", "an object of field names and dataset names")
    return {
        "broadcast": broadcast,
        "tags": f.texts("tags"),
        "related": tuple(related),
        "community": community,
        "sources": tuple(sources.items()),
    }


def plain_extras(d: dict[str, Any]) -> dict[str, Any] | None:
    """The same from a plain document, or None for anything the checked way should see."""
    try:
        return _plain(d)
    except (RecordError, ValueError, TypeError, KeyError):
        return None


def _plain(d: dict[str, Any]) -> dict[str, Any] | None:
    found: dict[str, Any] = {}
    text = d.get("broadcast")
    if text is not None:
        found["broadcast"] = Broadcast.parse(text) if type(text) is str else None
        if found["broadcast"] is None:
            return None
    tags, related = d.get("tags"), d.get("related")
    if tags is not None:
        if type(tags) is not list or not all(type(t) is str for t in tags):
            return None
        found["tags"] = tuple(tags)
    if related is not None:
        if type(related) is not list or not all(type(r) is int and r >= 1 for r in related):
            return None
        found["related"] = tuple(related)
    community = d.get("community")
    if community is not None:
        score, source, day = community["score"], community["source"], community.get("date")
        if type(score) is not int or not 0 <= score <= 100 or type(source) is not str:
            return None
        if not source.strip() or (day is not None and type(day) is not str):
            return None
        found["community"] = Community(score, source, date.fromisoformat(day) if day else None)
    sources = d.get("sources")
    if sources is not None:
        if type(sources) is not dict:
            return None
        if not all(type(k) is str and type(v) is str for k, v in sources.items()):
            return None
        found["sources"] = tuple(sources.items())
    return found
