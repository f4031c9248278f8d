"""Reading an incoming document into lines: .docx (paragraphs and table cells in reading order),
.txt, PDF with a text layer, scanned PDFs and photos (JPEG, PNG, …) through Tesseract OCR, and
the old .doc (with .rtf, .odt) through LibreOffice. Anything else is refused with a Vietnamese
message (PlanFileError), and nothing is written but a temporary folder.

`read_document(path)` says where the text came from and, for OCR, which images it was read from
(the review screen shows them beside the text); `read_plan_lines(path)` is its lines."""
from __future__ import annotations

import atexit
import re
import shutil
import sys
import tempfile
import unicodedata
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ..domain.plan_parser import SourceLine


class PlanFileError(Exception):
    """A file that cannot be read as a plan; `str()` is the Vietnamese message."""


OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the old binary .doc (and .xls) container
TEXT_ENCODINGS = ("utf-8-sig", "utf-16", "cp1258")
MAX_PAGES = 200
MIN_PAGE_LETTERS = 20  # a PDF page with fewer letters in its text layer (and an image) is a scan
MIN_OCR_WORDS = 4  # fewer words of two letters or more from OCR: the image is not a document
CONVERT_TIMEOUT_SECONDS = 120
IMAGE_SUFFIXES = {".jpg": "jpeg", ".jpeg": "jpeg", ".png": "png", ".tif": "tiff", ".tiff": "tiff", ".bmp": "bmp"}
CONVERTED_SUFFIXES = {".doc": "ole", ".rtf": "rtf", ".odt": "odt"}
KIND_NAMES = {
    "pdf": "tệp PDF", "docx": "tệp Word .docx", "ole": "tệp Word cũ (.doc) hoặc Excel cũ (.xls)",
    "odt": "tệp OpenDocument (.odt)", "xlsx": "bảng tính Excel (.xlsx)", "zip": "tệp nén (zip)",
    "zip-damaged": "tệp nén (zip) bị hỏng", "rtf": "tệp RTF", "text": "tệp chữ thường (.txt)",
    "jpeg": "ảnh JPEG", "png": "ảnh PNG", "tiff": "ảnh TIFF", "bmp": "ảnh BMP", "gif": "ảnh GIF",
    "webp": "ảnh WebP", "binary": "tệp không phải văn bản",
}
WORD = re.compile(r"[^\W\d_]{2,}")

Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]


@dataclass
class DocumentText:
    lines: list[SourceLine]
    source: str  # "docx", "txt", "pdf" or "ocr"
    page_images: list[Path] = field(default_factory=list)  # what OCR read: the photo, or rendered pages
    warnings: list[str] = field(default_factory=list)  # Vietnamese, for the review screen
    temp_folder: Path | None = None  # holds rendered pages; removed by cleanup() or at exit

    def cleanup(self) -> None:
        """Removes the rendered page images (call when the review screen no longer shows them)."""
        if self.temp_folder is not None:
            shutil.rmtree(self.temp_folder, ignore_errors=True)
            _temp_folders.discard(self.temp_folder)
            self.temp_folder = None


_temp_folders: set[Path] = set()


@atexit.register
def _remove_temp_folders() -> None:
    for folder in list(_temp_folders):
        shutil.rmtree(folder, ignore_errors=True)
    _temp_folders.clear()


def _new_temp_folder() -> Path:
    folder = Path(tempfile.mkdtemp(prefix="cell-desk-doc-"))
    _temp_folders.add(folder)
    return folder


def _drop_temp_folder(folder: Path | None) -> None:
    if folder is not None:
        shutil.rmtree(folder, ignore_errors=True)
        _temp_folders.discard(folder)


def read_plan_lines(path: Path) -> list[SourceLine]:
    document = read_document(path)
    document.cleanup()
    return document.lines


