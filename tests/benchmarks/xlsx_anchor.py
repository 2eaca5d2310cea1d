"""The export benchmark's anchor: openpyxl write-only writing the same cells and formats.

``read_sheets`` takes a workbook RaceDesk wrote and keeps, per sheet, every cell's value,
number format, bold font and fill, the column widths, the frozen pane and the filter.
``write_anchor`` writes exactly that with openpyxl's write-only mode the plain way its
documentation shows (a ``WriteOnlyCell`` with its format for each formatted cell, bare
values elsewhere), so the export is compared with the least any openpyxl writer pays for
the same file. ``python -m tests.benchmarks.xlsx_anchor CELLS.pickle OUT.xlsx`` does it
in a process of its own, for the whole-process comparison.
"""

from __future__ import annotations

import datetime as dt
import pickle
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from openpyxl import Workbook, load_workbook
from openpyxl.cell.cell import WriteOnlyCell
from openpyxl.styles import Font, PatternFill

Format = tuple[str, bool, str | None]  # number format, bold, fill colour


@dataclass
class SheetData:
    title: str
    widths: dict[str, float] = field(default_factory=dict)
    freeze: str | None = None
    filter_ref: str | None = None
    rows: list[list[tuple[Any, Format | None]]] = field(default_factory=list)


def read_sheets(path: Path) -> list[SheetData]:
    """Every cell RaceDesk wrote, with the formatting that makes it what it is."""
    book = load_workbook(path)
    sheets = []
    for sheet in book.worksheets:
        data = SheetData(sheet.title, freeze=sheet.freeze_panes, filter_ref=sheet.auto_filter.ref)
        data.widths = {k: d.width for k, d in sheet.column_dimensions.items() if d.width}
        data.rows = [
            [(_value(cell.value), _format(cell)) for cell in row] for row in sheet.iter_rows()
        ]
        sheets.append(data)
    book.close()
    return sheets


def _value(value: Any) -> Any:
    """A duration as RaceDesk writes it: the fraction of a day, not a ``timedelta``."""
    return value / dt.timedelta(days=1) if isinstance(value, dt.timedelta) else value


def _format(cell: Any) -> Format | None:
    fill = cell.fill.fgColor.rgb if cell.fill is not None and cell.fill.fill_type else None
    bold = bool(cell.font is not None and cell.font.b)
    if cell.number_format == "General" and not bold and fill is None and cell.data_type != "s":
        return None
    if cell.number_format == "General" and not bold and fill is None:
        return ("@", False, None) if _formula_like(cell.value) else None
    return cell.number_format, bold, fill


def _formula_like(value: Any) -> bool:
    return isinstance(value, str) and value.startswith(("=", "+", "-", "@"))


def write_anchor(sheets: list[SheetData], target: Path) -> None:
    book = Workbook(write_only=True)
    fills: dict[str, PatternFill] = {}
    bold = Font(bold=True)
    for data in sheets:
        sheet: Any = book.create_sheet(data.title)
        for letter, width in data.widths.items():
            sheet.column_dimensions[letter].width = width
        sheet.freeze_panes = data.freeze
        for row in data.rows:
            sheet.append([_cell(sheet, value, fmt, fills, bold) for value, fmt in row])
        if data.filter_ref:
            sheet.auto_filter.ref = data.filter_ref
    book.save(target)


def _cell(
    sheet: Any, value: Any, fmt: Format | None, fills: dict[str, PatternFill], bold: Font
) -> Any:
    if fmt is None:
        return value
    cell = WriteOnlyCell(sheet, value=value)
    number_format, is_bold, colour = fmt
    if number_format == "@":
        cell.data_type = "s"
    elif number_format != "General":
        cell.number_format = number_format
    if is_bold:
        cell.font = bold
    if colour is not None:
        cell.fill = fills.setdefault(colour, PatternFill("solid", fgColor=colour))
    return cell


def save_sheets(sheets: list[SheetData], path: Path) -> None:
    """Plain dicts: the class is pickled under whatever name pytest imported it by."""
    path.write_bytes(pickle.dumps([vars(data) for data in sheets]))


def load_sheets(path: Path) -> list[SheetData]:
    return [SheetData(**fields) for fields in pickle.loads(path.read_bytes())]


if __name__ == "__main__":
    write_anchor(load_sheets(Path(sys.argv[1])), Path(sys.argv[2]))
