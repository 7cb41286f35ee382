"""Documents <-> domain objects. The document format is shared by the database,
the seeds, JSON backups and files users import, so it is defined once, here."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from watchlist.domain.model import (
    MAX_EPISODES,
    CriticPiece,
    Entry,
    Origin,
    PausedPass,
    PieceKind,
    Season,
    Show,
    StaffCredit,
    Status,
    Verdict,
)
from watchlist.domain.scoring import Stance
from watchlist.storage.errors import RecordError
from watchlist.storage.fields import Fields, episode_key, parse_logged
from watchlist.storage.moment_texts import NUMBERS
from watchlist.storage.plain_docs import PLAIN_ENTRY as _PLAIN_ENTRY
from watchlist.storage.plain_docs import PLAIN_SHOW as _PLAIN_SHOW
from watchlist.storage.plain_docs import plain_entry as _plain_entry
from watchlist.storage.plain_docs import plain_show as _plain_show

# Kept reachable here, with every other conversion.
from watchlist.storage.settings_docs import settings_from_doc as settings_from_doc
from watchlist.storage.settings_docs import settings_to_doc as settings_to_doc
from watchlist.storage.show_extras import extras_from_doc, extras_to_doc

Doc = dict[str, Any]


_WRITTEN: dict[int, tuple[Any, str]] = {}
"""Texts of the moments and dates written lately, by the identity of the object (which
each holds on to, so no other object can take its id). Equal moments in other zones are
written differently, so it is never by equality."""
_WRITTEN_KEPT = 4096


def _text_of(value: Any) -> str:
    """`value.isoformat()`, a moment's or a date's, remembered by identity: an import gives
    its 100,000 entries and 90,000 verdicts one moment, and a list's dates are read once
    each (`mal_xml`), so writing each again was near a third of making their documents."""
    kept = _WRITTEN.get(id(value))
    if kept is not None and kept[0] is value:
        return kept[1]
    text: str = value.isoformat()
    if len(_WRITTEN) >= _WRITTEN_KEPT:
        _WRITTEN.clear()
    _WRITTEN[id(value)] = (value, text)
    return text


def _iso(value: Any) -> str | None:
    """A moment or (partial) date as stored (`dates.logged_iso`), or None."""
    return None if value is None else _text_of(value)


def season_to_doc(season: Season) -> Doc:
    return {
        "slug": season.slug,
        "name": season.name,
        "starts": season.starts.isoformat(),
        "ends": season.ends.isoformat(),
        "origin": season.origin.value,
    }


def season_from_doc(doc: Any, where: str = "season") -> Season:
    f = Fields(doc, where)
    starts, ends = f.day("starts", optional=False), f.day("ends", optional=False)
    assert starts is not None and ends is not None
    if ends < starts:
        raise f.fail("ends", "on or after 'starts'")
    return Season(
        slug=f.slug("slug"),
        name=f.text("name"),
        starts=starts,
        ends=ends,
        origin=f.choice("origin", Origin) if f.has("origin") else Origin.CATALOG,
    )


Convert = Callable[[Any], Any] | None
"""How a field's value is written (None: as it is)."""


def _said(obj: Any, doc: Doc, fields: Sequence[tuple[str, Convert]]) -> Doc:
    """`doc` with each of `fields` of `obj` whose value says something (null, empty, false
    and zero say nothing: at 20,000 shows they would be most of the file), converted. Each
    value is tested before it is converted: an import makes 100,000 documents, most of
    whose fields are empty."""
    for name, convert in fields:
        value = getattr(obj, name)
        if value:
            doc[name] = value if convert is None else convert(value)
    return doc


_SHOW_FACTS: tuple[tuple[str, Convert], ...] = (
    ("title_romaji", None),
    ("title_native", None),
    ("aliases", list),
    ("mal_id", None),
    ("season", None),
    ("studios", list),
    ("episodes", None),
    ("episodes_in_season", None),
    ("first_in_season", None),
    ("premiere", date.isoformat),
    ("finale", date.isoformat),
    ("expected_episodes", None),
    ("other_seasons", list),
    ("provenance", None),
    ("run_start", None),
    ("air_dates", lambda days: [_iso(d) for d in days]),
    ("streaming", None),
    ("source", None),
)
_SHOW_MORE: tuple[tuple[str, Convert], ...] = (
    ("staff", lambda staff: [{"role": c.role, "name": c.name} for c in staff]),
    ("synopsis", None),
    ("episode_minutes", None),
    ("media_type", None),
)


def show_to_doc(show: Show) -> Doc:
    """A show's document: the fields that say something, and always the slug, the title
    and `continuing`, whose false (it does not continue) differs from its null (unknown)."""
    doc = _said(show, {"slug": show.slug, "title": show.title}, _SHOW_FACTS)
    doc["continuing"] = show.continuing
    _said(show, doc, _SHOW_MORE)
    doc["origin"] = show.origin.value
    extras_to_doc(show, doc)
    return doc


