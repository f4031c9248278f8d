"""Reading incoming documents of every kind: PDF with text (from Word through LibreOffice), scanned
PDFs and photos through Tesseract OCR, old .doc through LibreOffice, and the files that must be
refused, each within seconds with a Vietnamese message and nothing left behind."""
import shutil
import subprocess
import tempfile
import time
import zipfile
from pathlib import Path

import pytest

from cell_desk.imports import ocr
from cell_desk.imports.plan_files import MAX_PAGES, DocumentText, PlanFileError, read_document, read_plan_lines

SEED_TEXT = Path(__file__).parents[2].parent / "shared" / "seed" / "ke-hoach-20-KH-DUK-2019.txt"
SAMPLE = [
    "KẾ HOẠCH TUYÊN TRUYỀN",
    "Đại hội Đảng bộ tỉnh lần thứ XX nhiệm kỳ 2020 – 2025",
    "Tuyên truyền sâu rộng trong cán bộ, đảng viên và người lao động.",
    "Hướng dẫn của Ban Tuyên giáo Tỉnh ủy về công tác tuyên giáo.",
    "Cổ vũ, động viên phát huy lòng yêu nước, ý chí tự lực, tự cường.",
]
# words with one or two marks each; OCR may miss a few, so most (not all) must come back exact
KEY_WORDS = ["HOẠCH", "TUYÊN", "TRUYỀN", "Đại", "Đảng", "tỉnh", "thứ", "nhiệm", "kỳ", "rộng", "đảng", "viên",
             "người", "động", "Hướng", "dẫn", "giáo", "Tỉnh", "ủy", "công", "Cổ", "vũ", "lòng", "yêu", "nước",
             "chí", "lực", "cường"]

SOFFICE = shutil.which("soffice")
needs_soffice = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed: "
                                   "installer/linux/install-test-deps.sh installs it")
needs_ocr = pytest.mark.skipif(not ocr.ocr_available(), reason="Tesseract OCR with Vietnamese data is not installed "
                               "(apt-get install tesseract-ocr tesseract-ocr-vie; install-test-deps.sh does it)")


def convert(source: Path, to: str, folder: Path) -> Path:
    subprocess.run([SOFFICE, f"-env:UserInstallation={(folder / 'lo-profile').as_uri()}", "--headless",
                    "--convert-to", to, "--outdir", str(folder), str(source)],
                   check=True, capture_output=True, timeout=120)
    return folder / (source.stem + "." + to)


def word_file(path: Path, lines: list[str]) -> Path:
    from docx import Document
    from docx.shared import Pt

    document = Document()
    document.styles["Normal"].font.name = "Times New Roman"
    document.styles["Normal"].font.size = Pt(13)
    for line in lines:
        document.add_paragraph(line)
    document.save(str(path))
    return path


def page_image(lines: list[str]):
    """An A4 page at 300 dpi with the lines in a serif font, as Qt draws it."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QColor, QFont, QImage, QPainter

    image = QImage(2480, 3508, QImage.Format.Format_Grayscale8)
    image.setDotsPerMeterX(11811)
    image.setDotsPerMeterY(11811)
    image.fill(QColor(Qt.GlobalColor.white))
    painter = QPainter(image)
    font = QFont("Liberation Serif")
    font.setStyleHint(QFont.StyleHint.Serif)
    font.setPointSize(14)
    painter.setFont(font)
    painter.setPen(QColor(Qt.GlobalColor.black))
    y = 300
    for line in lines:
        painter.drawText(236, y, line)
        y += 90
    painter.end()
    return image


def pdf_with_pages(path: Path, pages: list[list[str]] | None = None, image=None, count: int = 0) -> Path:
    """A PDF by QPdfWriter: pages of text (a text layer), one page that is `image` (a scan), or
    `count` pages with a word each."""
    from PySide6.QtCore import QMarginsF, QRect
    from PySide6.QtGui import QFont, QPageLayout, QPageSize, QPainter, QPdfWriter

    writer = QPdfWriter(str(path))
    writer.setResolution(300)
    writer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait,
                                     QMarginsF(0, 0, 0, 0)))
    painter = QPainter(writer)
    if image is not None:
        painter.drawImage(QRect(0, 0, image.width(), image.height()), image)
    else:
        painter.setFont(QFont("Liberation Serif", 12))
        pages = pages or [[f"Trang số {n + 1}"] for n in range(count)]
        for number, lines in enumerate(pages):
            if number:
                writer.newPage()
            for row, line in enumerate(lines):
                painter.drawText(200, 300 + row * 80, line)
    painter.end()
    return path


def encrypted_pdf(path: Path) -> Path:
    """A PDF under the standard security handler whose password nobody here knows."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
        b"<< /Filter /Standard /V 1 /R 2 /Length 40 /P -4 /O <" + b"3a" * 32 + b"> /U <" + b"5c" * 32 + b"> >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    start = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += (b"trailer\n<< /Size %d /Root 1 0 R /Encrypt 4 0 R /ID [<%s> <%s>] >>\nstartxref\n%d\n%%%%EOF\n"
            % (len(objects) + 1, b"ab" * 16, b"ab" * 16, start))
    path.write_bytes(bytes(out))
    return path


