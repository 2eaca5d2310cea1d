"""Blocks of cells on the clipboard: what Excel and PDF viewers copy, and what Excel pastes.

Excel copies tab-separated lines (quoting a cell that holds a tab, a newline or a quote);
a PDF viewer copies a results table as text where columns are runs of two or more
spaces. Both become rows of cells here so the grid can paste them cell by cell.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

_SPACE_RUN = re.compile(r" {2,}|\t")
_NEEDS_QUOTES = re.compile(r'[\t\n\r"]')


def split_block(text: str) -> list[list[str]]:
    """Rows of cells from pasted text; blank lines at the ends are dropped.

    Any tab means the block came from a spreadsheet (cells may be empty and are kept);
    otherwise runs of 2+ spaces separate the columns of a PDF table.
    """
    body = text.replace("\r\n", "\n").replace("\r", "\n").strip("\n")
    if not body.strip():
        return []
    if "\t" in body:
        return _split_tabbed(body)
    return [_split_spaced(line) for line in body.split("\n") if line.strip()]


def _split_spaced(line: str) -> list[str]:
    """PDF text: columns are runs of spaces; single spaces belong inside a cell."""
    return [cell.strip() for cell in _SPACE_RUN.split(line.strip())]


def _split_tabbed(body: str) -> list[list[str]]:
    """Excel's tab-separated text, where "..." may wrap a cell with tabs or newlines."""
    rows: list[list[str]] = [[]]
    cell: list[str] = []
    quoted = False
    index = 0
    while index < len(body):
        char = body[index]
        if quoted:
            if char == '"' and body[index + 1 : index + 2] == '"':
                cell.append('"')
                index += 1
            elif char == '"':
                quoted = False
            else:
                cell.append(char)
        elif char == '"' and not cell:
            quoted = True
        elif char == "\t":
            rows[-1].append("".join(cell).strip())
            cell = []
        elif char == "\n":
            rows[-1].append("".join(cell).strip())
            rows.append([])
            cell = []
        else:
            cell.append(char)
        index += 1
    rows[-1].append("".join(cell).strip())
    return [row for row in rows if any(row)]


def _quoted(cell: str) -> str:
    """Quote as Excel does, only when the cell would otherwise split."""
    if _NEEDS_QUOTES.search(cell):
        return '"' + cell.replace('"', '""') + '"'
    return cell


def join_rows(rows: Sequence[Sequence[str]]) -> str:
    """Tab-separated text that Excel (and LibreOffice) paste cell by cell."""
    return "\n".join("\t".join(_quoted(cell) for cell in row) for row in rows)
