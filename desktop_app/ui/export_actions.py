"""File > Export: an event's workbook or a session's CSV, written off the UI thread.

The export runs in a ``QThread`` behind a cancellable ``QProgressDialog``; the window stays
responsive and Cancel leaves neither the file nor a temporary file (the services write
atomically and check ``cancelled()`` between sheets and right before the final move).
Progress reaches the dialog through a blocking queued call, so the worker never runs
ahead of what the reporter sees and a Cancel click is seen at the next sheet.

``choose_target`` and ``show_error`` are small module functions so tests can stand in for
the native file dialog and the message box, the only edges mocked.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Q_ARG, QEventLoop, QMetaObject, QObject, QSettings, Qt, QThread, Slot
from PySide6.QtWidgets import QFileDialog, QMessageBox, QProgressDialog, QWidget

from desktop_app import paths
from desktop_app.services.editing import Editor
from desktop_app.services.export import (
    ExportCancelled,
    export_event_workbook,
)
from desktop_app.services.export import (
    export_session_csv as write_session_csv,
)
from desktop_app.services.export.lap_rows import event_has_laps
from desktop_app.storage.errors import UserFacingError
from desktop_app.storage.models import Event, RaceSession

Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]
Work = Callable[[Progress, Cancelled], Path]

WORKBOOK_FILTER = "Excel workbook (*.xlsx)"
CSV_FILTER = "CSV file (*.csv)"
_UNSAFE_FILE_CHARS = re.compile(r'[<>:"/\\|?*\x00-\x1f]+')


def choose_target(parent: QWidget | None, caption: str, suggested: Path, file_filter: str):
    """Ask where to save; None when the reporter cancels. Tests replace this function."""
    name, _ = QFileDialog.getSaveFileName(parent, caption, str(suggested), file_filter)
    return Path(name) if name else None


def show_error(parent: QWidget | None, title: str, message: str) -> None:
    QMessageBox.warning(parent, title, message)


def ask_laps(parent: QWidget | None) -> bool:
    """The event has lap charts: add them to the workbook? Tests replace this function."""
    answer = QMessageBox.question(
        parent,
        "Export workbook",
        "Add each session's lap chart (every lap: car, driver, lap time, flag, pit) as a "
        "sheet of its own?",
    )
    return answer == QMessageBox.StandardButton.Yes


def export_event(parent: QWidget | None, editor: Editor, event_id: int) -> Path | None:
    """Ask for a file name and write the event's workbook; the path, or None if not written."""
    with editor.database.read() as session:
        event = session.get(Event, event_id)
        if event is None:
            return None
        name = event.name
        has_laps = event_has_laps(session, event_id)
    target = _ask(parent, "Export workbook", f"{name}.xlsx", WORKBOOK_FILTER, ".xlsx")
    if target is None:
        return None
    laps = has_laps and ask_laps(parent)

    def work(progress: Progress, cancelled: Cancelled) -> Path:
        return export_event_workbook(
            editor.database, event_id, target, progress=progress, cancelled=cancelled, laps=laps
        )

    return _run(parent, "Export workbook", f"Writing {target.name}…", work)


def export_session_csv(parent: QWidget | None, editor: Editor, session_id: int) -> Path | None:
    """Ask for a file name and write one session's results as CSV (UTF-8 with BOM)."""
    with editor.database.read() as session:
        race_session = session.get(RaceSession, session_id)
        if race_session is None:
            return None
        name = f"{race_session.event.name} {race_session.series.code} {race_session.name}"
    target = _ask(parent, "Export session as CSV", f"{name}.csv", CSV_FILTER, ".csv")
    if target is None:
        return None

    def work(progress: Progress, cancelled: Cancelled) -> Path:
        return write_session_csv(
            editor.database, session_id, target, progress=progress, cancelled=cancelled
        )

    return _run(parent, "Export session as CSV", f"Writing {target.name}…", work)


