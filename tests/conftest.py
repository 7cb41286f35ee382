"""Fixtures that keep tests away from the developer's machine: data in tmp_path, a fixed clock."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from watchlist.service.tracker import Tracker
from watchlist.storage import Store, open_store
from watchlist.storage.catalog import Catalog, load_catalog

START = datetime(2024, 1, 10, 21, 0, tzinfo=UTC)


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--run-slow",
        action="store_true",
        help="also run the slow fault-injection tests (CI does; a plain run skips them)",
    )


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if config.getoption("--run-slow"):
        return
    skip = pytest.mark.skip(reason="slow: run with --run-slow")
    for item in items:
        if "slow" in item.keywords:
            item.add_marker(skip)


class Clock:
    """A clock that moves one minute each time it is read, so moments stay ordered."""

    def __init__(self, start: datetime = START, step: timedelta = timedelta(minutes=1)) -> None:
        self.now = start
        self.step = step

    def __call__(self) -> datetime:
        current = self.now
        self.now += self.step
        return current


@pytest.fixture(autouse=True)
def _isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "data").mkdir()
    monkeypatch.setenv("WATCHLIST_DB", str(tmp_path / "data" / "watchlist.json"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    monkeypatch.setenv("TEXTUAL_ANIMATIONS", "none")
    monkeypatch.setenv("TZ", "UTC")
    monkeypatch.delenv("WATCHLIST_DEBUG", raising=False)


@pytest.fixture(scope="session")
def catalog() -> Catalog:
    return load_catalog()


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "data" / "watchlist.json"


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def make_store(db_path: Path, clock: Clock) -> Iterator[Callable[..., Store]]:
    stores: list[Store] = []

    def make(path: Path | None = None, **options: object) -> Store:
        store = open_store(path or db_path, clock=clock, **options)  # type: ignore[arg-type]
        stores.append(store)
        return store

    yield make
    for store in stores:
        store.close()


@pytest.fixture
def tracker(make_store: Callable[..., Store]) -> Tracker:
    return Tracker(make_store())
