"""Build the corpus's .docx, .pdf and scan files from the .txt sources in sources/.

Run from anywhere with the project's venv:
    QT_QPA_PLATFORM=offscreen .venv/bin/python tests/corpus/make_files.py
Needs python-docx, PySide6 and LibreOffice (`soffice`) for the text PDFs.
The text of every output is the source text line for line; nothing is added except,
for the one .docx with a header table, the header block built from the number, body,
place and date that the source's lead gives (see README.md).
"""

from __future__ import annotations

import random
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
SRC = HERE / "sources"

# source stem -> what to make of it
DOCX = [
    "monthly_orientation-tuyen-truyen-2022-06-btghu-phuloc",
    "monthly_orientation-tuyen-truyen-mieng-2025-09-btgdvtw",
    "study_plan-nghi-quyet-dai-hoi-xiv-2026-btgdvtw",
]
HEADER_TABLE = {
    # stem -> (left lines, right lines)
    "monthly_orientation-tuyen-truyen-2022-06-btghu-phuloc": (
        ["BAN TUYÊN GIÁO HUYỆN ỦY", "*", "Số 78-CV/BTGHU"],
        ["ĐẢNG CỘNG SẢN VIỆT NAM", "", "Phú Lộc, ngày 30 tháng 5 năm 2022"],
    ),
}
PDF = [
    "study_plan-chi-thi-01-ct-tw-nghi-quyet-dai-hoi-xiv-2026-bct",
    "study_plan-nghi-quyet-tw6-khoa-xii-tuyen-quang-2017",
]
SCANS = {
    # stem -> (output suffix, rotation in degrees, seed)
    "slogan_list-dai-hoi-dang-bo-cac-cap-2025-2030-btgtw": (".png", 0.7, 11),
    "slogan_list-30-4-va-1-5-2023-dongnai": (".jpg", -0.9, 23),
    "phased_plan-tuyen-truyen-sau-dai-hoi-2021-khanhhoa": (".pdf", 0.6, 37),
}


def read_lines(stem: str) -> list[str]:
    return (SRC / f"{stem}.txt").read_text(encoding="utf-8").splitlines()


# ---------------------------------------------------------------- docx
def _no_borders(table) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    tbl_pr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{edge}")
        el.set(qn("w:val"), "nil")
        borders.append(el)
    tbl_pr.append(borders)


def build_docx(stem: str, out: Path) -> None:
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    doc = Document()
    style = doc.styles["Normal"]
    style.font.name = "Times New Roman"
    style.font.size = Pt(13)
    if stem in HEADER_TABLE:
        left, right = HEADER_TABLE[stem]
        table = doc.add_table(rows=1, cols=2)
        _no_borders(table)
        for cell, lines in zip(table.rows[0].cells, (left, right)):
            cell.paragraphs[0].text = lines[0]
            cell.paragraphs[0].runs[0].bold = True
            for line in lines[1:]:
                cell.add_paragraph(line)
            for p in cell.paragraphs:
                p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        doc.add_paragraph("")
    for line in read_lines(stem):
        doc.add_paragraph(line)
    doc.save(out)


