"""The summary panel: live preview after edits, Copy with text and HTML, template editor."""

from __future__ import annotations

import pytest
import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from desktop_app import paths
from desktop_app.domain.classification import Status
from desktop_app.services.editing import Editor
from desktop_app.storage import repository as repo
from desktop_app.ui.dialogs.template_editor import TemplateEditorDialog
from desktop_app.ui.summary_panel import NOTHING_CHOSEN, SummaryPanel

RACE_1 = (
    "Race 1 in the VP Racing SportsCar Challenge saw Marco Kacic finishing P4 in LMP3, "
    "George Staikos was P8 in LMP3, while Jesse Lazare finished P13 in GSX."
)


@pytest.fixture
def race1(demo_editor: Editor, roar_id: int) -> int:
    with demo_editor.database.read() as session:
        return repo.find_sessions(session, roar_id, "VPSCC Race 1")[0].id


@pytest.fixture
def panel(qtbot, demo_editor: Editor, roar_id: int, race1: int) -> SummaryPanel:
    widget = SummaryPanel(demo_editor)
    qtbot.addWidget(widget)
    widget.preset_combo.setCurrentIndex(widget.preset_combo.findData("race"))
    with qtbot.waitSignal(widget.rendered, timeout=2000):
        widget.show_selection(roar_id, race1)
    return widget


def _clipboard_has_html() -> bool:
    mime = QApplication.clipboard().mimeData()
    return mime is not None and mime.hasHtml()


def _result_of(editor: Editor, session_id: int, last_name: str) -> int:
    with editor.database.read() as session:
        rows = repo.session_results(session, session_id)
        return next(r.id for r in rows if r.entry.drivers[0].last_name == last_name)


def test_nothing_selected_shows_a_hint(qtbot, demo_editor: Editor) -> None:
    widget = SummaryPanel(demo_editor)
    qtbot.addWidget(widget)
    assert widget.preview.toPlainText() == NOTHING_CHOSEN
    assert not widget.copy_button.isEnabled()


def test_preview_shows_the_race_sentence(panel: SummaryPanel) -> None:
    assert panel.preview.toPlainText() == RACE_1
    assert panel.error_label.isHidden()


def test_a_selection_is_summarised_after_the_grid_had_its_turn(
    qtbot, demo_editor: Editor, roar_id: int, race1: int
) -> None:
    widget = SummaryPanel(demo_editor)
    qtbot.addWidget(widget)
    widget.preset_combo.setCurrentIndex(widget.preset_combo.findData("race"))
    widget.show_selection(roar_id, race1)
    assert widget.preview.toPlainText() == NOTHING_CHOSEN  # not yet: the grid paints first
    widget.copy()  # Copy renders the selection itself, whatever the preview shows yet
    assert QApplication.clipboard().text() == RACE_1
    qtbot.waitUntil(lambda: widget.preview.toPlainText() == RACE_1, timeout=2000)


def test_preview_follows_an_edit_through_the_editor(
    qtbot, panel: SummaryPanel, demo_editor: Editor, race1: int
) -> None:
    lazare = _result_of(demo_editor, race1, "Lazare")
    with qtbot.waitSignal(panel.rendered, timeout=2000):
        with demo_editor.change("Lazare retired") as edit:
            edit.update_result(lazare, status=Status.DNF, class_position=None)
    assert panel.preview.toPlainText() == (
        "Race 1 in the VP Racing SportsCar Challenge saw Marco Kacic finishing P4 in LMP3, "
        "George Staikos was P8 in LMP3, while Jesse Lazare retired in GSX."
    )


