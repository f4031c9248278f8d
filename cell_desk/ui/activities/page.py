"""Page "Nhật ký hoạt động": the log of what the cell did, filtered by period, form and words;
add, edit, delete with undo; the selected activity's details and attachments; Excel out and in."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView, QComboBox, QHBoxLayout, QHeaderView, QLabel, QListWidget, QPlainTextEdit,
    QPushButton, QSplitter, QTableView, QVBoxLayout, QWidget,
)

from ...app import Services
from ...domain.activity import Activity, ActivityFilter
from ...domain.dates import add_months, format_ui_date, month_end, next_report_deadline, report_period
from ...domain.text import shorten
from ...domain.validation import ValidationError
from .. import events
from ..file_dialogs import open_file, save_file
from ..messages import ask_yes_no, offer_to_open, run_export, show_error
from ..undo import SavedChangeCommand
from ..widgets import OVERDUE_TEXT, SearchBox, date_edit, error_label, heading_label, to_qdate
from .attachments import AttachmentList
from .model import ID_ROLE, ActivityTableModel

ALL_FORMS = "Mọi hình thức"
PERIODS = ("Mọi thời gian", "Kỳ báo cáo hiện tại", "Tháng này", "Tháng trước", "Năm nay", "Khoảng ngày…")
CUSTOM_PERIOD = len(PERIODS) - 1


class ActivityPage(QWidget):
    title = "Nhật ký hoạt động"

    def __init__(self, services: Services, app_events: events.AppEvents, undo_stack: QUndoStack, parent=None):
        super().__init__(parent)
        self.services = services
        self.app_events = app_events
        self.undo_stack = undo_stack
        self.model = ActivityTableModel(self._fetch_ids, services.activities.rows_for, self)
        self.activity_filter = ActivityFilter()

        self.period = QComboBox()
        self.period.addItems(PERIODS)
        today = services.clock()
        self.date_from, self.date_to = date_edit(today.replace(day=1)), date_edit(today)
        self.form_filter = QComboBox()
        self.form_filter.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.form_filter.setMinimumContentsLength(18)
        self.search = SearchBox("Tìm trong nhật ký (gõ có dấu hoặc không dấu)…")
        filters = QHBoxLayout()
        filters.addWidget(QLabel("Thời gian:"))
        filters.addWidget(self.period)
        self.date_dash = QLabel("–")
        filters.addWidget(self.date_from)
        filters.addWidget(self.date_dash)
        filters.addWidget(self.date_to)
        filters.addWidget(self.form_filter, 1)
        filters.addWidget(self.search, 2)

        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        self.table.horizontalHeader().setSortIndicator(0, Qt.SortOrder.DescendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(26)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        for column, width in enumerate((95, 170, 0, 130, 150, 65, 70, 45)):
            if width:
                header.resizeSection(column, width)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)

        self.details = _Details(services)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(self.details)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([430, 220])

        self.add_button = QPushButton("Thêm hoạt động…")
        self.add_button.setToolTip("Ghi một hoạt động mới (Ctrl+N)")
        self.edit_button = QPushButton("Sửa…")
        self.delete_button = QPushButton("Xóa")
        self.delete_button.setToolTip("Xóa hoạt động đã chọn (phím Delete; Ctrl+Z để hoàn tác)")
        self.export_button = QPushButton("Xuất Excel…")
        self.export_button.setToolTip("Xuất các hoạt động đang hiện (theo bộ lọc) ra tệp Excel")
        self.import_button = QPushButton("Nhập từ Excel…")
        self.count_label = QLabel()
        actions = QHBoxLayout()
        for button in (self.add_button, self.edit_button, self.delete_button):
            actions.addWidget(button)
        actions.addStretch(1)
        actions.addWidget(self.count_label)
        actions.addStretch(1)
        actions.addWidget(self.import_button)
        actions.addWidget(self.export_button)
        self.message = QLabel()
        self.message.setWordWrap(True)

        layout = QVBoxLayout(self)
        layout.addWidget(heading_label(self.title))
        layout.addLayout(filters)
        self.range_warning = error_label()  # right under the dates it is about
        layout.addWidget(self.range_warning)
        layout.addWidget(splitter, 1)
        layout.addLayout(actions)
        layout.addWidget(self.message)

        self.period.currentIndexChanged.connect(self._period_changed)
        self.date_from.dateChanged.connect(lambda _d: self.apply_filter())
        self.date_to.dateChanged.connect(lambda _d: self.apply_filter())
        for edit in (self.date_from, self.date_to):  # a typed date that cannot be read is said at once
            edit.problem_changed.connect(lambda _p: self.apply_filter())
        self.form_filter.currentIndexChanged.connect(lambda _i: self.apply_filter())
        self.search.search_changed.connect(lambda _t: self.apply_filter())
        self.add_button.clicked.connect(self.add_activity)
        self.edit_button.clicked.connect(self.edit_selected)
        self.delete_button.clicked.connect(self.delete_selected)
        self.export_button.clicked.connect(self.ask_export)
        self.import_button.clicked.connect(self.ask_import)
        self.table.doubleClicked.connect(lambda _index: self.edit_selected())
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._selection_changed())
        QShortcut(QKeySequence.StandardKey.New, self, self.add_activity)
        QShortcut(QKeySequence(Qt.Key.Key_Delete), self.table, self.delete_selected)
        app_events.changed.connect(self._on_changed)
        self.reload_forms()
        self._period_changed(0)

    # --- filter -----------------------------------------------------------------
    def _fetch_ids(self, sort: str, descending: bool) -> list[int]:
        return self.services.activities.activity_ids(self.activity_filter, sort, descending)

    def reload_forms(self) -> None:
        chosen = self.form_filter.currentData()
        self.form_filter.blockSignals(True)
        self.form_filter.clear()
        self.form_filter.addItem(ALL_FORMS, None)
        for title in self.services.activities.forms():
            self.form_filter.addItem(shorten(title, 60), title)
            self.form_filter.setItemData(self.form_filter.count() - 1, title, Qt.ItemDataRole.ToolTipRole)
        self.form_filter.setCurrentIndex(max(0, self.form_filter.findData(chosen)))
        self.form_filter.blockSignals(False)

    def _period_changed(self, index: int) -> None:
        today = self.services.clock()
        custom = index == CUSTOM_PERIOD
        for edit in (self.date_from, self.date_to):
            edit.setEnabled(custom)
        bounds = self.period_bounds(index, today)
        if not custom:
            for edit, day in zip((self.date_from, self.date_to), bounds):
                edit.blockSignals(True)
                edit.setDate(edit.date() if day is None else to_qdate(day))
                edit.blockSignals(False)
        for widget in (self.date_from, self.date_dash, self.date_to):
            widget.setVisible(custom or bounds != (None, None))
        self.apply_filter()

    def period_bounds(self, index: int, today: dt.date) -> tuple[dt.date | None, dt.date | None]:
        if index == 1:
            return report_period(next_report_deadline(today, self.services.reports.report_day()))
        if index == 2:
            return today.replace(day=1), month_end(today.year, today.month)
        if index == 3:
            first = add_months(today.replace(day=1), -1)
            return first, month_end(first.year, first.month)
        if index == 4:
            return dt.date(today.year, 1, 1), dt.date(today.year, 12, 31)
        return None, None

    def current_filter(self) -> ActivityFilter:
        index = self.period.currentIndex()
        if index == CUSTOM_PERIOD:
            start, end = self.date_from.date().toPython(), self.date_to.date().toPython()
        else:
            start, end = self.period_bounds(index, self.services.clock())
        return ActivityFilter(date_from=start, date_to=end, form=self.form_filter.currentData(),
                              query=self.search.text())

    def apply_filter(self) -> None:
        self.activity_filter = self.current_filter()
        start, end = self.activity_filter.date_from, self.activity_filter.date_to
        inverted = bool(start and end and start > end)
        warning = ""
        if self.period.currentIndex() == CUSTOM_PERIOD:
            typed = [f"{label}: {edit.problem()}" for edit, label in ((self.date_from, "Từ ngày"),
                                                                      (self.date_to, "Đến ngày")) if edit.problem()]
            warning = " ".join(typed)
        if inverted:
            warning = (f"Ngày bắt đầu {format_ui_date(start)} sau ngày kết thúc {format_ui_date(end)}: không có hoạt "
                       "động nào trong khoảng này. Hãy sửa lại một trong hai ngày.")
        for edit in (self.date_from, self.date_to):
            edit.lineEdit().setStyleSheet(f"QLineEdit {{ border: 1px solid {OVERDUE_TEXT.name()}; }}"
                                          if inverted or edit.problem() else "")
        self.range_warning.setText(warning)
        self.range_warning.setVisible(bool(warning))
        keep = self.selected_id()
        self.model.reload()
        self._select(keep)
        self._update_count()

    def _update_count(self) -> None:
        shown = self.model.rowCount()
        self.export_button.setEnabled(shown > 0)
        if shown:
            self.count_label.setText(f"{shown:,} hoạt động".replace(",", ".") + (
                f" – {self.activity_filter.describe_period().lower()}" if self.activity_filter.date_from else ""))
        elif self.activity_filter == ActivityFilter(form=self.activity_filter.form) and not self.activity_filter.form:
            self.count_label.setText("Chưa có hoạt động nào: bấm “Thêm hoạt động…” để ghi hoạt động đầu tiên.")
        else:
            self.count_label.setText("Không có hoạt động nào khớp bộ lọc (đổi thời gian, hình thức hoặc chữ tìm).")

    def _on_changed(self, kind: str) -> None:
        if kind in (events.PLANS, events.ACTIVITIES):
            self.reload_forms()
            self.apply_filter()

    # --- selection ----------------------------------------------------------------
    def selected_id(self) -> int | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        return rows[0].data(ID_ROLE) if rows else None

    def _select(self, activity_id: int | None) -> None:
        row = self.model.row_of(activity_id) if activity_id is not None else None
        if row is None:
            self.table.clearSelection()
            self._selection_changed()
            return
        self.table.selectRow(row)
        self.table.scrollTo(self.model.index(row, 0))

    def _selection_changed(self) -> None:
        activity_id = self.selected_id()
        for button in (self.edit_button, self.delete_button):
            button.setEnabled(activity_id is not None)
        self.details.show_activity(self.services.activities.get(activity_id) if activity_id else None)

    # --- edits ----------------------------------------------------------------------
    def add_activity(self) -> None:
        from .dialog import ActivityDialog

        dialog = ActivityDialog(self.services, None, self)
        if dialog.exec() and dialog.result_activity:
            self.after_save(None, dialog.result_activity)

    def edit_selected(self) -> None:
        from .dialog import ActivityDialog

        activity_id = self.selected_id()
        if activity_id is None:
            return
        try:
            activity = self.services.activities.get(activity_id)
        except ValidationError as exc:
            self.message.setText(str(exc))
            return
        dialog = ActivityDialog(self.services, activity, self)
        if dialog.exec() and dialog.result_activity:
            self.after_save(dialog.before, dialog.result_activity)

    def after_save(self, before: Activity | None, after: Activity) -> None:
        """Records the save for undo, offers to mark the linked tasks done, shows the activity."""
        title = shorten(after.draft.title, 40)
        self.undo_stack.beginMacro(f"{'sửa' if before else 'thêm'} hoạt động “{title}”")
        self.undo_stack.push(SavedChangeCommand("", before, after,
                                                lambda state, i=after.id: self._restore(i, state)))
        self._offer_to_complete(after)
        self.undo_stack.endMacro()
        self.reload_forms()
        self.apply_filter()
        self._select(after.id)
        self.message.setText(f"Đã lưu hoạt động “{title}”.")
        self.app_events.changed.emit(events.ACTIVITIES)

    def _offer_to_complete(self, activity: Activity) -> None:
        draft = activity.draft
        day = draft.ends_on or draft.occurred_on
        if not draft.item_ids or day > self.services.clock():
            return  # a task is not done by an activity that has not happened yet
        from ...domain.plan import ItemStatus

        open_items = [i for i in draft.item_ids if self.services.checklist.state(i).status is not ItemStatus.DONE]
        if not open_items or not ask_yes_no(
                self, "Đánh dấu nhiệm vụ đã hoàn thành?",
                f"Hoạt động này gắn với {len(open_items)} nhiệm vụ của kế hoạch chưa đánh dấu hoàn thành.\n\n"
                f"Đánh dấu các nhiệm vụ đó là “Đã hoàn thành” ngày {format_ui_date(day)}, "
                "ghi hoạt động này làm minh chứng?"):
            return
        line = f"Hoạt động ngày {format_ui_date(draft.occurred_on)}: {draft.title}"
        try:
            changed = self.services.checklist.complete_items(open_items, day, line)
        except ValidationError as exc:
            show_error(self, "Chưa đánh dấu được", str(exc))
            return
        for item_id, before, after in changed:
            self.undo_stack.push(SavedChangeCommand("", before, after,
                                                    lambda state, i=item_id: self._restore_item(i, state)))
        self.app_events.changed.emit(events.ITEMS)

    def delete_selected(self) -> None:
        activity_id = self.selected_id()
        if activity_id is None:
            return
        activity = self.services.activities.get(activity_id)
        title = shorten(activity.draft.title, 60)
        if not ask_yes_no(self, "Xóa hoạt động?", f"Xóa hoạt động “{title}” ngày "
                          f"{format_ui_date(activity.draft.occurred_on)} khỏi nhật ký?\n\n"
                          "Có thể hoàn tác bằng Ctrl+Z."):
            return
        row = self.model.row_of(activity_id) or 0
        removed = self.services.activities.delete(activity_id)
        self.undo_stack.push(SavedChangeCommand(f"xóa hoạt động “{shorten(title, 40)}”", removed, None,
                                                lambda state, i=activity_id: self._restore(i, state)))
        self.apply_filter()
        if self.model.rowCount():
            self.table.selectRow(min(row, self.model.rowCount() - 1))
        self.message.setText(f"Đã xóa hoạt động “{title}” (Ctrl+Z để hoàn tác).")
        self.app_events.changed.emit(events.ACTIVITIES)

    def _restore(self, activity_id: int, state: Activity | None) -> None:
        if state is None:
            self.services.activities.delete(activity_id)
        else:
            self.services.activities.restore(state)
        self.apply_filter()
        self._select(activity_id if state else None)
        self.app_events.changed.emit(events.ACTIVITIES)

    def _restore_item(self, item_id: int, state) -> None:
        self.services.checklist.restore_state(item_id, state)
        self.app_events.changed.emit(events.ITEMS)

    # --- Excel ----------------------------------------------------------------------
    def ask_export(self) -> None:
        today = self.services.clock()
        path = save_file(self, "nhat-ky-excel", "Xuất nhật ký ra Excel", "Bảng tính Excel (*.xlsx)",
                         f"nhat-ky-hoat-dong-{today:%Y-%m-%d}.xlsx")
        if path:
            self.export_to(path if path.suffix.lower() == ".xlsx" else path.with_name(path.name + ".xlsx"))

    def export_to(self, path: Path) -> int | None:
        count = run_export(self, lambda: self.services.activity_excel.export(path, self.activity_filter),
                           target=path, label="Đang ghi nhật ký ra tệp Excel…")
        if count is not None:
            self.message.setText(f"Đã xuất {count} hoạt động ra {path}.")
            offer_to_open(self, "Đã xuất Excel", f"Đã xuất {count} hoạt động ra\n{path}", path)
        return count

    def ask_import(self) -> None:
        path = open_file(self, "nhat-ky-excel", "Nhập nhật ký từ Excel", "Bảng tính Excel (*.xlsx);;Mọi tệp (*)")
        if path:
            self.import_from(path)

    def import_from(self, path: Path) -> int:
        from ...imports.activities_xlsx import ActivityFileError
        from .import_dialog import ImportPreviewDialog

        try:
            preview = self.services.activity_excel.preview(path)
        except ActivityFileError as exc:
            show_error(self, "Không nhập được", str(exc))
            return 0
        dialog = ImportPreviewDialog(preview, self)
        if not dialog.exec():
            return 0
        added = self.services.activity_excel.commit(preview)
        self.reload_forms()
        self.apply_filter()
        self.message.setText(f"Đã nhập {added} hoạt động từ {path.name}.")
        self.app_events.changed.emit(events.ACTIVITIES)
        return added


class _Details(QWidget):
    """What the table has no room for: the content, the tasks, the attachments as thumbnails."""

    def __init__(self, services: Services, parent=None):
        super().__init__(parent)
        self.services = services
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        font = self.heading.font()
        font.setBold(True)
        self.heading.setFont(font)
        self.facts = QLabel()
        self.facts.setWordWrap(True)
        self.facts.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.content = QPlainTextEdit()
        self.content.setReadOnly(True)
        self.items = QListWidget()
        self.items.setWordWrap(True)
        self.attachments = AttachmentList()
        about = QVBoxLayout()
        about.addWidget(self.heading)
        about.addWidget(self.facts)
        about.addWidget(self.content, 1)
        tasks = QVBoxLayout()
        tasks.addWidget(QLabel("Nhiệm vụ kế hoạch:"))
        tasks.addWidget(self.items, 1)
        files = QVBoxLayout()
        files.addWidget(QLabel("Tệp đính kèm (nhấp đúp để mở):"))
        files.addWidget(self.attachments, 1)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.addLayout(about, 3)
        layout.addLayout(tasks, 2)
        layout.addLayout(files, 2)
        self.show_activity(None)

    def show_activity(self, activity: Activity | None) -> None:
        self.items.clear()
        self.attachments.clear()
        if activity is None:
            self.heading.setText("Chọn một hoạt động để xem chi tiết.")
            self.facts.setText("")
            self.content.setPlainText("")
            return
        draft = activity.draft
        self.heading.setText(draft.title)
        when = format_ui_date(draft.occurred_on) + (f" – {format_ui_date(draft.ends_on)}" if draft.ends_on else "")
        facts = [f"Ngày: {when}. Hình thức: {draft.form}"]
        facts.append(". ".join(f"{label}: {value}" for label, value in (
            ("Địa điểm", draft.place), ("Chủ trì", draft.organiser),
            ("Tham gia", f"{draft.party_members} đảng viên, {draft.others} người ngoài Đảng")) if value))
        if draft.tags:
            facts.append(f"Nhãn: {', '.join(draft.tags)}")
        self.facts.setText("\n".join(facts))
        self.content.setPlainText(draft.content)
        for _item_id, text in self.services.activities.linked_items(activity.id):
            self.items.addItem(f"• {text}")
        self.attachments.add_stored(self.services.activities, activity.attachments)
