"""Help for jobs that make hundreds of thousands of objects at once (an import, or any
command on a large library)."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """The cycle collector off for the job: it would walk every object the job made
    again and again (a third of the time of importing 100,000 entries), and those
    objects hold no cycles. Reference counting still frees them; a cycle made meanwhile
    waits for the collection after the job."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()
