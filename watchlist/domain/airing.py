"""Broadcasts as a viewer reads them: in their own time zone, with how long until the next
one or since the last ("ep 5 · Wed 16:30 · in 2d 4h", "aired 3h ago"), an estimate marked
as one. Times come from `Episode.at`; an episode whose time is not known reads by its day.
`now` is always given (the tracker's clock), never read here."""

from __future__ import annotations

from datetime import date, datetime, timedelta, tzinfo

from watchlist.domain.model import Episode, Show
from watchlist.domain.schedule import has_aired, run_end, running_until
from watchlist.domain.show_facts import ESTIMATED_MARK, UNCERTAIN_MARK

RECENT = timedelta(days=14)
"""How long after its last episode a show still says when that aired."""
WEEK = timedelta(days=7)
"""Within this of now, a day reads as its weekday ("Wed"); further, as a date."""


def when_text(episode: Episode, now: datetime, tz: tzinfo | None) -> str:
    """ "Wed 16:30" (local time, within a week of now), "2024-03-27 16:30" further off, the
    day alone where the time is not known; "~" before an estimate, "?" after an
    uncertain one."""
    if episode.airs is None:
        return "date unknown"
    if episode.at is None:
        text = episode.airs.isoformat()
    else:
        local = episode.at.astimezone(tz)
        near = abs(episode.at - now) < WEEK
        text = local.strftime("%a %H:%M" if near else "%Y-%m-%d %H:%M")
    if episode.estimated:
        text = ESTIMATED_MARK + text
    return text + UNCERTAIN_MARK if episode.uncertain else text


def span_text(delta: timedelta, *, units: int = 2) -> str:
    """ "2d 4h", "3h 20m", "45m": the largest units of a span (at least a minute)."""
    minutes = max(1, int(abs(delta).total_seconds() // 60))
    days, rest = divmod(minutes, 24 * 60)
    hours, mins = divmod(rest, 60)
    parts = [f"{n}{u}" for n, u in ((days, "d"), (hours, "h"), (mins, "m")) if n]
    if days >= 21:
        parts = [f"{days // 7}w"]
    return " ".join(parts[:units])


def relative_text(episode: Episode, now: datetime, tz: tzinfo | None) -> str:
    """ "in 2d 4h" or "aired 3h ago" from its moment; from its day where the time is not
    known ("in 3d", "today", "aired 2d ago")."""
    if episode.at is not None:
        delta = episode.at - now
        if abs(delta) < timedelta(minutes=1):
            return "airing now"
        if delta > timedelta(0):
            return f"in {span_text(delta)}"
        return f"aired {span_text(delta, units=1)} ago"
    if episode.airs is None:
        return ""
    days = (episode.airs - now.astimezone(tz).date()).days
    if days == 0:
        return "today"
    if days > 0:
        return f"in {span_text(timedelta(days=days))}"
    return f"aired {span_text(timedelta(days=days), units=1)} ago"


def airing_text(episode: Episode, now: datetime, tz: tzinfo | None) -> str:
    """ "ep 5 · Wed 16:30 · in 2d 4h": what an episode's broadcast says about now."""
    parts = [f"ep {episode.number}", when_text(episode, now, tz)]
    relative = relative_text(episode, now, tz)
    return " · ".join([*parts, relative] if relative else parts)


def next_airing(show: Show, now: datetime, tz: tzinfo | None) -> Episode | None:
    """The show's next broadcast after `now`; once it has all aired, its last one while
    that is recent. None when nothing is known or the run ended long ago."""
    today = now.astimezone(tz).date()
    listed = [e for e in running_until(show, today) if e.airs is not None]
    for episode in listed:
        if not has_aired(episode, today, now):
            return episode
    if listed and show.episodes is not None:
        last = listed[-1]
        assert last.airs is not None
        if today - last.airs <= RECENT:
            return last
    return None


def may_air_near(show: Show, today: date) -> bool:
    """Cheaply, whether `next_airing` can have something to say: the show has a premiere
    and its run has not ended long before `today`."""
    if show.premiere is None:
        return False
    end = run_end(show)
    return end is None or end + RECENT >= today
