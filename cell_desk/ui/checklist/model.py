"""The checklist tree as a Qt item model: document in force > phase > stage > item > sub-item."""
from __future__ import annotations

import datetime as dt
import enum
import time
from typing import Callable

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from ...domain.checklist import ItemState
from ...domain.dates import format_ui_date
from ...domain.plan import ChecklistItem, ItemStatus, Phase, PlanSummary, PlanTree, Progress, Stage
from ...domain.text import search_key
from ..widgets import DONE_TEXT, MUTED_TEXT, OVERDUE_BACKGROUND, OVERDUE_TEXT, PROGRESS_ROLE

DOCUMENT_BACKGROUND = QColor("#e8eef7")

NODE_ROLE = Qt.ItemDataRole.UserRole + 1


class Column(enum.IntEnum):
    TEXT = 0
    STATUS = 1
    DUE = 2
    COMPLETED = 3
    ASSIGNEE = 4
    PROGRESS = 5


HEADERS = {
    Column.TEXT: "Nội dung",
    Column.STATUS: "Trạng thái",
    Column.DUE: "Hạn",
    Column.COMPLETED: "Hoàn thành",
    Column.ASSIGNEE: "Người phụ trách",
    Column.PROGRESS: "Tiến độ",
}


class NodeKind(enum.Enum):
    DOCUMENT = "document"
    PHASE = "phase"
    STAGE = "stage"
    ITEM = "item"


class Node:
    __slots__ = ("kind", "value", "parent", "children", "row", "phase", "document", "_key", "_progress")

    def __init__(self, kind: NodeKind, value, parent: "Node | None", phase: Phase | None, row: int,
                 document: PlanSummary | None = None):
        self.kind = kind
        self.value: PlanTree | Phase | Stage | ChecklistItem = value
        self.parent = parent
        self.children: list[Node] = []
        self.row = row
        self.phase = phase  # None on a document's row
        self.document: PlanSummary = document if document is not None else parent.document
        self._key: str | None = None
        self._progress: Progress | None = None

    @property
    def key(self) -> str:
        """The search key, made on the first search rather than when the tree opens."""
        if self._key is None:
            kind, value = self.kind, self.value
            if kind is NodeKind.DOCUMENT:
                text = self.document.heading()
            else:
                text = value.text if kind is NodeKind.ITEM else (
                    value.heading if kind is NodeKind.STAGE else value.display_title)
            # A sub-item is found by the words of its parent item too.
            parent_key = self.parent.key if (self.parent is not None and self.parent.kind is NodeKind.ITEM) else ""
            self._key = f"{search_key(text)} {parent_key}".strip()
        return self._key

    @property
    def item(self) -> ChecklistItem:
        return self.value  # type: ignore[return-value]

    def add(self, kind: NodeKind, value) -> "Node":
        child = Node(kind, value, self, value if kind is NodeKind.PHASE else self.phase, len(self.children))
        self.children.append(child)
        return child

    def items_below(self) -> list[ChecklistItem]:
        if self.kind is NodeKind.DOCUMENT:
            return self.value.all_items()
        if self.kind is NodeKind.PHASE:
            return self.phase.all_items()
        result = []
        for child in self.children:
            result.append(child.item)
            result.extend(child.item.sub_items)
        return result

    def progress(self) -> Progress:
        if self._progress is None:
            self._progress = Progress.of(self.items_below())
        return self._progress


