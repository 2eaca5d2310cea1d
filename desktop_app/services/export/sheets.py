"""Sheet names Excel accepts and tables colleagues can sort and filter at once.

Excel refuses a sheet name longer than 31 characters, containing ``[]:*?/\\``, starting or
ending with an apostrophe, named ``History``, or equal (ignoring case) to another sheet's
name; a workbook with such a name does not open. ``SheetNamer`` makes every name safe and
unique while keeping it readable (``VPSCC Race 1``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from typing import Any

from openpyxl.cell.cell import Cell, WriteOnlyCell
from openpyxl.utils import get_column_letter
from openpyxl.workbook import Workbook
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from desktop_app.services.export.cells import (
    Column,
    Kind,
    header_cell,
    row_value,
    value_cell,
    width_measure,
)

MAX_SHEET_NAME = 31
_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
_RESERVED = {"history"}


def clean_sheet_name(raw: str) -> str:
    """``VPSCC LMP3/GSX: Race 1`` -> ``VPSCC LMP3-GSX- Race 1``, cut to 31 characters."""
    text = _FORBIDDEN.sub("-", raw)
    text = " ".join(text.split()).strip("'").strip()
    text = text[:MAX_SHEET_NAME].strip().strip("'").strip()
    if not text or text.casefold() in _RESERVED:
        text = f"{text} sheet".strip() if text else "Sheet"
    return text


class SheetNamer:
    """Hands out sheet names unique within one workbook, as Excel compares them (any case)."""

    def __init__(self) -> None:
        self._taken: set[str] = set()

    def name(self, raw: str) -> str:
        base = clean_sheet_name(raw)
        candidate, number = base, 1
        while candidate.casefold() in self._taken:
            number += 1
            suffix = f" ({number})"
            candidate = base[: MAX_SHEET_NAME - len(suffix)].rstrip() + suffix
        self._taken.add(candidate.casefold())
        return candidate


EVENT_PREFIX_ROOM = 12
_TRAILING_SMALL_WORDS = {"at", "the", "of", "de", "du", "la", "le", "and", "&", "-"}


def session_sheet_title(series_code: str, session_name: str, event_name: str = "") -> str:
    """``VPSCC Race 1``; in a season workbook the event's short name comes first."""
    parts = (event_prefix(event_name), series_code.strip(), session_name.strip())
    return " ".join(part for part in parts if part)


def event_prefix(event_name: str) -> str:
    """``Roar Before the 24`` -> ``Roar Before``; ``Rolex 24 at Daytona`` -> ``Rolex 24``.

    The same for every sheet of one event, so a season's tabs line up by event.
    """
    words = event_name.split()
    kept: list[str] = []
    for word in words:
        if len(" ".join([*kept, word])) > EVENT_PREFIX_ROOM:
            break
        kept.append(word)
    while len(kept) > 1 and kept[-1].casefold() in _TRAILING_SMALL_WORDS:
        kept.pop()
    return " ".join(kept) if kept else event_name.strip()[:EVENT_PREFIX_ROOM]


class _TableSheet(WriteOnlyWorksheet):
    """A write-only sheet that takes the cells it is given as they are.

    openpyxl's own row conversion first binds every value as a plain value and lets a
    ready cell fail (an exception and the cell's repr each time); durations, dates and
    highlighted rows are ready cells, about 60,000 in a season's workbook.
    """

    def _values_to_row(self, values: Sequence[Any], row_idx: int) -> Iterator[Cell]:
        plain = WriteOnlyCell(self)  # reused for plain values, as openpyxl does
        for column, value in enumerate(values, 1):
            if value is None:
                continue
            if isinstance(value, Cell):
                cell = value
            else:
                plain.value = value
                cell = plain
            cell.column, cell.row = column, row_idx
            yield cell


def new_table_sheet(book: Workbook, title: str, namer: SheetNamer) -> WriteOnlyWorksheet:
    sheet = _TableSheet(parent=book, title=namer.name(title))
    books: Any = book  # the typing stubs omit how create_sheet adds a sheet
    books._add_sheet(sheet)
    return sheet


def write_table(
    sheet: WriteOnlyWorksheet,
    columns: Sequence[Column],
    rows: Sequence[Sequence[Any]],
    highlighted: Sequence[bool] | None = None,
) -> None:
    """Header, typed rows, widths, frozen header and autofilter over exactly the data.

    In write-only mode widths and panes must be set before the first row is written, so
    the rows (one session's worth) are held until then.
    """
    _set_widths(sheet, columns, rows)
    layout: Any = sheet  # the typing stubs omit the attributes write-only sheets borrow
    sheet.freeze_panes = "A2"
    sheet.append([header_cell(sheet, column.header) for column in columns])
    kinds = [column.kind for column in columns]
    for index, values in enumerate(rows):
        focus = highlighted is not None and highlighted[index]
        sheet.append(_row_cells(sheet, kinds, values, focus))
    last = f"{get_column_letter(len(columns))}{len(rows) + 1}"
    layout.auto_filter.ref = f"A1:{last}"


def _row_cells(
    sheet: WriteOnlyWorksheet, kinds: Sequence[Kind], values: Sequence[Any], focus: bool
) -> list[Any]:
    """A highlighted row needs a styled cell even where empty, so the whole row is marked."""
    if focus:
        return [
            value_cell(sheet, kind, value, focus=True)
            for kind, value in zip(kinds, values, strict=True)
        ]
    return [row_value(sheet, kind, value) for kind, value in zip(kinds, values, strict=True)]


def _set_widths(
    sheet: WriteOnlyWorksheet, columns: Sequence[Column], rows: Sequence[Sequence[Any]]
) -> None:
    """Wide enough for the header and the longest value, within each column's limits."""
    dimensions: Any = sheet.column_dimensions  # type: ignore[attr-defined]
    for index, column in enumerate(columns):
        measure = width_measure(column.kind)
        longest = max(map(measure, [row[index] for row in rows]), default=0)
        width = min(max(len(column.header) + 3, longest + 2, column.min_width), column.max_width)
        dimensions[get_column_letter(index + 1)].width = width
