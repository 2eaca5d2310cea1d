"""``racedesk import PATH... --event E``: a whole weekend of timing files in one step.

Files and folders are read and checked before anything is written; each file goes to
its own session (found, or created from the file's name), and the batch is applied in
ONE transaction: the plan is printed as it applies, then one line per file and a final
line. A bad timing file stops the batch (``--keep-going`` imports the others); files that
were imported before are left out, so importing the same folder again changes nothing.
Names matching several saved drivers are not guessed: answer them with ``--driver``.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from desktop_app.cli.context import CommandContext, open_context
from desktop_app.domain.sessions import SessionKind, parse_enum
from desktop_app.services.importers.alkamel import ColumnMap
from desktop_app.services.importers.csv_reader import read_table
from desktop_app.services.importers.errors import TimingImportError
from desktop_app.services.importers.generic import (
    FIELD_LABELS,
    mapping_from_fields,
    read_xlsx,
    remember_mapping,
)
from desktop_app.services.importers.model import Layout
from desktop_app.services.importers.report import AmbiguousDrivers, DriverQuestion
from desktop_app.services.importers.weekend import (
    Choices,
    WeekendPlan,
    kind_from_name,
    plan_weekend,
)
from desktop_app.services.importers.weekend_apply import apply_weekend
from desktop_app.services.importers.weekend_files import BatchFile, read_batch
from desktop_app.storage import repository as repo

KINDS = ("race", "qualifying", "practice", "warm_up")


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "import",
        help="import timing files and folders (a whole weekend) into an event",
        description="Import official timing files (results, lap charts, weather) and folders "
        "of them; each file goes to its own session, created when missing.",
    )
    parser.add_argument("paths", nargs="+", type=Path, metavar="PATH", help="files or folders")
    parser.add_argument("--event", required=True, help="event name or id (created when new)")
    parser.add_argument(
        "--session", help='put every file into this session (name or id, like "Race")'
    )
    parser.add_argument("--series", help="series code, like IWSC (default: from the classes)")
    parser.add_argument("--kind", choices=KINDS, help="kind of a new session (default: guessed)")
    parser.add_argument(
        "--time-zone", help="time zone of a new event, like America/New_York (default UTC)"
    )
    parser.add_argument(
        "--keep-going",
        action="store_true",
        help="import the good files even when some timing files cannot be read",
    )
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
    # a lap chart is summarised by laps in a race, by best lap otherwise: say which when known
    hint = kind or (kind_from_name(args.session) if args.session else None)
    files = read_batch(args.paths, kind=hint, mapping=mapping)
    if mapping is not None:
        _remember(files, mapping)
    choices = Choices(args.event, args.series or "", args.session or "", kind, args.time_zone or "")
    context = open_context(args)
    try:
        plan = plan_weekend(context.database, files, choices)
        for line in plan.lines():
            context.print(line)
        if plan.event_id is None and not args.time_zone and plan.targets:
            context.print(
                f"{plan.event_name} is a new event in UTC: the start times in the file names "
                "are read as UTC. Give --time-zone (like America/New_York) to read them as "
                "the circuit's local time, or change the event's time zone in the window."
            )
        if not plan.targets and not plan.failed:
            context.print("Nothing changed: every file was imported before and is unchanged.")
            return 0
        answers = _answers(plan.questions, args.driver)
        report = apply_weekend(context.editor, plan, answers, keep_going=args.keep_going)
        _print_report(context, plan, report.lines)
        context.print(report.summary(plan.event_name))
    finally:
        context.database.close()
    return 0


def _print_report(context: CommandContext, plan: WeekendPlan, lines: list[str]) -> None:
    for target in plan.targets:
        if target.is_new:
            context.print(
                f"Created session {target.name} ({target.kind.label}) in event {plan.event_name}."
            )
    for line in lines:
        context.print(line)


def _remember(files: list[BatchFile], mapping: ColumnMap) -> None:
    """A mapping given with --map is kept for the next file from that source."""
    for file in files:
        if file.imported is not None and file.imported.layout is Layout.GENERIC:
            remember_mapping(read_headers(file.path), mapping)


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