def show_from_doc(doc: Any, where: str = "show") -> Show:
    """A show from its document; any fault names `where` and the field."""
    if type(doc) is dict and doc.keys() <= _PLAIN_SHOW:
        show = _plain_show(doc)
        if show is not None:
            return show
    return _checked_show(doc, where)


def _checked_show(doc: Any, where: str) -> Show:
    f = Fields(doc, where)
    air_dates = []
    for index, value in enumerate(f.items("air_dates")):
        air_dates.append(Fields({"d": value}, f"{where} air date {index + 1}").day("d"))
    staff = []
    for index, credit in enumerate(f.items("staff")):
        c = Fields(credit, f"{where} staff {index + 1}")
        staff.append(StaffCredit(c.text("role"), c.text("name")))
    continuing = f.doc.get("continuing")
    if continuing is not None and not isinstance(continuing, bool):
        raise f.fail("continuing", "true, false or null")
    episodes = f.integer("episodes", low=1, high=MAX_EPISODES, optional=True)
    return Show(
        slug=f.slug("slug"),
        title=f.text("title"),
        title_romaji=f.text("title_romaji", optional=True),
        title_native=f.text("title_native", optional=True),
        aliases=f.texts("aliases"),
        mal_id=f.integer("mal_id", low=1, optional=True),
        season=f.text("season", optional=True),
        studios=f.texts("studios"),
        episodes=episodes,
        episodes_in_season=f.integer("episodes_in_season", low=1, high=episodes, optional=True),
        first_in_season=f.integer("first_in_season", low=1, high=episodes, optional=True),
        premiere=f.day("premiere"),
        finale=f.day("finale"),
        expected_episodes=f.integer("expected_episodes", low=1, high=MAX_EPISODES, optional=True),
        other_seasons=f.texts("other_seasons"),
        provenance=f.text("provenance", optional=True),
        run_start=f.date_or_month("run_start"),
        air_dates=tuple(air_dates),
        streaming=f.text("streaming", optional=True),
        source=f.text("source", optional=True),
        continuing=continuing,
        staff=tuple(staff),
        synopsis=f.text("synopsis", optional=True) or "",
        episode_minutes=f.integer("episode_minutes", low=1, high=1000, optional=True),
        media_type=f.text("media_type", optional=True) or "TV",
        origin=f.choice("origin", Origin) if f.has("origin") else Origin.CATALOG,
        **extras_from_doc(f),
    )


def piece_to_doc(piece: CriticPiece) -> Doc:
    return {
        "id": piece.id,
        "show": piece.show,
        "outlet": piece.outlet,
        "critic": piece.critic,
        "published": _iso(piece.published),
        "kind": piece.kind.value,
        "episode": piece.episode,
        "verdict": piece.verdict,
        "rating": piece.rating,
        "rating_scale": piece.rating_scale,
        "stance": piece.stance.value,
        "score": piece.score,
        "score_reason": piece.score_reason,
        "summary": piece.summary,
        "highlights": list(piece.highlights),
        "concerns": list(piece.concerns),
        "quote": piece.quote,
        "caveats": list(piece.caveats),
        "url": piece.url,
        "origin": piece.origin.value,
    }


def piece_from_doc(doc: Any, where: str = "critic piece") -> CriticPiece:
    f = Fields(doc, where)
    return CriticPiece(
        id=f.text("id"),
        show=f.slug("show"),
        outlet=f.text("outlet", optional=True),
        critic=f.text("critic", optional=True),
        published=f.day("published"),
        kind=f.choice("kind", PieceKind),
        episode=f.integer("episode", low=1, high=MAX_EPISODES, optional=True),
        verdict=f.text("verdict", optional=True),
        rating=f.text("rating", optional=True),
        rating_scale=_rating_scale(f),
        stance=f.choice("stance", Stance),
        score=f.integer("score", low=0, high=100),
        score_reason=f.text("score_reason"),
        summary=f.text("summary"),
        highlights=f.texts("highlights"),
        concerns=f.texts("concerns"),
        quote=f.text("quote", optional=True),
        caveats=f.texts("caveats"),
        url=f.text("url", optional=True),
        origin=f.choice("origin", Origin) if f.has("origin") else Origin.CATALOG,
    )


def _rating_scale(f: Fields) -> str | None:
    scale: str | None = f.text("rating_scale", optional=True)
    if f.has("rating") and not scale:
        raise f.fail("rating_scale", "the scale of the critic's rating, as the text gives it")
    return scale


_number = dict(enumerate(NUMBERS, 1)).get
"""An episode number's text: for the usual numbers, the one string `NUMBERS` holds, for
every document that names it (an import of 100,000 entries names a million episodes)."""


def _paused_to_doc(paused: PausedPass | None) -> Doc | None:
    if paused is None:
        return None
    return {
        "watched": {_number(n) or str(n): _iso(at) for n, at in paused.watched.items()},
        "status": paused.status.value,
        "status_by_hand": paused.status_by_hand,
        "finished": _iso(paused.finished),
    }


