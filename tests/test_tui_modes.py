"""Every mode is declared once, in `watchlist.tui.modes`, and reaches everything built
from it: one binding, the footer of the mode screens, a line in help, a palette command
that opens it. No other place names a mode by hand."""

from __future__ import annotations

import ast
import importlib
import inspect
import pkgutil
import re
import subprocess
import sys
from pathlib import Path

from textual.binding import Binding
from textual.dom import DOMNode
from textual.pilot import Pilot

import watchlist.tui
from tests.tui_helpers import screen_text, settle, tui, wait_for_hits, wait_until
from watchlist.service.tracker import Tracker
from watchlist.tui.app import WatchlistApp
from watchlist.tui.modes import HOME, MODES, Mode
from watchlist.tui.screens.dialogs import HelpScreen
from watchlist.tui.screens.show import ShowScreen

TUI = Path(watchlist.tui.__file__).parent
WIDE = (220, 36)
"""Room for every key in the footer: at 120 columns it drops keys from the end."""
OPENS_MODE = re.compile(r"switch_mode\((.*)\)")
NAMES_A_MODE = re.compile(r"switch_mode\(\s*['\"]")
"""An action that opens one mode by its name; "switch_mode(" alone only recognises one."""


def tui_classes() -> list[type[DOMNode]]:
    """The app, every screen and every widget the TUI package defines."""
    found: dict[str, type[DOMNode]] = {}
    for module in pkgutil.walk_packages([str(TUI)], "watchlist.tui."):
        loaded = importlib.import_module(module.name)
        for _, cls in inspect.getmembers(loaded, inspect.isclass):
            if issubclass(cls, DOMNode) and cls.__module__ == module.name:
                found[f"{cls.__module__}.{cls.__qualname__}"] = cls
    return list(found.values())


def test_every_mode_has_exactly_one_binding_the_apps() -> None:
    opening: dict[str, list[tuple[str, Binding]]] = {}
    for cls in tui_classes():
        for binding in cls.__dict__.get("BINDINGS", []):
            if isinstance(binding, tuple):
                binding = Binding(*binding)
            opens = OPENS_MODE.fullmatch(binding.action)
            if opens:
                name = ast.literal_eval(opens.group(1))
                opening.setdefault(name, []).append((cls.__name__, binding))
    assert sorted(opening) == sorted(mode.name for mode in MODES)
    for mode in MODES:
        ((owner, binding),) = opening[mode.name]
        assert owner == WatchlistApp.__name__  # so it works on every screen
        assert (binding.key, binding.description, binding.tooltip) == (
            mode.key,
            mode.label,
            mode.help,
        )
    assert len({mode.key for mode in MODES}) == len(MODES)


async def open_by_key(pilot: Pilot[object], app: WatchlistApp, mode: Mode) -> None:
    await pilot.press(mode.key)
    await wait_until(pilot, lambda: app.current_mode == mode.name, f"the {mode.name} mode")
    await settle(pilot)


def footer(app: WatchlistApp) -> str:
    return screen_text(app).splitlines()[-1]


async def test_every_mode_shows_in_the_footer_and_help_of_the_others(tracker: Tracker) -> None:
    app = tui(tracker)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        for here in [*MODES[1:], HOME]:
            await open_by_key(pilot, app, here)
            assert f"{here.key} {here.label}" not in footer(app)  # where you already are
            await pilot.press("question_mark")
            await wait_until(pilot, lambda: isinstance(app.screen, HelpScreen), "help")
            help_text = screen_text(app)
            await pilot.press("escape")
            await pilot.pause()
            for other in MODES:
                if other is not here:
                    assert f"{other.key} {other.label}" in footer(app), (here.name, other.name)
                    assert f"{other.key}  {other.label} · {other.help}" in help_text


async def test_a_show_screen_keeps_the_mode_keys_out_of_its_footer_but_they_work(
    tracker: Tracker,
) -> None:
    app = tui(tracker)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, ShowScreen), "the show screen")
        for mode in MODES:
            assert f"{mode.key} {mode.label}" not in footer(app)
        await pilot.press("question_mark")
        await wait_until(pilot, lambda: isinstance(app.screen, HelpScreen), "help")
        for mode in MODES[1:]:  # the show was opened over home, where b goes nowhere
            assert f"{mode.key}  {mode.label} · {mode.help}" in screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
        await open_by_key(pilot, app, MODES[-1])


async def test_every_mode_has_a_palette_command_that_opens_it(tracker: Tracker) -> None:
    app = tui(tracker)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        for mode in [*MODES[1:], HOME]:
            await pilot.press("ctrl+p", *mode.command)
            await wait_for_hits(pilot)
            assert mode.help in screen_text(app)
            await pilot.press("enter")
            await wait_until(pilot, lambda mode=mode: app.current_mode == mode.name, mode.name)  # type: ignore[misc]
            await settle(pilot)


def test_modes_not_on_the_first_frame_are_imported_when_opened() -> None:
    code = (
        "import sys\n"
        "import watchlist.tui.app\n"
        "print(sorted(m for m in sys.modules if m.startswith('watchlist.tui.screens.')))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    loaded = ast.literal_eval(done.stdout.strip())
    for module in ("behind", "stats", "show", "critics", "dialogs"):
        assert f"watchlist.tui.screens.{module}" not in loaded


def named_by_hand(path: Path) -> list[str]:
    """Places in `path` that bind, open, register or describe a mode with a literal."""
    helps = {mode.help for mode in MODES}
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        where = f"{path.relative_to(TUI)}:{getattr(node, 'lineno', '?')}"
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            if NAMES_A_MODE.search(node.value) or node.value in helps:
                found.append(f"{where} {node.value!r}")
        elif isinstance(node, ast.JoinedStr):
            parts = [v.value for v in node.values if isinstance(v, ast.Constant)]
            if any("switch_mode(" in str(part) for part in parts):
                found.append(f"{where} an action built to open a mode")
        elif isinstance(node, ast.Call):
            func = node.func
            called = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            literal = any(isinstance(arg, ast.Constant) for arg in node.args)
            if called in ("switch_mode", "add_mode", "remove_mode") and literal:
                found.append(f"{where} {called}(…)")
        elif isinstance(node, ast.Compare):
            sides = [node.left, *node.comparators]
            mode = any(isinstance(n, ast.Attribute) and n.attr == "current_mode" for n in sides)
            if mode and any(isinstance(n, ast.Constant) for n in sides):
                found.append(f"{where} current_mode compared with a literal")
    return found


def test_no_other_place_names_a_mode_by_hand() -> None:
    declared = TUI / "modes.py"
    found = [
        place
        for path in sorted(TUI.rglob("*.py"))
        if path != declared
        for place in named_by_hand(path)
    ]
    assert found == []
    # The declarations themselves are found: the check can see what it looks for.
    assert len(named_by_hand(declared)) == len(MODES) + 1  # the help lines, the action
