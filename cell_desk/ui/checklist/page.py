"""Page "Kế hoạch": the checklist of every document in force, its filters, and the editor of the chosen item."""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView, QCheckBox, QComboBox, QFormLayout, QFrame, QHBoxLayout, QHeaderView,
    QLabel, QLineEdit, QMenu, QPlainTextEdit, QProgressBar, QSplitter, QTextBrowser, QTreeView, QVBoxLayout,
    QWidget,
)

from ...app import Services
from ...domain.checklist import MAX_ASSIGNEE_LENGTH, EARLIEST_DATE, ItemState
from ...domain.dates import format_ui_date
from ...domain.plan import ItemStatus, current_first
from ...domain.text import search_key, shorten
from ...domain.validation import ValidationError
from .. import events
from ..undo import SavedChangeCommand
from ..widgets import ALARM_STYLE, DateEdit, ProgressBarDelegate, SearchBox, error_label, heading_label
from .filter import ChecklistFilter, ChecklistFilterProxy, StatusFilter
from .model import ChecklistModel, Column, Node, NodeKind

EVIDENCE_SAVE_DELAY_MS = 800


class ItemEditor(QFrame):
    """The right-hand panel: the full text and the editable fields of one item."""

    edit_requested = Signal(int, dict)  # item id, changes

    def __init__(self, clock, parent=None):
        super().__init__(parent)
        self.clock = clock
        self.item_id: int | None = None
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setMinimumWidth(280)
        self._due_on: dt.date | None = None

        self.context = QLabel()
        self.context.setWordWrap(True)
        self.context.setStyleSheet("color: #555;")
        self.text = QLabel("Chọn một nội dung trong danh sách để cập nhật.")
        self.text.setWordWrap(True)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = self.text.font()
        font.setPointSize(font.pointSize() + 1)
        self.text.setFont(font)
        self.due = QLabel()

        self.status = QComboBox()
        for status in ItemStatus:
            self.status.addItem(status.label, status.value)
        self.completed_on = DateEdit(blank_allowed=True)  # blank: no date yet
        self.completed_on.setMinimumDate(EARLIEST_DATE)
        self.assignee = QLineEdit()
        self.assignee.setMaxLength(MAX_ASSIGNEE_LENGTH)
        self.assignee.setPlaceholderText("Ví dụ: Đ/c Nguyễn Văn A")
        self.evidence = QPlainTextEdit()
        self.evidence.setPlaceholderText("Văn bản, ảnh, đường dẫn… chứng minh nội dung đã làm")
        self.error = error_label()
        # what the document says under the task (the paragraphs of a numbered topic): read only
        self.detail_caption = QLabel("Nội dung chi tiết trong văn bản:")
        self.detail_caption.setStyleSheet("color: #555;")
        self.detail = QTextBrowser()
        self.detail.setOpenLinks(False)
        self.detail.setFrameShape(QFrame.Shape.NoFrame)
        self.detail.setStyleSheet("QTextBrowser { background: #f6f6f2; }")
        self.detail.setLineWrapMode(QTextBrowser.LineWrapMode.WidgetWidth)

        form = QFormLayout()
        form.addRow("Trạng thái:", self.status)
        form.addRow("Ngày hoàn thành:", self.completed_on)
        form.addRow("Người phụ trách:", self.assignee)
        layout = QVBoxLayout(self)
        layout.addWidget(self.context)
        layout.addWidget(self.text)
        layout.addWidget(self.due)
        layout.addLayout(form)
        layout.addWidget(QLabel("Minh chứng, ghi chú:"))
        layout.addWidget(self.evidence, 1)
        layout.addWidget(self.error)
        layout.addWidget(self.detail_caption)
        layout.addWidget(self.detail, 1)
        self._show_detail("")

        self._evidence_timer = QTimer(self, singleShot=True, interval=EVIDENCE_SAVE_DELAY_MS)
        self._evidence_timer.timeout.connect(self._save_evidence)
        self.status.activated.connect(lambda _: self._request(status=self.status.currentData()))
        self.completed_on.editingFinished.connect(self._save_completed_on)
        self.assignee.editingFinished.connect(lambda: self._request(assignee=self.assignee.text()))
        self.evidence.textChanged.connect(self._evidence_timer.start)
        self._set_enabled(False)

    def _set_enabled(self, enabled: bool) -> None:
        for widget in (self.status, self.completed_on, self.assignee, self.evidence):
            widget.setEnabled(enabled)

    def _show_detail(self, detail: str) -> None:
        self.detail.setPlainText(detail)
        self.detail_caption.setVisible(bool(detail))
        self.detail.setVisible(bool(detail))

    def show_node(self, node: Node | None) -> None:
        self.flush()
        self.error.hide()
        if node is None or node.kind is not NodeKind.ITEM:
            self.item_id = None
            self._due_on = None
            if node is not None and node.kind is NodeKind.DOCUMENT:
                summary = node.document
                self.context.setText(f"{summary.kind_label}: {summary.reference}"
                                     + (f"\nThời gian: {summary.window_text}" if summary.window_text else "")
                                     + ("\nĐã kết thúc" if summary.is_ended(self.clock()) else ""))
                self.text.setText(summary.title)
            else:
                self.context.setText(node.phase.display_title if node else "")
                self.text.setText(
                    (node.value.heading if node and node.kind is NodeKind.STAGE else "")
                    or "Chọn một nội dung trong danh sách để cập nhật."
                )
            self._clear_fields()
            self._set_enabled(False)
            self._show_detail("")
            return
        item = node.item
        self.item_id = item.id
        parent = node.parent
        trail = [f"{node.document.kind_label} {node.document.number}".strip(), node.phase.display_title]
        if parent is not None and parent.kind is NodeKind.STAGE:
            trail.append(parent.value.heading)
        if parent is not None and parent.kind is NodeKind.ITEM:
            trail.append("Thuộc: " + parent.item.text)
        self.context.setText("\n".join(trail))
        self.text.setText(("+ " if item.parent_id else "- ") + item.text)
        self._due_on = item.due_on
        self._show_state(ItemState(item.status, item.completed_on, item.assignee, item.evidence))
        self._set_enabled(True)
        self._show_detail(item.detail)

    def _clear_fields(self) -> None:
        for widget in (self.status, self.completed_on, self.assignee, self.evidence):
            widget.blockSignals(True)
        self.status.setCurrentIndex(-1)
        self.completed_on.clear()
        self.assignee.clear()
        self.evidence.clear()
        self.due.clear()
        for widget in (self.status, self.completed_on, self.assignee, self.evidence):
            widget.blockSignals(False)

    def _show_due(self, status: ItemStatus) -> None:
        if self._due_on is None:
            self.due.clear()
            return
        overdue = not status.is_closed and self.clock() > self._due_on
        self.due.setText(f"Hạn: {format_ui_date(self._due_on)}" + (" – quá hạn" if overdue else ""))
        self.due.setStyleSheet(ALARM_STYLE + " font-weight: bold;" if overdue else "")

    def _show_state(self, state: ItemState) -> None:
        self._show_due(state.status)
        for widget in (self.status, self.completed_on, self.assignee, self.evidence):
            widget.blockSignals(True)
        self.status.setCurrentIndex(self.status.findData(state.status.value))
        self.completed_on.setDate(state.completed_on)
        self.completed_on.setEnabled(state.status is ItemStatus.DONE)
        self.completed_on.setMaximumDate(self.clock(), "hôm nay")
        if self.assignee.text() != state.assignee:
            self.assignee.setText(state.assignee)
        if self.evidence.toPlainText() != state.evidence:
            self.evidence.setPlainText(state.evidence)
        for widget in (self.status, self.completed_on, self.assignee, self.evidence):
            widget.blockSignals(False)

    def refresh(self, item_id: int, state: ItemState) -> None:
        if item_id == self.item_id:
            self._show_state(state)

    def show_error(self, message: str) -> None:
        self.error.setText(message)
        self.error.setVisible(bool(message))

    def flush(self) -> None:
        """Saves typing that is still waiting for its timer (before switching items or closing)."""
        if self._evidence_timer.isActive():
            self._evidence_timer.stop()
            self._save_evidence()

    def _save_evidence(self) -> None:
        self._request(evidence=self.evidence.toPlainText())

    def _save_completed_on(self) -> None:
        """Saved when typing ends (Enter, Tab, a click elsewhere) or a day is picked; a date that cannot
        be taken keeps its text and says why, and nothing is saved."""
        problem = self.completed_on.problem()
        if problem:
            self.show_error(f"Ngày hoàn thành: {problem} Chưa lưu.")
            return
        day = self.completed_on.day()
        if day is None:
            return
        self.show_error("")
        self._request(completed_on=day)

    def _request(self, **changes) -> None:
        if self.item_id is not None:
            self.edit_requested.emit(self.item_id, changes)


