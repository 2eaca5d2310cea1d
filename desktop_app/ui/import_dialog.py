"""Import timing files and folders from the window (File > Import, drag and drop).

What the reporter sees: the files are read off the UI thread behind a cancellable
progress bar; then the plan (each file, what it is, its session: new or existing,
counts, skipped files and bad ones) is shown before anything is written; then the batch
is applied as ONE transaction behind a progress bar whose Cancel rolls everything back.

Undo: the whole batch is ONE step of the one undo protocol: ``import_weekend`` returns
its ``UndoRecord`` and the window's one undo adapter (``ui.commands_grid``) pushes it;
undo takes the batch back, redo imports the same plan again. No SQL here: every read and
write goes through ``services.importers``.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QMessageBox,
    QProgressDialog,
    QWidget,
)

from desktop_app.services.editing import Editor
from desktop_app.services.importers import generic
from desktop_app.services.importers.apply import Answers
from desktop_app.services.importers.errors import ImportCancelled
from desktop_app.services.importers.report import DriverQuestion
from desktop_app.services.importers.weekend import Choices, WeekendPlan, plan_weekend
from desktop_app.services.importers.weekend_apply import WeekendReport, import_weekend
from desktop_app.services.importers.weekend_files import BatchFile, read_batch, read_batch_file
from desktop_app.services.undo import UndoRecord
from desktop_app.storage.errors import UserFacingError
from desktop_app.ui.background import run_in_background
from desktop_app.ui.commands_grid import CommandRunner
from desktop_app.ui.import_questions import DriverMatchDialog, PlanDialog, ask_event

__all__ = ["DriverMatchDialog", "PlanDialog", "import_files"]

FILE_FILTER = "Timing files (*.csv *.txt *.xlsx);;All files (*)"
TITLE = "Import timing files"


def ask_and_import(
    parent, editor: Editor, undo_stack: QUndoStack, event_id, session_id, series_id=None
) -> bool:
    """File > Import: pick files, then import them where the navigator points."""
    names, _ = QFileDialog.getOpenFileNames(parent, TITLE, "", FILE_FILTER)
    if not names:
        return False
    paths = [Path(name) for name in names]
    return import_files(parent, editor, undo_stack, paths, event_id, session_id, series_id)


def import_files(
    parent: QWidget,
    editor: Editor,
    undo_stack: QUndoStack,
    files: list[Path],
    event_id: int | None,
    session_id: int | None,
    series_id: int | None = None,
) -> bool:
    """Import files and folders dropped on All events, an event, a series or a session.

    Each file goes to its own session unless a session was the target. True when
    something was saved (one undo step pushed).
    """
    choices = _choices(parent, files, event_id, session_id, series_id)
    if choices is None:
        return False
    try:
        batch = _read_all(parent, files)
        if batch is None:
            return False
        plan = plan_weekend(editor.database, batch, choices)
        if not plan.targets and not plan.failed:
            QMessageBox.information(parent, TITLE, _unchanged_text(plan))
            return False
        keep_going = PlanDialog.ask(parent, plan)
        if keep_going is None:
            return False
        answers = _ask_drivers(parent, plan.questions)
        if answers is None:
            return False
        report, record = _apply(parent, editor, plan, answers, keep_going)
    except ImportCancelled:
        return False
    except UserFacingError as error:
        QMessageBox.warning(parent, TITLE, str(error))
        return False
    _runner(parent, editor, undo_stack).push(record)
    QMessageBox.information(parent, TITLE, _report_text(plan, report))
    return True


def _choices(
    parent: QWidget,
    files: list[Path],
    event_id: int | None,
    session_id: int | None,
    series_id: int | None,
) -> Choices | None:
    """Where the files go: the selected session, series or event; else ask for an event."""
    if session_id is not None and event_id is not None:
        return Choices(str(event_id), session=str(session_id))
    if event_id is not None:
        return Choices(str(event_id), series_id=series_id)
    asked = ask_event(parent, files[0].stem if files and files[0].is_dir() else "")
    if asked is None:
        return None
    name, zone, series = asked
    return Choices(name, series=series, time_zone=zone)


def _read_all(parent: QWidget, files: list[Path]) -> list[BatchFile] | None:
    """Every file read in the background; sheets of unknown columns are mapped once."""

    def work(cancel: threading.Event, progress: Callable[[float], None]) -> list[BatchFile]:
        return read_batch(files, cancel=cancel, progress=progress)

    batch = run_in_background(parent, "Reading the files...", work)
    for index, file in enumerate(batch):
        if file.mapping_needed is None:
            continue
        from desktop_app.ui.dialogs.column_mapping import ColumnMappingDialog

        needed = file.mapping_needed
        mapping = ColumnMappingDialog.ask(parent, needed.table, needed.suggestion)
        if mapping is None:
            return None
        batch[index] = read_batch_file(file.path, mapping=mapping)
        generic.remember_mapping(needed.table.headers, mapping)
    return batch


def _runner(parent: QWidget, editor: Editor, undo_stack: QUndoStack) -> CommandRunner:
    """The one undo adapter; an undo or redo the file no longer allows is said in a box."""

    def refused(message: str) -> None:
        QMessageBox.warning(parent, TITLE, message)

    return CommandRunner(editor, undo_stack, refused)


def _apply(
    parent: QWidget, editor: Editor, plan: WeekendPlan, answers: Answers, keep_going: bool
) -> tuple[WeekendReport, UndoRecord]:
    """Apply with a progress bar; Cancel raises inside the transaction: nothing is saved."""
    dialog = QProgressDialog("Importing...", "Cancel", 0, 100, parent)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(0)
    dialog.setAutoReset(False)

    def progress(done: float, text: str) -> None:
        dialog.setLabelText(text)
        dialog.setValue(int(done * 99))
        QApplication.processEvents()
        if dialog.wasCanceled():
            raise ImportCancelled()

    try:
        return import_weekend(editor, plan, answers, keep_going=keep_going, progress=progress)
    finally:
        dialog.close()
        dialog.deleteLater()


def _unchanged_text(plan: WeekendPlan) -> str:
    return "\n".join(
        ["Nothing changed: every file was imported before and is unchanged.", *plan.lines()]
    )


def _report_text(plan: WeekendPlan, report: WeekendReport) -> str:
    return "\n\n".join([report.summary(plan.event_name), *report.lines])


def _ask_drivers(parent: QWidget, questions: list[DriverQuestion]) -> Answers | None:
    answers: dict[str, int | None] = {}
    for question in questions:
        chosen = DriverMatchDialog.ask(parent, question)
        if chosen is DriverMatchDialog.CANCELLED:
            return None
        answers[question.key] = chosen  # type: ignore[assignment]
    return answers
