"""A row of the board or My list: what the service hands the first screen."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol

from msgspec import Struct

from watchlist.domain.compare import ShowConsensus
from watchlist.domain.folding import fold
from watchlist.domain.model import Entry, Show, Status, TitleLanguage, Verdict
from watchlist.domain.progress import progress_count
from watchlist.domain.text import episodes_phrase


class EntryChange(Struct, frozen=True):
    """What one change did to a show's entry: before and after, and anything worth a word
    (a watch dated before the episode is thought to have aired)."""

    show: Show
    before: Entry
    entry: Entry
    notes: tuple[str, ...] = ()
    checkpoint: int | None = None
    """An episode this change reached at which a verdict is worth giving (1, 3, the
    last) and you have none yet."""

    @property
    def added(self) -> list[int]:
        """Episodes this change marked watched."""
        return sorted(set(self.entry.watched) - set(self.before.watched))

    @property
    def removed(self) -> list[int]:
        """Episodes this change unmarked."""
        return sorted(set(self.before.watched) - set(self.entry.watched))

    @property
    def changed(self) -> bool:
        return self.entry != self.before

    def status_phrase(self) -> str:
        """ "completed (set by hand)", "back to completed, 28/28 (the rewatch stopped)":
        where the status now stands."""
        entry = self.entry
        if (
            self.before.rewatching
            and not entry.rewatching
            and entry.rewatch_count == (self.before.rewatch_count)
        ):
            return (
                f"rewatch stopped; back to {entry.status.value}, "
                f"{progress_count(entry.progress, self.show.episodes)}"
            )
        if entry.rewatching:
            return "rewatching from episode 1 (your earlier progress is kept)"
        how = "set by hand" if entry.status_by_hand else "following progress"
        return f"{entry.status.value} ({how})"

    def describe(self) -> str:
        """ "watched Metallic Rouge episode 3": what the undo journal and toasts call it."""
        title, before, after = self.show.title, self.before, self.entry
        if after.rewatching and not before.rewatching:
            return f"started a rewatch of {title}"
        if before.rewatching and not after.rewatching and after.paused is None:
            if after.rewatch_count > before.rewatch_count:
                return f"finished a rewatch of {title} ({episodes_phrase(self.added)})"
            return f"stopped the rewatch of {title}"
        if self.added and not self.removed:
            return f"watched {title} {episodes_phrase(self.added)}"
        if self.removed and not self.added:
            return f"unmarked {title} {episodes_phrase(self.removed)}"
        if before.status is not after.status or before.status_by_hand != after.status_by_hand:
            how = after.status.value if after.status_by_hand else "following progress"
            return f"set {title} to {how}"
        return f"changed {title}"


class _Judged(Protocol):
    @property
    def effective_score(self) -> int: ...


class _Shown(Protocol):
    def title_in(self, language: TitleLanguage) -> str: ...

    @property
    def tags(self) -> tuple[str, ...]: ...


class _Tracked(Protocol):
    @property
    def status(self) -> Status: ...

    @property
    def tags(self) -> tuple[str, ...]: ...


class RowFacts:
    """What a row says of its show, from its fields: shared by `Row` and the rows the
    `list` command reads from storage (see `listing.ListedRow`)."""

    __slots__ = ()
    show: _Shown
    entry: _Tracked
    verdict: _Judged | None
    consensus: ShowConsensus
    hidden: bool
    tracked: bool
    language: TitleLanguage

    @property
    def title(self) -> str:
        """The title shown and sorted by: English, romaji or native, as chosen."""
        return self.show.title_in(self.language)

    @property
    def status(self) -> Status | None:
        return self.entry.status if self.tracked else None

    @property
    def score(self) -> int | None:
        return self.verdict.effective_score if self.verdict else None

    @property
    def critics_text(self) -> str:
        """The critics' headline in a table cell: reviews' consensus ("62"), else the
        previews' hype marked h ("83 h"), "hidden" in blind mode, "-" when there are none."""
        if self.hidden:
            return "hidden"
        consensus = self.consensus
        if consensus.reception:
            return str(consensus.reception.score)
        if consensus.hype:
            return f"{consensus.hype.score} h"
        return "-"

    @property
    def tags(self) -> tuple[str, ...]:
        """The datasets' tags on the show, then your own (MAL's my_tags)."""
        return tuple(dict.fromkeys((*self.show.tags, *self.entry.tags)))

    def tagged(self, tag: str) -> bool:
        """Whether the show carries `tag`, case, width and kana aside."""
        wanted = fold(tag)
        return any(fold(t) == wanted for t in self.tags)

    @property
    def critic_score(self) -> int | None:
        headline = self.consensus.headline
        return headline.score if headline else None


class Row(RowFacts, Struct, frozen=True):
    """One show on the season board or in My list."""

    show: Show
    entry: Entry
    verdict: Verdict | None
    """The current (latest) verdict."""
    consensus: ShowConsensus
    """Empty while blind mode hides the critics (see `hidden`)."""
    hidden: bool = False
    """Blind mode hides critics' numbers on this show until you give a verdict."""
    tracked: bool = True
    """On your list: you have marked, set or judged something of it. A show you never
    touched has no status at all (not plan-to-watch)."""
    language: TitleLanguage = TitleLanguage.ENGLISH
    """Which of the show's titles leads (the `titles` setting)."""
    audience_hidden: bool = False
    """Blind mode hides the audience's score with the critics' until you give a verdict."""

    @property
    def community_text(self) -> str:
        """The audience's score in a table cell: "78", "hidden" in blind mode, "-" for none."""
        community = self.show.community
        if community is None:
            return "-"
        return "hidden" if self.audience_hidden else str(community.score)


def tag_counts(rows: Iterable[Row]) -> list[tuple[str, int]]:
    """Every tag of the rows, with how many shows carry it, the commonest first."""
    counts: dict[str, int] = {}
    for row in rows:
        for tag in row.tags:
            counts[tag] = counts.get(tag, 0) + 1
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0].casefold()))
