"""The server goes away and comes back: edits meanwhile are refused in one sentence,
nothing accepted is lost, the live feed says so and reconnects by itself."""

from __future__ import annotations

import queue
from collections.abc import Iterator

import pytest
from pg_cluster import PgServer, running_cluster
from sqlalchemy import select

from desktop_app.services.editing import Editor
from desktop_app.services.live import BACK, LOST, ChangeFeed
from desktop_app.storage.database import open_database
from desktop_app.storage.errors import ServerAway, UserFacingError
from desktop_app.storage.models import Event
from desktop_app.storage.server import conninfo


@pytest.fixture
def own_server() -> Iterator[PgServer]:
    """A cluster of this test's own: stopping it must not disturb the others."""
    yield from running_cluster()


def test_edits_wait_for_the_server_and_nothing_accepted_is_lost(own_server) -> None:
    url = own_server.new_database()
    editor = Editor(open_database(url))
    statuses: queue.Queue[str] = queue.Queue()
    feed = ChangeFeed(conninfo(url), editor.origin, lambda _changes: None, statuses.put)
    feed.start()
    try:
        assert feed.listening.wait(5)
        with editor.change("Before") as edit:
            edit.create_event("Sebring")
        own_server.stop()
        assert statuses.get(timeout=5) == LOST
        with pytest.raises(UserFacingError, match="could not use the server") as refused:
            with editor.change("While away") as edit:
                edit.create_event("Daytona")
        assert "\n" not in str(refused.value)
        assert isinstance(refused.value, ServerAway)  # the window keeps the typing
        with pytest.raises(ServerAway, match="could not use the server"):  # reads too
            with editor.database.read() as session:
                session.scalars(select(Event.name)).all()
        own_server.start()
        assert statuses.get(timeout=10) == BACK
        with editor.change("After") as edit:
            edit.create_event("Long Beach")
        with editor.database.read() as session:
            names = session.scalars(select(Event.name).order_by(Event.id)).all()
        assert names == ["Sebring", "Long Beach"]
    finally:
        feed.stop()
        editor.database.close()
