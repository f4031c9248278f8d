"""On Tổng quan: what is due around this month's chi bộ meeting (days left or late) and the next
anniversaries, each of which can become checklist tasks."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QAbstractItemView, QHBoxLayout, QHeaderView, QLabel, QPushButton, QTableView, QVBoxLayout, QWidget

from ...domain.dates import format_ui_date
from .. import events
from ..table_model import RowTableModel

LATE = QColor("#b00020")


class DeadlineModel(RowTableModel):
    HEADERS = ("Sinh hoạt chi bộ", "Hạn", "Còn")

    def __init__(self, parent=None):
        super().__init__(parent)
        self.today = None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        deadline = self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return (deadline.label, format_ui_date(deadline.due), deadline.status(self.today))[index.column()]
        if role == Qt.ItemDataRole.ForegroundRole and not deadline.done and deadline.days_left(self.today) < 0:
            return QBrush(LATE)
        return None


class AnniversaryModel(RowTableModel):
    HEADERS = ("Ngày", "Kỷ niệm", "Hướng dẫn")

    def __init__(self, parent=None):
        super().__init__(parent)
        self.guides: dict = {}

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        anniversary = self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            guide = self.guides.get(anniversary.on)
            return (format_ui_date(anniversary.on), anniversary.title + (" – năm chẵn" if anniversary.is_round else ""),
                    guide.number if guide else "")[index.column()]
        if role == Qt.ItemDataRole.FontRole and anniversary.is_round:
            font = QLabel().font()
            font.setBold(True)
            return font
        return None


class MonthDeadlines(QWidget):
    """Two small tables; the page that holds it calls refresh()."""

    def __init__(self, services, app_events, parent=None):
        super().__init__(parent)
        self.services, self.app_events = services, app_events
        self.deadline_model = DeadlineModel(self)
        self.anniversary_model = AnniversaryModel(self)
        self.deadline_view, self.anniversary_view = QTableView(), QTableView()
        for view, model in ((self.deadline_view, self.deadline_model), (self.anniversary_view, self.anniversary_model)):
            view.setModel(model)
            view.verticalHeader().hide()
            view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
            # the names wrap rather than end in "…": "Sinh hoạt chi bộ thường kỳ", "75 năm Cách mạng Tháng Tám"
            view.setWordWrap(True)
            view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
            header = view.horizontalHeader()
            header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.deadline_view.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.anniversary_view.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.task_button = QPushButton("Tạo việc")
        self.task_button.setToolTip("Đưa vào Kế hoạch các việc tuyên truyền cho ngày kỷ niệm đang chọn")
        self.task_button.clicked.connect(self.make_tasks)
        self.note = QLabel("Ngày kỷ niệm sắp tới:")
        self.note.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(self.note, 1)
        row.addWidget(self.task_button)
        right = QVBoxLayout()
        right.addLayout(row)
        right.addWidget(self.anniversary_view, 1)
        layout = QHBoxLayout(self)  # side by side: Tổng quan has little height to spare
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.deadline_view, 1)
        layout.addLayout(right, 1)

    def refresh(self) -> None:
        today = self.services.clock()
        self.deadline_model.today = today
        self.deadline_model.set_rows(self.services.meetings.deadlines(today))
        upcoming = self.services.anniversaries.upcoming(6, today)
        self.anniversary_model.guides = {a.on: self.services.anniversaries.guide_for(a) for a in upcoming}
        self.anniversary_model.guides = {k: v for k, v in self.anniversary_model.guides.items() if v}
        self.anniversary_model.set_rows(upcoming)

    def make_tasks(self) -> None:
        index = self.anniversary_view.currentIndex()
        if not index.isValid():
            self.note.setText("Ngày kỷ niệm sắp tới: hãy chọn một ngày rồi bấm “Tạo việc”.")
            return
        anniversary = self.anniversary_model.rows[index.row()]
        self.services.anniversaries.make_tasks(anniversary)
        self.note.setText(f"Đã đưa việc kỷ niệm {format_ui_date(anniversary.on)} vào trang Kế hoạch.")
        self.app_events.changed.emit(events.PLANS)