def found_words(lines) -> set[str]:
    text = " ".join(line.text for line in lines)
    return {word for word in KEY_WORDS if word in text}


@pytest.fixture
def temp_root(tmp_path, monkeypatch):
    """The temporary folder the reader may write in, to see that it is left empty."""
    root = tmp_path / "temp"
    root.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(root))
    return root


# --- PDF with a text layer -------------------------------------------------------------------------

@needs_soffice
def test_a_pdf_made_from_word_gives_back_its_vietnamese_text(tmp_path):
    source = SEED_TEXT.read_text(encoding="utf-8").splitlines()[:60] if SEED_TEXT.exists() else SAMPLE
    lines = [line for line in source if line.strip()]
    pdf = convert(word_file(tmp_path / "ke-hoach.docx", lines), "pdf", tmp_path)
    document = read_document(pdf)
    assert isinstance(document, DocumentText)
    assert (document.source, document.page_images, document.warnings) == ("pdf", [], [])
    got = " ".join(line.text for line in document.lines)
    # every word with its marks, in order (the lines are broken where the page broke them)
    assert got.split() == " ".join(lines).split()
    assert [line.number for line in document.lines] == list(range(1, len(document.lines) + 1))
    assert read_plan_lines(pdf) == document.lines


def test_progress_is_called_per_page_and_cancel_stops(tmp_path, qapp):
    pdf = pdf_with_pages(tmp_path / "ba-trang.pdf", [["Trang một: Đảng bộ"], ["Trang hai: tuyên truyền"],
                                                     ["Trang ba: khẩu hiệu"]])
    calls = []
    document = read_document(pdf, progress=lambda done, total: calls.append((done, total)))
    assert calls == [(1, 3), (2, 3), (3, 3)]
    assert [line.text for line in document.lines] == ["Trang một: Đảng bộ", "Trang hai: tuyên truyền",
                                                      "Trang ba: khẩu hiệu"]
    seen = []
    with pytest.raises(PlanFileError, match="^Đã hủy"):
        read_document(pdf, progress=lambda done, total: seen.append(done), cancelled=lambda: len(seen) >= 2)
    assert seen == [1, 2]


# --- OCR -------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def page_png(tmp_path_factory, qapp):
    path = tmp_path_factory.mktemp("scan") / "trang-chup.png"
    assert page_image(SAMPLE).save(str(path))
    return path


@needs_ocr
def test_a_photo_of_a_page_is_read_by_ocr_with_its_marks(page_png):
    pages = []
    document = read_document(page_png, progress=lambda done, total: pages.append((done, total)))
    assert document.source == "ocr" and document.page_images == [page_png]
    assert pages == [(1, 1)]
    assert "OCR" in document.warnings[0]
    assert len(found_words(document.lines)) >= len(KEY_WORDS) - 3, [line.text for line in document.lines]


@needs_ocr
def test_a_scanned_pdf_is_rendered_and_read_by_ocr(tmp_path, qapp, temp_root):
    pdf = pdf_with_pages(tmp_path / "ban-quet.pdf", image=page_image(SAMPLE))
    document = read_document(pdf)
    assert document.source == "ocr"
    assert len(found_words(document.lines)) >= len(KEY_WORDS) - 3, [line.text for line in document.lines]
    [image] = document.page_images
    assert image.suffix == ".png" and image.is_file() and image.parent.parent == temp_root
    assert image.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    document.cleanup()
    assert list(temp_root.iterdir()) == []


