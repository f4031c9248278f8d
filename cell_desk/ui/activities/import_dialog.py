"""What an Excel file would bring into the log, shown before anything is written."""
from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (
    QCheckBox, QDialog, QDialogButtonBox, QHeaderView, QLabel, QTableView, QTabWidget, QVBoxLayout,
)

from ...domain.dates import format_ui_date
from ...services.activity_excel import ImportPreview
from ..table_model import RowTableModel
from ..screen import fit_to_screen


class _DraftModel(RowTableModel):
    HEADERS = ("Dòng", "Ngày", "Hình thức", "Tên hoạt động", "Số người")

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or role != Qt.ItemDataRole.DisplayRole:
            return None
        number, draft = self.rows[index.row()]
        return (str(number), format_ui_date(draft.occurred_on), draft.form, draft.title,
                str(draft.party_members + draft.others))[index.column()]


class _ReasonModel(RowTableModel):
    HEADERS = ("Dòng", "Lý do")

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        number, reason = self.rows[index.row()]
        return (str(number), reason)[index.column()]


class ImportPreviewDialog(QDialog):
    def __init__(self, preview: ImportPreview, parent=None):
        super().__init__(parent)
        self.preview = preview
        self.setWindowTitle(f"Nhập nhật ký từ {preview.file_name}")
        lines = [f"Trang “{preview.sheet_name}”: {preview.ready} hoạt động sẽ được nhập."]
        if preview.already_logged:
            lines.append(f"{len(preview.already_logged)} hoạt động đã có trong nhật ký (cùng ngày, hình thức, tên) "
                         "sẽ không nhập lại.")
        if preview.errors:
            lines.append(f"{len(preview.errors)} dòng có lỗi, xem thẻ “Dòng lỗi”. Nên sửa tệp rồi nhập lại.")
        lines.append("Chưa có gì được lưu: bấm “Nhập” để lưu tất cả trong một lần.")
        summary = QLabel("\n".join(lines))
        summary.setWordWrap(True)

        tabs = QTabWidget()
        for title, model_class, rows in (("Sẽ nhập", _DraftModel, preview.drafts),
                                         ("Dòng lỗi", _ReasonModel, preview.errors),
                                         ("Ghi chú", _ReasonModel, preview.notes)):
            if not rows and title != "Sẽ nhập":
                continue
            model = model_class(self)
            model.set_rows(list(rows))
            view = QTableView()
            view.setModel(model)
            view.verticalHeader().hide()
            view.horizontalHeader().setSectionResizeMode(model.columnCount() - 1 if title != "Sẽ nhập" else 3,
                                                         QHeaderView.ResizeMode.Stretch)
            tabs.addTab(view, f"{title} ({len(rows)})")
        if preview.errors:
            tabs.setCurrentIndex(1)

        self.skip_bad = QCheckBox(f"Bỏ qua {len(preview.errors)} dòng lỗi, chỉ nhập các dòng hợp lệ")
        self.skip_bad.setVisible(bool(preview.errors))
        buttons = QDialogButtonBox()
        self.import_button = buttons.addButton(f"Nhập {preview.ready} hoạt động", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton("Hủy", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.skip_bad.toggled.connect(lambda _checked: self._update_button())
        layout = QVBoxLayout(self)
        layout.addWidget(summary)
        layout.addWidget(tabs, 1)
        layout.addWidget(self.skip_bad)
        layout.addWidget(buttons)
        fit_to_screen(self, 900, 560)
        self._update_button()

    def _update_button(self) -> None:
        self.import_button.setEnabled(self.preview.ready > 0 and (not self.preview.errors or self.skip_bad.isChecked()))
