"""The main window: a sidebar of the pages that exist, the pages, a status bar."""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QAction, QKeySequence, QUndoStack
from PySide6.QtWidgets import QHBoxLayout, QLabel, QListWidget, QMainWindow, QSizePolicy, QStackedWidget, QWidget

from .. import APP_NAME
from ..storage.location import DATABASE_FILENAME
from . import events

if TYPE_CHECKING:
    from ..app import Services
    from ..storage.first_look import FirstLook

SETTINGS_FILE = "giao-dien.ini"
# 1280×720 at 125% leaves 1024×576, less the taskbar and the title bar
MINIMUM_SIZE = (960, 480)
# Sidebar order. Each page is built the first time it is shown, so start-up pays for one page.
PAGE_TITLES = {"overview": "Tổng quan", "checklist": "Kế hoạch", "activities": "Nhật ký hoạt động",
               "meetings": "Sinh hoạt chi bộ", "reports": "Báo cáo", "rollup": "Tổng hợp", "library": "Thư viện",
               "settings": "Cài đặt"}
# shown only in roll-up mode (Cài đặt → Chế độ làm việc), for the đảng ủy that gathers its cells' reports
ROLLUP_PAGE = "rollup"


class MainWindow(QMainWindow):
    def __init__(self, services: Services | None = None, parent=None, *, data_dir: Path | None = None,
                 first_look: FirstLook | None = None, on_server: bool = False):
        """With services, the whole window. Without (start-up, before the data file is checked and
        opened), Tổng quan shows the first look and every page and action that could write waits
        for attach(): nothing is written before the file's checks have passed."""
        super().__init__(parent)
        self.services = services
        self.first_look = first_look
        self.data_dir = Path(services.data_dir if services is not None else data_dir)
        self.app_events = events.AppEvents(self)
        self.undo_stack = QUndoStack(self)
        self.window_settings = QSettings(str(self.data_dir / SETTINGS_FILE), QSettings.Format.IniFormat)
        self.waiting_actions: list[QAction] = []  # enabled by attach()
        self._pending_row: int | None = None

        self.restore_request: str | None = None  # set when the user asked to restore a backup
        self.page_keys = list(PAGE_TITLES)
        self._built: dict[str, QWidget] = {}

        self.sidebar = QListWidget()
        font = self.sidebar.font()
        font.setPointSize(font.pointSize() + 1)
        self.sidebar.setFont(font)
        self.sidebar.setSpacing(3)
        self.stack = QStackedWidget()
        for key in self.page_keys:
            self.sidebar.addItem(PAGE_TITLES[key])
            self.stack.addWidget(QWidget())  # replaced by the page when it is first shown
        # as wide as the longest title: every pixel counts on a 1024-pixel-wide window (1280×720 at 125%)
        metrics = self.sidebar.fontMetrics()
        self.sidebar.setFixedWidth(max(metrics.horizontalAdvance(title) for title in PAGE_TITLES.values()) + 34)
        self.sidebar.currentRowChanged.connect(self._show_row)
        self.sidebar.setCurrentRow(0)
        if services is None and first_look is not None:
            self.overview_page.show_first_look(first_look)

        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(6, 6, 6, 0)  # narrow margins: the pages need the width on a small screen
        layout.addWidget(self.sidebar)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        self._build_actions()

        location = (services.database.location if services is not None
                    else "máy chủ PostgreSQL" if on_server else str(self.data_dir / DATABASE_FILENAME))
        self.data_label = QLabel(f"Dữ liệu: {location}" if services is not None else f"Đang mở dữ liệu: {location}…")
        self.data_label.setToolTip(location)
        # a long path must not widen the window
        self.data_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.statusBar().addWidget(self.data_label, 1)
        self.app_events.changed.connect(self._on_changed)
        if services is not None:
            self._make_working_parts()
        else:
            self._enable_data_parts(False)
        self._update_title()
        self.show_rollup_page(services is not None and services.rollup.is_enabled())
        from .screen import fit_to_screen, keep_on_screen

        self.setMinimumSize(MINIMUM_SIZE[0], MINIMUM_SIZE[1])
        fit_to_screen(self, 1400, 860)  # as much of the screen as it has, status bar included
        geometry = self.window_settings.value("main_window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
            keep_on_screen(self)  # saved on a larger monitor, or before the screen changed

    def _build_actions(self) -> None:
        file_menu = self.menuBar().addMenu("&Tệp")
        from .plans.intake_labels import IMPORT_LABEL

        self.intake = None  # made by attach(): it loads the import machinery
        for label, handler in ((IMPORT_LABEL, lambda: self.intake.ask_import()),
                               ("Soạn kế hoạch mới…", lambda: self.intake.new_plan()),
                               ("Sửa kế hoạch đang dùng…", lambda: self.settings_page._edit_plan()),
                               ("Xuất kế hoạch ra tệp…", lambda: self.settings_page._ask_export_plan()),
                               (None, None),
                               ("Sao lưu ra tệp…", lambda: self.settings_page._ask_backup()),
                               ("Khôi phục từ bản sao lưu…", lambda: self.settings_page._ask_restore())):
            if label is None:
                file_menu.addSeparator()
                continue
            action = QAction(label, self)
            action.triggered.connect(handler)
            file_menu.addAction(action)
            self.waiting_actions.append(action)
            if label == IMPORT_LABEL:
                self.import_action = action  # Tổng quan offers it when nothing current is loaded
        file_menu.addSeparator()
        quit_action = QAction("Thoát", self)
        quit_action.setShortcut(QKeySequence("Ctrl+Q"))
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)
        edit_menu = self.menuBar().addMenu("&Sửa")
        undo = self.undo_stack.createUndoAction(self, "Hoàn tác")
        undo.setShortcut(QKeySequence.StandardKey.Undo)
        redo = self.undo_stack.createRedoAction(self, "Làm lại")
        redo.setShortcut(QKeySequence.StandardKey.Redo)
        edit_menu.addAction(undo)
        edit_menu.addAction(redo)
        self.undo_action, self.redo_action = undo, redo
        go_menu = self.menuBar().addMenu("T&rang")  # Alt+T belongs to Tệp
        self.page_actions: dict[str, QAction] = {}
        for number, key in enumerate(self.page_keys):
            action = QAction(PAGE_TITLES[key], self)
            action.setShortcut(QKeySequence(f"Ctrl+{number + 1}"))
            action.triggered.connect(lambda _=False, row=number: self.sidebar.setCurrentRow(row))
            go_menu.addAction(action)
            self.page_actions[key] = action
            if number and key != ROLLUP_PAGE:  # that one is shown (and so enabled) by show_rollup_page
                self.waiting_actions.append(action)
        go_menu.addSeparator()
        self.reload_action = QAction("Tải lại dữ liệu", self)
        self.reload_action.setShortcut(QKeySequence("F5"))
        self.reload_action.setToolTip("Đọc lại dữ liệu, kể cả những gì người khác vừa lưu")
        self.reload_action.triggered.connect(self.reload_data)
        go_menu.addAction(self.reload_action)
        self.waiting_actions.append(self.reload_action)
        self.addActions([undo, redo, quit_action, self.reload_action])
        help_menu = self.menuBar().addMenu("Trợ giú&p")
        guide = QAction("Hướng dẫn sử dụng", self)
        guide.setShortcut(QKeySequence(QKeySequence.StandardKey.HelpContents))
        guide.triggered.connect(self.show_guide)
        help_menu.addAction(guide)
        self.guide_action = guide
        self.addAction(guide)
        help_menu.addSeparator()
        about = QAction("Giới thiệu Cell Desk", self)
        about.triggered.connect(self.show_about)
        help_menu.addAction(about)

    def _make_working_parts(self) -> None:
        """What only the data's pages and actions use: the import machinery, the file dialogs' memory."""
        from . import file_dialogs
        from .plans.intake import DocumentIntake

        file_dialogs.remember_folders_in(self.window_settings)

        self.intake = DocumentIntake(self.services, self.app_events, self)
        self.intake.message.connect(lambda text: self.statusBar().showMessage(text, 5000))

    def attach(self, services: Services) -> None:
        """The data file has passed its checks and is open: the rest of the window comes alive."""
        self.services = services
        self._make_working_parts()
        self._enable_data_parts(True)
        self.data_label.setText(f"Dữ liệu: {services.database.location}")
        self.data_label.setToolTip(services.database.location)
        self.overview_page.attach(services)
        self._update_title()
        self.show_rollup_page(services.rollup.is_enabled())
        if self._pending_row is not None:
            self.sidebar.setCurrentRow(self._pending_row)
            self._show_row(self._pending_row)

    def show_rollup_page(self, shown: bool) -> None:
        """Roll-up mode on or off: the page and its menu entry appear or go."""
        row = self.page_keys.index(ROLLUP_PAGE)
        self.sidebar.setRowHidden(row, not shown)
        self.page_actions[ROLLUP_PAGE].setVisible(shown)  # a hidden QAction counts as disabled too
        if not shown and self.sidebar.currentRow() == row:
            self.sidebar.setCurrentRow(self.page_keys.index("settings"))

    def _enable_data_parts(self, enabled: bool) -> None:
        """The pages past Tổng quan and the actions that read or write the data."""
        for action in self.waiting_actions:
            action.setEnabled(enabled)
        for row in range(1, self.sidebar.count()):
            entry = self.sidebar.item(row)
            flags = entry.flags()
            entry.setFlags(flags | Qt.ItemFlag.ItemIsEnabled if enabled else flags & ~Qt.ItemFlag.ItemIsEnabled)

    def about_text(self) -> str:
        from .. import __version__
        from ..logs import LOG_FILE, LOG_FOLDER

        folder = self.data_dir
        return (f"Cell Desk {__version__} – sổ tay công tác tuyên truyền của chi bộ, chạy không cần mạng.\n\n"
                f"Dữ liệu: {self.services.database.location if self.services else folder / DATABASE_FILENAME}\n"
                f"Bản sao lưu: {folder / 'backups'}\n"
                f"Nhật ký: {folder / LOG_FOLDER / LOG_FILE}")

    def show_about(self) -> None:
        from .messages import show_info

        show_info(self, "Giới thiệu Cell Desk", self.about_text())

    def show_guide(self) -> None:
        from .help import GuideWindow

        if getattr(self, "guide", None) is None:
            self.guide = GuideWindow(self)
        self.guide.show()
        self.guide.raise_()
        self.guide.activateWindow()

    def page(self, key: str) -> QWidget:
        """The page, built now if it was never shown."""
        if key not in self._built:
            widget = self._make_page(key)
            self._built[key] = widget
            index = self.page_keys.index(key)
            stand_in = self.stack.widget(index)
            self.stack.insertWidget(index, widget)
            self.stack.removeWidget(stand_in)
            stand_in.deleteLater()
        return self._built[key]

    def _make_page(self, key: str) -> QWidget:
        if key == "overview":
            from .overview.page import OverviewPage

            page = OverviewPage(self.services, self.app_events)
            page.open_item.connect(self.show_checklist_item)
            page.open_phase.connect(self.show_checklist_phase)
            page.open_document.connect(self.show_checklist_document)
            page.import_requested.connect(lambda: self.import_action.trigger())
            return page
        if key == "checklist":
            from .checklist.page import ChecklistPage

            return ChecklistPage(self.services, self.app_events, self.undo_stack)
        if key == "activities":
            from .activities.page import ActivityPage

            return ActivityPage(self.services, self.app_events, self.undo_stack)
        if key == "meetings":
            from .meetings.page import MeetingPage

            return MeetingPage(self.services, self.app_events)
        if key == "reports":
            from .reports.page import ReportPage

            return ReportPage(self.services, self.app_events)
        if key == ROLLUP_PAGE:
            from .rollup.page import RollupPage

            return RollupPage(self.services, self.app_events)
        if key == "library":
            from .library.page import LibraryPage

            return LibraryPage(self.services, self.app_events, self.undo_stack)
        from .settings.page import SettingsPage

        page = SettingsPage(self.services, self.app_events)
        page.restore_requested.connect(self.request_restore)
        return page

    def show_checklist_item(self, item_id: int) -> None:
        if self.services is None:
            return  # the checklist opens once the data is
        page = self.checklist_page
        self.show_page(page)
        page.select_item(item_id)

    def show_checklist_phase(self, phase_id: int) -> None:
        if self.services is None:
            return  # the checklist opens once the data is
        page = self.checklist_page
        self.show_page(page)
        page.show_phase(phase_id)

    def show_checklist_document(self, plan_id: int) -> None:
        if self.services is None:
            return  # the checklist opens once the data is
        page = self.checklist_page
        self.show_page(page)
        page.show_document(plan_id)

    def request_restore(self, backup: str) -> None:
        """Closes the window; the launcher restores the backup and opens a new window on it."""
        self.restore_request = backup
        self.close()

    def bring_forward(self) -> None:
        self.setWindowState(self.windowState() & ~Qt.WindowState.WindowMinimized)
        self.show()
        self.raise_()
        self.activateWindow()

    def _show_row(self, row: int) -> None:
        if self.services is None and row != 0:
            self._pending_row = row  # shown once the data is open
            return
        self.page(self.page_keys[row])
        self.stack.setCurrentIndex(row)

    @property
    def overview_page(self):
        return self.page("overview")

    @property
    def checklist_page(self):
        return self.page("checklist")

    @property
    def activity_page(self):
        return self.page("activities")

    @property
    def report_page(self):
        return self.page("reports")

    @property
    def rollup_page(self):
        return self.page(ROLLUP_PAGE)

    @property
    def library_page(self):
        return self.page("library")

    @property
    def settings_page(self):
        return self.page("settings")

    def show_page(self, page: QWidget) -> None:
        key = next(key for key, built in self._built.items() if built is page)
        self.sidebar.setCurrentRow(self.page_keys.index(key))

    def reload_data(self) -> None:
        for kind in events.RELOAD_KINDS:
            self.app_events.changed.emit(kind)
        if ROLLUP_PAGE in self._built and self.services.rollup.is_enabled():
            self._built[ROLLUP_PAGE].reload()
        self.statusBar().showMessage("Đã tải lại dữ liệu.", 3000)

    def _on_changed(self, kind: str) -> None:
        if kind == events.CHECKLIST:
            self.statusBar().showMessage("Đã lưu.", 3000)
        if kind == events.PROFILE:
            self._update_title()
        if kind == events.MODE and self.services is not None:
            self.show_rollup_page(self.services.rollup.is_enabled())
        if kind == events.PLANS:
            self.undo_stack.clear()  # undo steps belong to the plan they were made in

    def _update_title(self) -> None:
        if self.services is not None:
            cell_name = self.services.settings.profile().cell_name
        else:
            cell_name = self.first_look.cell_name if self.first_look is not None else ""
        self.setWindowTitle(f"{APP_NAME} – {cell_name}" if cell_name else APP_NAME)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        from .screen import keep_on_screen

        keep_on_screen(self)  # again now that the frame (title bar, borders) is known

    def closeEvent(self, event) -> None:
        for key in ("checklist", "reports"):  # typing not yet saved by its pause timer
            if key in self._built:
                self._built[key].flush()
        self.window_settings.setValue("main_window/geometry", self.saveGeometry())
        self.window_settings.sync()
        super().closeEvent(event)
