"""``racedesk summary``: print an article-ready summary of an event or one session."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from desktop_app.cli.context import open_context, resolve_event, resolve_session
from desktop_app.services.errors import EditError
from desktop_app.services.settings import load_settings
from desktop_app.services.summaries import (
    DEFAULT_PRESET,
    OutputFormat,
    Selection,
    all_templates,
    summarise,
)


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "summary", help="print article-ready text for an event or a session"
    )
    parser.add_argument("--event", metavar="E", help="event name or id")
    parser.add_argument("--session", metavar="S", help="one session (name or id)")
    parser.add_argument(
        "--preset",
        default=DEFAULT_PRESET,
        help=f"preset or your template (default: {DEFAULT_PRESET})",
    )
    parser.add_argument("--tag", help="focus group tag (default: from your settings)")
    parser.add_argument("--class", dest="class_code", default="", metavar="C", help="one class")
    parser.add_argument("--series", default="", metavar="X", help="one series (code or name)")
    parser.add_argument(
        "--format",
        dest="fmt",
        choices=[f.value for f in OutputFormat],
        default=OutputFormat.TEXT.value,
        help="output format (default: text)",
    )
    parser.add_argument(
        "--list-presets", action="store_true", help="list presets and your templates, then exit"
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    if args.list_presets:
        for preset in all_templates():
            print(f"{preset.name} - {preset.description}", file=sys.stdout)
        return 0
    if not args.event:
        raise EditError("Say which event to summarise with --event (see: racedesk events).")
    context = open_context(args, only_reads=True)
    try:
        event_id = resolve_event(context.database, args.event)
        session_id = (
            resolve_session(context.database, event_id, args.session) if args.session else None
        )
        tag = load_settings().focus_tag if args.tag is None else args.tag
        selection = Selection(event_id, session_id, tag, args.class_code, args.series)
        result = summarise(
            context.database, selection, preset=args.preset, fmt=OutputFormat(args.fmt)
        )
    finally:
        context.database.close()
    if not result.ok:
        raise EditError(f'The template "{args.preset}" has a problem. {result.error}')
    if result.text:
        context.print(result.text)
    else:
        print("racedesk: nothing to summarise for that choice.", file=sys.stderr)
    return 0
