"""The recap as one self-contained HTML page: no script, nothing fetched (no font, no
image, no stylesheet), the charts inline SVG. Rendered by Jinja2 with autoescaping on,
so every text from data is escaped; only the charts, which `charts` made safe, go in
as markup."""

from __future__ import annotations

from functools import cache
from importlib import resources

from jinja2 import Environment, StrictUndefined, Template
from markupsafe import Markup

from watchlist.domain import recap_text as words
from watchlist.domain.recap import Recap
from watchlist.domain.text import printable_line
from watchlist.interop.recap import charts

TEMPLATE = "recap.html.j2"


@cache
def _template() -> Template:
    # autoescape=True escapes every {{ value }}: a title like <script> stays text.
    environment = Environment(
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    environment.filters["line"] = lambda value: printable_line(str(value))
    source = resources.files(__package__).joinpath(TEMPLATE).read_text(encoding="utf-8")
    return environment.from_string(source)


def render_html(recap: Recap) -> str:
    svg: dict[str, Markup] = {}
    if not recap.empty:
        changed = [*recap.warmer, *reversed(recap.colder)]  # warmest on top
        if changed:
            svg["differences"] = Markup(charts.differences(changed))
        svg["spread"] = Markup(charts.spread(recap))
    if recap.weeks:
        svg["weeks"] = Markup(charts.weeks(recap))
    return _template().render(
        recap=recap,
        words=words,
        charts=svg,
    )