def test_tag_and_format_change_the_preview(qtbot, panel: SummaryPanel) -> None:
    panel.tag_edit.clear()
    qtbot.keyClicks(panel.tag_edit, "Nobody")
    empty = "No car in VPSCC Race 1 has a driver in focus (tag:Nobody)."
    qtbot.waitUntil(lambda: panel.preview.toPlainText() == empty, timeout=2000)
    assert not panel.copy_button.isEnabled()
    panel.tag_edit.setText("Canadian")
    panel.refresh()
    panel.format_combo.setCurrentIndex(panel.format_combo.findData("markdown"))
    assert panel.preview.toPlainText() == RACE_1


@pytest.mark.qt_log_ignore("propagateSizeHints")  # offscreen platform, shown window
def test_copy_shortcut_puts_plain_text_and_html_on_the_clipboard(
    qtbot, panel: SummaryPanel
) -> None:
    QApplication.clipboard().clear()
    panel.show()
    qtbot.waitExposed(panel)
    panel.windowHandle().requestActivate()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is panel)
    panel.preview.setFocus()
    keys = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(panel.preview, Qt.Key.Key_C, keys)
    qtbot.waitUntil(_clipboard_has_html, timeout=2000)
    mime = QApplication.clipboard().mimeData()
    assert mime.text() == RACE_1
    assert mime.html() == f"<p>{RACE_1}</p>"


def test_copy_with_html_chosen_still_gives_plain_text(panel: SummaryPanel) -> None:
    panel.format_combo.setCurrentIndex(panel.format_combo.findData("html"))
    panel.copy_button.click()
    mime = QApplication.clipboard().mimeData()
    assert (mime.text(), mime.html()) == (RACE_1, f"<p>{RACE_1}</p>")
    assert panel.copy_button.text() == "Copied"


