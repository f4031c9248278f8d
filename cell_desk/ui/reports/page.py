"""Page "Báo cáo": the monthly reports by month with their status and deadline, and the cell's
own plan, each edited in a DocumentEditor."""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QBrush
from PySide6.QtWidgets import (
    QAbstractItemView, QCheckBox, QHBoxLayout, QHeaderView, QLabel, QPushButton, QSpinBox, QSplitter, QTableView,
    QTabWidget, QVBoxLayout, QWidget,
)

from ...app import Services
from ...domain.dates import add_months, format_ui_date, report_deadline
from ...domain.report import CELL_PLAN, MAX_EXAMPLES, REPORT, CellDocument, DocumentStatus, deadline_status
from .. import events
from ..table_model import RowTableModel
from ..widgets import DONE_TEXT, MUTED_TEXT, OVERDUE_TEXT, heading_label
from .editor import DocumentEditor

MONTHS_SHOWN = 12


class MonthRow:
    def __init__(self, year: int, month: int, deadline: dt.date, report: CellDocument | None,
                 just_passed: bool = False):
        self.year, self.month, self.deadline, self.report = year, month, deadline, report
        self.just_passed = just_passed


class MonthModel(RowTableModel):
    HEADERS = ("Tháng", "Hạn nộp", "Số", "Trạng thái")

    def __init__(self, today: dt.date, parent=None):
        super().__init__(parent)
        self.today = today

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row: MonthRow = self.rows[index.row()]
        report = row.report
        # Late: a report written and not sent after its deadline, or the month just passed with none;
        # older months never written are only "not written" (the cell may have begun using Cell Desk later).
        late = row.deadline < self.today and (
            (report is not None and report.status is not DocumentStatus.SENT) or (report is None and row.just_passed))
        if role == Qt.ItemDataRole.DisplayRole:
            status = report.status_text if report else "Chưa soạn"
            if late:
                status += f" – trễ {(self.today - row.deadline).days} ngày"
            return (f"{row.month:02d}/{row.year}", format_ui_date(row.deadline),
                    f"{report.number:02d}" if report else "", status)[index.column()]
        if role == Qt.ItemDataRole.ForegroundRole and index.column() == 3:
            if late:
                return QBrush(OVERDUE_TEXT)
            if report is not None and report.status is DocumentStatus.SENT:
                return QBrush(DONE_TEXT)
            if report is None:
                return QBrush(MUTED_TEXT)
        return None


