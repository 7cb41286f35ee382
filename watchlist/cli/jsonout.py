"""The `--json` shapes several commands share, and the one way JSON is printed. They are
documented in the README; change them only by adding keys. A command's own shape is in
its module."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any, Protocol

import orjson

from watchlist.domain.scoring import ScoreFormat, show_score
from watchlist.domain.text import json_safe_bytes

if TYPE_CHECKING:  # the types only: loading what `list --json` does not need costs start-up
    from datetime import datetime, tzinfo

    from watchlist.domain.community import Community
    from watchlist.domain.compare import Consensus, ShowConsensus
    from watchlist.domain.model import CriticPiece, Verdict


class Rated(Protocol):
    """A show, or a listing's card of one: what carries the audience's score."""

    @property
    def community(self) -> Community | None: ...


def print_json(value: Any) -> None:
    """Print JSON to standard output: nothing in it a terminal would act on, whatever is
    in the database (control characters and bidi marks become \\u escapes)."""
    data = json_safe_bytes(
        orjson.dumps(value, option=orjson.OPT_INDENT_2 | orjson.OPT_APPEND_NEWLINE)
    )
    out = sys.stdout
    buffer = getattr(out, "buffer", None)
    if buffer is None:  # a text-only stream (a test's StringIO)
        out.write(data.decode())
        return
    # JSON is UTF-8 (RFC 8259): the bytes go out as orjson made them, never decoded
    # and encoded again (a tenth of `list --season all --json` at 20,000 shows).
    out.flush()
    buffer.write(data)


def day(value: Any) -> str | None:
    """A date (or a moment) as ISO 8601, or None."""
    return value.isoformat() if value is not None else None


def moment(value: datetime | None, tz: tzinfo | None) -> str | None:
    """A broadcast moment as ISO 8601 with its offset, in the zone times are shown in."""
    return value.astimezone(tz).isoformat() if value is not None else None


def community_json(show: Rated, hidden: bool) -> dict[str, Any] | None:
    """The audience's score with its dataset and date; in blind mode the score is null
    (and `hidden` true) until you give a verdict, as the critics' are."""
    community = show.community
    if community is None:
        return None
    return {
        "score": None if hidden else community.score,
        "source": community.source,
        "date": day(community.date),
        "hidden": hidden,
    }


def verdict_json(verdict: Verdict, fmt: ScoreFormat) -> dict[str, Any]:
    return {
        "id": verdict.id,
        "given_at": verdict.given_at.isoformat(),
        "episode": verdict.episode,
        "score": verdict.effective_score,
        "score_text": show_score(verdict.effective_score, fmt),
        "score_given": verdict.score is not None,
        "stance": verdict.effective_stance.value,
        "notes": verdict.notes,
    }


def piece_json(
    piece: CriticPiece, hidden: bool, opens_at: int | str | None = None
) -> dict[str, Any]:
    """A critic piece; what it says is null while blind mode hides it (`hidden`) or the
    spoiler shield keeps it closed (`opens_at`: the episode it opens at, or "finish")."""
    hidden = hidden or opens_at is not None
    return {
        "id": piece.id,
        "outlet": piece.outlet,
        "critic": piece.critic,
        "published": day(piece.published),
        "kind": piece.kind.value,
        "episode": piece.episode,
        "original": None if hidden else piece.original,
        "rating": None if hidden else piece.rating,
        "rating_scale": None if hidden else piece.rating_scale,
        "stance": None if hidden else piece.stance.value,
        "score": None if hidden else piece.score,
        "score_source": None if hidden else piece.score_source,
        "score_reason": None if hidden else piece.score_reason,
        "summary": None if hidden else piece.summary,
        "highlights": None if hidden else list(piece.highlights),
        "concerns": None if hidden else list(piece.concerns),
        "quote": None if hidden else piece.quote,
        "caveats": list(piece.caveats),
        "url": piece.url,
        "hidden": hidden,
        "opens_at": opens_at,
    }


def _consensus_part(c: Consensus | None) -> dict[str, Any] | None:
    if c is None:
        return None
    return {"score": c.score, "stance": c.stance.value, "pieces": c.count}


def consensus_json(c: ShowConsensus) -> dict[str, Any]:
    return {"hype": _consensus_part(c.hype), "reception": _consensus_part(c.reception)}
