"""The results grid's lap-chart columns on the imported Sebring qualifying: the group
position ("overall" in the article) and the driver of each car's best lap (the Q mark),
checked against a plain csv reading of the results and lap files."""

from __future__ import annotations

from pathlib import Path

import pytest
from weekend_support import csv_rows, file_of, ms

from desktop_app.services.results.columns import COLUMNS
from desktop_app.services.results.reading import read_session
from desktop_app.storage.database import open_database

GROUPS = ({"GTP"}, {"LMP2"}, {"GTDPRO", "GTD"})  # the laps' time of day: three groups


def _expected() -> tuple[dict[str, int], dict[str, str]]:
    results = csv_rows(file_of("Qualifying", "results"))
    places: dict[str, int] = {}
    for group in GROUPS:
        cars = [row["NUMBER"] for row in results if row["CLASS"] in group]
        places.update({number: place for place, number in enumerate(cars, start=1)})
    best_lap = {row["NUMBER"]: row["LAP"] for row in results}
    laps = [lap for lap in csv_rows(file_of("Qualifying", "laps")) if ms(lap["LAP_TIME"])]
    drivers = {
        lap["NUMBER"]: lap["DRIVER_NAME"]
        for lap in laps
        if lap["LAP_NUMBER"] == best_lap[lap["NUMBER"]]
    }
    # cars without an official best lap (LAP 0: every lap deleted): their fastest lap's driver
    for lap in sorted(laps, key=lambda lap: -(ms(lap["LAP_TIME"]) or 0)):
        if best_lap[lap["NUMBER"]] == "0":
            drivers[lap["NUMBER"]] = lap["DRIVER_NAME"]
    return places, drivers


def _grid(path: Path, session_name: str):
    database = open_database(path)
    try:
        with database.read() as session:
            from desktop_app.storage.models import RaceSession

            (session_id,) = [s.id for s in session.query(RaceSession) if s.name == session_name]
        read = read_session(database, session_id, None)
    finally:
        database.close()
    assert read is not None
    return read.rows


def test_qualifying_grid_shows_group_positions_and_best_lap_drivers(sebring_db: Path) -> None:
    places, drivers = _expected()
    rows = _grid(sebring_db, "Qualifying")
    assert {row.car_number: row.group_position for row in rows} == places
    assert {r.car_number: r.lap_q_driver for r in rows if r.lap_q_driver} == drivers
    grp = next(c for c in COLUMNS if c.key == "group_pos")
    q_driver = next(c for c in COLUMNS if c.key == "qualifying_driver")
    thompson = next(row for row in rows if row.car_number == "12")
    assert grp.show(thompson) == "4"  # P3 GTD / P4 overall in the article's form
    assert q_driver.show(thompson) == drivers["12"]
    assert q_driver.derived is not None and q_driver.derived(thompson)  # shown grey


def test_a_race_grid_keeps_whole_field_positions(sebring_db: Path) -> None:
    rows = _grid(sebring_db, "Race")
    assert all(row.group_position is None and not row.lap_q_driver for row in rows)


@pytest.mark.qt_log_ignore("propagateSizeHints")  # offscreen platform, shown grid
def test_the_grid_shows_the_lap_chart_driver_grey_until_one_is_typed(qtbot, sebring_db) -> None:
    from PySide6.QtCore import Qt
    from ui.results_support import open_grid, type_cell

    from desktop_app.services.editing import Editor
    from desktop_app.services.results.columns import INDEX
    from desktop_app.ui.results.model import HINT_COLOUR

    places, drivers = _expected()
    database = open_database(sebring_db)
    editor = Editor(database)
    try:
        with database.read() as session:
            from desktop_app.storage.models import RaceSession

            (qualifying,) = [s.id for s in session.query(RaceSession) if s.name == "Qualifying"]
        grid = open_grid(qtbot, editor, qualifying)
        row = next(n for n, r in enumerate(grid.model.rows) if r.car_number == "12")
        cell = grid.model.index(row, INDEX["qualifying_driver"])
        assert cell.data() == drivers["12"]
        assert cell.data(Qt.ItemDataRole.ForegroundRole) == HINT_COLOUR
        assert grid.model.index(row, INDEX["group_pos"]).data() == str(places["12"])
        assert not grid.view.isColumnHidden(INDEX["group_pos"])  # shown where groups ran
        assert grid.note.text() == (
            "Qualifying groups GTP | LMP2 | GTD PRO, GTD (from the lap chart): group positions."
        )
        type_cell(qtbot, grid, "Aaron Telitz", row, "qualifying_driver")
        cell = grid.model.index(row, INDEX["qualifying_driver"])
        assert cell.data() == "Aaron Telitz"
        assert cell.data(Qt.ItemDataRole.ForegroundRole) is None  # stored: black
        # a row moved: the grid's re-read works the group positions out again
        before = {r.car_number: r.group_position for r in grid.model.rows}
        assert grid.move_rows([row], row + 2)
        after = {r.car_number: r.group_position for r in grid.model.rows}
        fresh = read_session(database, qualifying, None)
        assert fresh is not None and after == {r.car_number: r.group_position for r in fresh.rows}
        assert after["12"] > before["12"]  # moved down its group
    finally:
        database.close()


def test_the_default_focus_follows_the_canadians_of_official_files(sebring_db, capsys) -> None:
    """Out of the box (no tag keyed yet) the summary names the drivers whose file says CAN."""
    from desktop_app.cli.main import main

    code = main(["--db", str(sebring_db), "summary", "--event", "1", "--session", "Qualifying"])
    out = capsys.readouterr().out
    assert code == 0
    assert "P3 GTD / P4 overall - Parker Thompson Q - #12 Vasser Sullivan Lexus RC F GT3" in out
    canadians = {
        f"{row[f'DRIVER{seat}_FIRSTNAME']} {row[f'DRIVER{seat}_SECONDNAME']}"
        for row in csv_rows(file_of("Qualifying", "results"))
        for seat in range(1, 7)
        if row.get(f"DRIVER{seat}_COUNTRY") == "CAN"
    }
    assert len(canadians) == 12 and all(name in out for name in canadians)


@pytest.mark.qt_log_ignore("propagateSizeHints")  # offscreen platform, shown grid
def test_a_full_session_opens_at_p1_and_typing_a_number_scrolls_to_the_new_row(
    qtbot, sebring_db
) -> None:
    from PySide6.QtCore import Qt
    from ui.results_support import open_grid

    from desktop_app.services.editing import Editor

    database = open_database(sebring_db)
    try:
        with database.read() as session:
            from desktop_app.storage.models import RaceSession

            (race,) = [s.id for s in session.query(RaceSession) if s.name == "Race"]
        grid = open_grid(qtbot, Editor(database), race)
        view = grid.view
        assert view.verticalScrollBar().value() == 0 < view.verticalScrollBar().maximum()
        assert view.indexAt(view.viewport().rect().topLeft()).row() == 0  # P1 in sight
        assert grid.model.is_new_row(view.currentIndex().row())  # still ready to key a car

        def cursor_seen() -> bool:
            return view.viewport().rect().intersects(view.visualRect(view.currentIndex()))

        assert not cursor_seen()
        qtbot.keyClick(view, Qt.Key.Key_7)
        assert cursor_seen()  # the typed number is where the reporter looks
    finally:
        database.close()
