"""Reuse a summary's reads while nothing has changed: the event once per data version.

The preview renders on every selection, preset and format change, and Copy renders twice
(text and HTML); reading the event (results, crews, every lap of a race) is most of that
work. A context is kept per selection and a rendered text per template and format, both
tagged with the data version they were read at. The version is this process's count of
committed transactions on the database (every edit, import and undo commits through
``Database.transaction``) together with the newest change-history line, which another
process or a colleague on the server writes with each action. Either moving drops them.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any, TypeVar
from weakref import WeakKeyDictionary

from sqlalchemy import event
from sqlalchemy.orm import Session

from desktop_app.services.conflicts import current_version
from desktop_app.storage.database import Database

T = TypeVar("T")
KEPT = 16  # selections and renders remembered per database (a few presets x formats)


class _Memory:
    """One database's commit count and what was read or rendered at which version."""

    def __init__(self, database: Database) -> None:
        self.commits = 0
        self.items: OrderedDict[Hashable, tuple[tuple[int, int], Any]] = OrderedDict()
        event.listen(database.engine, "commit", self._committed)

    def _committed(self, _connection: Any) -> None:
        self.commits += 1

    def get(self, key: Hashable, version: tuple[int, int]) -> Any | None:
        found = self.items.get(key)
        if found is None or found[0] != version:
            return None
        self.items.move_to_end(key)
        return found[1]

    def put(self, key: Hashable, version: tuple[int, int], value: Any) -> None:
        self.items[key] = (version, value)
        self.items.move_to_end(key)
        while len(self.items) > KEPT:
            self.items.popitem(last=False)


_MEMORIES: WeakKeyDictionary[Database, _Memory] = WeakKeyDictionary()
_LOCK = threading.RLock()  # the template editor previews from a worker thread


def _memory(database: Database) -> _Memory:
    with _LOCK:
        memory = _MEMORIES.get(database)
        if memory is None:
            memory = _MEMORIES[database] = _Memory(database)
        return memory


def data_version(database: Database, session: Session) -> tuple[int, int]:
    """What the data looked like at this read: (commits here, newest history line)."""
    return _memory(database).commits, current_version(session)


def remembered(
    database: Database, key: Hashable, version: tuple[int, int], make: Callable[[], T]
) -> T:
    """The value kept for ``key`` at ``version``, else ``make()`` (kept for next time)."""
    memory = _memory(database)
    with _LOCK:
        found = memory.get(key, version)
    if found is not None:
        return found
    value = make()
    with _LOCK:
        memory.put(key, version, value)
    return value


def forget_key(database: Database, key: Hashable) -> None:
    with _LOCK:
        _memory(database).items.pop(key, None)


def forget(database: Database) -> None:
    """Drop what was kept for ``database`` (tests that change data behind its back)."""
    with _LOCK:
        memory = _MEMORIES.get(database)
        if memory is not None:
            memory.items.clear()
