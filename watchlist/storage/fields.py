"""Reading fields out of stored or imported documents; a wrong type names the field."""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date, datetime
from enum import Enum
from typing import Any, TypeVar

from watchlist.domain.dates import Logged, PartialDate
from watchlist.storage.errors import RecordError

E = TypeVar("E", bound=Enum)
SLUG = re.compile(r"[a-z0-9][a-z0-9-]{0,119}\Z")
"""What names a record: lower-case letters, digits and dashes."""
_DATE_OR_MONTH = re.compile(r"[0-9]{4}-(0[1-9]|1[0-2])(-[0-9]{2})?\Z")


class Fields:
    """Typed access to one document; every failure names `where` and the field."""

    __slots__ = ("doc", "where")

    def __init__(self, doc: Any, where: str) -> None:
        if not isinstance(doc, Mapping):
            raise RecordError(f"{where}: expected an object, found {type(doc).__name__}")
        self.doc = doc
        self.where = where

    def fail(self, key: str, expected: str) -> RecordError:
        value = self.doc.get(key)
        shown = repr(value)
        if len(shown) > 40:
            shown = shown[:39] + "…"
        return RecordError(f"{self.where}: '{key}' must be {expected}, found {shown}")

    def has(self, key: str) -> bool:
        return self.doc.get(key) is not None

    def text(self, key: str, *, optional: bool = False) -> Any:
        """Required text must be non-blank; optional text may be missing (None)."""
        value = self.doc.get(key)
        if value is None and optional:
            return None
        if not isinstance(value, str) or (not optional and not value.strip()):
            raise self.fail(key, "text")
        return value

    def integer(
        self, key: str, *, low: int | None = None, high: int | None = None, optional: bool = False
    ) -> Any:
        value = self.doc.get(key)
        if value is None and optional:
            return None
        # bool is an int subclass; a stored true is never a count.
        if not isinstance(value, int) or isinstance(value, bool):
            raise self.fail(key, "a whole number")
        if (low is not None and value < low) or (high is not None and value > high):
            span = f"{low if low is not None else ''}-{high if high is not None else ''}"
            raise self.fail(key, f"a whole number in {span}")
        return value

    def flag(self, key: str, *, default: bool | None = None) -> bool:
        value = self.doc.get(key, default)
        if not isinstance(value, bool):
            raise self.fail(key, "true or false")
        return value

    def day(self, key: str, *, optional: bool = True) -> date | None:
        value = self.doc.get(key)
        if value is None and optional:
            return None
        if not isinstance(value, str):
            raise self.fail(key, "a date like 2024-01-10")
        try:
            return date.fromisoformat(value)
        except ValueError:
            raise self.fail(key, "a date like 2024-01-10") from None

    def slug(self, key: str) -> str:
        value: str = self.text(key)
        if not SLUG.match(value):
            raise self.fail(key, "a slug of lower-case letters, digits and dashes")
        return value

    def date_or_month(self, key: str) -> str | None:
        """Optional text of a day or a month (2024-01-10, 2024-01), kept as written."""
        value: str | None = self.text(key, optional=True)
        if value is None:
            return None
        if not _DATE_OR_MONTH.match(value):
            raise self.fail(key, "a date like 2024-01-10 or a month like 2024-01")
        if len(value) == 10:
            self.day(key)  # also refuses days a month does not have
        return value

    def partial_day(self, key: str) -> PartialDate | None:
        """A date as precise as it was written: 2024-05-01, 2024-05 or 2024."""
        value = self.doc.get(key)
        if value is None:
            return None
        if isinstance(value, str):
            try:
                return PartialDate.parse(value)
            except ValueError:
                pass
        raise self.fail(key, "a date like 2024-05-01, 2024-05 or 2024")

    def moment(self, key: str, *, optional: bool = False) -> datetime | None:
        value = self.doc.get(key)
        if value is None and optional:
            return None
        return parse_moment(value, self, key)

    def choice(self, key: str, enum: type[E], *, optional: bool = False) -> Any:
        value = self.doc.get(key)
        if value is None and optional:
            return None
        try:
            return enum(value)
        except ValueError:
            choices = ", ".join(str(m.value) for m in enum)
            raise self.fail(key, f"one of {choices}") from None

    def texts(self, key: str) -> tuple[str, ...]:
        value = self.doc.get(key, [])
        if value is None:
            return ()
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise self.fail(key, "a list of texts")
        return tuple(value)

    def items(self, key: str) -> list[Any]:
        value = self.doc.get(key, [])
        if value is None:
            return []
        if not isinstance(value, list):
            raise self.fail(key, "a list")
        return value

    def mapping(self, key: str) -> Mapping[str, Any]:
        value = self.doc.get(key, {})
        if value is None:
            return {}
        if not isinstance(value, Mapping):
            raise self.fail(key, "an object")
        return value


def parse_moment(value: Any, fields: Fields, key: str) -> datetime:
    """A timezone-aware ISO 8601 moment."""
    if isinstance(value, str):
        try:
            moment = datetime.fromisoformat(value)
        except ValueError:
            moment = None
        if moment is not None and moment.tzinfo is not None:
            return moment
    raise fields.fail(key, "a moment like 2024-01-10T21:00:00+00:00")


def parse_logged(value: Any, fields: Fields, key: str) -> Logged:
    """When an episode was logged: a moment, a (partial) date, or null for undated."""
    if value is None:
        return None
    if isinstance(value, str) and "T" not in value:
        try:
            return PartialDate.parse(value)
        except ValueError:
            pass
    return parse_moment(value, fields, key)


def episode_key(raw: str, fields: Fields, key: str) -> int:
    """Episode numbers are object keys in JSON, so they arrive as text."""
    if not (isinstance(raw, str) and raw.isascii() and raw.isdigit()) or int(raw) < 1:
        raise fields.fail(key, "keyed by episode numbers")
    return int(raw)
