"""One scale for comparing: formats, stances, agreement and consensus (property-tested)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from watchlist.domain.compare import consensus, show_consensus
from watchlist.domain.errors import InvalidInput
from watchlist.domain.model import CriticPiece, PieceKind
from watchlist.domain.scoring import (
    STANCE_BANDS,
    Agreement,
    ScoreFormat,
    Stance,
    agreement,
    parse_score,
    rounding_bound,
    score_for_stance,
    score_in_format,
    show_score,
    stance_for_score,
    typed_score,
)

FORMATS = st.sampled_from(list(ScoreFormat))
STORED = st.integers(min_value=0, max_value=100)


def typed_values(fmt: ScoreFormat) -> list[str]:
    if fmt is ScoreFormat.POINT_10:
        return [str(n) for n in range(1, 11)]
    if fmt is ScoreFormat.POINT_10_DECIMAL:
        return [f"{n // 10}.{n % 10}" for n in range(10, 101)]
    if fmt is ScoreFormat.POINT_100:
        return [str(n) for n in range(1, 101)]
    if fmt is ScoreFormat.STARS_5:
        return [str(n) for n in range(1, 6)]
    return ["1", "2", "3"]


@pytest.mark.parametrize("fmt", list(ScoreFormat))
def test_what_the_user_types_comes_back_unchanged(fmt: ScoreFormat) -> None:
    for typed in typed_values(fmt):
        stored = parse_score(typed, fmt)
        assert 0 <= stored <= 100
        shown = typed_score(stored, fmt)
        if fmt is ScoreFormat.SMILEY_3:
            assert shown == [":(", ":|", ":)"][int(typed) - 1]
        else:
            assert shown == typed


@given(fmt=FORMATS, stored=STORED)
def test_a_stored_score_round_trips_within_the_documented_rounding(
    fmt: ScoreFormat, stored: int
) -> None:
    again = parse_score(typed_score(stored, fmt), fmt)
    assert abs(again - stored) <= rounding_bound(fmt, stored)


@given(stored=STORED)
def test_exact_formats_are_exact(stored: int) -> None:
    if stored >= 1:
        assert (
            parse_score(typed_score(stored, ScoreFormat.POINT_100), ScoreFormat.POINT_100) == stored
        )
    if stored >= 10:
        fmt = ScoreFormat.POINT_10_DECIMAL
        assert parse_score(typed_score(stored, fmt), fmt) == stored


@given(fmt=FORMATS, a=STORED, b=STORED)
def test_showing_scores_keeps_their_order(fmt: ScoreFormat, a: int, b: int) -> None:
    if fmt is ScoreFormat.SMILEY_3:
        return
    low, high = sorted((a, b))
    assert float(score_in_format(low, fmt)) <= float(score_in_format(high, fmt))


BAD_SCORES = [
    (ScoreFormat.STARS_5, "6"),
    (ScoreFormat.STARS_5, "0"),
    (ScoreFormat.STARS_5, "4.5"),
    (ScoreFormat.SMILEY_3, "3.5"),
    (ScoreFormat.SMILEY_3, "4"),
    (ScoreFormat.SMILEY_3, ":D"),
    (ScoreFormat.POINT_100, "101"),
    (ScoreFormat.POINT_100, "0"),
    (ScoreFormat.POINT_10, "7.5"),
    (ScoreFormat.POINT_10, "11"),
    (ScoreFormat.POINT_10_DECIMAL, "10.1"),
    (ScoreFormat.POINT_10_DECIMAL, "0.9"),
    (ScoreFormat.POINT_10_DECIMAL, "7.55"),
    (ScoreFormat.POINT_10_DECIMAL, "7,5"),
    (ScoreFormat.POINT_10, "NaN"),
    (ScoreFormat.POINT_10, "inf"),
    (ScoreFormat.POINT_10, "-inf"),
    (ScoreFormat.POINT_10, "８"),
    (ScoreFormat.POINT_10, ""),
]


@pytest.mark.parametrize(("fmt", "typed"), BAD_SCORES)
def test_scores_that_do_not_fit_the_format_are_refused(fmt: ScoreFormat, typed: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        parse_score(typed, fmt)
    assert fmt.value in str(caught.value)


def test_stars_and_smileys_are_shown_as_such() -> None:
    assert show_score(80, ScoreFormat.STARS_5) == "★★★★☆"
    assert show_score(90, ScoreFormat.SMILEY_3) == ":)"
    assert show_score(None, ScoreFormat.POINT_10) == "-"
    assert show_score(75, ScoreFormat.POINT_10_DECIMAL) == "7.5"
    assert show_score(75, ScoreFormat.POINT_10) == "8"  # rounds half up


@given(stored=STORED)
def test_every_score_implies_exactly_one_stance(stored: int) -> None:
    stance = stance_for_score(stored)
    band = STANCE_BANDS[stance]
    assert band.low <= stored <= band.high
    assert [s for s, b in STANCE_BANDS.items() if b.low <= stored <= b.high] == [stance]


def test_a_stance_alone_stands_for_a_score_inside_its_band() -> None:
    order = list(Stance)
    typical = [score_for_stance(s) for s in order]
    assert typical == sorted(typical, reverse=True)  # best to worst
    for stance in Stance:
        assert stance_for_score(score_for_stance(stance)) is stance


@given(a=STORED, b=STORED)
def test_agreement_is_symmetric_in_magnitude(a: int, b: int) -> None:
    assert agreement(a - b) is agreement(b - a)


def test_agreement_thresholds() -> None:
    assert agreement(10) is Agreement.AGREE and agreement(-10) is Agreement.AGREE
    assert agreement(11) is Agreement.DIFFER and agreement(25) is Agreement.DIFFER
    assert agreement(-26) is Agreement.DISAGREE


def piece(score: int, kind: PieceKind, n: int = 0) -> CriticPiece:
    return CriticPiece(
        id=f"p{n}",
        show="s",
        kind=kind,
        stance=stance_for_score(score),
        score=score,
        score_reason="r",
        summary="s",
        published=datetime(2024, 1, 1, tzinfo=UTC).date(),
    )


@given(st.lists(st.tuples(STORED, st.sampled_from(list(PieceKind))), max_size=30))
def test_consensus_stays_within_0_to_100_and_keeps_hype_apart(
    items: list[tuple[int, PieceKind]],
) -> None:
    pieces = [piece(score, kind, n) for n, (score, kind) in enumerate(items)]
    both = show_consensus(pieces)
    for part in (both.hype, both.reception):
        if part is not None:
            assert 0 <= part.score <= 100
    hype = [p.score for p in pieces if p.kind is PieceKind.PREVIEW]
    reviews = [p.score for p in pieces if p.kind is not PieceKind.PREVIEW]
    assert (both.hype.count if both.hype else 0) == len(hype)
    assert (both.reception.count if both.reception else 0) == len(reviews)
    if hype:
        assert both.hype is not None and min(hype) <= both.hype.score <= max(hype)
    assert consensus([]) is None
