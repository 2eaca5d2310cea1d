"""Other writers' changes arrive within a second (PostgreSQL LISTEN/NOTIFY); one's own
do not come back, and a rolled-back action sends nothing."""

from __future__ import annotations

import queue

import pytest
from sqlalchemy import select

from desktop_app.services.changes import Changes
from desktop_app.services.editing import Editor
from desktop_app.services.errors import EditError
from desktop_app.services.live import ChangeFeed
from desktop_app.storage.database import open_database
from desktop_app.storage.models import Result
from desktop_app.storage.server import conninfo


def test_a_change_committed_elsewhere_arrives_within_a_second(pg_server, pg_templates) -> None:
    url = pg_server.new_database(pg_templates["demo"])
    anna, bob = Editor(open_database(url)), Editor(open_database(url))
    heard: queue.Queue[Changes] = queue.Queue()
    feed = ChangeFeed(conninfo(url), bob.origin, heard.put)
    feed.start()
    try:
        assert feed.listening.wait(5)
        with bob.database.read() as session:
            result = session.scalars(select(Result).order_by(Result.id)).first()
            assert result is not None
            result_id, session_id = result.id, result.session_id
        with bob.change("Bob's own edit") as edit:  # his own: not news to him
            edit.update_result(result_id, laps=40)
        with pytest.raises(EditError), anna.change("Refused") as edit:  # rolled back
            edit.update_result(result_id, laps=41)
            raise EditError("no")
        with anna.change("Key laps") as edit:
            edit.update_result(result_id, laps=42)
        changes = heard.get(timeout=1.0)
        assert (changes.action, changes.session_ids) == ("Key laps", {session_id})
        assert changes.touches("results") and changes.author == anna.author
        assert heard.empty()
    finally:
        feed.stop()
        anna.database.close()
        bob.database.close()
