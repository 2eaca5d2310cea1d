"""Results sheets with other column names (CSV or XLSX), imported through a column mapping.

A mapping says which column holds each field. It is remembered per source: the set of
header names identifies the program or person that made the sheet, so the next file from
the same source imports without asking again. Mappings live in a JSON file in the user's
config folder.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from desktop_app import paths
from desktop_app.domain.timing import format_time
from desktop_app.files import write_text_atomically
from desktop_app.services.importers import limits
from desktop_app.services.importers.alkamel import MAX_DRIVERS, ColumnMap
from desktop_app.services.importers.errors import TimingImportError
from desktop_app.services.importers.table import Row, Table, header_key

MAPPINGS_FILE = "import_mappings.json"
FIELD_LABELS = {
    "number": "Car number",
    "class": "Class",
    "team": "Team",
    "vehicle": "Car (make and model)",
    "status": "Status",
    "laps": "Laps",
    "total_time": "Total time",
    "gap_first": "Gap to first",
    "gap_previous": "Gap to previous",
    "best_lap_time": "Best lap",
    "best_lap_number": "Best lap number",
    "drivers": "Drivers (several names in one cell)",
    **{f"driver_{n}": f"Driver {n}" for n in range(1, MAX_DRIVERS + 1)},
}
_GUESSES = {
    "number": ("NUMBER", "NO", "NO.", "#", "CAR", "CAR NO", "CAR #", "NUM", "NBR"),
    "class": ("CLASS", "CLS", "CAT", "CATEGORY"),
    "team": ("TEAM", "ENTRANT", "TEAM NAME"),
    "vehicle": ("VEHICLE", "CAR MODEL", "MAKE", "MANUFACTURER", "CHASSIS"),
    "status": ("STATUS", "STATE"),
    "laps": ("LAPS", "LAP COUNT", "TOTAL LAPS"),
    "total_time": ("TOTAL_TIME", "TOTAL TIME", "TOTAL", "RACE TIME", "ELAPSED"),
    "gap_first": ("GAP_FIRST", "GAP", "DIFF", "BEHIND", "INTERVAL TO LEADER"),
    "gap_previous": ("GAP_PREVIOUS", "INT", "INTERVAL", "GAP PREV"),
    "best_lap_time": ("BEST", "BEST LAP", "BEST TIME", "FASTEST LAP", "FL_TIME", "TIME"),
    "best_lap_number": ("BEST LAP NO", "ON LAP", "IN LAP", "FL_LAPNUM", "LAP"),
    "drivers": ("DRIVERS", "DRIVER", "NAME", "DRIVER NAME", "NAMES"),
}


def signature(headers: Sequence[str]) -> str:
    """What identifies a source: its header names, in any order and case."""
    return "|".join(sorted({header_key(header) for header in headers if header.strip()}))


def suggest_mapping(headers: Sequence[str]) -> ColumnMap:
    """A first guess for the mapping dialog from common header names."""
    by_key = {header_key(header): header for header in headers}
    columns: dict[str, str] = {}
    for field_name, guesses in _GUESSES.items():
        found = next((by_key[guess] for guess in guesses if guess in by_key), None)
        if found is not None and found not in columns.values():
            columns[field_name] = found
    drivers = columns.pop("drivers", None)
    return ColumnMap(columns, drivers_column=drivers)


def mapping_from_fields(fields: dict[str, str]) -> ColumnMap:
    """The dialog's field -> column choices as a :class:`ColumnMap` (blank = not in file)."""
    chosen = {name: header for name, header in fields.items() if header}
    drivers = tuple(
        chosen.pop(f"driver_{n}") for n in range(1, MAX_DRIVERS + 1) if f"driver_{n}" in chosen
    )
    return ColumnMap(chosen, driver_columns=drivers, drivers_column=chosen.pop("drivers", None))


def mapping_fields(mapping: ColumnMap) -> dict[str, str]:
    """The reverse of :func:`mapping_from_fields`, to prefill the dialog."""
    fields = dict(mapping.columns)
    fields.update({f"driver_{n}": h for n, h in enumerate(mapping.driver_columns, 1)})
    if mapping.drivers_column:
        fields["drivers"] = mapping.drivers_column
    return fields


