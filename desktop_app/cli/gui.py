"""Open the window (the only part of the CLI that loads Qt)."""

from __future__ import annotations

import argparse

from desktop_app.cli.context import database_path


def run_gui(args: argparse.Namespace) -> int:
    from desktop_app.ui.app import run_app

    path, create_folder = database_path(args)
    return run_app(path, create_folder=create_folder, startup_check=args.startup_check)
