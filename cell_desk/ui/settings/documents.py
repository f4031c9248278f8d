"""Cài đặt → the upper-level documents: each with its box "Đang áp dụng", its kind, its window and
whether it has ended. Ticking a box puts the document in force; any number may be, none at all too."""
from __future__ import annotations

import datetime as dt
from typing import Callable

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QBrush

from ...domain.plan import PlanSummary
from ..table_model import RowTableModel
from ..widgets import MUTED_TEXT

IN_FORCE_COLUMN = 0


class DocumentListModel(RowTableModel[PlanSummary]):
    HEADERS = ("Đang áp dụng", "Văn bản", "Loại", "Thời gian", "Tình trạng")
    in_force_changed = Signal(int, bool)  # plan id, wanted in force

    def __init__(self, clock: Callable[[], dt.date], parent=None):
        super().__init__(parent)
        self.clock = clock

    def flags(self, index: QModelIndex):
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        return flags | Qt.ItemFlag.ItemIsUserCheckable if index.column() == IN_FORCE_COLUMN else flags

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        plan, column = self.rows[index.row()], index.column()
        ended = plan.is_ended(self.clock())
        if role == Qt.ItemDataRole.CheckStateRole and column == IN_FORCE_COLUMN:
            return Qt.CheckState.Checked if plan.is_active else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 1:
                return f"{plan.reference}: {plan.title}"
            if column == 2:
                return plan.kind_label
            if column == 3:
                return plan.window_text or "–"
            if column == 4:
                return plan.state_label(self.clock())
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == IN_FORCE_COLUMN:
                return ("Bỏ dấu để thôi áp dụng: văn bản vẫn được giữ, các việc của nó không hiện ở trang Kế hoạch"
                        if plan.is_active else "Đánh dấu để áp dụng: các việc của văn bản hiện ở trang Kế hoạch")
            if column == 1:
                return f"{plan.reference}: {plan.title} ({plan.item_count} nội dung)"
        if role == Qt.ItemDataRole.ForegroundRole and ended and column in (1, 4):
            return QBrush(MUTED_TEXT)
        return None

    def setData(self, index: QModelIndex, value, role=Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or index.column() != IN_FORCE_COLUMN or role != Qt.ItemDataRole.CheckStateRole:
            return False
        wanted = Qt.CheckState(value) == Qt.CheckState.Checked if not isinstance(value, bool) else value
        self.in_force_changed.emit(self.rows[index.row()].id, wanted)
        return True

    def row_of(self, plan_id: int) -> int:
        return next((row for row, plan in enumerate(self.rows) if plan.id == plan_id), -1)
