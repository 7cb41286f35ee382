"""Recap: you against the critics over the season the board shows, in the terminal, and
`e` to write it as one self-contained web page (beside the database, or where you say)."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widgets import Static

from watchlist.domain import recap_text as words
from watchlist.service.tracker import Tracker
from watchlist.tui.screens import recap_parts as parts
from watchlist.tui.screens.dialogs import PathDialog
from watchlist.tui.season_screen import SeasonScreen
from watchlist.tui.text import lines, plain, styled
from watchlist.tui.widgets.key_bar import KeyBar
from watchlist.tui.widgets.title_bar import TitleBar

NARROW = 100
"""Below this width the sections that stand in pairs go one under the other."""
PARTS = ("rankings", "warmer", "critics", "hype", "hindsight", "weeks", "spread")
"""In the page's order."""
PAIRS = ("warmer", "critics", "hindsight")
"""Parts that are two sections side by side."""


class RecapScreen(SeasonScreen):
    CSS_PATH = "recap.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("e", "write_page", "Write page", id="recap.write"),
    ]

    def compose(self) -> ComposeResult:
        yield TitleBar()
        with VerticalScroll(id="recap-body"):
            yield Static(id="recap-summary")
            for part in PARTS:
                if part in PAIRS:
                    with Horizontal(classes="pair"):
                        yield Static(id=f"recap-{part}-left", classes="part")
                        yield Static(id=f"recap-{part}-right", classes="part")
                else:
                    yield Static(id=f"recap-{part}", classes="part")
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one("#recap-body").focus()

    def on_resize(self) -> None:
        self.set_class(self.size.width < NARROW, "narrow")

    def _show(self, name: str, content: Content | None) -> None:
        widget = self.query_one(f"#recap-{name}", Static)
        widget.display = content is not None
        if content is not None:
            widget.update(content)

    def reload(self) -> None:
        self.mark_drawn()
        recap = self.tracker.recap(self.season)
        self.sub_title = f"Recap: {recap.season}"
        width = max(40, self.size.width - 4)
        column = width if self.size.width < NARROW else (width - 3) // 2
        if recap.empty:
            self._show(
                "summary",
                lines(styled(words.title(recap), "bold"), plain(words.no_verdicts(recap))),
            )
            for name in (
                "rankings",
                "hype",
                "spread",
                *(f"{p}-{s}" for p in PAIRS for s in ("left", "right")),
            ):
                self._show(name, None)
            self._show("weeks", parts.weeks(recap, width))
            return
        self._show(
            "summary",
            lines(styled(words.title(recap), "bold"), styled(words.summary(recap), "dim")),
        )
        self._show("rankings", parts.rankings(recap, width))
        self._show(
            "warmer-left",
            parts.differences(words.WARMER, recap.warmer, words.NOTHING_WARMER, column, parts.WARM),
        )
        self._show(
            "warmer-right",
            parts.differences(words.COLDER, recap.colder, words.NOTHING_COLDER, column, parts.COLD),
        )
        self._show(
            "critics-left",
            parts.critics(words.CLOSEST, recap.closest, words.no_critics(recap, False), column),
        )
        self._show(
            "critics-right",
            parts.critics(words.FARTHEST, recap.farthest, words.no_critics(recap, True), column),
        )
        self._show("hype", parts.hype(recap, width))
        self._show("hindsight-left", parts.changed(recap, column))
        self._show("hindsight-right", parts.called(recap, column))
        self._show("weeks", parts.weeks(recap, width))
        self._show("spread", parts.spread(recap, width))

    def action_write_page(self) -> None:
        recap_name = self.season_name()
        default = self.tracker.recap_file(self.season)

        def done(path: Path | None) -> None:
            if path is not None:
                self.host.say(f"Recap of {recap_name} written to {path}")

        self.app.push_screen(WritePage(self.tracker, self.season, recap_name, default), done)


class WritePage(PathDialog):
    """Where to write the recap page; written before the dialog closes."""

    dialog_id = "write-page-dialog"
    PATH_ID = "page-path"
    LABEL = "File (one web page: no scripts, nothing fetched, opens anywhere)"
    EMPTY = "give the path of the page to write, such as recap.html"
    FAILURE = "cannot write that file"

    def __init__(
        self, tracker: Tracker, season: str | None, name: str, default: Path | None
    ) -> None:
        super().__init__(tracker, str(default or "recap.html"))
        self.season = season
        self.name_shown = name

    def heading(self) -> Content:
        return Content.assemble(plain("Write the recap of "), styled(self.name_shown, "bold"))

    def use(self, path: Path) -> None:
        page = self.tracker.recap_document(self.season, "html")
        self.tracker.write_export(path, page.encode("utf-8"))
