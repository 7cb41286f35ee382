"""The user's settings: how scores show, the theme, blind mode, the spoiler shield, the
season, the leading titles, the time zone, and how each list was last sorted."""

from __future__ import annotations

from enum import StrEnum

from msgspec import Struct

from watchlist.domain.model import Status, TitleLanguage
from watchlist.domain.scoring import ScoreFormat


class Spoilers(StrEnum):
    """Critic pieces shielded until you get there (the default), or all shown."""

    SHIELD = "shield"
    SHOW = "show"


class Settings(Struct, frozen=True):
    score_format: ScoreFormat = ScoreFormat.POINT_10
    theme: str = "textual-dark"
    blind: bool = False
    """Hide critics' scores and summaries for a show until the user has a verdict on it."""
    season: str | None = None
    """The season the board, stats and the CLI show: the last one the user chose."""
    spoilers: Spoilers = Spoilers.SHIELD
    """Whether episode and season reviews wait until you have got there."""
    opened: tuple[str, ...] = ()
    """Pieces (by id) and shows (`show:` and the slug) you opened on purpose."""
    views: tuple[ListView, ...] = ()
    """How each list screen was last sorted and filtered (the board, My list)."""
    titles: TitleLanguage = TitleLanguage.ENGLISH
    """Which title leads on the board, My list, the show screen, CLI tables and exports."""
    timezone: str | None = None
    """The IANA zone broadcast times are shown in; None: the system's (TZ is honoured)."""

    def view(self, screen: str) -> ListView | None:
        return next((v for v in self.views if v.screen == screen), None)


class ListView(Struct, frozen=True):
    """A list screen's sort and status filter, kept for the next time it opens."""

    screen: str
    sort: str
    reverse: bool = False
    status: Status | None = None
