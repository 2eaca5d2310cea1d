"""``racedesk import FILE --event E --session S``: import an official timing file.

The file is read and checked before anything is written; the event and session are
created when they do not exist yet, in the same transaction-safe way as the window does.
Names matching several saved drivers are not guessed: answer them with ``--driver``.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from desktop_app.cli.context import CommandContext, open_context
from desktop_app.domain.sessions import SessionKind, parse_enum
from desktop_app.services.errors import EditError
from desktop_app.services.importers.alkamel import ColumnMap
from desktop_app.services.importers.apply import apply_import, plan_import
from desktop_app.services.importers.csv_reader import read_table
from desktop_app.services.importers.detect import read_import_file
from desktop_app.services.importers.errors import TimingImportError
from desktop_app.services.importers.generic import (
    FIELD_LABELS,
    mapping_from_fields,
    read_xlsx,
    remember_mapping,
)
from desktop_app.services.importers.model import Layout
from desktop_app.services.importers.report import AmbiguousDrivers, DriverQuestion
from desktop_app.storage import repository as repo
from desktop_app.storage.models import Series

KINDS = ("race", "qualifying", "practice", "warm_up")


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "import",
        help="import an official results file (Al Kamel CSV) into a session",
        description="Import results into a session; the event and session are created "
        "when they do not exist yet.",
    )
    parser.add_argument("file", type=Path, help="the CSV (or XLSX) results file")
    parser.add_argument("--event", required=True, help="event name or id")
    parser.add_argument("--session", required=True, help='session name or id, like "Race"')
    parser.add_argument("--series", help="series code, like IWSC (needed for a new session)")
    parser.add_argument("--kind", choices=KINDS, help="kind of a new session (default: guessed)")
    parser.add_argument(
        "--driver",
        action="append",
        default=[],
        metavar="NAME=ID",
        help='which saved driver a name is when several match, e.g. "Parker Thompson=12" '
        '(or "Parker Thompson=new")',
    )
    parser.add_argument(
        "--map",
        action="append",
        default=[],
        metavar="FIELD=COLUMN",
        help="for a sheet RaceDesk does not know: which column holds a field, e.g. "
        f'"number=Car #" (fields: {", ".join(FIELD_LABELS)}); remembered for that source',
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    kind = parse_enum(SessionKind, args.kind) if args.kind else None
    mapping = _mapping(args.map)
    imported = read_import_file(args.file, kind=kind, mapping=mapping)
    if mapping is not None:
        remember_mapping(read_headers(args.file), mapping)
    context = open_context(args)
    try:
        answers = _answers(plan_import(context.database, imported), args.driver)
        session_id, created = _target(context, args, kind or imported.suggested_kind)
        if imported.layout is Layout.LAP_CHART and kind is None:
            imported = read_import_file(args.file, kind=_session_kind(context, session_id))
        try:
            report = apply_import(context.editor, imported, session_id, answers)
        except TimingImportError:
            _forget(context, created)
            raise
        context.print(report.text())
    finally:
        context.database.close()
    return 0


def _mapping(options: list[str]) -> ColumnMap | None:
    """``--map number=Car`` options as a column mapping; None when none were given."""
    if not options:
        return None
    fields: dict[str, str] = {}
    for option in options:
        name, _, column = option.partition("=")
        if name.strip() not in FIELD_LABELS or not column.strip():
            raise TimingImportError(
                f'--map "{option}": use FIELD=COLUMN with a field among {", ".join(FIELD_LABELS)}.'
            )
        fields[name.strip()] = column.strip()
    return mapping_from_fields(fields)


def read_headers(path: Path) -> list[str]:
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        return read_xlsx(path).headers
    return read_table(path).headers


def _answers(questions: list[DriverQuestion], given: list[str]) -> dict[str, int | None]:
    """Turn ``--driver NAME=ID`` options into answers; refuse when a question is left open."""
    by_name = {repo.normalise_name(q.name): q for q in questions}
    answers: dict[str, int | None] = {}
    for option in given:
        name, _, value = option.rpartition("=")
        question = by_name.get(repo.normalise_name(name))
        if question is None:
            continue
        answers[question.key] = _driver_id(value, question)
    open_questions = [q for q in questions if q.key not in answers]
    if open_questions:
        raise TimingImportError(_ask_text(open_questions))
    return answers


def _driver_id(value: str, question: DriverQuestion) -> int | None:
    if value.strip().lower() == "new":
        return None
    ids = {choice.driver_id for choice in question.candidates}
    if value.strip().isdigit() and int(value) in ids:
        return int(value)
    raise TimingImportError(
        f'--driver "{question.name}={value}": use one of {sorted(ids)} or "new".'
    )


def _ask_text(questions: list[DriverQuestion]) -> str:
    lines = [str(AmbiguousDrivers(questions))]
    for question in questions:
        choices = "; ".join(f"{c.driver_id} = {c.label}" for c in question.candidates)
        lines.append(f'  {question.name}: {choices}  (answer with --driver "{question.name}=ID")')
    return "\n".join(lines)


def _target(
    context: CommandContext, args: argparse.Namespace, kind: SessionKind | None
) -> tuple[int, dict[str, int]]:
    """The session to import into, creating event and session when missing."""
    created: dict[str, int] = {}
    with context.database.read() as session:
        events = repo.find_events(session, args.event)
        if len(events) > 1:
            raise EditError(f'More than one event is called "{args.event}"; use its id instead.')
        series = _series(session, args.series)
        event_id = events[0].id if events else None
        sessions = repo.find_sessions(session, event_id, args.session) if event_id else []
        if series is not None:
            sessions = [s for s in sessions if s.series_id == series.id]
        if len(sessions) > 1:
            names = ", ".join(f"{s.id} ({s.series.code} {s.name})" for s in sessions)
            raise EditError(f'"{args.session}" matches more than one session: {names}.')
        if sessions:
            return sessions[0].id, created
        series_id = _series_for_new_session(session, series, args.series)
    with context.editor.change(f"Create session {args.session} for import") as edit:
        if event_id is None:
            event_id = created["event"] = edit.create_event(args.event)
        if series_id is None:
            series_id = edit.ensure_series(args.series, args.series)
        kind = kind or _kind_from_name(args.session)
        created["session"] = edit.create_session(event_id, series_id, kind, args.session)
    context.print(f"Created session {args.session} ({kind.label}) in event {args.event}.")
    return created["session"], created


def _session_kind(context: CommandContext, session_id: int) -> SessionKind:
    """Lap charts are ordered by laps in a race and by best lap otherwise."""
    from desktop_app.storage.models import RaceSession

    with context.database.read() as session:
        race_session = session.get(RaceSession, session_id)
        return race_session.kind if race_session else SessionKind.RACE


def _series(session: Any, code: str | None) -> Series | None:
    return repo.series_by_code(session, code) if code else None


def _series_for_new_session(session: Any, series: Series | None, code: str | None) -> int | None:
    """A new session needs a series: the one named, the only one saved, or a new one."""
    if series is not None:
        return series.id
    if code:
        return None
    from sqlalchemy import select

    every = list(session.scalars(select(Series)))
    if len(every) == 1:
        return every[0].id
    raise EditError(
        "The session does not exist yet; say which series it belongs to with --series "
        "(for example --series IWSC)."
    )


def _kind_from_name(name: str) -> SessionKind:
    lowered = name.lower()
    for kind in (SessionKind.QUALIFYING, SessionKind.PRACTICE, SessionKind.WARM_UP):
        if kind.value.replace("_", "") in lowered.replace("-", "").replace(" ", ""):
            return kind
    return SessionKind.RACE


def _forget(context: CommandContext, created: dict[str, int]) -> None:
    """An import that failed after its session was created leaves nothing behind."""
    if not created:
        return
    with context.editor.change("Remove session created for a failed import") as edit:
        if "event" in created:
            edit.delete_event(created["event"])
        elif "session" in created:
            edit.delete_session(created["session"])
