"""`watchlist compare SHOW`: your verdict next to each critic's."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from watchlist.cli.command import Command, one_show_with_critics
from watchlist.cli.jsonout import community_json, consensus_json, piece_json, verdict_json
from watchlist.cli.output import emit
from watchlist.domain.scoring import Agreement, ScoreFormat, show_score
from watchlist.domain.shield import opening_text
from watchlist.domain.show_facts import community_line

if TYPE_CHECKING:
    from rich.text import Text

    from watchlist.domain.agreement import Difference
    from watchlist.domain.compare import Consensus
    from watchlist.service.details import Comparison
    from watchlist.service.tracker import Tracker

AGREEMENT_STYLE = {
    Agreement.AGREE: "green",
    Agreement.DIFFER: "yellow",
    Agreement.DISAGREE: "red",
}


def run(tracker: Tracker, args: argparse.Namespace) -> int:
    comparison = tracker.compare(args.show)
    fmt = tracker.settings().score_format
    return emit(
        args,
        lambda: comparison_json(comparison, fmt),
        lambda: print_comparison(comparison, fmt),
    )


def _difference(d: Difference | None) -> dict[str, Any] | None:
    if d is None:
        return None
    return {
        "verdict": d.verdict.id,
        "episode": d.verdict.episode,
        "score": d.verdict.effective_score,
        "delta": d.delta,
        "agreement": d.agreement.value,
    }


def comparison_json(c: Comparison, fmt: ScoreFormat) -> dict[str, Any]:
    current = c.current
    critics = []
    for pc in c.pieces:
        piece = pc.piece
        item = piece_json(piece, c.hidden, c.closed.get(piece.id))
        hidden = item["hidden"]
        then = None if hidden else pc.then
        item.update(
            {
                "delta": None if hidden or pc.now is None else pc.now.delta,
                "agreement": None if hidden or pc.now is None else pc.now.agreement.value,
                "you_then": then.verdict.effective_score if then else None,
                "delta_then": then.delta if then else None,
                "as_of_episode": _difference(then),
            }
        )
        critics.append(item)
    return {
        "show": c.show.slug,
        "title": c.show.title,
        "you": verdict_json(current, fmt) if current else None,
        "timeline": [verdict_json(v, fmt) for v in c.verdicts],
        "critics": critics,
        "consensus": None if c.hidden else consensus_json(c.consensus),
        "community": community_json(c.show, c.hidden),
        "hidden": c.hidden,
    }


def consensus_text(c: Consensus | None) -> str:
    if c is None:
        return "-"
    return f"{c.score} {c.stance.value} ({c.count})"


def print_comparison(c: Comparison, fmt: ScoreFormat) -> None:
    from rich import box
    from rich.table import Table
    from rich.text import Text

    from watchlist.cli.render import console, t

    console.print(t(f"{c.show.title}: you and the critics", "bold"))
    current = c.current
    line = community_line(c.show, c.hidden)
    if not c.pieces:
        console.print(t("Nothing to compare yet: there are no critic pieces on this show."))
        if line:
            console.print(t(line))
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
        if line:
            console.print(t(line))
        return
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False)
    table.add_column("Critic", overflow="fold", max_width=34)
    table.add_column("Critic score /100", no_wrap=True)
    table.add_column("Delta", justify="right", no_wrap=True)
    table.add_column("Agreement", no_wrap=True)
    for pc in c.pieces:
        piece = pc.piece
        opening = c.closed.get(piece.id)
        if opening is not None:
            who = Text.assemble(t(piece.byline), "\n", t(piece.kind_short, "dim"))
            table.add_row(who, t(f"closed: {opening_text(opening)}", "dim"), t(""), t(""))
            continue
        who = Text.assemble(
            t(piece.byline), "\n", t(f"{piece.kind_short} · {piece.original}", "dim")
        )
        source = "our reading" if not piece.rated else f"their {piece.rating_text}"
        score = Text.assemble(t(f"{piece.score} ({source})"), "\n", t(piece.stance.value, "dim"))
        table.add_row(who, score, *_difference_cells(pc.now))
        if pc.then is not None and not pc.same_verdict:
            table.add_row(
                t(f"  you then ({_at(pc.then.verdict.episode)})", "dim"),
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
    if line:
        console.print(t(line))
    if c.closed:
        console.print(
            t(f"{len(c.closed)} pieces closed until you get there (spoiler shield).", "dim")
        )


def _at(episode: int | None) -> str:
    return "before episode 1" if not episode else f"at ep {episode}"


def _difference_cells(d: Difference | None) -> list[Text]:
    from watchlist.cli.render import t

    if d is None:
        return [t("-"), t("no verdict yet")]
    style = AGREEMENT_STYLE[d.agreement]
    return [t(f"{d.delta:+d}", style), t(d.agreement.value, style)]


COMMAND = Command(
    name="compare",
    summary="your verdict next to each critic's",
    example="watchlist compare metallic",
    listed_at=130,
    arguments=one_show_with_critics,
    run=run,
    reads_only=True,
)