def read_document(path: Path, progress: Progress | None = None, cancelled: Cancelled | None = None) -> DocumentText:
    """The lines of a document and where they came from; PlanFileError with a Vietnamese message.

    `progress(done, total)` is called after each page; `cancelled()` returning True stops the
    reading with PlanFileError("Đã hủy …")."""
    path = Path(path)
    if not path.is_file():
        raise PlanFileError(f"Không thấy tệp {path}.")
    size = path.stat().st_size
    if size == 0 and path.suffix.lower() != ".txt":  # an empty .txt is a text of no lines: the parser says so
        raise PlanFileError(f"“{path.name}” là tệp rỗng (0 byte): không có nội dung nào để đọc.")
    _check_cancel(cancelled, path.name)
    kind = sniff(path)
    _check_extension(path, kind)
    if kind in ("ole", "rtf", "odt"):
        return _converted(path, kind, progress, cancelled)
    if kind == "pdf":
        return _pdf_document(path, progress, cancelled)
    if kind in ("jpeg", "png", "tiff", "bmp"):
        return _photo_document(path, progress, cancelled)
    if kind == "docx":
        lines = _docx_lines(path)
        _done(progress, 1, 1)
        return DocumentText(lines, "docx")
    if kind == "text":
        lines = _text_lines(path)
        _done(progress, 1, 1)
        return DocumentText(lines, "txt")
    raise PlanFileError(
        f"“{path.name}” là {KIND_NAMES.get(kind, 'tệp không đọc được')}, không phải văn bản Cell Desk đọc được. "
        "Hãy nhập tệp Word (.docx, .doc), PDF, ảnh chụp trang văn bản (JPEG, PNG) hoặc tệp chữ (.txt).")


def sniff(path: Path) -> str:
    """What the file is by its content: "pdf", "docx", "ole", "odt", "xlsx", "zip", "zip-damaged",
    "rtf", "jpeg", "png", "tiff", "bmp", "gif", "webp", "binary" or "text"."""
    with open(path, "rb") as handle:
        head = handle.read(4096)
    if head.startswith(OLE_MAGIC):
        return "ole"
    if b"%PDF-" in head[:1024]:
        return "pdf"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head[:4] in (b"II*\x00", b"MM\x00*"):
        return "tiff"
    if head.startswith(b"BM") and len(head) > 26 and head[6:10] == b"\x00\x00\x00\x00":
        return "bmp"
    if head.startswith((b"GIF87a", b"GIF89a")):
        return "gif"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "webp"
    if head.startswith(b"{\\rtf"):
        return "rtf"
    if head.startswith(b"PK"):
        try:
            with zipfile.ZipFile(path) as archive:
                names = set(archive.namelist())
                mimetype = archive.read("mimetype")[:80] if "mimetype" in names else b""
        except (zipfile.BadZipFile, OSError, KeyError, ValueError):
            return "zip-damaged"
        if "word/document.xml" in names:
            return "docx"
        if mimetype.startswith(b"application/vnd.oasis.opendocument.text"):
            return "odt"
        if any(name.startswith("xl/") for name in names):
            return "xlsx"
        return "zip"
    if b"\x00" in head and not head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "binary"
    return "text"


IMAGE_KINDS = ("jpeg", "png", "tiff", "bmp")


def _check_extension(path: Path, kind: str) -> None:
    """Refuses a file whose extension names one kind while its content is another."""
    suffix, name = path.suffix.lower(), path.name
    what = KIND_NAMES.get(kind, "tệp không rõ loại")
    rename = "Hãy đổi đuôi tệp cho đúng loại (hoặc lấy lại tệp gốc) rồi nhập lại."
    if suffix == ".pdf" and kind != "pdf":
        raise PlanFileError(f"“{name}” mang đuôi .pdf nhưng không phải tệp PDF: nội dung thực ra là {what}. {rename}")
    if suffix in IMAGE_SUFFIXES and kind not in IMAGE_KINDS:
        raise PlanFileError(f"“{name}” mang đuôi {suffix} nhưng không phải ảnh: nội dung thực ra là {what}. {rename}")
    if suffix == ".txt" and kind != "text":
        raise PlanFileError(f"“{name}” mang đuôi .txt nhưng không phải tệp chữ: nội dung thực ra là {what}. {rename}")
    if suffix == ".docx" and kind not in ("docx", "ole"):
        seen = "" if kind in ("zip", "zip-damaged", "binary") else f": nội dung thực ra là {what}"
        raise PlanFileError(f"“{name}” không phải tệp Word .docx hợp lệ (có thể đã hỏng){seen}.")
    if suffix in CONVERTED_SUFFIXES and kind not in ("ole", "rtf", "odt", "docx"):
        raise PlanFileError(f"“{name}” mang đuôi {suffix} nhưng không phải tệp Word: nội dung thực ra là {what}. {rename}")
    if suffix in (".xls", ".xlsx", ".ods", ".csv"):
        raise PlanFileError(f"“{name}” là bảng tính, không phải văn bản kế hoạch. Hãy nhập tệp Word, PDF hoặc ảnh chụp văn bản.")


