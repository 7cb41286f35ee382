"""Critics side by side: a column for you and one per critic piece, with your agreement."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import HorizontalScroll, VerticalScroll
from textual.content import Content
from textual.widgets import Static

from watchlist.domain.agreement import Difference, PieceComparison
from watchlist.domain.model import Entry, Show
from watchlist.domain.scoring import Agreement, ScoreFormat, show_score
from watchlist.service.details import Comparison
from watchlist.service.tracker import Tracker
from watchlist.tui.actions import ShowActions
from watchlist.tui.saving import Change, DataChanged
from watchlist.tui.text import lines, paragraph, plain, styled
from watchlist.tui.widgets.key_bar import KeyBar
from watchlist.tui.widgets.title_bar import TitleBar

AGREEMENT_STYLE = {
    Agreement.AGREE: "bold $text-success",
    Agreement.DIFFER: "bold $text-warning",
    Agreement.DISAGREE: "bold $text-error",
}


def difference_line(label: str, d: Difference | None) -> Content:
    """Colour and word, so it reads without colour too."""
    if d is None:
        return styled(f"{label}: no verdict of yours yet", "dim")
    return Content.assemble(
        plain(f"{label}: you {d.verdict.effective_score}, "),
        styled(f"{d.delta:+d} {d.agreement.value}", AGREEMENT_STYLE[d.agreement]),
    )


def you_column(c: Comparison, fmt: ScoreFormat) -> Content:
    current = c.current
    # Rows line up with the critic columns: name, byline, kind and date, blank.
    parts = [styled("You", "bold underline"), styled("your verdict", "dim")]
    if current is None:
        parts += [Content(""), Content(""), styled("No verdict yet. Press v to give one.", "dim")]
        return lines(*parts)
    at = f"at episode {current.episode}" if current.episode else "before episode 1"
    parts += [
        styled(at, "dim"),
        Content(""),
        Content.assemble(styled("Stance  ", "bold"), plain(current.effective_stance.value)),
        Content.assemble(
            styled("Score   ", "bold"),
            plain(f"{show_score(current.effective_score, fmt)} ({current.effective_score}/100)"),
        ),
    ]
    if current.notes:
        parts += [Content(""), styled("Notes", "bold"), paragraph(current.notes)]
    if len(c.verdicts) > 1:
        parts += [Content(""), styled("Earlier", "bold")]
        for verdict in reversed(c.verdicts[:-1]):
            where = f"ep {verdict.episode}" if verdict.episode else "before ep 1"
            parts.append(
                plain(f"{where}: {verdict.effective_score} {verdict.effective_stance.value}")
            )
    consensus = c.consensus
    if not c.hidden:
        parts += [Content(""), styled("Consensus", "bold")]
        for label, part in (("Hype", consensus.hype), ("Reception", consensus.reception)):
            shown = f"{part.score} {part.stance.value} ({part.count})" if part else "none"
            parts.append(plain(f"{label}: {shown}"))
    return lines(*parts)


def piece_column(pc: PieceComparison, hidden: bool) -> Content:
    piece = pc.piece
    kind = piece.kind.value + (f", episode {piece.episode}" if piece.episode else "")
    when = piece.published.isoformat() if piece.published else "date unknown"
    parts = [
        styled(piece.outlet_name, "bold underline"),
        plain(piece.critic) if piece.critic else styled("critic not named", "dim"),
        styled(f"{kind} · {when}", "dim"),
        Content(""),
    ]
    if hidden:
        parts += [
            styled("Hidden: give your verdict first.", "italic"),
            styled("(blind mode)", "dim"),
        ]
        return lines(*parts)
    parts += [
        Content.assemble(styled("Stance  ", "bold"), plain(piece.stance.value)),
        Content.assemble(styled("Score   ", "bold"), plain(piece.score_label)),
        Content.assemble(styled("Theirs  ", "bold"), plain(piece.original)),
        styled(piece.score_reason, "italic"),
        Content(""),
        difference_line("Now", pc.now),
    ]
    if pc.then is not None:
        parts.append(difference_line(f"At ep {pc.then.verdict.episode}", pc.then))
    parts += [Content(""), paragraph(piece.summary)]
    if piece.highlights:
        parts += [Content(""), styled("Highlights", "bold")]
        parts += [
            Content.assemble(styled("+ ", "$text-success"), paragraph(h)) for h in piece.highlights
        ]
    if piece.concerns:
        parts += [Content(""), styled("Concerns", "bold")]
        parts += [
            Content.assemble(styled("- ", "$text-error"), paragraph(c)) for c in piece.concerns
        ]
    if piece.quote:
        parts += [
            Content(""),
            styled(f"“{piece.quote}”", "italic"),
            styled(f"  {piece.byline}", "dim"),
        ]
    if piece.caveats:
        parts += [Content(""), styled("Our note (not the critic's)", "bold dim")]
        parts += [styled(caveat, "dim") for caveat in piece.caveats]
    return lines(*parts)


class CriticsScreen(ShowActions):
    CSS_PATH = "critics.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "app.pop_screen", "Back", id="critics.back"),
        Binding("v", "verdict", "Verdict", id="critics.verdict"),
        Binding("a", "add_piece", "Add piece", id="critics.add"),
        Binding("left", "scroll(-1)", "Scroll", show=False),
        Binding("right", "scroll(1)", "Scroll", show=False),
    ]

    def __init__(self, tracker: Tracker, slug: str) -> None:
        super().__init__()
        self.tracker = tracker
        self.slug = slug

    def compose(self) -> ComposeResult:
        yield TitleBar()
        yield Static(id="critics-heading")
        yield HorizontalScroll(id="critics-columns")
        yield KeyBar()

    def on_mount(self) -> None:
        self.reload()

    def on_data_changed(self, message: DataChanged) -> None:
        if message.slug in (None, self.slug):
            self.reload()

    def reload(self) -> None:
        self.mark_drawn()
        comparison = self.tracker.compare(self.slug)
        fmt = self.tracker.settings().score_format
        self.sub_title = f"Critics on {comparison.show.title}"
        heading = Content.assemble(
            styled(comparison.show.title, "bold"),
            plain(f"  ·  you and {len(comparison.pieces)} critic pieces"),
        )
        if not comparison.pieces:
            heading = Content.assemble(heading, plain("  ·  nothing to compare yet"))
        self.query_one("#critics-heading", Static).update(heading)
        columns = self.query_one("#critics-columns", HorizontalScroll)
        columns.remove_children()
        widgets = [VerticalScroll(Static(you_column(comparison, fmt)), classes="critic-column you")]
        for pc in comparison.pieces:
            widgets.append(
                VerticalScroll(Static(piece_column(pc, comparison.hidden)), classes="critic-column")
            )
        columns.mount_all(widgets)

    def action_scroll(self, direction: int) -> None:
        columns = self.query_one("#critics-columns", HorizontalScroll)
        columns.scroll_relative(x=direction * 40, animate=False)

    def highlighted(self) -> tuple[Show, Entry] | None:
        return self.tracker.find(self.slug), self.tracker.entry(self.slug)

    def action_add_piece(self) -> None:
        from watchlist.tui.screens.dialogs import PieceFromFile

        show = self.tracker.find(self.slug)

        def done(path: Path | None) -> None:
            if path is None:
                return
            self.save(
                Change(
                    lambda: self.tracker.add_piece(self.slug, path),
                    lambda piece: f"{show.title}: added {piece.byline}'s {piece.kind.value}",
                    self.slug,
                )
            )

        self.app.push_screen(PieceFromFile(self.tracker, show), done)
