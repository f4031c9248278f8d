"""Reads a list of members from Excel: any sheet whose header row names the columns (họ và tên,
chức vụ, chính thức/dự bị, miễn sinh hoạt, lý do), in any order, with or without diacritics. A
name split into "Họ và đệm" and "Tên" is joined. Columns the program does not keep (ngày sinh,
số thẻ đảng, CCCD…) are ignored and never read. Nothing here writes."""
from __future__ import annotations

import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from ..domain.members import Member, read_role, read_standing, read_yes
from ..domain.text import normalize_text, search_key
from ..domain.validation import ValidationError

HEADERS = {
    "ho va ten": "name", "ho ten": "name", "ho va ten dang vien": "name", "ten dang vien": "name",
    "dang vien": "name", "full name": "name", "name": "name",
    "ho va dem": "family", "ho dem": "family", "ho": "family", "ten": "given",
    "chuc vu": "role", "chuc vu chi uy": "role", "chuc vu trong chi uy": "role", "chuc vu dang": "role",
    "chinh thuc du bi": "standing", "dang vien chinh thuc du bi": "standing", "loai dang vien": "standing",
    "chinh thuc": "standing", "du bi": "standing", "phan loai": "standing",
    "mien sinh hoat": "exempt", "mien sh": "exempt", "duoc mien sinh hoat": "exempt",
    "ly do": "reason", "ly do mien sinh hoat": "reason", "ly do mien": "reason", "ghi chu": "reason",
}
HEADER_SEARCH_ROWS = 20


class MemberFileError(ValueError):
    """The file cannot be read as a list of members; str() says why, in Vietnamese."""


@dataclass
class MemberSheet:
    members: list[Member] = field(default_factory=list)
    errors: list[tuple[int, str]] = field(default_factory=list)  # (row number, reason)


def _header_key(value) -> str:
    return " ".join(search_key(str(value or "")).replace("/", " ").replace("-", " ").replace(".", " ")
                    .replace("(", " ").replace(")", " ").replace(":", " ").split())


def header_columns(values) -> dict[str, int] | None:
    columns: dict[str, int] = {}
    for index, value in enumerate(values or ()):
        name = HEADERS.get(_header_key(value))
        if name and name not in columns:
            columns[name] = index
    if "name" in columns or "given" in columns:
        return columns
    return None


def read_member_rows(rows) -> MemberSheet:
    """Rows of cell values (the first rows may be titles before the header row)."""
    rows = iter(rows)
    columns = None
    number = 0
    for number, values in enumerate(rows, 1):
        columns = header_columns(values)
        if columns is not None or number >= HEADER_SEARCH_ROWS:
            break
    if columns is None:
        raise MemberFileError("Không thấy hàng tiêu đề có cột “Họ và tên” trong "
                              f"{HEADER_SEARCH_ROWS} hàng đầu của bảng.")
    sheet = MemberSheet()
    seen: set[str] = set()

    def cell(values, name):
        index = columns.get(name)
        value = values[index] if index is not None and index < len(values) else None
        return "" if value is None else normalize_text(str(value)).strip()

    for number, values in enumerate(rows, number + 1):
        values = tuple(values or ())
        name = cell(values, "name") or " ".join(p for p in (cell(values, "family"), cell(values, "given")) if p)
        if not name or name.isdigit():
            continue  # a blank line, or a line of column numbers under the header
        role_text, standing_text = cell(values, "role"), cell(values, "standing")
        role, standing = read_role(role_text), read_standing(standing_text)
        if role is None:
            role = "Đảng viên"  # a party post outside the chi ủy (e.g. "Tổ trưởng") is not kept
        if standing is None:
            sheet.errors.append((number, f"“{standing_text}” không phải chính thức hay dự bị."))
            continue
        exempt = read_yes(cell(values, "exempt"))
        reason = cell(values, "reason") if exempt else ""
        try:
            member = Member(None, name, role, standing, exempt, reason or ("Không ghi lý do" if exempt else "")).cleaned()
        except ValidationError as refusal:
            sheet.errors.append((number, str(refusal)))
            continue
        if member.key in seen:
            sheet.errors.append((number, f"“{member.name}” đã có ở dòng trên."))
            continue
        seen.add(member.key)
        sheet.members.append(member)
    return sheet


def read_member_sheet(path: Path) -> MemberSheet:
    path = Path(path)
    if not path.is_file():
        raise MemberFileError(f"Không thấy tệp “{path}”.")
    if path.suffix.lower() == ".xls":
        raise MemberFileError(f"“{path.name}” là tệp Excel đời cũ (.xls). Hãy mở bằng Excel hoặc LibreOffice, "
                              "chọn Lưu thành… kiểu “Excel Workbook (.xlsx)” rồi nhập tệp mới.")
    if not zipfile.is_zipfile(path):
        raise MemberFileError(f"“{path.name}” không phải tệp Excel (.xlsx) hoặc tệp đã hỏng.")
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a zip that is not a workbook
        raise MemberFileError(f"Không đọc được “{path.name}” như một bảng tính Excel ({exc.__class__.__name__}).") from exc
    try:
        last_error = None
        for sheet in workbook.worksheets:  # the first sheet that has a header row
            try:
                return read_member_rows(sheet.iter_rows(values_only=True))
            except MemberFileError as refusal:
                last_error = refusal
        raise last_error or MemberFileError(f"“{path.name}” không có trang tính nào.")
    finally:
        workbook.close()
