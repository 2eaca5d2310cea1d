"""File > Export from the window: file name asked, work off the UI thread, Cancel honoured."""

from __future__ import annotations

import sys
from pathlib import Path

import openpyxl
import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QProgressDialog, QPushButton, QWidget

from desktop_app.services.editing import Editor
from desktop_app.storage import repository as repo
from desktop_app.ui import export_actions


@pytest.fixture
def parent(qtbot) -> QWidget:
    widget = QWidget()
    qtbot.addWidget(widget)
    widget.show()
    return widget


@pytest.fixture
def errors(monkeypatch) -> list[str]:
    shown: list[str] = []
    monkeypatch.setattr(export_actions, "show_error", lambda _p, _t, text: shown.append(text))
    return shown


def _answer(monkeypatch, path: Path | None, asked: list[Path] | None = None, then=None) -> None:
    """Stand in for the native save dialog: remember the suggestion, answer ``path``."""

    def choose(_parent, _caption, suggested, _filter):
        if asked is not None:
            asked.append(suggested)
        if then is not None:
            QTimer.singleShot(0, then)
        return path

    monkeypatch.setattr(export_actions, "choose_target", choose)


def _event_id(editor: Editor) -> int:
    with editor.database.read() as session:
        return repo.find_events(session, "Roar Before the 24")[0].id


def test_export_event_writes_the_workbook(
    qtbot, parent, demo_editor, tmp_path, monkeypatch, errors
):
    asked: list[Path] = []
    _answer(monkeypatch, tmp_path / "roar", asked)
    written = export_actions.export_event(parent, demo_editor, _event_id(demo_editor))
    assert written == tmp_path / "roar.xlsx"  # the suffix is added when left out
    assert asked[0].name == "Roar Before the 24.xlsx"
    assert "VPSCC Race 2" in openpyxl.load_workbook(written).sheetnames
    assert errors == []


def test_the_next_export_suggests_the_folder_used_last(
    qtbot, parent, demo_editor, tmp_path, monkeypatch
):
    _answer(monkeypatch, tmp_path / "first.xlsx")
    export_actions.export_event(parent, demo_editor, _event_id(demo_editor))
    asked: list[Path] = []
    _answer(monkeypatch, None, asked)
    assert export_actions.export_event(parent, demo_editor, _event_id(demo_editor)) is None
    assert asked[0] == tmp_path / "Roar Before the 24.xlsx"


def test_cancel_in_the_progress_dialog_leaves_no_file(
    qtbot, parent, demo_editor, tmp_path, monkeypatch, errors
):
    out = tmp_path / "out"
    out.mkdir()
    clicked: list[bool] = []

    def press_cancel() -> None:
        dialog = parent.findChild(QProgressDialog)
        assert dialog is not None and dialog.isVisible()
        qtbot.mouseClick(dialog.findChild(QPushButton), Qt.MouseButton.LeftButton)
        clicked.append(dialog.wasCanceled())

    _answer(monkeypatch, out / "roar.xlsx", then=press_cancel)
    assert export_actions.export_event(parent, demo_editor, _event_id(demo_editor)) is None
    assert clicked == [True]
    assert list(out.iterdir()) == []
    assert errors == []


def test_cancelling_the_file_dialog_writes_nothing(
    qtbot, parent, demo_editor, tmp_path, monkeypatch
):
    _answer(monkeypatch, None)
    assert export_actions.export_event(parent, demo_editor, _event_id(demo_editor)) is None
    assert not any(p.suffix == ".xlsx" for p in tmp_path.iterdir())


def test_export_session_csv(qtbot, parent, demo_editor, tmp_path, monkeypatch, errors):
    with demo_editor.database.read() as session:
        race2 = repo.find_sessions(session, _event_id(demo_editor), "VPSCC Race 2")[0].id
    asked: list[Path] = []
    _answer(monkeypatch, tmp_path / "race2.csv", asked)
    written = export_actions.export_session_csv(parent, demo_editor, race2)
    assert written == tmp_path / "race2.csv"
    assert asked[0].name == "Roar Before the 24 VPSCC Race 2.csv"
    assert written.read_bytes().startswith(b"\xef\xbb\xbfPos,Class,PIC")


def test_an_unwritable_target_shows_the_sentence(
    qtbot, parent, demo_editor, tmp_path, monkeypatch, errors
):
    folder = tmp_path / "Exports.xlsx"
    folder.mkdir()
    _answer(monkeypatch, folder)
    assert export_actions.export_event(parent, demo_editor, _event_id(demo_editor)) is None
    assert errors == [f"{folder} is a folder; choose a file name inside it instead."]


def test_many_progress_steps_do_not_wear_down_python(qtbot, parent):
    """A season is 123 steps; PySide6 6.12.0 loses a reference to True per Python emit."""

    def work(progress, cancelled):
        for step in range(600):
            progress(step, 600)
        return Path("done")

    before = sys.getrefcount(True)
    assert export_actions._run(parent, "Export workbook", "Writing…", work) == Path("done")
    assert sys.getrefcount(True) >= before - 10


LAPS = "NUMBER;DRIVER_NAME;LAP_NUMBER;LAP_TIME;FLAG_AT_FL;\n7;Felipe Nasr;1;1:40.000;GF;\n"


def test_the_lap_charts_are_offered_only_when_the_event_has_laps(
    qtbot, parent, demo_editor, tmp_path, monkeypatch, errors
):
    from desktop_app.domain.sessions import SessionKind
    from desktop_app.services.importers.apply import apply_import
    from desktop_app.services.importers.csv_reader import parse_text
    from desktop_app.services.importers.detect import read_table_results

    offered: list[bool] = []

    def ask(_parent) -> bool:
        offered.append(True)
        return True

    monkeypatch.setattr(export_actions, "ask_laps", ask)
    _answer(monkeypatch, tmp_path / "roar.xlsx")
    export_actions.export_event(parent, demo_editor, _event_id(demo_editor))
    assert offered == []
    with demo_editor.change("A practice with a lap chart") as edit:
        series_id = edit.ensure_series("IWSC", "IMSA")
        event_id = edit.create_event("Sebring")
        session_id = edit.create_session(event_id, series_id, SessionKind.PRACTICE, "Practice 1")
    apply_import(demo_editor, read_table_results(parse_text(LAPS, "laps.csv")), session_id)
    _answer(monkeypatch, tmp_path / "sebring.xlsx")
    written = export_actions.export_event(parent, demo_editor, event_id)
    assert offered == [True] and written is not None
    assert openpyxl.load_workbook(written).sheetnames[-2:] == [
        "IWSC Practice 1",
        "IWSC Practice 1 laps",
    ]
