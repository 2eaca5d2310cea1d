"""The navigator's tree read with plain sqlite3 (start-up) and through the engine.

At start-up the tree is read before SQLAlchemy is imported; it must show the same as the
opened database, and it must never create, change or half-open a file it cannot read
as it stands (that file is left to ``open_database`` and its one clear message).
"""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

from desktop_app.domain.sessions import ResultState, SessionKind
from desktop_app.services.editing import Editor
from desktop_app.storage import migrate
from desktop_app.storage.database import make_engine
from desktop_app.storage.tree import read_tree_file


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_the_file_read_at_start_up_shows_what_the_open_database_shows(
    demo_editor: Editor,
) -> None:
    path = demo_editor.database.path
    assert read_tree_file(path) == demo_editor.database.read_tree()


def test_the_demo_tree_has_both_events_in_date_order_with_their_sessions(
    demo_editor: Editor,
) -> None:
    tree = read_tree_file(demo_editor.database.path)
    assert tree is not None
    assert [event.name for event in tree.events] == ["Roar Before the 24", "Rolex 24 at Daytona"]
    roar = tree.events[0]
    vp = next(s for s in tree.series.values() if s.code == "VPSCC")
    vp_sessions = [s for s in tree.sessions[roar.id] if s.series_id == vp.id]
    race_2 = next(s for s in vp_sessions if s.name == "Race 2")
    assert race_2.kind is SessionKind.RACE
    assert race_2.result_state in (ResultState.PROVISIONAL, ResultState.OFFICIAL)


def test_a_keyed_result_state_is_read_back_for_one_session(demo_editor: Editor) -> None:
    tree = demo_editor.database.read_tree()
    session = tree.sessions[tree.events[1].id][0]
    with demo_editor.change("Mark official") as edit:
        edit.update_session(session.id, result_state=ResultState.OFFICIAL)
    row = demo_editor.database.read_tree_session(session.id)
    assert row is not None and row.result_state is ResultState.OFFICIAL
    assert demo_editor.database.read_tree_session(999_999) is None


def test_a_missing_file_is_not_created(tmp_path: Path) -> None:
    path = tmp_path / "new.sqlite3"
    assert read_tree_file(path) is None
    assert not path.exists()


def test_a_file_that_is_not_a_database_is_left_as_it_is(tmp_path: Path) -> None:
    path = tmp_path / "notes.sqlite3"
    path.write_text("half a database")
    assert read_tree_file(path) is None
    assert path.read_text() == "half a database"


def test_an_older_or_newer_file_waits_for_open_database(db_path: Path) -> None:
    engine = make_engine(db_path)
    migrate.upgrade_to(engine, "0001_initial")
    engine.dispose()
    before = digest(db_path)
    assert read_tree_file(db_path) is None  # older: open_database backs it up and upgrades
    assert digest(db_path) == before
    with sqlite3.connect(db_path) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    connection.close()
    assert read_tree_file(db_path) is None  # newer: open_database refuses it


def test_a_truncated_file_is_left_as_it_is(demo_editor: Editor, tmp_path: Path) -> None:
    source = demo_editor.database.path
    demo_editor.database.close()
    damaged = tmp_path / "damaged.sqlite3"
    damaged.write_bytes(source.read_bytes()[:5000])
    before = digest(damaged)
    assert read_tree_file(damaged) is None
    assert digest(damaged) == before
