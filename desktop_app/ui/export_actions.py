"""File > Export: an event's workbook or a session's CSV, written off the UI thread.

The export runs through the window's one background runner (``ui.background``) behind a
cancellable progress dialog; the window stays responsive and Cancel leaves neither the
file nor a temporary file (the services write atomically and check ``cancelled()``
between sheets and right before the final move).

``choose_target`` and ``show_error`` are small module functions so tests can stand in for
the native file dialog and the message box, the only edges mocked.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from desktop_app.services import titles
from desktop_app.services.editing import Editor
from desktop_app.services.export import (
    ExportCancelled,
    export_event_workbook,
)
from desktop_app.services.export import (
    export_session_csv as write_session_csv,
)
from desktop_app.services.export.lap_rows import event_has_laps
from desktop_app.services.settings import load_settings, save_settings
from desktop_app.storage.errors import UserFacingError
from desktop_app.ui.background import run_with_progress

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
    name = titles.event_name(editor.database, event_id)
    if name is None:
        return None
    has_laps = event_has_laps(editor.database, event_id)
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
    name = titles.session_file_name(editor.database, session_id)
    if name is None:
        return None
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


def _last_folder() -> Path:
    """Where the reporter saved last time; else Documents (or home)."""
    remembered = load_settings().export_folder
    if remembered and Path(remembered).is_dir():
        return Path(remembered)
    documents = Path.home() / "Documents"
    return documents if documents.is_dir() else Path.home()


def _remember_folder(folder: Path) -> None:
    settings = load_settings()
    settings.export_folder = str(folder)
    save_settings(settings)


def _run(parent: QWidget | None, title: str, label: str, work: Work) -> Path | None:
    """Run ``work`` in the background behind a cancellable progress dialog (``background``);
    the written file, or None when cancelled or refused (the sentence is shown)."""
    try:
        written = run_with_progress(parent, title, label, work)
    except ExportCancelled:
        return None
    except UserFacingError as error:
        show_error(parent, title, str(error))
        return None
    status = getattr(parent, "show_message", None)
    if callable(status):
        status(f"Saved {written}")
    return written
