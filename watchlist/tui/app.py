"""The watchlist TUI: the app composes the modes declared in `modes` and moves between
them and the screens opened over them; saves run in the `Saver`'s thread workers."""

from __future__ import annotations

import asyncio
import contextlib
import gc
import signal
import time
from collections.abc import Mapping
from datetime import tzinfo
from functools import partial
from typing import Any, ClassVar

from textual.actions import ActionParseResult
from textual.app import App
from textual.await_complete import AwaitComplete
from textual.binding import Binding, BindingType
from textual.command import Provider
from textual.dom import DOMNode
from textual.notifications import SeverityLevel
from textual.worker import Worker, WorkerState

from watchlist.domain.text import printable_line
from watchlist.service.errors import StorageError
from watchlist.service.tracker import Tracker
from watchlist.service.undoing import Step
from watchlist.service.verdicts import VerdictInput
from watchlist.service.views import EntryChange
from watchlist.tui.modes import HOME, MODES, mode_bindings
from watchlist.tui.saving import SAVE_WORKER, Change, DataChanged, Saver, describe_error
from watchlist.tui.screens.show_list import BoardScreen


def _show_commands() -> type[Provider]:
    from watchlist.tui.palette import ShowCommands

    return ShowCommands


def _action_commands() -> type[Provider]:
    from watchlist.tui.palette import ActionCommands

    return ActionCommands


REPEAT_WINDOW = 3.0
"""Seconds during which the same warning is not shown twice (200 presses, one toast)."""


