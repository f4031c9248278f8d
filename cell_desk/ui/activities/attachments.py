"""Attachments as icons: the photo's thumbnail, or the system's icon for the file's kind; a double
click opens the file in the program the system uses for it."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QFileInfo, QSize, Qt
from PySide6.QtGui import QIcon, QImageReader, QPixmap, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QFileIconProvider, QListView, QStyle

from ..messages import open_file

PATH_ROLE = Qt.ItemDataRole.UserRole + 1
ATTACHMENT_ROLE = Qt.ItemDataRole.UserRole + 2
ICON_SIDE = 72


class AttachmentList(QListView):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.model_ = QStandardItemModel(self)
        self.setModel(self.model_)
        self.setViewMode(QListView.ViewMode.IconMode)
        self.setIconSize(QSize(ICON_SIDE, ICON_SIDE))
        self.setGridSize(QSize(ICON_SIDE + 36, ICON_SIDE + 40))
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setMovement(QListView.Movement.Static)
        self.setWordWrap(True)
        self.setSelectionMode(QListView.SelectionMode.ExtendedSelection)
        self.doubleClicked.connect(lambda index: open_file(self, Path(index.data(PATH_ROLE))))
        self._icons = QFileIconProvider()

    def add(self, name: str, path: Path, thumbnail: Path | None, attachment=None) -> None:
        image = _small_image(thumbnail) if thumbnail is not None else None
        if image is not None:
            icon = QIcon(QPixmap.fromImage(image))
        else:
            icon = self._icons.icon(QFileInfo(str(path)))
            if icon.isNull() or not icon.availableSizes():  # no icon theme (offscreen, bare desktops)
                icon = self.style().standardIcon(QStyle.StandardPixmap.SP_FileIcon)
        entry = QStandardItem(icon, name)
        entry.setToolTip(f"{name}\n(nhấp đúp để mở)")
        entry.setEditable(False)
        entry.setData(str(path), PATH_ROLE)
        entry.setData(attachment, ATTACHMENT_ROLE)
        self.model_.appendRow(entry)

    def add_stored(self, activities, attachments) -> None:
        """Attachments already in the data folder, with their thumbnails (activities: ActivityService)."""
        for attachment in attachments:
            self.add(attachment.original_name, activities.attachment_path(attachment),
                     activities.thumbnail_path(attachment), attachment)

    def clear(self) -> None:
        self.model_.clear()

    def entries(self) -> list[QStandardItem]:
        return [self.model_.item(row) for row in range(self.model_.rowCount())]

    def remove_selected(self) -> None:
        for row in sorted((index.row() for index in self.selectedIndexes()), reverse=True):
            self.model_.removeRow(row)


def attachment_problem(path: Path) -> str:
    """Why a file cannot be attached ("" when it can): missing, unreadable or empty (a 0-byte file
    is what a failed download or copy leaves, never the minutes of a meeting)."""
    try:
        size = path.stat().st_size
    except OSError:
        return f"Không đọc được tệp “{path.name}”: có thể tệp đã bị xóa hoặc chuyển đi."
    if not path.is_file():
        return f"“{path.name}” không phải là một tệp."
    if size == 0:
        return f"Tệp “{path.name}” rỗng (0 byte): có thể tệp chưa tải hoặc chép xong. Hãy chọn lại tệp đúng."
    return ""


def _small_image(path: Path):
    """The picture at icon size, decoded small (a 20-megapixel photo picked for attaching is not
    read whole just to be shown); None when it cannot be read."""
    reader = QImageReader(str(path))
    reader.setAutoTransform(True)
    size = reader.size()
    if size.isValid():
        reader.setScaledSize(size.scaled(QSize(ICON_SIDE * 2, ICON_SIDE * 2), Qt.AspectRatioMode.KeepAspectRatio))
    image = reader.read()
    return None if image.isNull() else image
