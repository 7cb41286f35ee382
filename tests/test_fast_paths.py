"""The shortcuts a large import takes through text cleaning, title keys and slugs give exactly
what the full way gives (kept here, as it was, as the reference)."""

from __future__ import annotations

import re
import unicodedata

import orjson
from hypothesis import given, settings
from hypothesis import strategies as st

from watchlist.domain import text as text_module
from watchlist.domain import titles as t
from watchlist.domain.errors import InvalidInput
from watchlist.domain.folding import prefold
from watchlist.domain.text import clean_text, slugify
from watchlist.domain.titles import normalise_title


def reference_clean_text(
    text: str, *, field: str, limit: int = text_module.MAX_LINE_CHARS, multiline: bool = False
) -> str:
    if len(text) > limit:
        raise InvalidInput(f"{field} is too long: {len(text):,} characters, the limit is {limit:,}")
    text = text_module._INVISIBLE.sub("", text)
    if multiline:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        cleaned = text_module._UNSAFE.sub("", text)
    else:
        cleaned = " ".join(text_module._UNSAFE_OR_BREAK.sub(" ", text).split())
    return cleaned.strip()


_SPACES = re.compile(r"\s+")


def reference_normalise_title(title: str) -> str:
    text = title
    if t._LATIN_WORD.search(t._PAREN_NON_LATIN.sub(" ", title)):
        text = t._PAREN_NON_LATIN.sub(" ", title)
    text = prefold(text)
    text = text.replace("&", " and ")
    text = t._ORDINAL_WORD.sub(lambda m: str(t._ORDINALS[m.group(1)]), text)
    text = _SPACES.sub(" ", t._PUNCT.sub(" ", text)).strip()
    roman = t._ROMAN_END.search(text)
    if roman:
        text = text[: roman.start()] + f"season {t._ROMAN[roman.group(1)]}"
    text = t._SEASON_AFTER.sub(lambda m: f"season {int(m.group(1))}", text)
    text = t._SEASON_BEFORE.sub(lambda m: f"season {int(m.group(1))}", text)
    text = t._SEASON_SHORT.sub(lambda m: f"season {int(m.group(1))}", text)
    text = t._PART_AFTER.sub(lambda m: f"part {int(m.group(1))}", text)
    text = t._PART_BEFORE.sub(lambda m: f"part {int(m.group(1))}", text)
    text = t._REPEATED_MARKER.sub(r"\1", text)
    text = t._LONG_O.sub("o", text)
    text = text.replace("uu", "u").replace("ii", "i").replace("aa", "a").replace("ee", "e")
    return _SPACES.sub("", t._PARTICLE_WO.sub("o", text))


TOKENS = [
    "Season", "season", "SEASON", "2nd", "second", "s2", "S3", "part", "Part", "cour", "2",
    "10", "II", "iii", "vi", "wo", "Wo", "ou", "oh", "oo", "uu", "Ōji", "&", "(", ")",
    "(メタリックルージュ)", "キングダム", "第5シリーズ", "ー", "Frie\u200bren", "-", ":", "!",
    "the", "Re:Zero", "kara", "hajimeru",
]  # fmt: skip


@settings(max_examples=1500)
@given(
    st.lists(st.sampled_from(TOKENS), max_size=7),
    st.lists(st.sampled_from([" ", "", "  ", "_", "\t", "\u3000 "])),
)
def test_title_keys_are_what_the_full_way_gives(words: list[str], gaps: list[str]) -> None:
    title = "".join(w + (gaps[n % len(gaps)] if gaps else " ") for n, w in enumerate(words))
    assert normalise_title.__wrapped__(title) == reference_normalise_title(title)


@settings(max_examples=1500)
@given(
    st.text(max_size=30)
    | st.text(" ab-", max_size=12)
    | st.text("ab \t\r\n\x1b\x7f\u200b\u200d\u0085é", max_size=12),
    st.booleans(),
)
def test_cleaning_is_what_the_full_way_gives(raw: str, multiline: bool) -> None:
    assert clean_text(raw, field="f", multiline=multiline) == reference_clean_text(
        raw, field="f", multiline=multiline
    )


def texts(size: int, odd: str) -> st.SearchStrategy[str]:
    """Any text, ASCII text (the shortcuts' usual case), and text of `odd` characters."""
    return (
        st.text(max_size=size)
        | st.text(st.characters(max_codepoint=0x7F), max_size=size)
        | st.text(odd, max_size=size // 2)
    )


@settings(max_examples=1500)
@given(texts(40, 'ab"\\{}:,\x7f\x80\x9f\u202e\u2028\u200e é'))
def test_json_text_is_made_safe_as_the_full_way_does(raw: str) -> None:
    full = text_module._JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", raw)
    assert text_module.json_safe(raw) == full


@settings(max_examples=1500)
@given(
    st.text(max_size=40)
    | st.text(
        'ab"\\{}:,\x7f\x80\x9f\xa0\u061b\u061c\u200d\u200e\u2027\u2028\u202f'
        "\u202a\u202e\u2066\u2067\u2069\u206a\u0085 é…日",
        max_size=20,
    )
)
def test_json_bytes_are_made_safe_as_the_text_is(raw: str) -> None:
    """The bytes check skips decoding only when the text way would change nothing."""
    data = orjson.dumps(raw)
    assert text_module.json_safe_bytes(data) == text_module.json_safe(data.decode()).encode()


def reference_slugify(title: str) -> str:
    text = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")[:80]


@settings(max_examples=1500)
@given(texts(100, "Ab 9-:!é\u00bdﬁＡ①\x00"))
def test_slugs_are_what_the_full_way_gives(title: str) -> None:
    assert slugify(title) == reference_slugify(title)
