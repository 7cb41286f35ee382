"""How a show's facts and air dates read, the same in the TUI and the CLI: a date never
more precise than known, an estimate marked as one."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from watchlist.domain.behind import Behind
from watchlist.domain.dates import PartialDate
from watchlist.domain.errors import InvalidInput
from watchlist.domain.model import Episode, Show, TitleLanguage
from watchlist.domain.seasons import season as season_of

ESTIMATED_MARK = "~"
UNCERTAIN_MARK = "?"
ESTIMATED_LEGEND = f"{ESTIMATED_MARK} estimated, counted weekly from the last known date."
UNCERTAIN_LEGEND = (
    f"{UNCERTAIN_MARK} uncertain: weekly counting misses the next known date, so a break "
    "or a double episode lies in between."
)


def airs_text(episode: Episode) -> str:
    """ "2024-01-10" known, "~2024-01-17" estimated, "~2024-03-13?" after a break."""
    if episode.airs is None:
        return "-"
    text = episode.airs.isoformat()
    if episode.estimated:
        text = ESTIMATED_MARK + text
    return text + UNCERTAIN_MARK if episode.uncertain else text


def date_legend(episodes: Iterable[Episode | None]) -> str:
    """What the marks on these dates mean: only the marks that are there ("" for none)."""
    listed = [e for e in episodes if e is not None]
    parts = []
    if any(e.estimated for e in listed):
        parts.append(ESTIMATED_LEGEND)
    if any(e.uncertain for e in listed):
        parts.append(UNCERTAIN_LEGEND)
    return "  ".join(parts)


def run_start_text(value: str | None) -> str | None:
    """ "2023-09-29", or "July 2023" for a month: as precise as it is known."""
    if not value:
        return None
    try:
        return PartialDate.parse(value).spoken()
    except ValueError:
        return value


def title_rows(
    show: Show, language: TitleLanguage = TitleLanguage.ENGLISH
) -> list[tuple[str, object]]:
    """The show's other titles, each named for what it is (the English one too when
    another leads)."""
    rows: list[tuple[str, object]] = []
    if language is not TitleLanguage.ENGLISH:
        rows.append(("English title", show.title))
    return [*rows, ("Romaji title", show.title_romaji), ("Native title", show.title_native)]


def season_names(slugs: tuple[str, ...]) -> list[str]:
    """ "Fall 2023", "Winter 2024": in the order they aired (a slug not understood last)."""
    named = []
    for slug in slugs:
        try:
            season = season_of(slug)
        except InvalidInput:
            named.append((date.max, slug))
        else:
            named.append((season.starts, season.name))
    return [name for _, name in sorted(named)]


def episodes_text(show: Show) -> str | None:
    if show.episodes:
        return str(show.episodes)
    if show.expected_episodes:
        return f"about {show.expected_episodes} (counted from the schedule)"
    return None


def fact_rows(
    show: Show, language: TitleLanguage = TitleLanguage.ENGLISH
) -> list[tuple[str, object]]:
    """(label, value) for the facts block; None or "" reads "unknown"."""
    rows: list[tuple[str, object]] = [
        *title_rows(show, language),
        ("Studios", ", ".join(show.studios)),
        ("Episodes", episodes_text(show)),
        ("Premiere", show.premiere.isoformat() if show.premiere else None),
    ]
    if show.finale:
        rows.append(("Finale", show.finale.isoformat()))
    rows += [
        ("Run began", run_start_text(show.run_start)),
        ("Seasons", ", ".join(season_names(show.seasons))),
        ("Streaming", show.streaming),
        ("Source", show.source),
        ("MyAnimeList", show.mal_id),
    ]
    rows += [(credit.role, credit.name) for credit in show.staff]
    if show.provenance:
        rows.append(("Facts from", show.provenance))
    return rows


def next_text(item: Behind, today: date) -> str:
    """ "ep 3 · ~2024-01-24", with "out" or "in 3 days" when it is about now."""
    if item.next is None:
        return "all watched"
    episode = item.next
    text = f"ep {episode.number}"
    if episode.airs is None:
        return f"{text} · date unknown"
    text += f" · {airs_text(episode)}"
    days = (episode.airs - today).days
    if days > 0 and days <= 14:
        text += f" (in {days} day{'s' if days != 1 else ''})"
    return text


def behind_legend(items: list[Behind]) -> str:
    """The legend under the Behind view: a "~" count rests on estimated dates too."""
    legend = date_legend(item.next for item in items)
    if any(item.aired_estimated for item in items) and ESTIMATED_LEGEND not in legend:
        legend = "  ".join(part for part in (ESTIMATED_LEGEND, legend) if part)
    return legend


def community_line(show: Show, hidden: bool) -> str:
    """ "Community: 64/100 (anime-offline-database, 2024-11-05; the audience, not a
    critic)": the audience's score, labelled; "" when no dataset gives one."""
    community = show.community
    if community is None:
        return ""
    if hidden:
        return "Community: hidden until you give your verdict (blind mode)"
    return f"Community: {community.score}/100 ({community.label}; the audience, not a critic)"
