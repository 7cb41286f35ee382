"""Saves run in thread workers, in the order they were asked for, and report back."""

from __future__ import annotations

import asyncio
import contextlib
import threading
import time
from collections import Counter
from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, Any

from msgspec import Struct
from textual.message import Message
from textual.worker import Worker, WorkerCancelled, WorkerFailed, WorkerState

from watchlist.domain.errors import InvalidInput
from watchlist.service.errors import StorageError
from watchlist.service.views import EntryChange

if TYPE_CHECKING:
    from textual.app import App

SAVE_WORKER = "save"
"""The name every save's worker carries, by which the app routes its end here."""


class Change(Struct):
    """One thing to save: the service call and how to describe its result."""

    run: Callable[[], Any]
    """The tracker call; it returns only once the change is durable on disk."""
    describe: Callable[[Any], str]
    """The toast text for the saved result."""
    slug: str | None = None
    """The show it changes, so screens can refresh just that one."""
    quiet: bool = False
    """No toast (settings changed from the palette, for instance, say so themselves)."""
    mark: bool = False
    """A queued "next episode": counted until it lands, so rapid presses stop at the last."""
    redraw: bool = True
    """Screens redraw after it; not for what no screen shows (a remembered sort order)."""


class DataChanged(Message):
    """Sent to screens after a save or when another program changed the file."""

    def __init__(self, slug: str | None) -> None:
        super().__init__()
        self.slug = slug
        """None means anything may have changed."""


class SaveQueue:
    """Tickets that make thread workers save one at a time, first asked first saved.

    Each save gets its own worker (so a failure is reported for that save alone),
    but they wait their turn here: two quick toggles of one episode land in order.
    """

    def __init__(self) -> None:
        self._turn = threading.Condition()
        self._issued = 0
        self._serving = 0

    def ticket(self) -> int:
        with self._turn:
            self._issued += 1
            return self._issued

    def run_in_turn(self, ticket: int, call: Callable[[], Any]) -> Any:
        with self._turn:
            self._turn.wait_for(lambda: self._serving == ticket - 1)
        try:
            return call()
        finally:
            with self._turn:
                self._serving = ticket
                self._turn.notify_all()


def describe_error(error: BaseException | None) -> str:
    """An error in one line, for a message: its kind and what it says."""
    return f"{type(error).__name__}: {error}" if error is not None else "no reason given"


class Saver:
    """The save pipeline: each change asked for runs in its own thread worker, in turn,
    and is reported (a toast, a redraw) only once it is durable on disk.

    Never `exclusive=True`: that would cancel the saves still queued behind another.
    """

    def __init__(
        self,
        app: App[Any],
        say: Callable[..., None],
        checkpoint: Callable[[EntryChange], None] | None = None,
    ) -> None:
        self._app = app
        self._say = say
        self._checkpoint = checkpoint
        """Told of a saved mark that reached a checkpoint (see `EntryChange.checkpoint`)."""
        self._queue = SaveQueue()
        self._running: dict[Worker[Any], Change] = {}
        self._marks: Counter[str] = Counter()
        """Queued "next episode" marks per show, counted until they land."""

    def request(self, change: Change) -> None:
        """Start the save now: a quit that follows in the same burst of keys finds its
        worker already running, and waits for it."""
        if change.mark and change.slug:
            self._marks[change.slug] += 1
        ticket = self._queue.ticket()
        worker = self._app.run_worker(
            partial(self._queue.run_in_turn, ticket, change.run),
            name=SAVE_WORKER,
            group="saves",
            thread=True,
            exit_on_error=False,
        )
        self._running[worker] = change

    def marks_queued(self, slug: str) -> int:
        return self._marks[slug]

    @property
    def busy(self) -> int:
        """Saves asked for whose end has not been reported yet."""
        return len(self._running)

    def finished(self, worker: Worker[Any], state: WorkerState) -> None:
        """A toast once the save is durable, or a plain message if it is not."""
        change = self._running.pop(worker, None)
        if change is None:
            return
        if change.mark and change.slug:
            self._marks[change.slug] -= 1
        if state is WorkerState.SUCCESS:
            result = worker.result
            reached = result if isinstance(result, EntryChange) and result.checkpoint else None
            if not change.quiet:
                hint = " · your take at this point? press V" if reached else ""
                self._say(change.describe(result) + hint)
            if reached is not None and self._checkpoint is not None:
                self._checkpoint(reached)
        elif state is WorkerState.ERROR:
            self._refused(worker.error)
        if change.redraw or state is not WorkerState.SUCCESS:
            self._app.screen.post_message(DataChanged(change.slug))

    def _refused(self, error: BaseException | None) -> None:
        if isinstance(error, InvalidInput):
            self._say(str(error), "warning")
        elif isinstance(error, StorageError):
            self._say(f"Not saved: {error}", "error", timeout=15)
        else:
            self._say(
                f"Not saved ({describe_error(error)}); the file still holds everything "
                "saved before.",
                "error",
                timeout=15,
            )

    async def finish(self, timeout: float) -> None:
        """Wait until every save asked for has ended and been reported, or `timeout`."""
        deadline = time.monotonic() + timeout
        if self._running:
            self._say(f"Finishing {len(self._running)} saves before quitting…")
        while self._running and time.monotonic() < deadline:
            for worker in list(self._running):
                # A failed save has already said so; quitting goes on.
                with contextlib.suppress(WorkerFailed, WorkerCancelled):
                    await worker.wait()
            # Their ends are reported by the app's message loop, which keeps running.
            await asyncio.sleep(0.01)
