"""The children of an XML file's root element, one at a time, in bounded memory, with
defusedxml's refusal of DTDs and entities.

defusedxml's own parser runs expat's callbacks in Python, a call per element (most of
the time of reading a 100,000-entry list). A DTD, and with it every entity and external
reference, can only be declared before the root element starts, so defusedxml's parser
reads just that much (the prolog) and refuses any declaration there; the rest is parsed
by the standard library's C parser, where an entity reference can then only fail as
undefined. Both parsers are fed the same bytes, the guard first, so the C parser never
sees a declaration the guard has not refused.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterator
from typing import Any, BinaryIO
from xml.etree.ElementTree import Element, ParseError, XMLPullParser

import defusedxml.ElementTree as SafeET
from defusedxml import DefusedXmlException

from watchlist.domain.errors import InvalidInput

CHUNK = 64 * 1024


class _RootStarted(Exception):
    """The guard reached the root element: the prolog held no declaration."""

    def __init__(self, tag: str) -> None:
        super().__init__(tag)
        self.tag = tag


class _Prolog:
    """The guard's target: it stops at the root element's start."""

    def start(self, tag: str, attrib: dict[str, str]) -> None:
        raise _RootStarted(tag)

    def close(self) -> None:
        return None


def _root_tag(guard: Any, chunk: bytes) -> str | None:
    """The root element's tag once the guard has read up to it, else None."""
    try:
        guard.feed(chunk)
    except _RootStarted as started:
        return started.tag
    return None


def root_children(source: BinaryIO, name: str, root: str) -> Iterator[Element]:
    """Each child element of the root, whole, as soon as the next one starts (the last
    at the end); the root must be `root`. A fault in the file is InvalidInput naming
    its place in `name`, a DTD or an entity a refusal."""
    guard: Any = SafeET.XMLParser(target=_Prolog(), forbid_dtd=True, forbid_entities=True)
    parser: XMLPullParser[Element] = XMLPullParser(events=("start",))
    top: Element | None = None
    try:
        while chunk := source.read(CHUNK):
            if guard is not None:
                tag = _root_tag(guard, chunk)
                if tag is not None:
                    guard = None
                    if tag != root:
                        raise InvalidInput(
                            f"{name}: the root element is <{tag[:40]}>, not <{root}>"
                        )
            parser.feed(chunk)
            if top is None:
                for event in parser.read_events():
                    started = event[-1]  # ("start", the root element)
                    assert isinstance(started, Element)
                    top = started
                    break
            deque(parser.read_events(), maxlen=0)  # only the root's start was wanted
            if top is not None and len(top) > 1:
                done = top[:-1]  # a later sibling has started: these are whole
                del top[:-1]
                yield from done
        if guard is not None:
            guard.close()  # a file that ends before its root element: say where
        parser.close()
    except (ParseError, DefusedXmlException) as error:
        raise xml_fault(error, name) from None
    if top is not None:
        yield from list(top)


def xml_fault(error: ParseError | DefusedXmlException, name: str) -> InvalidInput:
    """What a parser's fault in `name` tells the user: where the XML breaks, or that a
    DTD or an entity was refused."""
    if isinstance(error, ParseError):
        line, column = error.position
        reason = str(error).split(":")[0]
        return InvalidInput(f"{name}: line {line}, column {column + 1}: not valid XML ({reason})")
    return InvalidInput(
        f"{name}: refused: the file declares a DTD or entities ({type(error).__name__}); "
        "a MyAnimeList export never does"
    )