def _check_cancel(cancelled: Cancelled | None, name: str) -> None:
    if cancelled is not None and cancelled():
        raise PlanFileError(f"Đã hủy đọc tệp “{name}”.")


def _done(progress: Progress | None, done: int, total: int) -> None:
    if progress is not None:
        progress(done, total)


def _too_long(name: str, pages: int) -> PlanFileError:
    return PlanFileError(
        f"“{name}” có {pages} trang: văn bản quá dài (Cell Desk đọc tối đa {MAX_PAGES} trang). "
        "Hãy tách riêng phần kế hoạch, hướng dẫn cần nhập thành một tệp ngắn hơn rồi nhập tệp đó.")


def _numbered(texts: list[str]) -> list[SourceLine]:
    return [SourceLine(number, text) for number, text in enumerate(texts, start=1)]


def _letters(texts: list[str]) -> int:
    return sum(1 for text in texts for char in text if char.isalpha())


def _ocr_texts(text: str) -> list[str]:
    return [line.rstrip() for line in text.replace("\f", "\n").splitlines() if line.strip()]


def _word_count(texts: list[str]) -> int:
    return sum(len(WORD.findall(text)) for text in texts)


# --- PDF and images -------------------------------------------------------------------------------

def _tesseract(name: str, scanned_pdf: bool):
    from . import ocr

    try:
        return ocr.require_tesseract()
    except ocr.OcrUnavailable as exc:
        if scanned_pdf:
            raise PlanFileError(
                f"“{name}” là PDF quét (trang chỉ có ảnh, không có lớp chữ) nên cần nhận dạng chữ (OCR). {exc} "
                "Hoặc lấy bản PDF có chữ: mở văn bản gốc bằng Word, chọn Lưu thành… (Save As) kiểu PDF "
                "rồi nhập tệp PDF đó (hoặc nhập thẳng tệp .docx).") from exc
        raise PlanFileError(f"“{name}” là ảnh chụp; để đọc chữ trong ảnh cần nhận dạng chữ (OCR). {exc}") from exc


def _ocr(image: Path, executable: Path, cancelled: Cancelled | None, name: str) -> list[str]:
    from . import external, ocr

    try:
        return _ocr_texts(ocr.image_text(image, cancelled, executable))
    except external.Cancelled:
        raise PlanFileError(f"Đã hủy đọc tệp “{name}”.") from None
    except ocr.OcrUnavailable as exc:
        raise PlanFileError(str(exc)) from exc
    except RuntimeError as exc:
        raise PlanFileError(f"Không nhận dạng được chữ trong “{name}”: {exc}") from exc


def _not_a_document(name: str) -> PlanFileError:
    return PlanFileError(
        f"Không nhận ra chữ trong ảnh “{name}”: có thể ảnh không phải trang văn bản, hoặc bị mờ, tối, chụp nghiêng. "
        "Hãy chụp lại thẳng, rõ, đủ sáng cả trang giấy (hoặc quét ở 300 dpi) rồi nhập lại.")


OCR_WARNING = "Chữ được đọc từ ảnh bằng nhận dạng chữ (OCR): hãy đối chiếu với ảnh và sửa chỗ sai dấu trước khi lưu."


def _photo_document(path: Path, progress: Progress | None, cancelled: Cancelled | None) -> DocumentText:
    executable = _tesseract(path.name, scanned_pdf=False)
    _check_cancel(cancelled, path.name)
    texts = _ocr(path, executable, cancelled, path.name)
    _done(progress, 1, 1)
    if _word_count(texts) < MIN_OCR_WORDS:
        raise _not_a_document(path.name)
    return DocumentText(_numbered(texts), "ocr", [path], [OCR_WARNING])


