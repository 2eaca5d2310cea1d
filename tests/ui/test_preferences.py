"""Edit > Preferences: what the reporter types is saved and read back everywhere."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from desktop_app.services.settings import Settings, load_settings, save_settings
from desktop_app.ui.dialogs.preferences import PreferencesDialog


def when_dialog_opens(action) -> None:
    """Run ``action(dialog)`` once the modal dialog is showing."""

    def poll() -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, PreferencesDialog):
            action(dialog)
        else:
            QTimer.singleShot(10, poll)

    QTimer.singleShot(0, poll)


def test_dialog_shows_the_saved_preferences(qtbot) -> None:
    dialog = PreferencesDialog(Settings(author="Jane Doe", focus_tag="Quebec", backups_keep=4))
    qtbot.addWidget(dialog)
    assert dialog.author.text() == "Jane Doe"
    assert dialog.focus_tag.text() == "Quebec"
    assert dialog.backups_keep.value() == 4


@pytest.mark.qt_log_ignore("propagateSizeHints")  # offscreen platform, modal exec()
def test_ok_saves_what_was_typed_and_keeps_the_rest(qtbot) -> None:
    save_settings(Settings(recent_databases=["/data/2024.sqlite3"]))

    def fill_in(dialog: PreferencesDialog) -> None:
        qtbot.keyClicks(dialog.author, "Jane Doe")
        dialog.focus_tag.selectAll()
        qtbot.keyClicks(dialog.focus_tag, "Quebec")
        dialog.backups_keep.selectAll()
        qtbot.keyClicks(dialog.backups_keep, "25")
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()

    when_dialog_opens(fill_in)
    chosen = PreferencesDialog.ask()

    expected = Settings("Jane Doe", "Quebec", 25, ["/data/2024.sqlite3"])
    assert chosen == expected
    assert load_settings() == expected


@pytest.mark.qt_log_ignore("propagateSizeHints")
def test_cancel_saves_nothing(qtbot) -> None:
    save_settings(Settings(author="Jane Doe", backups_keep=7))

    def change_then_cancel(dialog: PreferencesDialog) -> None:
        dialog.author.clear()
        dialog.backups_keep.setValue(1)
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)

    when_dialog_opens(change_then_cancel)
    assert PreferencesDialog.ask() is None
    assert load_settings() == Settings(author="Jane Doe", backups_keep=7)


def test_backups_to_keep_stays_within_sensible_limits(qtbot) -> None:
    dialog = PreferencesDialog(Settings(backups_keep=0))
    qtbot.addWidget(dialog)
    assert dialog.backups_keep.value() == 1
    dialog.backups_keep.selectAll()
    qtbot.keyClicks(dialog.backups_keep, "5000")
    assert dialog.settings().backups_keep <= 100


def test_a_blank_focus_tag_falls_back_to_the_default(qtbot) -> None:
    dialog = PreferencesDialog(Settings(focus_tag="Quebec"))
    qtbot.addWidget(dialog)
    dialog.focus_tag.clear()
    assert dialog.settings().focus_tag == "country:CAN, tag:Canadian"


@pytest.mark.qt_log_ignore("propagateSizeHints")  # offscreen platform, shown dialog
def test_a_focus_rule_that_cannot_be_read_is_refused_in_place(qtbot) -> None:
    dialog = PreferencesDialog(Settings())
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.focus_tag.setText("country:XYZ")
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert dialog.isVisible()
    assert dialog.focus_error.text() == (
        '"XYZ" is not an ISO country code: use three letters such as CAN or USA.'
    )
    dialog.focus_tag.setText("country:CAN, hometown:*, QC")
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert not dialog.isVisible()
    assert dialog.settings().focus_tag == "country:CAN, hometown:*, QC"


def test_position_style_is_chosen_and_kept(qtbot) -> None:
    dialog = PreferencesDialog(Settings(position_style="ordinal"))
    qtbot.addWidget(dialog)
    assert dialog.position_style.currentData() == "ordinal"
    dialog.position_style.setCurrentIndex(dialog.position_style.findData("P"))
    assert dialog.settings().position_style == "P"
