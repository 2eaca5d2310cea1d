"""Composition root of the window: paint the frame, show the file's tree, fill the window.

Paint first, then load, in steps the reporter can see:

1. the window frame (menus, docks) as soon as Qt exists, and in that same first paint
   the file's events, series and sessions in the navigator and, on the events node, the
   events grid (read-only, ui/events_preview.py), read with the standard library's
   sqlite3 (storage.tree, a few milliseconds): the data is shown. A file that light read
   cannot tell about (new, older, damaged, a server) shows "Opening <file>…" instead;
2. after that paint a thread imports the database code (SQLAlchemy, the models, their
   mappers configured: most of a cold start); the window stays responsive, a node can
   be picked, keys typed into the events grid are kept and replayed into the editable
   grid;
3. when the imports are done, the file is opened for editing and the editor of the
   selected node is built and filled (other pages are built when first shown);
4. on the next turn, the summary dock (Jinja2 and the templates load then).

A file that cannot be opened still gets its one clear message, in a dialog that lets the
reporter open another file or start a new one (``--startup-check`` prints it and exits 1).
Whatever goes wrong while opening (a full disk, a link to nowhere, a bug) ends the
"Opening..." page: the window never waits with its menus disabled.
"""

from __future__ import annotations

import gc
import importlib
import json
import logging
import sqlite3
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QEvent,
    QMessageLogContext,
    QObject,
    QTimer,
    QtMsgType,
    qInstallMessageHandler,
)
from PySide6.QtWidgets import QApplication, QWidget

from desktop_app import __version__
from desktop_app.storage.errors import UserFacingError
from desktop_app.storage.location import server_label
from desktop_app.ui.icon import racedesk_icon

if TYPE_CHECKING:
    from desktop_app.storage.database import Database
    from desktop_app.ui.main_window import MainWindow

OPEN_ANYWAY_MS = 1000  # open the file even if the platform never paints (hidden window)
IMPORTS_POLL_MS = 5  # how often the event loop looks whether the import thread is done
DATABASE_CODE = (  # plain Python, no Qt: safe to import off the GUI thread
    "desktop_app.services.editing",
    "desktop_app.storage.database",
    "desktop_app.services.result_rows",
)  # not the summaries (Jinja2): the window builds its summary panel once it is filled
PLATFORM_NOISE = ("propagateSizeHints",)  # the offscreen platform's note on every window
_log = logging.getLogger(__name__)


def make_application() -> QApplication:
    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    app.setApplicationName("RaceDesk")
    app.setOrganizationName("RaceDesk")
    app.setApplicationVersion(__version__)
    icon = racedesk_icon()
    if icon is not None:
        app.setWindowIcon(icon)
    return app


class FirstPaint(QObject):
    """Calls ``then`` once, on the event-loop turn after ``window`` was first painted.

    The filter is on the window only (a top-level window gets its own Paint event): an
    application-wide filter makes PySide6 wrap every event and every receiving object of
    the process in Python types, building some 160 enum classes on the way (~14 ms of a
    cold start before the data is shown).
    """

    def __init__(self, window: QWidget, then: Callable[[], None]) -> None:
        super().__init__(window)
        self._window = window
        self._then = then
        self.painted_at: float | None = None
        window.installEventFilter(self)

    def eventFilter(self, _watched: QObject, event: QEvent) -> bool:
        """Override QObject::eventFilter: note the window's first paint."""
        if self.painted_at is None and event.type() == QEvent.Type.Paint:
            self.painted_at = time.perf_counter()
            self._window.removeEventFilter(self)
            QTimer.singleShot(0, self._then)
        return False


