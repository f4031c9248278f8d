"""Page "Tổng quan": the documents in force, the phases running today, progress, overdue items, the report deadline."""
from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QBrush
from PySide6.QtWidgets import (
    QAbstractItemView, QFrame, QGridLayout, QHBoxLayout, QHeaderView, QLabel, QListWidget, QListWidgetItem,
    QPushButton, QTableView, QVBoxLayout, QWidget,
)

from typing import TYPE_CHECKING

from ...domain.dates import format_ui_date
from ...domain.overview import Overview
from ...domain.plan import document_state_label
from .. import events
from ..table_model import RowTableModel
from ..plans.intake_labels import IMPORT_LABEL, IMPORT_TIP
from ..widgets import ALARM_STYLE, MUTED_TEXT, OVERDUE_TEXT, PROGRESS_ROLE, ProgressBarDelegate, heading_label

if TYPE_CHECKING:
    from ...app import Services
    from ...domain.cell_document import DueReport
    from ...storage.first_look import FirstLook

MAX_OVERDUE_LISTED = 8


class PhaseFiguresModel(RowTableModel):
    HEADERS = ("Văn bản", "Đợt", "Thời gian", "Tiến độ", "Quá hạn")
    PROGRESS_COLUMN = 3

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        figures = self.rows[index.row()]
        phase, column = figures.phase, index.column()
        if role == PROGRESS_ROLE and column == 3:
            return figures.progress.fraction
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return figures.document.short_name if figures.document else ""
            if column == 1:
                return phase.display_title + ("  (đang diễn ra)" if figures.running and not phase.is_standing else "")
            if column == 2:
                return f"{format_ui_date(phase.starts_on)} – {format_ui_date(phase.ends_on)}"
            if column == 3:
                return f"{figures.progress.percent}% ({figures.progress.done}/{figures.progress.counted})"
            if column == 4:
                return str(figures.overdue) if figures.overdue else "–"
        if role == Qt.ItemDataRole.ToolTipRole and column in (0, 1):
            return figures.document.heading() if column == 0 and figures.document else phase.display_title
        if role == Qt.ItemDataRole.ForegroundRole and column == 4 and figures.overdue:
            return QBrush(OVERDUE_TEXT)
        if role == Qt.ItemDataRole.TextAlignmentRole and column == 4:
            return int(Qt.AlignmentFlag.AlignCenter)
        return None


