"""Session > Qualifying groups: set or correct the classes that qualified apart.

The text is ``GTP | LMP2 | GTD PRO, GTD`` (empty = one field). Groups found from the lap
chart are offered; a refusal (a class left out, in two groups, or groups the laps show
on track together) keeps the dialog's text and says why. One undo step.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QInputDialog, QLineEdit, QWidget

from desktop_app.services.qualifying_groups import SOURCE_REPORTER, groups_of
from desktop_app.services.undo import FieldsStep, RowRef
from desktop_app.ui.commands_grid import CommandRunner

Ask = Callable[[QWidget | None, str, str, str], tuple[str, bool]]


def _ask(parent: QWidget | None, title: str, label: str, text: str) -> tuple[str, bool]:
    return QInputDialog.getText(parent, title, label, QLineEdit.EchoMode.Normal, text)


def edit_groups(
    runner: CommandRunner, session_id: int, parent: QWidget | None = None, ask: Ask = _ask
) -> str:
    """Ask for the groups until they are accepted or the reporter cancels; the outcome."""
    found = groups_of(runner.editor.database, session_id)
    if found is None:
        return "That session no longer exists."
    text = found.text or found.detected
    hint = found.described
    while True:
        label = f"{hint}\nGroups, like GTP | LMP2 | GTD PRO, GTD (empty = one field):"
        text, accepted = ask(parent, "Qualifying groups", label, text)
        if not accepted:
            return "Qualifying groups unchanged."
        step = FieldsStep(
            RowRef("sessions", session_id),
            "set_qualifying_groups",
            {"qualifying_groups": text, "groups_source": SOURCE_REPORTER},
        )
        error = runner.run("Set qualifying groups", [step])
        if error is None:
            return f"Qualifying groups set: {text.strip() or 'one field'}."
        hint = error
