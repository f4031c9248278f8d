"""Small widgets and delegates shared by several pages."""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QModelIndex, QRegularExpression, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QRegularExpressionValidator
from PySide6.QtWidgets import (
    QApplication, QHBoxLayout, QLabel, QLineEdit, QMenu, QSizePolicy, QStyle, QStyledItemDelegate,
    QStyleOptionProgressBar, QToolButton, QWidget,
)

from ..domain.dates import date_in_range, format_ui_date, parse_ui_date

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


def _as_day(value) -> dt.date | None:
    if value is None:
        return None
    if isinstance(value, QDate):
        return value.toPython() if value.isValid() else None
    return value


class DateEdit(QWidget):
    """A date field the way Vietnamese write dates. What is typed is taken as typed: dd/mm/yyyy,
    d/m/yyyy (also with '-' or '.') or the eight digits ddmmyyyy; a calendar button picks a day.
    A date that cannot be read or is out of range keeps its text, turns the field red and says why
    (problem(), problem_changed); date() stays the last good date. The calls of QDateEdit that the
    pages use (date, setDate, dateChanged, editingFinished, minimum and maximum) work the same."""

    dateChanged = Signal(QDate)
    editingFinished = Signal()
    problem_changed = Signal(str)

    def __init__(self, day=None, parent=None, *, blank_allowed: bool = False):
        super().__init__(parent)
        self.blank_allowed = blank_allowed
        self._day: dt.date | None = _as_day(day)
        self._earliest: dt.date | None = None
        self._latest: dt.date | None = None
        self._bound_names = ("", "")
        self._problem = ""
        self.line = QLineEdit()
        self.line.setPlaceholderText("ngày/tháng/năm")
        self.line.setToolTip("Gõ 15/11/2026, 5/3/2026 hoặc 15112026, hoặc bấm nút bên cạnh để chọn trên lịch")
        self.line.setValidator(QRegularExpressionValidator(QRegularExpression(r"[\d/.\- ]{0,14}"), self.line))
        self.line.setMinimumWidth(self.line.fontMetrics().horizontalAdvance("00/00/00000") + 14)
        self.line.setMaximumWidth(self.line.fontMetrics().horizontalAdvance("00/00/00000") * 2)
        self.button = QToolButton()
        self.button.setArrowType(Qt.ArrowType.DownArrow)
        self.button.setToolTip("Chọn trên lịch")
        self.button.setAccessibleName("Chọn trên lịch")
        self.button.clicked.connect(self.show_calendar)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.line)
        layout.addWidget(self.button)
        self.setFocusProxy(self.line)
        self.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        self.line.setText(format_ui_date(self._day))
        self.line.textEdited.connect(self._typed)
        self.line.editingFinished.connect(self._finished)
        self.calendar = None  # the QCalendarWidget while its menu is open

    # --- the QDateEdit calls -------------------------------------------------------
    def date(self) -> QDate:
        return to_qdate(self._day) if self._day else QDate()

    def day(self) -> dt.date | None:
        return self._day

    def setDate(self, value) -> None:  # noqa: N802 (Qt's name)
        self.line.setText(format_ui_date(_as_day(value)))
        self._set_problem("")
        self._set_day(_as_day(value))

    def clear(self) -> None:
        self.setDate(None)

    def text(self) -> str:
        return self.line.text()

    def lineEdit(self) -> QLineEdit:  # noqa: N802
        return self.line

    def setMinimumDate(self, value, name: str = "") -> None:  # noqa: N802
        self._earliest = _as_day(value)
        self._bound_names = (name, self._bound_names[1])

    def setMaximumDate(self, value, name: str = "") -> None:  # noqa: N802
        self._latest = _as_day(value)
        self._bound_names = (self._bound_names[0], name)

    def minimumDate(self) -> QDate:  # noqa: N802
        return to_qdate(self._earliest) if self._earliest else QDate()

    def maximumDate(self) -> QDate:  # noqa: N802
        return to_qdate(self._latest) if self._latest else QDate()

    # --- typing ----------------------------------------------------------------------
    def problem(self) -> str:
        """Why the text cannot be taken ("" when it can, or when it is blank and blank is allowed)."""
        text = self.line.text().strip()
        if not text:
            return "" if self.blank_allowed else "Chưa nhập ngày."
        try:
            day = parse_ui_date(text)
        except ValueError as exc:
            return str(exc)
        return date_in_range(day, self._earliest, self._latest, *self._bound_names)

    def _typed(self, text: str) -> None:
        """A whole, good date is taken at once (as QDateEdit's keyboard tracking); anything else
        waits for the end of typing."""
        if self._problem:
            self._set_problem("")
        if text.strip() and not self.problem():
            self._set_day(parse_ui_date(text))

    def _finished(self) -> None:
        problem = self.problem()
        self._set_problem(problem)
        if not problem:
            text = self.line.text().strip()
            day = parse_ui_date(text) if text else None
            self.line.setText(format_ui_date(day))
            self._set_day(day)
        self.editingFinished.emit()

    def _set_day(self, day: dt.date | None) -> None:
        if day != self._day:
            self._day = day
            self.dateChanged.emit(self.date())

    def _set_problem(self, problem: str) -> None:
        self._problem = problem
        self.line.setStyleSheet(f"QLineEdit {{ border: 1px solid {OVERDUE_TEXT.name()}; }}" if problem else "")
        self.line.setToolTip(problem or "Gõ 15/11/2026, 5/3/2026 hoặc 15112026, "
                                        "hoặc bấm nút bên cạnh để chọn trên lịch")
        self.problem_changed.emit(problem)

    # --- the calendar ------------------------------------------------------------------
    def show_calendar(self) -> None:
        # on first use: the calendar's classes cost about 1 MB that Tổng quan's first paint need not pay
        from PySide6.QtWidgets import QCalendarWidget, QWidgetAction

        menu = QMenu(self)
        calendar = QCalendarWidget()
        calendar.setGridVisible(True)
        if self._earliest:
            calendar.setMinimumDate(to_qdate(self._earliest))
        if self._latest:
            calendar.setMaximumDate(to_qdate(self._latest))
        shown = self._day or (self._latest if self._latest and self._latest < dt.date.today() else None)
        if shown:
            calendar.setSelectedDate(to_qdate(shown))
        calendar.clicked.connect(lambda qdate: (self.pick(qdate), menu.close()))
        action = QWidgetAction(menu)
        action.setDefaultWidget(calendar)
        menu.addAction(action)
        self.calendar = calendar
        menu.aboutToHide.connect(lambda: setattr(self, "calendar", None))
        menu.popup(self.mapToGlobal(self.rect().bottomLeft()))

    def pick(self, qdate: QDate) -> None:
        """A day chosen in the calendar: taken as if typed, then editing is over."""
        self.line.setText(format_ui_date(qdate.toPython()))
        self._finished()


def date_edit(day=None, *, blank_allowed: bool = False) -> DateEdit:
    """A date field the way Vietnamese write dates (dd/mm/yyyy), typed or picked in a calendar."""
    return DateEdit(day if day is not None or blank_allowed else dt.date.today(), blank_allowed=blank_allowed)
