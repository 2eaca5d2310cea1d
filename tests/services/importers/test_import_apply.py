"""Saving imports: re-imports, driver matching, classes, refusals that change nothing, undo."""

from __future__ import annotations

from pathlib import Path

import pytest
from import_helpers import IMSA_QUALIFYING, IMSA_RACE, dump, make_session

from desktop_app.domain.sessions import SessionKind
from desktop_app.services.editing import Editor
from desktop_app.services.errors import EditError
from desktop_app.services.importers.apply import apply_import, plan_import
from desktop_app.services.importers.csv_reader import parse_text
from desktop_app.services.importers.detect import read_import_file, read_table_results
from desktop_app.services.importers.errors import TimingImportError
from desktop_app.services.importers.model import ImportedFile
from desktop_app.services.importers.report import AmbiguousDrivers
from desktop_app.services.importers.undo import undo_import
from desktop_app.storage import repository as repo
from desktop_app.storage.models import Driver, Entry, RaceClass, RaceSession, Result, Team


def count(editor: Editor, model: type) -> int:
    with editor.database.read() as session:
        return len(session.query(model).all())


def test_reimport_updates_in_place_and_keeps_notes_and_tags(
    editor: Editor, race_session: int
) -> None:
    imported = read_import_file(IMSA_RACE)
    apply_import(editor, imported, race_session)
    with editor.database.read() as session:
        row = next(
            r for r in repo.session_results(session, race_session) if r.entry.car_number == "6"
        )
        result_id, entry_id, tandy = row.id, row.entry_id, row.entry.drivers[0].id
    with editor.change("Reporter notes") as edit:
        edit.update_result(result_id, note="Penske's first win of the year", total_time_ms=1)
        edit.set_entry_tags(entry_id, ["Focus"])
        edit.set_driver_tags(tandy, ["British"])
    counts = [count(editor, model) for model in (Result, Entry, Driver, Team)]
    report = apply_import(editor, imported, race_session)
    assert (report.results, report.new_entries, report.new_drivers, report.new_results) == (
        28,
        0,
        0,
        0,
    )
    assert [count(editor, model) for model in (Result, Entry, Driver, Team)] == counts
    with editor.database.read() as session:
        result = session.get(Result, result_id)
        assert result.note == "Penske's first win of the year"
        assert result.total_time_ms == 6_128_126 and result.position == 1
        assert [tag.name for tag in result.entry.tags] == ["Focus"]
        assert [tag.name for tag in session.get(Driver, tandy).tags] == ["British"]


def test_existing_driver_matched_across_spellings_gets_hometown(
    editor: Editor, qualifying_session: int
) -> None:
    with editor.change("Known drivers") as edit:
        thompson = edit.create_driver("THOMPSON", first_name="Parker", tags=["Canadian"])
        bourdais = edit.create_driver("Bourdais", first_name="Sébastien", country="FRA")
    report = apply_import(editor, read_import_file(IMSA_QUALIFYING), qualifying_session)
    with editor.database.read() as session:
        entry = repo.entry_by_number(session, 1, session.get(Entry, 1).series_id, "12")
        assert entry is not None and entry.drivers[0].id == thompson
        driver = session.get(Driver, thompson)
        assert [t.name for t in driver.tags] == ["Canadian"]
        assert (driver.hometown_city, driver.hometown_region, driver.country) == (
            "Red Deer",
            "AB",
            "CAN",
        )
    assert report.new_drivers == 53  # 54 names in the file, Parker Thompson known
    race = make_session(editor, "IWSC", SessionKind.RACE, event="Long Beach 2023")
    apply_import(editor, read_import_file(IMSA_RACE), race)
    with editor.database.read() as session:
        car = next(r for r in repo.session_results(session, race) if r.entry.car_number == "01")
        assert car.entry.drivers[0].id == bourdais  # "Sebastien" without the accent


