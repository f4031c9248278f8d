"""Reads an activity log kept in Excel: the layout Cell Desk exports, or any sheet whose header
row names the same columns (in any order, with or without diacritics). Nothing here writes."""
from __future__ import annotations

import datetime as dt
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from ..domain.activity import FIELD_LABELS, ActivityDraft
from ..domain.dates import parse_ui_date
from ..domain.text import normalize_text, search_key
from ..domain.validation import ValidationError
from ..exports.activities_xlsx import LOG_COLUMNS, LOG_SHEET

# Header words (as search keys) to the field they name; the exported headers come first.
HEADER_FIELDS = {search_key(header): name for header, _width, name in LOG_COLUMNS if name}
HEADER_FIELDS |= {
    "ngay thuc hien": "occurred_on", "ngay to chuc": "occurred_on", "tu ngay": "occurred_on",
    "ngay ket thuc": "ends_on", "hinh thuc tuyen truyen": "form", "hoat dong": "title",
    "ten hoat dong tuyen truyen": "title", "chu tri": "organiser", "don vi to chuc": "organiser",
    "to chuc": "organiser", "dang vien": "party_members", "so dang vien tham gia": "party_members",
    "nguoi ngoai dang": "others", "quan chung": "others", "so quan chung": "others",
    "nhiem vu lien quan": "items", "ghi chu": "content",
}
REQUIRED = ("occurred_on", "form", "title")
HEADER_SEARCH_ROWS = 30
MAX_ROWS = 150_000  # activities in one import (an export of 100,000 comes back in one go)
MAX_COLUMNS = 256


class ActivityFileError(ValueError):
    """The file cannot be read as an activity log; str() says why, in Vietnamese."""


@dataclass
class ImportedRow:
    row_number: int
    draft: ActivityDraft
    item_texts: list[str] = field(default_factory=list)


@dataclass
class ActivitySheet:
    sheet_name: str
    rows: list[ImportedRow] = field(default_factory=list)
    errors: list[tuple[int, str]] = field(default_factory=list)  # (row number, reason)


def read_activity_sheet(path: Path, today: dt.date) -> ActivitySheet:
    path = Path(path)
    if not path.is_file():
        raise ActivityFileError(f"Không thấy tệp “{path}”.")
    suffix = path.suffix.lower()
    if suffix == ".xls":
        raise ActivityFileError(f"“{path.name}” là tệp Excel đời cũ (.xls). Hãy mở bằng Excel hoặc LibreOffice, "
                                "chọn Lưu thành… kiểu “Excel Workbook (.xlsx)” rồi nhập tệp mới.")
    if suffix == ".csv":
        raise ActivityFileError(f"“{path.name}” là tệp CSV. Hãy mở bằng Excel hoặc LibreOffice và lưu thành .xlsx.")
    if not zipfile.is_zipfile(path):
        raise ActivityFileError(f"“{path.name}” không phải tệp Excel (.xlsx) hoặc tệp đã hỏng.")
    from .zip_safety import XLSX_LIMITS, XLSX_SHARED_STRINGS_BYTES, UnsafeFile, check_office_zip

    try:  # a zip bomb, an XML entity or a shared-strings table too big to hold never reaches openpyxl
        check_office_zip(path, XLSX_LIMITS, "bảng tính Excel", {"xl/sharedStrings.xml": XLSX_SHARED_STRINGS_BYTES})
    except UnsafeFile as exc:
        raise ActivityFileError(str(exc)) from None
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a zip that is not a workbook
        raise ActivityFileError(f"Không đọc được “{path.name}” như một bảng tính Excel ({exc.__class__.__name__}).") from exc
    try:
        sheet = workbook[LOG_SHEET] if LOG_SHEET in workbook.sheetnames else workbook.worksheets[0]
        return _read_sheet(sheet, path.name, today)
    finally:
        workbook.close()


def _too_many_rows(sheet, file_name: str, rows: int) -> ActivityFileError:
    return ActivityFileError(
        f"Trang “{sheet.title}” của “{file_name}” có {rows:_} dòng, nhiều hơn số hoạt động một lần nhập nhận được "
        f"({MAX_ROWS:_} dòng). Hãy chia tệp thành nhiều tệp nhỏ hơn rồi nhập lần lượt.".replace("_", "."))


