"""Other windows' changes, live, on a PostgreSQL server (LISTEN/NOTIFY, issue 19).

Each committed action on a server sends its ``Changes`` (tables, sessions, events; never
values) on the channel ``racedesk``; PostgreSQL delivers it only when the transaction
commits. A ``ChangeFeed`` listens on its own connection in a background thread and hands
every other writer's ``Changes`` to a callback, which the window passes on (on its own
thread) to the same listeners its own edits reach: views refresh only what changed.
If the server goes away, the feed says so once and reconnects every few seconds.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from typing import Any

from sqlalchemy import text
from sqlalchemy.orm import Session

from desktop_app.services.changes import Changes

CHANNEL = "racedesk"
MAX_PAYLOAD = 7900  # PostgreSQL's limit is 8000 bytes
RETRY_SECONDS = 2.0
LOST = "The server cannot be reached; RaceDesk keeps trying, and saves no edit until it is back."
BACK = "The server is back; edits are saved again."


def payload(changes: Changes, origin: str) -> str:
    """The notification text; ids are dropped (views reload more) when they do not fit."""
    body: dict[str, Any] = {
        "origin": origin,
        "action": changes.action,
        "author": changes.author,
        "tables": sorted(changes.tables),
        "session_ids": sorted(changes.session_ids),
        "event_ids": sorted(changes.event_ids),
    }
    encoded = json.dumps(body)
    if len(encoded.encode()) > MAX_PAYLOAD:
        body.update(session_ids=[], event_ids=[], action=changes.action[:100], whole=True)
        encoded = json.dumps(body)
    return encoded


def notify(session: Session, changes: Changes, origin: str) -> None:
    """Inside the action's transaction: sent to the others when (if) it commits."""
    session.execute(
        text("SELECT pg_notify(:channel, :payload)"),
        {"channel": CHANNEL, "payload": payload(changes, origin)},
    )


def changes_from(text_payload: str) -> tuple[str, Changes]:
    """(origin, Changes) of a notification; a dropped id list means every session of
    those tables (``whole``), which views treat as a table-wide change."""
    body = json.loads(text_payload)
    changes = Changes(
        body.get("action", ""),
        tables=set(body.get("tables", [])),
        session_ids=set(body.get("session_ids", [])),
        event_ids=set(body.get("event_ids", [])),
        author=body.get("author", ""),
    )
    return str(body.get("origin", "")), changes


def everything(action: str) -> Changes:
    """Every table, as if all had changed: what others did while the feed was away was
    not heard, so views read again (an open cell editor stays, see ui.results)."""
    from desktop_app.storage.models import Base

    return Changes(action, tables=set(Base.metadata.tables))


class ChangeFeed:
    """Listens for other writers' changes; ``on_changes`` runs on the feed's thread."""

    def __init__(
        self,
        conninfo: str,
        origin: str,
        on_changes: Callable[[Changes], None],
        on_status: Callable[[str], None] = lambda _text: None,
    ) -> None:
        self.conninfo = conninfo
        self.origin = origin
        self.on_changes = on_changes
        self.on_status = on_status
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="racedesk-feed", daemon=True)
        self.listening = threading.Event()

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=5)

    def _run(self) -> None:
        import psycopg

        lost = False
        while not self._stop.is_set():
            try:
                with psycopg.connect(self.conninfo, autocommit=True) as connection:
                    connection.execute(f"LISTEN {CHANNEL}")
                    self.listening.set()
                    if lost:
                        self.on_status(BACK)
                        lost = False
                    self._listen(connection)
            except psycopg.OperationalError:
                self.listening.clear()
                if not lost:
                    self.on_status(LOST)
                    lost = True
                self._stop.wait(RETRY_SECONDS)

    def _listen(self, connection: Any) -> None:
        while not self._stop.is_set():
            for note in connection.notifies(timeout=0.5):
                origin, changes = changes_from(note.payload)
                if origin != self.origin:
                    self.on_changes(changes)
