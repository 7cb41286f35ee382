"""One scale for comparing: score formats, stances and agreement, all on 0-100.

Conversions (stored value is always an integer 0-100):

| format     | user types            | stored                | shown from stored s           |
|------------|-----------------------|-----------------------|-------------------------------|
| `10`       | 1-10                  | x * 10 (exact)        | s / 10 rounded half up, 1-10  |
| `10.0`     | 1.0-10.0, one decimal | x * 10 (exact)        | s / 10 with one decimal       |
| `100`      | 1-100                 | x (exact)             | s                             |
| `5-star`   | 1-5                   | x * 20 (exact)        | s / 20 rounded half up, 1-5   |
| `3-smiley` | 1-3 or :( :| :)      | 30, 60, 90            | <=44 :(   45-74 :|   >=75 :)  |

What the user types always comes back unchanged. A stored score shown in a
coarser format rounds (see `rounding_bound`): at most 5 points off for `10`,
10 for `5-star`, 30 for `3-smiley`; `10.0` and `100` are exact. Scores below
a format's lowest value (a critic's 5/100, say) show as that lowest value.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum

from msgspec import Struct

from watchlist.domain.errors import InvalidInput
from watchlist.domain.numbers import check_range, half_up, parse_decimal, parse_whole
from watchlist.domain.text import quoted


class ScoreFormat(StrEnum):
    """How the user writes and reads scores (the stored value is always 0-100)."""

    POINT_10 = "10"
    POINT_10_DECIMAL = "10.0"
    POINT_100 = "100"
    STARS_5 = "5-star"
    SMILEY_3 = "3-smiley"


class FormatSpec(Struct, frozen=True):
    """Everything one score format means; adding a format is adding one row to FORMATS."""

    hint: str
    """What a valid score looks like, for prompts and error messages."""
    parse: Callable[[str, str], int]
    """(typed text, what it is for messages) -> the stored 0-100 value."""
    value: Callable[[int], int | str]
    """The stored 0-100 value as a value of this format."""
    lowest: int
    """The stored value of the format's lowest score."""
    rounding: int = 0
    """Most a stored score moves when shown in this format and typed back."""
    shown: Callable[[int | str], str] = str
    """How a value of this format is written for reading."""
    scale: str = "10"
    """Its top score, for labels ("Score/10")."""


def _whole(high: int, factor: int) -> Callable[[str, str], int]:
    return lambda raw, what: parse_whole(raw, what=what, low=1, high=high) * factor


def _tenths(raw: str, what: str) -> int:
    whole, tenth = parse_decimal(raw, what=what, places=1)
    value = whole * 10 + tenth
    if not 10 <= value <= 100:
        raise InvalidInput(f"{what} {raw} is out of range: expected 1.0-10.0")
    return value


_SMILEYS = (":(", ":|", ":)")
_SMILEY_STORED = (30, 60, 90)


def _smiley(raw: str, what: str) -> int:
    if raw in _SMILEYS:
        return _SMILEY_STORED[_SMILEYS.index(raw)]
    return _SMILEY_STORED[parse_whole(raw, what=what, low=1, high=3) - 1]


def _stars(value: int | str) -> str:
    assert isinstance(value, int)
    return "★" * value + "☆" * (5 - value)


FORMATS: dict[ScoreFormat, FormatSpec] = {
    ScoreFormat.POINT_10: FormatSpec(
        "a whole number from 1 to 10",
        _whole(10, 10),
        lambda s: max(1, half_up(s, 10)),
        lowest=10,
        rounding=5,
    ),
    ScoreFormat.POINT_10_DECIMAL: FormatSpec(
        "a number from 1.0 to 10.0 with at most one decimal",
        _tenths,
        lambda s: f"{max(10, s) // 10}.{max(10, s) % 10}",
        lowest=10,
    ),
    ScoreFormat.POINT_100: FormatSpec(
        "a whole number from 1 to 100", _whole(100, 1), lambda s: max(1, s), lowest=1, scale="100"
    ),
    ScoreFormat.STARS_5: FormatSpec(
        "a number of stars from 1 to 5",
        _whole(5, 20),
        lambda s: max(1, half_up(s, 20)),
        lowest=20,
        rounding=10,
        shown=_stars,
        scale="5",
    ),
    ScoreFormat.SMILEY_3: FormatSpec(
        "1, 2 or 3 (or :( :| :) )",
        _smiley,
        lambda s: _SMILEYS[0 if s <= 44 else 1 if s <= 74 else 2],
        lowest=30,
        rounding=30,
        scale="3",
    ),
}


