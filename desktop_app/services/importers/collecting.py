"""Python's cycle collector paused while a weekend batch is read and saved.

Reading a race lap chart makes some 100,000 small objects (rows, laps, times) that hold
no reference cycles; the collector still walks every live object each time enough of
them were made, which cost about a sixth of a weekend import. Pausing it for the batch
and turning it back on after (cycles made meanwhile are collected then) removes that.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def cycle_collector_paused() -> Iterator[None]:
    """Run the block without cycle collections; the collector's state is put back."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