def check_mapping(table: Table, mapping: ColumnMap) -> None:
    """A mapping must name the car number and only columns this file has."""
    if "number" not in mapping.columns:
        raise TimingImportError("Say which column holds the car number; RaceDesk needs it.")
    missing = [header for header in mapping.headers() if not table.has(header)]
    if missing:
        raise TimingImportError(
            f"{table.name} has no column {', '.join(missing)}; check the column mapping."
        )


def _store_path() -> Path:
    return paths.config_dir() / MAPPINGS_FILE


def _load_store() -> dict[str, Any]:
    try:
        data = json.loads(_store_path().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def remembered_mapping(headers: Sequence[str]) -> ColumnMap | None:
    """The mapping saved for this source, when there is one and it still fits."""
    saved = _load_store().get(signature(headers))
    if not isinstance(saved, dict) or not isinstance(saved.get("columns"), dict):
        return None
    return ColumnMap(
        {str(k): str(v) for k, v in saved["columns"].items()},
        driver_columns=tuple(str(h) for h in saved.get("driver_columns", ())),
        drivers_column=saved.get("drivers_column") or None,
    )


def remember_mapping(headers: Sequence[str], mapping: ColumnMap) -> None:
    """Save the mapping for this source (atomically, so a crash never leaves half a file)."""
    store = _load_store()
    store[signature(headers)] = {
        "columns": mapping.columns,
        "driver_columns": list(mapping.driver_columns),
        "drivers_column": mapping.drivers_column,
    }
    target = _store_path()
    target.parent.mkdir(parents=True, exist_ok=True)
    write_text_atomically(target, json.dumps(store, indent=2, ensure_ascii=False))


def read_xlsx(path: Path) -> Table:
    """The first sheet of a workbook as a table of text cells (header = first filled row).

    The workbook is checked for size bombs first, and its declared dimensions are not
    trusted (one cell at XFD1048576 would make every row 16,384 cells): rows are read up
    to :data:`limits.MAX_ROWS`, columns up to :data:`limits.MAX_XLSX_COLUMNS`.
    """
    from openpyxl import load_workbook

    limits.check_workbook(path)
    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many types for files that are not xlsx
        raise TimingImportError(
            f"{path.name} is not an Excel workbook RaceDesk can read."
        ) from error
    try:
        lines = _sheet_lines(path.name, workbook.worksheets[0])
    finally:
        workbook.close()
    filled = [(number, cells) for number, cells in lines if any(cells)]
    if not filled:
        raise TimingImportError(f"{path.name} is empty: its first sheet has no rows.")
    header_line, headers = filled[0]
    while headers and not headers[-1]:
        headers.pop()
    width = len(headers)
    rows = [
        Row(number, tuple((cells + [""] * width)[:width]))
        for number, cells in filled[1:]
        if number > header_line
    ]
    return Table(path.name, headers, rows)


def _sheet_lines(name: str, sheet: Any) -> list[tuple[int, list[str]]]:
    """(row number, cell texts) of each row, within the limits; trailing blanks dropped."""
    sheet.reset_dimensions()
    lines: list[tuple[int, list[str]]] = []
    rows = sheet.iter_rows(max_col=limits.MAX_XLSX_COLUMNS, values_only=True)
    for number, values in enumerate(rows, start=1):
        if number > limits.MAX_ROWS + 1:
            raise limits.too_many(name, "rows", limits.MAX_ROWS, number)
        if values.count(None) == len(values):  # the gaps of a sparse sheet, fast
            continue
        cells = [cell_text(value) for value in values]
        while cells and not cells[-1]:
            cells.pop()
        lines.append((number, cells))
    return lines


def cell_text(value: object) -> str:
    """Excel cells as the text a timing sheet would print (times as 1:47.123)."""
    if value is None:
        return ""
    if isinstance(value, dt.timedelta):
        return format_time(round(value.total_seconds() * 1000))
    if isinstance(value, dt.time):
        millis = value.microsecond // 1000
        ms = ((value.hour * 60 + value.minute) * 60 + value.second) * 1000 + millis
        return format_time(ms)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()
