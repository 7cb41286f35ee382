"""Keys shared by several screens."""

from textual.binding import Binding

MODE_KEYS = [
    Binding("b", "app.switch_mode('board')", "Board", id="mode.board"),
    Binding("l", "app.switch_mode('my-list')", "My list", id="mode.my-list"),
    Binding("n", "app.switch_mode('behind')", "Behind", id="mode.behind"),
    Binding("t", "app.switch_mode('stats')", "Stats", id="mode.stats"),
]
"""Shown in the footer of the board, My list, Behind and stats; the app binds them
everywhere."""
