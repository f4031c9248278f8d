"""PDF pages with pypdfium2 (imported on first use): the text layer as lines in reading order, and
a page as a 300 dpi grayscale PNG for OCR when it has no text layer.

Why the lines are rebuilt from the characters' positions: a PDF that LibreOffice (or Word, when a
font lacks a glyph) writes draws the letters a font lacks — many Vietnamese letters with two marks,
"ắ", "ườ", "ộ" — in a second run of a fallback font after the line, so a reader that follows the
content stream (pypdf, pdfium's own text) gives "B c Ninh … ắ". Here the characters are grouped
by baseline, sorted left to right, split where a gap is wider than three letters (the two columns
of a document's heading), and the pieces put in the order the producer wrote them (so the cells of a
table come column by column, as the .docx reader gives them). See benchmarks/pdf_readers.py."""
from __future__ import annotations

import ctypes
import shutil
import struct
import unicodedata
import zlib
from pathlib import Path

from . import external

RENDER_DPI = 300
COLUMN_GAP_EMS = 3.0  # a wider gap on one baseline splits it into two lines
WORD_GAP_EMS = 0.2  # a gap between two glyphs wider than this is a space that the PDF left out
BASELINE_TOLERANCE = 0.35  # of the smaller glyph height
PDFTOPPM_TIMEOUT_SECONDS = 120


class PdfOpenError(Exception):
    def __init__(self, reason: str):  # "password", "damaged", "unavailable"
        super().__init__(reason)
        self.reason = reason


def open_pdf(path: Path):
    """A pypdfium2 PdfDocument; PdfOpenError("password" | "damaged" | "unavailable")."""
    try:
        import pypdfium2 as pdfium
        import pypdfium2.raw as raw
    except ImportError as exc:  # a bundle built without it
        raise PdfOpenError("unavailable") from exc
    try:
        return pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as exc:
        code = getattr(exc, "err_code", None)
        if code in (raw.FPDF_ERR_PASSWORD, raw.FPDF_ERR_SECURITY):
            raise PdfOpenError("password") from exc
        raise PdfOpenError("damaged") from exc


def page_lines(page) -> list[str]:
    """The lines of one page's text layer, NFC, top to bottom (see the module's doc)."""
    import pypdfium2.raw as raw

    textpage = page.get_textpage()
    try:
        handle = textpage.raw
        count = raw.FPDFText_CountChars(handle)
        box, x, y = raw.FS_RECTF(), ctypes.c_double(), ctypes.c_double()
        chars = []  # (baseline, left, right, height, index, char)
        for index in range(count):
            if raw.FPDFText_IsGenerated(handle, index):
                continue  # the spaces and line ends pdfium guesses from the content stream
            code = raw.FPDFText_GetUnicode(handle, index)
            if code < 32 or code in (0xFFFE, 0xFFFF):
                continue
            raw.FPDFText_GetLooseCharBox(handle, index, box)
            raw.FPDFText_GetCharOrigin(handle, index, x, y)
            chars.append((y.value, box.left, box.right, box.top - box.bottom, index, chr(code)))
    finally:
        textpage.close()
    return _mend_hyphen_breaks([unicodedata.normalize("NFC", text) for text in _assemble(chars)])


def _mend_hyphen_breaks(lines: list[str]) -> list[str]:
    """A line the page broke after a hyphen ("Kế hoạch số 101-" / "KH/TU, …") is one line again:
    LibreOffice and Word wrap there, and the parts mean nothing apart."""
    mended: list[str] = []
    for text in lines:
        if mended and mended[-1][-1:] == "-" and mended[-1][-2:-1].isalnum() and text[:1].isalnum():
            mended[-1] += text
        else:
            mended.append(text)
    return mended


def _assemble(chars: list[tuple]) -> list[str]:
    chars.sort(key=lambda c: -c[0])
    rows, row = [], []
    for char in chars:
        if row and row[0][0] - char[0] > BASELINE_TOLERANCE * max(min(row[0][3], char[3]), 1.0):
            rows.append(row)
            row = []
        row.append(char)
    if row:
        rows.append(row)
    pieces = []
    for row in rows:
        row.sort(key=lambda c: c[1])
        em = _em(row)
        piece, previous = [], None
        for char in row:
            if previous is not None and char[1] - previous[2] > COLUMN_GAP_EMS * em:
                pieces.append(piece)
                piece = []
            piece.append(char)
            previous = char
        pieces.append(piece)
    pieces.sort(key=lambda p: min(c[4] for c in p))
    lines = []
    for piece in pieces:
        em, parts, previous = _em(piece), [], None
        for char in piece:
            if (previous is not None and char[5] != " " and previous[5] != " "
                    and char[1] - previous[2] > WORD_GAP_EMS * em):
                parts.append(" ")
            parts.append(char[5])
            previous = char
        text = " ".join("".join(parts).split())
        if text:
            lines.append(text)
    return lines


def _em(chars: list[tuple]) -> float:
    heights = sorted(c[3] for c in chars)
    return max(heights[len(heights) // 2], 1.0)


def page_has_images(page) -> bool:
    import pypdfium2.raw as raw

    for _ in page.get_objects(filter=[raw.FPDF_PAGEOBJ_IMAGE], max_depth=2):
        return True
    return False


def render_page(page, target: Path, dpi: int = RENDER_DPI) -> Path:
    """The page as a grayscale PNG at `dpi`."""
    bitmap = page.render(scale=dpi / 72, grayscale=True)
    try:
        write_gray_png(target, bitmap.width, bitmap.height, bitmap.stride, bytes(bitmap.buffer), dpi)
    finally:
        bitmap.close()
    return target


def render_with_pdftoppm(path: Path, page_number: int, target: Path, dpi: int = RENDER_DPI,
                         cancelled=None) -> Path | None:
    """The same through poppler's pdftoppm (when pypdfium2 cannot render); None without pdftoppm."""
    program = shutil.which("pdftoppm")
    if program is None:
        return None
    stem = target.with_suffix("")
    external.run([program, "-r", str(dpi), "-gray", "-png", "-singlefile", "-f", str(page_number),
                  "-l", str(page_number), str(path), str(stem)], PDFTOPPM_TIMEOUT_SECONDS, cancelled)
    produced = stem.with_suffix(".png")
    return produced if produced.exists() else None


def write_gray_png(target: Path, width: int, height: int, stride: int, pixels: bytes, dpi: int) -> None:
    """An 8-bit grayscale PNG, written without an imaging library."""
    rows = b"".join(b"\x00" + pixels[y * stride:y * stride + width] for y in range(height))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    per_metre = round(dpi / 0.0254)
    target.write_bytes(
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0))
        + chunk(b"pHYs", struct.pack(">IIB", per_metre, per_metre, 1))
        + chunk(b"IDAT", zlib.compress(rows, 3))
        + chunk(b"IEND", b""))
