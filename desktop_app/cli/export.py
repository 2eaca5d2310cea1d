"""``racedesk export``: an event (or several) as an Excel workbook, or one session as CSV."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from desktop_app.cli.context import open_context, resolve_event, resolve_session
from desktop_app.services.errors import EditError
from desktop_app.services.export import (
    export_events_workbook,
    export_session_csv,
)


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "export",
        help="write an event's workbook (.xlsx) or one session's results (.csv)",
        description="Write an Excel workbook of one or more events (a sheet per session, the "
        "entry list, the schedule and the focus drivers), or with --session one session's "
        "results as CSV. The file is replaced only once it is completely written.",
    )
    parser.add_argument(
        "--event",
        required=True,
        action="append",
        metavar="EVENT",
        help="event name or id (repeat for a season workbook)",
    )
    parser.add_argument("--session", metavar="SESSION", help="export this session as CSV")
    parser.add_argument(
        "--laps",
        action="store_true",
        help="add each session's lap chart (every lap: car, driver, time, flag, pit) as a sheet",
    )
    parser.add_argument(
        "-o",
        "--output",
        required=True,
        metavar="FILE",
        help="FILE.xlsx, or FILE.csv with --session",
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    target = Path(args.output).expanduser()
    suffix = target.suffix.lower()
    if args.session is None and suffix != ".xlsx":
        raise EditError("A workbook file name must end in .xlsx (use --session for CSV).")
    if args.session is not None and suffix != ".csv":
        raise EditError("With --session the file name must end in .csv.")
    if args.session is not None and args.laps:
        raise EditError("--laps adds sheets to a workbook; leave out --session.")
    if args.session is not None and len(args.event) > 1:
        raise EditError("Give one --event with --session.")
    context = open_context(args, only_reads=True)
    try:
        event_ids = [resolve_event(context.database, wanted) for wanted in args.event]
        if args.session is not None:
            session_id = resolve_session(context.database, event_ids[0], args.session)
            written = export_session_csv(context.database, session_id, target)
        else:
            written = export_events_workbook(context.database, event_ids, target, laps=args.laps)
    finally:
        context.database.close()
    context.print(f"Wrote {written.resolve()}")
    return 0
