"""Typed workbook cells: numbers stay numbers, times are real durations, text is never a formula.

Colleagues sort, filter and subtract in Excel, so a lap time must be a duration (a fraction
of a day with a ``[m]:ss.000`` format), not the text "1:47.123"; a car number must stay text
so ``01`` is not turned into ``1``; and a value the reporter typed, like a team called
``=1+1``, must never become a formula that Excel would run.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable
from copy import copy
from dataclasses import dataclass
from enum import Enum
from typing import Any, NamedTuple
from weakref import WeakKeyDictionary

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell, WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.styles.cell_style import StyleArray
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from desktop_app.domain.timing import format_time

MS_PER_DAY = 86_400_000
LONG_DURATION = "[h]:mm:ss.000"
SHORT_DURATION = "[m]:ss.000"
DATETIME_FORMAT = "yyyy-mm-dd hh:mm"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

HEADER_FONT = Font(bold=True)
HEADER_FILL = PatternFill("solid", fgColor="FFDDEBF7")
FOCUS_FILL = PatternFill("solid", fgColor="FFFFF2CC")
HEADER_ALIGNMENT = Alignment(vertical="center")


class Kind(Enum):
    """How a column's values are written."""

    TEXT = "text"
    NUMBER = "number"
    LAP_TIME = "lap_time"  # [m]:ss.000
    RACE_TIME = "race_time"  # [h]:mm:ss.000
    GAP = "gap"  # ms -> duration, text (laps) -> text
    DATETIME = "datetime"


@dataclass(frozen=True)
class Column:
    """A column of a sheet: its header, how values are written, and its width limits."""

    header: str
    kind: Kind = Kind.TEXT
    min_width: int = 6
    max_width: int = 45


def duration_days(ms: int) -> float:
    """Excel stores durations as fractions of a day; 1:47.123 is 107123 / 86 400 000."""
    return ms / MS_PER_DAY


def clean_text(text: str) -> str:
    """Drop control characters that Excel refuses (they sneak in from pasted timing sheets)."""
    return ILLEGAL_CHARACTERS_RE.sub("", text)


def looks_like_formula(text: str) -> bool:
    """Spreadsheets read text starting with these characters as a formula when edited or opened."""
    return text.startswith(FORMULA_STARTS)


class _Style(NamedTuple):
    """What a cell's look is made of; one workbook style index per distinct combination."""

    number_format: str | None = None
    quote: bool = False  # literal text that starts like a formula
    focus: bool = False  # the highlighted row of a car in focus
    header: bool = False


_STYLES: WeakKeyDictionary[Any, dict[_Style, StyleArray]] = WeakKeyDictionary()


def _cell(sheet: WriteOnlyWorksheet, value: Any, style: _Style) -> Cell:
    """A cell with ``style``, worked out once per workbook and then copied.

    Setting ``cell.fill`` or ``cell.number_format`` makes openpyxl hash the style objects
    and look them up for every cell; a season has tens of thousands of such cells, all in
    a handful of styles, so each style's index array is made once and reused.
    """
    cell = WriteOnlyCell(sheet, value=value)
    if style == _PLAIN:
        return cell
    known = _STYLES.setdefault(sheet.parent, {})
    array = known.get(style)
    styled: Any = cell  # the typing stubs omit the style array every cell carries
    if array is None:
        _apply(cell, style)
        known[style] = copy(styled._style)
    else:
        styled._style = copy(array)
    return cell


_PLAIN = _Style()
_FOCUS = _Style(focus=True)


@functools.cache
def _formatted(style: _Style, number_format: str) -> _Style:
    """``style`` with a number format, made once per pair (a season has 25,000 durations)."""
    return style._replace(number_format=number_format)


@functools.cache
def _quoted(style: _Style) -> _Style:
    return style._replace(quote=True)


def _apply(cell: Cell, style: _Style) -> None:
    if style.number_format:
        cell.number_format = style.number_format
    if style.quote:
        cell.quotePrefix = True
    if style.focus:
        cell.fill = FOCUS_FILL
    if style.header:
        cell.font = HEADER_FONT
        cell.fill = HEADER_FILL
        cell.alignment = HEADER_ALIGNMENT


def text_cell(sheet: WriteOnlyWorksheet, text: str, style: _Style = _PLAIN) -> Cell:
    """A cell that is literal text whatever it starts with.

    openpyxl turns any string starting with ``=`` into a formula, so the type is forced back
    to string; ``quotePrefix`` also stops Excel from reading it as a formula when the cell
    is edited and confirmed.
    """
    if looks_like_formula(text):
        style = _quoted(style)
    cell = _cell(sheet, clean_text(text), style)
    cell.data_type = "s"
    return cell


def value_cell(sheet: WriteOnlyWorksheet, kind: Kind, value: Any, focus: bool = False) -> Cell:
    """A cell of the right type and number format for ``value`` in a ``kind`` column."""
    style = _FOCUS if focus else _PLAIN
    if value is None or value == "":
        return _cell(sheet, None, style)
    if isinstance(value, str):
        return text_cell(sheet, value, style)
    if kind is Kind.DATETIME and isinstance(value, dt.datetime):
        return _cell(sheet, value.replace(tzinfo=None), _formatted(style, DATETIME_FORMAT))
    if kind in (Kind.LAP_TIME, Kind.RACE_TIME, Kind.GAP):
        return _duration_cell(sheet, kind, int(value), style)
    return _cell(sheet, value, style)


def row_value(sheet: WriteOnlyWorksheet, kind: Kind, value: Any) -> Any:
    """What to append for an unhighlighted cell: a plain value where openpyxl writes it right.

    Plain strings and numbers skip a cell object each (a season has 100,000 cells); only
    durations, dates and formula-like text need a cell with a format or forced type.
    """
    if value is None or value == "":
        return None
    if isinstance(value, str):
        return text_cell(sheet, value) if looks_like_formula(value) else clean_text(value)
    if kind is Kind.NUMBER and isinstance(value, int):
        return value
    return value_cell(sheet, kind, value)


def _duration_cell(sheet: WriteOnlyWorksheet, kind: Kind, ms: int, style: _Style) -> Cell:
    """Excel shows ``####`` for negative durations, so a negative gap is written as text."""
    if ms < 0:
        return text_cell(sheet, f"-{format_time(-ms)}", style)
    number_format = LONG_DURATION if kind is Kind.RACE_TIME else SHORT_DURATION
    return _cell(sheet, duration_days(ms), _formatted(style, number_format))


def header_cell(sheet: WriteOnlyWorksheet, text: str) -> Cell:
    return text_cell(sheet, text, _Style(header=True))


def width_measure(kind: Kind) -> Callable[[Any], int]:
    """How many characters a value of a ``kind`` column takes on screen, about, for
    sensible column widths; the measure is chosen once per column (a season's workbook
    measures 150,000 values)."""
    fixed = _FIXED_WIDTHS.get(kind)
    if kind is Kind.DATETIME:
        return _datetime_width
    if fixed is None:
        return _text_width
    return lambda value: 0 if value is None else len(value) if isinstance(value, str) else fixed


_FIXED_WIDTHS = {Kind.LAP_TIME: 9, Kind.GAP: 9, Kind.RACE_TIME: 12}


def _text_width(value: Any) -> int:
    return 0 if value is None else len(str(value))


def _datetime_width(value: Any) -> int:
    return 0 if value is None else len(DATETIME_FORMAT)