@dataclass
class Startup:
    """One start of the window: what was opened, when, and what went wrong."""

    path: Path
    create_folder: bool
    url: str | None = None  # a PostgreSQL server; ``path`` is then only its name
    started: float = field(default_factory=time.perf_counter)
    database: Database | None = None
    error: UserFacingError | None = None
    tree_shown_at: float | None = None
    data_shown_at: float | None = None  # tree and first editor painted (maybe read-only)
    data_shown_wall: float | None = None  # the same moment, time.time(): for the benchmark
    data_shown_cpu: float | None = None  # and the process's CPU time until then
    editable_at: float | None = None  # the editors attached: the reporter can edit
    done: bool = False

    def show_tree(self, window: MainWindow) -> None:
        """Step 1's data: the navigator from a read-only look at the file, when it can be read
        as it stands (a new, older or damaged file waits for ``open_into``).

        ``first_window`` calls it before the window is shown: the first paint then has the
        file's contents in it (one paint, not the frame and then the data), and
        ``first_painted`` notes when the data was shown. The read is light (events,
        series and sessions, never results: ~6 ms on ten seasons)."""
        from desktop_app.storage.tree import read_tree_file

        if self.url is not None:  # a server: no file to peek at, open_into reads it
            return
        tree = read_tree_file(self.path)
        if tree is not None:
            window.preview_tree(tree, self.path)
            if window.isVisible():
                window.repaint()
                self.first_painted(window)

    def first_window(self) -> MainWindow:
        """The window as first painted: the frame and, for a file the light read can
        read, its tree and events grid (one paint with the data, not two)."""
        from desktop_app.ui.main_window import MainWindow

        window = MainWindow.opening(self.path)
        self.show_tree(window)
        return window

    def first_painted(self, window: MainWindow) -> None:
        """The window has been painted with the previewed tree (and the events grid)."""
        if window.previewed and self.tree_shown_at is None:
            self.tree_shown_at = time.perf_counter()
            if window.shows_data():
                self._data_shown()

    def _open(self) -> Database | None:
        """The file opened for editing (checked, upgraded, backed up), or None and
        ``error`` set to the sentence the reporter reads."""
        from desktop_app.services.settings import load_settings
        from desktop_app.storage.database import open_database

        try:
            keep = load_settings().backups_keep
            return open_database(
                self.url or self.path, create_folder=self.create_folder, keep_backups=keep
            )
        except UserFacingError as error:
            self.error = error
        except (OSError, sqlite3.Error) as error:
            self.error = UserFacingError(f"RaceDesk could not open {self.path}: {error}.")
        except Exception as error:  # noqa: BLE001 - a bug, but it must end "Opening..."
            _log.exception("Opening %s failed", self.path)
            self.error = UserFacingError(f"RaceDesk could not open {self.path}: {error}.")
        return None

    def _data_shown(self) -> None:
        self.data_shown_at = time.perf_counter()
        self.data_shown_wall = time.time()
        self.data_shown_cpu = time.process_time()

    def open_into(self, window: MainWindow) -> None:
        """Step 3: open the file and fill the window."""
        self.done = True
        from desktop_app.services.editing import Editor

        self.database = self._open()
        if self.database is None:  # the quick look could read it, the full open refused
            window.drop_preview()
            return
        window.attach_first(Editor(self.database))
        from desktop_app.ui.integrity_watch import watch_background_check

        watch_background_check(window, self.database)
        window.repaint()  # the data on screen now, not at some later turn
        self.editable_at = time.perf_counter()
        if self.data_shown_at is None:
            self._data_shown()


