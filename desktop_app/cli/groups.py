"""``racedesk groups``: show, find or set a qualifying session's groups.

racedesk groups --event 1 --session Qualifying            # what is set / found
racedesk groups --event 1 --session Qualifying --detect   # store what the laps show
racedesk groups --event 1 --session Qualifying --set "GTP | LMP2 | GTD PRO, GTD"
"""

from __future__ import annotations

import argparse
from typing import Any

from desktop_app.cli.context import open_context, resolve_event, resolve_session
from desktop_app.services import qualifying_groups as q
from desktop_app.services.errors import EditError


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "groups", help="show, find (--detect) or set (--set) a session's qualifying groups"
    )
    parser.add_argument("--event", metavar="E", required=True, help="event name or id")
    parser.add_argument("--session", metavar="S", required=True, help="session name or id")
    action = parser.add_mutually_exclusive_group()
    action.add_argument("--set", dest="groups", metavar="TEXT", help='"" for one field')
    action.add_argument("--detect", action="store_true", help="store the groups the laps show")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    context = open_context(args)
    try:
        event_id = resolve_event(context.database, args.event)
        session_id = resolve_session(context.database, event_id, args.session)
        if args.groups is not None:
            with context.editor.change("Set qualifying groups") as edit:
                edit.set_qualifying_groups(session_id, args.groups, q.SOURCE_REPORTER)
        elif args.detect and not q.store_detected_groups(context.editor, session_id):
            raise EditError(
                "No groups were stored: the session already has groups, has no lap chart, "
                "or its classes ran together."
            )
        found = q.groups_of(context.database, session_id)
    finally:
        context.database.close()
    if found is not None:
        context.print(found.described)
    return 0
