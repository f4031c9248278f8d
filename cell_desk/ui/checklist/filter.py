"""Filters of the checklist: status, phase, overdue, and diacritic-free search."""
from __future__ import annotations

import enum
from dataclasses import dataclass

from PySide6.QtCore import QModelIndex, QSortFilterProxyModel

from ...domain.plan import ItemStatus
from ...domain.text import matches, search_key
from .model import ChecklistModel, NodeKind


class StatusFilter(enum.Enum):
    ANY = "any"
    OPEN = "open"  # not done and not "không áp dụng"
    NOT_STARTED = ItemStatus.NOT_STARTED.value
    IN_PROGRESS = ItemStatus.IN_PROGRESS.value
    DONE = ItemStatus.DONE.value
    NOT_APPLICABLE = ItemStatus.NOT_APPLICABLE.value

    @property
    def label(self) -> str:
        if self is StatusFilter.ANY:
            return "Mọi trạng thái"
        if self is StatusFilter.OPEN:
            return "Chưa xong"
        return ItemStatus(self.value).label

    def accepts(self, status: ItemStatus) -> bool:
        if self is StatusFilter.ANY:
            return True
        if self is StatusFilter.OPEN:
            return not status.is_closed
        return status.value == self.value


@dataclass(frozen=True)
class ChecklistFilter:
    status: StatusFilter = StatusFilter.ANY
    phase_id: int | None = None
    overdue_only: bool = False
    query_key: str = ""

    @property
    def selects_items(self) -> bool:
        """True when rows are chosen by what items say, not just by phase."""
        return self.status is not StatusFilter.ANY or self.overdue_only or bool(self.query_key)


class ChecklistFilterProxy(QSortFilterProxyModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setRecursiveFilteringEnabled(True)
        self.setDynamicSortFilter(False)  # an edited row stays in view until the filter changes
        self.criteria = ChecklistFilter()

    def set_criteria(self, criteria: ChecklistFilter) -> None:
        if hasattr(self, "beginFilterChange"):  # Qt 6.9 and newer
            self.beginFilterChange()
            self.criteria = criteria
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            self.criteria = criteria
            self.invalidateFilter()

    def set_query(self, text: str) -> None:
        self.set_criteria(ChecklistFilter(self.criteria.status, self.criteria.phase_id,
                                          self.criteria.overdue_only, search_key(text)))

    def filterAcceptsRow(self, source_row: int, source_parent: QModelIndex) -> bool:
        model: ChecklistModel = self.sourceModel()
        node = model.node(model.index(source_row, 0, source_parent))
        if node is None:
            return False
        criteria = self.criteria
        if criteria.phase_id is not None and node.phase.id != criteria.phase_id:
            return False
        if node.kind is not NodeKind.ITEM:
            return not criteria.selects_items
        item = node.item
        if not criteria.status.accepts(item.status):
            return False
        if criteria.overdue_only and not item.is_overdue(model.clock()):
            return False
        return matches(criteria.query_key, node.key) if criteria.query_key else True
