"""Synthetic libraries with realistic user histories, written in one store transaction."""

from __future__ import annotations

import random
import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from watchlist.domain.model import Entry, Origin, Season, Show, Status, Verdict
from watchlist.domain.scoring import Stance
from watchlist.domain.text import slugify
from watchlist.storage import open_store
from watchlist.storage.catalog import load_catalog

ADJECTIVES = [
    "Crimson", "Silent", "Last", "Hidden", "Broken", "Eternal", "Scarlet", "Iron", "Azure",
    "Lonely", "Wandering", "Forgotten", "Golden", "Frozen", "Little", "Brave", "Cursed",
    "Gentle", "Midnight", "Shining",
]  # fmt: skip
NOUNS = [
    "Blade", "Moon", "Witch", "Knight", "Garden", "Dragon", "Idol", "Detective", "Sky",
    "Academy", "Kingdom", "Alchemist", "Frontier", "Melody", "Samurai", "Princess", "Labyrinth",
    "Orchestra", "Shrine", "Pilot",
]  # fmt: skip
TAILS = [
    "", "", "", " of the North", " Chronicles", " Reborn", ": Second Act", " in Another World",
    " Diaries", " After School", " and the Sea", " Zero",
]  # fmt: skip
STUDIOS = [
    "Bones", "MAPPA", "Madhouse", "Kyoto Animation", "Production I.G", "Wit Studio", "CloverWorks",
    "A-1 Pictures", "Trigger", "Shaft", "Sunrise", "Toei Animation", "David Production",
    "P.A. Works", "Lerche", "J.C.Staff", "Doga Kobo", "OLM", "Science SARU", "Silver Link",
]  # fmt: skip
NOTES = [
    "Gorgeous backgrounds, the pacing drags in the middle.",
    "The soundtrack carries the weaker episodes.",
    "Better than the manga so far; the director clearly loves the material.",
    "Fun, but it does not know what it wants to be yet.",
    "Dropped the ball on the finale, still worth it for the first half.",
]
STATUS_WEIGHTS = [
    (Status.WATCHING, 30),
    (Status.COMPLETED, 35),
    (Status.PLAN_TO_WATCH, 15),
    (Status.ON_HOLD, 8),
    (Status.DROPPED, 8),
    (Status.REWATCHING, 4),
]
QUARTERS = [("winter", 1), ("spring", 4), ("summer", 7), ("fall", 10)]
FIRST_YEAR, LAST_YEAR = 2012, 2023
"""User seasons end before the catalog's winter 2024, which stays the board's default."""


@dataclass(frozen=True)
class Library:
    """A database file on disk and what the benchmarks need to know about it."""

    path: Path
    shows: int
    """Shows in all, the 34 of the seeded catalog included."""


def user_seasons() -> list[Season]:
    seasons = []
    for year in range(FIRST_YEAR, LAST_YEAR + 1):
        for name, month in QUARTERS:
            starts = date(year, month, 1)
            ends = date(year + (month == 10), (month + 2) % 12 + 1, 1) - timedelta(days=1)
            seasons.append(
                Season(f"{name}-{year}", f"{name.title()} {year}", starts, ends, Origin.USER)
            )
    return seasons


def make_show(number: int, season: Season, rng: random.Random) -> Show:
    title = f"{rng.choice(ADJECTIVES)} {rng.choice(NOUNS)}{rng.choice(TAILS)}"
    if rng.random() < 0.3:
        title += f" Season {rng.randint(2, 4)}"
    episodes = rng.randint(12, 26)
    premiere = season.starts + timedelta(days=rng.randint(0, 20))
    return Show(
        slug=f"{slugify(title)}-{number}",
        title=title,
        mal_id=100_000 + number,
        season=season.slug,
        studios=tuple(rng.sample(STUDIOS, rng.choice([1, 1, 1, 2]))),
        episodes=episodes,
        episodes_in_season=episodes,
        premiere=premiere,
        synopsis=f"{title}: a story told over {episodes} episodes.",
        episode_minutes=rng.choice([24, 24, 24, 23, 25]),
        origin=Origin.USER,
    )