def test_ambiguous_driver_is_asked_not_guessed(editor: Editor, race_session: int) -> None:
    with editor.change("Two Nick Tandys") as edit:
        first = edit.create_driver("Tandy", first_name="Nick", country="GBR")
        second = edit.create_driver("TANDY", first_name="Nick", hometown_city="Bedford")
    imported = read_import_file(IMSA_RACE)
    questions = plan_import(editor.database, imported)
    assert [(q.name, q.car_number) for q in questions] == [("Nick Tandy", "6")]
    assert {c.driver_id for c in questions[0].candidates} == {first, second}
    before = dump(editor.database.path)
    with pytest.raises(AmbiguousDrivers) as refused:
        apply_import(editor, imported, race_session)
    assert "Nick Tandy (car #6)" in str(refused.value)
    assert dump(editor.database.path) == before
    apply_import(editor, imported, race_session, {questions[0].key: second})
    with editor.database.read() as session:
        winner = repo.session_results(session, race_session)[0]
        assert winner.entry.drivers[0].id == second


def test_unknown_class_is_created_and_reported(editor: Editor) -> None:
    session_id = make_session(editor, "IMPC", SessionKind.RACE)
    with editor.change("Classes") as edit:
        edit.ensure_class(1, "GSX", aliases=["GS"])
    text = "POSITION;NUMBER;STATUS;LAPS;TOTAL_TIME;CLASS;TEAM;DRIVER_1;\n"
    text += "1;7;Classified;50;2:00:01.000;GS;Team A;Kyle MARCELLI;\n"
    text += "2;8;Classified;50;2:00:02.000;TCR;Team B;Harry GOTTSACKER;\n"
    report = apply_import(editor, read_import_text(text), session_id)
    assert report.new_classes == ["TCR"]
    assert "New classes added to the series: TCR" in report.text()
    with editor.database.read() as session:
        codes = [r.entry.race_class.code for r in repo.session_results(session, session_id)]
        assert codes == ["GSX", "TCR"]


def read_import_text(text: str, name: str = "sheet.csv") -> ImportedFile:
    return read_table_results(parse_text(text, name))


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"\x89PNG\r\n\x1a\n....", "is a PNG image, not a CSV timing file"),
        (b"Name,Email\nAnn,ann@example.com\n", "is not a timing layout RaceDesk knows"),
        (
            b"POSITION;STATUS;LAPS;TOTAL_TIME;TEAM;CLASS\n1;Classified;3;1:00.000;A;GTD\n",
            "has no NUMBER column",
        ),
        (
            b"POSITION;NUMBER;STATUS;LAPS;TOTAL_TIME\n1;7;Classified;3;1:00.000\n"
            b"2;8;Classified;3;soon\n3;9;Classified;x;1:02.000\n",
            'row 3: total time: "soon" is not a lap time',
        ),
        (b"", "is empty"),
    ],
)
def test_bad_files_are_refused_and_change_nothing(
    editor: Editor, race_session: int, tmp_path: Path, content: bytes, message: str
) -> None:
    path = tmp_path / "upload.csv"
    path.write_bytes(content)
    before = dump(editor.database.path)
    with pytest.raises(TimingImportError) as refused:
        apply_import(editor, read_import_file(path), race_session)
    assert message in str(refused.value)
    assert dump(editor.database.path) == before


