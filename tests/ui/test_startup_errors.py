"""A file the window cannot open: the sentence in a dialog and a way to another file; with
``--startup-check``, the sentence on stderr and exit 1, never a window left at "Opening..."."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from damage import swap_result_indexes

from desktop_app.ui import app as app_module
from desktop_app.ui import open_failures, window_state

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")  # offscreen top-level windows


def opening(qtbot, path: Path):
    from desktop_app.ui.main_window import MainWindow

    window = MainWindow.opening(path)
    qtbot.addWidget(window)
    return window, app_module.Startup(path, create_folder=False)


def test_a_dangling_link_offers_another_file_and_opens_it(
    qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bad = tmp_path / "weekend.sqlite3"
    bad.symlink_to(tmp_path / "unplugged-drive" / "weekend.sqlite3")
    good = tmp_path / "other.sqlite3"
    said: list[str] = []

    def pick_another(_window, error) -> Path:
        said.append(str(error))
        return good

    monkeypatch.setattr(open_failures, "ask_another_file", pick_another)
    window, startup = opening(qtbot, bad)
    open_failures.open_or_ask(startup, window)
    assert said == [f"{bad} is a link to a file or folder that does not exist (or to itself)."]
    assert startup.error is None and startup.database is not None
    assert window.editor.database.path == good and good.is_file()
    assert window.windowTitle() == "other.sqlite3 - RaceDesk"
    assert window_state.recent_databases()[0] == good.resolve()
    startup.database.close()


def test_quitting_from_the_dialog_leaves_the_sentence(
    qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    empty = tmp_path / "empty.sqlite3"
    empty.write_bytes(b"")
    said: list[str] = []
    monkeypatch.setattr(open_failures, "ask_another_file", lambda _w, e: said.append(str(e)))
    window, startup = opening(qtbot, empty)
    open_failures.open_or_ask(startup, window)
    assert said and "is an empty file (0 bytes)" in said[0]
    assert startup.database is None and "is an empty file" in str(startup.error)


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


def test_a_big_damaged_file_is_reported_when_its_background_check_ends(
    qtbot, demo_editor, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QMessageBox

    from desktop_app.storage import checks
    from desktop_app.ui.main_window import MainWindow

    big = tmp_path / "season.sqlite3"
    demo_editor.database.engine.dispose()
    from desktop_app.storage import backups

    backups.copy_database(demo_editor.database.path, big)
    swap_result_indexes(big)
    monkeypatch.setattr(checks, "FULL_CHECK_BYTES", 1024)  # "big": checked in the background
    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _w, _t, text: warnings.append(text))
    window = MainWindow(demo_editor)
    qtbot.addWidget(window)
    assert window.files.open_database(big)  # opens at once: only quick_check ran
    qtbot.waitUntil(lambda: bool(warnings), timeout=10_000)
    assert warnings[0].startswith(f"The database {big} is damaged (")
    assert "File > Restore from backup" in warnings[0]
    window.editor.database.close()
