"""Text from data, made safe to show: never markup, never a control sequence."""

from __future__ import annotations

from datetime import tzinfo

from rich.text import Text
from textual.content import Content

from watchlist.domain.dates import Logged, logged_text
from watchlist.domain.text import printable, printable_line


def plain(text: object) -> Content:
    """One line of data as content: brackets stay brackets, controls become visible."""
    return Content(printable_line(str(text)))


def paragraph(text: str) -> Content:
    """Multi-line data (notes, summaries) as content."""
    return Content(printable(text))


def styled(text: object, style: str) -> Content:
    return plain(text).stylize(style)


def lines(*parts: Content) -> Content:
    """Stack lines; data never carries its own line breaks into a layout."""
    return Content("\n").join(parts)


def cell(text: object, style: str = "") -> Text:
    """A DataTable cell from data. Rich Text, because DataTable measures column
    widths from Rich renderables, and Text is never parsed as markup."""
    return Text(printable_line(str(text)), style=style, no_wrap=True)


def moment(value: Logged, tz: tzinfo | None) -> str:
    """A logged moment in the user's time zone (or the one tests fix), or a date
    as precise as it was given."""
    return logged_text(value, tz)
