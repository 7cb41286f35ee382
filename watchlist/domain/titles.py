"""Title normalisation for matching a show across lists and datasets, never across seasons
(a pure rule on text: imports, catalog records and the finder share it)."""

from __future__ import annotations

import re
from functools import lru_cache

from watchlist.domain.folding import prefold

_ORDINALS = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
    "tenth": 10,
}
_ORDINAL_WORD = re.compile(r"\b(" + "|".join(_ORDINALS) + r")\b")
_ROMAN = {"ii": 2, "iii": 3, "iv": 4, "v": 5, "vi": 6}
_PAREN_NON_LATIN = re.compile(r"\([^)]*[^\x00-\x7f][^)]*\)")
_LATIN_WORD = re.compile(r"[A-Za-z]{2}")
_PUNCT = re.compile(r"[\W_]+")
# "2nd season", "season 2", "s2", "second season" -> "season 2"; the same for part/cour.
_NUMBER = r"(\d+)(?:st|nd|rd|th)?"
_SEASON_AFTER = re.compile(rf"\bseason {_NUMBER}\b")
_SEASON_BEFORE = re.compile(rf"\b{_NUMBER} season\b")
_SEASON_SHORT = re.compile(r"\bs(\d+)\b")
_PART_AFTER = re.compile(rf"\b(?:part|cour) {_NUMBER}\b")
_PART_BEFORE = re.compile(rf"\b{_NUMBER} (?:part|cour)\b")
_ROMAN_END = re.compile(r"\b(ii|iii|iv|v|vi)$")
_REPEATED_MARKER = re.compile(r"\b((?:season|part) \d+)(?: \1\b)+")
_LONG_O = re.compile(r"ou|oo|oh(?=[^aeiou]|$)")
_PARTICLE_WO = re.compile(r"\bwo\b")


def _romaji(text: str) -> str:
    """Fold common romaji spellings of long vowels and particles together."""
    if "o" in text:
        text = _LONG_O.sub("o", text)
    text = text.replace("uu", "u").replace("ii", "i").replace("aa", "a").replace("ee", "e")
    return _PARTICLE_WO.sub("o", text) if "wo" in text else text


# A list import asks for the same titles' keys while matching and again while
# indexing what it added; the cache makes the second time free.
@lru_cache(maxsize=1 << 16)
def normalise_title(title: str) -> str:
    """A key that equal titles share: case, accents, punctuation, spacing, romaji
    spelling and the way a season or part is written all fold away, but the
    season or part number itself stays, so seasons never match each other. Titles in
    other scripts keep their letters, folded as the finder folds them (katakana as
    hiragana, no long-vowel mark); "" for a title with no letters at all."""
    # Each pattern below is tried only where the text holds the words it needs: a list
    # import normalises 100,000 titles, most of them plain.
    text = title
    unbracketed = _PAREN_NON_LATIN.sub(" ", title) if "(" in title else title
    if _LATIN_WORD.search(unbracketed):
        # "(メタリックルージュ)" after a romaji title says it again; in a Japanese title
        # a parenthesis holds the season ("キングダム(第5シリーズ)") and stays.
        text = unbracketed
    text = prefold(text)
    text = text.replace("&", " and ")
    if _ORDINAL_WORD.search(text):  # a search costs half what a sub finding nothing does
        text = _ORDINAL_WORD.sub(lambda m: str(_ORDINALS[m.group(1)]), text)
    # Whitespace is not a word character: each run of spacing and punctuation becomes
    # one space here, so no run of spaces is left.
    text = _PUNCT.sub(" ", text).strip()
    roman = _ROMAN_END.search(text)
    if roman:
        text = text[: roman.start()] + f"season {_ROMAN[roman.group(1)]}"
    if "season" in text:
        text = _SEASON_AFTER.sub(lambda m: f"season {int(m.group(1))}", text)
        text = _SEASON_BEFORE.sub(lambda m: f"season {int(m.group(1))}", text)
    if _SEASON_SHORT.search(text):
        text = _SEASON_SHORT.sub(lambda m: f"season {int(m.group(1))}", text)
    if "part" in text or "cour" in text:
        text = _PART_AFTER.sub(lambda m: f"part {int(m.group(1))}", text)
        text = _PART_BEFORE.sub(lambda m: f"part {int(m.group(1))}", text)
    if "season" in text or "part" in text:
        text = _REPEATED_MARKER.sub(r"\1", text)  # "Part 2 / second cour" says it twice
    # Vowel folding runs on words only, after numbers have become canonical; then
    # spacing goes too, so "da to" matches "dato" and "de wa" matches "dewa".
    return _romaji(text).replace(" ", "")  # the only spacing left is single spaces
