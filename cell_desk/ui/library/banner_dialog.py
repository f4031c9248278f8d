"""Printing a slogan as a banner: paper, colours, a live preview, PDF or Word."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPixmap
from PySide6.QtWidgets import (
    QButtonGroup, QCheckBox, QComboBox, QDialog, QDoubleSpinBox, QFormLayout, QHBoxLayout, QLabel, QLayout,
    QPushButton, QRadioButton, QVBoxLayout, QWidget,
)

from ...domain.banner import MAX_SIZE_CM, MIN_SIZE_CM, SCHEMES, tiles
from ...domain.library import Slogan
from ...exports.atomic import ExportError
from ..file_dialogs import save_file
from ..messages import show_error
from .banner import BannerRequest, paint_banner

PREVIEW_SIZE = QSize(560, 240)  # with the form and the caption, the dialog fits 1280×720 at 125%


class BannerDialog(QDialog):
    def __init__(self, slogan: Slogan, parent=None):
        super().__init__(parent)
        self.slogan = slogan
        self.setWindowTitle(f"In băng rôn – khẩu hiệu số {slogan.number}")

        self.paper_a4 = QRadioButton("A4 ngang")
        self.paper_a3 = QRadioButton("A3 ngang")
        self.paper_custom = QRadioButton("Kích thước riêng:")
        self.paper_a4.setChecked(True)
        self.papers = QButtonGroup(self)
        for button in (self.paper_a4, self.paper_a3, self.paper_custom):
            self.papers.addButton(button)
        self.width_cm = self._spin(300)
        self.height_cm = self._spin(80)
        self.tiled = QCheckBox("In ghép trên nhiều tờ A4 (có vạch dán)")
        self.scheme = QComboBox()
        for scheme in SCHEMES.values():
            self.scheme.addItem(scheme.label, scheme.key)
        self.uppercase = QCheckBox("Chữ in hoa")
        self.uppercase.setChecked(True)
        self.preview = QLabel()
        self.preview.setFixedSize(PREVIEW_SIZE)
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.setStyleSheet("background: #d0d0d0;")
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.pdf_button = QPushButton("Xuất PDF…")
        self.docx_button = QPushButton("Xuất Word…")
        close_button = QPushButton("Đóng")

        custom_row = QHBoxLayout()
        custom_row.addWidget(self.paper_custom)
        custom_row.addWidget(self.width_cm)
        custom_row.addWidget(QLabel("x"))
        custom_row.addWidget(self.height_cm)
        custom_row.addWidget(QLabel("cm"))
        custom_row.addStretch(1)
        paper_box = QVBoxLayout()
        paper_box.addWidget(self.paper_a4)
        paper_box.addWidget(self.paper_a3)
        paper_box.addLayout(custom_row)
        paper_box.addWidget(self.tiled)
        form = QFormLayout()
        form.addRow("Khổ:", _wrap(paper_box))
        form.addRow("Màu:", self.scheme)
        form.addRow("", self.uppercase)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        for button in (self.pdf_button, self.docx_button, close_button):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        # never shorter than its parts: the wrapped slogan above would otherwise push the preview
        # down over the size caption
        layout.setSizeConstraint(QLayout.SizeConstraint.SetMinimumSize)
        text = QLabel(slogan.text)
        text.setWordWrap(True)
        # as wide as the preview, whatever the dialog's width: a wrapped label's height is only
        # known for one width, and a wider dialog would lay it out shorter than it is drawn
        text.setFixedSize(PREVIEW_SIZE.width(), text.fontMetrics().boundingRect(
            QRect(0, 0, PREVIEW_SIZE.width(), 10_000), Qt.TextFlag.TextWordWrap, slogan.text).height() + 2)
        self.summary.setFixedWidth(PREVIEW_SIZE.width())
        self.summary.setMinimumHeight(2 * self.summary.fontMetrics().lineSpacing())
        layout.addWidget(text, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addLayout(form)
        layout.addWidget(self.preview, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(self.summary, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addLayout(buttons)

        for signal in (self.papers.buttonToggled, self.width_cm.valueChanged, self.height_cm.valueChanged,
                       self.tiled.toggled, self.scheme.currentIndexChanged, self.uppercase.toggled):
            signal.connect(lambda *_: self.refresh())
        self.pdf_button.clicked.connect(self._ask_pdf)
        self.docx_button.clicked.connect(self._ask_docx)
        close_button.clicked.connect(self.accept)
        self.refresh()

    @staticmethod
    def _spin(value: float) -> QDoubleSpinBox:
        spin = QDoubleSpinBox()
        spin.setRange(MIN_SIZE_CM, MAX_SIZE_CM)
        spin.setDecimals(0)
        spin.setValue(value)
        spin.setSuffix("")
        return spin

    def request(self) -> BannerRequest:
        scheme = SCHEMES[self.scheme.currentData()]
        options = dict(uppercase=self.uppercase.isChecked())
        if self.paper_custom.isChecked():
            return BannerRequest(self.slogan.text, self.width_cm.value() * 10, self.height_cm.value() * 10, scheme,
                                 tiled=self.tiled.isChecked(), **options)
        paper = "A3" if self.paper_a3.isChecked() else "A4"
        return BannerRequest.on_paper(self.slogan.text, paper, scheme, **options)

    def refresh(self) -> None:
        from ...exports.banner_docx import WORD_MAX_PAGE_MM

        custom = self.paper_custom.isChecked()
        for widget in (self.width_cm, self.height_cm, self.tiled):
            widget.setEnabled(custom)
        request = self.request()
        word_ok = not request.tiled and max(request.width_mm, request.height_mm) <= WORD_MAX_PAGE_MM
        self.docx_button.setEnabled(word_ok)
        self.docx_button.setToolTip("" if word_ok else "Word không nhận trang lớn hơn 55,8 cm hay in ghép; hãy xuất PDF.")
        self.preview.setPixmap(QPixmap.fromImage(render_preview(request, PREVIEW_SIZE)))
        size = f"{request.width_mm / 10:g} x {request.height_mm / 10:g} cm".replace(".", ",")
        if request.tiled:
            count = len(tiles(request.width_mm, request.height_mm))
            self.summary.setText(f"Băng rôn {size}, in trên {count} tờ A4 rồi dán ghép theo vạch nét đứt.")
        else:
            self.summary.setText(f"Một trang {size}." + ("" if not custom else " Mang tệp PDF ra hiệu in khổ lớn."))

    def _ask_pdf(self) -> None:
        self._ask("Lưu băng rôn PDF", "Tệp PDF (*.pdf)", ".pdf")

    def _ask_docx(self) -> None:
        self._ask("Lưu băng rôn Word", "Tệp Word (*.docx)", ".docx")

    def _ask(self, title: str, filters: str, suffix: str) -> None:
        path = save_file(self, "bang-ron", title, filters, f"bang-ron-khau-hieu-{self.slogan.number}{suffix}")
        if path:
            self.export(path)

    def export(self, path: Path) -> bool:
        request = self.request()
        try:
            if path.suffix.lower() == ".docx":
                from ...exports.banner_docx import write_banner_docx

                write_banner_docx(request.text, path, (request.width_mm, request.height_mm), request.scheme,
                                  request.uppercase)
            else:
                from .banner import write_banner_pdf

                if path.suffix.lower() != ".pdf":
                    path = path.with_name(path.name + ".pdf")
                write_banner_pdf(request, path)
        except (ExportError, ValueError) as exc:
            show_error(self, "Không xuất được băng rôn", str(exc))
            return False
        self.summary.setText(f"Đã ghi {path}")
        return True


PREVIEW_OVERSAMPLING = 4


def render_preview(request: BannerRequest, box: QSize) -> QImage:
    """The banner drawn small. It is drawn at four times the size and scaled down: at a few
    pixels per letter, hinted fonts measure differently from how they draw."""
    big = _render(request, box * PREVIEW_OVERSAMPLING)
    return big.scaled(big.width() // PREVIEW_OVERSAMPLING, big.height() // PREVIEW_OVERSAMPLING,
                      Qt.AspectRatioMode.IgnoreAspectRatio, Qt.TransformationMode.SmoothTransformation)


def _render(request: BannerRequest, box: QSize) -> QImage:
    scale = min(box.width() / request.width_mm, box.height() / request.height_mm)
    image = QImage(max(1, int(request.width_mm * scale)), max(1, int(request.height_mm * scale)),
                   QImage.Format.Format_RGB32)
    dots_per_metre = round(scale * 1000)
    image.setDotsPerMeterX(dots_per_metre)
    image.setDotsPerMeterY(dots_per_metre)
    image.fill(QColor(request.scheme.background))  # the last pixel column may be a fraction of a millimetre
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    paint_banner(painter, request, image)
    painter.end()
    return image


def _wrap(layout) -> QWidget:
    widget = QWidget()
    layout.setContentsMargins(0, 0, 0, 0)
    widget.setLayout(layout)
    return widget
