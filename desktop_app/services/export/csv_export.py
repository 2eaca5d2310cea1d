"""One session's classification as a CSV file that Excel opens with accents intact.

Excel guesses a CSV file's encoding and gets UTF-8 wrong (``SÃ©bastien``) unless the file
starts with a byte-order mark, so the file is written as ``utf-8-sig``. CSV has no types:
times are written as a timing sheet prints them (``1:47.123``).

Formula guard: a spreadsheet opening a CSV runs any field starting with ``=``, ``+``, ``-``,
``@``, tab or carriage return as a formula. Such text fields are written with a leading
apostrophe (``'=1+1``), the usual defence (OWASP "CSV injection"): the value stays readable
and is never run; the apostrophe is visible, which we accept over running a formula.
Numbers RaceDesk writes itself (positions, laps) are never prefixed.
"""

from __future__ import annotations

import csv
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from desktop_app.domain.timing import format_time
from desktop_app.services.export import rows as rowdata
from desktop_app.services.export.atomic import ExportCancelled, ExportError, atomic_target
from desktop_app.services.export.cells import Column, Kind, clean_text, looks_like_formula
from desktop_app.services.export.columns import result_columns, result_values
from desktop_app.services.export.workbook import Cancelled, Progress
from desktop_app.services.settings import load_settings
from desktop_app.storage.database import Database
from desktop_app.storage.models import RaceSession


def guard(text: str) -> str:
    """``=1+1`` -> ``'=1+1``: literal text in every spreadsheet, never a formula."""
    text = clean_text(text)
    return f"'{text}" if looks_like_formula(text) else text


def csv_field(kind: Kind, value: Any) -> str:
    """The text of one field; durations as a timing sheet prints them."""
    if value is None:
        return ""
    if isinstance(value, str):
        return guard(value)
    if kind in (Kind.LAP_TIME, Kind.RACE_TIME, Kind.GAP):
        ms = int(value)
        return guard(f"-{format_time(-ms)}") if ms < 0 else format_time(ms)
    return str(value)


def export_session_csv(
    database: Database,
    session_id: int,
    target: Path,
    *,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> Path:
    """Write one session's results to ``target`` atomically and return where it went."""
    with database.read() as session:
        info = rowdata.load_session(session, session_id)
        if info is None:
            raise ExportError("There is no such session to export.")
        race_session = session.get(RaceSession, session_id)
        assert race_session is not None
        entries = rowdata.entry_rows(session, race_session.event_id, load_settings().focus_tag)
        results = rowdata.result_rows(session, info, entries)
    if cancelled is not None and cancelled():
        raise ExportCancelled
    columns = result_columns(info.official)
    with atomic_target(target) as temporary:
        _write(temporary, columns, [result_values(row, info.official) for row in results])
        if cancelled is not None and cancelled():
            raise ExportCancelled
    if progress is not None:
        progress(1, 1)
    return target


def _write(path: Path, columns: Sequence[Column], rows: Sequence[Sequence[Any]]) -> None:
    with path.open("w", encoding="utf-8-sig", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow([column.header for column in columns])
        for values in rows:
            writer.writerow(
                [
                    csv_field(column.kind, value)
                    for column, value in zip(columns, values, strict=True)
                ]
            )
