"""Critic pieces (TOML or JSON) and shows and seasons (the seeds format) added from files."""

from __future__ import annotations

import re
import tomllib
from datetime import date
from typing import Any

from msgspec import Struct
from msgspec.structs import replace

from watchlist.domain.errors import InvalidInput
from watchlist.domain.model import CriticPiece, Origin, PieceKind, Season, Show
from watchlist.domain.scoring import parse_stance, score_for_stance, stance_for_score
from watchlist.domain.text import (
    MAX_LINE_CHARS,
    MAX_PARAGRAPH_CHARS,
    clean_text,
    free_slug,
    quoted,
    scrub,
    slugify,
)
from watchlist.service.inputs import load_json
from watchlist.service.library import Library
from watchlist.storage import converters as conv
from watchlist.storage.catalog import seed_from_doc
from watchlist.storage.errors import RecordError

PIECE_FIELDS = {
    "outlet",
    "critic",
    "published",
    "kind",
    "episode",
    "verdict",
    "rating",
    "rating_scale",
    "stance",
    "score",
    "score_reason",
    "summary",
    "highlights",
    "concerns",
    "quote",
    "url",
}
MAX_POINTS = 12


def load_document(raw: bytes, name: str) -> dict[str, Any]:
    """A TOML or JSON object, told apart by the file name, with the place of any fault."""
    if name.lower().endswith(".toml"):
        try:
            doc = scrub(tomllib.loads(raw.decode("utf-8")))  # always a table: an object
        except UnicodeDecodeError:
            raise InvalidInput(f"{name}: not UTF-8 text") from None
        except tomllib.TOMLDecodeError as error:
            raise InvalidInput(f"{name}: not valid TOML ({error})") from None
    else:
        doc = load_json(raw, name)
    if not isinstance(doc, dict):
        raise InvalidInput(f"{name}: expected an object of fields")
    return doc


def _line(doc: dict[str, Any], key: str, name: str, *, required: bool = False) -> str | None:
    value = doc.get(key)
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            raise InvalidInput(f"{name}: '{key}' is missing")
        return None
    if not isinstance(value, str):
        raise InvalidInput(f"{name}: '{key}' must be text")
    try:
        return clean_text(value, field=f"'{key}'", limit=MAX_LINE_CHARS) or None
    except InvalidInput as error:
        raise InvalidInput(f"{name}: {error}") from None


def _points(doc: dict[str, Any], key: str, name: str) -> tuple[str, ...]:
    value = doc.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise InvalidInput(f"{name}: '{key}' must be a list of texts")
    if len(value) > MAX_POINTS:
        raise InvalidInput(f"{name}: '{key}' has {len(value)} items; at most {MAX_POINTS}")
    try:
        return tuple(
            clean_text(v, field=f"'{key}'", limit=MAX_LINE_CHARS) for v in value if v.strip()
        )
    except InvalidInput as error:
        raise InvalidInput(f"{name}: {error}") from None


def _whole(doc: dict[str, Any], key: str, name: str, low: int, high: int | None) -> int | None:
    value = doc.get(key)
    if value is None:
        return None
    if not isinstance(value, int) or isinstance(value, bool):
        raise InvalidInput(f"{name}: '{key}' must be a whole number, not {quoted(str(value))}")
    if value < low or (high is not None and value > high):
        span = f"{low}-{high}" if high is not None else f"{low} or more"
        raise InvalidInput(f"{name}: '{key}' {value} is out of range {span}")
    return value


_RATING = re.compile(r"\s*([0-9]+(?:[.,][0-9]+)?)\s*((?:/|out of|of)\s*[0-9]+.*)\Z")


def _rating(doc: dict[str, Any], name: str) -> tuple[str | None, str | None]:
    """The critic's rating and its scale: given apart, or written together ("4.5/5")."""
    rating, scale = _line(doc, "rating", name), _line(doc, "rating_scale", name)
    if rating is None:
        if scale is not None:
            raise InvalidInput(f"{name}: 'rating_scale' without a 'rating'")
        return None, None
    if scale is None:
        match = _RATING.match(rating)
        if match is None:
            raise InvalidInput(
                f"{name}: 'rating' {quoted(rating)} needs its scale: write it like 4/5 or give "
                "'rating_scale' (such as \"of 5\")"
            )
        rating, scale = match.group(1), match.group(2).strip()
    return rating, scale


