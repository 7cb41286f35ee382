"""One show: facts and synopsis, the episode list, your verdicts, the critic pieces."""

from __future__ import annotations

from datetime import tzinfo
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import DataTable, Static

from watchlist.domain.dates import Logged
from watchlist.domain.model import Entry, Episode, Show
from watchlist.domain.progress import next_episode, progress_phrase
from watchlist.domain.schedule import episodes
from watchlist.domain.scoring import ScoreFormat, scale_label, show_score
from watchlist.domain.shield import opening_text
from watchlist.domain.show_facts import airs_text, date_legend, fact_rows
from watchlist.service.details import ShowDetail
from watchlist.service.tracker import Tracker
from watchlist.service.views import EntryChange
from watchlist.tui.saving import Change, DataChanged
from watchlist.tui.screens.show_actions import ShowActions
from watchlist.tui.text import cell, lines, moment, paragraph, plain, styled
from watchlist.tui.widgets.key_bar import KeyBar
from watchlist.tui.widgets.title_bar import TitleBar

EpisodeSource = tuple[Episode, bool, Logged, int | None, str, ScoreFormat]
"""What an episode's row is drawn from: redrawn only when this changes."""


def facts_content(detail: ShowDetail) -> Content:
    show = detail.show
    facts = []
    for label, value in fact_rows(show, detail.language):
        shown = plain(value) if value not in (None, "") else styled("unknown", "dim")
        facts.append(Content.assemble(styled(f"{label:<19}", "bold"), shown))
    return lines(*facts)


def _airs_style(episode: Episode) -> str:
    """Episodes outside the season are dim; estimated dates are italic as well as marked."""
    style = "dim" if episode.in_season is False else ""
    return f"{style} italic".strip() if episode.estimated else style


