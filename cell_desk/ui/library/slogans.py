"""The slogan tab: search, occasions, favourites, copy, edit, retire, print a banner."""
from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QGuiApplication, QKeySequence, QShortcut, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView, QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFormLayout, QHBoxLayout, QHeaderView,
    QLabel, QLineEdit, QPlainTextEdit, QPushButton, QTableView, QVBoxLayout, QWidget,
)

from ...app import Services
from ...domain.library import OCCASIONS, Slogan, clean_slogan
from ...domain.validation import ValidationError
from ..table_model import RowTableModel
from ..undo import SavedChangeCommand
from ..widgets import SearchBox, error_label
from ..screen import fit_to_screen

ALL_OCCASIONS = "Mọi dịp"


class SloganTableModel(RowTableModel):
    HEADERS = ("Số", "Khẩu hiệu", "Dịp", "Yêu thích")

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        slogan, column = self.rows[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return (str(slogan.number), slogan.text + (" (thôi dùng)" if slogan.is_retired else ""),
                    ", ".join(slogan.tags), "★" if slogan.is_favourite else "")[column]
        if role == Qt.ItemDataRole.ToolTipRole and column == 1:
            return slogan.text
        if role == Qt.ItemDataRole.ForegroundRole and slogan.is_retired:
            return QBrush(QColor("#8a8a8a"))
        if role == Qt.ItemDataRole.ForegroundRole and column == 3:
            return QBrush(QColor("#c28a00"))
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (0, 3):
            return int(Qt.AlignmentFlag.AlignCenter)
        return None


class SloganDialog(QDialog):
    """Adding or editing one slogan; refuses an empty or overlong text in place."""

    def __init__(self, slogan: Slogan | None, known_tags: list[str], parent=None):
        super().__init__(parent)
        self.setWindowTitle("Sửa khẩu hiệu" if slogan else "Thêm khẩu hiệu")
        self.text = QPlainTextEdit(slogan.text if slogan else "")
        self.text.setFixedHeight(90)
        self.tags = QLineEdit(", ".join(slogan.tags) if slogan else "")
        self.tags.setPlaceholderText("Ví dụ: Đại hội, Tết")
        self.add_tag = QComboBox()
        self.add_tag.addItem("Thêm dịp…")
        self.add_tag.addItems(sorted(set(OCCASIONS) | set(known_tags)))
        self.add_tag.activated.connect(self._append_tag)
        self.error = error_label()
        tag_row = QHBoxLayout()
        tag_row.addWidget(self.tags, 1)
        tag_row.addWidget(self.add_tag)
        form = QFormLayout()
        form.addRow("Nội dung:", self.text)
        form.addRow("Dịp:", tag_row)
        buttons = QDialogButtonBox()
        self.save_button = buttons.addButton("Lưu", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton("Hủy", QDialogButtonBox.ButtonRole.RejectRole)
        self.save_button.clicked.connect(self._save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        fit_to_screen(self, 560, self.sizeHint().height())
        self.values: tuple[str, list[str]] | None = None

    def _append_tag(self, index: int) -> None:
        if index > 0:
            current = [t.strip() for t in self.tags.text().split(",") if t.strip()]
            tag = self.add_tag.itemText(index)
            if tag not in current:
                self.tags.setText(", ".join([*current, tag]))
        self.add_tag.setCurrentIndex(0)

    def _save(self) -> None:
        try:
            self.values = clean_slogan(self.text.toPlainText(), self.tags.text().split(","))
        except ValidationError as exc:
            self.error.setText(str(exc))
            self.error.show()
            return
        self.accept()


class SloganTab(QWidget):
    def __init__(self, services: Services, undo_stack: QUndoStack, parent=None):
        super().__init__(parent)
        self.services = services
        self.undo_stack = undo_stack
        self.model = SloganTableModel(self)

        self.search = SearchBox("Tìm khẩu hiệu (gõ có dấu hoặc không dấu)…")
        self.occasion = QComboBox()
        self.favourites_only = QCheckBox("Chỉ mục yêu thích")
        self.show_retired = QCheckBox("Hiện cả khẩu hiệu thôi dùng")
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.resizeSection(2, 190)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.ResizeToContents)
        # wrapped rows need their height again whenever the text column changes width
        header.sectionResized.connect(lambda *_: self.table.resizeRowsToContents())
        self.message = QLabel()

        self.add_button = QPushButton("Thêm…")
        self.edit_button = QPushButton("Sửa…")
        self.favourite_button = QPushButton("★ Yêu thích")
        self.retire_button = QPushButton("Thôi dùng")
        self.copy_button = QPushButton("Sao chép")
        self.copy_button.setToolTip("Chép khẩu hiệu vào bộ nhớ tạm (Ctrl+C) để dán vào văn bản khác")
        self.banner_button = QPushButton("In băng rôn…")

        filters = QHBoxLayout()
        filters.addWidget(self.search, 3)
        filters.addWidget(self.occasion, 1)
        filters.addWidget(self.favourites_only)
        filters.addWidget(self.show_retired)
        actions = QHBoxLayout()
        for button in (self.add_button, self.edit_button, self.favourite_button, self.retire_button,
                       self.copy_button, self.banner_button):
            actions.addWidget(button)
        actions.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addLayout(actions)
        layout.addWidget(self.message)

        self.search.search_changed.connect(lambda _text: self.reload())
        self.occasion.currentIndexChanged.connect(self.reload)
        self.favourites_only.toggled.connect(self.reload)
        self.show_retired.toggled.connect(self.reload)
        self.add_button.clicked.connect(self.add_slogan)
        self.edit_button.clicked.connect(self.edit_selected)
        self.table.doubleClicked.connect(lambda _index: self.edit_selected())
        self.favourite_button.clicked.connect(self.toggle_favourite)
        self.retire_button.clicked.connect(self.toggle_retired)
        self.copy_button.clicked.connect(self.copy_selected)
        self.banner_button.clicked.connect(self.print_banner)
        QShortcut(QKeySequence.StandardKey.Copy, self.table, self.copy_selected)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self.reload_tags()
        self.reload()

    # --- data -----------------------------------------------------------
    def reload_tags(self) -> None:
        chosen = self.occasion.currentText()
        self.occasion.blockSignals(True)
        self.occasion.clear()
        self.occasion.addItem(ALL_OCCASIONS)
        self.occasion.addItems(self.services.slogans.tags())
        self.occasion.setCurrentIndex(max(0, self.occasion.findText(chosen)))
        self.occasion.blockSignals(False)

    def reload(self, keep_id: int | None = None) -> None:
        keep_id = keep_id if keep_id is not None else (self.selected().id if self.selected() else None)
        tag = self.occasion.currentText()
        rows = self.services.slogans.slogans(
            query=self.search.text(),
            tag=None if tag in ("", ALL_OCCASIONS) else tag,
            favourites_only=self.favourites_only.isChecked(),
            include_retired=self.show_retired.isChecked(),
        )
        self.model.set_rows(rows)
        self.table.resizeRowsToContents()
        for row, slogan in enumerate(rows):
            if slogan.id == keep_id:
                self.table.selectRow(row)
        self.message.setText(f"{len(rows)} khẩu hiệu")
        self._update_buttons()

    def selected(self) -> Slogan | None:
        index = self.table.selectionModel().currentIndex() if self.table.selectionModel() else QModelIndex()
        if not index.isValid() or not self.table.selectionModel().isRowSelected(index.row(), QModelIndex()):
            return None
        return self.model.rows[index.row()] if index.row() < len(self.model.rows) else None

    def select_number(self, number: int) -> None:
        for row, slogan in enumerate(self.model.rows):
            if slogan.number == number:
                self.table.selectRow(row)
                return

    def _update_buttons(self) -> None:
        slogan = self.selected()
        for button in (self.edit_button, self.favourite_button, self.retire_button, self.copy_button, self.banner_button):
            button.setEnabled(slogan is not None)
        self.favourite_button.setText("☆ Bỏ yêu thích" if slogan and slogan.is_favourite else "★ Yêu thích")
        self.retire_button.setText("Dùng lại" if slogan and slogan.is_retired else "Thôi dùng")

    # --- actions ----------------------------------------------------------
    def copy_selected(self) -> None:
        slogan = self.selected()
        if slogan:
            QGuiApplication.clipboard().setText(slogan.text)
            self.message.setText(f"Đã chép khẩu hiệu số {slogan.number} vào bộ nhớ tạm.")

    def add_slogan(self) -> None:
        dialog = SloganDialog(None, self.services.slogans.tags(), self)
        if dialog.exec() and dialog.values:
            slogan = self.services.slogans.add(*dialog.values)
            self.reload_tags()
            self.reload(keep_id=slogan.id)
            self.message.setText(f"Đã thêm khẩu hiệu số {slogan.number}.")

    def edit_selected(self) -> None:
        slogan = self.selected()
        if slogan is None:
            return
        dialog = SloganDialog(slogan, self.services.slogans.tags(), self)
        if dialog.exec() and dialog.values:
            text, tags = dialog.values
            self.update_slogan(slogan.id, "sửa khẩu hiệu", text=text, tags=tags)

    def toggle_favourite(self) -> None:
        slogan = self.selected()
        if slogan:
            self.update_slogan(slogan.id, "đánh dấu yêu thích", is_favourite=not slogan.is_favourite)

    def toggle_retired(self) -> None:
        slogan = self.selected()
        if slogan is None:
            return
        row = self.table.selectionModel().currentIndex().row()
        retiring = not slogan.is_retired
        self.update_slogan(slogan.id, "thôi dùng khẩu hiệu" if retiring else "dùng lại khẩu hiệu",
                           is_retired=retiring)
        if retiring and not self.show_retired.isChecked() and self.model.rows:
            self.table.selectRow(min(row, len(self.model.rows) - 1))  # it left the list: go to the next
        self.message.setText(
            f"Đã thôi dùng khẩu hiệu số {slogan.number} (Ctrl+Z để hoàn tác; xem lại bằng ô “Hiện cả khẩu hiệu thôi dùng”)."
            if retiring else f"Đã dùng lại khẩu hiệu số {slogan.number}.")

    def update_slogan(self, slogan_id: int, label: str, **changes) -> None:
        try:
            before, after = self.services.slogans.update(slogan_id, **changes)
        except ValidationError as exc:
            self.message.setText(str(exc))
            return
        self.undo_stack.push(SavedChangeCommand(label, before, after, self._restore))
        self.reload_tags()
        self.reload(keep_id=slogan_id)

    def _restore(self, slogan: Slogan) -> None:
        self.services.slogans.update(slogan.id, text=slogan.text, tags=slogan.tags,
                                     is_favourite=slogan.is_favourite, is_retired=slogan.is_retired)
        self.reload_tags()
        self.reload(keep_id=slogan.id)

    def print_banner(self) -> None:
        slogan = self.selected()
        if slogan:
            from .banner_dialog import BannerDialog

            BannerDialog(slogan, self).exec()
