"""The lines of a plan document: .docx (paragraphs and table cells in reading order) or .txt."""
from __future__ import annotations

import zipfile
from pathlib import Path

from ..domain.plan_parser import SourceLine


class PlanFileError(Exception):
    """A file that cannot be read as a plan; `str()` is the Vietnamese message."""


OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the old binary .doc (and .xls) container
TEXT_ENCODINGS = ("utf-8-sig", "utf-16", "cp1258")


def read_plan_lines(path: Path) -> list[SourceLine]:
    path = Path(path)
    if not path.is_file():
        raise PlanFileError(f"Không thấy tệp {path}.")
    with open(path, "rb") as handle:
        head = handle.read(8)
    if head.startswith(OLE_MAGIC) or path.suffix.lower() == ".doc":
        raise PlanFileError(
            f"“{path.name}” là tệp Word cũ (.doc). Hãy mở bằng Word, chọn Lưu thành… (Save As) kiểu "
            "“Word Document (.docx)” rồi nhập tệp .docx đó.")
    if head.startswith(b"PK"):
        return _docx_lines(path)
    if path.suffix.lower() in (".docx",):
        raise PlanFileError(f"“{path.name}” không phải tệp Word .docx hợp lệ (có thể đã hỏng).")
    return _text_lines(path)


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
    return [SourceLine(number, line) for number, line in enumerate(text.splitlines(), start=1)]


def _docx_lines(path: Path) -> list[SourceLine]:
    try:
        from docx import Document
        from docx.opc.exceptions import PackageNotFoundError

        document = Document(str(path))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise PlanFileError(f"“{path.name}” không phải tệp Word .docx hợp lệ (có thể đã hỏng).") from exc
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    lines: list[SourceLine] = []

    def add(text: str) -> None:
        for part in text.split("\n"):
            lines.append(SourceLine(len(lines) + 1, part))

    for block in document.element.body.iterchildren():
        tag = block.tag.rsplit("}", 1)[-1]
        if tag == "p":
            paragraph = Paragraph(block, document)
            add(_list_mark(paragraph) + paragraph.text)
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


def _list_mark(paragraph) -> str:
    """Word's automatic bullets and numbers are not in the text: give them back as "- " and "+ "."""
    text = paragraph.text.lstrip()
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
