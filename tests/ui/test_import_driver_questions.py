"""In the window, an official file over the demo's hand-keyed drivers asks about close
spellings (never guesses) and the article's drivers keep their tags."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QLabel, QMessageBox, QWidget
from sqlalchemy import select

from desktop_app.domain.sessions import SessionKind
from desktop_app.services.editing import Editor
from desktop_app.services.importers.report import DriverChoice, DriverQuestion
from desktop_app.storage.models import Driver
from desktop_app.ui.import_dialog import DriverMatchDialog, PlanDialog, import_files

SEBRING_RACE = (
    Path(__file__).resolve().parents[1]
    / "fixtures/timing/imsa_wtsc_2024_sebring_weekend/202403160940-race-results.csv"
)


@pytest.fixture
def parent(qtbot) -> QWidget:
    widget = QWidget()
    qtbot.addWidget(widget)
    return widget


def test_close_spellings_are_asked_and_tags_stay(
    demo_editor: Editor, parent, undo_stack, monkeypatch
) -> None:
    reports: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda *args: reports.append(args[2]))
    with demo_editor.change("Sebring") as edit:
        series = edit.ensure_series("IWSC", "IWSC")
        event = edit.create_event("Sebring")
        race = edit.create_session(event, series, SessionKind.RACE, "Race")
    asked: dict[str, str] = {}

    def answer(_parent, question: DriverQuestion) -> int:
        asked[question.name] = question.reason
        return question.candidates[0].driver_id

    monkeypatch.setattr(DriverMatchDialog, "ask", answer)
    monkeypatch.setattr(PlanDialog, "ask", lambda _parent, _plan: False)  # the plan is shown first
    assert import_files(parent, demo_editor, undo_stack, [SEBRING_RACE], event, race)
    assert asked["Anthony Mantella"] == "is spelled like a driver already saved, but not the same"
    assert "Roman De Angelis" not in asked
    assert reports and "new driver" in reports[0]
    with demo_editor.database.read() as session:
        mantell = session.scalar(select(Driver).where(Driver.last_name == "Mantell"))
        assert mantell is not None
        assert [t.name for t in mantell.tags] == ["Canadian"]
        assert [o.official_id for o in mantell.official_ids] == ["2682"]
        assert session.scalar(select(Driver).where(Driver.last_name == "Mantella")) is None


def test_the_question_says_why_it_is_asked(qtbot) -> None:
    question = DriverQuestion(
        "anthony mantella",
        "Anthony Mantella",
        "17",
        (DriverChoice(1, "Anthony Mantell", "CAN", tags=("Canadian",)),),
        "is spelled like a driver already saved, but not the same",
    )
    dialog = DriverMatchDialog(question)
    qtbot.addWidget(dialog)
    texts = [label.text() for label in dialog.findChildren(QLabel)]
    assert (
        "Anthony Mantella (car #17) is spelled like a driver already saved, but not the same. "
        "Which one is it?"
    ) in texts
    assert dialog.choices.item(0).text() == "Anthony Mantell (CAN; Canadian)"
