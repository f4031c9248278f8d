"""Page "Tổng hợp" (roll-up mode, for a đảng ủy): the packages its cells sent for a month, who is
late, the consolidated report and table it sends up, and the documents it sends down."""
from __future__ import annotations

import tempfile
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView, QComboBox, QHBoxLayout, QHeaderView, QInputDialog, QLabel,
    QPushButton, QTabWidget, QTableView, QVBoxLayout, QWidget,
)

from ...app import Services
from ...domain.rollup import Submission, period_label
from ...domain.validation import ValidationError
from ...storage.errors import StorageError
from .. import events
from ..messages import ask_choice, ask_yes_no, offer_to_open, open_file, run_export, show_error, show_info
from ..widgets import heading_label
from .models import CellRegisterModel, StandingModel

DROP_HINT = "Kéo thả vào đây thư mục (hoặc các tệp .zip) chứa gói báo cáo các chi bộ gửi lên."
MAX_LISTED = 12  # files named in a message; the rest are counted


class RollupPage(QWidget):
    title = "Tổng hợp"

    def __init__(self, services: Services, app_events: events.AppEvents, parent=None):
        super().__init__(parent)
        self.services, self.app_events = services, app_events
        self.rollup = services.rollup
        self.setAcceptDrops(True)

        self.period_choice = QComboBox()
        self.period_choice.setMinimumWidth(150)
        self.summary_label = QLabel()
        self.import_folder_button = QPushButton("Nhập thư mục gói…")
        self.import_folder_button.setToolTip("Chọn thư mục chứa các gói báo cáo (.zip) chi bộ gửi lên; cũng có thể "
                                             "kéo thả thư mục vào trang này")
        self.import_files_button = QPushButton("Nhập tệp gói…")
        self.report_button = QPushButton("Xuất báo cáo tổng hợp…")
        self.report_button.setToolTip("Báo cáo tháng của đảng ủy theo thể thức văn bản của Đảng, tổng hợp từ "
                                      "gói báo cáo của các chi bộ")
        self.table_button = QPushButton("Xuất bảng Excel…")
        self.table_button.setToolTip("Mỗi tháng một trang, mỗi chi bộ một dòng, có dòng cộng")
        self.send_down_button = QPushButton("Gửi văn bản xuống…")
        self.send_down_button.setToolTip("Xuất kế hoạch, định hướng… đang áp dụng ra tệp .json; chi bộ nhập "
                                         "bằng “Nhập văn bản cấp trên” là xong")
        top = QHBoxLayout()
        top.addWidget(QLabel("Kỳ báo cáo:"))
        top.addWidget(self.period_choice)
        top.addWidget(self.summary_label, 1)
        actions = QHBoxLayout()
        for button in (self.import_folder_button, self.import_files_button, self.report_button, self.table_button,
                       self.send_down_button):
            actions.addWidget(button)
        actions.addStretch(1)

        self.standing_model = StandingModel(self)
        self.standing_table = self._table(self.standing_model)
        header = self.standing_table.horizontalHeader()
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        for column in (0, 2, 3, 4, 5, 6, 7):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.drop_hint = QLabel(DROP_HINT)
        self.drop_hint.setWordWrap(True)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        standing_box = QWidget()
        standing_layout = QVBoxLayout(standing_box)
        standing_layout.addWidget(self.standing_table, 1)
        standing_layout.addWidget(self.drop_hint)
        standing_layout.addWidget(self.message)

        self.cell_model = CellRegisterModel(self)
        self.cell_table = self._table(self.cell_model)
        self.cell_table.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                        | QAbstractItemView.EditTrigger.EditKeyPressed)
        cell_header = self.cell_table.horizontalHeader()
        cell_header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        cell_header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.add_cells_button = QPushButton("Thêm chi bộ…")
        self.add_cells_button.setToolTip("Gõ hoặc dán danh sách, mỗi dòng một chi bộ")
        self.remove_cell_button = QPushButton("Xóa chi bộ đã chọn")
        cell_box = QWidget()
        cell_layout = QVBoxLayout(cell_box)
        cell_layout.addWidget(self.cell_table, 1)
        cell_buttons = QHBoxLayout()
        cell_buttons.addWidget(self.add_cells_button)
        cell_buttons.addWidget(self.remove_cell_button)
        cell_buttons.addStretch(1)
        cell_layout.addLayout(cell_buttons)

        # two tabs, each with the page's whole width: a 1024-pixel screen has none to share
        self.tabs = QTabWidget()
        self.tabs.addTab(standing_box, "Tình hình gửi báo cáo")
        self.tabs.addTab(cell_box, "Chi bộ trực thuộc")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(heading_label("Tổng hợp báo cáo các chi bộ"))
        layout.addLayout(top)
        layout.addLayout(actions)
        layout.addWidget(self.tabs, 1)

        self.period_choice.currentIndexChanged.connect(lambda _: self.reload_standings())
        self.import_folder_button.clicked.connect(self.ask_import_folder)
        self.import_files_button.clicked.connect(self.ask_import_files)
        self.report_button.clicked.connect(self.ask_export_report)
        self.table_button.clicked.connect(self.ask_export_table)
        self.send_down_button.clicked.connect(self.ask_send_down)
        self.add_cells_button.clicked.connect(self.ask_add_cells)
        self.remove_cell_button.clicked.connect(self.remove_chosen_cell)
        self.cell_model.edited.connect(self.save_cell)
        self.standing_table.doubleClicked.connect(self.open_cell_report)
        self.reload()

    @staticmethod
    def _table(model) -> QTableView:
        table = QTableView()
        table.setModel(model)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.verticalHeader().hide()
        table.setWordWrap(False)
        table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 8)
        return table

    # --- showing ------------------------------------------------------------------------
    def reload(self, period: str | None = None) -> None:
        periods = self.rollup.periods()
        # first shown: the newest month with a package (after the 20th the calendar has moved on to
        # the next report, but the desk is still gathering this one)
        chosen = period or self.period() or next((value for value in periods if self.rollup.has_reports(value)), None)
        self.period_choice.blockSignals(True)
        self.period_choice.clear()
        for value in periods:
            self.period_choice.addItem(period_label(value).capitalize(), value)
        self.period_choice.setCurrentIndex(max(0, periods.index(chosen)) if chosen in periods else 0)
        self.period_choice.blockSignals(False)
        cells = self.rollup.cells()
        self.cell_model.set_rows(cells)
        self.tabs.setTabText(1, f"Chi bộ trực thuộc ({len(cells)})")
        self.reload_standings()

    def period(self) -> str | None:
        return self.period_choice.currentData()

    def reload_standings(self) -> None:
        period = self.period()
        rows = self.rollup.standings(period) if period else []
        self.standing_model.set_rows(rows)
        if not rows:
            self.summary_label.setText("Chưa có chi bộ nào trong danh sách: hãy thêm các chi bộ ở thẻ “Chi bộ trực thuộc”.")
            return
        sent = sum(1 for row in rows if row.state.has_report)
        late = sum(1 for row in rows if row.state is Submission.LATE)
        overdue = sum(1 for row in rows if row.state is Submission.OVERDUE)
        parts = [f"{sent}/{len(rows)} chi bộ đã gửi"]
        if late:
            parts.append(f"{late} gửi muộn")
        if overdue:
            parts.append(f"{overdue} quá hạn chưa gửi")
        self.summary_label.setText("; ".join(parts) + ".")

    # --- taking packages in -------------------------------------------------------------
    def dragEnterEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        if event.mimeData().hasUrls() and any(url.isLocalFile() for url in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:  # noqa: N802
        paths = [Path(url.toLocalFile()) for url in event.mimeData().urls() if url.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            self.import_paths(paths)

    def ask_import_folder(self) -> None:
        from ..file_dialogs import choose_folder

        folder = choose_folder(self, "goi-bao-cao", "Chọn thư mục chứa gói báo cáo của các chi bộ")
        if folder:
            self.import_paths([folder])

    def ask_import_files(self) -> None:
        from ..file_dialogs import open_files

        paths = open_files(self, "goi-bao-cao", "Chọn gói báo cáo", "Gói báo cáo Cell Desk (*.zip)")
        if paths:
            self.import_paths(paths)

    def import_paths(self, paths: list[Path]) -> None:
        from ...services.rollup import Arrival

        try:
            preview = self.rollup.preview(paths)
        except ValidationError as exc:
            show_error(self, "Chưa nhập được", str(exc))
            return
        if not preview.packages:
            self.message.setText("Không thấy gói báo cáo (.zip) nào ở nơi đã chọn.")
            return
        replace = False
        resent = preview.of(Arrival.REPLACES)
        if resent:
            listed = "\n".join(f"– {incoming.message}" for incoming in resent[:MAX_LISTED])
            more = f"\n… và {len(resent) - MAX_LISTED} gói khác." if len(resent) > MAX_LISTED else ""
            answer = ask_choice(self, "Có gói báo cáo gửi lại",
                                f"{len(resent)} chi bộ gửi lại báo cáo của kỳ đã nhập:\n{listed}{more}\n\n"
                                "Dùng bản mới thay cho bản đã nhập?", ["Dùng bản mới", "Giữ bản đã nhập"])
            replace = answer == 0
        try:
            result = self.rollup.apply(preview, replace=replace)
        except (StorageError, ValidationError) as exc:
            show_error(self, "Chưa nhập được", f"{exc}\n\nChưa có gói nào của lần nhập này được lưu.")
            return
        refused = preview.of(Arrival.REFUSED)
        periods = sorted({incoming.package.period for incoming in preview.of(Arrival.NEW, Arrival.REPLACES)})
        self.reload(periods[-1] if periods else None)
        self.message.setText(result.summary())
        if refused:
            listed = "\n\n".join(incoming.message for incoming in refused[:MAX_LISTED])
            more = f"\n\n… và {len(refused) - MAX_LISTED} tệp khác." if len(refused) > MAX_LISTED else ""
            show_error(self, "Có tệp không nhập được", f"{result.summary()}\n\n{listed}{more}")

    # --- the cells ----------------------------------------------------------------------
    def ask_add_cells(self) -> None:
        dialog = QInputDialog(self)
        dialog.setWindowTitle("Thêm chi bộ trực thuộc")
        dialog.setLabelText("Tên chi bộ, mỗi dòng một chi bộ (có thể dán cả danh sách):")
        dialog.setOption(QInputDialog.InputDialogOption.UsePlainTextEditForTextInput)
        dialog.setOkButtonText("Thêm")
        dialog.setCancelButtonText("Hủy")
        if dialog.exec():
            self.add_cells(dialog.textValue())

    def add_cells(self, text: str) -> None:
        try:
            added = self.rollup.register_many(text)
        except (ValidationError, StorageError) as exc:
            show_error(self, "Chưa thêm được", str(exc))
            return
        self.reload()
        self.message.setText(f"Đã thêm {len(added)} chi bộ." if added else "Các chi bộ này đã có trong danh sách.")

    def save_cell(self, cell) -> None:
        try:
            self.rollup.update_cell(cell)
        except (ValidationError, StorageError) as exc:
            show_error(self, "Chưa lưu được", str(exc))
        self.reload()

    def remove_chosen_cell(self) -> None:
        rows = self.cell_table.selectionModel().selectedRows()
        if not rows:
            self.message.setText("Hãy chọn chi bộ cần xóa trong danh sách.")
            return
        cell = self.cell_model.rows[rows[0].row()]
        held = self.rollup.reports_held(cell.id)
        warning = f"\n\nCác gói báo cáo đã nhập của chi bộ ({held} tháng) cũng bị xóa." if held else ""
        if ask_yes_no(self, "Xóa chi bộ", f"Xóa “{cell.name}” khỏi danh sách chi bộ trực thuộc?{warning}"):
            self.rollup.remove_cell(cell.id)
            self.reload()

    def open_cell_report(self, index) -> None:
        row = self.standing_model.rows[index.row()]
        if row.report is None:
            return
        data = self.rollup.report_docx(row.cell.id, self.period())
        if not data:
            show_info(self, "Không có tệp Word", "Gói báo cáo này không kèm tệp Word.")
            return
        folder = Path(tempfile.mkdtemp(prefix="cell-desk-bao-cao-"))
        path = folder / f"{row.cell.name} – {period_label(self.period())}.docx"
        path.write_bytes(data)
        open_file(self, path)

    # --- what goes up and down ----------------------------------------------------------
    def _file_stem(self) -> str:
        return f"tong-hop-{self.period()}"

    def _ask_target(self, title: str, filters: str, suffix: str) -> Path | None:
        from ..file_dialogs import save_file

        if self.period() is None:
            return None
        return save_file(self, "tong-hop", title, filters, f"{self._file_stem()}{suffix}")

    def ask_export_report(self) -> None:
        path = self._ask_target("Xuất báo cáo tổng hợp", "Tài liệu Word (*.docx)", ".docx")
        if path:
            self.export_report_to(path)

    def export_report_to(self, path: Path) -> Path | None:
        from ...domain.party_document import FormatProfileError

        period = self.period()
        written = run_export(self, lambda: self.rollup.export_consolidated(period, path), (FormatProfileError,),
                             target=path)
        if written:
            offer_to_open(self, "Đã xuất báo cáo tổng hợp", f"Đã ghi {written}", written)
        return written

    def ask_export_table(self) -> None:
        path = self._ask_target("Xuất bảng tổng hợp", "Bảng tính Excel (*.xlsx)", ".xlsx")
        if path:
            self.export_table_to(path)

    def export_table_to(self, path: Path) -> Path | None:
        """Every month with a package, newest first, and the month on screen: one sheet each (the
        month being reported now, with nothing in yet, is no sheet of its own unless it is chosen)."""
        periods = [period for period in self.rollup.periods()
                   if period == self.period() or self.rollup.has_reports(period)]
        written = run_export(self, lambda: self.rollup.export_summary(periods, path), target=path)
        if written:
            offer_to_open(self, "Đã xuất bảng tổng hợp", f"Đã ghi {written} ({len(periods)} tháng)", written)
        return written

    def ask_send_down(self) -> None:
        from ..file_dialogs import save_file

        documents = self.services.plans.list_plans()
        if not documents:
            self.message.setText("Chưa có văn bản nào để gửi xuống.")
            return
        in_force = [summary for summary in documents if summary.is_active] or documents
        labels = [f"{summary.reference}: {summary.title} ({summary.kind_label})" for summary in in_force]
        dialog = QInputDialog(self)
        dialog.setWindowTitle("Gửi văn bản xuống chi bộ")
        dialog.setLabelText("Văn bản gửi xuống các chi bộ:")
        dialog.setComboBoxItems(labels)
        dialog.setOkButtonText("Chọn")
        dialog.setCancelButtonText("Hủy")
        if not dialog.exec():
            return
        summary = in_force[labels.index(dialog.textValue())]
        path = save_file(self, "gui-xuong", "Lưu tệp gửi các chi bộ", "Tệp văn bản Cell Desk (*.json)",
                         self.services.exchange.file_name(summary.id))
        if path:
            self.send_down(summary.id, path)

    def send_down(self, plan_id: int, path: Path) -> Path | None:
        written = run_export(self, lambda: self.services.exchange.export(plan_id, path), target=path)
        if written:
            self.message.setText(f"Đã ghi {written}. Gửi tệp này cho các chi bộ: ở Cell Desk của chi bộ, chọn "
                                 "“Nhập văn bản cấp trên…” rồi chọn tệp là xong.")
        return written
