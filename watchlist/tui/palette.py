"""Command palette (ctrl+p): jump to any show, and run the main actions."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, Any

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content

from watchlist.domain.folding import fold
from watchlist.domain.model import Show, TitleLanguage
from watchlist.domain.scoring import ScoreFormat
from watchlist.domain.settings import Spoilers
from watchlist.domain.text import plural, printable_line
from watchlist.service.lookup import searchable
from watchlist.tui.choices import highlighted, pick
from watchlist.tui.host import Host, host_of
from watchlist.tui.modes import MODES
from watchlist.tui.saving import Change

if TYPE_CHECKING:
    from textual.app import App

MAX_SHOW_HITS = 40


class ShowCommands(Provider):
    """Every show in the database, by title: opens its screen."""

    @property
    def host(self) -> Host:
        return host_of(self.app)

    async def startup(self) -> None:
        shows = self.host.tracker.shows()
        self.shows: list[tuple[Show, str]] = [(show, searchable(show)) for show in shows]

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        folded = fold(query)
        hits = 0
        for show, key in self.shows:
            score = matcher.match(show.title)
            if score <= 0:
                # Slugs and native titles count too, as a plain substring.
                if not folded or folded not in key:
                    continue
                score = 0.5
            yield Hit(
                score,
                highlighted(matcher, show.title),
                partial(self.host.open_show, show.slug),
                text=show.title,
                help=printable_line(f"Open · {', '.join(show.studios) or 'studio unknown'}"),
            )
            hits += 1
            if hits >= MAX_SHOW_HITS:
                return


class ActionCommands(Provider):
    """The main actions, named so they can be found by typing."""

    @property
    def host(self) -> Host:
        return host_of(self.app)

    def _commands(self) -> list[tuple[str, Callable[[], object], str]]:
        app, host = self.app, self.host
        settings = host.tracker.settings()
        blind = settings.blind
        shielded = settings.spoilers is Spoilers.SHIELD
        commands: list[tuple[str, Callable[[], object], str]] = [
            (mode.command, partial(app.switch_mode, mode.name), mode.help) for mode in MODES
        ]
        commands += [
            ("Go to season…", partial(pick_season, app), "Show another season on the board"),
            (
                "Add a show…",
                partial(add_show, app),
                "A show the catalog does not have, as your own",
            ),
            ("Help", host.action_help, "Keys and how watchlist works"),
            ("Undo", host.action_undo, "Take back the last change (u)"),
            ("Undo list…", host.action_undo_list, "What u would undo, newest first (U)"),
            (
                f"Blind mode: turn {'off' if blind else 'on'}",
                partial(set_blind, host, not blind),
                "Hide critics until you have given your own verdict",
            ),
            (
                f"Spoiler shield: turn {'off' if shielded else 'on'}",
                partial(set_spoilers, host, Spoilers.SHOW if shielded else Spoilers.SHIELD),
                "Keep episode and season reviews closed until you have got there",
            ),
        ]
        commands.append(
            (
                "Time zone…",
                partial(pick_zone, app),
                f"Broadcast times are shown in {host.tracker.zone().name}",
            )
        )
        for language in TitleLanguage:
            mark = " (in use)" if language is settings.titles else ""
            commands.append(
                (
                    f"Titles: {language.value}{mark}",
                    partial(set_titles, host, language),
                    "Which title leads in lists, on the show screen and in exports",
                )
            )
        current = settings.score_format
        for fmt in ScoreFormat:
            mark = " (in use)" if fmt is current else ""
            commands.append(
                (
                    f"Score format: {fmt.value}{mark}",
                    partial(set_score_format, host, fmt),
                    "How scores show",
                )
            )
        return commands

    async def discover(self) -> Hits:
        for name, command, help_text in self._commands():
            yield DiscoveryHit(Content(name), command, text=name, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, command, help_text in self._commands():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, highlighted(matcher, name), command, text=name, help=help_text)


def pick_season(app: App[Any]) -> None:
    """A palette of the seasons, with how many shows each has."""
    host = host_of(app)
    choices = [
        (
            season.name + ("  (showing)" if season.slug == host.season else ""),
            partial(host.go_to_season, season.slug),
            f"{season.slug} · {plural(count, 'show')}",
        )
        for season, count in host.tracker.season_counts()
    ]
    pick(app, choices, "Go to season…")


def pick_zone(app: App[Any]) -> None:
    """A palette of every IANA time zone, the system's first."""
    from zoneinfo import available_timezones

    host = host_of(app)
    system = host.tracker.zone()
    local = "Local (the system's zone)" + ("" if system.chosen else f": {system.name}")
    choices = [(local, partial(set_zone, host, ""), "Follow the system (TZ)")]
    choices += [
        (name, partial(set_zone, host, name), "Show broadcast times here")
        for name in sorted(available_timezones())
    ]
    pick(app, choices, "Time zone…")


def set_zone(host: Host, name: str) -> None:
    host.request_save(
        Change(
            lambda: host.tracker.update_settings(timezone=name),
            lambda s: f"Broadcast times are now shown in {s.timezone or 'the system zone'}",
        )
    )


def set_titles(host: Host, language: TitleLanguage) -> None:
    host.request_save(
        Change(
            lambda: host.tracker.update_settings(titles=language.value),
            lambda s: f"{s.titles.value.capitalize()} titles lead now",
        )
    )


def add_show(app: App[Any]) -> None:
    """A show of your own, from the palette; the board shows it once saved."""
    from watchlist.tui.screens.entry_dialogs import AddShowDialog

    host = host_of(app)

    def done(values: dict[str, str] | None) -> None:
        if values is not None:
            host.request_save(
                Change(
                    lambda: host.tracker.add_show(**values),
                    lambda show: f"Added {show.title} as {show.slug}",
                )
            )

    app.push_screen(AddShowDialog(host.tracker, host.season), done)


def set_score_format(host: Host, fmt: ScoreFormat) -> None:
    host.request_save(
        Change(
            lambda: host.tracker.update_settings(score_format=fmt.value),
            lambda s: f"Score format is now {s.score_format.value}",
        )
    )


def set_spoilers(host: Host, spoilers: Spoilers) -> None:
    host.request_save(
        Change(
            lambda: host.tracker.update_settings(spoilers=spoilers.value),
            lambda s: (
                "Spoiler shield on: reviews wait until you get there"
                if s.spoilers is Spoilers.SHIELD
                else "Spoiler shield off: every review is open"
            ),
        )
    )


def set_blind(host: Host, blind: bool) -> None:
    host.request_save(
        Change(
            lambda: host.tracker.update_settings(blind=blind),
            lambda s: "Blind mode " + ("on" if s.blind else "off"),
        )
    )
