"""The page's charts as inline SVG, drawn by pygal, and made safe to inline.

pygal links its tooltip script from the web by default and always writes a script
with its settings (labels included) into the SVG; an SVG inline in HTML runs its
scripts. So: no linked scripts (`js=[]`), and every `<script>` element and comment is
removed from the tree before it is written. Text (titles among the labels) goes in as
XML text, which the serialiser escapes. Colours are the page's CSS variables, so the
charts follow its light and dark schemes and print."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pygal
from pygal.style import Style

from watchlist.domain import recap_text as words
from watchlist.domain.recap import Recap, RecapShow
from watchlist.domain.text import printable_line

YOU, CRITICS = "#2f80c0", "#d9822b"
"""Series colours that read on a light and a dark background alike."""
WARM, COLD = "#c8553d", "#2f80c0"
"""Warmer (you above the critics) and colder bars."""
STYLE = Style(
    background="transparent",
    plot_background="transparent",
    foreground="var(--ink)",
    foreground_strong="var(--ink)",
    foreground_subtle="var(--muted)",
    guide_stroke_color="var(--rule)",
    major_guide_stroke_color="var(--rule)",
    font_family="system-ui, sans-serif",
    label_font_size=15,
    major_label_font_size=15,
    legend_font_size=16,
    value_font_size=15,
    tooltip_font_size=15,
    opacity=".9",
    opacity_hover="1",
    transition="0s",
    colors=(YOU, CRITICS),
)
LABEL_CHARS = 28
"""Longest label before pygal shortens it with an ellipsis (the title is in the table)."""


def _unscripted(root: Any) -> Any:
    """pygal's tree without its scripts and comments (the comment stamps today's date)."""
    for parent in list(root.iter()):
        for child in list(parent):
            tag = child.tag
            if not isinstance(tag, str) or tag.rsplit("}", 1)[-1] == "script":
                parent.remove(child)
    return root


def _chart(kind: type[Any], name: str, **config: Any) -> Any:
    chart = kind(
        style=STYLE,
        js=[],
        disable_xml_declaration=True,
        show_legend=config.pop("show_legend", True),
        legend_at_bottom=True,
        legend_at_bottom_columns=2,
        width=config.pop("width", 640),
        height=config.pop("height", 300),
        margin=12,
        truncate_label=LABEL_CHARS,
        **config,
    )
    # A fixed id instead of a random one: the same recap makes the same page, and the
    # chart's CSS (scoped by it) stays its own.
    chart.uuid = name
    chart.add_xml_filter(_unscripted)
    return chart


def _render(chart: Any) -> str:
    svg: str = chart.render()
    return svg


def differences(rows: Sequence[RecapShow]) -> str:
    """You minus the critics on each show, in the order given from the top."""
    bottom_up = list(reversed(rows))  # pygal draws a horizontal chart's first bar lowest
    chart = _chart(
        pygal.HorizontalBar,
        "recap-differences",
        show_legend=False,
        height=max(150, 36 * len(rows) + 70),
        x_labels=[printable_line(r.show.title) for r in bottom_up],
    )
    chart.add(
        "You minus the critics",
        [{"value": r.delta, "color": WARM if (r.delta or 0) > 0 else COLD} for r in bottom_up],
    )
    return _render(chart)


def weeks(recap: Recap) -> str:
    """Episodes watched each week."""
    chart = _chart(
        pygal.Bar,
        "recap-weeks",
        show_legend=False,
        x_labels=[w.week_start.strftime("%b %d") for w in recap.weeks],
        x_label_rotation=-45 if len(recap.weeks) > 8 else 0,
        show_minor_x_labels=len(recap.weeks) <= 16,
        x_labels_major_every=max(1, len(recap.weeks) // 8),
    )
    chart.add("Episodes", [w.episodes for w in recap.weeks])
    return _render(chart)


def spread(recap: Recap) -> str:
    """Your scores and the critics', each as a share of its own, tenth by tenth."""
    chart = _chart(
        pygal.Bar,
        "recap-spread",
        x_labels=[words.bucket_label(n) for n in range(10)],
        value_formatter=lambda share: f"{share:.0f}%",
    )
    for label, found in (("You", recap.your_spread), ("The critics", recap.critics_spread)):
        total = found.count or 1
        chart.add(label, [round(100 * n / total) for n in found.histogram])
    return _render(chart)
