"""The audience's score: what a dataset's users rated a show, beside the critics and you,
never mixed into the critics' consensus or your affinity with them."""

from __future__ import annotations

from datetime import date

from msgspec import Struct


class Community(Struct, frozen=True):
    score: int
    """0-100: the dataset's score on its own range, converted the way a 1-10 rating is
    (7.5 of 10 is 75)."""
    source: str
    """The dataset it comes from ("anime-offline-database")."""
    date: date | None = None
    """When the dataset was last updated: the score is as of then."""

    @property
    def label(self) -> str:
        """ "anime-offline-database, 2024-11-05": what every shown community score says
        of itself."""
        return f"{self.source}, {self.date.isoformat()}" if self.date else self.source


def on_100(value: float, low: float, high: float) -> int | None:
    """A score on a dataset's range (1-10, say) on 0-100, or None when it does not fit."""
    if not low < high or not low <= value <= high or high <= 0:
        return None
    return int(value / high * 100 + 0.5)  # half up, as scores round everywhere