def _pdf_document(path: Path, progress: Progress | None, cancelled: Cancelled | None) -> DocumentText:
    from . import pdf_text

    name = path.name
    try:
        document = pdf_text.open_pdf(path)
    except pdf_text.PdfOpenError as exc:
        if exc.reason == "password":
            raise PlanFileError(
                f"“{name}” là PDF có mật khẩu (đã mã hóa) nên không đọc được. Hãy xin bản không đặt mật khẩu, "
                "hoặc mở tệp bằng chương trình đọc PDF, nhập mật khẩu, in (xuất) ra một PDF mới không mật khẩu "
                "rồi nhập tệp đó.") from exc
        if exc.reason == "unavailable":
            raise PlanFileError("Bản Cell Desk này thiếu thư viện đọc PDF (pypdfium2): hãy cài lại chương trình.") from exc
        raise PlanFileError(
            f"“{name}” là tệp PDF bị hỏng (có thể tải về chưa trọn hoặc chép bị lỗi) nên không đọc được. "
            "Hãy lấy lại tệp gốc rồi nhập lại.") from exc
    folder: Path | None = None
    try:
        total = len(document)
        if total == 0:
            raise PlanFileError(f"“{name}” là tệp PDF không có trang nào.")
        if total > MAX_PAGES:
            raise _too_long(name, total)
        texts: list[str] = []
        images: list[Path] = []
        ocr_pages: list[int] = []
        unread_pages: list[int] = []
        executable = None
        for index in range(total):
            _check_cancel(cancelled, name)
            page_texts, scanned = _pdf_page(document, index, name)
            if scanned:
                if executable is None:
                    executable = _tesseract(name, scanned_pdf=True)
                folder = folder or _new_temp_folder()
                image = _render(pdf_text, document, path, index, folder / f"trang-{index + 1:03d}.png", cancelled)
                page_texts = _ocr(image, executable, cancelled, name)
                images.append(image)
                ocr_pages.append(index + 1)
                if _word_count(page_texts) < MIN_OCR_WORDS:
                    unread_pages.append(index + 1)
            texts.extend(page_texts)
            _done(progress, index + 1, total)
        warnings = []
        if ocr_pages:
            if _word_count(texts) < MIN_OCR_WORDS:
                raise _not_a_document(name)
            pages = ", ".join(map(str, ocr_pages))
            warnings.append(f"Trang {pages} là ảnh quét. " + OCR_WARNING)
            if unread_pages:
                warnings.append(f"Không nhận ra chữ ở trang {', '.join(map(str, unread_pages))}: hãy xem ảnh của trang đó.")
        elif _letters(texts) == 0:
            raise PlanFileError(
                f"“{name}” không có chữ nào đọc được (không có lớp chữ, cũng không có ảnh trang quét). "
                "Hãy xuất lại văn bản từ Word thành PDF có chữ, hoặc nhập thẳng tệp .docx.")
        return DocumentText(_numbered(texts), "ocr" if ocr_pages else "pdf", images, warnings, folder)
    except BaseException:
        _drop_temp_folder(folder)
        raise
    finally:
        document.close()


def _pdf_page(document, index: int, name: str) -> tuple[list[str], bool]:
    """The page's text lines and whether it is a scan (too few letters, and an image)."""
    from . import pdf_text

    try:
        page = document[index]
    except Exception as exc:  # pypdfium2.PdfiumError: a page object the file lost
        raise PlanFileError(f"“{name}” là tệp PDF bị hỏng ở trang {index + 1} nên không đọc được. "
                            "Hãy lấy lại tệp gốc rồi nhập lại.") from exc
    try:
        texts = pdf_text.page_lines(page)
        return texts, _letters(texts) < MIN_PAGE_LETTERS and pdf_text.page_has_images(page)
    finally:
        page.close()


