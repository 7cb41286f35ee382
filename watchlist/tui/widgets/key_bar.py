"""The keys that work here, on one line at the bottom of every screen."""

from __future__ import annotations

from textual.content import Content
from textual.screen import Screen
from textual.widget import Widget


class KeyBar(Widget):
    """Like Textual's Footer, drawn as one line of content.

    The Footer builds a widget per key and rebuilds them all whenever focus
    moves; on the board that was 60 ms before the first frame. This reads the
    same bindings (shown ones, in the same order) and draws them in one go.
    """

    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        height: 1;
        background: $footer-background;
        color: $footer-foreground;
    }
    """

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen: Screen[object]) -> None:
        if screen is self.screen:
            self.refresh()

    def render(self) -> Content:
        active = self.screen.active_bindings
        palette_key = self.app.COMMAND_PALETTE_BINDING
        keys: list[Content] = []
        seen: set[str] = set()
        for key, (_, binding, enabled, _tooltip) in active.items():
            if not binding.show or binding.action in seen or key == palette_key:
                continue
            seen.add(binding.action)
            keys.append(self._key(self.app.get_key_display(binding), binding.description, enabled))
        left = Content(" ").join(keys)
        right = Content("")
        if self.app.ENABLE_COMMAND_PALETTE and palette_key in active:
            binding = active[palette_key].binding
            right = self._key(self.app.get_key_display(binding), "palette", True)
        gap = max(1, self.size.width - left.cell_length - right.cell_length)
        return Content.assemble(left, " " * gap, right)

    @staticmethod
    def _key(key: str, description: str, enabled: bool) -> Content:
        if not enabled:
            return Content.assemble((f"{key} {description}", "dim"))
        return Content.assemble(
            (key, "bold $footer-key-foreground"),
            (f" {description}", "$footer-description-foreground"),
        )
