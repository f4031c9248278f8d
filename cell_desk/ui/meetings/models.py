"""Table models of the page: the months' records, the attendance, the assignments, the members."""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import QComboBox, QStyledItemDelegate

from ...domain.dates import format_ui_date, parse_ui_date
from ...domain.meetings import ATTENDANCE, Assignment, Attendee, Meeting
from ...domain.members import Member
from ..table_model import RowTableModel

DISPLAY, EDIT = Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole
EDITABLE = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEditable


class MeetingListModel(RowTableModel[Meeting]):
    HEADERS = ("Tháng", "Loại", "Ngày", "Dự")

    def data(self, index, role=DISPLAY):
        if not index.isValid() or role != DISPLAY:
            return None
        meeting = self.rows[index.row()]
        return (f"{meeting.month}/{meeting.year}", meeting.kind_label, format_ui_date(meeting.held_on),
                meeting.rate_text.split(" ")[-1].strip("()"))[index.column()]


class AttendanceModel(RowTableModel[Attendee]):
    HEADERS = ("Họ và tên", "Điểm danh", "Lý do")

    def data(self, index, role=DISPLAY):
        if not index.isValid() or role not in (DISPLAY, EDIT):
            return None
        person = self.rows[index.row()]
        if index.column() == 1:
            return person.status if role == EDIT else ATTENDANCE.get(person.status, "")
        return (person.name, None, person.reason)[index.column()]

    def flags(self, index):
        return EDITABLE if index.column() in (1, 2) else super().flags(index)

    def setData(self, index, value, role=EDIT):
        if not index.isValid() or role != EDIT:
            return False
        person = self.rows[index.row()]
        if index.column() == 1 and value in ATTENDANCE:
            person = Attendee(person.name, value, person.reason, person.member_id)
        elif index.column() == 2:
            person = Attendee(person.name, person.status, str(value), person.member_id)
        else:
            return False
        self.rows[index.row()] = person
        self.dataChanged.emit(index, index)
        return True


class StatusDelegate(QStyledItemDelegate):
    """A choice among the attendance states, where a status cell is edited."""

    def createEditor(self, parent, option, index):
        editor = QComboBox(parent)
        for code, label in ATTENDANCE.items():
            editor.addItem(label, code)
        return editor

    def setEditorData(self, editor, index):
        editor.setCurrentIndex(max(0, editor.findData(index.data(EDIT))))

    def setModelData(self, editor, model, index):
        model.setData(index, editor.currentData(), EDIT)


class AssignmentModel(RowTableModel[Assignment]):
    """The nghị quyết's assignments; a deadline is typed dd/mm/yyyy and a bad one is reported."""
    HEADERS = ("Việc được giao", "Đồng chí thực hiện", "Thời hạn (dd/mm/yyyy)")
    refused = Signal(str)  # a deadline that is not a date: what to tell the user

    def __init__(self, parent=None):
        super().__init__(parent)
        self.problem = ""

    def data(self, index, role=DISPLAY):
        if not index.isValid() or role not in (DISPLAY, EDIT):
            return None
        item = self.rows[index.row()]
        return (item.task, item.who, format_ui_date(item.due))[index.column()]

    def flags(self, index):
        return EDITABLE

    def setData(self, index, value, role=EDIT):
        if not index.isValid() or role != EDIT:
            return False
        item = self.rows[index.row()]
        text = str(value or "").strip()
        if index.column() == 0:
            item = Assignment(text, item.who, item.due)
        elif index.column() == 1:
            item = Assignment(item.task, text, item.due)
        else:
            try:
                due: dt.date | None = parse_ui_date(text) if text else None
            except ValueError as exc:
                self.problem = str(exc)
                self.refused.emit(self.problem)
                return False
            item = Assignment(item.task, item.who, due)
        self.problem = ""
        self.rows[index.row()] = item
        self.dataChanged.emit(index, index)
        return True

    def add_row(self) -> QModelIndex:
        self.beginInsertRows(QModelIndex(), len(self.rows), len(self.rows))
        self.rows.append(Assignment(""))
        self.endInsertRows()
        return self.index(len(self.rows) - 1, 0)

    def remove_row(self, row: int) -> None:
        if 0 <= row < len(self.rows):
            self.beginRemoveRows(QModelIndex(), row, row)
            del self.rows[row]
            self.endRemoveRows()


class MemberModel(RowTableModel[Member]):
    HEADERS = ("Họ và tên", "Chức vụ", "Đảng viên", "Miễn sinh hoạt")

    def data(self, index, role=DISPLAY):
        if not index.isValid() or role != DISPLAY:
            return None
        member = self.rows[index.row()]
        return (member.name, member.role, member.standing_label,
                member.exempt_reason if member.exempt else "")[index.column()]
