"""The main window: menus, docks and wiring; the editors live in their own modules."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QMainWindow

from desktop_app.services.editing import Editor


class MainWindow(QMainWindow):
    def __init__(self, editor: Editor) -> None:
        super().__init__()
        self.editor = editor
        self.setWindowTitle(f"RaceDesk - {editor.database.path.name}")
        self.setCentralWidget(QLabel("RaceDesk"))
        self.resize(1280, 800)
