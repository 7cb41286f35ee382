"""Stats: episodes and hours, the weekly diary, your score spread, critic affinity."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import DataTable, Sparkline, Static

from watchlist.domain.hindsight import CHANGED_MIND_BY, called_line, changed_line
from watchlist.domain.scoring import ScoreFormat, show_score
from watchlist.domain.text import plural
from watchlist.service.details import StatsReport
from watchlist.service.tracker import Tracker
from watchlist.tui.season_screen import SeasonScreen
from watchlist.tui.text import cell, lines, plain, styled
from watchlist.tui.widgets.key_bar import KeyBar
from watchlist.tui.widgets.title_bar import TitleBar

HISTOGRAM_WIDTH = 30
NARROW = 90
"""Below this width the histogram goes under the figures, and its bars get shorter."""


def figures(report: StatsReport, score_format: ScoreFormat) -> Content:
    s = report.stats
    parts = [
        styled("Watched", "bold"),
        plain(
            f"{plural(s.episodes, 'episode')} · {s.hours} hours · "
            f"{plural(s.shows_tracked, 'show')} tracked"
        ),
        Content(""),
        styled("By status", "bold"),
    ]
    parts += [plain(f"{status.value:<14}{count:>5}") for status, count in s.by_status.items()]
    parts += [Content(""), styled("Your scores", "bold")]
    if s.scores:
        mean = s.mean_score or 0.0
        shown = show_score(round(mean), score_format)
        parts.append(
            plain(
                f"{plural(len(s.scores), 'verdict')} · mean {mean}/100 ({shown}) · "
                f"spread {s.score_spread}"
            )
        )
    else:
        parts.append(styled("No verdicts yet.", "dim"))
    return lines(*parts)


def histogram(report: StatsReport, width: int = HISTOGRAM_WIDTH) -> Content:
    buckets = report.stats.histogram()
    top = max(buckets) or 1
    parts = [styled("Score spread (0-100)", "bold")]
    for n, count in enumerate(buckets):
        low = n * 10
        label = f"{low:>3}-{low + 9 if n < 9 else 100:<3}"
        bar = "█" * round(width * count / top)
        parts.append(
            Content.assemble(plain(f"{label} "), styled(bar, "$accent"), plain(f" {count or ''}"))
        )
    return lines(*parts)


def hindsight(report: StatsReport) -> Content:
    """Changed my mind, and who called it."""
    parts: list[Content] = [Content("")]
    heading = f"Changed my mind ({CHANGED_MIND_BY} points or more, first verdict to last)"
    parts.append(styled(heading, "bold"))
    for c in report.changed_my_mind:
        parts.append(plain(changed_line(c, report.title(c.show))))
    if not report.changed_my_mind:
        parts.append(styled("  Not yet: your scores have held.", "dim"))
    parts += [
        Content(""),
        styled("Who called it (premieres closest to your final verdict)", "bold"),
    ]
    for called in report.who_called_it[:5]:
        parts.append(plain(called_line(called)))
    if not report.who_called_it:
        parts.append(styled("  Give verdicts on shows with premiere reviews to see this.", "dim"))
    return lines(*parts)


class StatsScreen(SeasonScreen):
    CSS_PATH = "stats.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("a", "toggle_scope", "This season / all", id="stats.scope"),
    ]

    def __init__(self, tracker: Tracker, *, season: str | None) -> None:
        super().__init__(tracker, season=season)
        self.whole = True
        self.report: StatsReport | None = None
        """What is shown: a new width lays it out again without counting it again."""

    def compose(self) -> ComposeResult:
        yield TitleBar()
        with VerticalScroll(id="stats-body"):
            with Horizontal(id="stats-top"):
                yield Static(id="stats-figures")
                yield Static(id="stats-histogram")
            yield Static(id="stats-weeks-label")
            yield Sparkline([], id="stats-weeks")
            yield Static(id="stats-weeks-range")
            with Vertical(id="stats-affinity-box"):
                yield Static(
                    styled(
                        "Critic affinity: mean difference from you, closest first "
                        "(ranked once you share 3 shows)",
                        "bold",
                    )
                )
                table: DataTable[Text] = DataTable(cursor_type="none", zebra_stripes=True)
                table.add_columns("Rank", "Critic", "Mean difference", "Shared shows")
                yield table
            yield Static(id="stats-hindsight")
        yield KeyBar()

    def on_resize(self) -> None:
        self.set_class(self.size.width < NARROW, "narrow")

    @property
    def follows_season(self) -> bool:
        return not self.whole

    def relayout(self) -> None:
        if self.report is None:
            self.reload()
        else:
            self._draw_histogram(self.report)

    def _draw_histogram(self, report: StatsReport) -> None:
        # The bars fit what the terminal leaves beside the labels ("100-100 ", the count).
        room = self.size.width // (1 if self.size.width < NARROW else 2) - 16
        bars = max(8, min(HISTOGRAM_WIDTH, room))
        self.query_one("#stats-histogram", Static).update(histogram(report, bars))

    def action_toggle_scope(self) -> None:
        self.whole = not self.whole
        self.reload()

    def reload(self) -> None:
        self.mark_drawn()
        season = None if self.whole else self.season
        report = self.report = self.tracker.stats(season)
        scope = "everything" if season is None else self.season_name()
        self.sub_title = f"Stats: {scope}"
        fmt = self.tracker.settings().score_format
        self.query_one("#stats-figures", Static).update(figures(report, fmt))
        self._draw_histogram(report)
        weeks = report.stats.weeks
        undated = report.stats.undated
        label = f"Episodes per week ({plural(len(weeks), 'week')})"
        if undated:
            label += f"; {plural(undated, 'episode')} without a date not counted"
        self.query_one("#stats-weeks-label", Static).update(styled(label, "bold"))
        sparkline = self.query_one("#stats-weeks", Sparkline)
        # One week is a number, not a chart: a sparkline of one value is a solid block.
        sparkline.display = len(weeks) > 1
        sparkline.data = [w.episodes for w in weeks] or [0]
        span = (
            f"{weeks[0].week_start.isoformat()} … {weeks[-1].week_start.isoformat()}"
            f" · busiest week {max(w.episodes for w in weeks)} episodes"
            if weeks
            else "Nothing logged yet."
        )
        self.query_one("#stats-weeks-range", Static).update(styled(span, "dim"))
        table = self.query_one(DataTable)
        table.clear()
        rank = 0
        for a in report.affinity:
            rank += a.ranked
            table.add_row(
                cell(rank if a.ranked else "-", "" if a.ranked else "dim"),
                cell(a.critic),
                cell(f"{a.mean_difference:.1f}"),
                cell(a.shows),
            )
        if not report.affinity:
            table.add_row(
                cell(""),
                cell("Give verdicts on shows with critic pieces to see this.", "dim"),
                cell(""),
                cell(""),
            )
        self.query_one("#stats-hindsight", Static).update(hindsight(report))
