"""The MAL XML reader as it was before it moved to the C parser (`xml_stream`), kept as
the reference the new one is held to: defusedxml's own parser, an event per element.
Only the reading of the file is the old one; what a record is (`mal_records`) and what
a fault says (`xml_fault`) are shared."""

from __future__ import annotations

from collections.abc import Iterator
from typing import BinaryIO
from xml.etree.ElementTree import Element, ParseError

import defusedxml.ElementTree as SafeET
from defusedxml import DefusedXmlException

from watchlist.domain.errors import InvalidInput
from watchlist.interop.mal_xml import MalRecord, mal_records
from watchlist.interop.xml_stream import xml_fault


def read_mal(source: BinaryIO, name: str) -> Iterator[MalRecord]:
    """The `<anime>` elements of a MAL XML list, one at a time, in bounded memory."""
    return mal_records(_children(source, name), name)


def _children(source: BinaryIO, name: str) -> Iterator[Element]:
    """The root's children, each as it ends, through defusedxml's parser (a DTD or an
    entity refuses the file); each is let go once the next is asked for."""
    events = SafeET.iterparse(
        source, events=("start", "end"), forbid_dtd=True, forbid_entities=True
    )
    depth = 0
    root: Element | None = None
    try:
        for event, element in events:
            if event == "start":
                depth += 1
                if depth == 1:
                    root = element
                    if element.tag != "myanimelist":
                        raise InvalidInput(
                            f"{name}: the root element is <{element.tag[:40]}>, not <myanimelist>"
                        )
                continue
            depth -= 1
            if depth != 1:
                continue
            yield element
            assert root is not None
            root.clear()  # what was read is let go: memory stays flat however long the list
    except (ParseError, DefusedXmlException) as error:
        raise xml_fault(error, name) from None
