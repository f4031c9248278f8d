"""Small widgets and delegates shared by several pages."""
from __future__ import annotations

from PySide6.QtCore import QDate, QModelIndex, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QApplication, QDateEdit, QLabel, QLineEdit, QStyle, QStyledItemDelegate, QStyleOptionProgressBar,
)

from PySide6.QtGui import QColor

# Item models put a fraction 0..1 under this role where a progress bar belongs.
PROGRESS_ROLE = Qt.ItemDataRole.UserRole + 10


MIN_ROW_HEIGHT = 24
OVERDUE_BACKGROUND = QColor("#fde4e1")
OVERDUE_TEXT = QColor("#a4161a")
DONE_TEXT = QColor("#2b7a0b")
MUTED_TEXT = QColor("#6b6b6b")


class ProgressBarDelegate(QStyledItemDelegate):
    """Draws a progress bar for cells that carry PROGRESS_ROLE, others as usual; rows tall enough
    for a bar, or for `lines` lines of wrapped text."""

    def __init__(self, parent=None, lines: int = 1):
        super().__init__(parent)
        self.lines = lines

    def sizeHint(self, option, index: QModelIndex):
        size = super().sizeHint(option, index)
        text_height = option.fontMetrics.lineSpacing() * self.lines + 6
        size.setHeight(max(MIN_ROW_HEIGHT, text_height if self.lines > 1 else size.height()))
        return size

    def paint(self, painter, option, index: QModelIndex) -> None:
        fraction = index.data(PROGRESS_ROLE)
        if fraction is None:
            super().paint(painter, option, index)
            return
        bar = QStyleOptionProgressBar()
        bar.rect = option.rect.adjusted(4, 3, -4, -3)
        bar.minimum, bar.maximum = 0, 100
        bar.progress = round(fraction * 100)
        bar.text = index.data(Qt.ItemDataRole.DisplayRole) or f"{bar.progress}%"
        bar.textVisible = True
        bar.textAlignment = Qt.AlignmentFlag.AlignCenter
        bar.state = option.state
        QApplication.style().drawControl(QStyle.ControlElement.CE_ProgressBar, bar, painter)


ALARM_STYLE = f"color: {OVERDUE_TEXT.name()};"


def error_label() -> QLabel:
    """The red line under a form that says why an entry was refused; hidden until it has words."""
    label = QLabel()
    label.setWordWrap(True)
    label.setStyleSheet(ALARM_STYLE)
    label.hide()
    return label


def heading_label(text: str, size_delta: int = 4) -> QLabel:
    label = QLabel(text)
    font = label.font()
    font.setPointSize(font.pointSize() + size_delta)
    font.setBold(True)
    label.setFont(font)
    label.setWordWrap(True)
    return label


SEARCH_DELAY_MS = 120


class SearchBox(QLineEdit):
    """A search field that reports once the typing pauses, so a large list is not filtered
    again for every key."""

    search_changed = Signal(str)

    def __init__(self, placeholder: str, parent=None):
        super().__init__(parent)
        self.setPlaceholderText(placeholder)
        self.setClearButtonEnabled(True)
        self._pause = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self._pause.timeout.connect(lambda: self.search_changed.emit(self.text()))
        self.textChanged.connect(self._pause.start)


def to_qdate(day) -> QDate:
    return QDate(day.year, day.month, day.day)


def date_edit(day=None):
    """A date field the way Vietnamese write dates (dd/mm/yyyy), with a calendar to pick from."""
    edit = QDateEdit(to_qdate(day) if day else QDate.currentDate())
    edit.setDisplayFormat("dd/MM/yyyy")
    edit.setCalendarPopup(True)
    return edit
