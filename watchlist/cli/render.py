"""Readable CLI output with Rich. Every piece of data goes in as `Text`, never as markup."""

from __future__ import annotations

import sys

from rich import box
from rich.console import Console, Group
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from watchlist.domain.agreement import Difference
from watchlist.domain.compare import Consensus
from watchlist.domain.dates import logged_text
from watchlist.domain.model import CriticPiece, Show
from watchlist.domain.progress import progress_count, progress_phrase
from watchlist.domain.schedule import episodes
from watchlist.domain.scoring import Agreement, ScoreFormat, show_score
from watchlist.domain.show_facts import (
    airs_text,
    behind_legend,
    date_legend,
    fact_rows,
    next_text,
)
from watchlist.domain.text import plural, printable, printable_line
from watchlist.service.details import BehindReport, Comparison, ShowDetail, StatsReport
from watchlist.service.views import Row


class _Stdout:
    """Standard output as Rich sees it. In a pipe each line loses the spaces Rich pads
    it with to the width of its block (they only get in the way of grep and diff); on
    a terminal, output passes as it is. Standard output is looked up at each write,
    so a redirected one (a test's capture) is the one written to."""

    def write(self, text: str) -> int:
        out = sys.stdout
        if out.isatty():
            return out.write(text)
        # Rich writes whole lines; a line's end is the only place padding sits.
        return out.write("\n".join(line.rstrip(" ") for line in text.split("\n")))

    def flush(self) -> None:
        sys.stdout.flush()

    def isatty(self) -> bool:
        return sys.stdout.isatty()


console = Console(file=_Stdout(), highlight=False, emoji=False, markup=False, soft_wrap=False)  # type: ignore[arg-type]

AGREEMENT_STYLE = {
    Agreement.AGREE: "green",
    Agreement.DIFFER: "yellow",
    Agreement.DISAGREE: "red",
}


def t(value: object, style: str = "") -> Text:
    """A cell from data: control characters made visible, brackets left alone."""
    return Text(printable_line(str(value)), style=style)


def para(value: str, style: str = "") -> Text:
    return Text(printable(value), style=style)


def consensus_text(c: Consensus | None) -> str:
    if c is None:
        return "-"
    return f"{c.score} {c.stance.value} ({c.count})"


def print_rows(rows: list[Row], fmt: ScoreFormat, season: str | None) -> None:
    table = Table(
        box=box.SIMPLE_HEAD,
        title=t(season or "all seasons"),
        title_justify="left",
        pad_edge=False,
        expand=True,
    )
    table.add_column("Title", ratio=1, no_wrap=True, overflow="ellipsis", min_width=16)
    table.add_column("Studio", no_wrap=True, overflow="ellipsis", max_width=14)
    table.add_column("Progress", justify="right", no_wrap=True, min_width=8)
    table.add_column("Status", no_wrap=True, min_width=13)
    table.add_column("Score", justify="right", no_wrap=True, min_width=5)
    table.add_column("Critics", justify="right", no_wrap=True, min_width=7)
    for row in rows:
        table.add_row(
            t(row.show.title),
            t(", ".join(row.show.studios) or "-"),
            t(progress_count(row.entry.progress, row.show.episodes)),
            t(row.status.value) if row.status else Text("—", style="dim"),
            t(show_score(row.score, fmt)),
            t(row.critics_text),
        )
    console.print(table)


def _facts(show: Show) -> Table:
    facts = Table.grid(padding=(0, 2))
    facts.add_column(style="bold")
    facts.add_column()
    for label, value in fact_rows(show):
        facts.add_row(t(label), t(value if value not in (None, "") else "unknown"))
    return facts


