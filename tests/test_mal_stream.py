"""The MAL XML reader on the C parser (`xml_stream`) reads every file exactly as the
defusedxml-only reader before it did (`mal_reference`): the same records, or the same
one-line refusal, on hand-made lists, broken ones and hostile ones, at any chunk size."""

from __future__ import annotations

import io
from xml.etree.ElementTree import Element, XMLPullParser

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests import mal_reference
from watchlist.domain.errors import InvalidInput
from watchlist.interop import mal_xml, xml_stream

FIELDS = [
    "series_animedb_id",
    "series_title",
    "series_type",
    "series_episodes",
    "my_watched_episodes",
    "my_start_date",
    "my_finish_date",
    "my_score",
    "my_status",
    "my_comments",
    "my_times_watched",
    "my_rewatching",
    "my_rewatching_ep",
    "my_tags",
    "update_on_import",
]
TEXT = st.text(
    st.characters(codec="utf-8", exclude_characters="\x00"),
    max_size=12,
)


def _escaped(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


@st.composite
def values(draw: st.DrawFn) -> str:
    kind = draw(st.sampled_from(["text", "cdata", "number", "empty", "nested", "entity"]))
    if kind == "cdata":
        return "<![CDATA[" + draw(TEXT).replace("]]>", "") + "]]>"
    if kind == "number":
        return str(draw(st.integers(-5, 3_000_000)))
    if kind == "empty":
        return ""
    if kind == "nested":
        return "<b>" + _escaped(draw(TEXT)) + "</b>tail"
    if kind == "entity":
        return draw(st.sampled_from(["&amp;x", "&#65;&#x42;", "&lt;&gt;", "&quot;&apos;"]))
    return "  " + _escaped(draw(TEXT)) + "\n "


@st.composite
def children(draw: st.DrawFn) -> str:
    kind = draw(st.sampled_from(["anime"] * 6 + ["manga", "myinfo", "comment", "pi"]))
    if kind == "comment":
        return "<!-- a comment -->"
    if kind == "pi":
        return "<?taiga note?>"
    names = draw(st.lists(st.sampled_from([*FIELDS, "anime", "other"]), max_size=8))
    body = "".join(f"<{n}>{draw(values())}</{n}>" for n in names)
    if draw(st.booleans()):
        body += "<anime><series_title>nested</series_title></anime>"  # not a list entry
    return f"<{kind}>{body}</{kind}>\n"


@st.composite
def documents(draw: st.DrawFn) -> bytes:
    head = draw(
        st.sampled_from(
            [
                '<?xml version="1.0" encoding="UTF-8" ?>\n',
                "",
                "\ufeff",
                "<!-- exported -->\n",
                '<?xml version="1.0"?><!DOCTYPE myanimelist>',
                '<?xml version="1.0"?><!DOCTYPE m [<!ENTITY x "boom">]>',
                '<!DOCTYPE m SYSTEM "file:///etc/passwd">',
            ]
        )
    )
    root = draw(st.sampled_from(["myanimelist"] * 5 + ["html", "ns:myanimelist"]))
    body = "".join(draw(st.lists(children(), max_size=8)))
    if draw(st.booleans()):
        body += "<anime><series_title>&x;</series_title></anime>"  # an undeclared entity
    data = f"{head}<{root}>\n{body}</{root}>\n".encode()
    damage = draw(st.sampled_from(["none"] * 4 + ["cut", "junk", "trailing"]))
    if damage == "cut":
        data = data[: draw(st.integers(0, len(data)))]
    elif damage == "junk":
        at = draw(st.integers(0, len(data)))
        data = (
            data[:at] + draw(st.sampled_from([b"<", b"&", b"\x01", b"</x>", b"\xff"])) + data[at:]
        )
    elif damage == "trailing":
        data += b"<more/>"
    return data


def _outcome(reader: object, data: bytes) -> object:
    try:
        return [(r.position, r.fields) for r in reader(io.BytesIO(data), "list.xml")]  # type: ignore[operator]
    except InvalidInput as error:
        return str(error)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents(), st.integers(1, 300))
def test_the_stream_reads_every_file_as_the_reference_did(data: bytes, chunk: int) -> None:
    expected = _outcome(mal_reference.read_mal, data)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(xml_stream, "CHUNK", chunk)
        assert _outcome(mal_xml.read_mal, data) == expected


def test_a_long_list_streams_in_order_across_chunks() -> None:
    entries = "".join(
        f"<anime><series_animedb_id>{n}</series_animedb_id>"
        f"<series_title><![CDATA[Show {n}]]></series_title></anime>"
        for n in range(1, 3001)
    )
    data = f"<myanimelist><myinfo/>{entries}</myanimelist>".encode()
    records = list(mal_xml.read_mal(io.BytesIO(data), "big.xml"))
    assert records == list(mal_reference.read_mal(io.BytesIO(data), "big.xml"))
    assert [r.fields["series_title"] for r in records[:2]] == ["Show 1", "Show 2"]
    assert len(records) == 3000


@pytest.mark.parametrize("chunk", [1, 7, 64 * 1024])
def test_a_declaration_is_refused_before_the_c_parser_sees_it(
    chunk: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    bomb = (
        b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>'
        b"<myanimelist><anime><series_title>&lol2;</series_title></anime></myanimelist>"
    )
    fed: list[bytes] = []
    real = XMLPullParser.feed

    def feed(self: XMLPullParser[Element], data: bytes) -> None:
        fed.append(data)
        real(self, data)

    monkeypatch.setattr(xml_stream, "CHUNK", chunk)
    monkeypatch.setattr(XMLPullParser, "feed", feed)
    with pytest.raises(InvalidInput, match="DTDForbidden"):
        list(mal_xml.read_mal(io.BytesIO(bomb), "bomb.xml"))
    # The guard stops at the DTD's start: no declaration in it reaches the C parser.
    assert b"<!ENTITY" not in b"".join(fed)