def run_app(
    target: Path | str,
    *,
    create_folder: bool,
    startup_check: bool = False,
    started: float | None = None,
) -> int:
    """Run the window on a file or a server URL; ``started`` is when the command began
    (``perf_counter``), for the ``--startup-check`` figures: the Python imports before Qt
    count too."""
    url = target if isinstance(target, str) else None
    path = Path(server_label(url)) if url is not None else Path(target)
    startup = Startup(path, create_folder, url=url)
    if started is not None:
        startup.started = started
    if startup_check:
        qInstallMessageHandler(_quiet_platform_noise)
    app = make_application()
    window = startup.first_window()
    loading = DatabaseCodeLoader()

    def open_file() -> None:
        if startup.done:  # once, whichever comes first: the imports or the timer
            return
        try:
            if startup_check:
                startup.open_into(window)
            else:  # its dialogs are loaded only now, after the data is shown
                from desktop_app.ui import open_failures

                open_failures.open_or_ask(startup, window)
        finally:
            collect_from_now_on()
        if startup.error is not None or startup_check:
            window.hide()  # not close(): that would also quit (last window) a second time
            app.quit()

    def after_first_paint() -> None:
        startup.first_painted(window)
        loading.start()
        loading.when_done(open_file)

    first_paint = FirstPaint(window, after_first_paint)
    QTimer.singleShot(OPEN_ANYWAY_MS, open_file)
    window.show()
    code = app.exec()
    if startup.error is not None:
        if startup_check:
            raise startup.error
        return 1
    if startup_check:
        _report(startup, first_paint.painted_at)
    if startup.database is not None:
        startup.database.close()
    return int(code)


def collect_from_now_on() -> None:
    """Python's cyclic garbage collector on again (``cli.gui`` turns it off for the
    start-up), with what the start-up built moved out of its way (``gc.freeze``): the
    modules, types and widgets stay for the whole run, so the collections while the
    reporter works need not go through them again and again."""
    gc.freeze()
    gc.enable()


class DatabaseCodeLoader:
    """Imports the database code on a thread while the event loop keeps painting.

    Only modules without Qt are imported there (``DATABASE_CODE``); the main thread polls
    (no cross-thread signal) and then imports the rest itself, already cached. A module
    that fails to import is imported again on the main thread, which raises it there.
    """

    def __init__(self) -> None:
        self._thread = threading.Thread(target=_import_database_code, daemon=True)
        self._timer: QTimer | None = None

    def start(self) -> None:
        self._thread.start()

    def when_done(self, then: Callable[[], None]) -> None:
        timer = self._timer = QTimer()
        timer.setInterval(IMPORTS_POLL_MS)

        def check() -> None:
            if not self._thread.is_alive():
                timer.stop()
                then()

        timer.timeout.connect(check)
        timer.start()


def _import_database_code() -> None:
    """The modules, then SQLAlchemy's mapper set-up, which the first query would
    otherwise do on the main thread (about 0.15 s for RaceDesk's 14 models)."""
    for name in DATABASE_CODE:
        try:
            importlib.import_module(name)
        except Exception:  # noqa: BLE001 - raised again, on the main thread, by open_into
            return
    try:
        from desktop_app.storage.database import prepare_models

        prepare_models()
    except Exception:  # noqa: BLE001 - the first query configures them again and says why
        return


def _report(startup: Startup, painted_at: float | None) -> None:
    """The packaging smoke test's figures: first paint (the frame), the file's tree in the
    navigator, the data shown (tree and first editor painted, the events grid maybe still
    read-only), the editors attached (editable), and the data-shown moment on the wall
    clock and the process's CPU time until then (the benchmark measures from the launch
    of the process to it)."""

    def since_start(moment: float | None) -> int:
        return round(((moment or time.perf_counter()) - startup.started) * 1000)

    editable_ms = since_start(startup.editable_at)
    data_ms = since_start(startup.data_shown_at) if startup.data_shown_at else editable_ms
    figures = {
        "startup_ms": since_start(painted_at),
        "tree_ms": since_start(startup.tree_shown_at) if startup.tree_shown_at else data_ms,
        "data_ms": data_ms,
        "editable_ms": editable_ms,
        "data_wall": startup.data_shown_wall or time.time(),
        "data_cpu": startup.data_shown_cpu or time.process_time(),
    }
    print(json.dumps(figures), flush=True)


def _quiet_platform_noise(_kind: QtMsgType, _context: QMessageLogContext, message: str) -> None:
    """The smoke test's stderr is one sentence on failure: drop the headless platform's
    notes (the window is shown before the file is opened), keep every other message."""
    if not any(noise in message for noise in PLATFORM_NOISE):
        print(message, file=sys.stderr, flush=True)