def print_detail(detail: ShowDetail, fmt: ScoreFormat) -> None:
    show, entry = detail.show, detail.entry
    console.print(t(show.title, "bold"))
    console.print(_facts(show))
    if show.synopsis:
        console.print()
        console.print(para(show.synopsis))
    console.print()
    how = " (set by hand)" if entry.status_by_hand else ""
    console.print(t(f"Progress {progress_phrase(show, entry)}{how}", "bold"))
    table = Table(box=box.SIMPLE_HEAD)
    for name in ("Ep", "Airs", "Watched", "Score", "Note"):
        table.add_column(name)
    listed = episodes(show)
    for episode in listed:
        moment = entry.watched.get(episode.number)
        if episode.number in entry.watched and moment is None:
            moment_shown = "undated"
        else:
            moment_shown = logged_text(moment)
        table.add_row(
            t(episode.number),
            t(airs_text(episode)),
            t(moment_shown),
            t(show_score(entry.ratings.get(episode.number), fmt)),
            t(entry.notes.get(episode.number, "")),
        )
    console.print(table)
    if date_legend(listed):
        console.print(t(date_legend(listed), "dim"))
    if entry.comments:
        console.print(t("Comments", "bold"))
        console.print(para(entry.comments))
    if detail.verdicts:
        console.print(t("Your verdicts", "bold"))
        for verdict in detail.verdicts:
            at = f"ep {verdict.episode}" if verdict.episode else "before ep 1"
            line = (
                f"{verdict.given_at.astimezone():%Y-%m-%d}  {at:<11} "
                f"{show_score(verdict.effective_score, fmt):>6}  {verdict.effective_stance.value}"
            )
            console.print(t(line))
            if verdict.notes:
                console.print(Text("    ") + para(verdict.notes, "italic"))
    console.print(t(f"Critic pieces: {len(detail.pieces)} (watchlist critics {show.slug})", "dim"))


def _piece_block(piece: CriticPiece, hidden: bool) -> Group:
    title = Text.assemble(
        t(piece.byline, "bold"),
        t(f"  {piece.kind_text}"),
        t(f", {piece.published.isoformat()}" if piece.published else ", date unknown", "dim"),
    )
    if hidden:
        return Group(title, t("  hidden until you give your own verdict (blind mode)", "dim"))
    body: list[Text | Table] = [
        t(f"{piece.stance.value}, {piece.score_label}; their verdict: {piece.original}"),
        para(piece.score_reason, "italic"),
        para(piece.summary),
    ]
    if piece.highlights or piece.concerns:
        points = Table.grid(padding=(0, 1))
        points.add_column(no_wrap=True)
        points.add_column()
        for highlight in piece.highlights:
            points.add_row(t("+", "green"), para(highlight))
        for concern in piece.concerns:
            points.add_row(t("-", "red"), para(concern))
        body.append(points)
    if piece.quote:
        body.append(para(f"“{piece.quote}” ({piece.byline})", "italic"))
    for caveat in piece.caveats:
        body.append(para(f"Our note: {caveat}", "dim"))
    return Group(title, Padding(Group(*body), (0, 0, 1, 2), expand=False))


def print_pieces(show: Show, pieces: list[CriticPiece], hidden: bool) -> None:
    if not pieces:
        console.print(t(f"No critic pieces on {show.title} yet."))
        return
    console.print(t(f"Critics on {show.title}", "bold"))
    console.print()
    for piece in pieces:
        console.print(_piece_block(piece, hidden))


