"""Palettes of choices (tags, seasons, time zones): Textual's command palette, made safe
to drive fast, with names from data shown as text, never read as markup."""

from __future__ import annotations

from contextlib import suppress
from typing import TYPE_CHECKING, Any

from textual.command import CommandPalette, DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.fuzzy import Matcher

from watchlist.domain.folding import fold
from watchlist.domain.text import printable_line

if TYPE_CHECKING:
    from textual.app import App


def highlighted(matcher: Matcher, candidate: str) -> Content:
    """Like `Matcher.highlight`, but the candidate is data, so never read as markup."""
    content = Content(printable_line(candidate))
    _, offsets = matcher.fuzzy_search.match(matcher.query, candidate)
    for offset in offsets:
        if offset < len(content.plain) and not candidate[offset].isspace():
            content = content.stylize(matcher.match_style, offset, offset + 1)
    return content


class Palette(CommandPalette):
    """Textual's command palette, with its list keys made safe to press before the list
    has been laid out (a `pgup` typed right after `ctrl+p` raised KeyError in the list)."""

    def _action_command_list(self, action: str) -> None:
        with suppress(KeyError, IndexError):  # the list is not drawn yet: nothing to move
            super()._action_command_list(action)


class DataChoices(Provider):
    """Choices whose names come from data (tags): shown as text, never read as markup,
    unlike Textual's SimpleProvider."""

    def __init__(self, screen: Any, choices: list[tuple[str, Any, str]]) -> None:
        super().__init__(screen, None)
        self.choices = choices

    def __call__(self, *args: Any, **kwargs: Any) -> DataChoices:
        return self  # the palette asks for its providers by calling them

    async def discover(self) -> Hits:
        for name, callback, help_text in self.choices:
            yield DiscoveryHit(Content(printable_line(name)), callback, text=name, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        folded = fold(query)
        for name, callback, help_text in self.choices:
            score = matcher.match(name) or (0.5 if folded and folded in fold(name) else 0)
            if score > 0:
                yield Hit(score, highlighted(matcher, name), callback, text=name, help=help_text)


def pick(app: App[Any], choices: list[tuple[str, Any, str]], placeholder: str) -> None:
    """A palette of `choices` (name, what to do, help), names shown as text."""
    provider = DataChoices(app.screen, choices)
    app.push_screen(Palette(providers=[provider], placeholder=placeholder))  # type: ignore[list-item]
