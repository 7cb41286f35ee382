"""The TUI's colour themes by name: Textual's built-in ones. Listed here so the command
line can check a name without loading Textual; a test keeps the list equal to Textual's."""

from __future__ import annotations

from watchlist.domain.errors import InvalidInput
from watchlist.domain.text import quoted

THEMES = (
    "ansi-dark",
    "ansi-light",
    "atom-one-dark",
    "atom-one-light",
    "catppuccin-frappe",
    "catppuccin-latte",
    "catppuccin-macchiato",
    "catppuccin-mocha",
    "dracula",
    "flexoki",
    "gruvbox",
    "monokai",
    "nord",
    "rose-pine",
    "rose-pine-dawn",
    "rose-pine-moon",
    "solarized-dark",
    "solarized-light",
    "textual-dark",
    "textual-light",
    "tokyo-night",
)


def parse_theme(text: str) -> str:
    name = text.strip().lower()
    if name not in THEMES:
        raise InvalidInput(f"unknown theme {quoted(text)}: choose one of {', '.join(THEMES)}")
    return name
