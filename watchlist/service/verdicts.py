"""Verdicts and settings: what you think of a show, and how scores are shown."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from msgspec import Struct
from msgspec.structs import replace

from watchlist.domain.errors import InvalidInput
from watchlist.domain.model import Entry, Show, TitleLanguage, Verdict
from watchlist.domain.ordering import SORT_BY_NAME
from watchlist.domain.scoring import (
    STANCE_BANDS,
    Stance,
    parse_format,
    parse_stance,
    stance_for_score,
    typed_score,
)
from watchlist.domain.settings import ListView, Settings
from watchlist.domain.shield import parse_spoilers
from watchlist.domain.text import MAX_NOTE_CHARS, clean_text, quoted
from watchlist.domain.themes import parse_theme
from watchlist.service.base import Number, TrackerBase, episode_of, optional_score
from watchlist.service.ids import new_id


class VerdictInput(Struct, frozen=True):
    """A verdict as typed in a form or on the command line."""

    score: str | None = None
    """In the user's score format; empty means none (the stance stands for it)."""
    stance: str | None = None
    notes: str | None = None
    episode: Number | None = None
    """The episode it is given at; empty means your progress when it is saved."""


class CheckedVerdict(Struct, frozen=True):
    show: Show
    score: int | None
    stance: Stance | None
    notes: str
    episode: int | None
    """None: your progress when it is saved."""

    @property
    def mismatch(self) -> str | None:
        """What to say when the score and the stance point different ways (an 8 with
        `drop`): both are kept as given, but it is worth a word."""
        if self.score is None or self.stance is None:
            return None
        band = STANCE_BANDS[self.stance]
        if band.low <= self.score <= band.high:
            return None
        implied = stance_for_score(self.score)
        return (
            f"the score ({self.score}/100) is in the {implied.value} band, not "
            f"{self.stance.value} ({band.low}-{band.high}); both are kept as given"
        )


