"""Air dates that do not lie: known dates stay known, weekly counting is marked as an
estimate, and a known finale that weekly counting misses marks the dates between it and
the last known one as uncertain."""

from __future__ import annotations

from datetime import date

from watchlist.domain.broadcast import listed_day as broadcast_day
from watchlist.domain.broadcast import same_broadcast
from watchlist.domain.model import Show
from watchlist.domain.schedule import aired_by, episodes
from watchlist.domain.seasons import seasons_aired
from watchlist.domain.show_facts import airs_text, run_start_text
from watchlist.storage.catalog import Catalog


def dates(catalog: Catalog, slug: str) -> list[str]:
    return [airs_text(e) for e in episodes(catalog.shows[slug])]


def test_a_known_finale_is_never_replaced_by_weekly_counting(catalog: Catalog) -> None:
    listed = dates(catalog, "bucchigiri")
    assert listed[0] == "2024-01-13"
    assert listed[11] == "2024-04-06"  # it aired then: a week later than weekly counting says
    # Weekly counting from the premiere misses the finale: a break lies in between.
    assert listed[1] == "~2024-01-20?" and listed[10] == "~2024-03-23?"


def test_a_double_bill_on_the_last_day(catalog: Catalog) -> None:
    listed = dates(catalog, "kingdom-season-5")
    assert listed[11:] == ["2024-03-30", "2024-03-30"]
    assert listed[1] == "~2024-01-20"  # weekly counting reaches episode 12: no doubt


def test_finales_from_the_reference_notes(catalog: Catalog) -> None:
    assert dates(catalog, "solo-leveling")[-1] == "2024-03-30"
    assert dates(catalog, "the-witch-and-the-beast")[-1] == "2024-04-05"
    assert dates(catalog, "metallic-rouge")[-1] == "~2024-04-03"  # no finale known: estimated


def test_an_entry_begun_before_the_season_counts_from_its_run_start(catalog: Catalog) -> None:
    listed = dates(catalog, "frieren-beyond-journeys-end")
    assert listed[0] == "2023-09-29" and listed[16] == "2024-01-05"
    # Four episodes on the first night: counting from it overshoots episode 17, so the
    # dates between are uncertain and never later than episode 17's.
    assert all(d.endswith("?") and d <= "~2024-01-05?" for d in listed[1:16])
    apothecary = episodes(catalog.shows["the-apothecary-diaries"])
    assert apothecary[0].airs == date(2023, 10, 21) and not apothecary[0].estimated


def test_in_season_only_where_the_winter_count_is_known(catalog: Catalog) -> None:
    for slug in ("the-apothecary-diaries", "undead-unluck", "shangri-la-frontier"):
        assert {e.in_season for e in episodes(catalog.shows[slug])} == {None}
    frieren = episodes(catalog.shows["frieren-beyond-journeys-end"])
    assert [e.number for e in frieren if e.in_season] == list(range(17, 29))


def test_a_run_start_known_to_the_month_reads_as_a_month() -> None:
    assert run_start_text("2023-07") == "July 2023"
    assert run_start_text("2022-10") == "October 2022"
    assert run_start_text("2023-09-29") == "2023-09-29"
    assert run_start_text(None) is None


def test_late_night_slots_are_listed_under_the_evening_before() -> None:
    from datetime import UTC, datetime

    # Metallic Rouge: Wednesday 25:25 is Thursday 01:25 in Japan, 16:25 UTC.
    assert broadcast_day(datetime(2024, 1, 10, 16, 25, tzinfo=UTC)) == date(2024, 1, 10)
    assert broadcast_day(datetime(2024, 1, 10, 12, 0, tzinfo=UTC)) == date(2024, 1, 10)
    assert same_broadcast(date(2024, 1, 6), date(2024, 1, 7))
    assert not same_broadcast(date(2024, 1, 6), date(2024, 1, 13))


def test_a_run_belongs_to_every_season_it_airs_three_weeks_in() -> None:
    assert seasons_aired(date(2024, 1, 10), date(2024, 4, 3)) == ["winter-2024"]
    assert seasons_aired(date(2024, 4, 1), date(2024, 9, 23)) == ["spring-2024", "summer-2024"]
    assert seasons_aired(date(2024, 1, 10), None) == ["winter-2024"]


def test_aired_by_counts_and_says_when_it_rests_on_estimates(catalog: Catalog) -> None:
    kingdom = catalog.shows["kingdom-season-5"]
    assert aired_by(kingdom, date(2024, 1, 13)) == (1, False)
    assert aired_by(kingdom, date(2024, 1, 20)) == (2, True)
    assert aired_by(kingdom, date(2024, 3, 30)) == (13, True)
    assert aired_by(Show("x", "X"), date(2024, 1, 1)) == (0, False)


def test_the_run_end_both_quick_looks_rest_on() -> None:
    from watchlist.domain.airing import may_air_near
    from watchlist.domain.schedule import run_end
    from watchlist.domain.week import could_air_in

    counted = Show("c", "C", episodes=12, premiere=date(2024, 1, 10))
    assert run_end(counted) == date(2024, 3, 27)  # the 12th week from the premiere
    assert run_end(counted, room_weeks=4) == date(2024, 4, 24)
    finale = Show("f", "F", episodes=12, premiere=date(2024, 1, 10), finale=date(2024, 4, 3))
    assert run_end(finale) == run_end(finale, room_weeks=4) == date(2024, 4, 3)
    assert run_end(Show("u", "U", premiere=date(2024, 1, 10))) is None
    # The next broadcast looks two weeks past the end; the week allows four weeks of breaks.
    assert may_air_near(counted, date(2024, 4, 10)) and not may_air_near(counted, date(2024, 4, 11))
    assert could_air_in(counted, date(2024, 4, 22), date(2024, 4, 28))
    assert not could_air_in(counted, date(2024, 4, 29), date(2024, 5, 5))
