"""A summary reads the event once and reuses it while nothing has changed (issue 17).

Re-rendering (a preset or format switch, Copy) must not read the event again, and any
saved change must show at once: an edit here, or one made by another window or process
on the same file (which writes a change-history line with every action).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import event
from summary_weekend import DemoWeekend

from desktop_app.services.editing import Editor
from desktop_app.services.summaries import OutputFormat, summarise
from desktop_app.storage.database import Database, make_engine

NOTE = "Heavy rain before the start."


@contextmanager
def statements(database: Database) -> Iterator[list[str]]:
    seen: list[str] = []

    def count(_conn, _cursor, sql, *_args) -> None:  # noqa: ANN001
        seen.append(sql)

    event.listen(database.engine, "before_cursor_execute", count)
    try:
        yield seen
    finally:
        event.remove(database.engine, "before_cursor_execute", count)


def test_rendering_again_reads_only_the_data_version(weekend: DemoWeekend) -> None:
    first = weekend.text("weekend")
    with statements(weekend.editor.database) as seen:
        again = weekend.text("weekend")
        html = weekend.text("weekend", fmt=OutputFormat.HTML)
    assert again == first and "<" in html
    assert len(seen) == 2  # one version check per render; the event is not read again
    assert all("change_log" in sql for sql in seen)


def test_an_edit_shows_in_the_next_render(weekend: DemoWeekend) -> None:
    race = weekend.sessions["VPSCC Race 2"]
    before = weekend.text("weekend", session="VPSCC Race 2")
    with weekend.editor.change("Note the rain") as edit:
        edit.update_session(race, notes=NOTE)
    after = weekend.text("weekend", session="VPSCC Race 2")
    assert NOTE not in before and NOTE in after


def test_a_change_from_another_window_on_the_file_shows(weekend: DemoWeekend) -> None:
    database = weekend.editor.database
    race = weekend.sessions["VPSCC Race 2"]
    before = weekend.text("weekend", session="VPSCC Race 2")
    other = Database(database.path, make_engine(database.path))  # another process's view
    try:
        with Editor(other).change("Note the rain") as edit:
            edit.update_session(race, notes=NOTE)
    finally:
        other.close()
    selection = weekend.selection(session="VPSCC Race 2")
    after = summarise(database, selection, preset="weekend").text
    assert NOTE not in before and NOTE in after
