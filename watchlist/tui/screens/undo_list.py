"""What `u` would undo, newest first: the undo journal as a list."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList, Static
from textual.widgets.option_list import Option

from watchlist.service.undoing import Step
from watchlist.tui.text import plain, styled
from watchlist.tui.widgets.key_bar import KeyBar


class UndoList(ModalScreen[bool]):
    """The changes that can be undone, newest first; `u` undoes the top one."""

    CSS_PATH = "dialogs.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss(False)", "Close", id="undo-list.close"),
        Binding("u", "dismiss(True)", "Undo the top one", id="undo-list.undo"),
    ]

    def __init__(self, steps: list[Step], mine: set[int]) -> None:
        super().__init__()
        self.steps = steps
        self.mine = mine
        """The steps this running copy made (the others came from elsewhere)."""

    def compose(self) -> ComposeResult:
        options = [
            Option(
                Content.assemble(
                    styled(f"{step.at.astimezone():%Y-%m-%d %H:%M}  ", "dim"),
                    plain(step.label),
                    styled("" if step.seq in self.mine else "  (elsewhere)", "dim"),
                ),
                id=str(step.seq),
            )
            for step in self.steps
        ]
        with Vertical(classes="dialog", id="undo-dialog"):
            yield Label(styled("What u would undo, newest first", "bold"))
            if options:
                yield OptionList(*options, id="undo-options")
            else:
                yield Static(plain("Nothing to undo."))
            yield Static(styled("u undoes the top one · Esc closes", "dim"))
        yield KeyBar()
