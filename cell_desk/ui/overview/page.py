"""Page "Tổng quan": the active plan, the phases running today, progress, overdue items, the report deadline."""
from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QBrush
from PySide6.QtWidgets import (
    QAbstractItemView, QFrame, QGridLayout, QHeaderView, QLabel, QListWidget, QListWidgetItem, QTableView,
    QVBoxLayout, QWidget,
)

from ...app import Services
from ...domain.dates import format_ui_date
from ...domain.overview import Overview
from .. import events
from ..table_model import RowTableModel
from ..widgets import ALARM_STYLE, OVERDUE_TEXT, PROGRESS_ROLE, ProgressBarDelegate, heading_label

MAX_OVERDUE_LISTED = 8


class PhaseFiguresModel(RowTableModel):
    HEADERS = ("Đợt", "Thời gian", "Tiến độ", "Quá hạn")

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        figures = self.rows[index.row()]
        phase, column = figures.phase, index.column()
        if role == PROGRESS_ROLE and column == 2:
            return figures.progress.fraction
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return phase.display_title + ("  (đang diễn ra)" if figures.running and not phase.is_standing else "")
            if column == 1:
                return f"{format_ui_date(phase.starts_on)} – {format_ui_date(phase.ends_on)}"
            if column == 2:
                return f"{figures.progress.percent}% ({figures.progress.done}/{figures.progress.counted})"
            if column == 3:
                return str(figures.overdue) if figures.overdue else "–"
        if role == Qt.ItemDataRole.ToolTipRole and column == 0:
            return phase.display_title
        if role == Qt.ItemDataRole.ForegroundRole and column == 3 and figures.overdue:
            return QBrush(OVERDUE_TEXT)
        if role == Qt.ItemDataRole.TextAlignmentRole and column == 3:
            return int(Qt.AlignmentFlag.AlignCenter)
        return None


class FigureCard(QFrame):
    def __init__(self, caption: str, parent=None):
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.caption = QLabel(caption)
        self.caption.setStyleSheet("color: #555;")
        self.value = heading_label("", 8)
        self.detail = QLabel()
        self.detail.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.caption)
        layout.addWidget(self.value)
        layout.addWidget(self.detail)
        layout.addStretch(1)

    def show_figure(self, value: str, detail: str, alarm: bool = False) -> None:
        self.value.setText(value)
        self.value.setStyleSheet(ALARM_STYLE if alarm else "")
        self.detail.setText(detail)


