"""The activity log as an Excel workbook the upper level asks for: "Nhật ký" (every activity),
"Tổng hợp" (counts by month and form, with a chart), "Tiến độ" (checklist progress by phase).

Written with openpyxl in write-only mode, so 100,000 activities stream through without being held
as cells. The layout here is also what imports/activities_xlsx.py reads back."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from ..domain.activity import ActivityTally
from ..domain.plan import Progress
from ..domain.text import strip_forbidden
from .atomic import write_atomically

LOG_SHEET = "Nhật ký"
SUMMARY_SHEET = "Tổng hợp"
PROGRESS_SHEET = "Tiến độ"
# (header, width in characters, field it holds), in the order _write_log writes them; imports
# find columns by these headers.
LOG_COLUMNS = (
    ("STT", 6, None),
    ("Ngày", 12, "occurred_on"),
    ("Đến ngày", 12, "ends_on"),
    ("Hình thức", 28, "form"),
    ("Tên hoạt động", 42, "title"),
    ("Nội dung", 55, "content"),
    ("Địa điểm", 20, "place"),
    ("Chủ trì / tổ chức", 22, "organiser"),
    ("Số đảng viên", 10, "party_members"),
    ("Số người ngoài Đảng", 12, "others"),
    ("Tổng số người", 10, None),
    ("Nhiệm vụ kế hoạch", 60, "items"),
    ("Tệp đính kèm", 24, "attachments"),
    ("Nhãn", 16, "tags"),
)
HEADER_ROW = 5  # rows 1-3 name the cell, the document and the period
DATE_FORMAT = "dd/mm/yyyy"
EXCEL_CELL_LIMIT = 32_767
LINE_HEIGHT = 15  # points, one line of the default 11-point font
MAX_ROW_HEIGHT = 409  # Excel's limit
HEADER_FILL = "9E1B1B"


@dataclass
class ExportedActivity:
    occurred_on: dt.date
    ends_on: dt.date | None
    form: str
    title: str
    content: str
    place: str
    organiser: str
    party_members: int
    others: int
    items: list[str] = field(default_factory=list)
    attachments: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)


@dataclass
class PhaseProgress:
    label: str
    window: str
    total: int
    done: int
    in_progress: int
    not_applicable: int
    fraction: float


@dataclass
class DocumentProgress:
    """One document in force on the Tiến độ sheet: its heading and the progress of its phases."""
    heading: str
    phases: list[PhaseProgress] = field(default_factory=list)


@dataclass
class ActivityWorkbook:
    cell_name: str
    upper_body: str
    period: str
    plan_reference: str
    made_on: dt.date
    activities: Iterable[ExportedActivity]
    progress: list[DocumentProgress] = field(default_factory=list)  # one block per document in force


def write_activity_workbook(target: Path, book: ActivityWorkbook) -> int:
    """Writes the workbook atomically; returns how many activities it holds."""
    written = []
    write_atomically(Path(target), lambda temporary: written.append(_write(temporary, book)))
    return written[0]


def _write(path: Path, book: ActivityWorkbook) -> int:
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    styles = _Styles()
    tally = ActivityTally()
    count = _write_log(workbook.create_sheet(LOG_SHEET), book, styles, tally)
    _write_summary(workbook.create_sheet(SUMMARY_SHEET), book, styles, tally)
    _write_progress(workbook.create_sheet(PROGRESS_SHEET), book, styles)
    workbook.save(path)
    return count


class _Styles:
    def __init__(self):
        from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

        thin = Side(style="thin", color="808080")
        self.border = Border(left=thin, right=thin, top=thin, bottom=thin)
        self.header_font = Font(bold=True, color="FFFFFF")
        self.header_fill = PatternFill("solid", fgColor=HEADER_FILL)
        self.header_alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        # Cells keep Excel's bottom alignment: giving every cell of 100,000 rows a top alignment
        # would cost a third more time, and a row of mixed alignments reads worse than either.
        self.wrap = Alignment(wrap_text=True)
        self.title_font = Font(bold=True, size=14)
        self.bold = Font(bold=True)
        self.centre = Alignment(horizontal="center")


def _cell(sheet, value, *, number_format=None, alignment=None, font=None, fill=None, border=None):
    from openpyxl.cell import WriteOnlyCell

    cell = WriteOnlyCell(sheet, value)
    if isinstance(value, str):
        cell.data_type = "s"  # text that starts with "=" stays text, never a formula
    if number_format:
        cell.number_format = number_format
    if alignment:
        cell.alignment = alignment
    if font:
        cell.font = font
    if fill:
        cell.fill = fill
    if border:
        cell.border = border
    return cell


class _StyledCells:
    """Cells of one look, made fast for 100,000 rows: the style is registered once and its index
    array shared, and the value is set without openpyxl's type guessing (we know the type, and
    text must stay text even when it starts with "="). Done the ordinary way, styling every cell
    takes longer than writing it."""

    def __init__(self, sheet, data_type: str = "s", **style):
        from openpyxl.cell.cell import Cell

        class QuietCell(Cell):
            # openpyxl tries each appended value as a plain value first and formats the refusal
            # with repr(); the default repr of a cell costs as much as writing it
            __slots__ = ()

            def __repr__(self):
                return "cell"

        self.sheet, self.make, self.data_type = sheet, QuietCell, data_type
        self.style = _cell(sheet, None, **style)._style  # the workbook registers the style here

    def __call__(self, value):
        cell = self.make(self.sheet, 1, 1)
        cell._value, cell.data_type, cell._style = value, self.data_type, self.style
        return cell


def _line_count(text: str, width: int) -> int:
    """Lines a wrapped cell `width` wide needs for the text: a width unit is a digit, and
    Vietnamese text averages about 1.2 letters to the digit."""
    if not text:
        return 1
    per_line = max(1, int(width * 1.2) - 2)
    return sum(1 + len(part) // per_line for part in text.split("\n"))


def excel_text(text: str) -> str:
    """Text a cell can hold: no characters XML forbids, at most Excel's 32,767 characters."""
    text = strip_forbidden(text or "")
    return text if len(text) <= EXCEL_CELL_LIMIT else text[:EXCEL_CELL_LIMIT - 1] + "…"


