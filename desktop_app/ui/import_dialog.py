"""Import timing files into a session from the window (File > Import, drag and drop).

Reading a file (several MB for lap charts) runs off the UI thread behind a cancellable
progress dialog; saving runs on the UI thread because editor listeners refresh views.

Undo: the import is ONE undo step. ``apply_import`` returns an ``ImportUndo`` that lists
what it created (results, entries, drivers, teams, classes) and the old values of what it
updated (result rows, entry fields and line-ups, driver blanks it filled, the session's
state); :class:`ImportCommand.undo` restores exactly that through ``services.editing``
(``undo_import``), and redo runs the same import again. Imports never delete rows or
touch penalties, notes or tags, so nothing else needs restoring.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from PySide6.QtCore import QEventLoop, Qt, QTimer
from PySide6.QtGui import QUndoCommand, QUndoStack
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QListWidget,
    QMessageBox,
    QProgressDialog,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.sessions import SessionKind
from desktop_app.services.editing import Editor
from desktop_app.services.importers import generic
from desktop_app.services.importers.apply import Answers, apply_import, plan_import
from desktop_app.services.importers.detect import (
    MappingNeeded,
    read_import_file,
    read_table_results,
)
from desktop_app.services.importers.errors import ImportCancelled
from desktop_app.services.importers.model import ImportedFile
from desktop_app.services.importers.report import DriverQuestion, ImportReport
from desktop_app.services.importers.undo import undo_import
from desktop_app.storage.errors import UserFacingError
from desktop_app.storage.models import RaceSession

T = TypeVar("T")
FILE_FILTER = "Timing files (*.csv *.txt *.xlsx);;All files (*)"
TITLE = "Import timing files"


def ask_and_import(parent, editor: Editor, undo_stack: QUndoStack, event_id, session_id) -> bool:
    """File > Import: pick files, then import them into the current session."""
    names, _ = QFileDialog.getOpenFileNames(parent, TITLE, "", FILE_FILTER)
    if not names:
        return False
    return import_files(parent, editor, undo_stack, [Path(n) for n in names], event_id, session_id)


def import_files(
    parent: QWidget,
    editor: Editor,
    undo_stack: QUndoStack,
    files: list[Path],
    event_id: int | None,
    session_id: int | None,
) -> bool:
    """Import ``files`` into the session, show the report; True when something was saved."""
    del event_id  # the session knows its event
    kind = _session_kind(editor, session_id)
    if session_id is None or kind is None:
        QMessageBox.information(parent, TITLE, "Choose the session to import into first.")
        return False
    messages: list[str] = []
    commands: list[ImportCommand] = []
    for path in files:
        outcome = _import_one(parent, editor, path, session_id, kind)
        if isinstance(outcome, ImportCommand):
            commands.append(outcome)
            messages.append(outcome.report.text())
        elif outcome:
            messages.append(outcome)
    _push(undo_stack, commands)
    if messages:
        show = QMessageBox.information if commands else QMessageBox.warning
        show(parent, TITLE, "\n\n".join(messages))
    return bool(commands)


def _push(undo_stack: QUndoStack, commands: list[ImportCommand]) -> None:
    """Several files dropped at once are still one undo step."""
    if len(commands) > 1:
        undo_stack.beginMacro(f"Import {len(commands)} files")
    for command in commands:
        undo_stack.push(command)
    if len(commands) > 1:
        undo_stack.endMacro()


def _session_kind(editor: Editor, session_id: int | None) -> SessionKind | None:
    if session_id is None:
        return None
    with editor.database.read() as session:
        race_session = session.get(RaceSession, session_id)
        return race_session.kind if race_session else None


def _import_one(
    parent: QWidget, editor: Editor, path: Path, session_id: int, kind: SessionKind
) -> ImportCommand | str | None:
    """Read, ask, save one file; the command to push, an error sentence, or None (cancelled)."""
    try:
        imported = _read(parent, path, kind)
        if imported is None:
            return None
        answers = _ask_drivers(parent, plan_import(editor.database, imported))
        if answers is None:
            return None
        report = apply_import(editor, imported, session_id, answers)
    except ImportCancelled:
        return None
    except UserFacingError as error:
        return str(error)
    return ImportCommand(editor, imported, session_id, answers, report, parent)


def _read(parent: QWidget, path: Path, kind: SessionKind) -> ImportedFile | None:
    def work(cancel: threading.Event, progress: Callable[[float], None]) -> ImportedFile:
        return read_import_file(path, kind=kind, cancel=cancel, progress=progress)

    try:
        return run_in_background(parent, f"Reading {path.name}...", work)
    except MappingNeeded as needed:
        from desktop_app.ui.dialogs.column_mapping import ColumnMappingDialog

        mapping = ColumnMappingDialog.ask(parent, needed.table, needed.suggestion)
        if mapping is None:
            return None
        imported = read_table_results(needed.table, kind=kind, mapping=mapping)
        generic.remember_mapping(needed.table.headers, mapping)
        return imported


def _ask_drivers(parent: QWidget, questions: list[DriverQuestion]) -> Answers | None:
    answers: dict[str, int | None] = {}
    for question in questions:
        chosen = DriverMatchDialog.ask(parent, question)
        if chosen is DriverMatchDialog.CANCELLED:
            return None
        answers[question.key] = chosen  # type: ignore[assignment]
    return answers


def run_in_background(
    parent: QWidget, label: str, work: Callable[[threading.Event, Callable[[float], None]], T]
) -> T:
    """Run ``work`` in a thread behind a cancellable progress dialog; re-raise its error."""
    cancel = threading.Event()
    shared: dict[str, Any] = {"progress": 0.0}

    def target() -> None:
        try:
            shared["value"] = work(cancel, lambda done: shared.__setitem__("progress", done))
        except BaseException as error:  # handed to the UI thread below
            shared["error"] = error

    thread = threading.Thread(target=target, name="racedesk-import", daemon=True)
    thread.start()
    dialog = QProgressDialog(label, "Cancel", 0, 100, parent)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(400)
    dialog.setAutoReset(False)
    loop = QEventLoop()
    timer = QTimer()
    timer.setInterval(25)

    def poll() -> None:
        if dialog.wasCanceled():
            cancel.set()
        dialog.setValue(int(shared["progress"] * 99))
        if not thread.is_alive():
            loop.quit()

    timer.timeout.connect(poll)
    timer.start()
    if thread.is_alive():
        loop.exec()
    timer.stop()
    thread.join()
    dialog.close()
    dialog.deleteLater()
    if "error" in shared:
        raise shared["error"]
    return shared["value"]


class ImportCommand(QUndoCommand):
    """One import on the undo stack; it was already applied when pushed."""

    def __init__(
        self,
        editor: Editor,
        imported: ImportedFile,
        session_id: int,
        answers: Answers,
        report: ImportReport,
        parent_widget: QWidget | None = None,
    ) -> None:
        super().__init__(f"Import {imported.name}")
        self.editor, self.imported, self.session_id = editor, imported, session_id
        self.answers, self.report = dict(answers), report
        self.parent_widget = parent_widget
        self.first_redo = True

    def redo(self) -> None:
        if self.first_redo:
            self.first_redo = False
            return
        try:
            self.report = apply_import(self.editor, self.imported, self.session_id, self.answers)
        except UserFacingError as error:
            self._refused(str(error))

    def undo(self) -> None:
        if self.report.undo is None:
            return
        try:
            undo_import(self.editor, self.report.undo, f"Undo import {self.imported.name}")
        except UserFacingError as error:
            self._refused(str(error))

    def _refused(self, message: str) -> None:
        """The file changed under us (another window): drop the step, say why."""
        self.setObsolete(True)
        QMessageBox.warning(self.parent_widget, TITLE, message)


class DriverMatchDialog(QDialog):
    """Which saved driver is this name? One of the matches, or a new driver."""

    CANCELLED = object()

    def __init__(self, question: DriverQuestion, parent: QWidget | None = None):
        super().__init__(parent)
        self.question = question
        self.setWindowTitle("Which driver is this?")
        self.setMinimumWidth(520)
        layout = QVBoxLayout(self)
        intro = QLabel(
            f"{question.name} (car #{question.car_number}) {question.reason}. Which one is it?"
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.choices = QListWidget()
        self.choices.addItems([choice.label for choice in question.candidates])
        self.choices.addItem("A new driver (none of these)")
        self.choices.setCurrentRow(0)
        self.choices.itemActivated.connect(lambda _item: self.accept())
        layout.addWidget(self.choices)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.choices.setFocus()

    def chosen(self) -> int | None:
        row = self.choices.currentRow()
        candidates = self.question.candidates
        return candidates[row].driver_id if 0 <= row < len(candidates) else None

    @classmethod
    def ask(cls, parent: QWidget | None, question: DriverQuestion) -> object:
        """A driver id, None for a new driver, or ``CANCELLED``."""
        dialog = cls(question, parent)
        try:
            return (
                dialog.chosen() if dialog.exec() == QDialog.DialogCode.Accepted else cls.CANCELLED
            )
        finally:
            dialog.deleteLater()
