"""A weekend folder into the window: the plan first, one undo step, cancel saves nothing."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QWidget

from desktop_app.domain.sessions import SessionKind
from desktop_app.services.editing import Editor
from desktop_app.services.importers.weekend import Choices, WeekendPlan, plan_weekend
from desktop_app.services.importers.weekend_apply import apply_weekend
from desktop_app.services.importers.weekend_files import read_batch
from desktop_app.ui import import_dialog
from desktop_app.ui.import_dialog import PlanDialog, import_files

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")  # offscreen top-level dialogs

SEBRING = (
    Path(__file__).resolve().parents[1] / "fixtures" / "timing" / "imsa_wtsc_2024_sebring_weekend"
)


@pytest.fixture
def download(tmp_path: Path) -> Path:
    """Practice 1 and the race, as a reporter's download folder (with a stray PDF)."""
    folder = tmp_path / "sebring"
    folder.mkdir()
    for pattern in ("202403141005-practice-1-*.csv", "202403160940-race-results.csv"):
        for path in SEBRING.glob(pattern):
            shutil.copy(path, folder)
    (folder / "entry-list.pdf").write_bytes(b"%PDF-1.5 rest")
    return folder


@pytest.fixture
def event_id(editor: Editor) -> int:
    with editor.change("Set up") as edit:
        edit.ensure_series("IWSC", "IMSA WeatherTech")
        return edit.create_event("Sebring 2024", time_zone="America/New_York")


@pytest.fixture
def shown(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    messages: list[tuple[str, str]] = []

    def capture(kind: str):
        return lambda _parent, _title, text, *_rest: messages.append((kind, text))

    monkeypatch.setattr(QMessageBox, "information", capture("information"))
    monkeypatch.setattr(QMessageBox, "warning", capture("warning"))
    return messages


@pytest.fixture
def parent(qtbot) -> QWidget:
    widget = QWidget()
    qtbot.addWidget(widget)
    return widget


def rows_of(editor: Editor) -> list[str]:
    with sqlite3.connect(editor.database.path) as connection:
        return sorted(line for line in connection.iterdump() if "change_log" not in line)


def count(editor: Editor, table: str) -> int:
    with sqlite3.connect(editor.database.path) as connection:
        return int(connection.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0])


def test_folder_on_an_event_shows_the_plan_then_is_one_undo_step(
    editor, event_id, download, shown, parent, undo_stack, monkeypatch
) -> None:
    plans: list[list[str]] = []
    monkeypatch.setattr(PlanDialog, "ask", lambda _p, plan: plans.append(plan.lines()) or False)
    before = rows_of(editor)
    assert import_files(parent, editor, undo_stack, [download], event_id, None)
    assert plans[0][:4] == [
        "202403141005-practice-1-results.csv: IMSA practice/qualifying results -> "
        "Practice 1 (new session), 58 results",
        "202403141005-practice-1-laps.csv: lap chart (lap-by-lap time cards) -> "
        "Practice 1 (new session), 1,632 laps of 57 cars",
        "202403141005-practice-1-weather.csv: weather readings -> Practice 1 (new session), "
        "87 weather readings",
        "202403160940-race-results.csv: IMSA race results -> Race (new session), 58 results",
    ]
    assert (
        plans[0][4]
        == "entry-list.pdf: skipped: entry-list.pdf is a PDF document, not a CSV timing file."
    )
    assert shown[-1][1].startswith(
        "Imported 4 files into 2 sessions (2 new) of Sebring 2024: 116 results, 1,632 laps"
    )
    assert undo_stack.count() == 1 and undo_stack.undoText() == "Import 4 files into Sebring 2024"
    assert (count(editor, "sessions"), count(editor, "laps")) == (2, 1632)
    undo_stack.undo()
    assert rows_of(editor) == before
    undo_stack.redo()
    assert (count(editor, "sessions"), count(editor, "laps")) == (2, 1632)


def test_cancel_while_applying_saves_nothing(
    editor, event_id, download, shown, parent, undo_stack, monkeypatch
) -> None:
    monkeypatch.setattr(PlanDialog, "ask", lambda _p, _plan: False)
    original = QProgressDialog.setLabelText

    def cancel_at_the_race(dialog: QProgressDialog, text: str) -> None:
        original(dialog, text)
        if "race-results" in text:  # practice 1 is written by now, inside the transaction
            dialog.cancel()

    monkeypatch.setattr(QProgressDialog, "setLabelText", cancel_at_the_race)
    editor.database.close()
    before = editor.database.path.read_bytes()
    assert not import_files(parent, editor, undo_stack, [download], event_id, None)
    editor.database.close()
    assert editor.database.path.read_bytes() == before
    assert undo_stack.count() == 0 and shown == []


def test_plan_with_a_bad_file_offers_to_import_the_rest(editor, event_id, download, qtbot):
    results = download / "202403160940-race-results.csv"
    results.write_text(
        results.read_text(encoding="utf-8-sig").replace(",Classified,", ",Finished,", 1)
    )
    plan: WeekendPlan = plan_weekend(
        editor.database, read_batch([download]), Choices(str(event_id))
    )
    assert [file.path.name for file in plan.failed] == ["202403160940-race-results.csv"]
    dialog = PlanDialog(plan)
    qtbot.addWidget(dialog)
    dialog.show()
    texts = [dialog.lines.item(row).text() for row in range(dialog.lines.count())]
    assert any("CANNOT BE IMPORTED" in text and "race-results" in text for text in texts)
    assert not dialog.import_button.isEnabled()
    assert dialog.rest_button is not None and dialog.rest_button.isDefault()
    qtbot.keyClick(dialog.lines, Qt.Key.Key_Return)
    assert dialog.result() == PlanDialog.DialogCode.Accepted and dialog.keep_going


def test_the_module_needs_no_database_code() -> None:
    source = Path(import_dialog.__file__).read_text(encoding="utf-8")
    assert "storage.models" not in source and "sqlalchemy" not in source


def test_the_plan_can_send_files_to_another_saved_session(editor, event_id, download, qtbot):
    with editor.change("The reporter's own practice session") as edit:
        edit.create_session(event_id, 1, SessionKind.PRACTICE, "FP1")
    for path in download.glob("202403160940-*"):
        path.unlink()
    plan = plan_weekend(editor.database, read_batch([download]), Choices(str(event_id)))
    dialog = PlanDialog(plan)
    qtbot.addWidget(dialog)
    dialog.show()
    (box,) = dialog.targets
    assert box.currentText() == "Practice 1 (new session), as planned"
    box.setFocus()
    qtbot.keyClick(box, Qt.Key.Key_Down)
    assert box.currentText() == "IWSC FP1 (existing session)"
    assert dialog.lines.item(0).text().endswith("-> FP1 (existing session), 58 results")
    qtbot.keyClick(dialog.lines, Qt.Key.Key_Return)
    assert dialog.result() == PlanDialog.DialogCode.Accepted
    apply_weekend(editor, plan)
    assert (count(editor, "sessions"), count(editor, "results"), count(editor, "laps")) == (
        1,
        58,
        1632,
    )