class DocumentFiguresModel(RowTableModel):
    """The documents in force: kind, number and title, window, progress, whether it runs today."""
    HEADERS = ("Văn bản", "Loại", "Thời gian", "Tiến độ", "Tình trạng")
    PROGRESS_COLUMN = 3

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        figures = self.rows[index.row()]
        summary, column = figures.summary, index.column()
        if role == PROGRESS_ROLE and column == 3:
            return figures.progress.fraction
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return f"{summary.short_name}: {summary.title}"
            if column == 1:
                return summary.kind_label
            if column == 2:
                return summary.window_text or "–"
            if column == 3:
                return f"{figures.progress.percent}% ({figures.progress.done}/{figures.progress.counted})"
            if column == 4:
                return document_state_label(figures.ended, figures.running)
        if role == Qt.ItemDataRole.ToolTipRole and column == 0:
            return f"{summary.reference}: {summary.title}"
        if role == Qt.ItemDataRole.ForegroundRole and column in (0, 4) and figures.ended:
            return QBrush(MUTED_TEXT)
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
    open_document = Signal(int)  # a plan id
    import_requested = Signal()  # the main window runs its "Nhập văn bản cấp trên…" action

    def __init__(self, services: Services | None, app_events: events.AppEvents, parent=None):
        """Without services the page waits for attach(); show_first_look() fills it meanwhile."""
        super().__init__(parent)
        self.services = services
        self.plan_title = heading_label("", 4)
        self.plan_reference = QLabel()
        self.plan_reference.setWordWrap(True)

        self.nothing_current = QFrame()
        self.nothing_current.setFrameShape(QFrame.Shape.StyledPanel)
        self.nothing_current.setStyleSheet("QFrame { background: #fff4e5; }")
        self.nothing_text = QLabel()
        self.nothing_text.setWordWrap(True)
        self.import_button = QPushButton(IMPORT_LABEL)
        self.import_button.setToolTip(IMPORT_TIP)
        self.import_button.clicked.connect(self.import_requested.emit)
        self.import_button.setEnabled(services is not None)
        notice = QHBoxLayout(self.nothing_current)
        notice.addWidget(self.nothing_text, 1)
        notice.addWidget(self.import_button, 0, Qt.AlignmentFlag.AlignVCenter)

        self.document_model = DocumentFiguresModel(self)
        self.document_table = QTableView()
        self.document_table.setModel(self.document_model)
        self.document_table.setItemDelegate(ProgressBarDelegate(self.document_table))
        self.document_table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.document_table.verticalHeader().hide()
        self.document_table.setToolTip("Bấm đúp để xem văn bản trong trang Kế hoạch")
        self.document_table.setWordWrap(False)
        header = self.document_table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2, 4):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.resizeSection(3, 160)
        self.document_table.activated.connect(
            lambda index: self.open_document.emit(self.document_model.rows[index.row()].summary.id))

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
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        header.resizeSection(3, 160)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.ResizeToContents)
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
        layout.addWidget(self.nothing_current)
        layout.addWidget(self.document_table)
        layout.addLayout(cards)
        layout.addWidget(QLabel("Tiến độ từng đợt:"))
        layout.addWidget(self.phase_table, 3)
        layout.addWidget(self.overdue_caption)
        self.app_events = app_events
        self.month_deadlines = None  # the chi bộ meeting and the anniversaries, made with the services
        self.bottom = QHBoxLayout()
        self.bottom.addWidget(self.overdue_list, 2)
        self.bottom.addStretch(3)  # where the deadlines go: two tables side by side need the room
        layout.addLayout(self.bottom, 2)
        if services is not None:
            self._add_month_deadlines()
        self._stale = False
        app_events.changed.connect(self._on_changed)
        if services is None:
            self.plan_title.setText("Đang mở dữ liệu…")
        self.refresh()

    def show_first_look(self, look: FirstLook) -> None:
        """The figures read at start-up, before the services are there."""
        self.show_overview(look.overview, look.due)

    def attach(self, services: Services) -> None:
        self.services = services
        self._add_month_deadlines()
        self.import_button.setEnabled(True)
        self.refresh()

    def _add_month_deadlines(self) -> None:
        from ..meetings.deadlines import MonthDeadlines

        self.month_deadlines = MonthDeadlines(self.services, self.app_events)
        stretch = self.bottom.takeAt(1)
        del stretch
        self.bottom.addWidget(self.month_deadlines, 3)

    def _show_report_due(self, overview: Overview, due: DueReport) -> None:
        days = due.days_left(overview.today)
        month = f"Báo cáo tháng {due.month:02d}/{due.year}"
        ended = (f"\nCác đợt của văn bản đang áp dụng đã kết thúc ngày {format_ui_date(overview.last_end)}."
                 if overview.all_ended and overview.last_end else "")
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
        if self.services is None:
            return
        self.show_overview(self.services.overview.overview(), self.services.reports.due_report())
        self.month_deadlines.refresh()

    def show_overview(self, overview: Overview, due: DueReport) -> None:
        today = format_ui_date(overview.today)
        documents = overview.documents
        if len(documents) == 1:
            summary = documents[0].summary
            self.plan_title.setText(summary.title)
            state = f"{summary.kind_label.lower()}{', đã kết thúc' if documents[0].ended else ''}"
            self.plan_reference.setText(f"Văn bản đang áp dụng: {summary.reference} ({state}) – hôm nay {today}")
        else:
            self.plan_title.setText("Các văn bản đang áp dụng" if documents else "Chưa có văn bản nào đang áp dụng")
            self.plan_reference.setText(f"{len(documents)} văn bản đang áp dụng – hôm nay {today}" if documents
                                        else f"Hôm nay {today}")
        self._show_nothing_current(overview)
        self.document_model.set_rows(documents)
        self.document_table.setVisible(bool(documents))
        rows = self.document_table.verticalHeader().defaultSectionSize()
        self.document_table.setFixedHeight(self.document_table.horizontalHeader().sizeHint().height()
                                           + rows * min(max(1, len(documents)), 4)
                                           + 2 * self.document_table.frameWidth() + 2)
        self.phase_table.setColumnHidden(0, len(documents) < 2)

        overall = overview.overall
        self.progress_card.show_figure(f"{overall.percent}%", f"{overall.done}/{overall.counted} nội dung đã hoàn thành")
        running = overview.running_phases
        if running:
            self.running_card.show_figure(
                str(len(running)),
                "\n".join(f"{phase.code or phase.title} đến {format_ui_date(phase.ends_on)}" for phase in running))
        else:
            upcoming = sorted((f.phase for f in overview.phases
                               if f.phase.starts_on > overview.today and not f.phase.is_standing),
                              key=lambda phase: phase.starts_on)
            detail = (f"Đợt tới {upcoming[0].code or upcoming[0].title} bắt đầu {format_ui_date(upcoming[0].starts_on)}"
                      if upcoming else "Các đợt của văn bản đang áp dụng đã kết thúc." if documents
                      else "Chưa có văn bản nào đang áp dụng.")
            self.running_card.show_figure("0", detail)
        late = len(overview.overdue_items)
        self.overdue_card.show_figure(str(late), "cần hoàn thành hoặc đánh dấu không áp dụng" if late
                                      else "Không có nội dung nào quá hạn.", alarm=bool(late))
        self._show_report_due(overview, due)
        self.phase_model.set_rows(overview.phases)
        history = sum(f.overdue for f in overview.phases) - late
        note = f"; {history} nội dung của văn bản đã kết thúc không tính" if history else ""
        if not late:
            self.overdue_caption.setText(f"Không có nội dung nào quá hạn cần làm ngay{' (' + note[2:] + ')' if note else ''}.")
        elif late <= MAX_OVERDUE_LISTED:
            self.overdue_caption.setText(f"Nội dung quá hạn ({late}{note}):")
        else:
            self.overdue_caption.setText(
                f"Nội dung quá hạn ({late}, hiện {MAX_OVERDUE_LISTED} nội dung đầu; xem đủ ở trang Kế hoạch):")
        self.overdue_list.setVisible(bool(late))
        self.overdue_list.clear()
        phase_codes = {figures.phase.id: figures.phase.code or figures.phase.title for figures in overview.phases}
        for item in overview.overdue_items[:MAX_OVERDUE_LISTED]:
            entry = QListWidgetItem(f"[{phase_codes[item.phase_id]}] hạn {format_ui_date(item.due_on)}: {item.text}")
            entry.setData(Qt.ItemDataRole.UserRole, item.id)
            self.overdue_list.addItem(entry)

    def _show_nothing_current(self, overview: Overview) -> None:
        """Says so plainly when no document in force runs today, with the import button at hand."""
        self.nothing_current.setVisible(not overview.has_current)
        if overview.has_current:
            return
        if not overview.documents:
            reason = "chưa có văn bản nào được chọn áp dụng"
        elif overview.all_ended:
            reason = "các văn bản đang áp dụng đều đã kết thúc"
        else:
            reason = "văn bản đang áp dụng chưa đến thời gian thực hiện"
        self.nothing_text.setText(
            f"<b>Chưa có văn bản nào đang áp dụng cho hôm nay</b> ({reason}). Hãy nhập kế hoạch, định hướng "
            "tháng hoặc hướng dẫn mới nhất của cấp trên. Văn bản đã kết thúc vẫn được giữ để tra cứu; có thể "
            "bỏ áp dụng ở trang Cài đặt.")