@needs_ocr
def test_a_photo_with_no_text_is_refused(tmp_path, qapp):
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QColor, QImage, QLinearGradient, QPainter

    image = QImage(1200, 900, QImage.Format.Format_RGB32)
    painter = QPainter(image)
    gradient = QLinearGradient(0, 0, 1200, 900)
    gradient.setColorAt(0, QColor(40, 120, 200))
    gradient.setColorAt(1, QColor(250, 220, 120))
    painter.fillRect(image.rect(), gradient)
    painter.setBrush(QColor(Qt.GlobalColor.darkGreen))
    painter.drawEllipse(300, 250, 500, 400)
    painter.end()
    photo = tmp_path / "phong-canh.jpg"
    assert image.save(str(photo), "JPG")
    started = time.monotonic()
    with pytest.raises(PlanFileError, match="Không nhận ra chữ trong ảnh “phong-canh.jpg”"):
        read_document(photo)
    assert time.monotonic() - started < 15


def test_without_tesseract_a_scan_says_what_to_install(tmp_path, qapp, monkeypatch, temp_root):
    monkeypatch.setattr(ocr, "find_tesseract", lambda: None)
    pdf = pdf_with_pages(tmp_path / "ban-quet.pdf", image=page_image(SAMPLE[:1]))
    with pytest.raises(PlanFileError) as refused:
        read_document(pdf)
    message = str(refused.value)
    assert "PDF quét" in message and "Tesseract" in message
    assert "tesseract-ocr tesseract-ocr-vie" in message and "UB Mannheim" in message
    assert "Word" in message and "PDF" in message  # or export a PDF with text from Word
    photo = tmp_path / "anh.png"
    assert page_image(SAMPLE[:1]).save(str(photo))
    with pytest.raises(PlanFileError, match="ảnh chụp.*Tesseract"):
        read_document(photo)
    assert list(temp_root.iterdir()) == []


def test_a_tesseract_without_vietnamese_is_named(tmp_path, qapp, monkeypatch):
    monkeypatch.setattr(ocr, "find_tesseract", lambda: Path("/opt/tesseract/tesseract"))
    monkeypatch.setattr(ocr, "languages", lambda executable: frozenset({"eng", "osd"}))
    photo = tmp_path / "anh.png"
    assert page_image(SAMPLE[:1]).save(str(photo))
    with pytest.raises(PlanFileError, match=r"chưa có dữ liệu tiếng Việt \(vie\).*tesseract-ocr-vie"):
        read_document(photo)


def test_the_tesseract_setting_and_variable_are_looked_at_first(tmp_path, monkeypatch):
    fake = tmp_path / "Tesseract-OCR" / ocr.EXECUTABLE
    fake.parent.mkdir()
    fake.write_text("#!/bin/sh\n")
    fake.chmod(0o755)
    monkeypatch.setenv(ocr.ENVIRONMENT_VARIABLE, str(fake.parent))
    ocr.find_tesseract.cache_clear()
    try:
        assert ocr.find_tesseract() == fake
        other = tmp_path / "khac" / ocr.EXECUTABLE
        other.parent.mkdir()
        shutil.copy(fake, other)
        ocr.set_tesseract_path(other)
        assert ocr.find_tesseract() == other
    finally:
        ocr.set_tesseract_path(None)
        monkeypatch.delenv(ocr.ENVIRONMENT_VARIABLE)
        ocr.find_tesseract.cache_clear()


# --- old .doc --------------------------------------------------------------------------------------

@needs_soffice
def test_an_old_doc_is_converted_through_libreoffice(tmp_path, temp_root):
    doc = convert(word_file(tmp_path / "cu.docx", SAMPLE), "doc", tmp_path)
    assert doc.read_bytes()[:4] == b"\xd0\xcf\x11\xe0"
    document = read_document(doc)
    assert document.source == "docx"
    assert [line.text for line in document.lines if line.text] == SAMPLE
    assert "LibreOffice" in document.warnings[0]
    assert list(temp_root.iterdir()) == []


def test_an_old_doc_without_libreoffice_is_told_to_save_as_docx(tmp_path, monkeypatch):
    monkeypatch.setattr("cell_desk.imports.plan_files.find_soffice", lambda: None)
    old = tmp_path / "cu.doc"
    old.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    with pytest.raises(PlanFileError, match=r"tệp Word cũ \(\.doc\).*chưa có LibreOffice.*Lưu thành.*\.docx"):
        read_document(old)


# --- refusals --------------------------------------------------------------------------------------

def refused(path: Path, pattern: str) -> None:
    started = time.monotonic()
    with pytest.raises(PlanFileError, match=pattern):
        read_document(path)
    assert time.monotonic() - started < 10


def test_an_encrypted_pdf_is_refused(tmp_path, temp_root):
    refused(encrypted_pdf(tmp_path / "mat-khau.pdf"), "“mat-khau.pdf” là PDF có mật khẩu")
    assert list(temp_root.iterdir()) == []


