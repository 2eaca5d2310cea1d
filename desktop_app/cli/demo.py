"""``racedesk demo``: load the reference weekend as demo events."""

from __future__ import annotations

import argparse
from typing import Any

from desktop_app.cli.context import open_context
from desktop_app.services.demo import load_demo


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "demo", help="load the Roar Before the 24 / Rolex 24 weekend of the reference article"
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    context = open_context(args)
    report = load_demo(context.editor)
    for name in report.created:
        context.print(f"Loaded demo event: {name}")
    for name in report.skipped:
        context.print(f"Already loaded, left as it is: {name}")
    context.database.close()
    return 0
