"""Banners drawn with Qt: one painting routine for the preview and for QPdfWriter."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QMarginsF, QPointF, QRectF, QSizeF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPageLayout, QPageSize, QPainter, QPdfWriter, QPen
from PySide6.QtGui import QPaintDevice

from ...domain.banner import (
    GLUE_OVERLAP_MM, PAPERS_MM, REFERENCE_SIZE, SHEET_MARGIN_MM, BannerLayout, ColourScheme, fit_text, tiles,
)
from ...exports.atomic import write_atomically

FONT_FAMILIES = ["Arial", "Liberation Sans", "DejaVu Sans"]  # Windows first; all carry Vietnamese
PDF_RESOLUTION = 300
SIDE_MARGIN_SHARE = 0.06  # of the banner's height, left and right, so text never touches the edge
MEASURE_SLACK = 1.02


@dataclass(frozen=True)
class BannerRequest:
    text: str
    width_mm: float
    height_mm: float
    scheme: ColourScheme
    uppercase: bool = True
    tiled: bool = False

    @classmethod
    def on_paper(cls, text: str, paper: str, scheme: ColourScheme, **options) -> "BannerRequest":
        width, height = PAPERS_MM[paper]
        return cls(text, width, height, scheme, **options)

    @property
    def shown_text(self) -> str:
        return self.text.upper() if self.uppercase else self.text


def banner_font(size_pt: float) -> QFont:
    font = QFont()
    font.setFamilies(FONT_FAMILIES)
    font.setBold(True)
    font.setPointSizeF(size_pt)
    return font


def layout_for(request: BannerRequest, device: QPaintDevice) -> tuple[BannerLayout, QRectF]:
    """The text layout and the text area (in mm) of a banner, measured on the device it is drawn on."""
    metrics = QFontMetricsF(banner_font(REFERENCE_SIZE), device)
    mm_per_px = 25.4 / device.logicalDpiX()

    def measure(text: str) -> float:
        return metrics.horizontalAdvance(text) * mm_per_px * MEASURE_SLACK

    side = max(10.0, request.height_mm * SIDE_MARGIN_SHARE, request.width_mm * 0.03)
    top = max(8.0, request.height_mm * 0.08)
    area = QRectF(side, top, request.width_mm - 2 * side, request.height_mm - 2 * top)
    from ...exports.banner_docx import banner_phrases

    return fit_text(request.shown_text, measure, area.width(), area.height(), phrases=banner_phrases(),
                    written=request.text), area


def paint_banner(painter: QPainter, request: BannerRequest, device: QPaintDevice) -> BannerLayout:
    """Draws the whole banner in device pixels, its top left corner at the painter's origin.
    Text is measured on the same device, so what was fitted is what is drawn."""
    layout, area = layout_for(request, device)
    px = device.logicalDpiX() / 25.4
    painter.fillRect(QRectF(0, 0, request.width_mm * px, request.height_mm * px), QColor(request.scheme.background))
    painter.setFont(banner_font(layout.font_size_pt))
    painter.setPen(QColor(request.scheme.text))
    top = area.top() + (area.height() - layout.text_height_mm) / 2
    for number, line in enumerate(layout.lines):
        row = QRectF(area.left() * px, (top + number * layout.line_pitch_mm) * px,
                     area.width() * px, layout.line_pitch_mm * px)
        painter.drawText(row, int(Qt.AlignmentFlag.AlignCenter), line)
    return layout


def write_banner_pdf(request: BannerRequest, target: Path) -> Path:
    """One page of the banner's size, or A4 sheets to glue together when tiled."""

    def write(temporary: Path) -> None:
        writer = QPdfWriter(str(temporary))
        writer.setResolution(PDF_RESOLUTION)
        writer.setCreator("Cell Desk")
        writer.setTitle(request.text)
        pages = tiles(request.width_mm, request.height_mm) if request.tiled else None
        first_size = (pages[0].sheet_width_mm, pages[0].sheet_height_mm) if pages else (request.width_mm, request.height_mm)
        _set_page(writer, *first_size)
        painter = QPainter(writer)
        try:
            if pages is None:
                paint_banner(painter, request, writer)
            else:
                _paint_tiles(painter, writer, request, pages)
        finally:
            painter.end()

    return write_atomically(Path(target), write)


def _set_page(writer: QPdfWriter, width_mm: float, height_mm: float) -> None:
    size = QPageSize(QSizeF(width_mm, height_mm), QPageSize.Unit.Millimeter, "", QPageSize.SizeMatchPolicy.ExactMatch)
    writer.setPageLayout(QPageLayout(size, QPageLayout.Orientation.Portrait, QMarginsF(0, 0, 0, 0)))


def _paint_tiles(painter: QPainter, writer: QPdfWriter, request: BannerRequest, pages) -> None:
    columns = max(tile.column for tile in pages) + 1
    rows = max(tile.row for tile in pages) + 1
    for number, tile in enumerate(pages):
        if number:
            _set_page(writer, tile.sheet_width_mm, tile.sheet_height_mm)
            writer.newPage()
        px = writer.logicalDpiX() / 25.4
        painter.save()
        painter.setClipRect(QRectF(SHEET_MARGIN_MM * px, SHEET_MARGIN_MM * px, tile.width_mm * px, tile.height_mm * px))
        painter.translate((SHEET_MARGIN_MM - tile.x_mm) * px, (SHEET_MARGIN_MM - tile.y_mm) * px)
        paint_banner(painter, request, writer)
        painter.restore()
        painter.save()
        painter.scale(px, px)  # the marks are thin lines in millimetres; no fitted text here
        _glue_marks(painter, tile, number + 1, len(pages), columns, rows)
        painter.restore()


def _glue_marks(painter: QPainter, tile, number: int, total: int, columns: int, rows: int) -> None:
    """Dashed lines where the previous sheet's edge goes, and the sheet's place in the banner."""
    pen = QPen(QColor("#000000"))
    pen.setWidthF(0.3)
    pen.setStyle(Qt.PenStyle.DashLine)
    painter.setPen(pen)
    left, top = SHEET_MARGIN_MM, SHEET_MARGIN_MM
    right, bottom = left + tile.width_mm, top + tile.height_mm
    if tile.column:
        x = left + GLUE_OVERLAP_MM
        painter.drawLine(QPointF(x, top - 4), QPointF(x, bottom + 4))
    if tile.row:
        y = top + GLUE_OVERLAP_MM
        painter.drawLine(QPointF(left - 4, y), QPointF(right + 4, y))
    pen.setStyle(Qt.PenStyle.SolidLine)
    painter.setPen(pen)
    for x, y, dx, dy in ((left, top, -1, -1), (right, top, 1, -1), (left, bottom, -1, 1), (right, bottom, 1, 1)):
        painter.drawLine(QPointF(x, y + dy * 1), QPointF(x, y + dy * 5))
        painter.drawLine(QPointF(x + dx * 1, y), QPointF(x + dx * 5, y))
    font = QFont()
    font.setPixelSize(3)  # 3 mm, under the painter's millimetre scale
    painter.setFont(font)
    note = f"Tờ {number}/{total} – hàng {tile.row + 1}/{rows}, cột {tile.column + 1}/{columns}"
    if tile.column or tile.row:
        note += f". Dán đè lên tờ trước, mép tờ trước trùng vạch nét đứt ({GLUE_OVERLAP_MM:g} mm)."
    painter.drawText(QRectF(left, bottom + 0.5, 190, SHEET_MARGIN_MM - 1), int(Qt.AlignmentFlag.AlignLeft), note)
