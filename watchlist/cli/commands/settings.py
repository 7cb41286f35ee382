"""`watchlist settings`: show or change the score format, theme, blind mode, spoilers,
season, the leading titles and the time zone."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from watchlist.cli.command import Command, json_option
from watchlist.cli.output import emit, safe
from watchlist.domain.model import TitleLanguage
from watchlist.domain.scoring import ScoreFormat

if TYPE_CHECKING:
    from watchlist.service.tracker import Tracker


def arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--score-format", help=", ".join(f.value for f in ScoreFormat))
    parser.add_argument(
        "--theme", help="a Textual theme (a wrong name lists them), e.g. textual-dark"
    )
    parser.add_argument(
        "--blind", choices=["on", "off"], help="hide critics until you have given your own verdict"
    )
    parser.add_argument(
        "--season", help="the season the board and `list` open on, e.g. spring-2024"
    )
    parser.add_argument(
        "--titles",
        choices=[t.value for t in TitleLanguage],
        help="which title leads in lists, on the show screen and in exports",
    )
    parser.add_argument(
        "--timezone",
        metavar="ZONE",
        help="show broadcast times in this IANA zone (Europe/Berlin), or 'local' for the "
        "system's (TZ is honoured)",
    )
    parser.add_argument(
        "--spoilers",
        dest="spoilers_setting",  # the setting itself, not the per-command choice
        choices=["shield", "show"],
        help="shield: episode and season reviews stay closed until you get there (the "
        "default); show: every piece open",
    )
    json_option(parser)


def run(tracker: Tracker, args: argparse.Namespace) -> int:
    blind = None if args.blind is None else args.blind == "on"
    if args.season is not None:
        tracker.season(args.season)  # a wrong name is refused before anything changes
    changes = {
        "score_format": args.score_format,
        "theme": args.theme,
        "blind": blind,
        "titles": args.titles,
        "timezone": args.timezone,
        "spoilers": args.spoilers_setting,
    }
    if any(value is not None for value in changes.values()):
        tracker.update_settings(**changes)
    if args.season is not None:
        tracker.choose_season(args.season)
    settings = tracker.settings()
    shape = {
        "score_format": settings.score_format.value,
        "theme": settings.theme,
        "blind": settings.blind,
        "spoilers": settings.spoilers.value,
        "season": tracker.default_season(),
        "titles": settings.titles.value,
        "timezone": settings.timezone,
    }
    zone = tracker.zone()

    def show() -> None:
        for key, value in shape.items():
            shown = ("on" if value else "off") if isinstance(value, bool) else value
            if key == "timezone":
                shown = zone.name if zone.chosen else f"local ({zone.name})"
            print(f"{key.replace('_', ' ')}: {safe(str(shown))}")

    return emit(args, lambda: shape, show)


COMMAND = Command(
    name="settings",
    summary="show or change settings",
    example="watchlist settings --score-format 5-star",
    listed_at=150,
    arguments=arguments,
    run=run,
    reads_only=True,
)