class ChecklistPage(QWidget):
    title = "Kế hoạch"

    def __init__(self, services: Services, app_events: events.AppEvents, undo_stack: QUndoStack, parent=None):
        super().__init__(parent)
        self.services = services
        self.app_events = app_events
        self.undo_stack = undo_stack
        self.model = ChecklistModel(services.clock, self)
        self.proxy = ChecklistFilterProxy(self)
        self.proxy.setSourceModel(self.model)

        self.heading = heading_label("")
        self.progress = QProgressBar()
        self.progress.setFormat("Tiến độ chung: %p%")
        self.search = SearchBox("Tìm nội dung (gõ có dấu hoặc không dấu)…")
        self.status_filter = QComboBox()
        for choice in StatusFilter:
            self.status_filter.addItem(choice.label, choice)
        self.phase_filter = QComboBox()
        self.phase_filter.setMinimumContentsLength(18)
        self.phase_filter.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.overdue_only = QCheckBox("Chỉ nội dung quá hạn")
        self.count = QLabel()

        self.tree = QTreeView()
        self.tree.setModel(self.proxy)
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(True)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        # two lines of each item show without widening the window; the rest is in the tooltip
        self.tree.setItemDelegate(ProgressBarDelegate(self.tree, lines=2))
        self.tree.setWordWrap(True)
        self.tree.setTextElideMode(Qt.TextElideMode.ElideRight)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(Column.TEXT, QHeaderView.ResizeMode.Stretch)
        for column in (Column.STATUS, Column.DUE, Column.COMPLETED, Column.ASSIGNEE, Column.PROGRESS):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
        self.editor = ItemEditor(services.clock)

        filters = QHBoxLayout()
        filters.addWidget(self.search, 3)
        filters.addWidget(self.status_filter, 1)
        filters.addWidget(self.phase_filter, 2)
        filters.addWidget(self.overdue_only)
        splitter = QSplitter()
        splitter.addWidget(self.tree)
        splitter.addWidget(self.editor)
        splitter.setStretchFactor(0, 4)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([1000, 300])
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.progress)
        layout.addLayout(filters)
        layout.addWidget(self.count)
        layout.addWidget(splitter, 1)

        self.search.search_changed.connect(lambda _text: self._apply_filters())
        self.status_filter.currentIndexChanged.connect(self._apply_filters)
        self.phase_filter.currentIndexChanged.connect(self._apply_filters)
        self.overdue_only.toggled.connect(self._apply_filters)
        self.tree.selectionModel().currentChanged.connect(self._current_changed)
        self.tree.customContextMenuRequested.connect(self._context_menu)
        self.editor.edit_requested.connect(self.edit_item)
        app_events.changed.connect(self._on_changed)
        self.reload()

    # --- data ----------------------------------------------------------
    def reload(self) -> None:
        today = self.services.clock()
        trees = current_first(self.services.plans.trees_in_force(), today)
        if len(trees) == 1:
            summary = trees[0].summary
            self.heading.setText(f"{summary.reference}: {summary.title}"
                                 + (" – đã kết thúc" if summary.is_ended(today) else ""))
        elif trees:
            self.heading.setText(f"{len(trees)} văn bản đang áp dụng")
        else:
            self.heading.setText("Chưa có văn bản nào đang áp dụng. Hãy nhập văn bản cấp trên (menu Tệp) "
                                 "hoặc chọn văn bản áp dụng ở trang Cài đặt.")
        self.model.set_trees(trees)
        self.phase_filter.blockSignals(True)
        chosen = self.phase_filter.currentData()
        self.phase_filter.clear()
        self.phase_filter.addItem("Mọi văn bản, mọi đợt" if len(trees) > 1 else "Mọi đợt", None)
        for tree in trees:
            indent = ""
            if len(trees) > 1:
                self.phase_filter.addItem(tree.summary.heading(today, limit=50), f"d:{tree.summary.id}")
                indent = "    "
            for phase in tree.phases:
                self.phase_filter.addItem(indent + phase.display_title, f"p:{phase.id}")
        self.phase_filter.setCurrentIndex(max(0, self.phase_filter.findData(chosen)))
        self.phase_filter.blockSignals(False)
        self._apply_filters()
        self._update_progress()
        self._fit_columns()

    def _fit_columns(self) -> None:
        """The task text takes what the short columns leave: each is as wide as its header or its
        longest value, and a column no item fills yet (completion dates, people) is hidden."""
        metrics = self.tree.fontMetrics()
        header = self.tree.header()
        pad = 18

        def wide(*texts: str) -> int:
            return max(metrics.horizontalAdvance(text) for text in texts) + pad

        header_text = {column: self.model.headerData(column, Qt.Orientation.Horizontal) for column in Column}
        items = [node.item for node in self.model.by_item_id.values()]
        assignees = [item.assignee for item in items if item.assignee]
        widths = {
            Column.STATUS: wide(header_text[Column.STATUS], *(status.label for status in ItemStatus)),
            Column.DUE: wide(header_text[Column.DUE], "00/00/0000"),
            Column.COMPLETED: wide(header_text[Column.COMPLETED], "00/00/0000"),
            Column.ASSIGNEE: min(wide(header_text[Column.ASSIGNEE], *assignees[:500]), 160),
            Column.PROGRESS: wide(header_text[Column.PROGRESS], "100%") + 40,
        }
        shown = {Column.COMPLETED: any(item.completed_on for item in items), Column.ASSIGNEE: bool(assignees)}
        for column, width in widths.items():
            header.resizeSection(column, width)
            self.tree.setColumnHidden(column, not shown.get(column, True))

    def _on_changed(self, kind: str) -> None:
        if kind in (events.PLANS, events.ITEMS):
            self.reload()

    def _update_progress(self) -> None:
        progress = self.model.progress()
        self.progress.setRange(0, max(1, progress.counted))
        self.progress.setValue(progress.done)
        skipped = len(self.model.by_item_id) - progress.counted
        note = f"; {skipped} nội dung không áp dụng không tính" if skipped else ""
        self.progress.setFormat(
            f"Tiến độ chung: {progress.percent}% ({progress.done}/{progress.counted} nội dung đã hoàn thành{note})")

    def _apply_filters(self) -> None:
        current = self.editor.item_id
        scope = self.phase_filter.currentData() or ""
        criteria = ChecklistFilter(
            status=self.status_filter.currentData() or StatusFilter.ANY,
            phase_id=int(scope[2:]) if scope.startswith("p:") else None,
            plan_id=int(scope[2:]) if scope.startswith("d:") else None,
            overdue_only=self.overdue_only.isChecked(),
            query_key=search_key(self.search.text()),
        )
        self.proxy.set_criteria(criteria)
        self.tree.expandAll()
        if not criteria.selects_items and scope == "":
            self._fold_ended_documents()
        if current is not None and not self.select_item(current):
            # the item being edited is hidden by the filters: it must not stay editable unseen
            self.tree.selectionModel().clear()
            self.editor.show_node(None)
        shown = self.visible_item_count()
        total = len(self.model.by_item_id)
        self.count.setText(f"Đang hiện {shown} / {total} nội dung" if shown != total else f"{total} nội dung")

    def _fold_ended_documents(self) -> None:
        """An ended document stays in the tree, folded, so that today's work is what meets the eye."""
        today = self.services.clock()
        for row in range(self.proxy.rowCount()):
            index = self.proxy.index(row, 0)
            node = self.model.node(self.proxy.mapToSource(index))
            if node is not None and node.kind is NodeKind.DOCUMENT and node.document.is_ended(today):
                self.tree.collapse(index)

    def visible_item_count(self) -> int:
        """Items (and sub-items) that pass the filters."""
        today = self.services.clock()
        criteria = self.proxy.criteria
        return sum(criteria.accepts(node, today) for node in self.model.by_item_id.values())

    # --- selection and editing -------------------------------------------
    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self.editor.show_node(self.model.node(self.proxy.mapToSource(current)))

    def select_item(self, item_id: int) -> bool:
        """Selects the item; False when the filters hide it."""
        index = self.proxy.mapFromSource(self.model.index_of_item(item_id))
        if not index.isValid():
            return False
        self.tree.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
        )
        self.tree.scrollTo(index)
        return True

    def show_phase(self, phase_id: int) -> None:
        """Filters the tree to one phase, as chosen in the phase box."""
        self.phase_filter.setCurrentIndex(max(0, self.phase_filter.findData(f"p:{phase_id}")))

    def show_document(self, plan_id: int) -> None:
        """Filters the tree to one document in force (all of them when it is the only one)."""
        self.phase_filter.setCurrentIndex(max(0, self.phase_filter.findData(f"d:{plan_id}")))

    def edit_item(self, item_id: int, changes: dict) -> bool:
        """Saves one edit at once and records it for undo. False when the edit was refused."""
        try:
            before, after = self.services.checklist.update_item(item_id, **changes)
        except ValidationError as exc:
            self.editor.show_error(str(exc))
            self.editor.refresh(item_id, self.services.checklist.state(item_id))
            return False
        self.editor.show_error("")
        if before == after:
            return True
        text = self.model.by_item_id[item_id].item.text
        self.undo_stack.push(SavedChangeCommand(
            f"sửa “{shorten(text, 40)}”", before, after, lambda state, item_id=item_id: self._restore(item_id, state)
        ))
        self._show_saved(item_id, after)
        if (after.completed_on and self.tree.isColumnHidden(Column.COMPLETED)) or \
                (after.assignee and self.tree.isColumnHidden(Column.ASSIGNEE)):
            self._fit_columns()
        return True

    def _restore(self, item_id: int, state: ItemState) -> None:
        self.services.checklist.restore_state(item_id, state)
        self._show_saved(item_id, state)
        self.select_item(item_id)

    def _show_saved(self, item_id: int, state: ItemState) -> None:
        self.model.apply_state(item_id, state)
        self.editor.refresh(item_id, state)
        self._update_progress()
        self.app_events.changed.emit(events.CHECKLIST)

    def _context_menu(self, position) -> None:
        node = self.model.node(self.proxy.mapToSource(self.tree.indexAt(position)))
        if node is None or node.kind is not NodeKind.ITEM:
            return
        menu = QMenu(self)
        for status in ItemStatus:
            action = QAction(f"Đánh dấu: {status.label}", menu)
            action.setCheckable(True)
            action.setChecked(node.item.status is status)
            action.triggered.connect(lambda _=False, s=status, i=node.item.id: self.edit_item(i, {"status": s}))
            menu.addAction(action)
        menu.exec(self.tree.viewport().mapToGlobal(position))

    def flush(self) -> None:
        self.editor.flush()
