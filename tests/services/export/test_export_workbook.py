"""The workbook as a colleague opens it: read back with openpyxl in normal mode."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import zipfile
from pathlib import Path

import openpyxl
import pytest
from openpyxl.worksheet.worksheet import Worksheet

from desktop_app.services.demo import demo_data
from desktop_app.services.editing import Editor
from desktop_app.services.export import ExportCancelled, export_event_workbook
from desktop_app.services.export.cells import FOCUS_FILL
from desktop_app.services.settings import Settings, save_settings
from desktop_app.storage import repository as repo
from desktop_app.storage.database import Database, make_engine

RESULT_HEADERS = [
    "Pos", "Class", "PIC", "No.", "Team", "Vehicle", "Drivers", "Laps", "Total time", "Gap",
    "Best lap", "Best lap no.", "Status", "Penalty",
]  # fmt: skip
FOCUS = FOCUS_FILL.fgColor.rgb


def _event_id(editor: Editor, name: str) -> int:
    with editor.database.read() as session:
        return repo.find_events(session, name)[0].id


def _rows(sheet: Worksheet) -> list[list[object]]:
    return [[cell.value for cell in row] for row in sheet.iter_rows()]


def _row_of(sheet: Worksheet, column: int, value: object) -> int:
    for cells in sheet.iter_rows(min_row=2):
        if cells[column - 1].value == value:
            return int(cells[0].row)
    raise AssertionError(f"{value!r} not in {sheet.title}")


@pytest.fixture(scope="module")
def demo_book(
    template_files: dict[str, Path], tmp_path_factory: pytest.TempPathFactory
) -> openpyxl.Workbook:
    """The demo weekend's Roar workbook, written once for the tests that only read it
    (default settings: a user folder of its own)."""
    folder = tmp_path_factory.mktemp("demo-book")
    database_file = folder / "weekend.sqlite3"
    shutil.copyfile(template_files["demo"], database_file)
    target = folder / "roar.xlsx"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("RACEDESK_HOME", str(folder / "home"))
        database = Database(database_file, make_engine(database_file))
        try:
            event_id = _event_id(Editor(database), "Roar Before the 24")
            assert export_event_workbook(database, event_id, target) == target
        finally:
            database.close()
    return openpyxl.load_workbook(target)


@pytest.fixture
def crafted_book(editor: Editor, crafted, tmp_path: Path) -> openpyxl.Workbook:
    target = tmp_path / "trois-rivieres.xlsx"
    export_event_workbook(editor.database, crafted.event_id, target)
    return openpyxl.load_workbook(target)


def test_demo_weekend_has_a_readable_sheet_per_session_plus_the_shared_sheets(demo_book):
    assert demo_book.sheetnames == [
        "Schedule", "Entry list", "Focus drivers", "Drivers", "VPSCC Practice 1",
        "VPSCC Practice 2", "VPSCC Qualifying", "VPSCC Race 1", "VPSCC Race 2", "IMPC Practice 2",
        "IWSC Qualifying",
    ]  # fmt: skip


def test_result_sheets_have_bold_frozen_filtered_headers(demo_book):
    sheet = demo_book["VPSCC Race 1"]
    assert [cell.value for cell in sheet[1]] == RESULT_HEADERS
    assert all(cell.font.bold for cell in sheet[1])
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == "A1:N4"
    assert sheet.column_dimensions["E"].width > sheet.column_dimensions["A"].width


def test_partial_demo_results_export_only_what_is_stored(demo_book):
    """Race 1 stores only class positions: the other cells stay empty."""
    sheet = demo_book["VPSCC Race 1"]
    row = _rows(sheet)[1]
    assert row[:7] == [
        None,
        "LMP3",
        4,
        "87",
        "FastMD Racing with Remstar",
        "Duqueine D08",
        "Marco Kacic",
    ]
    assert row[7:12] == [None] * 5
    assert sheet.cell(2, 3).data_type == "n"


def test_official_session_shows_the_provisional_position_only_where_it_changed(demo_book):
    sheet = demo_book["VPSCC Race 2"]
    assert [cell.value for cell in sheet[1]][-2:] == ["Provisional pos", "Provisional PIC"]
    staikos = _row_of(sheet, 7, "George Staikos")
    assert sheet.cell(staikos, 3).value == 7
    assert sheet.cell(staikos, 16).value == 8
    kacic = _row_of(sheet, 7, "Marco Kacic")
    assert (sheet.cell(kacic, 3).value, sheet.cell(kacic, 16).value) == (3, None)
    assert sheet.cell(_row_of(sheet, 7, "Ware"), 14).value == ("Other: Immediate post-race penalty")


def test_focus_rows_are_highlighted_and_others_are_not(demo_book):
    sheet = demo_book["IWSC Qualifying"]
    thompson = _row_of(sheet, 7, "Parker Thompson")
    assert {cell.fill.fgColor.rgb for cell in sheet[thompson]} == {FOCUS}
    entries = demo_book["Entry list"]
    ware = _row_of(entries, 6, "Ware")
    assert entries.cell(ware, 1).fill.fgColor.rgb != FOCUS
    multimatic = _row_of(entries, 3, "65")  # entry tagged, no driver named
    assert entries.cell(multimatic, 1).fill.fgColor.rgb == FOCUS


def test_focus_drivers_sheet_lists_every_focus_result_across_sessions(demo_book):
    sheet = demo_book["Focus drivers"]
    header = [cell.value for cell in sheet[1]]
    assert header == ["Driver", "No.", "Series", "Session", "Class", "PIC", "Pos", "Gap", "Status"]
    rows = _rows(sheet)[1:]
    lazare = [row for row in rows if row[0] == "Jesse Lazare"]
    assert [(row[3], row[5]) for row in lazare] == [
        ("Practice 1", None),
        ("Practice 2", 2),
        ("Qualifying", None),
        ("Race 1", 13),
        ("Race 2", 4),
    ]
    assert lazare[2][6] == 11
    assert ["Parker Thompson", "12", "IWSC", "Qualifying", "GTD", 1, 3, None, "Classified"] in rows
    assert not any(row[0] in ("Ware", "Brian Ortiz") for row in rows)
    assert sheet.auto_filter.ref == f"A1:I{len(rows) + 1}"


def test_schedule_uses_real_datetimes_in_the_event_time_zone(demo_book):
    sheet = demo_book["Schedule"]
    assert sheet.cell(1, 1).value == "Starts (America/New_York)"
    assert sheet.cell(2, 1).value == dt.datetime(2024, 1, 20, 14, 5)
    assert sheet.cell(2, 1).number_format == "yyyy-mm-dd hh:mm"
    kinds = [(row[2], row[4]) for row in _rows(sheet)[1:5]]
    assert kinds == [
        ("Session", "Race 1"),
        ("Broadcast", "VP Racing SportsCar Challenge Race 1"),
        ("Session", "Race 2"),
        ("Broadcast", "VP Racing SportsCar Challenge Race 2"),
    ]


def test_document_properties_name_the_event_and_the_author(demo_editor, tmp_path):
    save_settings(Settings(author="Chris Jameson"))
    target = tmp_path / "roar.xlsx"
    export_event_workbook(
        demo_editor.database, _event_id(demo_editor, "Roar Before the 24"), target
    )
    book = openpyxl.load_workbook(target)
    assert book.properties.title == "Roar Before the 24"
    assert book.properties.creator == "Chris Jameson"


def test_author_defaults_to_racedesk(demo_book):
    assert demo_book.properties.creator == "RaceDesk"


def test_times_are_real_durations_with_number_formats(crafted_book):
    sheet = crafted_book["NASCAR-Pinty's- Series- Race 1"]
    row = _row_of(sheet, 4, "01")
    best, total = sheet.cell(row, 11), sheet.cell(row, 9)
    assert best.value == dt.timedelta(milliseconds=107_123)  # 107123 / 86 400 000 of a day
    assert best.number_format == "[m]:ss.000"
    assert total.value == dt.timedelta(milliseconds=5_400_123)
    assert total.number_format == "[h]:mm:ss.000"
    assert sheet.cell(row, 12).value == 17


def test_raw_cell_value_is_a_fraction_of_a_day(editor, crafted, tmp_path):
    """Below openpyxl's conversion, the stored number is ms / 86 400 000."""
    target = tmp_path / "raw.xlsx"
    export_event_workbook(editor.database, crafted.event_id, target)
    with zipfile.ZipFile(target) as archive:
        xml = archive.read("xl/worksheets/sheet5.xml").decode()  # the Race 1 sheet
    match = re.search(r'<c r="K2"[^>]*><v>([^<]+)</v>', xml)
    assert match is not None
    assert float(match.group(1)) == pytest.approx(107_123 / 86_400_000, abs=1e-15)


