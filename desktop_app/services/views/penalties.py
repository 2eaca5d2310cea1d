"""A penalty as every reader shows it: the grid cell, the workbook, the summaries.

One frozen line per penalty, in the order the stewards gave them; the grid edits a tuple
of them, the workbook prints :attr:`PenaltyLine.bulletin`, and summary templates read
``kind``, ``label``, ``reason`` and ``post_session``.
"""

from __future__ import annotations

from dataclasses import dataclass

from desktop_app.domain import timing
from desktop_app.domain.classification import PenaltyKind


@dataclass(frozen=True)
class PenaltyLine:
    """One penalty on a row, in the order it was given."""

    kind: PenaltyKind
    amount_ms: int | None = None
    positions: int | None = None
    reason: str = ""
    post_session: bool = True

    @property
    def short(self) -> str:
        """Compact words for a grid cell: "+5.000 time", "-2 places", "DSQ"."""
        if self.kind is PenaltyKind.TIME and self.amount_ms:
            text = f"+{timing.format_time(self.amount_ms)} time"
        elif self.kind is PenaltyKind.POSITIONS and self.positions:
            text = f"-{self.positions} place{'s' if self.positions != 1 else ''}"
        elif self.kind is PenaltyKind.DSQ:
            text = "DSQ"
        else:
            text = self.kind.label
        if not self.post_session:
            text += " (in session)"
        return f"{text}: {self.reason}" if self.reason else text

    @property
    def bulletin(self) -> str:
        """As a stewards' bulletin lists it (the workbook's Penalty column):
        ``Time penalty 30.000: Pit lane speeding``."""
        text = self.kind.label
        if self.kind is PenaltyKind.TIME and self.amount_ms:
            text += f" {timing.format_time(self.amount_ms)}"
        if self.positions:
            text += f" {self.positions} {'place' if self.positions == 1 else 'places'}"
        if not self.post_session:
            text += " (in session)"
        return f"{text}: {self.reason}" if self.reason else text

    @property
    def label(self) -> str:
        """The kind in words: "Time penalty", "Drive-through"."""
        return self.kind.label
