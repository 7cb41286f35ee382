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

from dataclasses import dataclass
from enum import StrEnum

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


def rounding_bound(fmt: ScoreFormat, score: int) -> int:
    """Most a stored `score` can move when shown in `fmt` and typed back in."""
    lowest = {
        ScoreFormat.POINT_10: 10,
        ScoreFormat.POINT_10_DECIMAL: 10,
        ScoreFormat.POINT_100: 1,
        ScoreFormat.STARS_5: 20,
        ScoreFormat.SMILEY_3: 30,
    }[fmt]
    step = {ScoreFormat.POINT_10: 5, ScoreFormat.STARS_5: 10, ScoreFormat.SMILEY_3: 30}
    return max(step.get(fmt, 0), lowest - score)


_SMILEYS = (":(", ":|", ":)")
_SMILEY_STORED = (30, 60, 90)
_FORMAT_HINTS: dict[ScoreFormat, str] = {
    ScoreFormat.POINT_10: "a whole number from 1 to 10",
    ScoreFormat.POINT_10_DECIMAL: "a number from 1.0 to 10.0 with at most one decimal",
    ScoreFormat.POINT_100: "a whole number from 1 to 100",
    ScoreFormat.STARS_5: "a number of stars from 1 to 5",
    ScoreFormat.SMILEY_3: "1, 2 or 3 (or :( :| :) )",
}


def format_hint(fmt: ScoreFormat) -> str:
    """What a valid score looks like in `fmt`, for prompts and error messages."""
    return _FORMAT_HINTS[fmt]


def parse_format(text: str) -> ScoreFormat:
    try:
        return ScoreFormat(text.strip())
    except ValueError:
        choices = ", ".join(f.value for f in ScoreFormat)
        raise InvalidInput(f"unknown score format {quoted(text)}: choose {choices}") from None


def parse_score(text: str, fmt: ScoreFormat) -> int:
    """A score typed in `fmt`, as the stored 0-100 value; refuses anything else."""
    what = f"score (format {fmt.value})"
    raw = text.strip() if isinstance(text, str) else str(text)
    try:
        if fmt is ScoreFormat.POINT_10:
            return parse_whole(raw, what=what, low=1, high=10) * 10
        if fmt is ScoreFormat.POINT_100:
            return parse_whole(raw, what=what, low=1, high=100)
        if fmt is ScoreFormat.STARS_5:
            return parse_whole(raw, what=what, low=1, high=5) * 20
        if fmt is ScoreFormat.SMILEY_3:
            if raw in _SMILEYS:
                return _SMILEY_STORED[_SMILEYS.index(raw)]
            return _SMILEY_STORED[parse_whole(raw, what=what, low=1, high=3) - 1]
        whole, tenth = parse_decimal(raw, what=what, places=1)
        value = whole * 10 + tenth
        if not 10 <= value <= 100:
            raise InvalidInput(f"{what} {raw} is out of range: expected 1.0-10.0")
        return value
    except InvalidInput as error:
        raise InvalidInput(f"{error}; a score here is {format_hint(fmt)}") from None


def score_in_format(score: int, fmt: ScoreFormat) -> int | str:
    """The stored score as a value of `fmt` (an int, "7.5", or a smiley)."""
    check_range(score, what="stored score", low=0, high=100)
    if fmt is ScoreFormat.POINT_100:
        return max(1, score)
    if fmt is ScoreFormat.POINT_10:
        return max(1, half_up(score, 10))
    if fmt is ScoreFormat.STARS_5:
        return max(1, half_up(score, 20))
    if fmt is ScoreFormat.SMILEY_3:
        return _SMILEYS[0 if score <= 44 else 1 if score <= 74 else 2]
    score = max(10, score)
    return f"{score // 10}.{score % 10}"


def show_score(score: int | None, fmt: ScoreFormat) -> str:
    """The stored score as a user reads it in `fmt` ("-" when there is none)."""
    if score is None:
        return "-"
    value = score_in_format(score, fmt)
    if fmt is ScoreFormat.STARS_5:
        assert isinstance(value, int)
        return "★" * value + "☆" * (5 - value)
    return str(value)


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


@dataclass(frozen=True, slots=True)
class Band:
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