def test_unreadable_rows_are_all_listed_with_row_numbers(tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_text(
        "POSITION;NUMBER;STATUS;LAPS;TOTAL_TIME\n1;7;Classified;3;1:00.000\n"
        "2;8;Finished;3;1:01.000\n3;9;Classified;x;1:02.000\n",
        encoding="utf-8",
    )
    with pytest.raises(TimingImportError) as refused:
        read_import_file(path)
    assert refused.value.rows == [3, 4]
    assert '"Finished" is not a result status' in str(refused.value)
    assert 'row 4: laps: "x" is not a whole number' in str(refused.value)


def test_rows_without_number_or_twice_listed_are_skipped(tmp_path: Path) -> None:
    path = tmp_path / "odd.csv"
    path.write_text(
        "POSITION;NUMBER;STATUS;LAPS;TOTAL_TIME\n1;7;Classified;3;1:00.000\n"
        "2;;Classified;3;1:01.000\n3;7;Classified;3;1:02.000\n",
        encoding="utf-8",
    )
    imported = read_import_file(path)
    assert [str(row) for row in imported.skipped] == [
        "row 3: no car number",
        "row 4: car #7 is listed twice; row 2 was kept",
    ]


def test_undo_puts_everything_back(editor: Editor, race_session: int) -> None:
    first = apply_import(editor, read_import_file(IMSA_RACE), race_session)
    with editor.change("Reporter edits") as edit:
        row_id = edit.session.query(Result).first().id
        edit.update_result(row_id, note="kept")
    after_first = dump(editor.database.path)
    second = apply_import(editor, read_import_file(IMSA_QUALIFYING), race_session)
    assert second.kept_cars  # cars of 2023 not in the 2025 file stay at the bottom
    assert second.undo is not None and first.undo is not None
    undo_import(editor, second.undo)
    assert _data(dump(editor.database.path)) == _data(after_first)
    undo_import(editor, first.undo)
    assert [count(editor, model) for model in (Result, Entry, Driver, Team)] == [0, 0, 0, 0]
    assert count(editor, RaceClass) == 3


def _data(lines: list[str]) -> list[str]:
    """The rows without the change history (which an undo adds to on purpose), any order."""
    return sorted(line for line in lines if "change_log" not in line)


def test_delete_team_and_class_leave_entries_without_them(editor: Editor) -> None:
    """The two Edits methods import undo relies on."""
    session_id = make_session(editor, "IWSC", SessionKind.RACE)
    with editor.change("Entry") as edit:
        team_id = edit.ensure_team("Team A")
        class_id = edit.ensure_class(1, "LMP3", aliases=["LMP 3"])
        event_id = edit.session.get(RaceSession, session_id).event_id
        entry_id = edit.create_entry(event_id, 1, "7", class_id=class_id, team_id=team_id)
    with editor.change("Delete") as edit:
        edit.delete_team(team_id)
        edit.delete_class(class_id)
    with editor.database.read() as session:
        entry = session.get(Entry, entry_id)
        assert entry.team_id is None and entry.class_id is None
        assert repo.find_class(session, 1, "LMP 3") is None
    with pytest.raises(EditError, match="no longer exists"), editor.change("Again") as edit:
        edit.delete_team(team_id)


@pytest.mark.parametrize(
    "header_and_row",
    [
        "NUMBER;LAPS;TOTAL_TIME;CLASS;DRIVER_1\n12;40;1:40:00.000;GTD;Parker THOMPSON",
        "NUMBER;LAPS;TOTAL_TIME;CLASS;DRIVER1_FIRSTNAME;DRIVER1_SECONDNAME\n"
        "12;40;1:40:00.000;GTD;PARKER;THOMPSON",
        "NUMBER;LAPS;TOTAL_TIME;CLASS;DRIVER_1\n12;40;1:40:00.000;GTD;Pärker THOMPSON",
    ],
)
def test_shouted_or_accented_name_finds_the_saved_driver(
    editor: Editor, race_session: int, header_and_row: str
) -> None:
    with editor.change("Known driver") as edit:
        thompson = edit.create_driver("Thompson", first_name="Parker", tags=["Canadian"])
    report = apply_import(editor, read_import_text(header_and_row), race_session)
    assert report.new_drivers == 0
    with editor.database.read() as session:
        (row,) = repo.session_results(session, race_session)
        assert [d.id for d in row.entry.drivers] == [thompson]
        assert [t.name for t in row.entry.drivers[0].tags] == ["Canadian"]
        assert row.entry.drivers[0].full_name == "Parker Thompson"
