"""The recap's formats by name: what each is for and the function that writes it. The
CLI's --format choices come from `RECAP_FORMATS`; each format's code (Jinja2 and pygal
for the page) loads only when that format is written."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import PurePath
from typing import TYPE_CHECKING

from msgspec import Struct

if TYPE_CHECKING:
    from watchlist.domain.recap import Recap


class RecapFormat(Struct, frozen=True):
    name: str
    """The `--format` value."""
    writes: str
    """What it is for, for --help."""
    suffixes: tuple[str, ...]
    """File names that ask for it when no --format is given."""
    render: Callable[[Recap], str]


def _html(recap: Recap) -> str:
    from watchlist.interop.recap.page import render_html

    return render_html(recap)


def _markdown(recap: Recap) -> str:
    from watchlist.interop.recap.markdown import render_markdown

    return render_markdown(recap)


def _json(recap: Recap) -> str:
    from watchlist.interop.recap.shape import render_json

    return render_json(recap)


RECAP_FORMATS = {
    found.name: found
    for found in (
        RecapFormat("md", "Markdown for a forum post", (".md", ".markdown", ".txt"), _markdown),
        RecapFormat("html", "one self-contained web page", (".html", ".htm"), _html),
        RecapFormat("json", "every number, for scripts", (".json",), _json),
    )
}
DEFAULT_RECAP = "md"


def format_for(path: PurePath | None) -> str:
    """The format a file name asks for (recap.html: html), else the default."""
    if path is not None:
        for found in RECAP_FORMATS.values():
            if path.suffix.lower() in found.suffixes:
                return found.name
    return DEFAULT_RECAP
