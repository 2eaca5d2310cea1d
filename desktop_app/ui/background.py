"""The one background runner: slow work in a thread behind a cancellable progress dialog.

The window waits in a local event loop, so it keeps painting while a workbook is written
or a big file is read. Progress reaches the dialog through a blocking queued call, so the
worker never runs ahead of what the reporter sees and a Cancel click is seen at the next
step. The work's own error is raised again in the UI thread, where the caller explains it.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtCore import Q_ARG, QEventLoop, QMetaObject, QObject, Qt, QThread, Slot
from PySide6.QtWidgets import QProgressDialog, QWidget

T = TypeVar("T")
Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]


def run_with_progress(
    parent: QWidget | None,
    title: str,
    label: str,
    work: Callable[[Progress, Cancelled], T],
    *,
    cancel: threading.Event | None = None,
    show_after_ms: int = 0,
) -> T:
    """Run ``work(progress, cancelled)`` in a thread; its result, or its error raised here.

    ``progress(done, total)`` moves the bar; ``cancelled()`` is True once the reporter
    pressed Cancel (``cancel`` is set too, for work that waits on an event).
    """
    dialog = _progress_dialog(parent, title, label, show_after_ms)
    cancel = cancel or threading.Event()
    thread = _WorkThread(work, _ProgressRelay(dialog, cancel), cancel)
    dialog.canceled.connect(thread.cancel)
    dialog.canceled.connect(lambda: dialog.setLabelText("Cancelling…"))
    loop = QEventLoop()
    thread.finished.connect(loop.quit)
    thread.start()
    loop.exec()
    thread.wait()
    dialog.close()
    dialog.deleteLater()
    if thread.error is not None:
        raise thread.error
    return thread.result


def run_in_background(
    parent: QWidget,
    label: str,
    work: Callable[[threading.Event, Callable[[float], None]], T],
) -> T:
    """``run_with_progress`` for work that reports a fraction and watches an event (the
    importers' shape); the dialog shows only when the work takes longer than 0.4 s."""
    cancel = threading.Event()

    def adapted(progress: Progress, _cancelled: Cancelled) -> T:
        shown = [-1]

        def fraction(done: float) -> None:
            percent = int(done * 99)
            if percent != shown[0]:  # the bar moves in whole percents: fewer round trips
                shown[0] = percent
                progress(percent, 100)

        return work(cancel, fraction)

    return run_with_progress(parent, "", label, adapted, cancel=cancel, show_after_ms=400)


class _WorkThread(QThread):
    """Runs the work once; keeps its result or error for the UI thread to pick up."""

    def __init__(self, work: Callable[[Progress, Cancelled], Any], relay: _ProgressRelay, cancel):
        super().__init__()
        self._work = work
        self._relay = relay
        self._cancel = cancel
        self.result: Any = None
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
        except BaseException as error:  # handed to the UI thread, which re-raises it
            self.error = error


class _ProgressRelay(QObject):
    """Lives in the UI thread so progress updates run there, never in the worker.

    It also passes on a cancel made without the button (``QProgressDialog.cancel()``,
    Escape), which sets ``wasCanceled`` but does not emit ``canceled``.
    """

    def __init__(self, dialog: QProgressDialog, cancel: threading.Event) -> None:
        super().__init__()
        self._dialog = dialog
        self._cancel = cancel

    @Slot(int, int)
    def show_progress(self, done: int, total: int) -> None:
        if self._dialog.wasCanceled():
            self._cancel.set()
            return
        self._dialog.setMaximum(total)
        self._dialog.setValue(done)


def _progress_dialog(
    parent: QWidget | None, title: str, label: str, show_after_ms: int
) -> QProgressDialog:
    dialog = QProgressDialog(label, "Cancel", 0, 0, parent)
    if title:
        dialog.setWindowTitle(title)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(show_after_ms)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    if show_after_ms == 0:
        dialog.show()
    return dialog
