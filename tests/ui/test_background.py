"""The one background runner: the window keeps running, Cancel stops the work."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QProgressDialog, QWidget

from desktop_app.ui.background import run_in_background, run_with_progress


class Stopped(Exception):
    """What the work raises when it sees the cancel."""


@pytest.fixture
def parent(qtbot) -> QWidget:
    widget = QWidget()
    qtbot.addWidget(widget)
    widget.show()
    return widget


def test_cancel_reaches_work_that_watches_an_event(parent: QWidget) -> None:
    """A read that would take 10 s stops soon after Cancel is pressed."""
    seen: list[float] = []

    def slow(cancel: threading.Event, progress) -> str:
        for step in range(1000):
            if cancel.wait(0.01):
                raise Stopped()
            progress(step / 1000)
            seen.append(step / 1000)
        return "finished"

    def press_cancel() -> None:
        dialog = parent.findChild(QProgressDialog)
        assert dialog is not None
        dialog.cancel()

    QTimer.singleShot(600, press_cancel)  # after the dialog's 0.4 s delay
    with pytest.raises(Stopped):
        run_in_background(parent, "Reading...", slow)
    assert 0 < len(seen) < 1000


def test_the_result_and_the_error_come_back_to_the_caller(parent: QWidget) -> None:
    def work(progress, cancelled) -> int:
        for step in range(50):
            progress(step, 50)
        assert not cancelled()
        return 42

    assert run_with_progress(parent, "Export", "Writing...", work) == 42

    def refused(progress, cancelled) -> int:
        raise ValueError("no room")

    with pytest.raises(ValueError, match="no room"):
        run_with_progress(parent, "Export", "Writing...", refused)
