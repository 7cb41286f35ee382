"""Stored moments read many at a time: a pass of episodes written by this version holds
moments in one form, `isoformat`'s without a fraction ("2024-01-13T21:10:00+00:00"),
which whole-list operations recognise without looking at each one in Python."""

from __future__ import annotations

from typing import Any

MOMENT_SHAPE = b"####-##-##T##:##:##+##:##"
"""A moment as `isoformat` writes one without a fraction and ahead of UTC (or at it),
each ASCII digit as #."""
_DIGITS = bytes.maketrans(b"0123456789", b"##########")
NUMBERS = [str(n) for n in range(1, 2001)]
"""Episode numbers as a pass usually holds them: keys in this order need no checking."""


def digit_keys(mapping: dict[str, Any]) -> bool:
    """Whether every key is a number in ASCII digits, as `int` reads it (true of none):
    joined, the keys are all digits exactly when each is, but for an empty key, looked
    up apart. One call for 100,000 keys, not 100,000; `str.isdigit` alone would take
    "²", which `int` refuses."""
    if not mapping:
        return True
    joined = "".join(mapping)
    return "" not in mapping and joined.isascii() and joined.isdigit()


def moment_shaped(values: list[Any]) -> bool:
    """Whether every value is text of `MOMENT_SHAPE` (a real moment only once parsed:
    2024-02-30 has the shape)."""
    if not values or set(map(type, values)) != {str} or set(map(len, values)) != {25}:
        return False
    try:
        shape = "".join(values).encode("ascii").translate(_DIGITS)
    except UnicodeEncodeError:
        return False
    return shape == MOMENT_SHAPE * len(values)


def one_moment_shaped(value: str) -> bool:
    return len(value) == len(MOMENT_SHAPE) and moment_shaped([value])
