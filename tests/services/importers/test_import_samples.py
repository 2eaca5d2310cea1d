"""Every real sample file imports with the right rows, positions, times, statuses, drivers."""

from __future__ import annotations

from import_helpers import ELMS_RACE, IMSA_QUALIFYING, IMSA_RACE

from desktop_app.domain.classification import Status
from desktop_app.domain.sessions import ResultState
from desktop_app.services.editing import Editor
from desktop_app.services.importers.apply import apply_import
from desktop_app.services.importers.detect import read_import_file
from desktop_app.services.importers.model import Layout
from desktop_app.storage import repository as repo
from desktop_app.storage.models import RaceSession, Result


def import_rows(editor: Editor, path, session_id: int) -> tuple[object, dict[str, Result]]:
    report = apply_import(editor, read_import_file(path), session_id)
    with editor.database.read() as session:
        rows = repo.session_results(session, session_id)
        return report, {row.entry.car_number or "": row for row in rows}


def names(row: Result) -> list[str]:
    return [driver.full_name for driver in row.entry.drivers]


def test_imsa_race_winner_times_and_drivers(editor: Editor, race_session: int) -> None:
    report, rows = import_rows(editor, IMSA_RACE, race_session)
    assert report.results == 28 and report.new_entries == 28 and report.skipped == []
    assert report.layout_label == Layout.IMSA_RACE.label
    winner = rows["6"]
    assert (winner.position, winner.class_position, winner.entry.race_class.code) == (1, 1, "GTP")
    assert winner.total_time_ms == 6_128_126 and winner.laps == 78
    assert (winner.best_lap_ms, winner.best_lap_number) == (71_990, 27)
    assert (winner.gap_first_ms, winner.gap_first_laps) == (None, None)
    assert names(winner) == ["Nick Tandy", "Mathieu Jaminet"]
    assert winner.entry.drivers[0].country == "GBR"
    assert names(rows["25"]) == ["Connor De Phillippi", "Nick Yelloly"]
    assert rows["25"].gap_first_ms == 903 and rows["60"].gap_first_laps == 1


def test_imsa_race_class_positions_follow_overall_order(editor: Editor, race_session: int) -> None:
    _, rows = import_rows(editor, IMSA_RACE, race_session)
    gtd_pro = rows["14"]
    assert gtd_pro.entry.race_class.code == "GTD PRO"  # file says GTDPRO: the alias
    assert (gtd_pro.position, gtd_pro.class_position) == (8, 1)
    assert (rows["3"].position, rows["3"].class_position) == (9, 2)
    assert (rows["1"].position, rows["1"].class_position) == (11, 1)  # first GTD car
    assert rows["1"].entry.race_class.code == "GTD"


def test_imsa_race_zero_lap_car_and_cars_that_did_not_start(
    editor: Editor, race_session: int
) -> None:
    _, rows = import_rows(editor, IMSA_RACE, race_session)
    zero = rows["01"]
    assert "1" in rows and rows["1"].entry_id != zero.entry_id  # 01 is another car than 1
    assert (zero.status, zero.laps, zero.position, zero.class_position) == (
        Status.CLASSIFIED,
        0,
        26,
        8,
    )
    assert zero.total_time_ms is None and zero.best_lap_ms is None and zero.best_lap_number is None
    assert (zero.gap_first_laps, zero.gap_previous_laps) == (78, 71)
    for number in ("80", "93"):
        assert rows[number].status is Status.NOT_STARTED
        assert rows[number].position is None and rows[number].class_position is None
    assert [row.entry.car_number for row in sorted(rows.values(), key=lambda r: r.sort_order)][
        -3:
    ] == ["01", "80", "93"]


def test_imsa_race_marks_session_provisional(editor: Editor, race_session: int) -> None:
    import_rows(editor, IMSA_RACE, race_session)
    with editor.database.read() as session:
        assert session.get(RaceSession, race_session).result_state is ResultState.PROVISIONAL


def test_elms_classification(editor: Editor, elms_session: int) -> None:
    report, rows = import_rows(editor, ELMS_RACE, elms_session)
    assert report.results == 37 and report.layout_label == Layout.CLASSIFICATION.label
    assert sorted(report.new_classes) == ["GTC", "LMGTE", "LMP2"]
    winner = rows["38"]
    assert winner.total_time_ms == 4 * 3_600_000 + 4_690 and winner.best_lap_ms == 96_144
    assert names(winner) == ["Simon Dolan", "Harry Tincknell", "Filipe Albuquerque"]
    assert rows["41"].gap_first_laps == 1 and rows["24"].gap_first_ms == 28_869
    assert rows["62"].gap_previous_ms == 119_312  # 1'59.312
    late = rows["43"]
    assert late.status is Status.NOT_CLASSIFIED and late.position is None
    assert late.gap_previous_laps == -12 and late.laps == 136
    assert (rows["65"].position, rows["65"].class_position) == (32, 12)
    assert (rows["99"].class_position, rows["60"].class_position) == (4, 1)
    assert "Sébastien Crubilé" in names(rows["82"]) and "Lorenzo Casé" in names(rows["65"])
    assert "Alexander Talkanitsa Jr" in names(rows["56"])
    assert sum(row.position is None for row in rows.values()) == 5


def test_imsa_qualifying_ties_missing_times_and_hometowns(
    editor: Editor, qualifying_session: int
) -> None:
    report, rows = import_rows(editor, IMSA_QUALIFYING, qualifying_session)
    assert report.results == 27 and report.layout_label == Layout.IMSA_TIMED.label
    pole = rows["24"]
    assert (pole.position, pole.best_lap_ms, pole.best_lap_number, pole.laps) == (1, 71_539, 7, 11)
    tied = rows["70"]
    assert tied.best_lap_ms == rows["78"].best_lap_ms == 79_432
    assert tied.gap_previous_ms == 0 and tied.position == 23 and rows["78"].position == 22
    gap_only = rows["31"]
    assert gap_only.best_lap_ms is None and gap_only.gap_first_ms == 973
    assert (gap_only.position, gap_only.class_position) == (26, 11)
    nothing = rows["45"]
    assert nothing.best_lap_ms is None and nothing.gap_first_ms is None and nothing.laps == 1
    assert (nothing.position, nothing.class_position) == (27, 16)
    vanthoor = pole.entry.drivers[0]
    assert (vanthoor.full_name, vanthoor.hometown_city, vanthoor.hometown_region) == (
        "Dries Vanthoor",
        "Zolder",
        "Belgium",
    )
    assert vanthoor.hometown == "Zolder, Belgium" and vanthoor.country == "BEL"
    assert names(rows["25"])[0] == "Sheldon van der Linde"
    windsor = rows["23"].entry.drivers[0]
    assert (windsor.hometown_city, windsor.hometown_region) == ("Windsor", "ON")
    assert rows["021"].entry.drivers[0].full_name == "Stevan McAleer"
