"""The MAL XML reader as it was before it moved to the C parser (`xml_stream`), kept
unchanged as the reference the new one is held to: defusedxml's own parser, an event
per element."""

from __future__ import annotations

from collections.abc import Iterator
from typing import BinaryIO
from xml.etree.ElementTree import Element, ParseError

import defusedxml.ElementTree as SafeET
from defusedxml import DefusedXmlException

from watchlist.domain.errors import InvalidInput
from watchlist.interop.mal_xml import MAX_ENTRIES, MalRecord


def read_mal(source: BinaryIO, name: str) -> Iterator[MalRecord]:
    """The `<anime>` elements of a MAL XML list, one at a time, in bounded memory.

    Parsing goes through defusedxml: a DTD or an entity refuses the file. Any
    structural fault is InvalidInput naming the place in `name`; what the values
    mean is the importer's business.
    """
    events = SafeET.iterparse(
        source, events=("start", "end"), forbid_dtd=True, forbid_entities=True
    )
    depth = 0
    root: Element | None = None
    position = 0
    manga = False
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
            if element.tag == "anime":
                position += 1
                if position > MAX_ENTRIES:
                    raise InvalidInput(
                        f"{name}: more than {MAX_ENTRIES:,} entries; no list is that long"
                    )
                fields = {child.tag: (child.text or "").strip() for child in element}
                yield MalRecord(position, fields)
            elif element.tag == "manga":
                manga = True
            assert root is not None
            root.clear()  # what was read is let go: memory stays flat however long the list
    except ParseError as error:
        line, column = error.position
        reason = str(error).split(":")[0]
        raise InvalidInput(
            f"{name}: line {line}, column {column + 1}: not valid XML ({reason})"
        ) from None
    except DefusedXmlException as error:
        raise InvalidInput(
            f"{name}: refused: the file declares a DTD or entities ({type(error).__name__}); "
            "a MyAnimeList export never does"
        ) from None
    if manga and not position:
        raise InvalidInput(f"{name}: this is a manga list; watchlist imports anime lists")