def _render(pdf_text, document, path: Path, index: int, target: Path, cancelled: Cancelled | None) -> Path:
    from . import external

    try:
        page = document[index]
        try:
            return pdf_text.render_page(page, target)
        finally:
            page.close()
    except Exception as first:  # pypdfium2 could not rasterise it: poppler may
        try:
            produced = pdf_text.render_with_pdftoppm(path, index + 1, target, cancelled=cancelled)
        except external.Cancelled:
            raise PlanFileError(f"Đã hủy đọc tệp “{path.name}”.") from None
        except (OSError, external.TimedOut):
            produced = None
        if produced is None:
            raise PlanFileError(f"Không dựng được ảnh trang {index + 1} của “{path.name}” để nhận dạng chữ.") from first
        return produced


# --- .doc, .rtf, .odt through LibreOffice ----------------------------------------------------------

CONVERTED_NAMES = {"ole": ("tệp Word cũ (.doc)", ".doc"), "rtf": ("tệp RTF (.rtf)", ".rtf"),
                   "odt": ("tệp OpenDocument (.odt)", ".odt")}
SAVE_AS_DOCX = ("Hãy mở bằng Word, chọn Lưu thành… (Save As) kiểu “Word Document (.docx)” rồi nhập "
                "tệp .docx đó.")


def find_soffice() -> Path | None:
    import os

    for command in ("soffice", "libreoffice"):
        found = shutil.which(command)
        if found:
            return Path(found)
    if sys.platform == "win32":
        for variable in ("ProgramFiles", "ProgramFiles(x86)", "ProgramW6432"):
            base = os.environ.get(variable)
            if base and (Path(base) / "LibreOffice" / "program" / "soffice.exe").is_file():
                return Path(base) / "LibreOffice" / "program" / "soffice.exe"
    elif sys.platform == "darwin":
        mac = Path("/Applications/LibreOffice.app/Contents/MacOS/soffice")
        if mac.is_file():
            return mac
    return None


def _converted(path: Path, kind: str, progress: Progress | None, cancelled: Cancelled | None) -> DocumentText:
    from . import external

    what, suffix = CONVERTED_NAMES[kind]
    name = path.name
    program = find_soffice()
    if program is None:
        raise PlanFileError(f"“{name}” là {what}. Máy chưa có LibreOffice để tự chuyển tệp này. {SAVE_AS_DOCX}")
    folder = Path(tempfile.mkdtemp(prefix="cell-desk-convert-"))
    try:
        source = folder / f"van-ban{suffix}"  # a copy: LibreOffice writes nothing beside the original
        shutil.copyfile(path, source)
        out = folder / "out"
        argv = [str(program), f"-env:UserInstallation={(folder / 'profile').as_uri()}", "--headless",
                "--norestore", "--nolockcheck", "--convert-to", "docx", "--outdir", str(out), str(source)]
        try:
            external.run(argv, CONVERT_TIMEOUT_SECONDS, cancelled, cwd=str(folder))
        except external.Cancelled:
            raise PlanFileError(f"Đã hủy đọc tệp “{name}”.") from None
        except external.TimedOut:
            raise PlanFileError(f"“{name}” là {what}; LibreOffice chuyển quá {CONVERT_TIMEOUT_SECONDS} giây nên đã "
                                f"dừng. {SAVE_AS_DOCX}") from None
        except OSError as exc:
            raise PlanFileError(f"“{name}” là {what}; không chạy được LibreOffice ({exc}). {SAVE_AS_DOCX}") from exc
        produced = out / "van-ban.docx"
        if not produced.is_file() or sniff(produced) != "docx":
            raise PlanFileError(f"“{name}” là {what} nhưng LibreOffice không chuyển được (tệp có thể đã hỏng "
                                f"hoặc có mật khẩu). {SAVE_AS_DOCX}")
        lines = _docx_lines(produced, name)
        _done(progress, 1, 1)
        return DocumentText(lines, "docx", warnings=[
            f"“{name}” là {what}, đã được LibreOffice chuyển sang .docx để đọc: hãy soát kỹ các dòng."])
    finally:
        shutil.rmtree(folder, ignore_errors=True)


# --- .txt and .docx --------------------------------------------------------------------------------

