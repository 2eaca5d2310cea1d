"""Open the window (the only part of the CLI that loads Qt).

Nothing here imports SQLAlchemy: the window paints its frame first and opens the
database on the next turn of the event loop (see ``desktop_app.ui.app``).
"""

from __future__ import annotations

import argparse
import gc
from pathlib import Path

from desktop_app import paths
from desktop_app.storage.location import target_from_text


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
        from desktop_app.ui.app import run_app

        path, create_folder = gui_database_path(args)
        return run_app(
            path, create_folder=create_folder, startup_check=args.startup_check, started=started
        )
    finally:
        gc.enable()
