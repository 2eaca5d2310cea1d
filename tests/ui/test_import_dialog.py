"""Importing from the window: report shown, one undo step, questions asked, cancel works."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from desktop_app.domain.sessions import SessionKind
from desktop_app.services.editing import Editor
from desktop_app.services.importers.csv_reader import parse_text
from desktop_app.services.importers.generic import suggest_mapping
from desktop_app.services.importers.report import DriverChoice, DriverQuestion
from desktop_app.services.importers.weekend import WeekendPlan
from desktop_app.storage import repository as repo
from desktop_app.ui import import_dialog
from desktop_app.ui.dialogs.column_mapping import NOT_IN_FILE, ColumnMappingDialog
from desktop_app.ui.import_dialog import DriverMatchDialog, PlanDialog, import_files

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")  # offscreen top-level dialogs

TIMING = Path(__file__).resolve().parents[1] / "fixtures" / "timing"
RACE = TIMING / "imsa_wtsc_2023_long-beach_race_results_tobi-commaconv.csv"
QUALIFYING = TIMING / "imsa_wtsc_2025_long-beach_qualifying_results_tobi-commaconv.csv"


@pytest.fixture
def session_id(editor: Editor) -> int:
    with editor.change("Set up") as edit:
        series_id = edit.ensure_series("IWSC", "IMSA WeatherTech")
        event_id = edit.create_event("Long Beach")
        return edit.create_session(event_id, series_id, SessionKind.RACE, "Race")


@pytest.fixture
def shown(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    """What the import told the reporter (message boxes are the true edge)."""
    messages: list[tuple[str, str]] = []

    def capture(kind: str):
        return lambda _parent, _title, text, *_rest: messages.append((kind, text))

    monkeypatch.setattr(QMessageBox, "information", capture("information"))
    monkeypatch.setattr(QMessageBox, "warning", capture("warning"))
    return messages


@pytest.fixture(autouse=True)
def plans(monkeypatch: pytest.MonkeyPatch) -> list[list[str]]:
    """The plans shown before importing; each is accepted as "Import" (tests that look at
    the dialog itself build it directly)."""
    seen: list[list[str]] = []

    def accept(_parent, plan: WeekendPlan) -> bool:
        seen.append(plan.lines())
        return False

    monkeypatch.setattr(PlanDialog, "ask", accept)
    return seen


@pytest.fixture
def parent(qtbot) -> QWidget:
    widget = QWidget()
    qtbot.addWidget(widget)
    return widget


def rows_of(editor: Editor) -> list[str]:
    """Every saved row except the change history (which undo appends to on purpose)."""
    with sqlite3.connect(editor.database.path) as connection:
        return sorted(line for line in connection.iterdump() if "change_log" not in line)


def result_count(editor: Editor, session_id: int) -> int:
    with editor.database.read() as session:
        return len(repo.session_results(session, session_id))


def test_import_then_undo_and_redo(editor, session_id, shown, parent, undo_stack, plans) -> None:
    before = rows_of(editor)
    stack = undo_stack
    assert import_files(parent, editor, stack, [RACE], 1, session_id)
    assert plans == [[f"{RACE.name}: IMSA race results -> Race (existing session), 28 results"]]
    assert result_count(editor, session_id) == 28
    assert shown[0][0] == "information" and "Imported 28 results" in shown[0][1]
    assert "28 new entries" in shown[0][1]
    assert stack.count() == 1 and stack.undoText().startswith("Import imsa_wtsc_2023")
    stack.undo()
    assert rows_of(editor) == before
    stack.redo()
    assert result_count(editor, session_id) == 28


def test_two_files_are_one_undo_step(editor, session_id, shown, parent, undo_stack) -> None:
    before = rows_of(editor)
    stack = undo_stack
    assert import_files(parent, editor, stack, [RACE, QUALIFYING], 1, session_id)
    assert stack.count() == 1 and len(shown) == 1
    assert result_count(editor, session_id) == 27 + 11  # 2023 cars not in 2025 stay at the bottom
    stack.undo()
    assert rows_of(editor) == before


def test_bad_file_is_reported_and_changes_nothing(
    editor, session_id, shown, parent, tmp_path, undo_stack
):
    picture = tmp_path / "logo.png"
    picture.write_bytes(b"\x89PNG\r\n\x1a\n....")
    before = rows_of(editor)
    stack = undo_stack
    assert not import_files(parent, editor, stack, [picture], 1, session_id)
    assert shown == [("warning", "logo.png is a PNG image, not a CSV timing file.")]
    assert stack.count() == 0 and rows_of(editor) == before


def test_all_events_asks_for_the_event_and_creates_it(
    editor, shown, parent, undo_stack, monkeypatch
) -> None:
    answer = ("Long Beach 2023", "America/Los_Angeles", "IWSC")
    monkeypatch.setattr(import_dialog, "ask_event", lambda _p, _s: answer)
    assert import_files(parent, editor, undo_stack, [RACE], None, None)
    with editor.database.read() as session:
        (event,) = repo.find_events(session, "Long Beach 2023")
        assert [(s.name, s.series.code) for s in event.sessions] == [("Race", "IWSC")]
        assert event.time_zone == "America/Los_Angeles"
    monkeypatch.setattr(import_dialog, "ask_event", lambda _p, _s: None)
    assert not import_files(parent, editor, undo_stack, [RACE], None, None)


def test_ambiguous_driver_is_asked(
    editor, session_id, shown, parent, monkeypatch, undo_stack
) -> None:
    with editor.change("Two of a name") as edit:
        edit.create_driver("Tandy", first_name="Nick")
        second = edit.create_driver("Tandy", first_name="Nick", country="GBR")
    asked: list[str] = []

    def answer(_parent, question: DriverQuestion) -> int:
        asked.append(question.name)
        return second

    monkeypatch.setattr(DriverMatchDialog, "ask", answer)
    assert import_files(parent, editor, undo_stack, [RACE], 1, session_id)
    assert asked == ["Nick Tandy"]
    with editor.database.read() as session:
        assert repo.session_results(session, session_id)[0].entry.drivers[0].id == second


def test_driver_dialog_picks_with_the_keyboard(qtbot) -> None:
    question = DriverQuestion(
        "nick tandy",
        "Nick Tandy",
        "6",
        (DriverChoice(1, "Nick Tandy"), DriverChoice(2, "Nick Tandy", "GBR")),
    )
    dialog = DriverMatchDialog(question)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClick(dialog.choices, Qt.Key.Key_Down)
    assert dialog.chosen() == 2
    qtbot.keyClick(dialog.choices, Qt.Key.Key_Down)
    assert dialog.chosen() is None  # "A new driver"
    qtbot.keyClick(dialog.choices, Qt.Key.Key_Return)
    assert dialog.result() == DriverMatchDialog.DialogCode.Accepted


SHEET = "Pos,Car,Name,Best\n1,9,Jesse LAZARE,1:30.500\n2,19,Marco KACIC,1:31.000\n"


def test_mapping_dialog_needs_the_car_number(qtbot) -> None:
    table = parse_text(SHEET, "club.csv")
    dialog = ColumnMappingDialog(table, suggest_mapping(table.headers))
    qtbot.addWidget(dialog)
    dialog.show()
    number = dialog.choosers["number"]
    assert number.currentText() == "Car"
    number.setCurrentText(NOT_IN_FILE)
    dialog._accept_if_complete()
    assert dialog.isVisible() and "car number" in dialog.problem.text()
    number.setCurrentText("Car")
    dialog._accept_if_complete()
    assert dialog.result() == ColumnMappingDialog.DialogCode.Accepted
    assert dialog.mapping().columns["number"] == "Car"
    assert dialog.mapping().drivers_column == "Name"


def test_generic_sheet_is_mapped_once_then_remembered(
    editor, session_id, shown, parent, monkeypatch, tmp_path, undo_stack
) -> None:
    path = tmp_path / "club.csv"
    path.write_text(SHEET, encoding="utf-8")
    monkeypatch.setattr(ColumnMappingDialog, "ask", lambda _p, _t, suggestion: suggestion)
    assert import_files(parent, editor, undo_stack, [path], 1, session_id)
    assert "Imported 2 results" in shown[-1][1]

    def must_not_ask(*_args):
        raise AssertionError("the mapping was remembered")

    monkeypatch.setattr(ColumnMappingDialog, "ask", must_not_ask)
    path.write_text(SHEET + "3,7,Bob SMITH,1:32.000\n", encoding="utf-8")
    assert import_files(parent, editor, undo_stack, [path], 1, session_id)
    assert "Imported 3 results" in shown[-1][1] and "1 new entry" in shown[-1][1]
    assert not import_files(parent, editor, undo_stack, [path], 1, session_id)
    assert shown[-1][1].startswith("Nothing changed: every file was imported before")
