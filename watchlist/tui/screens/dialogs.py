"""Modal dialogs: the verdict and episode editors, a file's path, the status picker, help."""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import ClassVar, Generic, TypeVar

from msgspec import Struct
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, OptionList, Select, Static, TextArea
from textual.widgets.option_list import Option
from textual.worker import Worker, WorkerState

from watchlist.domain.dates import logged_day
from watchlist.domain.errors import InvalidInput
from watchlist.domain.model import Entry, Show, Status, Verdict
from watchlist.domain.scoring import Stance, format_hint, typed_score
from watchlist.service.tracker import Tracker
from watchlist.service.verdicts import VerdictInput
from watchlist.tui.text import lines, plain, styled
from watchlist.tui.widgets.key_bar import KeyBar


class EpisodeDraft(Struct, frozen=True):
    score: str
    note: str
    watched_on: str = ""


class Fields(VerticalScroll, can_focus=False):
    """A form's fields: they scroll (following the focus), but Tab goes to the fields."""


T = TypeVar("T")


class FormDialog(ModalScreen[T | None], Generic[T]):
    """A form that refuses bad values inside itself and closes only on good ones: with
    the checked value (a `T`), or None when cancelled.

    Its fields scroll inside the dialog, so on a small terminal the heading, the
    buttons and how to save always stay in view; the dialog has its own footer."""

    CSS_PATH = "dialogs.tcss"
    dialog_id = ""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="form.cancel"),
        Binding("ctrl+s", "submit", "Save", id="form.save", priority=True),
    ]
    HINT = "ctrl+s or Enter saves · Esc cancels"
    CHROME = 9
    """Lines of the dialog that are not fields: border, heading, message, buttons, footer."""

    def heading(self) -> Content:
        raise NotImplementedError

    def fields(self) -> ComposeResult:
        raise NotImplementedError

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id=self.dialog_id):
            yield Label(self.heading(), classes="form-heading")
            with Fields(classes="form-fields"):
                yield from self.fields()
            yield Static(classes="form-error")
            with Horizontal(classes="form-buttons"):
                yield Static(styled(self.HINT, "dim"), classes="form-keys")
                yield Button("Save", variant="primary", id="save", compact=True)
                yield Button("Cancel", id="cancel", compact=True)
        yield KeyBar()

    def refuse(self, error: InvalidInput | str) -> None:
        message = self.query_one(".form-error", Static)
        message.update(styled(error, "bold $text-error"))
        message.display = True

    def on_mount(self) -> None:
        self.query_one(".form-error", Static).display = False

    def on_resize(self) -> None:
        # The fields get what the terminal has left, so the buttons never fall off it.
        self.query_one(".form-fields").styles.max_height = max(3, self.size.height - self.CHROME)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "save":
            self.action_submit()
        else:
            self.action_cancel()

    def on_input_submitted(self) -> None:
        self.action_submit()

    def action_cancel(self) -> None:
        self.dismiss(None)

    def action_submit(self) -> None:
        raise NotImplementedError