def _text_lines(path: Path) -> list[SourceLine]:
    data = path.read_bytes()
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise PlanFileError(f"“{path.name}” không phải tệp văn bản (.txt) hay Word (.docx).")
    for encoding in TEXT_ENCODINGS:
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:  # pragma: no cover - cp1258 decodes nearly anything
        raise PlanFileError(f"Không đọc được chữ trong “{path.name}”.")
    text = unicodedata.normalize("NFC", text)
    return [SourceLine(number, line) for number, line in enumerate(text.splitlines(), start=1)]


def _declared_pages(path: Path) -> int | None:
    """The page count Word (or LibreOffice) wrote into docProps/app.xml, if any."""
    try:
        with zipfile.ZipFile(path) as archive:
            properties = archive.read("docProps/app.xml")[:20000].decode("utf-8", "replace")
    except (KeyError, zipfile.BadZipFile, OSError):
        return None
    found = re.search(r"<(?:\w+:)?Pages>\s*(\d+)\s*<", properties)
    return int(found.group(1)) if found else None


def _docx_lines(path: Path, display_name: str | None = None) -> list[SourceLine]:
    name = display_name or path.name
    from .zip_safety import DOCX_LIMITS, UnsafeFile, check_office_zip

    try:  # a zip bomb or an XML entity never reaches python-docx
        check_office_zip(path, DOCX_LIMITS, "tệp Word .docx")
    except UnsafeFile as exc:
        raise PlanFileError(str(exc).replace(f"“{path.name}”", f"“{name}”")) from None
    pages = _declared_pages(path)
    if pages is not None and pages > MAX_PAGES:
        raise _too_long(name, pages)
    try:
        from docx import Document
        from docx.opc.exceptions import PackageNotFoundError

        document = Document(str(path))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise PlanFileError(f"“{name}” không phải tệp Word .docx hợp lệ (có thể đã hỏng).") from exc
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    lines: list[SourceLine] = []

    def add(text: str) -> None:
        for part in unicodedata.normalize("NFC", text).split("\n"):
            lines.append(SourceLine(len(lines) + 1, part))

    for block in document.element.body.iterchildren():
        tag = block.tag.rsplit("}", 1)[-1]
        if tag == "p":
            paragraph = Paragraph(block, document)
            text = _paragraph_text(block)
            add(_list_mark(paragraph, text) + text)
        elif tag == "tbl":
            # the header and signature tables: read each column top to bottom
            table = Table(block, document)
            columns = max((len(row.cells) for row in table.rows), default=0)
            for column in range(columns):
                for row in table.rows:
                    if column < len(row.cells):
                        for paragraph in row.cells[column].paragraphs:
                            add(paragraph.text)
    return lines


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_TEXT_TAGS = {_W + "t": None, _W + "tab": "\t", _W + "ptab": "\t", _W + "br": "\n", _W + "cr": "\n",
              _W + "noBreakHyphen": "-"}


def _paragraph_text(element) -> str:
    """A paragraph's text as python-docx's `Paragraph.text` gives it (runs, hyperlinks, tabs, breaks),
    read in one walk of the element: `.text` runs an XPath query per run, which is most of the time
    a 40,000-paragraph document takes."""
    parts = []
    for node in element.iter(*_TEXT_TAGS):
        replacement = _TEXT_TAGS[node.tag]
        if replacement is None:
            parts.append(node.text or "")
        elif node.tag != _W + "br" or node.get(_W + "type") in (None, "textWrapping"):
            parts.append(replacement)
    return "".join(parts)


def _list_mark(paragraph, text: str) -> str:
    """Word's automatic bullets and numbers are not in the text: give them back as "- " and "+ "."""
    text = text.lstrip()
    if not text or text[0] in "-–•+*" or text[:1].isdigit():
        return ""
    properties = paragraph._p.pPr
    numbering = properties.numPr if properties is not None else None
    level = None
    if numbering is not None and numbering.ilvl is not None:
        level = int(numbering.ilvl.val)
    elif numbering is not None:
        level = 0
    else:
        style = paragraph.style.name if paragraph.style is not None else ""
        if style.startswith(("List Bullet", "List Number", "List Paragraph")):
            digits = style.rsplit(" ", 1)[-1]
            level = int(digits) - 1 if digits.isdigit() else 0
    if level is None:
        return ""
    return "- " if level == 0 else "+ "
