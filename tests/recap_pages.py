"""The recap page in a real browser: Debian's Chromium driven by Playwright (never a
browser download), shared by the browser test and the README's screenshots.

`python -m tests.recap_pages [FOLDER]` rewrites `screenshots/recap-1280.png` and
`recap-390.png` from the same sample history as the TUI's screenshots.
"""

from __future__ import annotations

import json
import shutil
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from watchlist.service.tracker import Tracker
from watchlist.tui.screenshots import sample_tracker

if TYPE_CHECKING:
    from playwright.sync_api import Browser

CHROMIUM = "/usr/bin/chromium"
"""Debian's `chromium` package (`apt-get install -y chromium`; .ci/run installs it)."""
# Playwright adds --headless itself; these keep Chromium from reaching out on its own.
FLAGS = [
    "--no-sandbox",  # CI runs as root, where Chromium's sandbox will not start
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--disable-default-apps",
    "--disable-extensions",
]
WIDTHS = (1280, 390)
"""A desktop window and a phone."""
HOSTILE_TITLE = "<script>alert(1)</script>"
HOSTILE_OUTLET = "[bold]x[/bold]"
HOSTILE_CRITIC = "<img src=x onerror=alert(2)>"


def chromium() -> str | None:
    """The browser to drive, or None where it is not installed."""
    found = CHROMIUM if Path(CHROMIUM).exists() else shutil.which("chromium")
    return found


def why_no_browser() -> str | None:
    """Why the browser cannot run here (for a skip), or None when it can."""
    if chromium() is None:
        return "Debian's chromium is not installed (apt-get install -y chromium; .ci/run does)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "playwright is not installed (pip install -e '.[test]')"
    return None


@contextmanager
def browser() -> Iterator[Browser]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as driver:
        launched = driver.chromium.launch(executable_path=chromium(), args=FLAGS)
        try:
            yield launched
        finally:
            launched.close()


def hostile_tracker(folder: Path) -> Tracker:
    """The sample history, plus a show and a critic whose names are markup."""
    folder.mkdir(parents=True, exist_ok=True)
    tracker = sample_tracker(folder)
    show = tracker.add_show(HOSTILE_TITLE, season="winter-2024", episodes="12")
    tracker.give_verdict(show.slug, score="9")
    for slug, score in ((show.slug, 40), ("metallic-rouge", 70), ("frieren", 95)):
        piece = folder / f"{slug}.json"
        piece.write_text(
            json.dumps(
                {
                    "outlet": HOSTILE_OUTLET,
                    "critic": HOSTILE_CRITIC,
                    "kind": "premiere",
                    "episode": 1,
                    "score": score,
                    "summary": "Written to test escaping.",
                }
            )
        )
        tracker.add_piece(slug, piece)
    return tracker


def write_page(tracker: Tracker, path: Path) -> Path:
    tracker.write_export(path, tracker.recap_document(None, "html").encode())
    return path


def screenshots(page_file: Path, folder: Path, launched: Browser) -> list[Path]:
    """The whole page at each of WIDTHS, light scheme."""
    written = []
    for width in WIDTHS:
        page = launched.new_page(viewport={"width": width, "height": 900}, color_scheme="light")
        page.goto(page_file.as_uri())
        target = folder / f"recap-{width}.png"
        page.screenshot(path=str(target), full_page=True)
        page.close()
        written.append(target)
    return written


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    folder = Path(args[0]) if args else Path("screenshots")
    problem = why_no_browser()
    if problem:
        print(f"cannot take the screenshots: {problem}", file=sys.stderr)
        return 2
    folder.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as data:
        page_file = write_page(sample_tracker(Path(data)), Path(data) / "recap.html")
        with browser() as launched:
            for path in screenshots(page_file, folder, launched):
                print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
