"""Romaji readings of titles written only in Japanese, so `neko no kuni` finds ねこの国. Made
with pykakasi when it is installed (the `readings` extra), and only while a catalog is
imported: its dictionary takes half a second to load, which start-up never pays.

Measured on the shipped catalog's 34 native titles against their hand-checked romaji,
the reading holds the romaji's first two words for 19 (the misses are mostly loanwords,
where a romaji query is spelled in English anyway, and a few kanji read the other way);
in bangumi-data 0.3.208, 344 of the 759 series from 2024 on have a native title only."""

from __future__ import annotations

import re
from functools import cache
from typing import Any

_JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")
_HIRAGANA = re.compile(r"[\u3040-\u309f]")
_PARTICLES = {"の": "no", "が": "ga", "に": "ni", "と": "to", "で": "de"}
"""Particles pykakasi leaves joined to the kana before them (ねこの国: "nekono kuni"); a
romaji title writes them apart ("neko no kuni")."""


@cache
def _converter() -> Any:
    try:
        import pykakasi  # deferred: a large dictionary, loaded only to import a catalog
    except ImportError:
        return None
    return pykakasi.kakasi()  # type: ignore[no-untyped-call]  # pykakasi has no annotations


def reading(title: str) -> str | None:
    """The Hepburn romaji of a Japanese title ("neko no kuni"), or None when the title
    has no Japanese in it or pykakasi is not installed."""
    if not _JAPANESE.search(title):
        return None
    converter = _converter()
    if converter is None:
        return None
    items = converter.convert(title)
    words = []
    for n, item in enumerate(items):
        said, written = item["hepburn"].strip(), item["orig"]
        following = items[n + 1]["orig"][:1] if n + 1 < len(items) else ""
        particle = _PARTICLES.get(written[-1:]) if len(written) > 1 else None
        # Only a particle before a word in kanji or katakana: elsewhere the kana may
        # be part of the word (ひとりごと ends in と).
        if particle and following and not _HIRAGANA.match(following) and said.endswith(particle):
            said = f"{said[: -len(particle)]} {particle}"
        words.append(said)
    text = re.sub(r"\s+", " ", " ".join(w for w in words if w)).strip()
    return text or None