class VerdictEditor(FormDialog[VerdictInput]):
    """Score in your format, stance, notes, and the episode the verdict is given at."""

    def __init__(
        self,
        tracker: Tracker,
        show: Show,
        entry: Entry,
        current: Verdict | None,
        *,
        editing: bool = False,
        at: int | None = None,
    ) -> None:
        super().__init__()
        self.tracker = tracker
        self.show = show
        self.entry = entry
        self.current = current
        self.editing = editing
        self.at = at
        """The episode to give it at (a checkpoint), instead of your progress."""
        """Correcting `current` in place, rather than giving a new verdict."""
        self._warned: VerdictInput | None = None

    dialog_id = "verdict-dialog"

    def heading(self) -> Content:
        what = "Correct your verdict on " if self.editing else "Your verdict on "
        return Content.assemble(plain(what), styled(self.show.title, "bold"))

    def fields(self) -> ComposeResult:
        fmt = self.tracker.settings().score_format
        current = self.current
        score = typed_score(current.score, fmt) if current and current.score is not None else ""
        stance = current.stance.value if current and current.stance else Select.NULL
        total = self.show.episodes if self.show.episodes is not None else "?"
        yield Label(plain(f"Score: {format_hint(fmt)} (format {fmt.value})"))
        yield Input(
            value=score,
            id="verdict-score",
            placeholder="empty: the stance stands for the score",
            compact=True,
        )
        yield Label(plain("Stance (a stance alone stands for a typical score)"))
        yield Select(
            [(Content(s.value), s.value) for s in Stance],
            value=stance,
            prompt="no stance",
            id="verdict-stance",
            compact=True,
        )
        yield Label(plain("Notes (ctrl+s saves; Enter starts a new line)"))
        yield TextArea(current.notes if current else "", id="verdict-notes", compact=True)
        yield Label(plain(f"Given at episode (0 = before the first, of {total})"))
        at = current.episode if self.editing and current else self.entry.last_watched
        if self.at is not None:
            at = self.at
        yield Input(value=str(at or 0), id="verdict-episode", compact=True)

    def draft(self) -> VerdictInput:
        """What the user typed; checked by the tracker before the dialog closes."""
        stance = self.query_one("#verdict-stance", Select).value
        return VerdictInput(
            score=self.query_one("#verdict-score", Input).value,
            stance="" if stance is Select.NULL else str(stance),
            notes=self.query_one("#verdict-notes", TextArea).text,
            episode=self.query_one("#verdict-episode", Input).value,
        )

    def action_submit(self) -> None:
        draft = self.draft()
        try:
            checked = self.tracker.check_verdict(self.show.slug, draft)
        except InvalidInput as error:
            self.refuse(error)
            return
        if checked.mismatch and draft != self._warned:
            # Worth a word before saving; saving again keeps both as given.
            self._warned = draft
            self.refuse(f"Note: {checked.mismatch}. Save again to keep them.")
            return
        self.dismiss(draft)


class EpisodeEditor(FormDialog[EpisodeDraft]):
    """One episode's score and note; empty clears them."""

    def __init__(self, tracker: Tracker, show: Show, entry: Entry, number: int) -> None:
        super().__init__()
        self.tracker = tracker
        self.show = show
        self.entry = entry
        self.number = number

    dialog_id = "episode-dialog"

    def heading(self) -> Content:
        return Content.assemble(styled(self.show.title, "bold"), plain(f": episode {self.number}"))

    def fields(self) -> ComposeResult:
        fmt = self.tracker.settings().score_format
        score = self.entry.ratings.get(self.number)
        yield Label(plain(f"Score: {format_hint(fmt)}, or empty for none"))
        yield Input(
            value=typed_score(score, fmt) if score is not None else "",
            id="episode-score",
            compact=True,
        )
        yield Label(plain("Note (ctrl+s saves; Enter starts a new line)"))
        yield TextArea(self.entry.notes.get(self.number, ""), id="episode-note", compact=True)
        watched = self.entry.watched.get(self.number)
        day = logged_day(watched)
        shown = "watched, no date" if self.number in self.entry.watched and day is None else ""
        yield Label(plain("Watched on (2024-01-20 or yesterday; empty: leave as it is)"))
        yield Input(
            value=day.isoformat() if day else "",
            placeholder=shown or "not watched",
            id="episode-day",
            compact=True,
        )

    def action_submit(self) -> None:
        draft = EpisodeDraft(
            score=self.query_one("#episode-score", Input).value,
            note=self.query_one("#episode-note", TextArea).text,
            watched_on=self.query_one("#episode-day", Input).value,
        )
        try:
            self.tracker.check_rating(
                self.show.slug,
                self.number,
                score=draft.score,
                note=draft.note,
                watched_on=draft.watched_on,
            )
        except InvalidInput as error:
            self.refuse(error)
            return
        self.dismiss(draft)


class PathDialog(FormDialog[Path]):
    """A file to read or write, its path typed in the field `PATH_ID`: the work (`use`) is
    done before the dialog closes, so a path that cannot be used is refused inside it. It
    runs in a thread: the path may name a slow disk or a pipe that never ends."""

    PATH_ID = LABEL = PLACEHOLDER = EMPTY = FAILURE = ""
    """EMPTY refuses an empty path; FAILURE comes before an error not the user's to fix."""

    def __init__(self, tracker: Tracker, initial: str = "") -> None:
        super().__init__()
        self.tracker = tracker
        self.initial = initial
        self._job: Worker[Path] | None = None

    def use(self, path: Path) -> None:
        raise NotImplementedError  # reads or writes the file, in a thread

    def fields(self) -> ComposeResult:
        yield Label(plain(self.LABEL))
        yield Input(self.initial, placeholder=self.PLACEHOLDER, id=self.PATH_ID, compact=True)

    def action_submit(self) -> None:
        text = self.query_one(f"#{self.PATH_ID}", Input).value.strip()
        if not text:
            self.refuse(InvalidInput(self.EMPTY))
        elif self._job is None or self._job.is_finished:  # else still busy with the last
            work = partial(self._use, Path(text).expanduser())
            self._job = self.run_worker(work, name=self.PATH_ID, thread=True, exit_on_error=False)

    def _use(self, path: Path) -> Path:
        self.use(path)
        return path

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.worker is not self._job or self.app.screen is not self:
            return  # another worker's news, or the dialog was cancelled meanwhile
        if event.state is WorkerState.SUCCESS:
            self.dismiss(self._job.result)
        elif event.state is WorkerState.ERROR:
            error = event.worker.error
            self.refuse(error if isinstance(error, InvalidInput) else f"{self.FAILURE}: {error}")


