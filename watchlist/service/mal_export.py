"""Your list for MyAnimeList over stored records: the same entries the objects would
make (tests/export_reference.py holds it to them), read without building an entry, a
verdict or a show for a record it only lists."""

from __future__ import annotations

from watchlist.domain.model import Entry, Status
from watchlist.domain.scoring import ScoreFormat, score_in_format
from watchlist.interop.mal_xml import MalEntry
from watchlist.service.library import Library
from watchlist.storage.entry_summaries import current_verdicts, entry_summaries, summary_of
from watchlist.storage.show_docs import ListedShow, listed, stored_shows


def mal_list(lib: Library) -> list[MalEntry]:
    """Every show you track, as MAL list entries; scores round to MAL's 1-10."""
    summaries = dict(entry_summaries(lib.entries))
    currents = current_verdicts(lib.verdicts)
    slugs = list({*lib.entries, *currents})
    # The user's record of a show over the catalog's; one whose fields look off is read
    # as the show.
    stored = stored_shows(lib.snap.shows, slugs, lib.settings.titles)
    shows = {slug: stored.get(slug) or _converted(lib, slug) for slug in slugs}
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


def _converted(lib: Library, slug: str) -> ListedShow | None:
    show = lib.shows.get(slug)
    return listed(show, lib.settings.titles) if show is not None else None