class ReportPage(QWidget):
    title = "Báo cáo"

    def __init__(self, services: Services, app_events: events.AppEvents, parent=None):
        super().__init__(parent)
        self.services = services
        self.app_events = app_events

        self.months = MonthModel(services.clock(), self)
        self.month_table = QTableView()
        self.month_table.setModel(self.months)
        self.month_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.month_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.month_table.verticalHeader().hide()
        header = self.month_table.horizontalHeader()
        for column in (0, 1, 2):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.month_table.setMinimumWidth(260)
        self.deadline = QLabel()
        self.deadline.setWordWrap(True)
        self.create_button = QPushButton("Soạn báo cáo tháng này")
        self.create_button.setToolTip("Soạn báo cáo từ nhật ký hoạt động và tiến độ kế hoạch của kỳ")
        self.report_editor = DocumentEditor(services, REPORT)
        # how section I is drafted: a few activities of each form, the full list as an annex if wanted
        self.examples = QSpinBox()
        self.examples.setRange(0, MAX_EXAMPLES)
        self.examples.setValue(services.reports.examples_per_form())
        self.examples.setToolTip("Số hoạt động tiêu biểu nêu dưới mỗi hình thức khi soạn phần kết quả")
        self.annex = QCheckBox("Kèm phụ lục danh sách hoạt động")
        self.annex.setChecked(services.reports.annex_wanted())
        self.annex.setToolTip("In toàn bộ danh sách hoạt động của kỳ thành phụ lục sau chữ ký")
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        top = QHBoxLayout()
        top.addWidget(self.deadline, 1)
        top.addWidget(self.create_button)
        preferences = QHBoxLayout()
        preferences.addWidget(QLabel("Mỗi hình thức nêu"))
        preferences.addWidget(self.examples)
        preferences.addWidget(QLabel("hoạt động tiêu biểu"))
        preferences.addSpacing(16)
        preferences.addWidget(self.annex)
        preferences.addStretch(1)
        right_layout.addLayout(top)
        right_layout.addLayout(preferences)
        right_layout.addWidget(self.report_editor, 1)
        splitter = QSplitter()
        splitter.addWidget(self.month_table)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([300, 900])

        self.plan_editor = DocumentEditor(services, CELL_PLAN)
        self.plan_note = QLabel()
        self.plan_note.setWordWrap(True)
        plan_tab = QWidget()
        plan_layout = QVBoxLayout(plan_tab)
        plan_layout.addWidget(self.plan_note)
        plan_layout.addWidget(self.plan_editor, 1)

        self.tabs = QTabWidget()
        self.tabs.addTab(splitter, "Báo cáo tháng")
        self.tabs.addTab(plan_tab, "Kế hoạch của chi bộ")
        layout = QVBoxLayout(self)
        layout.addWidget(heading_label("Báo cáo và kế hoạch của chi bộ"))
        layout.addWidget(self.tabs, 1)

        self.month_table.selectionModel().selectionChanged.connect(lambda *_: self._show_selected())
        self.create_button.clicked.connect(self.create_selected)
        for editor in (self.report_editor, self.plan_editor):
            editor.fill_profile_requested.connect(self.show_profile_form)
        self.examples.valueChanged.connect(services.reports.set_examples_per_form)
        self.annex.toggled.connect(services.reports.set_annex_wanted)
        self.report_editor.changed.connect(self._report_changed)
        self.plan_editor.changed.connect(lambda: app_events.changed.emit(events.DOCUMENTS))
        self.tabs.currentChanged.connect(self._tab_changed)
        app_events.changed.connect(self._on_changed)
        self.reload_months()
        self.select_month(*services.reports.current_month())

    # --- months ---------------------------------------------------------------------
    def reload_months(self) -> None:
        keep = self.selected_month()
        year, month = self.services.reports.current_month()
        stored = {r.month: r for r in self.services.reports.reports()}
        day = self.services.reports.report_day()
        plan_start = self.services.reports.plan_start()
        shown = [(d.year, d.month) for d in (add_months(dt.date(year, month, 1), -n) for n in range(MONTHS_SHOWN))
                 if report_deadline(d.year, d.month, day) >= plan_start]  # no report is due before the plan
        shown += sorted((m for m in stored if m not in shown), reverse=True)  # older reports stay listed
        due = self.services.reports.due_report()  # the month just passed when it is late
        self.months.today = self.services.clock()
        self.months.set_rows([MonthRow(y, m, report_deadline(y, m, day), stored.get((y, m)),
                                       just_passed=(y, m) == (due.year, due.month)) for y, m in shown])
        if keep:
            self.select_month(*keep)

    def selected_month(self) -> tuple[int, int] | None:
        rows = self.month_table.selectionModel().selectedRows()
        if not rows:
            return None
        row = self.months.rows[rows[0].row()]
        return row.year, row.month

    def select_month(self, year: int, month: int) -> None:
        for number, row in enumerate(self.months.rows):
            if (row.year, row.month) == (year, month):
                self.month_table.selectRow(number)
                return

    def _show_selected(self) -> None:
        chosen = self.selected_month()
        if chosen is None:
            return
        row = next(r for r in self.months.rows if (r.year, r.month) == chosen)
        report = self.services.reports.report_for(*chosen)
        if report is not None:
            report = self.services.reports.refreshed(report.id)  # what is not edited follows the data
        self.deadline.setText(f"Báo cáo tháng {chosen[1]:02d}/{chosen[0]} (kỳ "
                              f"{' – '.join(format_ui_date(d) for d in self.services.reports.period_of(*chosen))}). "
                              + deadline_status(row.deadline, self.services.clock(), report) + ".")
        self.create_button.setVisible(report is None)
        self.create_button.setText(f"Soạn báo cáo tháng {chosen[1]:02d}/{chosen[0]}")
        self.report_editor.show_document(report)

    def create_selected(self) -> None:
        chosen = self.selected_month()
        if chosen is None:
            return
        self.services.reports.open_report(*chosen)
        self.reload_months()
        self._show_selected()
        self.app_events.changed.emit(events.DOCUMENTS)

    def _report_changed(self) -> None:
        chosen = self.selected_month()
        self.reload_months()
        if chosen:
            self.select_month(*chosen)
        self.app_events.changed.emit(events.DOCUMENTS)

    # --- the cell's plan ---------------------------------------------------------------
    def _tab_changed(self, index: int) -> None:
        if index == 1 and self.plan_editor.document is None:
            self.show_cell_plan()

    def show_cell_plan(self) -> None:
        try:
            plan = self.services.reports.open_cell_plan()
        except LookupError as exc:
            self.plan_note.setText(str(exc))
            return
        tree_summary = self.services.reports.upper_plan().summary
        self.plan_note.setText(f"Kế hoạch của chi bộ thực hiện {tree_summary.reference}. Sửa từng phần cho sát "
                               "tình hình chi bộ; mọi thay đổi được lưu ngay.")
        self.plan_editor.show_document(plan)

    def _on_changed(self, kind: str) -> None:
        if kind in (events.ACTIVITIES, events.PLANS, events.PROFILE):
            self.reload_months()
        if kind == events.PLANS:
            self.plan_editor.show_document(None)
            if self.tabs.currentIndex() == 1:
                self.show_cell_plan()

    def show_profile_form(self) -> None:
        """Cài đặt, with the cursor in the first detail still to fill in."""
        window = self.window()
        if not hasattr(window, "settings_page"):
            return
        settings = window.settings_page
        window.show_page(settings)
        from ...domain.profile import fields_left_at_default

        left = fields_left_at_default(self.services.settings.profile(), self.services.settings.has_profile())
        field = settings.form.fields.get(left[0]) if left else None
        if field is not None:
            field.setFocus()
            field.selectAll()

    def flush(self) -> None:
        self.report_editor.flush()
        self.plan_editor.flush()
