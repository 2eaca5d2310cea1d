"""Open the window (the only part of the CLI that loads Qt).

Nothing here imports SQLAlchemy: the window paints the file's tree first and opens the
database for editing after that paint (see ``desktop_app.ui.app``).
"""

from __future__ import annotations

import argparse
import gc
import importlib
from pathlib import Path

from desktop_app import paths
from desktop_app.storage.location import target_from_text

# Plain modules (no Qt) the first paint needs, imported before PySide6: PySide6 replaces
# Python's import with one that reads the source of every module imported after it (for
# its ``__feature__`` switch), ~0.1-0.4 ms a module; these and what they import are not
# read then (~2.5 ms of a cold start). Nothing depends on this list but the speed.
PLAIN_FIRST = (
    "desktop_app.storage.tree",
    "desktop_app.services.settings",
    "desktop_app.services.grids.columns",
)


def gui_database_path(args: argparse.Namespace) -> tuple[Path | str, bool]:
    """Same answer as ``cli.context.database_path``, without importing the database layer
    (a server URL stays text, see ``storage.location``)."""
    if args.db:
        return target_from_text(args.db), False
    return paths.default_database(), True


def run_gui(args: argparse.Namespace, started: float) -> int:
    """``started``: when the process began (``cli.main.STARTED``), for --startup-check."""
    # No cyclic garbage collection while the window starts: the start-up builds some
    # hundred thousand objects that all stay (modules, types, widgets), and collecting
    # them over and over (40-50 passes) cost ~5-8 ms before the data was shown and more
    # while SQLAlchemy loads. ui.app turns it back on once the file is open.
    gc.disable()
    try:
        for name in PLAIN_FIRST:
            importlib.import_module(name)
        from desktop_app.ui.app import run_app

        path, create_folder = gui_database_path(args)
        return run_app(
            path, create_folder=create_folder, startup_check=args.startup_check, started=started
        )
    finally:
        gc.enable()