class ChecklistModel(QAbstractItemModel):
    def __init__(self, clock: Callable[[], dt.date], parent=None):
        super().__init__(parent)
        self._clock = clock
        self._today: tuple[float, dt.date] | None = None
        self.trees: list[PlanTree] = []
        self.roots: list[Node] = []
        self.by_item_id: dict[int, Node] = {}
        self._bold = QFont()
        self._bold.setBold(True)

    def clock(self) -> dt.date:
        """Today, asked of the clock at most once a minute: painting asks for it per cell."""
        now = time.monotonic()
        if self._today is None or now - self._today[0] > 60:
            self._today = (now, self._clock())
        return self._today[1]

    # --- filling -------------------------------------------------------
    def set_trees(self, trees: list[PlanTree]) -> None:
        """One top-level row per document in force, its phases below."""
        self.beginResetModel()
        self._today = None
        self.trees = list(trees)
        self.roots = []
        self.by_item_id = {}
        for tree in self.trees:
            document_node = Node(NodeKind.DOCUMENT, tree, None, None, len(self.roots), tree.summary)
            self.roots.append(document_node)
            for phase in tree.phases:
                phase_node = document_node.add(NodeKind.PHASE, phase)
                for item in phase.items:
                    self._add_item(phase_node, item)
                for stage in phase.stages:
                    stage_node = phase_node.add(NodeKind.STAGE, stage)
                    for item in stage.items:
                        self._add_item(stage_node, item)
        self.endResetModel()

    def set_tree(self, tree: PlanTree) -> None:
        self.set_trees([tree])

    def progress(self) -> Progress:
        """Progress over every document shown."""
        return Progress.of([item for tree in self.trees for item in tree.all_items()])

    def _add_item(self, parent: Node, item: ChecklistItem) -> None:
        node = parent.add(NodeKind.ITEM, item)
        self.by_item_id[item.id] = node
        for sub in item.sub_items:
            self.by_item_id[sub.id] = node.add(NodeKind.ITEM, sub)

    def apply_state(self, item_id: int, state: ItemState) -> QModelIndex:
        """Shows a saved edit: the item's row and the progress of the rows above it."""
        node = self.by_item_id[item_id]
        item = node.item
        item.status, item.completed_on = state.status, state.completed_on
        item.assignee, item.evidence = state.assignee, state.evidence
        self._row_changed(node)
        ancestor = node.parent
        while ancestor is not None:
            ancestor._progress = None
            self._row_changed(ancestor)
            ancestor = ancestor.parent
        return self.createIndex(node.row, 0, node)

    def _row_changed(self, node: Node) -> None:
        self.dataChanged.emit(
            self.createIndex(node.row, 0, node), self.createIndex(node.row, len(Column) - 1, node)
        )

    def index_of_item(self, item_id: int) -> QModelIndex:
        node = self.by_item_id.get(item_id)
        return self.createIndex(node.row, 0, node) if node else QModelIndex()

    @staticmethod
    def node(index: QModelIndex | QPersistentModelIndex) -> Node | None:
        return index.internalPointer() if index.isValid() else None

    # --- QAbstractItemModel -------------------------------------------
    def index(self, row: int, column: int, parent: QModelIndex = QModelIndex()) -> QModelIndex:
        siblings = parent.internalPointer().children if parent.isValid() else self.roots
        if 0 <= row < len(siblings) and 0 <= column < len(Column):
            return self.createIndex(row, column, siblings[row])
        return QModelIndex()

    def parent(self, index: QModelIndex = QModelIndex()) -> QModelIndex:  # type: ignore[override]
        node = self.node(index)
        if node is None or node.parent is None:
            return QModelIndex()
        return self.createIndex(node.parent.row, 0, node.parent)

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:
        if not parent.isValid():
            return len(self.roots)
        if parent.column() != 0:
            return 0
        return len(self.node(parent).children)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:
        return len(Column)

    def headerData(self, section: int, orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[Column(section)]
        return None

    def flags(self, index: QModelIndex):
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable if index.isValid() else Qt.ItemFlag.NoItemFlags

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        node = self.node(index)
        if node is None:
            return None
        column = Column(index.column())
        if role == NODE_ROLE:
            return node
        if node.kind is NodeKind.ITEM:
            return self._item_data(node, column, role)
        return self._group_data(node, column, role)

    def _group_data(self, node: Node, column: Column, role: int):
        if node.kind is NodeKind.DOCUMENT:
            return self._document_data(node, column, role)
        phase = node.phase
        if role == Qt.ItemDataRole.FontRole:
            return self._bold if node.kind is NodeKind.PHASE else None
        if role == PROGRESS_ROLE and column is Column.PROGRESS:
            return node.progress().fraction
        if role == Qt.ItemDataRole.ToolTipRole:
            if column is Column.DUE:
                return f"Thời gian của đợt: {format_ui_date(phase.starts_on)} – {format_ui_date(phase.ends_on)}"
            return node.value.heading if node.kind is NodeKind.STAGE else phase.display_title
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if column is Column.TEXT:
            return node.value.heading if node.kind is NodeKind.STAGE else phase.display_title
        if column is Column.DUE and node.kind is NodeKind.PHASE:
            return format_ui_date(phase.ends_on)
        if column is Column.PROGRESS:
            progress = node.progress()
            return f"{progress.percent}% ({progress.done}/{progress.counted})"
        return None

    def _document_data(self, node: Node, column: Column, role: int):
        summary = node.document
        ended = summary.is_ended(self.clock())
        if role == Qt.ItemDataRole.FontRole:
            return self._bold
        if role == Qt.ItemDataRole.BackgroundRole:
            return QBrush(DOCUMENT_BACKGROUND)
        if role == Qt.ItemDataRole.ForegroundRole and ended and column is not Column.PROGRESS:
            return QBrush(MUTED_TEXT)
        if role == PROGRESS_ROLE and column is Column.PROGRESS:
            return node.progress().fraction
        if role == Qt.ItemDataRole.ToolTipRole:
            window = f"\nThời gian: {summary.window_text}" if summary.window_text else ""
            return f"{summary.kind_label}: {summary.reference}\n{summary.title}{window}" + (
                "\nĐã kết thúc: mọi đợt đã qua (bỏ áp dụng ở trang Cài đặt)." if ended else "")
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if column is Column.TEXT:
            return summary.heading(self.clock())
        if column is Column.STATUS and ended:
            return "Đã kết thúc"
        if column is Column.DUE and summary.ends_on:
            return format_ui_date(summary.ends_on)
        if column is Column.PROGRESS:
            progress = node.progress()
            return f"{progress.percent}% ({progress.done}/{progress.counted})"
        return None

    def _item_data(self, node: Node, column: Column, role: int):
        item = node.item
        # the late items of an ended document are history, not today's alarm
        overdue = item.is_overdue(self.clock()) and not node.document.is_ended(self.clock())
        if role == Qt.ItemDataRole.DisplayRole:
            if column is Column.TEXT:
                return item.text
            if column is Column.STATUS:
                return item.status.label
            if column is Column.DUE:
                return ""  # the phase row carries the date; repeating it squeezed the text column
            if column is Column.COMPLETED:
                return format_ui_date(item.completed_on)
            if column is Column.ASSIGNEE:
                return item.assignee
            return None
        if role == Qt.ItemDataRole.ToolTipRole:
            if column is Column.TEXT:
                return item.text
            if overdue:
                return f"Quá hạn: hạn của đợt là {format_ui_date(item.due_on)}"
            return None
        if role == Qt.ItemDataRole.BackgroundRole and overdue:
            return QBrush(OVERDUE_BACKGROUND)
        if role == Qt.ItemDataRole.ForegroundRole:
            if overdue and column in (Column.STATUS, Column.DUE):
                return QBrush(OVERDUE_TEXT)
            if item.status is ItemStatus.DONE and column is Column.STATUS:
                return QBrush(DONE_TEXT)
            if item.status is ItemStatus.NOT_APPLICABLE:
                return QBrush(MUTED_TEXT)
        return None