def test_an_encrypted_pdf_from_pypdf_is_refused(tmp_path):
    pypdf = pytest.importorskip("pypdf", reason="pypdf is not installed (it is not a dependency)")
    writer = pypdf.PdfWriter()
    writer.add_blank_page(595, 842)
    writer.encrypt("bi-mat", algorithm="AES-128")
    with open(tmp_path / "aes.pdf", "wb") as handle:
        writer.write(handle)
    refused(tmp_path / "aes.pdf", "PDF có mật khẩu")


def test_a_damaged_pdf_is_refused(tmp_path, qapp):
    whole = pdf_with_pages(tmp_path / "nguyen.pdf", [SAMPLE]).read_bytes()
    cut = tmp_path / "tai-do.pdf"
    cut.write_bytes(whole[: len(whole) // 3])
    refused(cut, "“tai-do.pdf” là tệp PDF bị hỏng")
    garbage = tmp_path / "rac.pdf"
    garbage.write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 40)
    refused(garbage, "“rac.pdf” là tệp PDF bị hỏng")


def test_a_pdf_with_no_text_and_no_scan_is_refused(tmp_path, qapp):
    from PySide6.QtGui import QPainter, QPdfWriter

    writer = QPdfWriter(str(tmp_path / "trang-trang.pdf"))
    painter = QPainter(writer)
    painter.drawRect(100, 100, 2000, 1000)  # lines, no text, no image
    painter.end()
    refused(tmp_path / "trang-trang.pdf", "không có chữ nào đọc được.*Word thành PDF có chữ")


def test_a_pdf_over_the_page_limit_is_refused(tmp_path, qapp):
    pdf = pdf_with_pages(tmp_path / "dai.pdf", count=MAX_PAGES + 1)
    refused(pdf, f"“dai.pdf” có {MAX_PAGES + 1} trang: văn bản quá dài")


def test_a_docx_declaring_too_many_pages_is_refused(tmp_path):
    path = word_file(tmp_path / "dai.docx", SAMPLE)
    with zipfile.ZipFile(path) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    parts["docProps/app.xml"] = (b'<?xml version="1.0"?><Properties xmlns="http://schemas.openxmlformats.org/'
                                 b'officeDocument/2006/extended-properties"><Pages>350</Pages></Properties>')
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    refused(path, "có 350 trang: văn bản quá dài")


@pytest.mark.parametrize("name, content, pattern", [
    ("ke-hoach.pdf", "KẾ HOẠCH\nI. MỤC ĐÍCH\n".encode(), r"mang đuôi \.pdf nhưng không phải tệp PDF: .*tệp chữ thường"),
    ("ke-hoach.pdf", None, r"mang đuôi \.pdf nhưng không phải tệp PDF: .*tệp nén \(zip\)"),
    ("anh.jpg", "chữ thường".encode(), r"mang đuôi \.jpg nhưng không phải ảnh"),
    ("ke-hoach.txt", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n", r"mang đuôi \.txt nhưng .*tệp PDF"),
])
def test_a_file_whose_extension_lies_is_refused(tmp_path, name, content, pattern):
    path = tmp_path / name
    if content is None:
        with zipfile.ZipFile(path, "w") as archive:
            archive.writestr("ghi-chu.txt", "không phải PDF")
    else:
        path.write_bytes(content)
    refused(path, pattern)


@pytest.mark.parametrize("name", ["rong.pdf", "rong.docx", "rong.png", "rong.doc", "rong"])
def test_an_empty_file_is_refused(tmp_path, name):
    (tmp_path / name).write_bytes(b"")
    refused(tmp_path / name, f"“{name}” là tệp rỗng \\(0 byte\\)")


def test_a_spreadsheet_is_not_taken_for_a_document(tmp_path):
    path = tmp_path / "so-lieu.bin"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
    refused(path, "bảng tính Excel")


def test_a_docx_paragraph_reads_as_python_docx_reads_it(tmp_path):
    """Our one-walk reading of a paragraph gives what python-docx's Paragraph.text gives."""
    from docx import Document

    from cell_desk.imports.plan_files import _paragraph_text

    document = Document()
    paragraph = document.add_paragraph("Tuyên truyền ")
    paragraph.add_run("kỷ niệm").bold = True
    paragraph.add_run("\tngày 3/2")
    paragraph.add_run().add_break()
    paragraph.add_run("dòng sau")
    document.add_paragraph("")
    assert [_paragraph_text(p._p) for p in document.paragraphs] == [p.text for p in document.paragraphs]
    assert _paragraph_text(document.paragraphs[0]._p) == "Tuyên truyền kỷ niệm\tngày 3/2\ndòng sau"