def scale_label(fmt: ScoreFormat) -> str:
    """ "/10", "/100", "/5": what the format's scores are out of."""
    return "/" + FORMATS[fmt].scale


def rounding_bound(fmt: ScoreFormat, score: int) -> int:
    """Most a stored `score` can move when shown in `fmt` and typed back in."""
    spec = FORMATS[fmt]
    return max(spec.rounding, spec.lowest - score)


def format_hint(fmt: ScoreFormat) -> str:
    """What a valid score looks like in `fmt`, for prompts and error messages."""
    return FORMATS[fmt].hint


def parse_format(text: str) -> ScoreFormat:
    try:
        return ScoreFormat(text.strip())
    except ValueError:
        choices = ", ".join(f.value for f in ScoreFormat)
        raise InvalidInput(f"unknown score format {quoted(text)}: choose {choices}") from None


def parse_score(text: str, fmt: ScoreFormat) -> int:
    """A score typed in `fmt`, as the stored 0-100 value; refuses anything else."""
    raw = text.strip() if isinstance(text, str) else str(text)
    spec = FORMATS[fmt]
    try:
        return spec.parse(raw, f"score (format {fmt.value})")
    except InvalidInput as error:
        raise InvalidInput(f"{error}; a score here is {spec.hint}") from None


def score_in_format(score: int, fmt: ScoreFormat) -> int | str:
    """The stored score as a value of `fmt` (an int, "7.5", or a smiley)."""
    check_range(score, what="stored score", low=0, high=100)
    return FORMATS[fmt].value(score)


def show_score(score: int | None, fmt: ScoreFormat) -> str:
    """The stored score as a user reads it in `fmt` ("-" when there is none)."""
    if score is None:
        return "-"
    spec = FORMATS[fmt]
    return spec.shown(spec.value(score))


def typed_score(score: int, fmt: ScoreFormat) -> str:
    """The stored score as the user would type it back in `fmt` (for editors)."""
    return str(score_in_format(score, fmt))


class Stance(StrEnum):
    """What to do about a show, best to worst."""

    MUST_WATCH = "must-watch"
    KEEP_WATCHING = "keep-watching"
    WAIT_AND_SEE = "wait-and-see"
    SKEPTICAL = "skeptical"
    DROP = "drop"


class Band(Struct, frozen=True):
    low: int
    high: int
    typical: int
    """The score a stance stands for when it is given without one."""


STANCE_BANDS: dict[Stance, Band] = {
    Stance.MUST_WATCH: Band(85, 100, 90),
    Stance.KEEP_WATCHING: Band(65, 84, 75),
    Stance.WAIT_AND_SEE: Band(45, 64, 55),
    Stance.SKEPTICAL: Band(25, 44, 35),
    Stance.DROP: Band(0, 24, 15),
}


def parse_stance(text: str) -> Stance:
    try:
        return Stance(text.strip().lower())
    except ValueError:
        choices = ", ".join(s.value for s in Stance)
        raise InvalidInput(f"unknown stance {quoted(text)}: choose {choices}") from None


def stance_for_score(score: int) -> Stance:
    """The stance whose band holds `score`."""
    check_range(score, what="score", low=0, high=100)
    for stance, band in STANCE_BANDS.items():
        if score >= band.low:
            return stance
    raise AssertionError("bands cover 0-100")


def score_for_stance(stance: Stance) -> int:
    return STANCE_BANDS[stance].typical


class Agreement(StrEnum):
    AGREE = "agree"
    DIFFER = "differ"
    DISAGREE = "disagree"


AGREE_WITHIN = 10
DIFFER_WITHIN = 25


def agreement(delta: int) -> Agreement:
    """How far apart two scores are, judged on the size of their difference."""
    size = abs(delta)
    if size <= AGREE_WITHIN:
        return Agreement.AGREE
    if size <= DIFFER_WITHIN:
        return Agreement.DIFFER
    return Agreement.DISAGREE