class WatchlistApp(App[int]):
    CSS_PATH = "app.tcss"
    TITLE = "watchlist"
    DEFAULT_MODE = HOME.name
    """Start straight on the board: no blank default screen to build and leave."""
    # Providers as callables: their module loads when the palette first opens.
    COMMANDS: ClassVar = App.COMMANDS | {_show_commands, _action_commands}
    # In footer order, after the keys of the screen: the way to the other modes, the
    # board's seasons, then quit and help. The footer shows the mode keys only on the
    # modes' own screens (a show screen has no room); they work everywhere.
    BINDINGS: ClassVar[list[BindingType]] = [
        *mode_bindings(),
        Binding(
            "right_square_bracket", "step_season(1)", "Season", key_display="[ ]", id="board.season"
        ),
        Binding(
            "left_square_bracket",
            "step_season(-1)",
            "Previous season",
            show=False,
            id="board.previous-season",
        ),
        Binding(
            "V", "checkpoint_verdict", "Verdict at checkpoint", show=False, id="app.checkpoint"
        ),
        Binding("u", "undo", "Undo", id="app.undo"),
        Binding("U", "undo_list", "Undo list", show=False, id="app.undo-list"),
        Binding("q", "quit", "Quit", id="app.quit"),
        Binding("question_mark", "help", "Help", id="app.help"),
    ]

    def __init__(
        self,
        tracker: Tracker,
        *,
        season: str | None = None,
        tz: tzinfo | None = None,
        watch_interval: float | None = 2.0,
        start: str = HOME.name,
    ) -> None:
        # Read by App.__init__: the first screen built. Textual declares it a ClassVar,
        # yet reads it from the instance, which is what lets one app open anywhere.
        self.DEFAULT_MODE = start  # type: ignore[misc]
        super().__init__()
        self.tracker = tracker
        if tracker.read_only:
            self.title = "watchlist (read-only)"  # in the title bar of every screen
        self.tz = tz
        """Time zone for logged moments; None is the user's own (tests fix it)."""
        self.season = season or tracker.default_season()
        self.saver = Saver(self, self.say, self._reached)
        self.checkpoint: tuple[str, int] | None = None
        """The last checkpoint a mark reached (show, episode): `V` gives a verdict at it."""
        self._quitting = False
        self._rereading = False
        # Reads come from memory; `_check_disk` re-reads a changed file in a worker.
        tracker.refresh_on_read = False
        self._last_warning: tuple[str, float] = ("", 0.0)
        self._watch_interval = watch_interval
        for mode in MODES:
            self.add_mode(mode.name, partial(mode.screen, self))

    def on_mount(self) -> None:
        theme = self.tracker.settings().theme
        if theme in self.available_themes:
            self.theme = theme
        for notice in self.tracker.notices():
            self.say(notice, "warning", timeout=30)
        if self.tracker.read_only:
            self.say(
                f"Opened read-only, changes cannot be saved: {self.tracker.read_only}",
                "warning",
                timeout=30,
            )
        if self._watch_interval:
            self.set_interval(self._watch_interval, self._check_disk)
        self.call_after_refresh(self._settle_memory)
        with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
            # Asked to stop (a shutdown, `kill`): finish the saves under way first.
            asyncio.get_running_loop().add_signal_handler(
                signal.SIGTERM, lambda: self.call_later(self.action_quit)
            )

    def _settle_memory(self) -> None:
        """Move everything loaded so far out of the garbage collector's sight.

        A large library is tens of thousands of long-lived objects; without this
        a full collection can pause a keystroke for 30-80 ms. Freezing costs
        nothing (no collection first: the little garbage of start-up stays).
        """
        gc.freeze()

    # ------------------------------------------------------------ messages

    def say(self, message: str, severity: SeverityLevel = "information", **kwargs: Any) -> None:
        """A toast; text from data is never read as markup."""
        text = printable_line(message)
        if severity != "information":
            last, when = self._last_warning
            now = time.monotonic()
            if text == last and now - when < REPEAT_WINDOW:
                return
            self._last_warning = (text, now)
        self.notify(text, severity=severity, markup=False, **kwargs)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """Every worker of the app ends here, routed by its name; a failure nothing
        else handles becomes a visible message, never silence."""
        if event.state not in (WorkerState.SUCCESS, WorkerState.ERROR, WorkerState.CANCELLED):
            return
        worker = event.worker
        handler = {SAVE_WORKER: self.saver.finished, "reread": self._reread_done}.get(worker.name)
        if handler is not None:
            handler(worker, event.state)
        elif event.state is WorkerState.ERROR:
            self.say(
                f"Something went wrong ({worker.name}: {describe_error(worker.error)}); "
                "nothing you saved was lost.",
                "error",
                timeout=15,
            )

    def _check_disk(self) -> None:
        """Pick up changes another copy of watchlist saved (a stat; the reading is a worker's)."""
        if self.saver.busy or self._rereading or not self.tracker.changed_on_disk():
            return
        self._rereading = True
        self.run_worker(self._reread, thread=True, exit_on_error=False, name="reread")

    def _reread(self) -> tuple[str | None, list[str]]:
        """In a worker thread: a large file takes a while to read, and keys keep coming."""
        problem = None
        try:
            self.tracker.refresh()
        except StorageError as error:
            problem = str(error)
        finally:
            # Taken here too: it waits for the store's lock, which a save may be holding.
            notices = self.tracker.notices()
        return problem, notices

    def _reread_done(self, worker: Worker[Any], state: WorkerState) -> None:
        self._rereading = False
        result: tuple[str | None, list[str]] | None = (
            worker.result if state is WorkerState.SUCCESS else None
        )
        problem, notices = result or (None, [])
        if state is WorkerState.ERROR:
            problem = describe_error(worker.error)
        if problem:
            self.say(
                f"Could not read the changes saved elsewhere: {problem}. What you see is "
                "what was saved before; watchlist will try again.",
                "error",
                timeout=15,
            )
        for notice in notices:
            self.say(notice, "warning", timeout=30)
        self.screen.post_message(DataChanged(None))

    # ------------------------------------------------------------- actions

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "switch_mode":
            # The footer has no room for a key that goes where you already are.
            return not parameters or parameters[0] != self.current_mode
        if action == "checkpoint_verdict":
            return self.checkpoint is not None
        if action == "step_season":
            return isinstance(self.screen, BoardScreen) and len(self.tracker.seasons()) > 1
        return True

    def request_save(self, change: Change) -> None:
        self.saver.request(change)

    def marks_queued(self, slug: str) -> int:
        """Marks of the next episode of `slug` asked for that have not landed yet."""
        return self.saver.marks_queued(slug)

    async def run_action(
        self,
        action: str | ActionParseResult,
        default_namespace: DOMNode | None = None,
        namespaces: Mapping[str, DOMNode] | None = None,
    ) -> bool:
        """Once quitting has begun, keys still arriving (`q t` in one burst) do nothing:
        a screen opened now would be torn down half built."""
        if self._quitting:
            return True
        return await super().run_action(action, default_namespace, namespaces)

    def pop_screen(self) -> AwaitComplete:
        """Leave the screen on top, never the last one: keys typed fast can ask twice
        (Enter twice in the command palette dismisses it twice)."""
        if len(self.screen_stack) <= 1:
            return AwaitComplete(asyncio.sleep(0))
        return super().pop_screen()

    async def action_quit(self) -> None:
        """Quit once every save asked for has reached the disk."""
        if not self._quitting:
            self._quitting = True
            # Waiting happens in its own task: the message loop must keep running to
            # report each save's end (its toast) before the app lets go.
            self.run_worker(self._quit_when_saved(), name="quit", exit_on_error=False)

    async def _quit_when_saved(self) -> None:
        await self.saver.finish(timeout=30)
        self.exit(0)

    def action_help(self) -> None:
        from watchlist.tui.screens.dialogs import HelpScreen

        if isinstance(self.screen, HelpScreen):
            return
        # Every key of each action ("space +"): one binding may name several keys.
        by_action: dict[str, tuple[list[str], str]] = {}
        for active in self.screen.active_bindings.values():
            binding = active.binding
            # Ours carry ids; Textual's own (scrolling, focus, copy) would only add noise.
            if binding.id and binding.description:
                line = binding.description
                if binding.tooltip:  # a mode's help line
                    line = f"{line} · {binding.tooltip}"
                shown, _ = by_action.setdefault(binding.action, ([], line))
                display = self.get_key_display(binding)
                if display not in shown:
                    shown.append(display)
        keys = [(" ".join(shown), description) for shown, description in by_action.values()]
        keys.append(("ctrl+p", "Command palette: jump to a show, go to a season, settings"))
        self.push_screen(HelpScreen(keys))

    def open_show(self, slug: str) -> None:
        from watchlist.tui.screens.show import ShowScreen

        self.push_screen(ShowScreen(self.tracker, slug, tz=self.tz))

    def open_critics(self, slug: str) -> None:
        from watchlist.tui.screens.critics import CriticsScreen

        self.push_screen(CriticsScreen(self.tracker, slug))

    def go_to_season(self, slug: str) -> None:
        """Show `slug` on the board (and in stats) now, and remember it for next time."""
        self.season = slug
        if isinstance(self.screen, BoardScreen):
            self.screen.show_season(slug)
        else:
            self.switch_mode(HOME.name)  # the board catches up as it resumes
        self.request_save(
            Change(lambda: self.tracker.choose_season(slug), lambda _: "", quiet=True, redraw=False)
        )

    def action_step_season(self, step: int) -> None:
        """The board's next or previous season (check_action: the board, two or more)."""
        slugs = [s.slug for s in self.tracker.seasons()]
        position = slugs.index(self.season) if self.season in slugs else -1
        self.go_to_season(slugs[(position + step) % len(slugs)])

    def _reached(self, result: EntryChange) -> None:
        """A mark reached a checkpoint: `V` offers the verdict there (never a dialog that
        would block or take the keys that follow)."""
        assert result.checkpoint is not None
        self.checkpoint = (result.show.slug, result.checkpoint)
        self.refresh_bindings()

    def action_checkpoint_verdict(self) -> None:
        """The verdict editor, set to the episode the last checkpoint was at."""
        from watchlist.tui.screens.dialogs import VerdictEditor

        if self.checkpoint is None:
            return
        slug, episode = self.checkpoint
        show, entry = self.tracker.find(slug), self.tracker.entry(slug)

        def done(draft: VerdictInput | None) -> None:
            if draft is None:
                return
            self.checkpoint = None
            self.request_save(
                Change(
                    lambda: self.tracker.give_verdict(slug, draft),
                    lambda v: f"{show.title}: your verdict at episode {v.episode} saved",
                    slug,
                )
            )

        current = self.tracker.detail(slug).current
        self.push_screen(VerdictEditor(self.tracker, show, entry, current, at=episode), done)

    def action_undo(self) -> None:
        """Take back the newest change this copy made (else the newest there is), saved
        like any change; the toast says what was undone."""
        tracker = self.tracker

        def said(step: Step) -> str:
            elsewhere = "" if tracker.made_here(step) else " (a change made elsewhere)"
            return f"Undone: {step.label}{elsewhere}"

        self.request_save(Change(lambda: tracker.undo(own_first=True), said))

    def action_undo_list(self) -> None:
        from watchlist.tui.screens.undo_list import UndoList

        steps = self.tracker.history()
        mine = {step.seq for step in steps if self.tracker.made_here(step)}

        def chosen(undo: bool | None) -> None:
            if undo:
                self.action_undo()

        self.push_screen(UndoList(steps, mine), chosen)

    def action_command_palette(self) -> None:
        from watchlist.tui.choices import Palette

        # Textual annotates is_open's app as App[object]; any app's screen does.
        if self.use_command_palette and not Palette.is_open(self):  # type: ignore[arg-type]
            self.push_screen(Palette(id="--command-palette"))

    def watch_theme(self, theme: str) -> None:
        if theme == self.tracker.settings().theme:
            return  # the saved theme, set as the app starts, is not saved again
        self.request_save(
            Change(
                lambda: self.tracker.update_settings(theme=theme),
                lambda s: f"Theme {s.theme} saved",
                quiet=True,
            )
        )


def make_app(
    tracker: Tracker,
    *,
    season: str | None = None,
    tz: tzinfo | None = None,
    watch_interval: float | None = 2.0,
    start: str = HOME.name,
) -> WatchlistApp:
    """The one factory used by the CLI, the tests and the screenshot script.

    `start` is the name of the mode to open on (see `modes.MODES`); the board by default.
    """
    return WatchlistApp(tracker, season=season, tz=tz, watch_interval=watch_interval, start=start)
