"""The things watchlist knows about: the catalog (seasons, shows, critic pieces)
and the user's own data (entries, verdicts, settings)."""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum

from msgspec import Struct, field

from watchlist.domain.broadcast import Broadcast
from watchlist.domain.community import Community
from watchlist.domain.dates import Logged, PartialDate, logged_key
from watchlist.domain.scoring import Stance, score_for_stance, stance_for_score


class Origin(StrEnum):
    """Where a record came from: the shipped catalog is refreshed, user records never are."""

    CATALOG = "catalog"
    USER = "user"


class Status(StrEnum):
    PLAN_TO_WATCH = "plan-to-watch"
    WATCHING = "watching"
    COMPLETED = "completed"
    ON_HOLD = "on-hold"
    DROPPED = "dropped"
    REWATCHING = "rewatching"


class TitleLanguage(StrEnum):
    """Which of a show's titles leads where shows are listed."""

    ENGLISH = "english"
    ROMAJI = "romaji"
    NATIVE = "native"


def leading_title(
    language: TitleLanguage, title: str, romaji: str | None, native: str | None
) -> str:
    """The title that leads in `language`, else the leading one `title`."""
    if language is TitleLanguage.ROMAJI:
        return romaji or title
    if language is TitleLanguage.NATIVE:
        return native or title
    return title


class PieceKind(StrEnum):
    PREVIEW = "preview"
    """Written before the show aired: counts as hype, not reception."""
    PREMIERE = "premiere"
    EPISODE = "episode"
    SEASON = "season"


DEFAULT_EPISODE_MINUTES = 24
"""Length assumed for a TV episode when the catalog does not give one."""
MAX_EPISODES = 5000
"""More episodes than any TV entry has; guards against absurd imported counts."""


class Season(Struct, frozen=True):
    slug: str
    name: str
    starts: date
    ends: date
    origin: Origin = Origin.CATALOG


class StaffCredit(Struct, frozen=True):
    role: str
    name: str


class Episode(Struct, frozen=True):
    number: int
    airs: date | None
    """Air date in Japan: given, or estimated weekly from the premiere (see `estimated`)."""
    in_season: bool | None
    """Whether it aired in the show's catalog season; None when the season's episode count
    is not known."""
    estimated: bool = False
    """The date is counted weekly from the premiere, not known."""
    uncertain: bool = False
    """The schedule had a break (or doubled up) somewhere before the known finale, so this
    date is only the earliest it can have been."""
    at: datetime | None = None
    """The moment it goes out in Japan, with its offset, where the broadcast slot is known
    and falls on `airs` (estimated with it when `estimated`)."""


