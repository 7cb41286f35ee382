"""`watchlist catalog import FILE`: a dataset's seasons, added to the catalog."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from watchlist.cli.command import Action, Command
from watchlist.cli.output import EXIT_OK, safe
from watchlist.service.import_formats import CATALOG_FORMATS

if TYPE_CHECKING:
    from watchlist.service.tracker import Tracker


def arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", metavar="FILE", help="the dataset file, or - for stdin")
    parser.add_argument(
        "--season",
        action="append",
        default=[],
        metavar="SLUG",
        help="a season to import, like spring-2024, or 'all'; repeat for more "
        "(default: every season from 2024 on)",
    )
    parser.add_argument(
        "--format", choices=list(CATALOG_FORMATS), help="default: told from the content"
    )
    parser.add_argument(
        "--dry-run", action="store_true", help="report what would change; write nothing"
    )


def run(tracker: Tracker, args: argparse.Namespace) -> int:
    report = tracker.import_catalog(
        args.file, seasons=args.season, fmt=args.format, dry_run=args.dry_run
    )
    for line in report.lines:
        print(safe(line))
    return EXIT_OK


COMMAND = Command(
    name="catalog",
    summary="season catalogs from a dataset (bangumi-data, anime-offline-database)",
    example="watchlist catalog import data.json --season spring-2024",
    listed_at=210,
    action=Action(
        name="import",
        summary="add a dataset's seasons to the catalog",
        listed="add a dataset's seasons to the catalog",
        example="watchlist catalog import package/dist/data.json --season spring-2024",
        description="Add the shows of a dataset's seasons to the catalog, beside your "
        "database. The hand-checked winter 2024 catalog wins: a dataset only fills its "
        "empty fields, and the report lists each disagreement. Importing again updates "
        "the shows; your progress and verdicts are never touched. Formats: "
        + "; ".join(f"{name}: {what}" for name, what in CATALOG_FORMATS.items())
        + ".",
    ),
    arguments=arguments,
    run=run,
)
