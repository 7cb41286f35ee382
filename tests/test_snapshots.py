"""What each screen looks like, against reviewed snapshots (plain def tests, as the plugin wants).

Regenerate after a deliberate change with `pytest tests/test_snapshots.py --snapshot-update`,
after reviewing the report the failing run writes.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.tui_helpers import wait_for_hits
from watchlist.tui import screenshots
from watchlist.tui.palette import pick_season
from watchlist.tui.screenshots import SCENES, SIZE, sample_app


@pytest.mark.parametrize("scene", list(SCENES))
def test_screen(scene: str, snap_compare: Any, tmp_path: Path) -> None:
    assert snap_compare(sample_app(tmp_path), terminal_size=SIZE, run_before=SCENES[scene])


SMALL = (80, 24)
"""The smallest terminal every screen is laid out for."""


@pytest.mark.parametrize(
    "scene", ["board", "show", "critics", "critics-closed", "verdict-editor", "picks", "recap"]
)
def test_screen_at_80_by_24(scene: str, snap_compare: Any, tmp_path: Path) -> None:
    assert snap_compare(sample_app(tmp_path), terminal_size=SMALL, run_before=SCENES[scene])


def _with_seasons(tmp_path: Path) -> Any:
    """The sample app over a catalog with the bangumi-data sample imported too."""
    app = sample_app(tmp_path)
    app.tracker.import_catalog(
        Path(__file__).parent / "catalog_files" / "bangumi-data" / "dist" / "data.json"
    )
    return app


def test_the_season_switcher(snap_compare: Any, tmp_path: Path) -> None:
    async def next_season(pilot: Any) -> None:
        await pilot.pause()
        await pilot.press("right_square_bracket")
        await pilot.pause()

    assert snap_compare(_with_seasons(tmp_path), terminal_size=SIZE, run_before=next_season)


def test_the_season_palette(snap_compare: Any, tmp_path: Path) -> None:
    async def palette(pilot: Any) -> None:
        await pilot.pause()
        pick_season(pilot.app)
        await wait_for_hits(pilot)
        await pilot.pause()

    assert snap_compare(_with_seasons(tmp_path), terminal_size=SIZE, run_before=palette)


@pytest.mark.parametrize(("args", "code"), [(["--help"], 0), (["--no-such-option"], 2)])
def test_the_screenshot_tool_takes_no_option_for_a_folder(
    args: list[str], code: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    before = set(tmp_path.iterdir())
    with pytest.raises(SystemExit) as ended:
        screenshots.main(args)
    assert ended.value.code == code
    assert set(tmp_path.iterdir()) == before  # no folder named after the option, nothing drawn
