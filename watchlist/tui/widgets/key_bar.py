"""The keys that work here, on one line at the bottom of every screen."""

from __future__ import annotations

from textual.binding import Binding
from textual.content import Content
from textual.screen import Screen
from textual.widget import Widget

KEPT = {"help", "app.help", "quit", "app.quit", "app.pop_screen", "dismiss_dialog", "save"}
"""Keys a narrow footer keeps: the way to every other key, the way out, and saving."""


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
        keys: list[tuple[str, Content]] = []
        seen: set[str] = set()
        for key, (_, binding, enabled, _tooltip) in active.items():
            if not self._shown(binding) or binding.action in seen or key == palette_key:
                continue
            seen.add(binding.action)
            shown = self._key(self.app.get_key_display(binding), binding.description, enabled)
            keys.append((binding.action, shown))
        right = Content("")
        if self.app.ENABLE_COMMAND_PALETTE and palette_key in active:
            binding = active[palette_key].binding
            right = self._key(self.app.get_key_display(binding), "palette", True)
        width = self.size.width
        # A narrow terminal keeps help and quit (help lists every key), dropping keys from
        # the end of the line first, then the palette's hint.
        while keys and self._width(keys) + right.cell_length + 1 > width:
            removable = [n for n, (action, _) in enumerate(keys) if action not in KEPT]
            if removable:
                keys.pop(removable[-1])
            elif right.cell_length:
                right = Content("")
            else:
                break
        left = Content(" ").join(shown for _, shown in keys)
        gap = max(1, width - left.cell_length - right.cell_length)
        return Content.assemble(left, " " * gap, right)

    def _shown(self, binding: Binding) -> bool:
        """The keys between modes show on the modes' own screens: one opened over a mode
        (a show, its critics) has no room for them. They work there all the same, and
        help lists them."""
        if binding.action.startswith("switch_mode("):
            return binding.show and self.screen is self.app.screen_stack[0]
        return binding.show

    @staticmethod
    def _width(keys: list[tuple[str, Content]]) -> int:
        return sum(shown.cell_length for _, shown in keys) + max(0, len(keys) - 1)

    @staticmethod
    def _key(key: str, description: str, enabled: bool) -> Content:
        if not enabled:
            return Content.assemble((f"{key} {description}", "dim"))
        return Content.assemble(
            (key, "bold $footer-key-foreground"),
            (f" {description}", "$footer-description-foreground"),
        )
