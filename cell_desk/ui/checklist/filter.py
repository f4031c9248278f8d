"""Filters of the checklist: status, document or phase, overdue, and diacritic-free search."""
from __future__ import annotations

import enum
from dataclasses import dataclass

from PySide6.QtCore import QModelIndex, QSortFilterProxyModel

import datetime as dt

from ...domain.plan import ItemStatus
from ...domain.text import matches
from .model import ChecklistModel, Node, NodeKind


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
    plan_id: int | None = None  # one document in force
    overdue_only: bool = False
    query_key: str = ""

    @property
    def selects_items(self) -> bool:
        """True when rows are chosen by what items say, not just by phase."""
        return self.status is not StatusFilter.ANY or self.overdue_only or bool(self.query_key)

    def accepts(self, node: Node, today: dt.date) -> bool:
        """Whether the row passes on its own (a parent may still show for its children)."""
        if self.plan_id is not None and node.document.id != self.plan_id:
            return False
        if self.phase_id is not None and (node.phase is None or node.phase.id != self.phase_id):
            return False  # a document's row shows above the phase's rows
        if node.kind is not NodeKind.ITEM:
            return not self.selects_items
        item = node.item
        if not self.status.accepts(item.status):
            return False
        if self.overdue_only and not item.is_overdue(today):
            return False
        return matches(self.query_key, node.key) if self.query_key else True


NO_FILTER = ChecklistFilter()


class ChecklistFilterProxy(QSortFilterProxyModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setRecursiveFilteringEnabled(True)
        self.setDynamicSortFilter(False)  # an edited row stays in view until the filter changes
        self.criteria = ChecklistFilter()

    def set_criteria(self, criteria: ChecklistFilter) -> None:
        # A reset, not invalidateFilter(): in an expanded tree the latter removes hidden rows one
        # by one and costs seconds on a plan of thousands of items.
        self.beginResetModel()
        self.criteria = criteria
        self.endResetModel()

    def filterAcceptsRow(self, source_row: int, source_parent: QModelIndex) -> bool:
        if self.criteria == NO_FILTER:
            return True
        model: ChecklistModel = self.sourceModel()
        node = model.node(model.index(source_row, 0, source_parent))
        return node is not None and self.criteria.accepts(node, model.clock())
