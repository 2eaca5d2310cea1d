"""Import timing files and folders from the window (File > Import, drag and drop).

What the reporter sees: the files are read off the UI thread behind a cancellable
progress bar; then the plan (each file, what it is, its session: new or existing,
counts, skipped files and bad ones) is shown before anything is written; then the batch
is applied as ONE transaction behind a progress bar whose Cancel rolls everything back.

Undo: the whole batch is ONE undo step. ``apply_weekend`` returns a ``WeekendUndo``
(what it created, the old values of what it changed); :class:`ImportCommand.undo` hands
it to ``undo_weekend`` and redo applies the same plan again. No SQL here: every read and
write goes through ``services.importers``.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from PySide6.QtCore import QEventLoop, Qt, QTimer
from PySide6.QtGui import QUndoCommand, QUndoStack
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QProgressDialog,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.services.editing import Editor
from desktop_app.services.importers import generic
from desktop_app.services.importers.apply import Answers
from desktop_app.services.importers.errors import ImportCancelled
from desktop_app.services.importers.report import DriverQuestion
from desktop_app.services.importers.weekend import Choices, WeekendPlan, plan_weekend
from desktop_app.services.importers.weekend_apply import (
    WeekendReport,
    apply_weekend,
    undo_weekend,
)
from desktop_app.services.importers.weekend_files import BatchFile, read_batch, read_batch_file
from desktop_app.storage.errors import UserFacingError

T = TypeVar("T")
FILE_FILTER = "Timing files (*.csv *.txt *.xlsx);;All files (*)"
TITLE = "Import timing files"
ZONES = (
    "UTC", "America/New_York", "America/Chicago", "America/Denver", "America/Los_Angeles",
    "America/Toronto", "Europe/London", "Europe/Paris", "Europe/Berlin", "Asia/Tokyo",
    "Australia/Melbourne",
)  # fmt: skip


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
        report = _apply(parent, editor, plan, answers, keep_going)
    except ImportCancelled:
        return False
    except UserFacingError as error:
        QMessageBox.warning(parent, TITLE, str(error))
        return False
    undo_stack.push(ImportCommand(editor, plan, answers, keep_going, report, parent))
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
    name, zone = asked
    return Choices(name, time_zone=zone)


def ask_event(parent: QWidget, suggestion: str) -> tuple[str, str] | None:
    """All events was the target: the event to import into (created when new) and its zone."""
    dialog = QDialog(parent)
    dialog.setWindowTitle(TITLE)
    form = QFormLayout(dialog)
    name = QLineEdit(suggestion)
    zone = QComboBox()
    zone.setEditable(True)
    zone.addItems(ZONES)
    form.addRow(QLabel("Import into which event? An event not saved yet is created."))
    form.addRow("Event", name)
    form.addRow("Time zone of a new event", zone)
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
    )
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    form.addRow(buttons)
    try:
        if dialog.exec() != QDialog.DialogCode.Accepted or not name.text().strip():
            return None
        return name.text().strip(), zone.currentText().strip() or "UTC"
    finally:
        dialog.deleteLater()


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


def _apply(
    parent: QWidget, editor: Editor, plan: WeekendPlan, answers: Answers, keep_going: bool
) -> WeekendReport:
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
        return apply_weekend(editor, plan, answers, keep_going=keep_going, progress=progress)
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


class PlanDialog(QDialog):
    """The plan before anything is written: each file, what it is, where it goes."""

    def __init__(self, plan: WeekendPlan, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"{TITLE} into {plan.event_name}")
        self.setMinimumWidth(720)
        self.keep_going = False
        layout = QVBoxLayout(self)
        intro = QLabel(
            f"{plan.file_count} files into {len(plan.targets)} sessions of {plan.event_name}. "
            "Nothing is saved until you press Import; it is one step to undo."
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.lines = QListWidget()
        self.lines.addItems(plan.lines())
        layout.addWidget(self.lines)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.import_button = QPushButton("Import")
        self.import_button.setEnabled(not plan.failed)
        buttons.addButton(self.import_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.rest_button: QPushButton | None = None
        if plan.failed and plan.targets:
            self.rest_button = QPushButton(f"Import the rest ({plan.file_count} files)")
            buttons.addButton(self.rest_button, QDialogButtonBox.ButtonRole.AcceptRole)
            self.rest_button.clicked.connect(self._keep_going)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        (self.rest_button or self.import_button).setDefault(True)

    def _keep_going(self) -> None:
        self.keep_going = True

    @classmethod
    def ask(cls, parent: QWidget | None, plan: WeekendPlan) -> bool | None:
        """None when cancelled; else whether to import the rest past bad files."""
        dialog = cls(plan, parent)
        try:
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return None
            return dialog.keep_going
        finally:
            dialog.deleteLater()


class ImportCommand(QUndoCommand):
    """One batch on the undo stack; it was already applied when pushed."""

    def __init__(
        self,
        editor: Editor,
        plan: WeekendPlan,
        answers: Answers,
        keep_going: bool,
        report: WeekendReport,
        parent_widget: QWidget | None = None,
    ) -> None:
        names = [file.path.name for target in plan.targets for file in target.files]
        super().__init__(f"Import {names[0]}" if len(names) == 1 else f"Import {len(names)} files")
        self.editor, self.plan, self.answers = editor, plan, dict(answers)
        self.keep_going, self.report = keep_going, report
        self.parent_widget = parent_widget
        self.first_redo = True

    def redo(self) -> None:
        if self.first_redo:
            self.first_redo = False
            return
        try:
            self.report = apply_weekend(
                self.editor, self.plan, self.answers, keep_going=self.keep_going
            )
        except UserFacingError as error:
            self._refused(str(error))

    def undo(self) -> None:
        try:
            undo_weekend(self.editor, self.report.undo, f"Undo {self.text().lower()}")
        except UserFacingError as error:
            self._refused(str(error))

    def _refused(self, message: str) -> None:
        """The file changed under us (another window): drop the step, say why."""
        self.setObsolete(True)
        QMessageBox.warning(self.parent_widget, TITLE, message)


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
