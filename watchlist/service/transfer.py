"""Moving data in and out: exports, imports and the files they read, all-or-nothing."""

from __future__ import annotations

import zlib
from dataclasses import dataclass
from pathlib import Path

import orjson

from watchlist.domain.agreement import current_verdict
from watchlist.domain.errors import InvalidInput
from watchlist.domain.model import Entry, Status
from watchlist.domain.scoring import ScoreFormat, score_in_format, show_score
from watchlist.interop.diary_csv import DiaryRow, render_diary
from watchlist.interop.mal_xml import MalEntry, render_mal
from watchlist.storage.store import Snapshot

MAX_IMPORT_BYTES = 50 * 1024 * 1024
"""Largest file watchlist reads (after decompression); a real list is far smaller."""


MAX_PIECE_BYTES = 1024 * 1024
"""Largest critic piece file: a piece is a few paragraphs."""


def read_input(path: Path, limit: int = MAX_IMPORT_BYTES) -> bytes:
    """A file's bytes, refused past `limit` without reading it all."""
    try:
        with open(path, "rb") as handle:
            raw = handle.read(limit + 1)
    except OSError as error:
        raise InvalidInput(f"cannot read {path}: {error.strerror or error}") from None
    if path.name.lower().endswith(".gz"):
        raw = _gunzip(raw, path.name)
    if len(raw) > limit:
        raise InvalidInput(f"{path.name} is larger than the {limit / 2**20:g} MB limit")
    return raw


def _gunzip(raw: bytes, name: str) -> bytes:
    """MAL exports come gzipped; a bomb stops at the limit instead of filling memory."""
    inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        out = inflater.decompress(raw, MAX_IMPORT_BYTES + 1)
    except zlib.error as error:
        raise InvalidInput(f"{name}: not a valid gzip file ({error})") from None
    if len(out) > MAX_IMPORT_BYTES or inflater.unconsumed_tail:
        raise InvalidInput(f"{name} unpacks to more than the {MAX_IMPORT_BYTES // 2**20} MB limit")
    return out


def detect_format(raw: bytes, name: str) -> str:
    lowered = name.lower()
    if lowered.endswith((".xml", ".xml.gz")) or raw.lstrip()[:1] == b"<":
        return "mal-xml"
    try:
        doc = orjson.loads(raw)
    except orjson.JSONDecodeError as error:
        if lowered.endswith(".json") or raw.lstrip()[:1] in (b"{", b"["):
            raise InvalidInput(f"{name}: not valid JSON ({error})") from None
        raise InvalidInput(
            f"{name}: cannot tell its format; give --format json, mal-xml or seeds"
        ) from None
    if isinstance(doc, dict) and doc.get("format") == "watchlist-backup":
        return "json"
    if isinstance(doc, dict) and "season" in doc and "shows" in doc:
        return "seeds"
    raise InvalidInput(f"{name}: JSON, but neither a watchlist backup nor a seeds file")


def mal_entries(snap: Snapshot) -> list[MalEntry]:
    """Every show you track, as MAL list entries; scores round to MAL's 1-10."""
    slugs = set(snap.entries) | {slug for slug, vs in snap.verdicts.items() if vs}
    result = []
    for slug in sorted(
        slugs, key=lambda s: snap.shows[s].title.casefold() if s in snap.shows else s
    ):
        show = snap.shows.get(slug)
        if show is None:
            continue
        entry = snap.entries.get(slug) or Entry(slug)
        current = current_verdict(snap.verdicts.get(slug) or [])
        score = (
            int(score_in_format(current.effective_score, ScoreFormat.POINT_10)) if current else None
        )
        result.append(
            MalEntry(
                mal_id=show.mal_id,
                title=show.title,
                series_type=show.media_type,
                series_episodes=show.episodes,
                watched=entry.progress,
                start=entry.started,
                finish=entry.finished,
                score=score,
                status=entry.status,
                comments=entry.comments or (current.notes if current else ""),
                times_watched=entry.rewatch_count,
                rewatching=entry.status is Status.REWATCHING,
            )
        )
    return result


def diary_rows(snap: Snapshot, fmt: ScoreFormat) -> list[DiaryRow]:
    rows = []
    for slug, entry in snap.entries.items():
        show = snap.shows.get(slug)
        title = show.title if show else slug
        for episode, moment in entry.diary():
            rating = entry.ratings.get(episode)
            rows.append(
                DiaryRow(
                    moment=moment,
                    title=title,
                    slug=slug,
                    episode=episode,
                    rating=show_score(rating, fmt) if rating is not None else "",
                    note=entry.notes.get(episode, ""),
                )
            )
    return rows


@dataclass(frozen=True)
class Export:
    payload: bytes
    what: str
    """A few words for the CLI: "12 shows", "86 episodes"."""


def export_mal(snap: Snapshot) -> Export:
    entries = mal_entries(snap)
    return Export(render_mal(entries), f"{len(entries)} shows")


def export_csv(snap: Snapshot, fmt: ScoreFormat) -> Export:
    rows = diary_rows(snap, fmt)
    return Export(render_diary(rows).encode("utf-8"), f"{len(rows)} episodes")