def test_edit_template_copies_the_preset_and_selects_the_saved_copy(
    panel: SummaryPanel, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen = {}

    def fake_edit(parent, name, source, preview):
        seen["name"] = name
        seen["preview"] = preview(source.replace("}} saw", "}} brought")).text
        dialog = TemplateEditorDialog(name, "Canadians: {{ session.results | length }}", preview)
        dialog.save()
        return dialog.saved_name

    monkeypatch.setattr(TemplateEditorDialog, "edit", staticmethod(fake_edit))
    panel.edit_button.click()
    assert seen["name"] == "race copy"
    assert seen["preview"].startswith("Race 1 in the VP Racing SportsCar Challenge brought")
    assert (paths.user_templates_dir() / "race copy.j2").is_file()
    assert panel.preset_name() == "race copy"
    assert panel.preset_combo.currentText() == "race copy (yours)"
    assert panel.preview.toPlainText() == "Canadians: 3"


def test_template_editor_live_preview_and_errors_with_their_line(
    qtbot, panel: SummaryPanel
) -> None:
    dialog = TemplateEditorDialog(
        "mine", "{{ session.name }}", lambda text: panel.render_summary(panel.output_format(), text)
    )
    qtbot.addWidget(dialog)
    assert dialog.preview.toPlainText() == "Race 1"
    dialog.source_edit.setPlainText("ok\n{{ session.name }}\n{{ ''.__class__.__mro__ }}")
    qtbot.waitUntil(lambda: dialog.error_label.text() != "", timeout=2000)
    assert dialog.error_label.text().startswith(
        "Line 3: Refused: summary templates cannot reach Python internals or files"
    )
    assert dialog.preview.toPlainText() == "Race 1"  # the last good preview stays
    assert len(dialog.source_edit.extraSelections()) == 1
    assert dialog.source_edit.extraSelections()[0].cursor.blockNumber() == 2
    dialog.source_edit.setPlainText("{{ session.name | upper }}")
    qtbot.waitUntil(lambda: dialog.preview.toPlainText() == "RACE 1", timeout=2000)
    assert dialog.error_label.isHidden() and dialog.source_edit.extraSelections() == []


def test_template_editor_refuses_a_preset_name_and_stays_open(qtbot, panel: SummaryPanel) -> None:
    dialog = TemplateEditorDialog(
        "race", "x", lambda text: panel.render_summary(panel.output_format(), text)
    )
    qtbot.addWidget(dialog)
    dialog.save()
    assert dialog.saved_name is None
    assert (
        dialog.error_label.text() == '"race" is the name of a preset; give your copy another name.'
    )
    assert not (paths.user_templates_dir() / "race.j2").exists()


def test_an_edit_after_the_panel_is_closed_does_not_fail(
    qtbot, demo_editor: Editor, roar_id: int, race1: int
) -> None:
    widget = SummaryPanel(demo_editor)
    widget.show_selection(roar_id, race1)
    widget.deleteLater()
    qtbot.waitUntil(lambda: not shiboken6.isValid(widget), timeout=2000)
    lazare = _result_of(demo_editor, race1, "Lazare")
    with demo_editor.change("Edit after close") as edit:
        edit.update_result(lazare, note="late")
    with demo_editor.database.read() as session:  # the closed panel did not stop the save
        assert [r.note for r in repo.session_results(session, race1) if r.id == lazare] == ["late"]


def test_focus_rules_and_their_refusal_in_the_box(qtbot, panel: SummaryPanel) -> None:
    panel.focus_edit.clear()
    qtbot.keyClicks(panel.focus_edit, "hometown:*, QC")
    qtbot.waitUntil(lambda: "Kacic" not in panel.preview.toPlainText(), timeout=2000)
    assert panel.preview.toPlainText() == (
        "Race 1 in the VP Racing SportsCar Challenge saw Jesse Lazare finishing P13 in GSX."
    )
    panel.focus_edit.setText("nation:CAN")
    panel.refresh()
    assert panel.error_label.text() == (
        'The focus cannot be read: "nation:CAN" is not a focus term: use country:, '
        'hometown: or tag: (for example "country:CAN, tag:Canadian").'
    )
    assert not panel.copy_button.isEnabled()


def test_the_preset_follows_the_session_until_one_is_picked(
    qtbot, demo_editor: Editor, roar_id: int, race1: int
) -> None:
    widget = SummaryPanel(demo_editor)
    qtbot.addWidget(widget)
    assert widget.preset_name() == "auto"
    with qtbot.waitSignal(widget.rendered, timeout=2000):
        widget.show_selection(roar_id, race1)
    assert widget.preview.toPlainText() == RACE_1
    widget.preset_combo.setCurrentIndex(widget.preset_combo.findData("broadcast"))
    assert widget.preview.toPlainText().startswith("2024 Roar Before the 24 Broadcast Schedule")


def test_a_runaway_template_renders_off_the_ui_thread_and_keeps_the_typed_text(
    qtbot, panel: SummaryPanel, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The preview of typed text runs in a worker thread: typing goes on while a template
    that hits the time limit is rendered, and the limit's sentence then names its line."""
    import threading

    from desktop_app.services.summaries import guard

    monkeypatch.setattr(guard, "MAX_SECONDS", 1.0)
    threads: list[bool] = []
    render = panel.preview_for(panel.output_format())

    def spy(text: str):
        threads.append(threading.current_thread() is threading.main_thread())
        return render(text)

    dialog = TemplateEditorDialog("mine", "{{ session.name }}", spy)
    qtbot.addWidget(dialog)
    runaway = "ok\n{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}"
    dialog.source_edit.setPlainText(runaway)
    dialog.render_in_background()
    dialog.source_edit.appendPlainText("typed while it runs")  # the editor is not frozen
    assert dialog.error_label.text() == ""  # the render has not come back yet
    qtbot.waitUntil(lambda: dialog.error_label.text() != "", timeout=5000)
    assert threads[0] and not any(threads[1:])  # the first preview here, typed text in a worker
    assert dialog.source_edit.toPlainText() == runaway + "\ntyped while it runs"
    assert dialog.error_label.text().startswith("Line 2: Refused: the template was still running")
    assert dialog.preview.toPlainText() == "Race 1"  # the last good preview stays
