"""How typed text and titles are compared when finding a show: one fold for the CLI's
SHOW argument, the TUI's filter and the command palette, so all three find the same."""

from __future__ import annotations

import re
import unicodedata
from functools import cache

LONG_VOWEL = "\u30fc"
"""ー, the katakana long-vowel mark (its half-width form ｰ becomes this under NFKC)."""


def _table() -> dict[int, str | None]:
    table: dict[int, str | None] = {}
    # Katakana ァ..ヶ are hiragana ぁ..ゖ shifted by 0x60: メタリック finds めたりっく.
    for code in range(0x30A1, 0x30F7):
        table[code] = chr(code - 0x60)
    # The long-vowel mark is optional: ルージュ and ルジュ read alike.
    table[ord(LONG_VOWEL)] = None
    table[0xFF70] = None
    # Accented Latin letters fold to their base letter (Pokémon, pokemon). Only Latin:
    # decomposing kana would fold ガ into か, which are different sounds.
    for code in range(0xC0, 0x250):
        bare = "".join(
            c for c in unicodedata.normalize("NFKD", chr(code)) if not unicodedata.combining(c)
        )
        if bare != chr(code) and bare.isascii() and bare.isalpha():
            table[code] = bare
    return table


@cache
def _folding() -> tuple[dict[int, str | None], re.Pattern[str]]:
    """The table, and runs of the blocks it changes characters of: a long text that is
    nearly all ASCII is translated where it needs it, not per char. Made on first use,
    not at every start, since ASCII text never needs them. (A class of the table's own
    characters took a millisecond or two to compile; in these ranges, a character the
    table does not hold is translated to itself.)"""
    return _table(), re.compile("[\u00c0-\u024f\u30a1-\u30f6\u30fc\uff70]+")


_NOT_WORD = re.compile(r"[\W_]+")


def prefold(text: str) -> str:
    """Width, case and script folded, punctuation kept: NFKC (full-width ＡＢＣ and
    half-width ｶﾅ become ordinary), casefold, katakana as hiragana, no long-vowel mark,
    accents off Latin letters. Whole words of `fold(query)` are found in it as they are."""
    if text.isascii():
        return text.lower()  # NFKC and the table change no ASCII letter; casefold is lower
    table, foldable = _folding()
    folded = unicodedata.normalize("NFKC", text).casefold()
    return foldable.sub(lambda run: run.group().translate(table), folded)


def fold(text: str) -> str:
    """Letters and digits of any script, folded (see `prefold`), words separated by one
    space: "Frieren: Beyond" and "frieren beyond" fold alike, as do メタリックルージュ and
    めたりっくるじゅ."""
    return _NOT_WORD.sub(" ", prefold(text)).strip()