class Show(Struct, frozen=True):
    slug: str
    """Stable id, e.g. `metallic-rouge`; never reused."""
    title: str
    """The title that leads: English where there is one."""
    title_romaji: str | None = None
    """The Japanese title in Latin letters ("Sousou no Frieren")."""
    title_native: str | None = None
    """The title in its own script ("葬送のフリーレン")."""
    aliases: tuple[str, ...] = ()
    """Other titles it goes by (English, romaji, synonyms), for finding and matching it."""
    mal_id: int | None = None
    season: str | None = None
    studios: tuple[str, ...] = ()
    episodes: int | None = None
    """Episodes in this entry (the MyAnimeList entry's count); None when unknown."""
    episodes_in_season: int | None = None
    first_in_season: int | None = None
    """Number of the first episode that aired in the season (shows carried over start later)."""
    premiere: date | None = None
    """Date of the first episode that aired in the season."""
    run_start: str | None = None
    """When the wider run began, as precisely as known: `2023-09-29` or `2022-10`."""
    air_dates: tuple[date | None, ...] = ()
    """Given air dates, by episode number from 1; empty means derive them."""
    finale: date | None = None
    """Date the last episode aired, when known (it fixes the end of the schedule)."""
    expected_episodes: int | None = None
    """Episodes counted from the schedule when the count is not known: an estimate."""
    other_seasons: tuple[str, ...] = ()
    """Seasons it also airs in, beyond `season` (the second cour of a two-cour show)."""
    provenance: str | None = None
    """Where its facts came from, when not the hand-checked catalog ("bangumi-data 0.3.208,
    CC BY 4.0")."""
    streaming: str | None = None
    source: str | None = None
    continuing: bool | None = None
    staff: tuple[StaffCredit, ...] = ()
    synopsis: str = ""
    episode_minutes: int | None = None
    media_type: str = "TV"
    origin: Origin = Origin.CATALOG
    broadcast: Broadcast | None = None
    """Its broadcast slot in Japan, where a dataset gives one; the dates above still say
    which days it airs."""
    tags: tuple[str, ...] = ()
    """Genres and themes a dataset gives ("action", "isekai")."""
    related: tuple[int, ...] = ()
    """MyAnimeList ids of related anime (sequels, prequels, side stories)."""
    community: Community | None = None
    """The audience's score from a dataset, labelled with it; never the critics'."""
    sources: tuple[tuple[str, str], ...] = ()
    """Which dataset gave each field, for a show merged from two: (field, dataset)."""

    @property
    def minutes_per_episode(self) -> int:
        return self.episode_minutes or DEFAULT_EPISODE_MINUTES

    @property
    def titles(self) -> tuple[str, ...]:
        """Every title it goes by, the leading one first: what finding and matching search."""
        named = (self.title, self.title_romaji, self.title_native, *self.aliases)
        return tuple(dict.fromkeys(t for t in named if t))

    def title_in(self, language: TitleLanguage) -> str:
        """The title that leads in `language`, else the leading one (a show imported with
        a native title only has no romaji one)."""
        return leading_title(language, self.title, self.title_romaji, self.title_native)

    @property
    def seasons(self) -> tuple[str, ...]:
        """Every season it airs in (a two-cour show is on both boards)."""
        main = (self.season,) if self.season else ()
        return main + tuple(s for s in self.other_seasons if s != self.season)

    def in_season(self, slug: str) -> bool:
        return slug == self.season or slug in self.other_seasons


class CriticPiece(Struct, frozen=True):
    id: str
    """Stable id, unique across the catalog and the user's pieces."""
    show: str
    kind: PieceKind
    stance: Stance
    score: int
    """Our 0-100 reading of the piece (section 3 of the product spec)."""
    score_reason: str
    summary: str
    outlet: str | None = None
    """None when the outlet is not known; shown as such, never guessed."""
    critic: str | None = None
    published: date | None = None
    episode: int | None = None
    verdict: str | None = None
    """The critic's own verdict wording, e.g. "We'll see"."""
    rating: str | None = None
    """The critic's own rating exactly as the text gives it ("3.5"), or None."""
    rating_scale: str | None = None
    """The scale of `rating` as the text gives it ("of 5", "/10"); set whenever rating is."""
    highlights: tuple[str, ...] = ()
    concerns: tuple[str, ...] = ()
    quote: str | None = None
    """At most one short quotation, attributed to `critic` or `outlet`."""
    caveats: tuple[str, ...] = ()
    """The project's own notes on the piece (written before airing, say): never the critic's."""
    url: str | None = None
    origin: Origin = Origin.CATALOG

    @property
    def is_hype(self) -> bool:
        return self.kind is PieceKind.PREVIEW

    @property
    def outlet_name(self) -> str:
        return self.outlet or "Unknown outlet"

    @property
    def kind_text(self) -> str:
        """What the piece is: "preview", "premiere review, episode 1", "review of
        episode 22", "season review"."""
        if self.kind is PieceKind.PREVIEW:
            return "preview"
        if self.kind is PieceKind.EPISODE:
            return f"review of episode {self.episode}" if self.episode else "episode review"
        text = f"{self.kind.value} review"
        return text + (f", episode {self.episode}" if self.episode else "")

    @property
    def kind_short(self) -> str:
        """The kind in a line of a list: "premiere ep 1", "season"."""
        return self.kind.value + (f" ep {self.episode}" if self.episode else "")

    @property
    def byline(self) -> str:
        """Who said it: critic and outlet where known."""
        if self.critic:
            return f"{self.critic}, {self.outlet_name}"
        return self.outlet_name

    @property
    def rated(self) -> bool:
        """Whether the critic gave a number (then `score` is that number on 0-100)."""
        return self.rating is not None

    @property
    def score_source(self) -> str:
        """ "rating": converted from the critic's own number; "reading": the project's
        reading of a text that gives none."""
        return "rating" if self.rated else "reading"

    @property
    def score_label(self) -> str:
        """ "62/100, our reading" or "70/100, from their 3.5 of 5": what a score is, wherever
        one is shown."""
        if self.rated:
            return f"{self.score}/100, from their {self.rating_text}"
        return f"{self.score}/100, our reading"

    @property
    def rating_text(self) -> str:
        """ "3.5 of 5", "7/10": the critic's number and its scale as written."""
        if self.rating is None:
            return ""
        scale = self.rating_scale or ""
        joiner = "" if scale.startswith("/") else " "
        return f"{self.rating}{joiner}{scale}".strip()

    @property
    def original(self) -> str:
        """The critic's own verdict: their rating and their wording, or a plain note that
        the text gives neither."""
        if self.rating and self.verdict:
            return f"{self.rating_text} (“{self.verdict}”)"
        if self.rating:
            return self.rating_text
        return f"“{self.verdict}”" if self.verdict else "no rating given"


