"""The results grid's lap-chart columns for Sebring qualifying, against the files."""

from __future__ import annotations

from sebring_files import Sebring, rows

from desktop_app.services.lap_columns import lap_columns
from desktop_app.storage import repository as repo


def test_group_positions_and_q_drivers_for_the_grid(sebring: Sebring) -> None:
    session_id = sebring.sessions["Qualifying"]
    columns = lap_columns(sebring.editor.database, session_id)
    assert columns.header == (
        "Qualifying groups GTP | LMP2 | GTD PRO, GTD (from the lap chart): group positions."
    )
    with sebring.editor.database.read() as session:
        numbers = {r.id: r.entry.car_number for r in repo.session_results(session, session_id)}
    by_number = {numbers[rid]: place for rid, place in columns.group_positions.items()}
    drivers = {numbers[rid]: name for rid, (_, name) in columns.lap_q_drivers.items()}
    lap_driver = {
        (r["NUMBER"], r["LAP_NUMBER"]): r["DRIVER_NAME"] for r in rows("Qualifying", "laps")
    }
    checked = 0
    for row in rows("Qualifying", "results"):
        if row["LAP"] not in ("", "0"):  # cars 6, 10, 83 have no timed lap in the results
            assert drivers[row["NUMBER"]] == lap_driver[row["NUMBER"], row["LAP"]]
            checked += 1
    assert checked == 55
    assert (by_number["31"], by_number["99"], by_number["14"], by_number["12"]) == (1, 1, 1, 4)


def test_race_has_no_group_columns(sebring: Sebring) -> None:
    columns = lap_columns(sebring.editor.database, sebring.sessions["Race"])
    assert (columns.header, columns.group_positions) == ("", {})
