"""Strict parsing of numbers typed by users: ASCII digits only, ranges checked."""

from __future__ import annotations

import re

from watchlist.domain.errors import InvalidInput
from watchlist.domain.text import quoted

# An explicit [0-9] class: Python's \d and int() also accept full-width and
# other scripts' digits, which we refuse rather than reinterpret.
_WHOLE = re.compile(r"[0-9]{1,9}\Z")
_NEGATIVE = re.compile(r"-[0-9]{1,9}\Z")
_DECIMAL = re.compile(r"([0-9]{1,9})(?:\.([0-9]+))?\Z")


def half_up(numerator: int, denominator: int) -> int:
    """numerator / denominator rounded to the nearest whole, halves up (non-negative ints)."""
    return (2 * numerator + denominator) // (2 * denominator)


def parse_whole(text: str, *, what: str, low: int, high: int | None, of: str | None = None) -> int:
    """A whole number between `low` and `high` (inclusive; no upper bound if None);
    `of` names what it belongs to ("episode 14 of Metallic Rouge")."""
    raw = text.strip() if isinstance(text, str) else str(text)
    if not raw:
        raise InvalidInput(f"{what} is empty: give a whole number")
    if _NEGATIVE.match(raw):
        raise InvalidInput(f"{what} {raw}{_of(of)} is out of range: expected {_span(low, high)}")
    if not _WHOLE.match(raw):
        raise InvalidInput(
            f"{what} must be a whole number written with the digits 0-9, not {quoted(raw)}"
        )
    value = int(raw)
    check_range(value, what=what, low=low, high=high, of=of)
    return value


def _of(of: str | None) -> str:
    return f" of {of}" if of else ""


def _span(low: int, high: int | None) -> str:
    return f"{low}-{high}" if high is not None else f"{low} or more"


def parse_decimal(text: str, *, what: str, places: int) -> tuple[int, int]:
    """A non-negative decimal with at most `places` digits after the point.

    Returns (whole, tenths-or-finer as an integer scaled to `places`), so no
    float ever carries the value and 7.3 stays exactly 7.3.
    """
    raw = text.strip() if isinstance(text, str) else str(text)
    if not raw:
        raise InvalidInput(f"{what} is empty")
    match = _DECIMAL.match(raw)
    if not match:
        raise InvalidInput(f"{what} must be a number like 7 or 7.5, not {quoted(raw)}")
    whole, fraction = match.group(1), match.group(2) or ""
    if len(fraction) > places:
        raise InvalidInput(f"{what} {quoted(raw)} has too many decimals: at most {places} allowed")
    return int(whole), int(fraction.ljust(places, "0") or "0")


def check_range(
    value: int, *, what: str, low: int, high: int | None, of: str | None = None
) -> None:
    """Refuse `value` outside low..high, naming the range in the message."""
    if value < low or (high is not None and value > high):
        raise InvalidInput(f"{what} {value}{_of(of)} is out of range: expected {_span(low, high)}")