def test_gaps_in_time_are_durations_and_gaps_in_laps_are_text(crafted_book):
    sheet = crafted_book["NASCAR-Pinty's- Series- Race 1"]
    time_gap = sheet.cell(_row_of(sheet, 4, "7"), 10)
    assert (time_gap.value, time_gap.number_format) == (dt.timedelta(seconds=1.25), "[m]:ss.000")
    lapped = sheet.cell(_row_of(sheet, 4, "12"), 10)
    assert (lapped.value, lapped.data_type) == ("1 Lap", "s")
    assert sheet.cell(_row_of(sheet, 4, "33"), 10).value == "38 Laps"
    assert sheet.cell(_row_of(sheet, 4, "33"), 13).value == "DNF"


def test_car_numbers_stay_text(crafted_book):
    sheet = crafted_book["NASCAR-Pinty's- Series- Race 1"]
    cell = sheet.cell(_row_of(sheet, 7, "Sébastien Bourdais"), 4)
    assert (cell.value, cell.data_type) == ("01", "s")
    plain = sheet.cell(_row_of(sheet, 5, "@SUM(A1)"), 4)  # a row that is not highlighted
    assert (plain.value, plain.data_type) == ("7", "s")


@pytest.mark.parametrize("team", ["=1+1", "@SUM(A1)", "+1", "-1"])
def test_formula_like_team_names_are_literal_text(crafted_book, team):
    sheet = crafted_book["NASCAR-Pinty's- Series- Race 1"]
    cell = sheet.cell(_row_of(sheet, 5, team), 5)
    assert cell.value == team
    assert cell.data_type == "s"
    assert cell.quotePrefix