def print_comparison(c: Comparison, fmt: ScoreFormat) -> None:
    console.print(t(f"{c.show.title}: you and the critics", "bold"))
    current = c.current
    if not c.pieces:
        console.print(t("Nothing to compare yet: there are no critic pieces on this show."))
        return
    if current is None:
        console.print(
            t(
                "Nothing to compare yet: you have not given a verdict "
                f"(watchlist verdict {c.show.slug} --score S). The critics said:"
            )
        )
    else:
        console.print(
            t(
                f"You: {show_score(current.effective_score, fmt)} "
                f"({current.effective_score}/100, {current.effective_stance.value})"
            )
        )
    if c.hidden:
        console.print(t("Blind mode: the critics stay hidden until you give your verdict."))
        return
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False)
    table.add_column("Critic", overflow="fold", max_width=34)
    table.add_column("Critic score /100", no_wrap=True)
    table.add_column("Delta", justify="right", no_wrap=True)
    table.add_column("Agreement", no_wrap=True)
    for pc in c.pieces:
        piece = pc.piece
        who = Text.assemble(
            t(piece.byline), "\n", t(f"{piece.kind_short} · {piece.original}", "dim")
        )
        source = "our reading" if not piece.rated else f"their {piece.rating_text}"
        score = Text.assemble(t(f"{piece.score} ({source})"), "\n", t(piece.stance.value, "dim"))
        table.add_row(who, score, *_difference_cells(pc.now))
        if pc.then is not None:
            at = f"  your verdict at ep {pc.then.verdict.episode}"
            table.add_row(
                t(at, "dim"),
                t(f"you: {pc.then.verdict.effective_score}", "dim"),
                *_difference_cells(pc.then),
            )
    console.print(table)
    console.print(
        t(
            f"Hype (previews): {consensus_text(c.consensus.hype)}    "
            f"Reception (reviews): {consensus_text(c.consensus.reception)}"
        )
    )


def _difference_cells(d: Difference | None) -> list[Text]:
    if d is None:
        return [t("-"), t("no verdict yet")]
    style = AGREEMENT_STYLE[d.agreement]
    return [t(f"{d.delta:+d}", style), t(d.agreement.value, style)]


def print_stats(report: StatsReport, fmt: ScoreFormat) -> None:
    s = report.stats
    console.print(t(f"Stats for {report.season or 'everything'}", "bold"))
    console.print(
        t(
            f"{plural(s.episodes, 'episode')} watched, {s.hours} hours, "
            f"{plural(s.shows_tracked, 'show')} tracked"
        )
    )
    statuses = ", ".join(f"{status.value} {n}" for status, n in s.by_status.items() if n)
    console.print(t(f"By status: {statuses or 'nothing tracked yet'}"))
    if s.scores:
        mean = s.mean_score
        console.print(
            t(
                f"Your scores: {len(s.scores)}, mean {mean}/100 "
                f"({show_score(round(mean or 0), fmt)}), spread {s.score_spread}"
            )
        )
    if s.undated:
        console.print(
            t(f"{plural(s.undated, 'episode')} watched on no known day (imported without dates)")
        )
    if s.weeks:
        weeks = Table(box=box.SIMPLE_HEAD, title=t("Episodes per week"), title_justify="left")
        weeks.add_column("Week of")
        weeks.add_column("Episodes", justify="right")
        weeks.add_column("")
        for week in s.weeks:
            weeks.add_row(t(week.week_start.isoformat()), t(week.episodes), t("█" * week.episodes))
        console.print(weeks)
    if report.affinity:
        table = Table(
            box=box.SIMPLE_HEAD,
            title=t("Critic affinity (ranked from 3 shared shows; closest first)"),
            title_justify="left",
        )
        table.add_column("Rank", justify="right")
        table.add_column("Critic")
        table.add_column("Mean difference", justify="right")
        table.add_column("Shared shows", justify="right")
        rank = 0
        for a in report.affinity:
            rank += a.ranked
            table.add_row(
                t(rank if a.ranked else "-"),
                t(a.critic),
                t(f"{a.mean_difference:.1f}"),
                t(a.shows),
            )
        console.print(table)


def print_behind(report: BehindReport) -> None:
    if not report.items:
        console.print(t("You are not watching anything: mark an episode to start a show."))
        return
    console.print(t(report.summary, "bold"))
    table = Table(box=box.SIMPLE_HEAD)
    for name in ("Show", "Behind", "Aired", "Watched", "Next"):
        table.add_column(
            name, justify="right" if name in ("Behind", "Aired", "Watched") else "left"
        )
    for item in report.items:
        aired = f"{'~' if item.aired_estimated else ''}{item.aired}"
        table.add_row(
            t(item.show.title),
            t(item.behind, "bold" if item.behind else "dim"),
            t(aired),
            t(len(item.entry.watched)),
            t(next_text(item, report.day)),
        )
    console.print(table)
    if behind_legend(report.items):
        console.print(t(behind_legend(report.items), "dim"))
