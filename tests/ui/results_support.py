"""Helpers of the results grid tests: a two-class 20-car field, typing in cells, DB reads."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QApplication

from desktop_app.domain.sessions import SessionKind
from desktop_app.services.editing import Editor
from desktop_app.services.results.columns import INDEX, NUMBER
from desktop_app.storage import repository as repo
from desktop_app.ui.results.widget import ResultsEditor

NUMBERS = [
    "2", "3", "5", "7", "8", "11", "13", "17", "21", "24",
    "30", "33", "38", "42", "47", "55", "61", "77", "87", "99",
]  # fmt: skip


def class_of(number: str) -> str:
    """Odd numbers are LMP3, even ones GSX: a two-class field."""
    return "LMP3" if int(number) % 2 else "GSX"


def make_field(editor: Editor) -> dict[str, int]:
    """An event with one VPSCC race and 20 entries, odd numbers LMP3 and even GSX."""
    with editor.change("Set up") as edit:
        series = edit.ensure_series("VPSCC", "VP Racing SportsCar Challenge")
        classes = {code: edit.ensure_class(series, code) for code in ("LMP3", "GSX")}
        event = edit.create_event("Roar", time_zone="America/New_York")
        race = edit.create_session(event, series, SessionKind.RACE, "Race 1")
        ids = {"series": series, "event": event, "race": race}
        for number in NUMBERS:
            driver = edit.create_driver(f"Driver{number}", first_name="Ann")
            ids[number] = edit.create_entry(
                event,
                series,
                number,
                class_id=classes[class_of(number)],
                team_id=edit.ensure_team(f"Team {number}"),
                vehicle=f"Car {number}",
                driver_ids=[driver],
            )
    return ids


def open_grid(
    qtbot, editor: Editor, session_id: int, size: tuple[int, int] = (1500, 800)
) -> ResultsEditor:
    """The grid as a shown top-level widget on the session, with its own undo stack."""
    widget = ResultsEditor(editor, QUndoStack())
    qtbot.addWidget(widget)
    widget.resize(*size)
    widget.show()
    qtbot.waitExposed(widget)
    widget.show_session(session_id)
    return widget


def stored(editor: Editor, session_id: int) -> list[tuple]:
    with editor.database.read() as session:
        return [
            (r.entry.car_number, r.position, r.class_position, r.status)
            for r in repo.session_results(session, session_id)
        ]


def stored_fields(editor: Editor, session_id: int, *names: str) -> list[tuple]:
    with editor.database.read() as session:
        return [
            (r.entry.car_number, *(getattr(r, n) for n in names))
            for r in repo.session_results(session, session_id)
        ]


def start_typing(qtbot, grid: ResultsEditor, text: str, row: int | None = None, column=None):
    """Go to a cell and type ``text`` (no Enter yet); the cell editor's line edit."""
    view = grid.view
    if row is not None:
        view.setCurrentIndex(grid.model.index(row, INDEX[column] if column else NUMBER))
    qtbot.keyClick(view, text[0])
    editor = view.indexWidget(view.currentIndex())
    assert editor is not None, "typing on the cell opens its editor"
    target = editor.lineEdit() if hasattr(editor, "lineEdit") else editor
    if text[1:]:
        qtbot.keyClicks(target, text[1:])
    return target


def type_cell(qtbot, grid: ResultsEditor, text: str, row: int | None = None, column=None) -> None:
    """What the reporter does: go to a cell, type, press Enter."""
    target = start_typing(qtbot, grid, text, row, column)
    qtbot.keyClick(target, Qt.Key.Key_Return)
    QApplication.processEvents()


def key_cars(qtbot, grid: ResultsEditor, numbers: list[str]) -> None:
    for number in numbers:
        type_cell(qtbot, grid, number)


def expected_class_positions(numbers: list[str]) -> list[int]:
    seen: dict[str, int] = {}
    out = []
    for number in numbers:
        seen[class_of(number)] = seen.get(class_of(number), 0) + 1
        out.append(seen[class_of(number)])
    return out
