"""OCR of one A4 page at 300 dpi: Cell Desk's read_document against the `tesseract` command alone
on the same image, in the same run, median of 3 each (interleaved).

Budget: read_document takes at most 1.5x the bare command. Also shown: a scanned PDF of that
page through read_document (render at 300 dpi + OCR), for information. The page is the first
page of the seed plan (../shared/seed) as LibreOffice prints it, rendered at 300 dpi; without
LibreOffice, lines drawn by Qt. Prints a markdown table; exits 0 (also when Tesseract is absent).
Usage: python benchmarks/ocr.py [--runs 3]
"""
from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from cell_desk.imports import ocr  # noqa: E402
from cell_desk.imports.plan_files import read_document  # noqa: E402

QT_LINES = ["KẾ HOẠCH TUYÊN TRUYỀN", "Đại hội Đảng bộ tỉnh lần thứ XX nhiệm kỳ 2020 – 2025",
            "Tuyên truyền sâu rộng trong cán bộ, đảng viên và người lao động."] * 10


def page_png(folder: Path) -> tuple[Path, Path]:
    """The page as a 300 dpi PNG, and a one-page PDF that holds it as a scan."""
    import pypdfium2 as pdfium

    from cell_desk.imports import pdf_text

    png = folder / "trang.png"
    if shutil.which("soffice"):
        from pdf_readers import FALLBACK, SEED, make_pdf

        text = SEED.read_text(encoding="utf-8") if SEED.exists() else FALLBACK
        pdf = pdfium.PdfDocument(str(make_pdf(folder, [l for l in text.splitlines() if l.strip()], "ke-hoach")))
        page = pdf[0]
        pdf_text.render_page(page, png)
        page.close()
        pdf.close()
    else:
        from PySide6.QtGui import QColor, QFont, QGuiApplication, QImage, QPainter

        QGuiApplication.instance() or QGuiApplication([])
        image = QImage(2480, 3508, QImage.Format.Format_Grayscale8)
        image.setDotsPerMeterX(11811)
        image.setDotsPerMeterY(11811)
        image.fill(QColor("white"))
        painter = QPainter(image)
        painter.setFont(QFont("Liberation Serif", 13))
        for row, line in enumerate(QT_LINES):
            painter.drawText(236, 300 + row * 90, line)
        painter.end()
        image.save(str(png))
    scan = folder / "ban-quet.pdf"
    from PySide6.QtCore import QMarginsF, QRect
    from PySide6.QtGui import QGuiApplication, QImage, QPageLayout, QPageSize, QPainter, QPdfWriter

    QGuiApplication.instance() or QGuiApplication([])
    writer = QPdfWriter(str(scan))
    writer.setResolution(300)
    writer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait,
                                     QMarginsF(0, 0, 0, 0)))
    image = QImage(str(png))
    painter = QPainter(writer)
    painter.drawImage(QRect(0, 0, image.width(), image.height()), image)
    painter.end()
    return png, scan


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    if not ocr.ocr_available():
        print("Tesseract OCR with Vietnamese data is not installed (tesseract-ocr tesseract-ocr-vie): nothing measured.")
        return 0
    executable = ocr.find_tesseract()
    with tempfile.TemporaryDirectory() as name:
        png, scan = page_png(Path(name))
        bare, ours, scanned, lines = [], [], [], 0
        for _ in range(args.runs):
            started = time.perf_counter()
            subprocess.run([str(executable), str(png), "stdout", "-l", "vie"], check=True, capture_output=True,
                           timeout=300)
            bare.append(time.perf_counter() - started)
            started = time.perf_counter()
            document = read_document(png)
            ours.append(time.perf_counter() - started)
            lines = len(document.lines)
            started = time.perf_counter()
            read_document(scan).cleanup()
            scanned.append(time.perf_counter() - started)
        b, o, s = (statistics.median(x) for x in (bare, ours, scanned))
        print(f"## OCR of one A4 page at 300 dpi (median of {args.runs}, {lines} lines read)\n")
        print("| what | time | vs tesseract alone | budget | result |\n|---|---:|---:|---:|---|")
        print(f"| `tesseract IMAGE stdout -l vie` | {b:.2f} s | 1.00x | | |")
        verdict = "OK" if o <= 1.5 * b else "OVER BUDGET"
        print(f"| read_document(photo) | {o:.2f} s | {o / b:.2f}x | ≤ 1.5x | {verdict} |")
        print(f"| read_document(scanned PDF): render + OCR | {s:.2f} s | {s / b:.2f}x | (information) | |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
