"""Views for a show's screen, the critics comparison and stats (loaded when first used)."""

from __future__ import annotations

from datetime import date, datetime, tzinfo

from msgspec import Struct, field

from watchlist.domain.agreement import Affinity, PieceComparison, current_verdict
from watchlist.domain.behind import Behind
from watchlist.domain.compare import ShowConsensus
from watchlist.domain.hindsight import (
    ArcPoint,
    Called,
    ChangedMind,
    CriticArc,
    arc,
    critic_arcs,
)
from watchlist.domain.model import CriticPiece, Entry, Show, TitleLanguage, Verdict
from watchlist.domain.shield import Opening
from watchlist.domain.show_facts import ESTIMATED_LEGEND, ESTIMATED_MARK
from watchlist.domain.stats import Stats
from watchlist.domain.text import plural
from watchlist.domain.week import Week


class Comparison(Struct, frozen=True):
    """Your take and every critic piece on one show, side by side."""

    show: Show
    entry: Entry
    verdicts: list[Verdict]
    """Your verdict timeline, oldest first; the last is the current one."""
    pieces: list[PieceComparison]
    consensus: ShowConsensus
    hidden: bool
    """Blind mode: critics' scores and summaries stay hidden until you give a verdict."""
    closed: dict[str, Opening] = field(default_factory=dict)
    """Pieces the spoiler shield keeps closed (by id), with where each opens."""

    @property
    def current(self) -> Verdict | None:
        return current_verdict(self.verdicts)


class StatsReport(Struct, frozen=True):
    stats: Stats
    affinity: list[Affinity]
    season: str | None
    changed_my_mind: list[ChangedMind] = field(default_factory=list)
    who_called_it: list[Called] = field(default_factory=list)
    titles: dict[str, str] = field(default_factory=dict)
    """The titles of the shows it names (changed my mind), as the user chose to read them."""

    def title(self, slug: str) -> str:
        return self.titles.get(slug, slug)


class ShowDetail(Struct, frozen=True):
    """Everything the show screen and `watchlist show` need."""

    show: Show
    entry: Entry
    verdicts: list[Verdict]
    pieces: list[CriticPiece]
    consensus: ShowConsensus
    """Empty while blind mode hides the critics (see `hidden`)."""
    hidden: bool = False
    """Blind mode, and no verdict of yours on this show yet: critics' numbers stay hidden."""
    tracked: bool = True
    """On your list (see `Row.tracked`)."""
    closed: dict[str, Opening] = field(default_factory=dict)
    """Pieces the spoiler shield keeps closed (by id), with where each opens."""
    language: TitleLanguage = TitleLanguage.ENGLISH
    """Which of the show's titles leads (the `titles` setting)."""

    @property
    def title(self) -> str:
        return self.show.title_in(self.language)

    @property
    def current(self) -> Verdict | None:
        return current_verdict(self.verdicts)

    @property
    def readable(self) -> list[CriticPiece]:
        """The pieces whose numbers may be shown: open, and not hidden by blind mode."""
        return [] if self.hidden else [p for p in self.pieces if p.id not in self.closed]

    def arc(self) -> list[ArcPoint]:
        """Your score against the critics', episode by episode."""
        return arc(self.verdicts, self.readable)

    def critic_arcs(self) -> list[CriticArc]:
        """The same critic's premiere against their season review."""
        return critic_arcs(self.readable)


class BehindReport(Struct, frozen=True):
    day: date
    """The day aired episodes are counted by."""
    chosen: bool
    """The user gave the day (--on); otherwise today, or the last air date if earlier."""
    today: date
    items: list[Behind]
    now: datetime | None = None
    """The moment the report is as of: now, or the end of the day chosen."""
    tz: tzinfo | None = None
    """The zone its times are shown in."""

    def aired_text(self, item: Behind) -> str:
        """ "5", or "~5" where the count rests on an estimated date."""
        return f"{ESTIMATED_MARK if item.aired_estimated else ''}{item.aired}"

    def next_text(self, item: Behind) -> str:
        """ "ep 5 · Wed 16:30 · in 2d 4h", "ep 4 · ~2024-01-31 · aired 2d ago"."""
        from watchlist.domain.airing import airing_text

        if item.next is None:
            return "all watched"
        if self.now is None or item.next.airs is None:
            return f"ep {item.next.number} · date unknown"
        return airing_text(item.next, self.now, self.tz)

    @property
    def total(self) -> int:
        return sum(item.behind for item in self.items)

    @property
    def as_of(self) -> str:
        """ "today (2024-03-30)", "2024-02-01", or "2024-04-06 (the last air date)"."""
        if self.day == self.today:
            return f"today ({self.day.isoformat()})"
        if self.chosen:
            return self.day.isoformat()
        return f"{self.day.isoformat()} (the last air date)"

    @property
    def summary(self) -> str:
        shows = sum(1 for item in self.items if item.behind)
        return (
            f"{plural(self.total, 'episode')} aired by {self.as_of} and not watched yet, "
            f"across {plural(shows, 'show')}"
        )


class ScheduleReport(Struct, frozen=True):
    """A week of broadcasts, for `watchlist schedule` and the Schedule screen."""

    week: Week
    zone: str
    """The zone its days and times are in ("Europe/Berlin")."""
    everything: bool
    """Every show airing that week (--all), not only yours."""
    today: date
    note: str = ""
    """Why this week was chosen when it is not this one ("" otherwise)."""
    language: TitleLanguage = TitleLanguage.ENGLISH

    def title(self, show: Show) -> str:
        return show.title_in(self.language)

    def day_label(self, day: date) -> str:
        """ "Mon 08 Jan", and " (today)" after today's."""
        return day.strftime("%a %d %b") + (" (today)" if day == self.today else "")

    @property
    def nothing(self) -> str:
        """What an empty week says, before the hint on how to see more."""
        who = "Nothing airs" if self.everything else "Nothing on your list airs"
        return f"{who} this week"

    @property
    def legend(self) -> str:
        """What the "~" on a time means, when one is there ("" otherwise)."""
        return ESTIMATED_LEGEND if any(a.episode.estimated for a in self.week.airings) else ""

    @property
    def heading(self) -> str:
        """ "Week of Mon 2024-01-08 to Sun 2024-01-14 (Europe/Berlin)"."""
        week = self.week
        return f"Week of Mon {week.starts.isoformat()} to Sun {week.ends.isoformat()} ({self.zone})"
