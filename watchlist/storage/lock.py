"""A lock between processes: flock on a descriptor kept open for the store's life.

filelock opens and closes its lock file on every acquire (about 160 us) and
takes tens of milliseconds to import; a save needs the lock every time, so on
systems with flock we hold the descriptor and only flip the lock (about 2 us).
The kernel drops the lock when its process dies, so a killed copy never
blocks the next one.
"""

from __future__ import annotations

import os
import time

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows
    # typeshed knows no platform without fcntl, so None needs an ignore there.
    fcntl = None  # type: ignore[assignment]


class LockTimeout(Exception):
    """Another process held the lock for longer than the timeout."""


class ProcessLock:
    """Re-entrant within one owner; exclusive between processes (and between stores)."""

    def __init__(self, path: str, timeout: float) -> None:
        self.path = path
        self.timeout = timeout
        self._fd: int | None = None
        self._depth = 0
        self._fallback = None
        if fcntl is None:  # pragma: no cover - Windows
            from filelock import FileLock  # deferred: only where flock does not exist

            self._fallback = FileLock(path, timeout=timeout, thread_local=False)

    def acquire(self) -> None:
        """Take the lock, waiting up to `timeout`; OSError if the lock file cannot be opened."""
        if self._depth:
            self._depth += 1
            return
        if self._fallback is not None:  # pragma: no cover - Windows
            from filelock import Timeout

            try:
                self._fallback.acquire()
            except Timeout:
                raise LockTimeout(self.path) from None
            self._depth = 1
            return
        if self._fd is None:
            self._fd = os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
        deadline = time.monotonic() + self.timeout
        while True:
            try:
                fcntl.flock(self._fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise LockTimeout(self.path) from None
                time.sleep(0.01)
        self._depth = 1

    def release(self) -> None:
        self._depth -= 1
        if self._depth:
            return
        if self._fallback is not None:  # pragma: no cover - Windows
            self._fallback.release()
        elif self._fd is not None:
            fcntl.flock(self._fd, fcntl.LOCK_UN)

    def close(self) -> None:
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None