def parse_piece(raw: bytes, name: str, show: Show, taken: set[str]) -> CriticPiece:
    """A critic piece from a file, checked; its id is new and stable."""
    doc = load_document(raw, name)
    unknown = sorted(set(doc) - PIECE_FIELDS)
    if unknown:
        fields = ", ".join(sorted(PIECE_FIELDS))
        raise InvalidInput(f"{name}: unknown field '{unknown[0]}'; the fields are {fields}")
    outlet = _line(doc, "outlet", name, required=True)
    kind_text = _line(doc, "kind", name, required=True) or ""
    try:
        kind = PieceKind(kind_text.lower())
    except ValueError:
        kinds = ", ".join(k.value for k in PieceKind)
        raise InvalidInput(f"{name}: 'kind' {quoted(kind_text)} is not one of {kinds}") from None
    score = _whole(doc, "score", name, 0, 100)
    stance_text = _line(doc, "stance", name)
    try:
        stance = parse_stance(stance_text) if stance_text else None
    except InvalidInput as error:
        raise InvalidInput(f"{name}: {error}") from None
    if score is not None:
        final_score = score
    elif stance is not None:
        final_score = score_for_stance(stance)
    else:
        raise InvalidInput(f"{name}: give a 'score' (0-100) or a 'stance'")
    episode = _whole(doc, "episode", name, 1, show.episodes)
    if kind is PieceKind.PREMIERE and episode is None:
        episode = 1
    given = doc.get("published")
    if isinstance(given, date):  # TOML has real dates
        given = given.isoformat()
    published = None
    if given is not None:
        if not isinstance(given, str):
            raise InvalidInput(f"{name}: 'published' must be a date like 2024-01-12")
        try:
            published = date.fromisoformat(given)
        except ValueError:
            raise InvalidInput(f"{name}: 'published' {quoted(given)} is not a date") from None
    summary = doc.get("summary")
    if not isinstance(summary, str) or not summary.strip():
        raise InvalidInput(f"{name}: 'summary' is missing")
    try:
        summary = clean_text(summary, field="'summary'", limit=MAX_PARAGRAPH_CHARS, multiline=True)
    except InvalidInput as error:
        raise InvalidInput(f"{name}: {error}") from None
    rating, scale = _rating(doc, name)
    base = f"{show.slug}/{slugify(outlet or 'piece') or 'piece'}-{kind.value}"
    return CriticPiece(
        id=free_slug(base, taken),
        show=show.slug,
        kind=kind,
        stance=stance or stance_for_score(final_score),
        score=final_score,
        score_reason=_line(doc, "score_reason", name) or "Added from a file.",
        summary=summary,
        outlet=outlet,
        critic=_line(doc, "critic", name),
        published=published,
        episode=None if kind is PieceKind.PREVIEW else episode,
        verdict=_line(doc, "verdict", name),
        rating=rating,
        rating_scale=scale,
        highlights=_points(doc, "highlights", name),
        concerns=_points(doc, "concerns", name),
        quote=_line(doc, "quote", name),
        url=_line(doc, "url", name),
        origin=Origin.USER,
    )


class ShowFile(Struct, frozen=True):
    season: Season | None
    """None when the season already exists (the shows join it)."""
    shows: list[Show]
    pieces: list[CriticPiece]


def parse_show_file(doc: Any, name: str, lib: Library) -> ShowFile:
    """Shows, a season and pieces in the seeds format (parsed JSON), as your own records."""
    try:
        seed = seed_from_doc(doc, name)
        season = conv.season_from_doc(seed.season, f"{name}: season")
        shows = [
            replace(
                conv.show_from_doc(doc, f"{name}: shows[{n}]"),
                season=season.slug,
                origin=Origin.USER,
            )
            for n, doc in enumerate(seed.shows)
        ]
        pieces = [
            replace(conv.piece_from_doc(doc, f"{name}: pieces[{n}]"), origin=Origin.USER)
            for n, doc in enumerate(seed.pieces)
        ]
    except RecordError as error:
        raise InvalidInput(str(error)) from None
    seen: set[str] = set()
    for n, show in enumerate(shows):
        if show.slug in lib.shows or show.slug in seen:
            raise InvalidInput(f"{name}: shows[{n}]: a show '{show.slug}' already exists")
        seen.add(show.slug)
    known = set(lib.shows) | seen
    piece_ids: set[str] = set()
    for n, piece in enumerate(pieces):
        if piece.id in piece_ids:
            raise InvalidInput(f"{name}: pieces[{n}]: a second piece '{piece.id}'")
        piece_ids.add(piece.id)
        if piece.show not in known:
            raise InvalidInput(f"{name}: pieces[{n}]: no show '{piece.show}'")
        if piece.id in lib.pieces:
            raise InvalidInput(f"{name}: pieces[{n}]: a piece '{piece.id}' already exists")
    if season.slug in lib.seasons:
        return ShowFile(None, shows, pieces)
    return ShowFile(replace(season, origin=Origin.USER), shows, pieces)
