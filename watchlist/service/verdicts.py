"""Verdicts and settings: what you think of a show, and how scores are shown."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from watchlist.domain.errors import InvalidInput
from watchlist.domain.model import Entry, Settings, Show, Verdict
from watchlist.domain.scoring import Stance, parse_format, parse_stance
from watchlist.domain.text import MAX_NOTE_CHARS, clean_text
from watchlist.domain.themes import parse_theme
from watchlist.service.base import Number, TrackerBase, episode_of, optional_score
from watchlist.service.ids import new_id


@dataclass(frozen=True)
class VerdictInput:
    """A verdict as typed in a form or on the command line."""

    score: str | None = None
    """In the user's score format; empty means none (the stance stands for it)."""
    stance: str | None = None
    notes: str | None = None
    episode: Number | None = None
    """The episode it is given at; empty means your progress when it is saved."""


@dataclass(frozen=True)
class CheckedVerdict:
    show: Show
    score: int | None
    stance: Stance | None
    notes: str
    episode: int | None
    """None: your progress when it is saved."""


class VerdictJobs(TrackerBase):
    def check_verdict(self, query: str, typed: VerdictInput) -> CheckedVerdict:
        """A verdict parsed and checked, not saved."""
        show = self.find(query)
        score = optional_score(typed.score, self.settings().score_format)
        stance = parse_stance(typed.stance) if typed.stance and typed.stance.strip() else None
        if score is None and stance is None:
            raise InvalidInput("a verdict needs a score or a stance")
        notes = clean_text(typed.notes or "", field="notes", limit=MAX_NOTE_CHARS, multiline=True)
        given = typed.episode is not None and str(typed.episode).strip()
        at = episode_of(typed.episode, show, low=0) if given else None  # type: ignore[arg-type]
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
        return verdict

    def update_settings(
        self,
        *,
        score_format: str | None = None,
        theme: str | None = None,
        blind: bool | None = None,
    ) -> Settings:
        with self._change() as (tx, lib):
            current = lib.settings
            updated = replace(
                current,
                score_format=parse_format(score_format) if score_format else current.score_format,
                theme=parse_theme(theme) if theme is not None else current.theme,
                blind=current.blind if blind is None else blind,
            )
            if updated != current:
                tx.put_settings(updated)
        return updated
