"""Numbers typed by users: ASCII digits within range, everything else refused."""

import pytest

from watchlist.domain.errors import InvalidInput
from watchlist.domain.numbers import parse_decimal, parse_whole


@pytest.mark.parametrize("text", ["3", " 3 ", "13", "1"])
def test_whole_numbers_in_range_are_read(text: str) -> None:
    assert parse_whole(text, what="episode", low=1, high=13) == int(text)


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ("0", "out of range"),
        ("14", "out of range"),
        ("-1", "-1 is out of range"),
        ("+1", "digits 0-9"),
        ("abc", "digits 0-9"),
        ("", "empty"),
        ("   ", "empty"),
        ("1.0", "digits 0-9"),
        ("1e3", "digits 0-9"),
        ("1_000", "digits 0-9"),
        ("NaN", "digits 0-9"),
        ("inf", "digits 0-9"),
        ("３", "digits 0-9"),  # full-width three
        ("٣", "digits 0-9"),  # Arabic-Indic three
        ("१", "digits 0-9"),  # Devanagari one
        ("1\x1b[31m", "digits 0-9"),
        ("9" * 40, "digits 0-9"),
    ],
)
def test_anything_else_is_refused_with_a_reason(text: str, phrase: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        parse_whole(text, what="episode", low=1, high=13)
    message = str(caught.value)
    assert phrase in message
    assert "\x1b" not in message and "\n" not in message


def test_decimals_keep_exact_tenths() -> None:
    assert parse_decimal("7.3", what="score", places=1) == (7, 3)
    assert parse_decimal("7", what="score", places=1) == (7, 0)
    with pytest.raises(InvalidInput, match="too many decimals"):
        parse_decimal("7.25", what="score", places=1)
    with pytest.raises(InvalidInput):
        parse_decimal("７.5", what="score", places=1)
