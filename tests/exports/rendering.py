"""Rendering exported files the way a clerk sees them: LibreOffice to PDF, then text per page."""
from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

needs_libreoffice = pytest.mark.skipif(
    shutil.which("soffice") is None or shutil.which("pdftotext") is None or shutil.which("pdftoppm") is None,
    reason="LibreOffice or poppler-utils is not installed")


def to_pdf(files: list[Path], folder: Path) -> list[Path]:
    """Converts several files in one LibreOffice run (it starts once); returns the PDFs in order."""
    subprocess.run(["soffice", f"-env:UserInstallation={(folder / 'lo-profile').as_uri()}", "--headless",
                    "--convert-to", "pdf", "--outdir", str(folder), *map(str, files)],
                   capture_output=True, timeout=240, check=True)
    return [folder / (Path(file).stem + ".pdf") for file in files]


def pages_text(pdf: Path) -> list[str]:
    """The text of each page (pdftotext separates pages with a form feed)."""
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    pages = text.split("\f")
    return pages[:-1] if pages and not pages[-1].strip() else pages


def to_png(pdf: Path, page: int = 1, dpi: int = 60) -> Path:
    stem = pdf.with_name(f"{pdf.stem}-page{page}")
    subprocess.run(["pdftoppm", "-png", "-r", str(dpi), "-f", str(page), "-l", str(page), "-singlefile",
                    str(pdf), str(stem)], check=True, capture_output=True)
    return stem.with_suffix(".png")
