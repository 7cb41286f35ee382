"""What each screen looks like, against reviewed snapshots (plain def tests, as the plugin wants).

Regenerate after a deliberate change with `pytest tests/test_snapshots.py --snapshot-update`,
after reviewing the report the failing run writes.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from watchlist.tui.screenshots import SCENES, SIZE, sample_app


@pytest.mark.parametrize("scene", list(SCENES))
def test_screen(scene: str, snap_compare: Any, tmp_path: Path) -> None:
    assert snap_compare(sample_app(tmp_path), terminal_size=SIZE, run_before=SCENES[scene])