class VerdictJobs(TrackerBase):
    def check_verdict(self, query: str, typed: VerdictInput) -> CheckedVerdict:
        """A verdict parsed and checked, not saved."""
        show = self.find(query)
        score = optional_score(typed.score, self.settings().score_format)
        stance = parse_stance(typed.stance) if typed.stance and typed.stance.strip() else None
        if score is None and stance is None:
            raise InvalidInput("a verdict needs a score or a stance")
        notes = clean_text(typed.notes or "", field="notes", limit=MAX_NOTE_CHARS, multiline=True)
        given = typed.episode
        at = episode_of(given, show, low=0) if given is not None and str(given).strip() else None
        return CheckedVerdict(show, score, stance, notes, at)

    def give_verdict(
        self, query: str, typed: VerdictInput | None = None, /, **fields: Any
    ) -> Verdict:
        """Record a verdict (given as a VerdictInput or its fields); earlier ones stay
        in the timeline."""
        checked = self.check_verdict(query, typed or VerdictInput(**fields))
        slug = checked.show.slug
        with self._change() as (tx, lib):
            at = checked.episode
            if at is None:
                at = (lib.entries.get(slug) or Entry(slug)).last_watched
            verdict = Verdict(
                id=new_id(),
                show=slug,
                given_at=self.now,
                score=checked.score,
                stance=checked.stance,
                notes=checked.notes,
                episode=at,
            )
            tx.put(verdict)
            tx.journal(f"verdict on {checked.show.title}")
        return verdict

    def edit_verdict(
        self, query: str, ref: str | None = None, typed: VerdictInput | None = None, **fields: Any
    ) -> Verdict:
        """Correct a verdict in place (`ref`: its id, or None for the latest): the fields
        given replace its own; it keeps its place in the timeline."""
        show = self.find(query)
        wanted = typed or VerdictInput(**fields)
        with self._change() as (tx, lib):
            old = _find_verdict(lib.verdicts.get(show.slug, []), ref, show)
            fmt = lib.settings.score_format
            merged = VerdictInput(
                score=wanted.score
                if wanted.score is not None
                else (typed_score(old.score, fmt) if old.score is not None else ""),
                stance=wanted.stance
                if wanted.stance is not None
                else (old.stance.value if old.stance else ""),
                notes=wanted.notes if wanted.notes is not None else old.notes,
                episode=wanted.episode if wanted.episode is not None else old.episode,
            )
            checked = self.check_verdict(show.slug, merged)
            verdict = replace(
                old,
                score=checked.score,
                stance=checked.stance,
                notes=checked.notes,
                episode=checked.episode if checked.episode is not None else old.episode,
            )
            if verdict != old:
                tx.put(verdict)
                tx.journal(f"corrected a verdict on {show.title}")
        return verdict

    def delete_verdict(self, query: str, ref: str | None = None) -> Verdict:
        """Remove a verdict (`ref`: its id, or None for the latest). It leaves no trace:
        the one before it is current again, and stats and affinity forget it."""
        show = self.find(query)
        with self._change() as (tx, lib):
            old = _find_verdict(lib.verdicts.get(show.slug, []), ref, show)
            tx.remove(Verdict, old.id)
            tx.journal(f"deleted a verdict on {show.title}")
        return old

    def remember_view(self, view: ListView) -> Settings:
        """A list screen's sort and status filter, for the next time it opens."""
        if view.sort not in SORT_BY_NAME:
            raise InvalidInput(f"unknown sort {quoted(view.sort)}")
        with self._change() as (tx, lib):
            current = lib.settings
            others = tuple(v for v in current.views if v.screen != view.screen)
            updated = replace(current, views=(*others, view))
            if updated != current:
                tx.put_settings(updated)
        return updated

    def open_spoilers(self, query: str, piece: str | None = None) -> Settings:
        """Open one shielded piece (its id), or every piece of a show, on purpose: it stays
        open. Undone like any change."""
        show = self.find(query)
        key = f"show:{show.slug}" if piece is None else piece
        with self._change() as (tx, lib):
            if piece is not None and lib.pieces.get(piece) is None:
                raise InvalidInput(f"no critic piece {quoted(piece)} on {show.title}")
            current = lib.settings
            if key in current.opened:
                return current
            updated = replace(current, opened=(*current.opened, key))
            tx.put_settings(updated)
            what = "every review" if piece is None else f"{lib.pieces[piece].byline}'s review"
            tx.journal(f"opened {what} of {show.title} before getting there")
        return updated

    def update_settings(
        self,
        *,
        score_format: str | None = None,
        theme: str | None = None,
        blind: bool | None = None,
        spoilers: str | None = None,
        titles: str | None = None,
        timezone: str | None = None,
    ) -> Settings:
        """Change the settings given (None leaves one as it is); `timezone` is an IANA
        name, or '' or 'local' for the system's zone."""
        from watchlist.service.zones import timezone_setting

        language = parse_titles(titles) if titles is not None else None
        zone = timezone_setting(timezone) if timezone is not None else None
        with self._change() as (tx, lib):
            current = lib.settings
            updated = replace(
                current,
                score_format=parse_format(score_format) if score_format else current.score_format,
                theme=parse_theme(theme) if theme is not None else current.theme,
                blind=current.blind if blind is None else blind,
                spoilers=parse_spoilers(spoilers) if spoilers else current.spoilers,
                titles=language or current.titles,
                timezone=zone if timezone is not None else current.timezone,
            )
            if updated != current:
                tx.put_settings(updated)
                tx.journal("settings: " + ", ".join(_settings_changed(current, updated)))
        return updated


def _find_verdict(timeline: Sequence[Verdict], ref: str | None, show: Show) -> Verdict:
    """The verdict `ref` names (an id, or the start of one), else the latest."""
    if not timeline:
        raise InvalidInput(f"you have given no verdict on {show.title}")
    if ref is None or ref.strip().lower() in ("", "latest"):
        return timeline[-1]
    wanted = ref.strip().lower()
    found = [v for v in timeline if v.id.lower().startswith(wanted)]
    if len(found) != 1:
        ids = ", ".join(v.id for v in timeline)
        problem = "matches no verdict" if not found else "matches several verdicts"
        raise InvalidInput(f"{quoted(ref)} {problem} on {show.title}; its verdicts: {ids}")
    return found[0]


def parse_titles(text: str) -> TitleLanguage:
    try:
        return TitleLanguage(text.strip().lower())
    except ValueError:
        choices = ", ".join(t.value for t in TitleLanguage)
        raise InvalidInput(f"unknown titles {quoted(text)}: choose {choices}") from None


def _settings_changed(before: Settings, after: Settings) -> list[str]:
    said = []
    if before.score_format != after.score_format:
        said.append(f"score format {after.score_format.value}")
    if before.theme != after.theme:
        said.append(f"theme {after.theme}")
    if before.blind != after.blind:
        said.append("blind mode " + ("on" if after.blind else "off"))
    if before.spoilers != after.spoilers:
        said.append(f"spoilers {after.spoilers.value}")
    if before.titles != after.titles:
        said.append(f"{after.titles.value} titles")
    if before.timezone != after.timezone:
        said.append(f"time zone {after.timezone or 'local'}")
    return said or ["changed"]
