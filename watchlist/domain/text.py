"""Text hygiene: what may be stored, and how stored text is made safe to print."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Container
from functools import cache
from typing import Any, overload

from watchlist.domain.errors import InvalidInput

MAX_NOTE_CHARS = 10_000
"""Longest verdict or episode note we keep; past this a note is refused, not cut."""

MAX_LINE_CHARS = 500
"""Longest single-line field (titles, outlets, names, one highlight)."""

MAX_PARAGRAPH_CHARS = 5_000
"""Longest paragraph field (synopsis, critic summary)."""

# C0 controls except tab and newline, DEL, C1 controls, and the bidirectional
# marks, overrides and isolates that can make text display in a misleading order.
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_UNSAFE_OR_BREAK = re.compile(
    "[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]"
)
# Characters that show nothing and only hide a difference ("Frieren" and "Frie\u200bren"
# look the same): zero-width space and non-joiner, word joiner, a byte-order mark
# inside text. The zero-width joiner goes too, except between two emoji, where it
# joins them into one (👩\u200d💻).
_INVISIBLE = re.compile(
    "[\u200b\u200c\u2060\ufeff]|(?<![\U0001f000-\U0001faff\u2600-\u27bf\ufe0f])\u200d|\u200d(?![\U0001f000-\U0001faff\u2600-\u27bf])"
)
# In JSON: what orjson leaves as it is but a terminal would act on (C1 controls, DEL,
# bidi marks and overrides, line and paragraph separators).
_JSON_UNSAFE = re.compile("[\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]")


def _picture(match: re.Match[str]) -> str:
    char = match.group()
    code = ord(char)
    if code < 0x20:
        return chr(0x2400 + code)  # the Unicode "control picture" for that byte
    if code == 0x7F:
        return "\u2421"
    return "\ufffd"


# What no exported file carries: C0 controls but tab and newline, DEL, C1 controls,
# the bidi overrides and isolates, and what XML 1.0 forbids outright (U+FFFE, U+FFFF
# and lone surrogates).
_NOT_EXPORTED = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
    "\ud800-\udfff\ufffe\uffff]"
)


def exportable(text: str) -> tuple[str, int]:
    """`text` without what an exported file must not carry, and how many were dropped."""
    if text.isprintable():  # all it drops is unprintable, as are "\r" and "\n" (a test holds it)
        return text, 0
    cleaned, dropped = _NOT_EXPORTED.subn("", text.replace("\r\n", "\n").replace("\r", "\n"))
    return cleaned, dropped


def json_safe(text: str) -> str:
    """JSON text with every character a terminal would act on written as a \\u escape
    (the same string to any JSON reader; orjson already escapes the C0 controls)."""
    if text.isascii() and "\x7f" not in text:
        return text  # DEL is the only ASCII character it escapes (a test holds it)
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


_ASCII_BYTES = bytes(range(0x80))


@cache
def _json_unsafe_utf8() -> re.Pattern[bytes]:
    """What `_JSON_UNSAFE` matches past ASCII, in UTF-8: C1 controls (C2 80-9F), the Arabic
    letter mark (D8 9C), LRM and RLM (E2 80 8E-8F), the line and paragraph separators,
    embeddings and overrides (E2 80 A8-AE), the isolates (E2 81 A6-A9). Compiled on first
    use, not at every start (a third of a millisecond), since ASCII output never needs it."""
    return re.compile(rb"\xc2[\x80-\x9f]|\xd8\x9c|\xe2\x80[\x8e\x8f\xa8-\xae]|\xe2\x81[\xa6-\xa9]")


def json_safe_bytes(raw: bytes) -> bytes:
    """`json_safe` for UTF-8 JSON as orjson writes it, without decoding it when it holds
    nothing to escape: a 12 MB listing is checked in about 7 ms, not 60."""
    # Deleting the ASCII bytes leaves each other character's bytes together, lead byte
    # first, so a search of what is left finds exactly the characters escaped.
    if b"\x7f" not in raw and (
        raw.isascii() or not _json_unsafe_utf8().search(raw.translate(None, _ASCII_BYTES))
    ):
        return raw
    return json_safe(raw.decode()).encode()


def printable(text: str) -> str:
    """Text as it may reach a terminal: control characters become visible symbols.

    Stored text is already clean, but data can arrive from files edited by hand,
    so every screen and every CLI line passes through this.
    """
    return _UNSAFE.sub(_picture, text)


def printable_line(text: str) -> str:
    """Like `printable`, and line breaks become visible too (for table cells)."""
    return _UNSAFE_OR_BREAK.sub(lambda m: " " if m.group() in "\n\t" else _picture(m), text)


def clean_text(
    text: str, *, field: str, limit: int = MAX_LINE_CHARS, multiline: bool = False
) -> str:
    """Normalise user text before it is stored, or refuse it.

    Control characters are removed (an escape sequence loses its ESC and shows
    as plain text); surrounding whitespace is trimmed. Text past `limit` is
    refused rather than cut, so nothing the user wrote is silently lost.
    """
    if not isinstance(text, str):
        raise InvalidInput(f"{field} must be text")
    if len(text) > limit:
        raise InvalidInput(f"{field} is too long: {len(text):,} characters, the limit is {limit:,}")
    if text.isascii() and text.isprintable():
        # Nothing below would change it but the spacing: every character it removes is
        # a control character or not ASCII (most of what an import of a list reads).
        return (text if multiline else " ".join(text.split())).strip()
    text = _INVISIBLE.sub("", text)
    if multiline:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        cleaned = _UNSAFE.sub("", text)
    else:
        cleaned = " ".join(_UNSAFE_OR_BREAK.sub(" ", text).split())
    return cleaned.strip()


@overload
def scrub(value: str) -> str: ...
@overload
def scrub(value: list[Any]) -> list[Any]: ...
@overload
def scrub(value: dict[Any, Any]) -> dict[Any, Any]: ...
@overload
def scrub(value: object) -> object: ...


def scrub(value: object) -> object:
    """Every string inside imported data, with control characters removed.

    Files from elsewhere (backups, MAL lists, seeds, critic pieces) may carry
    escape sequences or bidi overrides; they are dropped before anything is
    stored, exactly as for text typed in the app.
    """
    if isinstance(value, str):
        return _UNSAFE.sub("", _INVISIBLE.sub("", value))
    if isinstance(value, list):
        return [scrub(item) for item in value]
    if isinstance(value, dict):
        return {scrub(key): scrub(item) for key, item in value.items()}
    return value


def plural(count: int, word: str) -> str:
    """ "1 episode", "2 episodes": the count and the word, agreeing."""
    return f"{count:,} {word}" + ("" if count == 1 else "s")


def episodes_phrase(numbers: list[int]) -> str:
    """ "episode 3", "episodes 1-4", "episodes 2, 5": a set of episodes as people say it."""
    numbers = sorted(numbers)
    if len(numbers) == 1:
        return f"episode {numbers[0]}"
    if numbers and numbers == list(range(numbers[0], numbers[-1] + 1)):
        return f"episodes {numbers[0]}-{numbers[-1]}"
    return "episodes " + ", ".join(str(n) for n in numbers)


def quoted(text: str, limit: int = 40) -> str:
    """A short, safe rendering of user input for use inside an error message."""
    shown = printable_line(text)
    if len(shown) > limit:
        shown = shown[: limit - 1] + "…"
    return f"'{shown}'"


_NOT_SLUG = re.compile(r"[^a-z0-9]+")


def slugify(title: str) -> str:
    """A title as an ASCII slug ("Metallic Rouge" -> "metallic-rouge"), at most 80 chars."""
    if title.isascii():  # decomposing changes no ASCII character (a test holds it)
        text = title.lower()
    else:
        text = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode().lower()
    return _NOT_SLUG.sub("-", text).strip("-")[:80]


def free_slug(base: str, taken: Container[str], *alternatives: str) -> str:
    """The first of `base` and `alternatives` not `taken`, else the first free of `base`-2,
    `base`-3 and on: how every new show and critic piece gets its slug."""
    for candidate in (base, *alternatives):
        if candidate not in taken:
            return candidate
    number = 2
    while f"{base}-{number}" in taken:
        number += 1
    return f"{base}-{number}"
