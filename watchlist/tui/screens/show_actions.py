"""Actions on one show, shared by the lists and the show screen."""

from __future__ import annotations

from watchlist.domain.model import Entry, Show, Verdict
from watchlist.domain.progress import progress_phrase
from watchlist.domain.scoring import show_score
from watchlist.domain.text import episodes_phrase
from watchlist.service.entries import DetailsInput
from watchlist.service.tracker import Tracker
from watchlist.service.verdicts import VerdictInput
from watchlist.service.views import EntryChange
from watchlist.tui.saving import Change
from watchlist.tui.store_screen import StoreScreen
from watchlist.tui.text import moment


class ShowActions(StoreScreen):
    """Needs `tracker` and `highlighted()`: the show an action applies to."""

    tracker: Tracker

    def highlighted(self) -> tuple[Show, Entry] | None:
        raise NotImplementedError

    def save(self, change: Change) -> None:
        self.host.request_save(change)

    def action_mark_next(self) -> None:
        target = self.highlighted()
        if target is None:
            return
        show, entry = target
        queued = self.host.marks_queued(show.slug)
        if show.episodes is not None and entry.progress + queued >= show.episodes:
            self.host.say(f"Every episode of {show.title} is already marked.", "warning")
            return

        def describe(saved: EntryChange) -> str:
            return (
                f"{show.title}: {episodes_phrase(saved.added)} watched "
                f"({progress_phrase(show, saved.entry)})"
            )

        self.save(
            Change(lambda: self.tracker.watch_next(show.slug), describe, show.slug, mark=True)
        )

    def action_unmark_last(self) -> None:
        target = self.highlighted()
        if target is None:
            return
        show, _ = target

        def describe(saved: EntryChange) -> str:
            return (
                f"{show.title}: {episodes_phrase(saved.removed)} unmarked "
                f"({progress_phrase(show, saved.entry)}); u undoes it"
            )

        self.save(Change(lambda: self.tracker.unwatch_last(show.slug), describe, show.slug))

    def action_verdict(self) -> None:
        target = self.highlighted()
        if target is None:
            return
        show, entry = target
        from watchlist.tui.screens.dialogs import VerdictEditor

        current = self.tracker.detail(show.slug).current

        def done(draft: VerdictInput | None) -> None:
            if draft is None:
                return
            fmt = self.tracker.settings().score_format

            def describe(verdict: Verdict) -> str:
                return (
                    f"{show.title}: verdict saved, {show_score(verdict.effective_score, fmt)} "
                    f"({verdict.effective_stance.value})"
                )

            self.save(
                Change(
                    lambda: self.tracker.give_verdict(show.slug, draft),
                    describe,
                    show.slug,
                )
            )

        self.app.push_screen(VerdictEditor(self.tracker, show, entry, current), done)

    def action_critics(self) -> None:
        target = self.highlighted()
        if target is not None:
            self.host.open_critics(target[0].slug)

    def action_set_status(self) -> None:
        target = self.highlighted()
        if target is None:
            return
        show, entry = target
        from watchlist.tui.screens.dialogs import StatusPicker

        def done(status: str | None) -> None:
            if status is None:
                return

            def describe(saved: EntryChange) -> str:
                return f"{show.title}: {saved.status_phrase()}"

            self.save(
                Change(lambda: self.tracker.set_status(show.slug, status), describe, show.slug)
            )

        self.app.push_screen(StatusPicker(show, entry), done)

    def action_edit_details(self) -> None:
        from watchlist.tui.screens.entry_dialogs import DetailsEditor

        target = self.highlighted()
        if target is None:
            return
        show, entry = target

        def done(draft: DetailsInput | None) -> None:
            if draft is not None:
                self.save(
                    Change(
                        lambda: self.tracker.set_details(show.slug, draft),
                        lambda saved: f"{show.title}: your entry saved",
                        show.slug,
                    )
                )

        self.app.push_screen(DetailsEditor(self.tracker, show, entry), done)

    def action_history(self) -> None:
        """Your verdict timeline: correct a verdict in place, or delete it."""
        from watchlist.tui.screens.dialogs import VerdictEditor
        from watchlist.tui.screens.entry_dialogs import VerdictHistory

        target = self.highlighted()
        if target is None:
            return
        show, entry = target
        verdicts = self.tracker.detail(show.slug).verdicts
        if not verdicts:
            self.host.say(f"No verdict on {show.title} yet: press v to give one.")
            return
        fmt = self.tracker.settings().score_format
        tz = self.host.tz

        def corrected(verdict: Verdict, draft: VerdictInput | None) -> None:
            if draft is not None:
                self.save(
                    Change(
                        lambda: self.tracker.edit_verdict(show.slug, verdict.id, draft),
                        lambda saved: f"{show.title}: verdict corrected",
                        show.slug,
                    )
                )

        def chosen(choice: tuple[str, Verdict] | None) -> None:
            if choice is None:
                return
            what, verdict = choice
            if what == "delete":
                self.save(
                    Change(
                        lambda: self.tracker.delete_verdict(show.slug, verdict.id),
                        lambda gone: (
                            f"{show.title}: verdict of {moment(gone.given_at, tz)} deleted; "
                            "press u to undo"
                        ),
                        show.slug,
                    )
                )
                return
            editor = VerdictEditor(self.tracker, show, entry, verdict, editing=True)
            self.app.push_screen(editor, lambda draft: corrected(verdict, draft))

        self.app.push_screen(VerdictHistory(show, verdicts, fmt), chosen)

    def open_show(self, slug: str) -> None:
        self.host.open_show(slug)