def docx_to_pdf(docx: Path, outdir: Path) -> Path:
    subprocess.run(
        ["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(outdir), str(docx)],
        check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=180,
    )
    return outdir / (docx.stem + ".pdf")


# ---------------------------------------------------------------- scans
DPI = 200
A4_W, A4_H = round(8.27 * DPI), round(11.69 * DPI)


def render_page(lines: list[str], rotation: float, seed: int):
    """One A4 page at 200 dpi, grayscale, serif text, slightly rotated, with specks."""
    from PySide6.QtCore import QRectF, Qt
    from PySide6.QtGui import QColor, QFont, QImage, QPainter, QTextOption

    page = QImage(A4_W, A4_H, QImage.Format_Grayscale8)
    page.fill(QColor(255, 255, 255))
    p = QPainter(page)
    p.setRenderHint(QPainter.Antialiasing)
    p.setRenderHint(QPainter.TextAntialiasing)
    font = QFont("Liberation Serif")
    font.setPixelSize(round(13 / 72 * DPI))  # 13 pt
    p.setFont(font)
    p.setPen(QColor(20, 20, 20))
    margin_l, margin_r, top = round(1.2 * DPI), round(0.8 * DPI), round(0.8 * DPI)
    width = A4_W - margin_l - margin_r
    opt = QTextOption()
    opt.setWrapMode(QTextOption.WordWrap)
    opt.setAlignment(Qt.AlignJustify)
    y = top
    gap = round(0.06 * DPI)
    for line in lines:
        if not line.strip():
            y += round(0.12 * DPI)
            continue
        rect = p.boundingRect(QRectF(margin_l, y, width, A4_H), Qt.TextWordWrap, line)
        if y + rect.height() > A4_H - top:
            break  # first page only
        p.drawText(QRectF(margin_l, y, width, rect.height() + 2), line, opt)
        y += rect.height() + gap
    p.end()

    # the sheet, rotated a little on a slightly grey scanner bed
    out = QImage(A4_W, A4_H, QImage.Format_Grayscale8)
    out.fill(QColor(246, 246, 246))
    q = QPainter(out)
    q.setRenderHint(QPainter.SmoothPixmapTransform)
    q.translate(A4_W / 2, A4_H / 2)
    q.rotate(rotation)
    q.translate(-A4_W / 2, -A4_H / 2)
    q.drawImage(0, 0, page)
    q.end()

    # light speckles and dust
    rng = random.Random(seed)
    q = QPainter(out)
    for _ in range(1800):
        shade = rng.randint(90, 200)
        q.setPen(QColor(shade, shade, shade))
        x, yy = rng.randrange(A4_W), rng.randrange(A4_H)
        q.drawPoint(x, yy)
        if rng.random() < 0.15:
            q.drawPoint(x + 1, yy)
    for _ in range(25):
        shade = rng.randint(60, 140)
        q.setPen(Qt.NoPen)
        q.setBrush(QColor(shade, shade, shade))
        r = rng.uniform(1.0, 2.6)
        q.drawEllipse(QRectF(rng.randrange(A4_W), rng.randrange(A4_H), r, r))
    q.end()
    return out


def save_scan(stem: str, suffix: str, rotation: float, seed: int, out: Path) -> None:
    from PySide6.QtCore import QMarginsF, QRectF
    from PySide6.QtGui import QPageLayout, QPageSize, QPainter, QPdfWriter

    img = render_page(read_lines(stem), rotation, seed)
    img.setDotsPerMeterX(round(DPI / 0.0254))
    img.setDotsPerMeterY(round(DPI / 0.0254))
    if suffix == ".png":
        img.save(str(out), "PNG")
    elif suffix == ".jpg":
        img.save(str(out), "JPG", 80)
    else:  # one-page PDF holding only the image (no text layer), like a scanner makes
        writer = QPdfWriter(str(out))
        writer.setResolution(DPI)
        writer.setPageLayout(QPageLayout(QPageSize(QPageSize.A4), QPageLayout.Portrait, QMarginsF(0, 0, 0, 0)))
        painter = QPainter(writer)
        painter.drawImage(QRectF(0, 0, writer.width(), writer.height()), img)
        painter.end()


def main() -> int:
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])  # noqa: F841
    for stem in DOCX:
        build_docx(stem, HERE / f"{stem}.docx")
        print("docx", stem)
    with tempfile.TemporaryDirectory() as tmp:
        for stem in PDF:
            d = Path(tmp) / f"{stem}.docx"
            build_docx(stem, d)
            pdf = docx_to_pdf(d, Path(tmp))
            shutil.copy(pdf, HERE / f"{stem}.pdf")
            print("pdf ", stem)
    for stem, (suffix, rot, seed) in SCANS.items():
        save_scan(stem, suffix, rot, seed, HERE / f"{stem}{suffix}")
        print("scan", stem + suffix)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