class Verdict(Struct, frozen=True):
    id: str
    show: str
    given_at: datetime
    score: int | None = None
    stance: Stance | None = None
    notes: str = ""
    episode: int | None = None
    """Episode the verdict was given at; 0 means before the first episode."""

    @property
    def effective_score(self) -> int:
        if self.score is not None:
            return self.score
        assert self.stance is not None, "a verdict has a score or a stance"
        return score_for_stance(self.stance)

    @property
    def effective_stance(self) -> Stance:
        return self.stance if self.stance is not None else stance_for_score(self.effective_score)


class PausedPass(Struct, frozen=True):
    """The pass a rewatch set aside: what the show stood at when the rewatch began, given
    back if the rewatch stops before its last episode."""

    watched: dict[int, Logged]
    status: Status
    status_by_hand: bool
    finished: PartialDate | None = None


class Entry(Struct, frozen=True):
    """The user's record of one show; the default (nothing watched) is not stored."""

    show: str
    status: Status = Status.PLAN_TO_WATCH
    status_by_hand: bool = False
    """A status the user set wins over the automatic one until they mark it otherwise."""
    watched: dict[int, Logged] = field(default_factory=dict)
    """Episodes watched in the current pass, with when each was logged (None: undated,
    as imported from a list that kept no dates). While rewatching: the rewatch's own."""
    earlier: tuple[tuple[int, Logged], ...] = ()
    """Episodes logged in passes that are over (finished or stopped rewatches), kept for
    the diary."""
    paused: PausedPass | None = None
    """While rewatching: the pass the rewatch set aside (still in the diary)."""
    recent: tuple[int, ...] = ()
    """Episodes of the current pass in the order they were marked, the latest last (a
    backdated mark's date says nothing of when it was made); `-` undoes the latest."""
    ratings: dict[int, int] = field(default_factory=dict)
    """Per-episode scores, 0-100."""
    notes: dict[int, str] = field(default_factory=dict)
    comments: str = ""
    """Notes on the show as a whole, such as a MyAnimeList list's comments."""
    started: PartialDate | None = None
    finished: PartialDate | None = None
    rewatch_count: int = 0
    updated_at: datetime | None = None
    tags: tuple[str, ...] = ()
    """Your own tags on the show (MyAnimeList's my_tags)."""

    @property
    def progress(self) -> int:
        """Episodes watched in the current pass (a rewatch counts its own)."""
        return len(self.watched)

    @property
    def last_watched(self) -> int:
        return max(self.watched, default=0)

    @property
    def latest_mark(self) -> int | None:
        """The episode marked most recently in this pass; for episodes nobody marked one
        by one (an imported list), the highest."""
        for number in reversed(self.recent):
            if number in self.watched:
                return number
        return self.last_watched or None

    @property
    def rewatching(self) -> bool:
        return self.status is Status.REWATCHING

    def logs(self) -> list[tuple[int, Logged]]:
        """Every logged episode across passes, in no order (counting needs none)."""
        paused = self.paused.watched.items() if self.paused is not None else ()
        return [*self.earlier, *paused, *self.watched.items()]

    def diary(self) -> list[tuple[int, Logged]]:
        """Every logged episode across runs: dated ones oldest first, undated ones last."""
        return sorted(self.logs(), key=lambda item: logged_key(item[1]))
