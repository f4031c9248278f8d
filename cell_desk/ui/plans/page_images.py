"""The page images OCR read, beside the text it read from them: one page at a time, fitted to the
pane's width or zoomed, with a page selector when there are several."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QScrollArea, QVBoxLayout, QWidget

ZOOM_STEP = 1.25


class PageImageView(QWidget):
    def __init__(self, images: list[Path], parent=None):
        super().__init__(parent)
        self.images = [Path(image) for image in images]
        self.page = QComboBox()
        for number, _image in enumerate(self.images, start=1):
            self.page.addItem(f"Trang {number}/{len(self.images)}")
        self.page.setVisible(len(self.images) > 1)
        self.fit_button = QPushButton("Vừa khung")
        self.fit_button.setToolTip("Thu phóng ảnh cho vừa bề ngang khung")
        self.zoom_out = QPushButton("−")
        self.zoom_in = QPushButton("+")
        for button, tip in ((self.zoom_out, "Thu nhỏ"), (self.zoom_in, "Phóng to")):
            button.setToolTip(tip)
            button.setFixedWidth(32)
        self.picture = QLabel()
        self.picture.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.scroll = QScrollArea()
        self.scroll.setWidget(self.picture)
        self.scroll.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.scroll.setWidgetResizable(False)
        # a page is taller than wide: the bar is always there, so fitting never makes it come and go
        self.scroll.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self.scroll.viewport().installEventFilter(self)
        tools = QHBoxLayout()
        tools.addWidget(QLabel("Ảnh văn bản gốc:"))
        tools.addWidget(self.page)
        tools.addStretch(1)
        tools.addWidget(self.zoom_out)
        tools.addWidget(self.fit_button)
        tools.addWidget(self.zoom_in)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(tools)
        layout.addWidget(self.scroll, 1)

        self.fit = True
        self.zoom = 1.0
        self.pixmap = QPixmap()
        self.page.currentIndexChanged.connect(self.show_page)
        self.fit_button.clicked.connect(self.fit_width)
        self.zoom_in.clicked.connect(lambda: self._zoom_by(ZOOM_STEP))
        self.zoom_out.clicked.connect(lambda: self._zoom_by(1 / ZOOM_STEP))
        self.show_page(0)

    def show_page(self, index: int) -> None:
        if not 0 <= index < len(self.images):
            return
        self.pixmap = QPixmap(str(self.images[index]))
        if self.pixmap.isNull():
            self.picture.setText(f"Không mở được ảnh {self.images[index].name}.")
            self.picture.adjustSize()
            return
        self._render()

    def fit_width(self) -> None:
        self.fit = True
        self._render()

    def _zoom_by(self, factor: float) -> None:
        self.zoom = max(0.1, min(4.0, self._scale() * factor))
        self.fit = False
        self._render()

    def _scale(self) -> float:
        if self.pixmap.isNull():
            return 1.0
        if self.fit:
            width = max(50, self.scroll.viewport().width() - 4)
            return width / self.pixmap.width()
        return self.zoom

    def _render(self) -> None:
        if self.pixmap.isNull():
            return
        scale = self._scale()
        shown = self.pixmap.scaledToWidth(max(1, round(self.pixmap.width() * scale)),
                                          Qt.TransformationMode.SmoothTransformation)
        self.picture.setPixmap(shown)
        self.picture.resize(shown.size())

    def eventFilter(self, watched, event) -> bool:
        if watched is self.scroll.viewport() and event.type() == QEvent.Type.Resize and self.fit:
            self._render()
        return super().eventFilter(watched, event)