class OverviewPage(QWidget):
    title = "Tổng quan"
    open_item = Signal(int)  # an item id: show it on the checklist page
    open_phase = Signal(int)  # a phase id

    def __init__(self, services: Services, app_events: events.AppEvents, parent=None):
        super().__init__(parent)
        self.services = services
        self.plan_title = heading_label("", 4)
        self.plan_reference = QLabel()
        self.progress_card = FigureCard("Tiến độ chung")
        self.running_card = FigureCard("Đợt đang diễn ra")
        self.overdue_card = FigureCard("Nội dung quá hạn")
        self.report_card = FigureCard("Báo cáo tháng")
        self.phase_model = PhaseFiguresModel(self)
        self.phase_table = QTableView()
        self.phase_table.setModel(self.phase_model)
        self.phase_table.setItemDelegate(ProgressBarDelegate(self.phase_table))
        self.phase_table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.phase_table.verticalHeader().hide()
        header = self.phase_table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.resizeSection(2, 160)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.ResizeToContents)
        self.overdue_list = QListWidget()
        self.overdue_list.setWordWrap(True)
        self.overdue_list.setToolTip("Bấm đúp để mở nội dung trong trang Kế hoạch")
        self.phase_table.setToolTip("Bấm đúp để xem đợt trong trang Kế hoạch")
        self.overdue_list.itemActivated.connect(
            lambda entry: self.open_item.emit(entry.data(Qt.ItemDataRole.UserRole)))
        self.phase_table.activated.connect(
            lambda index: self.open_phase.emit(self.phase_model.rows[index.row()].phase.id))
        self.overdue_caption = QLabel()

        cards = QGridLayout()
        for column, card in enumerate((self.progress_card, self.running_card, self.overdue_card, self.report_card)):
            cards.addWidget(card, 0, column)
            cards.setColumnStretch(column, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.plan_title)
        layout.addWidget(self.plan_reference)
        layout.addLayout(cards)
        layout.addWidget(QLabel("Tiến độ từng đợt:"))
        layout.addWidget(self.phase_table, 3)
        layout.addWidget(self.overdue_caption)
        layout.addWidget(self.overdue_list, 2)
        self._stale = False
        app_events.changed.connect(self._on_changed)
        self.refresh()

    def _show_report_due(self, overview) -> None:
        due = self.services.reports.due_report()
        days = due.days_left(overview.today)
        month = f"Báo cáo tháng {due.month:02d}/{due.year}"
        plan_end = max(figures.phase.ends_on for figures in overview.phases) if overview.phases else None
        ended = f"\nCác đợt của kế hoạch đã kết thúc ngày {format_ui_date(plan_end)}." if (
            plan_end and plan_end < overview.today) else ""
        if due.is_sent:
            value, detail = "Đã gửi", f"{month}: {due.report.status_text.lower()}."
        elif days < 0:
            value = f"Trễ {-days} ngày"
            detail = f"{month} {'chưa gửi' if due.report else 'chưa soạn'} (hạn ngày {format_ui_date(due.deadline)})."
        else:
            value = "Hôm nay" if days == 0 else f"Còn {days} ngày"
            state = due.report.status_text.lower() if due.report else "chưa soạn"
            detail = f"Hạn báo cáo: ngày {format_ui_date(due.deadline)} ({month.lower()}: {state})."
        self.report_card.show_figure(value, detail + ended, alarm=not due.is_sent and days <= 3)

    def _on_changed(self, _kind: str) -> None:
        # Every checklist edit reports here; reading the whole plan again can wait until the
        # page is looked at.
        if self.isVisible():
            self.refresh()
        else:
            self._stale = True

    def showEvent(self, event) -> None:
        if self._stale:
            self.refresh()
        super().showEvent(event)

    def refresh(self) -> None:
        self._stale = False
        self.show_overview(self.services.overview.overview())

    def show_overview(self, overview: Overview) -> None:
        summary = overview.tree.summary
        self.plan_title.setText(summary.title)
        self.plan_reference.setText(f"Kế hoạch đang dùng: {summary.reference} – hôm nay {format_ui_date(overview.today)}")
        overall = overview.overall
        self.progress_card.show_figure(f"{overall.percent}%", f"{overall.done}/{overall.counted} nội dung đã hoàn thành")
        running = overview.running_phases
        if running:
            self.running_card.show_figure(
                str(len(running)), "\n".join(f"{phase.code} đến {format_ui_date(phase.ends_on)}" for phase in running)
            )
        else:
            upcoming = [f.phase for f in overview.phases if f.phase.starts_on > overview.today and not f.phase.is_standing]
            detail = (f"Đợt tới {upcoming[0].code} bắt đầu {format_ui_date(upcoming[0].starts_on)}" if upcoming
                      else "Các đợt của kế hoạch đã kết thúc.")
            self.running_card.show_figure("0", detail)
        late = len(overview.overdue_items)
        self.overdue_card.show_figure(str(late), "cần hoàn thành hoặc đánh dấu không áp dụng" if late
                                      else "Không có nội dung nào quá hạn.", alarm=bool(late))
        self._show_report_due(overview)
        self.phase_model.set_rows(overview.phases)
        self.overdue_caption.setText(
            f"Nội dung quá hạn ({late}):" if late <= MAX_OVERDUE_LISTED
            else f"Nội dung quá hạn ({late}, hiện {MAX_OVERDUE_LISTED} nội dung đầu; xem đủ ở trang Kế hoạch):"
        )
        self.overdue_list.clear()
        phase_codes = {figures.phase.id: figures.phase.code or figures.phase.title for figures in overview.phases}
        for item in overview.overdue_items[:MAX_OVERDUE_LISTED]:
            entry = QListWidgetItem(f"[{phase_codes[item.phase_id]}] hạn {format_ui_date(item.due_on)}: {item.text}")
            entry.setData(Qt.ItemDataRole.UserRole, item.id)
            self.overdue_list.addItem(entry)
