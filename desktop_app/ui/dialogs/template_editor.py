"""Edit a copy of a summary preset with a live preview, then save it as your template.

A mistake in the template is shown under the editor with its line (and that line is
highlighted); it never closes the dialog or loses what was typed. While typing, the
preview renders in a worker thread (a template that runs into the render limits takes up
to two seconds), so the editor never freezes; only the newest text's result is shown.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QColor, QFontDatabase, QTextCursor, QTextFormat
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSplitter,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from desktop_app.services.errors import EditError
from desktop_app.services.summaries import RenderResult, save_user_template
from desktop_app.services.summaries.filters import FILTERS

Preview = Callable[[str], RenderResult]
ERROR_LINE_COLOUR = QColor("#ffe0e0")


class TemplateEditorDialog(QDialog):
    PREVIEW_DELAY_MS = 250
    preview_ready = Signal(int, object)  # (request number, RenderResult), from the worker

    def __init__(self, name: str, source: str, preview: Preview, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Edit summary template")
        self.resize(1000, 640)
        self._preview_source = preview
        self.saved_name: str | None = None
        self.name_edit = QLineEdit(name)
        self.source_edit = QPlainTextEdit(source)
        self.source_edit.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.source_edit.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.preview = QTextEdit(readOnly=True)
        self.error_label = QLabel(wordWrap=True)
        self.error_label.setStyleSheet("color: #b00020;")
        self.error_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.help_label = QLabel(_help_text(), wordWrap=True)
        self.help_label.setStyleSheet("color: palette(mid);")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self._lay_out()
        self._timer = QTimer(self, singleShot=True, interval=self.PREVIEW_DELAY_MS)
        self._timer.timeout.connect(self.render_in_background)
        self._request = 0
        self.preview_ready.connect(self._preview_arrived)
        self.source_edit.textChanged.connect(self._timer.start)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        self.update_preview()

    @classmethod
    def edit(cls, parent: QWidget | None, name: str, source: str, preview: Preview) -> str | None:
        """Show the dialog; the name the template was saved under, or None."""
        dialog = cls(name, source, preview, parent)
        dialog.exec()
        return dialog.saved_name

    def _lay_out(self) -> None:
        form = QFormLayout()
        form.addRow("Save as:", self.name_edit)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.source_edit)
        splitter.addWidget(self.preview)
        splitter.setSizes([520, 480])
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.help_label)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)

    def render_in_background(self) -> None:
        """Render what is typed now in a worker thread; the result arrives as a signal."""
        self._timer.stop()
        self._request += 1
        request, text, render = self._request, self.source_edit.toPlainText(), self._preview_source

        def work() -> None:
            result = render(text)
            with contextlib.suppress(RuntimeError):  # the dialog was closed meanwhile
                self.preview_ready.emit(request, result)

        threading.Thread(target=work, name="template-preview", daemon=True).start()

    def _preview_arrived(self, request: int, result: RenderResult) -> None:
        if request == self._request:  # an older text's result is of no use
            self._show(result)

    def update_preview(self) -> RenderResult:
        """Render what is typed now, here (the first preview, and tests)."""
        self._timer.stop()
        self._request += 1
        result = self._preview_source(self.source_edit.toPlainText())
        self._show(result)
        return result

    def _show(self, result: RenderResult) -> None:
        """Show the text, or the error and its line (the last good text stays)."""
        if result.ok:
            self.preview.setPlainText(result.text)
        self.error_label.setText(result.error)
        self.error_label.setVisible(bool(result.error))
        self._mark_line(result.line if not result.ok else None)

    def _mark_line(self, line: int | None) -> None:
        if line is None:
            self.source_edit.setExtraSelections([])
            return
        block = self.source_edit.document().findBlockByLineNumber(line - 1)
        selection = QTextEdit.ExtraSelection()
        selection.format.setBackground(ERROR_LINE_COLOUR)
        selection.format.setProperty(QTextFormat.Property.FullWidthSelection, True)
        selection.cursor = QTextCursor(block)
        self.source_edit.setExtraSelections([selection])

    def save(self) -> None:
        """Save under the typed name; a bad name is explained and the dialog stays open."""
        try:
            save_user_template(self.name_edit.text(), self.source_edit.toPlainText())
        except (EditError, OSError) as error:
            self.error_label.setText(str(error))
            self.error_label.show()
            return
        self.saved_name = self.name_edit.text().strip()
        self.accept()


def _help_text() -> str:
    """What a template can use, so the reporter need not read the code."""
    filters = ", ".join(sorted([*FILTERS, "heading"]))
    return (
        "Jinja2 template. Names: event, session (None for the whole event), sessions, "
        "entries, entry_groups, broadcasts, tag, format. "
        f"Filters: {filters}. A blank line starts a new paragraph."
    )