def diary(show: Show, count: int, rng: random.Random) -> dict[int, datetime]:
    """`count` episodes logged about weekly after the premiere, some binged."""
    premiere = show.premiere or date(2024, 1, 5)
    moment = datetime.combine(premiere, datetime.min.time(), UTC) + timedelta(hours=20)
    watched = {}
    for number in range(1, count + 1):
        moment += timedelta(days=rng.choice([0, 1, 6, 7, 7, 7, 8, 14]), minutes=rng.randint(1, 90))
        watched[number] = moment
    return watched


def make_entry(show: Show, rng: random.Random) -> Entry:
    assert show.episodes is not None
    status = rng.choices([s for s, _ in STATUS_WEIGHTS], [w for _, w in STATUS_WEIGHTS])[0]
    count = {
        Status.COMPLETED: show.episodes,
        Status.PLAN_TO_WATCH: 0,
        Status.REWATCHING: rng.randint(1, show.episodes - 1),
    }.get(status, rng.randint(1, show.episodes - 1))
    watched = diary(show, count, rng)
    earlier: tuple[tuple[int, datetime], ...] = ()
    if status is Status.REWATCHING:
        first_run = diary(show, show.episodes, rng)
        earlier = tuple(first_run.items())
        offset = max(first_run.values()) - min(watched.values()) + timedelta(days=30)
        watched = {n: at + offset for n, at in watched.items()}
    ratings = {n: rng.randint(40, 95) for n in watched if rng.random() < 0.15}
    notes = {n: rng.choice(NOTES) for n in ratings if rng.random() < 0.3}
    moments = sorted(watched.values())
    return Entry(
        show=show.slug,
        status=status,
        status_by_hand=status in (Status.ON_HOLD, Status.DROPPED, Status.REWATCHING),
        watched=watched,
        earlier=earlier,
        ratings=ratings,
        notes=notes,
        started=(earlier[0][1] if earlier else moments[0]).date() if moments else None,
        finished=moments[-1].date() if status is Status.COMPLETED else None,
        rewatch_count=0,
        updated_at=moments[-1] if moments else None,
    )


def make_verdicts(show: Show, entry: Entry, rng: random.Random) -> list[Verdict]:
    """None for most shows; one to three for about four in ten, with notes."""
    if not entry.watched or rng.random() > 0.4:
        return []
    verdicts = []
    for at in sorted(rng.sample(sorted(entry.watched), min(len(entry.watched), rng.randint(1, 3)))):
        scored = rng.random() < 0.8
        verdicts.append(
            Verdict(
                id=uuid.UUID(int=rng.getrandbits(128)).hex,
                show=show.slug,
                given_at=entry.watched[at] + timedelta(minutes=30),
                score=rng.randint(20, 98) if scored else None,
                stance=None if scored else rng.choice(list(Stance)),
                notes=" ".join(rng.sample(NOTES, rng.randint(0, 3))),
                episode=at,
            )
        )
    return verdicts


def build_library(folder: Path, shows: int, *, seed: int = 2024) -> Library:
    """A database of `shows` shows in all: the seeded catalog, then user shows.

    At the catalog's own size it is a fresh database. Larger libraries give every
    show, the catalog's included, an entry, so My list holds all of them.
    """
    path = folder / f"library-{shows}" / "watchlist.json"
    rng = random.Random(seed + shows)
    store = open_store(path)
    catalog = sorted(load_catalog().shows.values(), key=lambda s: s.slug)
    if shows > len(catalog):
        seasons = user_seasons()
        with store.transaction() as tx:
            for season in seasons:
                tx.put(season)
            user = [make_show(n, rng.choice(seasons), rng) for n in range(shows - len(catalog))]
            for show in user:
                tx.put(show)
            for show in [*catalog, *user]:
                entry = make_entry(show, rng)
                tx.put(entry)
                for verdict in make_verdicts(show, entry, rng):
                    tx.put(verdict)
    store.close()
    return Library(path, shows)
