"""The activity table: holds only the ids in order, and reads the rows in view from the service in
blocks, so that a log of 100,000 activities opens and sorts at once."""
from __future__ import annotations

from typing import Callable

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt

from ...domain.activity import ActivityRow
from ...domain.dates import format_ui_date

# (sort key the service knows, header)
COLUMNS = (
    ("date", "Ngày"),
    ("form", "Hình thức"),
    ("title", "Tên hoạt động"),
    ("place", "Địa điểm"),
    ("organiser", "Chủ trì / tổ chức"),
    ("participants", "Số người"),
    ("items", "Nhiệm vụ"),
    ("attachments", "Tệp"),
)
BLOCK = 200
CACHE_LIMIT = 5_000
ID_ROLE = Qt.ItemDataRole.UserRole + 1


class ActivityTableModel(QAbstractTableModel):
    def __init__(self, fetch_ids: Callable[[str, bool], list[int]],
                 fetch_rows: Callable[[list[int]], list[ActivityRow]], parent=None):
        super().__init__(parent)
        self.fetch_ids, self.fetch_rows = fetch_ids, fetch_rows
        self.ids: list[int] = []
        self.cache: dict[int, ActivityRow] = {}
        self.sort_key, self.descending = "date", True

    def reload(self) -> None:
        """Reads the ids again (after a filter or an edit); rows are read when shown."""
        self.beginResetModel()
        self.ids = self.fetch_ids(self.sort_key, self.descending)
        self.cache.clear()
        self.endResetModel()

    def row_of(self, activity_id: int) -> int | None:
        try:
            return self.ids.index(activity_id)
        except ValueError:
            return None

    def activity(self, row: int) -> ActivityRow | None:
        if not 0 <= row < len(self.ids):
            return None
        activity_id = self.ids[row]
        if activity_id not in self.cache:
            if len(self.cache) > CACHE_LIMIT:
                self.cache.clear()
            start = max(0, row - BLOCK // 4)
            for found in self.fetch_rows(self.ids[start:start + BLOCK]):
                self.cache[found.id] = found
        return self.cache.get(activity_id)

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.ids)

    def columnCount(self, parent=QModelIndex()) -> int:
        return len(COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section][1]
        return None

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        if role == ID_ROLE:
            return self.ids[index.row()]
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.TextAlignmentRole):
            return None
        key = COLUMNS[index.column()][0]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            numeric = key in ("participants", "items", "attachments")  # counts line up on the right
            return int((Qt.AlignmentFlag.AlignRight if numeric else Qt.AlignmentFlag.AlignLeft)
                       | Qt.AlignmentFlag.AlignVCenter)
        row = self.activity(index.row())
        if row is None:
            return None
        if role == Qt.ItemDataRole.ToolTipRole:
            if key == "participants":
                return f"{row.party_members} đảng viên, {row.others} người ngoài Đảng"
            return row.title if key == "title" else (row.form if key == "form" else None)
        return _display(row, key)

    def sort(self, column: int, order=Qt.SortOrder.AscendingOrder) -> None:
        self.sort_key = COLUMNS[column][0]
        self.descending = order == Qt.SortOrder.DescendingOrder
        self.layoutAboutToBeChanged.emit()
        self.ids = self.fetch_ids(self.sort_key, self.descending)
        self.cache.clear()
        self.layoutChanged.emit()


def _display(row: ActivityRow, key: str) -> str:
    if key == "date":
        return format_ui_date(row.occurred_on) + (f" – {format_ui_date(row.ends_on)}" if row.ends_on else "")
    if key == "participants":
        return str(row.participants) if row.participants else ""
    if key == "items":
        return str(row.item_count) if row.item_count else ""
    if key == "attachments":
        return str(row.attachment_count) if row.attachment_count else ""
    return getattr(row, key)
