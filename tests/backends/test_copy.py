"""``racedesk copy``: a file to a server and back gives the same rows; an event alone;
never into a database that holds data."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from desktop_app.cli.main import main
from desktop_app.services.editing import Editor
from desktop_app.storage.database import open_database
from desktop_app.storage.models import Base


def dump(target: Path | str) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every table, in primary-key order (the same on both backends)."""
    database = open_database(target)
    rows = {}
    with database.engine.connect() as connection:
        for table in Base.metadata.sorted_tables:
            query = select(table).order_by(*table.primary_key.columns)
            rows[table.name] = [tuple(row) for row in connection.execute(query)]
    database.close()
    return rows


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_a_file_goes_to_the_server_and_back_unchanged(capsys, demo_file, pg_server, tmp_path):
    server = pg_server.new_database()
    code, out, err = run(capsys, "copy", str(demo_file), server)
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert "events: 2" in lines and "sessions: 12" in lines
    assert lines[-1].startswith("Copied ") and lines[-1].endswith(" in one transaction.")
    original = dump(demo_file)
    assert dump(server) == original
    back = tmp_path / "back.sqlite3"
    code, out, err = run(capsys, "copy", server, str(back))
    assert (code, err) == (0, "")
    assert dump(back) == original
    # the server's id counters moved past the copied rows: a new event gets a fresh id
    editor = Editor(open_database(server))
    with editor.change("New event") as edit:
        new_id = edit.create_event("Sebring")
    editor.database.close()
    assert new_id == max(row[0] for row in original["events"]) + 1


def test_one_event_is_copied_with_what_it_needs(capsys, demo_file, pg_server):
    server = pg_server.new_database()
    code, out, err = run(capsys, "copy", str(demo_file), server, "--event", "Rolex 24 at Daytona")
    assert (code, err) == (0, "")
    assert "events: 1" in out.splitlines()
    copied = dump(server)
    original = dump(demo_file)
    assert [row[1] for row in copied["events"]] == ["Rolex 24 at Daytona"]
    assert {row[1] for row in copied["sessions"]} == {2}  # event_id of every session
    assert len(copied["sessions"]) == sum(1 for row in original["sessions"] if row[1] == 2)
    assert copied["drivers"] == original["drivers"]
    assert copied["change_log"] == []


def test_a_target_with_data_is_refused_and_left_alone(capsys, demo_file, pg_server):
    server = pg_server.new_database()
    assert run(capsys, "copy", str(demo_file), server)[0] == 0
    before = dump(server)
    code, out, err = run(capsys, "copy", str(demo_file), server)
    assert code == 1 and out == ""
    assert "already holds data" in err and "empty database" in err
    assert dump(server) == before
