"""The window frame paints before the database code is imported (issue 7: open fast).

SQLAlchemy and the models alone cost about 300 ms of a cold start; Alembic, openpyxl and
Jinja2 more. ``racedesk`` paints its frame (``MainWindow.opening``) first and opens the
file after that paint, so none of them may be imported by the modules the frame needs.
Each check runs in a fresh Python process: in this one, other tests imported everything.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

HEAVY = ("sqlalchemy", "alembic", "openpyxl", "jinja2")

IMPORT_FRAME_MODULES = """
import json, sys
import desktop_app.cli.main, desktop_app.cli.gui, desktop_app.ui.app, desktop_app.ui.main_window
print(json.dumps(sorted({name.split(".")[0] for name in sys.modules} & set(HEAVY))))
"""

PAINT_THE_FRAME = """
import json, sys
from pathlib import Path
from desktop_app.ui.app import FirstPaint, make_application
from desktop_app.ui.main_window import MainWindow

app = make_application()
window = MainWindow.opening(Path(sys.argv[1]))
loaded = []

def after_first_paint():
    loaded.extend(sorted({name.split(".")[0] for name in sys.modules} & set(HEAVY)))
    window.hide()
    app.quit()

first_paint = FirstPaint(window, after_first_paint)
window.show()
app.exec()
print(json.dumps({"painted": first_paint.painted_at is not None, "loaded": loaded}))
"""


SHOW_THE_TREE = """
import json, sys
from pathlib import Path
from desktop_app.storage.tree import read_tree_file
from desktop_app.ui.app import make_application
from desktop_app.ui.main_window import MainWindow

app = make_application()
path = Path(sys.argv[1])
window = MainWindow.opening(path)
window.preview_tree(read_tree_file(path), path)
window.show()
app.processEvents()
items = window.navigator.topLevelItem(0).childCount()
grid = window.stack.currentWidget().grid  # the events grid, read-only until attached
first = grid.model().index(0, 0).data()
loaded = sorted({name.split(".")[0] for name in sys.modules} & set(HEAVY))
print(json.dumps({"events": items, "first": first, "loaded": loaded}))
"""


CLOSE_A_WINDOW = """
import sys
from pathlib import Path
from desktop_app.services.editing import Editor
from desktop_app.storage.database import open_database
from desktop_app.ui.app import make_application
from desktop_app.ui.main_window import MainWindow

app = make_application()
database = open_database(Path(sys.argv[1]))
window = MainWindow(Editor(database))
window.show()
app.processEvents()
window.close()  # the layout is saved, as after any day's work
database.close()
print("closed")
"""

FIRST_PAINT_WITH_THE_DATA = """
import json, sys
from pathlib import Path
import PySide6.QtCore
from desktop_app.ui.app import FirstPaint, Startup, make_application

app = make_application()
startup = Startup(Path(sys.argv[1]), create_folder=False)
window = startup.first_window()
seen = {}

def after_first_paint():
    seen["events"] = window.navigator.topLevelItem(0).childCount()
    seen["qt_namespace"] = "Qt" in vars(PySide6.QtCore)  # built the first time it is named
    window.hide()
    app.quit()

first_paint = FirstPaint(window, after_first_paint)
window.show()
app.exec()
print(json.dumps(seen))
"""


def run_python(script: str, *args: str) -> str:
    """Run ``script`` in a fresh interpreter; its last stdout line."""
    code = f"HEAVY = {HEAVY!r}\n" + textwrap.dedent(script)
    done = subprocess.run(
        [sys.executable, "-c", code, *args],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.strip().splitlines()[-1]


def test_the_modules_that_build_the_frame_import_no_database_or_export_code() -> None:
    assert json.loads(run_python(IMPORT_FRAME_MODULES)) == []


def load_demo_into(path: Path) -> None:
    """The demo weekend saved into ``path`` by the real command line, in its own process."""
    loaded = subprocess.run(
        [sys.executable, "-m", "desktop_app", "--db", str(path), "demo"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert loaded.returncode == 0, loaded.stderr


def test_the_frame_is_painted_before_any_database_or_export_code_is_imported(
    tmp_path: Path,
) -> None:
    figures = json.loads(run_python(PAINT_THE_FRAME, str(tmp_path / "weekend.sqlite3")))
    assert figures == {"painted": True, "loaded": []}


def test_the_files_events_are_shown_before_any_database_code_is_imported(
    tmp_path: Path,
) -> None:
    """Step 2 of the start (ui.app): plain sqlite3, the navigator and the events grid
    shown with the file's events, still no SQLAlchemy (nor Alembic, openpyxl, Jinja2)."""
    path = tmp_path / "demo.sqlite3"
    load_demo_into(path)
    figures = json.loads(run_python(SHOW_THE_TREE, str(path)))
    assert figures == {"events": 2, "first": "Roar Before the 24", "loaded": []}


def test_with_last_times_layout_the_data_is_painted_without_pyside6s_qt_namespace(
    tmp_path: Path,
) -> None:
    """Naming any ``Qt.*`` enum makes PySide6 build its whole ``Qt`` namespace (93 enum
    classes, ~12 ms): the frame, the tree and the events grid of a usual start (a layout
    saved by the last window closed) name none before their first paint."""
    path = tmp_path / "demo.sqlite3"
    load_demo_into(path)
    assert json.loads(run_python(FIRST_PAINT_WITH_THE_DATA, str(path))) == {
        "events": 2,
        "qt_namespace": True,  # a first start: the docks are placed by naming their areas
    }
    assert run_python(CLOSE_A_WINDOW, str(path)) == "closed"
    assert json.loads(run_python(FIRST_PAINT_WITH_THE_DATA, str(path))) == {
        "events": 2,
        "qt_namespace": False,
    }