def test_official_race_orders_penalties_and_provisional_positions(crafted_book):
    sheet = crafted_book["NASCAR-Pinty's- Series- Race 1"]
    row = _row_of(sheet, 4, "01")
    assert sheet.cell(row, 1).value == 1
    assert sheet.cell(row, 14).value == "Time penalty 30.000: Pit lane speeding"
    assert (sheet.cell(row, 15).value, sheet.cell(row, 16).value) == (2, 2)
    third = _row_of(sheet, 4, "12")
    assert (sheet.cell(third, 1).value, sheet.cell(third, 15).value) == (3, None)


def test_colliding_session_names_get_unique_legal_sheet_names(crafted_book):
    names = crafted_book.sheetnames[4:]
    assert len(names) == 4
    assert len({name.casefold() for name in names}) == 4
    for name in names:
        assert len(name) <= 31
        assert not set(name) & set("[]:*?/\\")
    assert names[1] == "NASCAR-Pinty's- Series- Practic"
    assert names[2].endswith("(2)") and names[3].endswith("(3)")


def test_progress_reports_every_sheet(demo_editor, tmp_path):
    seen: list[tuple[int, int]] = []
    event_id = _event_id(demo_editor, "Roar Before the 24")
    export_event_workbook(
        demo_editor.database,
        event_id,
        tmp_path / "r.xlsx",
        progress=lambda d, t: seen.append((d, t)),
    )
    assert seen[0] == (0, 11)
    assert seen[-1] == (11, 11)
    assert [done for done, _ in seen] == list(range(12))


