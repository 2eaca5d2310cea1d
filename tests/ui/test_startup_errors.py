"""A file the window cannot open: the sentence in a dialog and a way to another file; with
``--startup-check``, the sentence on stderr and exit 1, never a window left at "Opening..."."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from desktop_app.ui import app as app_module
from desktop_app.ui import window_state

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")  # offscreen top-level windows


def test_a_dangling_link_offers_another_file_and_opens_it(
    qapp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bad = tmp_path / "weekend.sqlite3"
    bad.symlink_to(tmp_path / "unplugged-drive" / "weekend.sqlite3")
    good = tmp_path / "other.sqlite3"
    said: list[str] = []

    def pick_another(_window, error) -> Path:
        said.append(str(error))
        QTimer.singleShot(300, QApplication.quit)  # the reporter closes the window later
        return good

    monkeypatch.setattr(app_module, "ask_another_file", pick_another)
    assert app_module.run_app(bad, create_folder=False) == 0
    assert said == [f"{bad} is a link to a file or folder that does not exist (or to itself)."]
    assert good.is_file() and window_state.recent_databases()[0] == good.resolve()


def test_quitting_from_the_dialog_ends_with_1(
    qapp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    empty = tmp_path / "empty.sqlite3"
    empty.write_bytes(b"")
    said: list[str] = []
    monkeypatch.setattr(app_module, "ask_another_file", lambda _w, e: said.append(str(e)))
    assert app_module.run_app(empty, create_folder=False) == 1
    assert said and "is an empty file (0 bytes)" in said[0]


@pytest.mark.parametrize("kind", ["dangling", "fifo"])
def test_startup_check_prints_the_sentence_and_exits(tmp_path: Path, kind: str) -> None:
    path = tmp_path / "weekend.sqlite3"
    if kind == "fifo":
        os.mkfifo(path)
    else:
        path.symlink_to(tmp_path / "missing" / "weekend.sqlite3")
    done = subprocess.run(
        [sys.executable, "-m", "desktop_app", "--db", str(path), "--startup-check"],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen", "RACEDESK_HOME": str(tmp_path)},
        check=False,
    )
    assert done.returncode == 1 and done.stdout == ""
    assert done.stderr.startswith(f"racedesk: {path}") and done.stderr.count("\n") == 1