class ShowScreen(ShowActions):
    CSS_PATH = "show.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "app.pop_screen", "Back", id="show.back"),
        Binding("i", "switch_pane", "Info", id="show.pane"),
        Binding("space", "toggle_episode", "Toggle", id="show.toggle"),
        Binding("plus", "mark_next", "+1 ep", show=False, id="show.next"),
        Binding("minus", "unmark_last", "-1 ep", show=False, id="show.unmark"),
        Binding("e", "edit_episode", "Episode", id="show.episode"),
        Binding("v", "verdict", "Verdict", id="show.verdict"),
        Binding("c", "critics", "Critics", id="show.critics"),
        Binding("s", "set_status", "Status", id="show.status"),
        Binding("d", "edit_details", "Details", id="show.details"),
        Binding("h", "history", "Verdicts", id="show.history"),
    ]
    NARROW = 100
    """Below this width the facts and the episodes take turns (i switches)."""

    def __init__(self, tracker: Tracker, slug: str, *, tz: tzinfo | None = None) -> None:
        super().__init__()
        self.tracker = tracker
        self.slug = slug
        self.tz = tz
        self.detail: ShowDetail
        self._shown: dict[str, EpisodeSource] = {}
        """Episode row key -> what its cells were drawn from."""

    def compose(self) -> ComposeResult:
        yield TitleBar()
        with Horizontal(id="show-body"):
            with VerticalScroll(id="show-about"):
                yield Static(id="show-title")
                yield Static(id="show-facts")
                yield Static(id="show-synopsis")
                yield Static(id="show-verdicts")
                yield Static(id="show-comments")
                yield Static(id="show-critics")
            with Vertical(id="show-episodes"):
                yield Static(id="show-progress")
                table: DataTable[Text] = DataTable(cursor_type="row", zebra_stripes=True)
                self._add_columns(table, note_width=20)
                yield table
                yield Static(id="show-episode-note")
                yield Static(id="show-date-legend")
        yield KeyBar()

    @property
    def episodes(self) -> DataTable[Text]:
        return self.query_one(DataTable)

    def on_mount(self) -> None:
        self.reload()
        self.episodes.focus()
        show = self.detail.show
        following = next_episode(show, self.detail.entry)
        if following is not None and show.episodes:
            self.episodes.move_cursor(row=following - 1)

    def reload(self) -> None:
        self.mark_drawn()
        self.detail = self.tracker.detail(self.slug)
        self.render_detail()

    def on_data_changed(self, message: DataChanged) -> None:
        if message.slug in (None, self.slug):
            self.reload()

    def render_detail(self) -> None:
        detail = self.detail
        show, entry = detail.show, detail.entry
        fmt = self.tracker.settings().score_format
        self.sub_title = detail.title
        self.query_one("#show-title", Static).update(styled(detail.title, "bold"))
        self.query_one("#show-facts", Static).update(facts_content(detail))
        self.query_one("#show-synopsis", Static).update(paragraph(show.synopsis or "No synopsis."))
        self.query_one("#show-verdicts", Static).update(self._verdicts(fmt))
        comments = self.query_one("#show-comments", Static)
        comments.display = bool(entry.comments)
        comments.update(lines(styled("Comments", "bold"), paragraph(entry.comments)))
        self.query_one("#show-critics", Static).update(self._critics())
        how = " (set by hand)" if entry.status_by_hand else ""
        dates = []
        if entry.started:
            dates.append(f"started {entry.started.isoformat()}")
        if entry.finished:
            dates.append(f"finished {entry.finished.isoformat()}")
        if entry.rewatch_count:
            dates.append(f"rewatched {entry.rewatch_count}x")
        progress = Content.assemble(
            styled(f"Progress {progress_phrase(show, entry)}{how}", "bold"),
            plain(("  ·  " + ", ".join(dates)) if dates else ""),
        )
        self.query_one("#show-progress", Static).update(progress)
        self._fill_episodes(entry, fmt)
        legend = self.query_one("#show-date-legend", Static)
        text = date_legend(episodes(show))
        legend.display = bool(text)
        legend.update(styled(text, "dim"))

    def _fill_episodes(self, entry: Entry, fmt: ScoreFormat) -> None:
        table = self.episodes
        sources = {
            str(episode.number): (
                episode,
                episode.number in entry.watched,
                entry.watched.get(episode.number),
                entry.ratings.get(episode.number),
                entry.notes.get(episode.number, ""),
                fmt,
            )
            for episode in episodes(self.detail.show)
        }
        if list(sources) == list(self._shown):
            # The same episodes: redraw only the rows that changed, so a toggle on
            # a long-running show does not rebuild (and re-measure) the whole table.
            for key, source in sources.items():
                if source != self._shown[key]:
                    cells = self._episode_cells(*source)
                    for column, value in zip(self._columns, cells, strict=True):
                        table.update_cell(key, column, value)  # widths are fixed: no re-measure
        else:
            cursor = table.cursor_row
            table.clear()
            for key, source in sources.items():
                table.add_row(*self._episode_cells(*source), key=key)
            if table.row_count:
                table.move_cursor(row=min(cursor, table.row_count - 1))
        self._shown = sources

    def _episode_cells(
        self,
        episode: Episode,
        watched: bool,
        watched_at: Logged,
        score: int | None,
        note: str,
        fmt: ScoreFormat,
    ) -> tuple[Text, ...]:
        airs = airs_text(episode)
        mark = "✔ " if watched else "  "
        when = "undated" if watched and watched_at is None else moment(watched_at, self.tz)
        return (
            cell(f"{mark}{episode.number}", "bold green" if watched else ""),
            cell(airs, _airs_style(episode)),
            cell(when, "dim" if watched_at is None else ""),
            cell(show_score(score, fmt)),
            cell(note.replace("\n", " ")),  # cut by the column; whole under the table
        )

    def _verdicts(self, fmt: ScoreFormat) -> Content:
        verdicts = self.detail.verdicts
        heading = styled("Your verdict", "bold")
        if not verdicts:
            return lines(heading, styled("None yet: press v to give one.", "dim"))
        current = verdicts[-1]
        parts = [
            heading,
            Content.assemble(
                styled(f"{show_score(current.effective_score, fmt)}{scale_label(fmt)}", "bold"),
                plain(f" · {current.effective_stance.value} · "),
                styled(_at(current.episode), "dim"),
            ),
        ]
        if current.notes:
            parts.append(paragraph(current.notes))
        if len(verdicts) > 1:
            parts += [Content(""), styled("Timeline", "bold")]
            for verdict in reversed(verdicts):
                parts.append(
                    plain(
                        f"{moment(verdict.given_at, self.tz)}  {_at(verdict.episode):<12} "
                        f"{show_score(verdict.effective_score, fmt):>5}  "
                        f"{verdict.effective_stance.value}"
                    )
                )
        points = [p for p in self.detail.arc() if p.critics is not None]
        if points:
            parts += [Content(""), styled("You and the critics (0-100)", "bold")]
            for point in points:
                you = "-" if point.you is None else point.you
                parts.append(plain(f"{point.label:<7} you {you:>3} · critics {point.critics}"))
            for a in self.detail.critic_arcs():
                parts.append(
                    styled(f"{a.critic}: premiere {a.premiere} → season {a.season}", "dim")
                )
        return lines(*parts)

    def _critics(self) -> Content:
        detail = self.detail
        if not detail.pieces:
            return styled("No critic pieces yet.", "dim")
        hidden = detail.hidden
        parts = [styled(f"Critics ({len(detail.pieces)}): press c to compare", "bold")]
        if not hidden:
            parts.append(styled(f"Consensus: {detail.consensus.describe()}", "dim"))
        for piece in detail.pieces:
            opening = detail.closed.get(piece.id)
            if opening is not None:
                score = f"closed: {opening_text(opening)}"
            elif hidden:
                score = "hidden (blind mode)"
            else:
                score = f"{piece.score_label}, {piece.stance.value}"
            about = styled(f"  {piece.kind_short} · {score}", "dim")
            parts.append(Content.assemble(plain(piece.byline), about))
        return lines(*parts)

    def highlighted(self) -> tuple[Show, Entry] | None:
        return self.detail.show, self.detail.entry

    def on_resize(self) -> None:
        self.set_class(self.size.width < self.NARROW, "narrow")
        self.call_after_refresh(self._fit_note_column)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "switch_pane":
            return self.has_class("narrow")
        return True

    COLUMN_WIDTHS = (("Ep", 5), ("Airs", 12), ("Watched", 16), ("Score", 6))

    def _add_columns(self, table: DataTable[Text], *, note_width: int) -> None:
        self._columns = [table.add_column(label, width=w) for label, w in self.COLUMN_WIDTHS]
        self._columns.append(table.add_column("Note", width=note_width))
        self._note_width = note_width

    def _fit_note_column(self) -> None:
        """The note column takes the room the pane has left, so a note reads as far as
        it can (and whole under the table); the table never scrolls sideways."""
        table = self.episodes
        padding = 2 * table.cell_padding
        others = sum(width + padding for _, width in self.COLUMN_WIDTHS)
        room = max(4, table.scrollable_content_region.width - others - padding)
        if room != self._note_width:
            cursor = table.cursor_row
            table.clear(columns=True)
            self._add_columns(table, note_width=room)
            self._shown = {}
            self._fill_episodes(self.detail.entry, self.tracker.settings().score_format)
            if table.row_count:
                table.move_cursor(row=min(cursor, table.row_count - 1))

    def action_switch_pane(self) -> None:
        """On a narrow terminal: the facts, synopsis and verdicts, or the episodes."""
        self.toggle_class("about")
        if self.has_class("about"):
            self.query_one("#show-about").focus()
        else:
            self.episodes.focus()

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._show_episode_note()

    def _show_episode_note(self) -> None:
        """The highlighted episode's whole note, under the table."""
        number = self._cursor_episode()
        note = self.detail.entry.notes.get(number or 0, "")
        shown = self.query_one("#show-episode-note", Static)
        shown.display = bool(note)
        shown.update(Content.assemble(styled(f"Episode {number}: ", "bold"), paragraph(note)))

    def _cursor_episode(self) -> int | None:
        table = self.episodes
        if not table.row_count:
            return None
        return table.cursor_row + 1

    def action_toggle_episode(self) -> None:
        number = self._cursor_episode()
        if number is None:
            return
        show = self.detail.show

        def describe(saved: EntryChange) -> str:
            state = "watched" if number in saved.entry.watched else "unmarked"
            undo = "" if state == "watched" else "; u undoes it"
            phrase = progress_phrase(show, saved.entry)
            return f"{show.title}: episode {number} {state} ({phrase}){undo}"

        self.save(Change(lambda: self.tracker.toggle(self.slug, number), describe, self.slug))

    def action_edit_episode(self) -> None:
        number = self._cursor_episode()
        if number is None:
            return
        from watchlist.tui.screens.dialogs import EpisodeDraft, EpisodeEditor

        show, entry = self.detail.show, self.detail.entry

        def done(draft: EpisodeDraft | None) -> None:
            if draft is None:
                return
            before = entry

            def describe(result: EntryChange) -> str:
                saved = result.entry
                changed = [
                    what
                    for what, old, new in (
                        ("score", before.ratings.get(number), saved.ratings.get(number)),
                        ("note", before.notes.get(number), saved.notes.get(number)),
                        ("day watched", before.watched.get(number), saved.watched.get(number)),
                    )
                    if old != new
                ]
                if not changed:
                    return f"{show.title}: episode {number} unchanged"
                return f"{show.title}: episode {number} {' and '.join(changed)} saved"

            self.save(
                Change(
                    lambda: self.tracker.edit_episode(
                        self.slug,
                        number,
                        score=draft.score,
                        note=draft.note,
                        watched_on=draft.watched_on,
                    ),
                    describe,
                    self.slug,
                )
            )

        self.app.push_screen(EpisodeEditor(self.tracker, show, entry, number), done)


def _at(episode: int | None) -> str:
    return f"at ep {episode}" if episode else "before ep 1"
