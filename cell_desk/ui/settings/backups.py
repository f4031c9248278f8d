"""Choosing a backup: after a damaged start, and from Cài đặt."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView, QDialog, QHBoxLayout, QHeaderView, QLabel, QPushButton, QTableView, QVBoxLayout,
)

from ...storage.backups import BackupSummary, read_backup
from ...storage.errors import StorageError
from ..messages import show_error
from ..table_model import RowTableModel
from ..screen import fit_to_screen

BACKUP_FILTER = "Tệp sao lưu Cell Desk (*.zip *.sqlite3);;Mọi tệp (*)"


class BackupTableModel(RowTableModel):
    HEADERS = ("Thời điểm", "Loại", "Nội dung")

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        summary: BackupSummary = self.rows[index.row()]
        if role == Qt.ItemDataRole.ToolTipRole:
            return str(summary.path)
        return (summary.taken_at.strftime("%d/%m/%Y %H:%M"), summary.kind_label, summary.describe())[index.column()]


class BackupChooser(QDialog):
    """Lists backups with what they hold; the chosen path is in `chosen`."""

    def __init__(self, backups: list[BackupSummary], explanation: str, confirm_label: str,
                 cancel_label: str = "Hủy", parent=None):
        super().__init__(parent)
        self.setWindowTitle("Khôi phục dữ liệu từ bản sao lưu")
        self.chosen: Path | None = None
        self.model = BackupTableModel(self)
        self.model.set_rows(backups)
        text = QLabel(explanation)
        text.setWordWrap(True)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        if backups:
            self.table.selectRow(0)
        else:
            self.table.hide()
        empty = QLabel("Chưa có bản sao lưu nào trong thư mục dữ liệu. Có thể chọn một tệp sao lưu ở nơi khác.")
        empty.setVisible(not backups)
        self.restore_button = QPushButton(confirm_label)
        self.restore_button.setEnabled(bool(backups))
        self.other_button = QPushButton("Chọn tệp sao lưu khác…")
        cancel = QPushButton(cancel_label)
        buttons = QHBoxLayout()
        buttons.addWidget(self.other_button)
        buttons.addStretch(1)
        buttons.addWidget(self.restore_button)
        buttons.addWidget(cancel)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addWidget(self.table, 1)
        layout.addWidget(empty)
        layout.addLayout(buttons)
        self.restore_button.clicked.connect(self._restore_selected)
        self.other_button.clicked.connect(self._choose_file)
        cancel.clicked.connect(self.reject)
        fit_to_screen(self, 760, 380)

    def _restore_selected(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if rows:
            self.chosen = self.model.rows[rows[0].row()].path
            self.accept()

    def _choose_file(self) -> None:
        from ..file_dialogs import open_file

        path = open_file(self, "sao-luu", "Chọn tệp sao lưu", BACKUP_FILTER)
        if path:
            self.choose_path(path)

    def choose_path(self, path: Path) -> bool:
        try:
            read_backup(path)
        except StorageError as exc:
            show_error(self, "Không dùng được tệp này", str(exc))
            return False
        self.chosen = path
        self.accept()
        return True
