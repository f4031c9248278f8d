"""A cheap look at a .docx or .xlsx before python-docx or openpyxl parse it: the zip's own
directory (entry count, declared sizes, compression ratio) and the first bytes of each XML part
(no DTD, so no entity of any kind). A zip bomb or an XXE file is refused here in milliseconds,
having decompressed at most a few kilobytes per entry.

Python's zipfile never gives more bytes than an entry declares (it stops there and reports a bad
CRC), so the declared sizes bound what the readers can be made to decompress."""
from __future__ import annotations

import zipfile
from dataclasses import dataclass
from pathlib import Path

PROLOG_BYTES = 64 * 1024  # the XML declaration, comments and whitespace before the root element


@dataclass(frozen=True)
class ZipLimits:
    max_entries: int
    max_total_bytes: int  # declared uncompressed size of all entries
    max_entry_bytes: int
    # an entry this large must not be more compressed than this (deflate reaches ~1000:1 on
    # repeated bytes; real Office XML is 3-70:1, a generated 10 MB plan 62:1)
    ratio_checked_from: int = 16 * 1024 * 1024
    max_ratio: int = 200


# A 200-page .docx holds a few MB of XML; a generated 10 MB plan 12 MB.
DOCX_LIMITS = ZipLimits(max_entries=5_000, max_total_bytes=160 * 1024 * 1024, max_entry_bytes=128 * 1024 * 1024)
# 100,000 activities exported by Cell Desk: a 143 MB sheet (ratio 18). openpyxl streams a sheet
# but holds the shared-strings table in memory, so that part has its own limit.
XLSX_LIMITS = ZipLimits(max_entries=10_000, max_total_bytes=600 * 1024 * 1024, max_entry_bytes=512 * 1024 * 1024)
XLSX_SHARED_STRINGS_BYTES = 160 * 1024 * 1024


class UnsafeFile(ValueError):
    """The file is refused before parsing; `str()` is the Vietnamese reason."""


def _number(value: float) -> str:
    """Thousands as Vietnamese writes them: 12.345."""
    return f"{value:,.0f}".replace(",", ".")


def _megabytes(size: int) -> str:
    return _number(size / 1024 / 1024) + " MB"


def check_office_zip(path: Path, limits: ZipLimits, what: str, part_limits: dict[str, int] | None = None) -> None:
    """Raises UnsafeFile naming what is wrong; returns when the file may be handed to its reader."""
    path = Path(path)
    name = path.name
    try:
        with zipfile.ZipFile(path) as archive:
            entries = archive.infolist()
            if len(entries) > limits.max_entries:
                raise UnsafeFile(f"“{name}” chứa {_number(len(entries))} phần, quá nhiều đối với một {what} "
                                 f"(tối đa {_number(limits.max_entries)}): tệp bị hỏng hoặc được tạo ra để làm "
                                 "treo máy. Chương trình không đọc tệp này.")
            total = 0
            for entry in entries:
                total += entry.file_size
                limit = min(limits.max_entry_bytes, (part_limits or {}).get(entry.filename, limits.max_entry_bytes))
                ratio = entry.file_size / max(entry.compress_size, 1)
                if entry.file_size > limit or total > limits.max_total_bytes or (
                        entry.file_size >= limits.ratio_checked_from and ratio > limits.max_ratio):
                    raise UnsafeFile(
                        f"“{name}” khi giải nén sẽ chiếm tới {_megabytes(max(total, entry.file_size))} "
                        f"(phần “{entry.filename}” nén {_number(ratio)} lần), quá lớn đối với một {what}: tệp bị hỏng "
                        "hoặc là “bom nén” được tạo ra để làm đầy bộ nhớ. Chương trình không đọc tệp này.")
            for entry in entries:
                if not entry.is_dir():
                    _check_prolog(archive, entry, name, what)
    except (zipfile.BadZipFile, OSError, EOFError, ValueError) as exc:
        if isinstance(exc, UnsafeFile):
            raise
        raise UnsafeFile(f"“{name}” không phải {what} hợp lệ (tệp nén bị hỏng).") from exc
    except NotImplementedError as exc:  # a compression method zipfile does not know
        raise UnsafeFile(f"“{name}” không phải {what} hợp lệ (kiểu nén không được hỗ trợ).") from exc


def _check_prolog(archive: zipfile.ZipFile, entry: zipfile.ZipInfo, name: str, what: str) -> None:
    """An XML part may not declare a DTD: Office never writes one, and only a DTD can define an
    entity (an external one reads a local file or a URL, an internal one can expand a billion times)."""
    with archive.open(entry) as source:
        head = source.read(PROLOG_BYTES)
    text = _decoded(head)
    start = text.lstrip()
    if not start.startswith("<"):
        return  # not XML (an image, a thumbnail, a binary part)
    upper = text.upper()
    index = 0
    while True:  # walk the prolog: declarations, comments, processing instructions
        index = upper.find("<", index)
        if index < 0:
            if len(head) >= PROLOG_BYTES:
                raise _dtd_refusal(name, entry.filename, what)  # no root element in 64 KB: not Office XML
            return
        if upper.startswith("<!DOCTYPE", index) or upper.startswith("<!ENTITY", index):
            raise _dtd_refusal(name, entry.filename, what)
        if upper.startswith("<!--", index):
            end = upper.find("-->", index + 4)
            if end < 0:
                if len(head) >= PROLOG_BYTES:
                    raise _dtd_refusal(name, entry.filename, what)
                return
            index = end + 3
        elif upper.startswith("<?", index):
            end = upper.find("?>", index + 2)
            if end < 0:
                if len(head) >= PROLOG_BYTES:
                    raise _dtd_refusal(name, entry.filename, what)
                return
            index = end + 2
        else:
            return  # the root element: a DTD cannot come after it


def _decoded(head: bytes) -> str:
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return head.decode("utf-16", "replace")
    if head[:2] in (b"<\x00", b"\x00<"):
        return head.decode("utf-16-le" if head[0] == 0x3C else "utf-16-be", "replace")
    return head.decode("utf-8", "replace")


def _dtd_refusal(name: str, part: str, what: str) -> UnsafeFile:
    return UnsafeFile(f"“{name}” có phần “{part}” khai báo DTD hoặc thực thể XML (DOCTYPE/ENTITY), điều mà "
                      f"{what} thật không bao giờ có; thực thể như vậy có thể đọc trộm tệp trên máy. "
                      "Chương trình không đọc tệp này.")