def test_cancel_midway_leaves_no_file_and_no_temporary_file(demo_editor, tmp_path):
    calls: list[int] = []

    def cancelled() -> bool:
        calls.append(1)
        return len(calls) > 3

    event_id = _event_id(demo_editor, "Roar Before the 24")
    with pytest.raises(ExportCancelled):
        export_event_workbook(
            demo_editor.database, event_id, tmp_path / "r.xlsx", cancelled=cancelled
        )
    assert not (tmp_path / "r.xlsx").exists()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".r-")] == []
    assert len(calls) == 4


def test_entry_list_and_drivers_sheet_carry_country_and_hometown(demo_book):
    entries = demo_book["Entry list"]
    header = [cell.value for cell in entries[1]]
    assert header[5:8] == ["Drivers", "Countries", "Hometowns"]
    car_61 = next(row for row in entries.iter_rows(values_only=True) if row[2] == "61")
    assert car_61[5:8] == ("George Staikos", "CAN", "Trenton, ON")
    drivers = demo_book["Drivers"]
    assert [cell.value for cell in drivers[1]] == [
        "First name", "Last name", "Name as printed", "Country", "Country name", "Hometown",
        "Official ids", "Tags",
    ]  # fmt: skip
    rows = {row[2]: row for row in drivers.iter_rows(min_row=2, values_only=True)}
    assert rows["Jesse Lazare"][3:6] == ("CAN", "Canada", "Montreal, QC")
    roar = demo_data()["events"][0]
    assert len(rows) == len({key for entry in roar["entries"] for key in entry["drivers"]})


def test_focus_sheet_follows_the_focus_rule(demo_editor: Editor, tmp_path: Path) -> None:
    from desktop_app.services.settings import Settings, save_settings

    save_settings(Settings(focus_tag="hometown:*, QC"))
    target = tmp_path / "quebec.xlsx"
    export_event_workbook(
        demo_editor.database, _event_id(demo_editor, "Roar Before the 24"), target
    )
    focus = openpyxl.load_workbook(target)["Focus drivers"]
    assert {row[0] for row in focus.iter_rows(min_row=2, values_only=True)} == {"Jesse Lazare"}


def _expected_width(column, values: list[object]) -> float:
    """As wide as the header (+3) or the longest value (+2) within the column's limits;
    a duration counts as its shown text (``1:47.123``: 9, ``1:02:03.456``: 12)."""
    from desktop_app.services.export.cells import Kind

    shown = {Kind.LAP_TIME: 9, Kind.GAP: 9, Kind.RACE_TIME: 12}
    longest = max(
        (
            len(value) if isinstance(value, str) else shown.get(column.kind, len(str(value)))
            for value in values
            if value is not None
        ),
        default=0,
    )
    wanted = max(len(column.header) + 3, longest + 2, column.min_width)
    return min(wanted, column.max_width)


def test_every_result_column_is_as_wide_as_its_header_or_longest_value(demo_book):
    from desktop_app.services.export.columns import RESULT_COLUMNS

    sheet = demo_book["VPSCC Race 2"]
    rows = _rows(sheet)[1:]
    assert rows, "the race has results"
    widths = [
        sheet.column_dimensions[openpyxl.utils.get_column_letter(n + 1)].width
        for n in range(len(RESULT_COLUMNS))
    ]
    expected = [
        _expected_width(column, [row[n] for row in rows]) for n, column in enumerate(RESULT_COLUMNS)
    ]
    assert widths == expected
    assert widths[8] == len("1:02:03.456") + 2  # Total time: a race's durations
