"""Blocks of cells as text: tab-separated out (Excel pastes it cell by cell), and in.

Excel copies a block as tab-separated lines, quoting cells that hold tabs, new lines or
quotes; text copied from a PDF timing sheet separates columns with runs of spaces.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Sequence

_SPACES = re.compile(r" {2,}|\t")


def to_tsv(rows: Sequence[Sequence[str]]) -> str:
    """Cells as Excel writes them to the clipboard: tabs, new lines, quotes when needed."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerows(rows)
    return buffer.getvalue()


def parse_block(text: str) -> list[list[str]]:
    """Clipboard text -> rows of cells (tab-separated, else columns of 2+ spaces)."""
    clean = text.replace("\r\n", "\n").replace("\r", "\n")
    if clean.endswith("\n"):
        clean = clean[:-1]
    if not clean.strip():
        return []
    if "\t" in clean:
        rows = list(csv.reader(io.StringIO(clean), delimiter="\t"))
    else:
        rows = [_SPACES.split(line.strip()) for line in clean.split("\n")]
    width = max(len(row) for row in rows)
    return [[cell.strip() for cell in row] + [""] * (width - len(row)) for row in rows]