class PieceFromFile(PathDialog):
    """A critic piece of your own from a TOML or JSON file (see the README for the fields)."""

    dialog_id = "piece-dialog"
    PATH_ID = "piece-path"
    LABEL = "File (TOML or JSON): outlet, kind, score or stance, summary, ..."
    PLACEHOLDER = "path/to/piece.toml"
    EMPTY = "give the path of a TOML or JSON file"
    FAILURE = "cannot read that file"

    def __init__(self, tracker: Tracker, show: Show) -> None:
        super().__init__(tracker)
        self.show = show

    def heading(self) -> Content:
        return Content.assemble(plain("Add a critic piece on "), styled(self.show.title, "bold"))

    def use(self, path: Path) -> None:
        self.tracker.check_piece(self.show.slug, path)


class StatusPicker(ModalScreen[str | None]):
    """Pick a status by hand, or hand it back to progress."""

    CSS_PATH = "dialogs.tcss"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="status.cancel"),
        Binding("enter", "select", "Choose", id="status.choose"),
    ]

    def action_select(self) -> None:
        self.query_one(OptionList).action_select()

    def __init__(self, show: Show, entry: Entry) -> None:
        super().__init__()
        self.show = show
        self.entry = entry

    def compose(self) -> ComposeResult:
        options = [Option(Content(status.value), id=status.value) for status in Status]
        options.append(Option(Content("auto (follow progress)"), id="auto"))
        with Vertical(classes="dialog", id="status-dialog"):
            yield Label(Content.assemble(plain("Status of "), styled(self.show.title, "bold")))
            yield OptionList(*options, id="status-options")
        yield KeyBar()

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        options.highlighted = list(Status).index(self.entry.status)
        options.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)


HELP = """\
watchlist keeps your season: mark episodes as you watch them, record your
verdict, and hold it up against what the critics said.

Your scores are shown in your score format (Score/10 on the board; change
it from the command palette, ctrl+p). Stances run must-watch, keep-watching,
wait-and-see, skeptical, drop; a stance alone stands for a typical score.

Critics/100 on the board is the reviews' consensus on 0-100; "83 h" is the
previews' hype, before any review. A critic's score is the rating the piece
gave, on its own scale, or, where the text gives no number, our reading of
it (marked r on the critics screen). Agreement with a critic is your score
minus theirs: within 10 points agree, within 25 differ, beyond that
disagree. In blind mode critics stay hidden until you give your verdict.

Air dates with ~ are estimated, counted weekly from the last known date;
with ? they are uncertain (a break or a double episode lies near them).

Every change is saved to disk before the toast says so.
"""


class HelpScreen(ModalScreen[None]):
    """The keys of the screen underneath, and a few words on how watchlist thinks."""

    CSS_PATH = "dialogs.tcss"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,question_mark,q", "dismiss_help", "Close", id="help.close"),
    ]

    def __init__(self, keys: list[tuple[str, str]]) -> None:
        super().__init__()
        self.keys = keys

    def compose(self) -> ComposeResult:
        parts = [styled("Keys here", "bold")]
        for key, description in self.keys:
            parts.append(
                Content.assemble(styled(f"{key:>12}  ", "bold $accent"), plain(description))
            )
        parts += [Content(""), styled("How it works", "bold"), Content(HELP)]
        with VerticalScroll(classes="dialog", id="help-dialog"):
            yield Static(lines(*parts))
        yield KeyBar()

    def action_dismiss_help(self) -> None:
        self.dismiss(None)