def _read_sheet(sheet, file_name: str, today: dt.date) -> ActivitySheet:
    declared = sheet.max_row if isinstance(sheet.max_row, int) else 0  # from the sheet's <dimension>, read first
    if declared > MAX_ROWS + HEADER_SEARCH_ROWS:
        raise _too_many_rows(sheet, file_name, declared)
    # rows are streamed; only the columns a header can name are padded out (not 16,384 of them)
    rows = sheet.iter_rows(values_only=True, max_col=min(sheet.max_column or MAX_COLUMNS, MAX_COLUMNS))
    columns, header_number = None, 0
    for header_number, values in enumerate(rows, 1):
        columns = _header_columns(values)
        if columns is not None or header_number >= HEADER_SEARCH_ROWS:
            break
    if columns is None:
        wanted = ", ".join(f"“{FIELD_LABELS[name]}”" for name in REQUIRED)
        raise ActivityFileError(f"Trong trang “{sheet.title}” của “{file_name}” không thấy dòng tiêu đề có các cột "
                                f"{wanted} ({HEADER_SEARCH_ROWS} dòng đầu). Hãy dùng mẫu do Cell Desk xuất ra.")
    result = ActivitySheet(sheet.title)
    for row_number, values in enumerate(rows, header_number + 1):
        cells = {name: values[index] for name, index in columns.items() if index < len(values)}
        if all(_blank(value) for value in cells.values()):
            continue
        if len(result.rows) + len(result.errors) >= MAX_ROWS:  # a sheet whose <dimension> lied
            raise _too_many_rows(sheet, file_name, row_number)
        try:
            result.rows.append(_imported_row(row_number, cells, today))
        except ValidationError as exc:
            result.errors.append((row_number, str(exc)))
    return result


def _header_columns(values) -> dict[str, int] | None:
    columns: dict[str, int] = {}
    for index, value in enumerate(values or ()):
        if isinstance(value, str):
            name = HEADER_FIELDS.get(search_key(value).strip(" :*"))
            if name and name not in columns:
                columns[name] = index
    return columns if all(name in columns for name in REQUIRED) else None


def _blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _imported_row(row_number: int, cells: dict, today: dt.date) -> ImportedRow:
    occurred_on = _date(cells.get("occurred_on"), "occurred_on")
    if occurred_on is None:
        raise ValidationError("Chưa có ngày diễn ra hoạt động.", "occurred_on")
    items = [line.lstrip("•-+* ").strip() for line in _text(cells.get("items")).split("\n")]
    draft = ActivityDraft(
        occurred_on=occurred_on,
        ends_on=_date(cells.get("ends_on"), "ends_on"),
        form=_text(cells.get("form")), title=_text(cells.get("title")), content=_text(cells.get("content")),
        place=_text(cells.get("place")), organiser=_text(cells.get("organiser")),
        party_members=_count(cells.get("party_members"), "party_members"),
        others=_count(cells.get("others"), "others"),
        tags=tuple(tag for tag in re.split(r"[,;]", _text(cells.get("tags"))) if tag.strip()),
    )
    return ImportedRow(row_number, draft.cleaned(today), [item for item in items if item])


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return normalize_text(str(value))


def _date(value, name: str) -> dt.date | None:
    if _blank(value):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, (int, float)) and 1 <= value < 2_958_466:  # a date serial without a date format
        from openpyxl.utils.datetime import from_excel

        return from_excel(value).date()
    text = str(value).strip()
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            return dt.date.fromisoformat(text)
        return parse_ui_date(text)
    except ValueError as exc:
        raise ValidationError(f"“{FIELD_LABELS[name]}”: {exc}", name) from None


def _count(value, name: str) -> int:
    if _blank(value):
        return 0
    if isinstance(value, bool):
        raise ValidationError(f"“{FIELD_LABELS[name]}” phải là số, không phải “{value}”.", name)
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, int):
        return value
    text = str(value).strip().replace(".", "").replace(",", "")
    if re.fullmatch(r"\d+", text):
        return int(text)
    raise ValidationError(f"“{FIELD_LABELS[name]}” phải là số nguyên, không phải “{value}”.", name)
