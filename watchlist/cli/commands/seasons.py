"""`watchlist seasons`: the seasons in the catalog, with how many shows each."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from watchlist.cli.command import Command, table_options
from watchlist.cli.jsonout import day
from watchlist.cli.output import EXIT_OK, emit, plain_table, safe, table_shape

if TYPE_CHECKING:
    from watchlist.domain.model import Season
    from watchlist.service.tracker import Tracker


def run(tracker: Tracker, args: argparse.Namespace) -> int:
    counts = tracker.season_counts()
    current = tracker.default_season()
    shape = table_shape(args)
    if shape in ("tsv", "csv"):
        rows = [[s.slug, s.name, str(n), "yes" if s.slug == current else ""] for s, n in counts]
        plain_table(shape, ["slug", "name", "shows", "current"], rows)
        return EXIT_OK

    def show() -> None:
        for season, count in counts:
            mark = "*" if season.slug == current else " "
            print(f"{mark} {season.slug:<12} {safe(season.name):<12} {count:>5,} shows")
        print("* the season the board and `list` open on (watchlist settings --season)")

    return emit(args, lambda: seasons_json(counts, current), show)


def seasons_json(counts: list[tuple[Season, int]], current: str | None) -> list[dict[str, Any]]:
    return [
        {
            "slug": season.slug,
            "name": season.name,
            "starts": day(season.starts),
            "ends": day(season.ends),
            "shows": count,
            "current": season.slug == current,
        }
        for season, count in counts
    ]


COMMAND = Command(
    name="seasons",
    summary="the seasons in the catalog, with how many shows each",
    example="watchlist seasons",
    listed_at=170,
    arguments=table_options,
    run=run,
    reads_only=True,
)
