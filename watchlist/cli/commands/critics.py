"""`watchlist critics SHOW`: what the critics said about a show."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from watchlist.cli.command import Command, one_show_with_critics
from watchlist.cli.jsonout import piece_json
from watchlist.cli.output import emit
from watchlist.domain.shield import opening_text

if TYPE_CHECKING:
    from rich.console import Group

    from watchlist.domain.model import CriticPiece
    from watchlist.domain.shield import Opening
    from watchlist.service.details import ShowDetail
    from watchlist.service.tracker import Tracker


def run(tracker: Tracker, args: argparse.Namespace) -> int:
    detail = tracker.pieces(args.show)
    return emit(
        args,
        lambda: [piece_json(p, detail.hidden, detail.closed.get(p.id)) for p in detail.pieces],
        lambda: print_pieces(detail),
    )


def print_pieces(detail: ShowDetail) -> None:
    from watchlist.cli.render import console, t

    show, pieces = detail.show, detail.pieces
    if not pieces:
        console.print(t(f"No critic pieces on {show.title} yet."))
        return
    console.print(t(f"Critics on {show.title}", "bold"))
    console.print()
    for piece in pieces:
        console.print(_piece_block(piece, detail.hidden, detail.closed.get(piece.id)))
    if detail.closed:
        console.print(
            t(
                f"{len(detail.closed)} closed until you get there (spoiler shield); "
                "--spoilers show opens them for this command.",
                "dim",
            )
        )


def _piece_block(piece: CriticPiece, hidden: bool, opens_at: Opening | None = None) -> Group:
    from rich.console import Group
    from rich.padding import Padding
    from rich.table import Table
    from rich.text import Text

    from watchlist.cli.render import para, t

    title = Text.assemble(
        t(piece.byline, "bold"),
        t(f"  {piece.kind_text}"),
        t(f", {piece.published.isoformat()}" if piece.published else ", date unknown", "dim"),
    )
    if opens_at is not None:
        return Group(title, t(f"  closed: {opening_text(opens_at)} (spoiler shield)", "dim"), t(""))
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


COMMAND = Command(
    name="critics",
    summary="what the critics said about a show",
    example="watchlist critics metallic --json",
    listed_at=120,
    arguments=one_show_with_critics,
    run=run,
    reads_only=True,
)
