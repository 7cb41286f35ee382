"""Recap: you against the critics over the season the board shows, in the terminal, and
`e` to write it as one self-contained web page (beside the database, or where you say)."""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widgets import Input, Label, Static
from textual.worker import Worker, WorkerState

from watchlist.domain import recap_text as words
from watchlist.domain.errors import InvalidInput
from watchlist.service.tracker import Tracker
from watchlist.tui.screens import recap_parts as parts
from watchlist.tui.screens.dialogs import FormDialog
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


class WritePage(FormDialog[Path]):
    """Where to write the recap page; the page is written before the dialog closes, so a
    path that cannot be written is refused inside it."""

    dialog_id = "write-page-dialog"

    def __init__(
        self, tracker: Tracker, season: str | None, name: str, default: Path | None
    ) -> None:
        super().__init__()
        self.tracker = tracker
        self.season = season
        self.name_shown = name
        self.default = default
        self._writing: Worker[Path] | None = None

    def heading(self) -> Content:
        return Content.assemble(plain("Write the recap of "), styled(self.name_shown, "bold"))

    def fields(self) -> ComposeResult:
        yield Label(plain("File (one web page: no scripts, nothing fetched, opens anywhere)"))
        yield Input(str(self.default or "recap.html"), id="page-path", compact=True)

    def action_submit(self) -> None:
        text = self.query_one("#page-path", Input).value.strip()
        if not text:
            self.refuse(InvalidInput("give the path of the page to write, such as recap.html"))
            return
        if self._writing is not None and not self._writing.is_finished:
            return  # still writing the last one
        path = Path(text).expanduser()
        # In a thread: rendering takes a moment, and the disk may be slow.
        self._writing = self.run_worker(
            partial(self._write, path), name="write-page", thread=True, exit_on_error=False
        )

    def _write(self, path: Path) -> Path:
        page = self.tracker.recap_document(self.season, "html")
        self.tracker.write_export(path, page.encode("utf-8"))
        return path

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.worker is not self._writing or self.app.screen is not self:
            return
        if event.state is WorkerState.SUCCESS:
            self.dismiss(self._writing.result)
        elif event.state is WorkerState.ERROR:
            error = event.worker.error
            if not isinstance(error, InvalidInput):
                error = InvalidInput(f"cannot write that file: {error}")
            self.refuse(error)
