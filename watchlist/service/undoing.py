"""Undo: the last changes, step by step, from the journal the store keeps with the data."""

from __future__ import annotations

from watchlist.service.base import TrackerBase
from watchlist.storage.journal import MAX_STEPS, NothingToUndo, Step, UndoConflict

__all__ = ["MAX_STEPS", "NothingToUndo", "Step", "UndoConflict", "UndoJobs"]


class UndoJobs(TrackerBase):
    def undo(self, *, own_first: bool = False) -> Step:
        """Undo the newest change (a mark, a verdict, an import...), saved as durably as
        any change; NothingToUndo or UndoConflict (nothing changed) otherwise.

        With `own_first` (a running TUI), the newest change this copy made comes first,
        so two copies open at once never undo each other's work unasked; a change the
        other copy has since built on is refused, never undone under it."""
        step = self.store.undo(own_first=own_first)
        self._reload_catalog()  # a catalog import may have been undone
        return step

    def history(self) -> list[Step]:
        """What `undo` would undo, newest first."""
        return self.store.history()

    def made_here(self, step: Step) -> bool:
        """Whether this running copy made the change (else another copy, or an earlier
        run, did)."""
        return step.origin == self.store.origin
