"""The main window: a sidebar of the pages that exist, the pages, a status bar."""
from __future__ import annotations

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QAction, QKeySequence, QUndoStack
from PySide6.QtWidgets import QHBoxLayout, QLabel, QListWidget, QMainWindow, QSizePolicy, QStackedWidget, QWidget

from .. import APP_NAME
from ..app import Services
from . import events
from .checklist.page import ChecklistPage
from .library.page import LibraryPage
from .overview.page import OverviewPage
from .settings.page import SettingsPage

SETTINGS_FILE = "giao-dien.ini"


class MainWindow(QMainWindow):
    def __init__(self, services: Services, parent=None):
        super().__init__(parent)
        self.services = services
        self.app_events = events.AppEvents(self)
        self.undo_stack = QUndoStack(self)
        self.window_settings = QSettings(str(services.data_dir / SETTINGS_FILE), QSettings.Format.IniFormat)

        self.overview_page = OverviewPage(services, self.app_events)
        self.checklist_page = ChecklistPage(services, self.app_events, self.undo_stack)
        self.library_page = LibraryPage(services, self.app_events, self.undo_stack)
        self.settings_page = SettingsPage(services, self.app_events)
        self.pages = [self.overview_page, self.checklist_page, self.library_page, self.settings_page]

        self.sidebar = QListWidget()
        self.sidebar.setFixedWidth(170)
        font = self.sidebar.font()
        font.setPointSize(font.pointSize() + 1)
        self.sidebar.setFont(font)
        self.sidebar.setSpacing(3)
        self.stack = QStackedWidget()
        for page in self.pages:
            self.sidebar.addItem(page.title)
            self.stack.addWidget(page)
        self.sidebar.currentRowChanged.connect(self.stack.setCurrentIndex)
        self.sidebar.setCurrentRow(0)

        central = QWidget()
        layout = QHBoxLayout(central)
        layout.addWidget(self.sidebar)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        self._build_actions()

        self.data_label = QLabel(f"Dữ liệu: {services.database.path}")
        self.data_label.setToolTip(str(services.database.path))
        # a long path must not widen the window
        self.data_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.statusBar().addWidget(self.data_label, 1)
        self.app_events.changed.connect(self._on_changed)
        self._update_title()
        self.resize(1200, 760)
        geometry = self.window_settings.value("main_window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)

    def _build_actions(self) -> None:
        edit_menu = self.menuBar().addMenu("&Sửa")
        undo = self.undo_stack.createUndoAction(self, "Hoàn tác")
        undo.setShortcut(QKeySequence.StandardKey.Undo)
        redo = self.undo_stack.createRedoAction(self, "Làm lại")
        redo.setShortcut(QKeySequence.StandardKey.Redo)
        edit_menu.addAction(undo)
        edit_menu.addAction(redo)
        self.undo_action, self.redo_action = undo, redo
        go_menu = self.menuBar().addMenu("&Trang")
        for number, page in enumerate(self.pages):
            action = QAction(page.title, self)
            action.setShortcut(QKeySequence(f"Ctrl+{number + 1}"))
            action.triggered.connect(lambda _=False, row=number: self.sidebar.setCurrentRow(row))
            go_menu.addAction(action)
        self.addActions([undo, redo])

    def show_page(self, page: QWidget) -> None:
        self.sidebar.setCurrentRow(self.pages.index(page))

    def _on_changed(self, kind: str) -> None:
        if kind == events.CHECKLIST:
            self.statusBar().showMessage("Đã lưu.", 3000)
        if kind == events.PROFILE:
            self._update_title()
        if kind == events.PLANS:
            self.undo_stack.clear()  # undo steps belong to the plan they were made in

    def _update_title(self) -> None:
        self.setWindowTitle(f"{APP_NAME} – {self.services.settings.profile().cell_name}")

    def closeEvent(self, event) -> None:
        self.checklist_page.flush()
        self.window_settings.setValue("main_window/geometry", self.saveGeometry())
        self.window_settings.sync()
        super().closeEvent(event)
