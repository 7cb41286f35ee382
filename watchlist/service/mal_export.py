"""Your list for MyAnimeList over stored records: the same entries the objects would
make (tests/export_reference.py holds it to them), read without building an entry, a
verdict or a show for a record it only lists."""

from __future__ import annotations

from watchlist.domain.model import Entry, Status
from watchlist.domain.scoring import ScoreFormat, score_in_format
from watchlist.interop.mal_xml import MalEntry
from watchlist.service.library import Library
from watchlist.storage.entry_summaries import current_verdicts, entry_summaries, summary_of
from watchlist.storage.show_docs import ListedShow, listed, stored_show


def listed_show(lib: Library, slug: str) -> ListedShow | None:
    """A show as the list reads it: the user's record over the catalog's."""
    language = lib.settings.titles
    if slug in lib.snap.shows:
        found = stored_show(lib.snap.shows, slug, language)
        if found is not None:
            return found
    show = lib.shows.get(slug)
    return listed(show, language) if show is not None else None


def mal_list(lib: Library) -> list[MalEntry]:
    """Every show you track, as MAL list entries; scores round to MAL's 1-10."""
    summaries = dict(entry_summaries(lib.entries))
    currents = current_verdicts(lib.verdicts)
    slugs = {*lib.entries, *currents}
    lib.snap.shows.will_read(len(slugs))
    shows = {slug: listed_show(lib, slug) for slug in slugs}
    titled = [(show.title.casefold(), slug, show) for slug, show in shows.items() if show]
    result = []
    for _, slug, show in sorted(titled, key=lambda t: (t[0], t[1])):
        entry = summaries.get(slug) or summary_of(Entry(slug))
        current = currents.get(slug)
        paused = entry.paused
        result.append(
            MalEntry(
                mal_id=show.mal_id,
                title=show.lead,
                series_type=show.media_type,
                series_episodes=show.episodes,
                watched=paused[0] if paused else entry.progress,
                rewatching_episodes=entry.progress if entry.status is Status.REWATCHING else 0,
                start=entry.started,
                finish=entry.finished,
                score=int(score_in_format(current.score, ScoreFormat.POINT_10))
                if current
                else None,
                status=paused[1] if paused else entry.status,
                comments=entry.comments or (current.notes if current else ""),
                times_watched=entry.rewatch_count,
                rewatching=entry.status is Status.REWATCHING,
                tags=entry.tags,
            )
        )
    return result