def _ask(
    parent: QWidget | None, caption: str, name: str, file_filter: str, suffix: str
) -> Path | None:
    suggested = _last_folder() / _UNSAFE_FILE_CHARS.sub("-", name).strip()
    chosen = choose_target(parent, caption, suggested, file_filter)
    if chosen is None:
        return None
    if chosen.suffix.lower() != suffix:
        chosen = chosen.with_name(chosen.name + suffix)
    _remember_folder(chosen.parent)
    return chosen


def _folder_settings() -> QSettings:
    folder = paths.config_dir()
    folder.mkdir(parents=True, exist_ok=True)
    return QSettings(str(folder / "export.ini"), QSettings.Format.IniFormat)


def _last_folder() -> Path:
    """Where the reporter saved last time; else Documents (or home)."""
    remembered = _folder_settings().value("export/folder", "")
    if remembered and Path(str(remembered)).is_dir():
        return Path(str(remembered))
    documents = Path.home() / "Documents"
    return documents if documents.is_dir() else Path.home()


def _remember_folder(folder: Path) -> None:
    settings = _folder_settings()
    settings.setValue("export/folder", str(folder))
    settings.sync()


class _ExportThread(QThread):
    """Runs one export; keeps its result or error for the UI thread to pick up."""

    def __init__(self, work: Work, relay: _ProgressRelay) -> None:
        super().__init__()
        self._work = work
        self._relay = relay
        self._cancel = threading.Event()
        self.result: Path | None = None
        self.error: BaseException | None = None

    def cancel(self) -> None:
        self._cancel.set()

    def _progress(self, done: int, total: int) -> None:
        """Show progress in the UI thread and wait until it is shown.

        ``QMetaObject.invokeMethod`` rather than a Python ``Signal.emit``: PySide6 6.12.0
        drops a reference to ``True`` on every Python-side emit, and a few hundred emits
        (a season export) crash the interpreter.
        """
        QMetaObject.invokeMethod(
            self._relay,
            "show_progress",
            Qt.ConnectionType.BlockingQueuedConnection,
            Q_ARG(int, done),
            Q_ARG(int, total),
        )

    def run(self) -> None:
        try:
            self.result = self._work(self._progress, self._cancel.is_set)
        except ExportCancelled:
            self.result = None
        except BaseException as error:  # handed to the UI thread, which shows or re-raises
            self.error = error


class _ProgressRelay(QObject):
    """Lives in the UI thread so progress updates run there, never in the worker."""

    def __init__(self, dialog: QProgressDialog) -> None:
        super().__init__()
        self._dialog = dialog

    @Slot(int, int)
    def show_progress(self, done: int, total: int) -> None:
        if self._dialog.wasCanceled():
            return
        self._dialog.setMaximum(total)
        self._dialog.setValue(done)


def _run(parent: QWidget | None, title: str, label: str, work: Work) -> Path | None:
    """Run ``work`` in a thread behind a cancellable progress dialog; wait without blocking."""
    dialog = _progress_dialog(parent, title, label)
    relay = _ProgressRelay(dialog)
    thread = _ExportThread(work, relay)
    dialog.canceled.connect(thread.cancel)
    dialog.canceled.connect(lambda: dialog.setLabelText("Cancelling…"))
    loop = QEventLoop()
    thread.finished.connect(loop.quit)
    thread.start()
    loop.exec()
    thread.wait()
    dialog.close()
    dialog.deleteLater()
    return _outcome(parent, title, thread)


def _progress_dialog(parent: QWidget | None, title: str, label: str) -> QProgressDialog:
    dialog = QProgressDialog(label, "Cancel", 0, 0, parent)
    dialog.setWindowTitle(title)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(0)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    dialog.show()
    return dialog


def _outcome(parent: QWidget | None, title: str, thread: _ExportThread) -> Path | None:
    if isinstance(thread.error, UserFacingError):
        show_error(parent, title, str(thread.error))
        return None
    if thread.error is not None:
        raise thread.error
    if thread.result is not None:
        status = getattr(parent, "show_message", None)
        if callable(status):
            status(f"Saved {thread.result}")
    return thread.result
