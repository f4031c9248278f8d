"""The poster tab: a thumbnail grid that stays smooth with thousands of posters, a preview,
import with refusal of bad files, and export of a chosen set to a folder."""
from __future__ import annotations

from collections import OrderedDict
from pathlib import Path

from PySide6.QtCore import QAbstractListModel, QModelIndex, QSize, Qt
from PySide6.QtGui import QIcon, QImageReader, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView, QDialog, QDialogButtonBox, QFormLayout, QHBoxLayout, QLabel, QLineEdit,
    QListView, QPlainTextEdit, QPushButton, QSplitter, QVBoxLayout, QWidget,
)

from ...app import Services
from ...domain.library import OCCASIONS, Poster, PosterDetails
from ...domain.validation import ValidationError
from ..widgets import SearchBox, error_label
from ..messages import ask_yes_no, show_error
from ..screen import fit_to_screen

THUMB_BOX = QSize(160, 160)
THUMB_CACHE = 400  # pixmaps kept in memory; the rest are read again from the disk cache
PREVIEW_SIDE = 420


class PosterListModel(QAbstractListModel):
    """Thumbnails are read from disk only when a cell is painted, and kept in a small LRU cache."""

    def __init__(self, services: Services, parent=None):
        super().__init__(parent)
        self.services = services
        self.rows: list[Poster] = []
        self._pixmaps: OrderedDict[int, QIcon] = OrderedDict()
        self.thumbnails_read = 0

    def set_rows(self, rows: list[Poster]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        poster = self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return poster.title
        if role == Qt.ItemDataRole.ToolTipRole:
            return "\n".join(part for part in (poster.title, poster.occasion, poster.size_text) if part)
        if role == Qt.ItemDataRole.DecorationRole:
            return self._thumbnail(poster)
        return None

    def _thumbnail(self, poster: Poster) -> QIcon:
        icon = self._pixmaps.get(poster.id)
        if icon is None:
            icon = QIcon(QPixmap(str(self.services.posters.thumbnail_path(poster))))
            self.thumbnails_read += 1
            self._pixmaps[poster.id] = icon
            if len(self._pixmaps) > THUMB_CACHE:
                self._pixmaps.popitem(last=False)
        else:
            self._pixmaps.move_to_end(poster.id)
        return icon


class PosterDialog(QDialog):
    def __init__(self, details: PosterDetails, title: str, parent=None):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.title = QLineEdit(details.title)
        self.occasion = QLineEdit(details.occasion)
        self.occasion.setPlaceholderText(", ".join(OCCASIONS[:3]) + "…")
        self.size_text = QLineEdit(details.size_text)
        self.size_text.setPlaceholderText("Ví dụ: 60 x 80 cm")
        self.source = QLineEdit(details.source)
        self.notes = QPlainTextEdit(details.notes)
        self.notes.setFixedHeight(70)
        self.error = error_label()
        form = QFormLayout()
        for label, widget in (("Tên:", self.title), ("Dịp:", self.occasion), ("Kích thước:", self.size_text),
                              ("Nguồn:", self.source), ("Ghi chú:", self.notes)):
            form.addRow(label, widget)
        buttons = QDialogButtonBox()
        buttons.addButton("Lưu", QDialogButtonBox.ButtonRole.AcceptRole).clicked.connect(self._save)
        buttons.addButton("Hủy", QDialogButtonBox.ButtonRole.RejectRole).clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        fit_to_screen(self, 480, self.sizeHint().height())
        self.details: PosterDetails | None = None

    def _save(self) -> None:
        details = PosterDetails(self.title.text(), self.occasion.text(), self.size_text.text(), self.source.text(),
                                self.notes.toPlainText())
        try:
            self.details = details.cleaned()
        except ValidationError as exc:
            self.error.setText(str(exc))
            self.error.show()
            return
        self.accept()


class PosterTab(QWidget):
    def __init__(self, services: Services, parent=None):
        super().__init__(parent)
        self.services = services
        self.model = PosterListModel(services, self)
        self.search = SearchBox("Tìm pa-nô, áp phích theo tên, dịp, nguồn…")
        self.grid = QListView()
        self.grid.setModel(self.model)
        self.grid.setViewMode(QListView.ViewMode.IconMode)
        self.grid.setIconSize(THUMB_BOX)
        self.grid.setGridSize(QSize(THUMB_BOX.width() + 28, THUMB_BOX.height() + 56))  # room for a two-line title
        self.grid.setUniformItemSizes(True)  # the view then never asks every row for its size
        self.grid.setResizeMode(QListView.ResizeMode.Adjust)
        self.grid.setMovement(QListView.Movement.Static)
        self.grid.setWordWrap(True)
        self.grid.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.preview = QLabel("Chọn một pa-nô để xem.")
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.setMinimumSize(240, 200)  # the page has to fit 1280×720 at 125%
        self.details = QLabel()
        self.details.setWordWrap(True)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message = QLabel()
        self.message.setWordWrap(True)

        self.import_button = QPushButton("Nhập ảnh…")
        self.edit_button = QPushButton("Sửa thông tin…")
        self.delete_button = QPushButton("Xóa")
        self.export_button = QPushButton("Xuất ra thư mục…")

        side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.addWidget(self.preview, 1)
        side_layout.addWidget(self.details)
        splitter = QSplitter()
        splitter.addWidget(self.grid)
        splitter.addWidget(side)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        actions = QHBoxLayout()
        for button in (self.import_button, self.edit_button, self.delete_button, self.export_button):
            actions.addWidget(button)
        actions.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.search)
        layout.addWidget(splitter, 1)
        layout.addLayout(actions)
        layout.addWidget(self.message)

        self.search.search_changed.connect(lambda _text: self.reload())
        self.grid.selectionModel().selectionChanged.connect(lambda *_: self._show_selection())
        self.import_button.clicked.connect(self._ask_import)
        self.edit_button.clicked.connect(self.edit_selected)
        self.delete_button.clicked.connect(self.delete_selected)
        self.export_button.clicked.connect(self._ask_export)
        self.reload()

    def reload(self) -> None:
        self.model.set_rows(self.services.posters.posters(self.search.text()))
        self._show_selection()

    def selected(self) -> list[Poster]:
        return [self.model.rows[index.row()] for index in self.grid.selectionModel().selectedIndexes()]

    def _show_selection(self) -> None:
        chosen = self.selected()
        for button in (self.edit_button, self.delete_button):
            button.setEnabled(len(chosen) == 1)
        self.export_button.setEnabled(bool(chosen))
        if len(chosen) != 1:
            self.preview.setPixmap(QPixmap())
            self.preview.setText(f"Đã chọn {len(chosen)} pa-nô." if chosen else f"{len(self.model.rows)} pa-nô, áp phích.")
            self.details.clear()
            return
        poster = chosen[0]
        reader = QImageReader(str(self.services.posters.image_path(poster)))
        reader.setAutoTransform(True)
        size = reader.size()
        if size.isValid() and (size.width() > PREVIEW_SIDE or size.height() > PREVIEW_SIDE):  # never enlarge
            reader.setScaledSize(size.scaled(QSize(PREVIEW_SIDE, PREVIEW_SIDE), Qt.AspectRatioMode.KeepAspectRatio))
        image = reader.read()
        self.preview.setPixmap(QPixmap.fromImage(image) if not image.isNull() else QPixmap())
        if image.isNull():
            self.preview.setText("Không đọc được ảnh trong thư mục dữ liệu.")
        lines = [f"<b>{_escape(poster.title)}</b>"]
        for label, value in (("Dịp", poster.occasion), ("Kích thước", poster.size_text), ("Nguồn", poster.source),
                             ("Ghi chú", poster.notes)):
            if value:
                lines.append(f"{label}: {_escape(value)}")
        lines.append(f"Ảnh gốc: {_escape(poster.original_name)} ({poster.pixel_width} x {poster.pixel_height})")
        self.details.setText("<br>".join(lines))

    # --- actions ----------------------------------------------------------
    def _ask_import(self) -> None:
        from ..file_dialogs import open_files

        paths = open_files(self, "anh-pa-no", "Chọn ảnh pa-nô, áp phích", "Ảnh (*.png *.jpg *.jpeg)")
        if paths:
            self.import_files(paths, ask=len(paths) == 1)

    def import_files(self, paths: list[Path], ask: bool = False) -> list[Poster]:
        """Imports each file; a refused file is named with its reason and the others still come in.
        With `ask`, the details are asked for once the file is known to be a good image (a bad file is
        refused before anything is typed), and Hủy takes the image out again."""
        added, refused = [], []
        for path in paths:
            details = PosterDetails(title=path.stem.replace("_", " "))
            try:
                poster = self.services.posters.import_image(path, details)
            except ValidationError as exc:
                refused.append(str(exc))
                continue
            except OSError as exc:
                refused.append(f"Không đọc được “{path.name}”: {exc.strerror or exc}.")
                continue
            if ask:
                dialog = PosterDialog(details, "Thông tin pa-nô", self)
                if not dialog.exec() or dialog.details is None:
                    self.services.posters.delete(poster.id)
                    continue
                poster = self.services.posters.update(poster.id, dialog.details)
            added.append(poster)
        self.reload()
        summary = f"Đã nhập {len(added)} ảnh." if added else ""
        if refused:
            summary += (" " if summary else "") + f"Không nhập {len(refused)} tệp:\n" + "\n".join(refused)
        self.message.setText(summary)
        return added

    def edit_selected(self) -> None:
        chosen = self.selected()
        if len(chosen) != 1:
            return
        poster = chosen[0]
        current = PosterDetails(poster.title, poster.occasion, poster.size_text, poster.source, poster.notes)
        dialog = PosterDialog(current, "Sửa thông tin pa-nô", self)
        if dialog.exec() and dialog.details is not None:
            self.services.posters.update(poster.id, dialog.details)
            self.reload()
            self.select_poster(poster.id)

    def select_poster(self, poster_id: int) -> None:
        for row, poster in enumerate(self.model.rows):
            if poster.id == poster_id:
                self.grid.setCurrentIndex(self.model.index(row))
                return

    def delete_selected(self) -> None:
        chosen = self.selected()
        if len(chosen) == 1 and ask_yes_no(self, "Xóa pa-nô", f"Xóa “{chosen[0].title}” khỏi thư viện (cả tệp ảnh)?"):
            self.services.posters.delete(chosen[0].id)
            self.reload()

    def _ask_export(self) -> None:
        from ..file_dialogs import choose_folder

        folder = choose_folder(self, "chep-pa-no", "Chọn thư mục để chép ảnh ra")
        if folder:
            self.export_selected(folder)

    def export_selected(self, folder: Path) -> list[Path]:
        try:
            written = self.services.posters.export([poster.id for poster in self.selected()], folder)
        except OSError as exc:
            show_error(self, "Không chép được ảnh", f"Không chép được ảnh vào {folder}: {exc.strerror or exc}.")
            return []
        self.message.setText(f"Đã chép {len(written)} ảnh vào {folder}.")
        return written


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
