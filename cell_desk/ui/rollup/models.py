"""The tables of the Tổng hợp page: who has sent for the month, and the register of cells (whose
name and report day are edited in place)."""
from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor

from ...domain.dates import format_ui_date
from ...domain.rollup import CellStanding, RegisteredCell, Submission
from ..table_model import RowTableModel

LATE_TEXT = QColor("#9C0006")
LATE_FILL = QColor("#FDE7E9")
ON_TIME_TEXT = QColor("#1E6B34")


class StandingModel(RowTableModel[CellStanding]):
    HEADERS = ("TT", "Chi bộ", "Hạn nộp", "Ngày lập gói", "Tình trạng", "Hoạt động", "Lượt người", "Sinh hoạt chi bộ")

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row, column = self.rows[index.row()], index.column()
        package = row.report.package if row.report else None
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return str(index.row() + 1)
            if column == 1:
                return row.cell.name
            if column == 2:
                return format_ui_date(row.deadline)
            if column == 3:
                return format_ui_date(row.sent_on)
            if column == 4:
                return row.state.value
            if package is None:
                return ""
            if column == 5:
                return str(package.activities)
            if column == 6:
                return str(package.people)
            if column == 7:
                meeting = package.meeting
                return format_ui_date(meeting.held_on) if meeting and meeting.held_on else "Chưa ghi"
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (0, 2, 3, 5, 6, 7):
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.ForegroundRole and column == 4:
            if row.state in (Submission.LATE, Submission.OVERDUE):
                return QBrush(LATE_TEXT)
            if row.state is Submission.ON_TIME:
                return QBrush(ON_TIME_TEXT)
        if role == Qt.ItemDataRole.BackgroundRole and row.state is Submission.OVERDUE:
            return QBrush(LATE_FILL)
        if role == Qt.ItemDataRole.ToolTipRole and row.report is not None:
            return (f"Tệp {row.report.file_name}, nhập lúc {row.report.received_at:%H:%M %d/%m/%Y}.\n"
                    "Nhấp đúp để mở báo cáo Word của chi bộ.")
        return None


class CellRegisterModel(RowTableModel[RegisteredCell]):
    HEADERS = ("Chi bộ trực thuộc", "Ngày nộp báo cáo")
    edited = Signal(object)  # the cell as edited, with the version it was read at

    def flags(self, index: QModelIndex):
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEditable

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        cell = self.rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if index.column() == 0:
                return cell.name
            return cell.report_day if role == Qt.ItemDataRole.EditRole else f"ngày {cell.report_day}"
        if role == Qt.ItemDataRole.ToolTipRole:
            return "Nhấp đúp để sửa tên hoặc ngày nộp báo cáo hằng tháng của chi bộ"
        return None

    def setData(self, index: QModelIndex, value, role=Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.EditRole:
            return False
        cell = self.rows[index.row()]
        if index.column() == 0:
            changed = RegisteredCell(cell.id, str(value), cell.report_day, cell.note, cell.version)
        else:
            changed = RegisteredCell(cell.id, cell.name, int(value), cell.note, cell.version)
        if changed != cell:
            self.edited.emit(changed)
        return True
