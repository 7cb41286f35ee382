"""Critics side by side: a column for you and one per critic piece, with your agreement."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.geometry import Size
from textual.widgets import Static

from watchlist.domain.agreement import Difference, PieceComparison
from watchlist.domain.model import Entry, Show
from watchlist.domain.scoring import Agreement, ScoreFormat, show_score
from watchlist.domain.shield import Opening, opening_text
from watchlist.service.details import Comparison
from watchlist.service.tracker import Tracker
from watchlist.tui.saving import Change, DataChanged
from watchlist.tui.screens.show_actions import ShowActions
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
        return lines(*parts, *community_parts(c))
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
    return lines(*parts, *community_parts(c))


def community_parts(c: Comparison) -> list[Content]:
    """The audience beside the critics (never in their consensus), with its dataset and
    date; hidden with them in blind mode."""
    community = c.show.community
    if community is None:
        return []
    parts = [Content(""), styled("Community", "bold")]
    if c.hidden:
        return [*parts, styled("hidden (blind mode)", "dim")]
    return [*parts, plain(f"{community.score}/100, the audience"), styled(community.label, "dim")]


def piece_column(pc: PieceComparison, hidden: bool, opens_at: Opening | None = None) -> Content:
    piece = pc.piece
    when = piece.published.isoformat() if piece.published else "date unknown"
    parts = [
        styled(piece.outlet_name, "bold underline"),
        plain(piece.critic) if piece.critic else styled("critic not named", "dim"),
        styled(f"{piece.kind_text} · {when}", "dim"),
        Content(""),
    ]
    if opens_at is not None:
        parts += [
            styled(f"Closed: it {opening_text(opens_at)}.", "italic"),
            styled("(spoiler shield: o opens it now)", "dim"),
        ]
        return lines(*parts)
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
        difference_line("You now", pc.now),
    ]
    if pc.then is not None:
        at = pc.then.verdict.episode
        parts.append(difference_line(f"You then ({_at(at)})", pc.then))
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


def _at(episode: int | None) -> str:
    return f"ep {episode}" if episode else "before ep 1"


STRIP_ROWS = 6
"""Pieces the strip lists at once (it scrolls with the selection); half on short terminals."""
COLUMN_WIDTH = 42
YOU_WIDTH = 34


def strip_line(
    n: int,
    pc: PieceComparison,
    hidden: bool,
    selected: bool,
    shown: bool,
    width: int,
    opens_at: Opening | None = None,
) -> Content:
    """One piece in the strip, on one line of `width` cells: who, kind, stance, score (r:
    our reading) and your agreement."""
    piece = pc.piece
    kind = piece.kind.value + (f" {piece.episode}" if piece.episode else "")
    marker = "▶ " if selected else ("· " if shown else "  ")
    room = max(12, width - 2 - 4 - 11 - 14 - 6 - 14)
    who = piece.byline if len(piece.byline) <= room else piece.byline[: room - 1] + "…"
    if opens_at is not None:
        tail = styled(f"closed · {opening_text(opens_at)}", "dim")
    elif hidden:
        tail = styled("hidden (blind mode)", "dim")
    else:
        score = f"{piece.score}" + ("" if piece.rated else "r")
        agreement = (
            styled(f"{pc.now.delta:+d} {pc.now.agreement.value}", AGREEMENT_STYLE[pc.now.agreement])
            if pc.now
            else styled("no verdict", "dim")
        )
        tail = Content.assemble(plain(f"{piece.stance.value:<13} {score:>4}  "), agreement)
    line = Content.assemble(
        styled(marker, "bold $accent"), plain(f"{n:>2}. {who:<{room}} {kind:<10} "), tail
    )
    return line.stylize("bold") if selected else line


class CriticsScreen(ShowActions):
    """You, pinned on the left; the critic pieces to the right, as many whole columns as
    the terminal holds, stepped through with left and right; above them a strip with
    every piece's stance, score and your agreement."""

    CSS_PATH = "critics.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "app.pop_screen", "Back", id="critics.back"),
        Binding("left", "step(-1)", "Previous", id="critics.previous"),
        Binding("right", "step(1)", "Next critic", id="critics.next"),
        Binding("shift+tab", "step(-1)", show=False),
        Binding("tab", "step(1)", show=False),
        Binding("down", "scroll_detail(1)", "Scroll", show=False, id="critics.down"),
        Binding("up", "scroll_detail(-1)", "Scroll up", show=False, id="critics.up"),
        Binding("pagedown", "page_detail(1)", "Page down", show=False, id="critics.page-down"),
        Binding("pageup", "page_detail(-1)", "Page up", show=False, id="critics.page-up"),
        Binding("home", "detail_edge(0)", "Top", show=False, id="critics.top"),
        Binding("end", "detail_edge(1)", "Bottom", show=False, id="critics.bottom"),
        Binding("v", "verdict", "Verdict", id="critics.verdict"),
        Binding("a", "add_piece", "Add piece", id="critics.add"),
        Binding("o", "open_piece", "Open piece", id="critics.open"),
        Binding("O", "open_show", "Open all", show=False, id="critics.open-all"),
    ]

    def __init__(self, tracker: Tracker, slug: str) -> None:
        super().__init__()
        self.tracker = tracker
        self.slug = slug
        self.selected = 0
        self.comparison: Comparison | None = None
        self._drawn_size: Size | None = None

    def compose(self) -> ComposeResult:
        yield TitleBar()
        yield Static(id="critics-heading")
        yield Static(id="critics-strip")
        with Horizontal(id="critics-body"):
            with VerticalScroll(id="critics-you", classes="critic-column you", can_focus=False):
                yield Static(id="critics-you-text")
            with VerticalScroll(id="critics-detail", can_focus=False):
                yield Horizontal(id="critics-columns")
        yield KeyBar()

    def on_mount(self) -> None:
        self.reload()

    def on_resize(self) -> None:
        # The first resize comes right after the mount drew the screen at this size. The
        # height counts too: it sets how many pieces the strip lists.
        if self.comparison is not None and self.size != self._drawn_size:
            self._draw_columns()

    def on_data_changed(self, message: DataChanged) -> None:
        if message.slug in (None, self.slug):
            self.reload()

    @property
    def per_view(self) -> int:
        """Whole piece columns the terminal holds beside yours."""
        width = self.size.width or 120
        return max(1, (width - YOU_WIDTH - 2) // COLUMN_WIDTH)

    def reload(self) -> None:
        self.mark_drawn()
        comparison = self.comparison = self.tracker.compare(self.slug)
        fmt = self.tracker.settings().score_format
        self.sub_title = f"Critics on {comparison.show.title}"
        count = len(comparison.pieces)
        self.selected = min(self.selected, max(0, count - 1))
        heading = Content.assemble(
            styled(comparison.show.title, "bold"),
            plain(f"  ·  you and {count} critic piece{'s' if count != 1 else ''}"),
        )
        if not count:
            heading = Content.assemble(heading, plain("  ·  nothing to compare yet"))
        elif not comparison.hidden:
            heading = Content.assemble(heading, styled("  ·  scores /100, r: our reading", "dim"))
        self.query_one("#critics-heading", Static).update(heading)
        self.query_one("#critics-you-text", Static).update(you_column(comparison, fmt))
        self._draw_columns()
        self.refresh_bindings()  # "open" only while a piece is closed

    def _window(self) -> range:
        assert self.comparison is not None
        count, per_view = len(self.comparison.pieces), self.per_view
        first = min(self.selected, max(0, count - per_view))
        return range(first, min(count, first + per_view))

    def _draw_columns(self) -> None:
        comparison = self.comparison
        assert comparison is not None
        self._drawn_size = self.size
        window = self._window()
        pieces = comparison.pieces
        shown = STRIP_ROWS if (self.size.height or 36) >= 30 else STRIP_ROWS // 2
        width = (self.size.width or 120) - 2
        top = min(max(0, self.selected - shown // 2), max(0, len(pieces) - shown))
        closed = comparison.closed
        rows = [
            strip_line(
                n + 1,
                pieces[n],
                comparison.hidden,
                n == self.selected,
                n in window,
                width,
                closed.get(pieces[n].piece.id),
            )
            for n in range(top, min(len(pieces), top + shown))
        ]
        if len(pieces) > shown:
            rows.append(
                styled(
                    f"   {self.selected + 1} of {len(pieces)}  ·  ← → other critics  ·  "
                    "↑ ↓ read on",
                    "dim",
                )
            )
        strip = self.query_one("#critics-strip", Static)
        strip.update(lines(*rows) if rows else Content(""))
        strip.display = bool(rows)
        columns = self.query_one("#critics-columns", Horizontal)
        columns.remove_children()
        columns.mount_all(
            Static(
                piece_column(pieces[n], comparison.hidden, closed.get(pieces[n].piece.id)),
                classes="critic-column",
            )
            for n in window
        )

    def action_step(self, direction: int) -> None:
        if self.comparison is None or not self.comparison.pieces:
            return
        self.selected = max(0, min(len(self.comparison.pieces) - 1, self.selected + direction))
        self.query_one("#critics-detail", VerticalScroll).scroll_home(animate=False)
        self._draw_columns()

    def action_scroll_detail(self, lines_: int) -> None:
        for name in ("#critics-detail", "#critics-you"):
            self.query_one(name, VerticalScroll).scroll_relative(y=lines_, animate=False)

    def action_page_detail(self, direction: int) -> None:
        detail = self.query_one("#critics-detail", VerticalScroll)
        self.action_scroll_detail(direction * max(1, detail.size.height - 1))

    def action_detail_edge(self, end: int) -> None:
        for name in ("#critics-detail", "#critics-you"):
            scroll = self.query_one(name, VerticalScroll)
            if end:
                scroll.scroll_end(animate=False)
            else:
                scroll.scroll_home(animate=False)

    def highlighted(self) -> tuple[Show, Entry] | None:
        return self.tracker.find(self.slug), self.tracker.entry(self.slug)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("open_piece", "open_show"):
            return bool(self.comparison and self.comparison.closed)  # only with one closed
        return True

    def action_open_piece(self) -> None:
        """Open the selected piece before getting there, on purpose (u closes it again)."""
        comparison = self.comparison
        if comparison is None or not comparison.pieces:
            return
        piece = comparison.pieces[self.selected].piece
        if piece.id not in comparison.closed:
            self.host.say(f"{piece.byline}'s piece is open already.")
            return
        self.save(
            Change(
                lambda: self.tracker.open_spoilers(self.slug, piece.id),
                lambda _: f"Opened {piece.byline}'s {piece.kind_text}; u closes it again",
                self.slug,
            )
        )

    def action_open_show(self) -> None:
        """Open every closed piece of this show, on purpose."""
        title = self.comparison.show.title if self.comparison else self.slug
        self.save(
            Change(
                lambda: self.tracker.open_spoilers(self.slug),
                lambda _: f"Opened every piece on {title}; u closes them again",
                self.slug,
            )
        )

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