def _title_rows(sheet, book: ActivityWorkbook, title: str, styles: _Styles, width: int) -> None:
    from openpyxl.utils import get_column_letter

    last = get_column_letter(width)
    sheet.append([_cell(sheet, excel_text(f"{book.upper_body} – {book.cell_name}".strip(" –")), font=styles.bold)])
    sheet.append([_cell(sheet, title, font=styles.title_font)])
    sheet.append([_cell(sheet, excel_text(f"{book.period}. Lập ngày {book.made_on:%d/%m/%Y}"
                                          + (f"; thực hiện {book.plan_reference}" if book.plan_reference else "")))])
    sheet.append([])
    for row in (1, 2, 3):
        sheet.merged_cells.add(f"A{row}:{last}{row}")


def _header(sheet, headers: list[str], styles: _Styles, height: float = 32) -> None:
    sheet.row_dimensions[HEADER_ROW].height = height
    sheet.append([_cell(sheet, header, font=styles.header_font, fill=styles.header_fill,
                        alignment=styles.header_alignment, border=styles.border) for header in headers])


def _write_log(sheet, book: ActivityWorkbook, styles: _Styles, tally: ActivityTally) -> int:
    from openpyxl.utils import get_column_letter

    for index, (_header_text, width, _field) in enumerate(LOG_COLUMNS, 1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    # fourteen columns on one A4 sheet would print at 5 points: two sheets wide, each starting with
    # the number and the date, print at a readable size
    _page_setup(sheet, landscape=True, pages_wide=2)
    sheet.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    sheet.print_title_cols = "A:B"
    sheet.freeze_panes = f"A{HEADER_ROW + 1}"
    _title_rows(sheet, book, "NHẬT KÝ HOẠT ĐỘNG TUYÊN TRUYỀN", styles, len(LOG_COLUMNS))
    _header(sheet, [header for header, _w, _f in LOG_COLUMNS], styles)
    date_cell = _StyledCells(sheet, "d", number_format=DATE_FORMAT)
    wrapped_cell = _StyledCells(sheet, alignment=styles.wrap)
    formula_safe_cell = _StyledCells(sheet)

    def _text_or_none(text: str):
        if not text:
            return None
        return formula_safe_cell(excel_text(text)) if text[0] == "=" else excel_text(text)

    widths = {name: width for _header_text, width, name in LOG_COLUMNS}
    count = 0
    for count, activity in enumerate(book.activities, 1):
        participants = activity.party_members + activity.others
        tally.add(activity.occurred_on, activity.form, participants)
        form, title, content = excel_text(activity.form), excel_text(activity.title), excel_text(activity.content)
        items = excel_text("\n".join(f"• {item}" for item in activity.items))
        files = excel_text("\n".join(activity.attachments))
        row_number = HEADER_ROW + count
        # Calc and some Excel versions keep the default height for wrapped text, hiding all but a line
        lines = max(_line_count(form, widths["form"]), _line_count(title, widths["title"]),
                    _line_count(content, widths["content"]), _line_count(items, widths["items"]),
                    _line_count(files, widths["attachments"]))
        if lines > 1:
            # a plain dict of the row's attributes, which is all the writer reads: a RowDimension
            # object per row would cost a tenth of the export
            dict.__setitem__(sheet.row_dimensions, row_number,
                             {"ht": str(min(MAX_ROW_HEIGHT, LINE_HEIGHT * lines)), "customHeight": "1"})
        sheet.append([
            count,
            date_cell(activity.occurred_on),
            date_cell(activity.ends_on) if activity.ends_on else None,
            wrapped_cell(form),
            wrapped_cell(title),
            wrapped_cell(content) if content else None,
            _text_or_none(activity.place),
            _text_or_none(activity.organiser),
            activity.party_members,
            activity.others,
            participants,
            wrapped_cell(items) if items else None,
            wrapped_cell(files) if files else None,
            _text_or_none(", ".join(activity.tags)),
        ])
        if lines > 1:
            dict.__delitem__(sheet.row_dimensions, row_number)  # written with the row
    last_column = get_column_letter(len(LOG_COLUMNS))
    sheet.auto_filter.ref = f"A{HEADER_ROW}:{last_column}{HEADER_ROW + max(count, 1)}"
    return count


def _write_summary(sheet, book: ActivityWorkbook, styles: _Styles, tally: ActivityTally) -> None:
    from openpyxl.chart import BarChart, Reference
    from openpyxl.utils import get_column_letter

    forms = tally.forms
    width = len(forms) + 2
    sheet.column_dimensions["A"].width = 24
    for index in range(2, width + 1):
        sheet.column_dimensions[get_column_letter(index)].width = 18
    _page_setup(sheet, landscape=True)
    _title_rows(sheet, book, "TỔNG HỢP HOẠT ĐỘNG THEO THÁNG VÀ HÌNH THỨC", styles, max(width, 4))
    _header(sheet, ["Tháng", *(excel_text(form) for form in forms), "Tổng cộng"], styles, height=96)
    months = tally.months
    for month in months:
        sheet.append([_cell(sheet, f"{month[1]:02d}/{month[0]}", alignment=styles.centre, border=styles.border),
                      *(_cell(sheet, tally.count(month, form), border=styles.border) for form in forms),
                      _cell(sheet, tally.count(month), font=styles.bold, border=styles.border)])
    sheet.append([_cell(sheet, "Tổng cộng", font=styles.bold, border=styles.border),
                  *(_cell(sheet, tally.count(form=form), font=styles.bold, border=styles.border) for form in forms),
                  _cell(sheet, tally.count(), font=styles.bold, border=styles.border)])
    sheet.append([])
    sheet.append([_cell(sheet, "Số lượt người tham gia", font=styles.bold),
                  *(tally.people[form] for form in forms), sum(tally.people.values())])
    if months and forms:
        chart = BarChart()
        chart.type = "col"
        chart.grouping = "stacked"
        chart.overlap = 100
        chart.title = "Số hoạt động theo tháng"
        chart.y_axis.title = "Số hoạt động"
        chart.x_axis.title = "Tháng"
        first, last = HEADER_ROW + 1, HEADER_ROW + len(months)
        data = Reference(sheet, min_col=2, max_col=len(forms) + 1, min_row=HEADER_ROW, max_row=last)
        chart.add_data(data, titles_from_data=True)
        chart.set_categories(Reference(sheet, min_col=1, min_row=first, max_row=last))
        chart.legend.position = "b"
        chart.height, chart.width = 12, max(24, min(40, len(months) * 1.5))
        sheet.add_chart(chart, f"A{last + 5}")


def _write_progress(sheet, book: ActivityWorkbook, styles: _Styles) -> None:
    headers = ("Đợt", "Thời gian", "Số nội dung", "Đã hoàn thành", "Đang thực hiện", "Không áp dụng",
               "Chưa thực hiện", "Tiến độ")
    for letter, width in zip("ABCDEFGH", (60, 26, 11, 13, 13, 13, 13, 10)):
        sheet.column_dimensions[letter].width = width
    _page_setup(sheet, landscape=True)
    several = len(book.progress) > 1
    _title_rows(sheet, book, "TIẾN ĐỘ THỰC HIỆN CÁC VĂN BẢN ĐANG ÁP DỤNG" if several
                else "TIẾN ĐỘ THỰC HIỆN KẾ HOẠCH THEO ĐỢT", styles, len(headers))
    _header(sheet, list(headers), styles)

    def append(line: PhaseProgress, font=None) -> None:
        not_started = line.total - line.done - line.in_progress - line.not_applicable
        sheet.append([
            _cell(sheet, excel_text(line.label), alignment=styles.wrap, font=font, border=styles.border),
            _cell(sheet, excel_text(line.window), alignment=styles.wrap, border=styles.border),
            *(_cell(sheet, number, font=font, border=styles.border)
              for number in (line.total, line.done, line.in_progress, line.not_applicable, not_started)),
            _cell(sheet, round(line.fraction, 4), number_format="0%", font=font, border=styles.border),
        ])

    every = []
    for document in book.progress:
        sheet.append([_cell(sheet, excel_text(document.heading), alignment=styles.wrap, font=styles.bold)])
        for line in document.phases:
            append(line)
        every.extend(document.phases)
        if several:
            append(_total("Cộng văn bản này", document.phases), styles.bold)
    append(_total("Cộng tất cả văn bản đang áp dụng" if several else "Toàn kế hoạch", every), styles.bold)


def _total(label: str, lines: list[PhaseProgress]) -> PhaseProgress:
    done, not_applicable = sum(p.done for p in lines), sum(p.not_applicable for p in lines)
    total_items = sum(p.total for p in lines)
    return PhaseProgress(label, "", total_items, done, sum(p.in_progress for p in lines), not_applicable,
                         Progress(done, total_items - not_applicable).fraction)


def _page_setup(sheet, landscape: bool, pages_wide: int = 1) -> None:
    sheet.page_setup.orientation = "landscape" if landscape else "portrait"
    sheet.page_setup.paperSize = "9"  # A4
    sheet.page_setup.fitToWidth = pages_wide
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