_BY_HAND: tuple[tuple[str, Convert], ...] = (("status_by_hand", None),)
_ENTRY_MORE: tuple[tuple[str, Convert], ...] = (
    ("earlier", lambda earlier: [[n, _iso(at)] for n, at in earlier]),
    ("paused", _paused_to_doc),
    ("recent", list),
    ("ratings", lambda ratings: {str(n): score for n, score in ratings.items()}),
    ("notes", lambda notes: {str(n): note for n, note in notes.items()}),
    ("comments", None),
    ("started", _text_of),
    ("finished", _text_of),
    ("rewatch_count", None),
    ("updated_at", _text_of),
    ("tags", list),
)


def entry_to_doc(entry: Entry) -> Doc:
    """An entry's document: always its show, status and episodes watched, and the rest
    where it says something, as for a show."""
    doc = _said(entry, {"show": entry.show, "status": entry.status.value}, _BY_HAND)
    # _iso, written out: an import of 100,000 entries logs a million episodes.
    doc["watched"] = {
        _number(n) or str(n): None if at is None else _text_of(at)
        for n, at in entry.watched.items()
    }
    return _said(entry, doc, _ENTRY_MORE)


def _paused_from_doc(f: Fields) -> PausedPass | None:
    doc = f.doc.get("paused")
    if doc is None:
        return None
    p = Fields(doc, f"{f.where} paused")
    watched = {
        episode_key(n, p, "watched"): parse_logged(at, p, "watched")
        for n, at in p.mapping("watched").items()
    }
    return PausedPass(
        watched=dict(sorted(watched.items())),
        status=p.choice("status", Status),
        status_by_hand=p.flag("status_by_hand", default=False),
        finished=p.partial_day("finished"),
    )


def entry_from_doc(doc: Any, where: str = "entry") -> Entry:
    """An entry from its document; any fault names `where` and the field."""
    if type(doc) is dict and doc.keys() <= _PLAIN_ENTRY:
        entry = _plain_entry(doc)
        if entry is not None:
            return entry
    return _checked_entry(doc, where)


def _checked_entry(doc: Any, where: str) -> Entry:
    f = Fields(doc, where)
    watched = {
        episode_key(n, f, "watched"): parse_logged(at, f, "watched")
        for n, at in f.mapping("watched").items()
    }
    earlier = []
    for item in f.items("earlier"):
        if not (isinstance(item, list) and len(item) == 2):
            raise f.fail("earlier", "a list of [episode, moment] pairs")
        number = Fields({"n": item[0]}, f"{where} earlier").integer("n", low=1)
        earlier.append((number, parse_logged(item[1], f, "earlier")))
    ratings = {}
    for n, score in f.mapping("ratings").items():
        ratings[episode_key(n, f, "ratings")] = Fields({"s": score}, f"{where} ratings").integer(
            "s", low=0, high=100
        )
    notes = {}
    for n, note in f.mapping("notes").items():
        if not isinstance(note, str):
            raise f.fail("notes", "texts keyed by episode number")
        notes[episode_key(n, f, "notes")] = note
    recent = []
    for n in f.items("recent"):
        recent.append(Fields({"n": n}, f"{where} recent").integer("n", low=1))
    return Entry(
        show=f.slug("show"),
        status=f.choice("status", Status),
        status_by_hand=f.flag("status_by_hand", default=False),
        watched=dict(sorted(watched.items())),
        earlier=tuple(earlier),
        paused=_paused_from_doc(f),
        recent=tuple(recent),
        ratings=ratings,
        notes=notes,
        comments=f.text("comments", optional=True) or "",
        started=f.partial_day("started"),
        finished=f.partial_day("finished"),
        rewatch_count=f.integer("rewatch_count", low=0, high=10_000, optional=True) or 0,
        updated_at=f.moment("updated_at", optional=True),
        tags=f.texts("tags"),
    )


def verdict_to_doc(verdict: Verdict) -> Doc:
    return {
        "id": verdict.id,
        "show": verdict.show,
        "given_at": _text_of(verdict.given_at),
        "score": verdict.score,
        "stance": verdict.stance.value if verdict.stance else None,
        "notes": verdict.notes,
        "episode": verdict.episode,
    }


def verdict_from_doc(doc: Any, where: str = "verdict") -> Verdict:
    f = Fields(doc, where)
    score = f.integer("score", low=0, high=100, optional=True)
    stance = f.choice("stance", Stance, optional=True)
    if score is None and stance is None:
        raise RecordError(f"{where}: a verdict needs a score or a stance")
    moment = f.moment("given_at")
    assert moment is not None
    return Verdict(
        id=f.text("id"),
        show=f.slug("show"),
        given_at=moment,
        score=score,
        stance=stance,
        notes=f.text("notes", optional=True) or "",
        episode=f.integer("episode", low=0, high=MAX_EPISODES, optional=True),
    )
