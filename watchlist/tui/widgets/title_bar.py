"""The app's name and where you are, on one line at the top of every screen."""

from __future__ import annotations

from textual.content import Content
from textual.widget import Widget

from watchlist.domain.text import printable_line


class TitleBar(Widget):
    """Like Textual's Header (title, then the screen's sub-title), as one widget:
    the Header's four widgets cost a noticeable part of start-up."""

    DEFAULT_CSS = """
    TitleBar {
        dock: top;
        height: 1;
        background: $panel;
        color: $foreground;
        text-align: center;
    }
    """

    def on_mount(self) -> None:
        self.watch(self.screen, "sub_title", self._retitle, init=False)

    def _retitle(self, _: str) -> None:
        self.refresh()

    def render(self) -> Content:
        # Screens set titles from data; this is where they become terminal output.
        sub_title = printable_line(self.screen.sub_title or "")
        title = Content.styled(self.app.title, "bold")
        if not sub_title:
            return title
        return Content.assemble(title, (" — ", "dim"), (sub_title, "$text-muted"))
