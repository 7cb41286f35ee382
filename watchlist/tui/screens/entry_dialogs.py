"""Dialogs on a show as a whole: your note and dates, your verdict timeline (correct or
delete a verdict), and a show of your own."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList, Static, TextArea
from textual.widgets.option_list import Option

from watchlist.domain.errors import InvalidInput
from watchlist.domain.model import Entry, Show, Verdict
from watchlist.domain.scoring import ScoreFormat, show_score
from watchlist.service.entries import DetailsInput
from watchlist.service.tracker import Tracker
from watchlist.tui.screens.dialogs import FormDialog
from watchlist.tui.text import moment, plain, styled
from watchlist.tui.widgets.key_bar import KeyBar


class DetailsEditor(FormDialog[DetailsInput]):
    """Your note on the show, when you started and finished it, how often you rewatched it."""

    dialog_id = "details-dialog"

    def __init__(self, tracker: Tracker, show: Show, entry: Entry) -> None:
        super().__init__()
        self.tracker = tracker
        self.show = show
        self.entry = entry

    def heading(self) -> Content:
        return Content.assemble(plain("Your entry for "), styled(self.show.title, "bold"))

    def fields(self) -> ComposeResult:
        entry = self.entry
        yield Label(plain("Note on the show (ctrl+s saves; Enter starts a new line)"))
        yield TextArea(entry.comments, id="details-note", compact=True)
        yield Label(plain("Started (2024-01-20, 2024-01 or 2024; empty: none)"))
        started = entry.started.isoformat() if entry.started else ""
        yield Input(value=started, id="details-started", compact=True)
        yield Label(plain("Finished"))
        finished = entry.finished.isoformat() if entry.finished else ""
        yield Input(value=finished, id="details-finished", compact=True)
        yield Label(plain("Times rewatched"))
        yield Input(value=str(entry.rewatch_count), id="details-rewatches", compact=True)

    def draft(self) -> DetailsInput:
        return DetailsInput(
            note=self.query_one("#details-note", TextArea).text,
            started=self.query_one("#details-started", Input).value,
            finished=self.query_one("#details-finished", Input).value,
            rewatches=self.query_one("#details-rewatches", Input).value,
        )

    def action_submit(self) -> None:
        draft = self.draft()
        try:
            self.tracker.check_details(self.show.slug, draft)
        except InvalidInput as error:
            self.refuse(error)
            return
        self.dismiss(draft)


class VerdictHistory(ModalScreen[tuple[str, Verdict] | None]):
    """Your verdicts on a show, newest first: Enter corrects one, the Delete key removes it
    (not a letter: on the show screen `d` means Details; `u` undoes a deletion)."""

    CSS_PATH = "dialogs.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Close", id="history.close"),
        Binding("enter", "choose('edit')", "Correct", id="history.edit"),
        Binding("delete", "choose('delete')", "Delete", id="history.delete"),
    ]

    def __init__(self, show: Show, verdicts: list[Verdict], fmt: ScoreFormat) -> None:
        super().__init__()
        self.show = show
        self.verdicts = list(reversed(verdicts))
        self.fmt = fmt

    def compose(self) -> ComposeResult:
        options = [
            Option(
                Content.assemble(
                    styled(f"{show_score(v.effective_score, self.fmt):>5}", "bold"),
                    plain(f"  {v.effective_stance.value:<13} "),
                    styled(f"{moment(v.given_at, None)}  ep {v.episode or 0}", "dim"),
                    plain(f"  {v.notes.splitlines()[0][:40]}" if v.notes else ""),
                ),
                id=v.id,
            )
            for v in self.verdicts
        ]
        with Vertical(classes="dialog", id="history-dialog"):
            yield Label(
                Content.assemble(plain("Your verdicts on "), styled(self.show.title, "bold"))
            )
            yield OptionList(*options, id="history-options")
            yield Static(
                styled(
                    "Enter corrects the highlighted one · Delete removes it (u undoes) · "
                    "Esc closes",
                    "dim",
                )
            )
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_choose("edit")

    def action_choose(self, what: str) -> None:
        options = self.query_one(OptionList)
        if options.highlighted is None:
            return
        self.dismiss((what, self.verdicts[options.highlighted]))

    def action_cancel(self) -> None:
        self.dismiss(None)


class AddShowDialog(FormDialog[dict[str, str]]):
    """A show the catalog does not have, as your own."""

    dialog_id = "add-show-dialog"

    def __init__(self, tracker: Tracker, season: str | None) -> None:
        super().__init__()
        self.tracker = tracker
        self.season = season

    def heading(self) -> Content:
        return styled("Add a show of your own", "bold")

    def fields(self) -> ComposeResult:
        yield Label(plain("Title"))
        yield Input(id="add-title", compact=True)
        yield Label(plain("Episodes (empty: not known yet)"))
        yield Input(id="add-episodes", compact=True)
        yield Label(plain("Season (like spring-2024; empty: none)"))
        yield Input(value=self.season or "", id="add-season", compact=True)
        yield Label(plain("MyAnimeList id (optional; it links imports and exports)"))
        yield Input(id="add-mal", compact=True)
        yield Label(plain("Studio (optional)"))
        yield Input(id="add-studio", compact=True)

    def values(self) -> dict[str, str]:
        return {
            name: self.query_one(f"#add-{field}", Input).value
            for name, field in (
                ("title", "title"),
                ("episodes", "episodes"),
                ("season", "season"),
                ("mal_id", "mal"),
                ("studio", "studio"),
            )
        }

    def action_submit(self) -> None:
        values = self.values()
        try:
            self.tracker.check_new_show(**values)
        except InvalidInput as error:
            self.refuse(error)
            return
        self.dismiss(values)
