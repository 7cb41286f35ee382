"""`watchlist locate`: where the database file is."""

from __future__ import annotations

import argparse

from watchlist.cli.command import Command
from watchlist.cli.output import EXIT_OK, safe
from watchlist.service.tracker import default_db_path


def run(args: argparse.Namespace) -> int:
    print(safe(str(args.db or default_db_path())))
    return EXIT_OK


COMMAND = Command(
    name="locate",
    summary="print where the database file is",
    example="watchlist locate",
    listed_at=220,
    run_alone=run,
)
