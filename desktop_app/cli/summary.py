"""``racedesk summary``: print an article-ready summary of an event or one session."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from desktop_app.cli.context import open_context, resolve_event, resolve_session
from desktop_app.services.errors import EditError
from desktop_app.services.settings import load_settings
from desktop_app.services.summaries import (
    AUTO_PRESET,
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
        default=AUTO_PRESET,
        help=f"preset or your template (default: {AUTO_PRESET}, the session kind's preset, "
        f"or {DEFAULT_PRESET} for a whole event)",
    )
    parser.add_argument(
        "--positions",
        choices=["P", "ordinal"],
        help="write places as P8 or 8th (default: from your settings)",
    )
    parser.add_argument(
        "--focus",
        metavar="RULE",
        help='who to follow: "country:CAN, hometown:*, QC, tag:Canadian" (default: settings)',
    )
    parser.add_argument("--tag", help="one focus tag (same as --focus tag:TAG)")
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
        print(f"{AUTO_PRESET} - the preset of the session's kind (race, qualifying, practice)")
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
        settings = load_settings()
        tag = _focus(args, settings.focus_tag)
        selection = Selection(event_id, session_id, tag, args.class_code, args.series)
        result = summarise(
            context.database,
            selection,
            preset=args.preset,
            fmt=OutputFormat(args.fmt),
            position_style=args.positions or _style(settings.position_style),
        )
    finally:
        context.database.close()
    if not result.ok:
        raise EditError(f'The template "{args.preset}" has a problem. {result.error}')
    if result.text:
        context.print(result.text)
    else:
        reason = result.empty_reason or "nothing to summarise for that choice."
        print(f"racedesk: {reason}", file=sys.stderr)
    return 0


def _focus(args: argparse.Namespace, saved: str) -> str:
    """--focus, else --tag, else the default focus from the settings."""
    if args.focus is not None:
        return str(args.focus)
    if args.tag is not None:
        return f"tag:{args.tag}" if args.tag.strip() else ""
    return saved


def _style(saved: str) -> str:
    return saved if saved in ("P", "ordinal") else "P"
