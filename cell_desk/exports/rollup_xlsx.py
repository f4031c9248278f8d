"""The đảng ủy's summary table: one sheet per month, one row per registered cell (its deadline,
when it sent, its figures, and its activities under each form), a row of totals at the foot."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from ..domain.rollup import CellStanding, Submission, cell_key, form_totals, period_parts
from .activities_xlsx import DATE_FORMAT, FONT, FONT_SIZE, HEADER_FILL, _excel_day, _page_setup, excel_text
from .atomic import write_atomically

FIXED_COLUMNS = (
    ("STT", 5), ("Chi bộ", 34), ("Hạn nộp", 11), ("Ngày lập gói", 11), ("Tình trạng", 20),
    ("Số hoạt động", 10), ("Lượt đảng viên", 10), ("Lượt quần chúng", 10), ("Tổng lượt người", 10),
    ("Nhiệm vụ hoàn thành", 11), ("Nhiệm vụ đang thực hiện", 11), ("Ngày sinh hoạt chi bộ", 12),
)
FIRST_FIGURE = 5  # the column of "Số hoạt động": figures from here on are summed in the totals row
MEETING_COLUMN = 11  # "Ngày sinh hoạt chi bộ": a date, not summed
FORM_WIDTH = 12
HEADER_ROW = 3  # 0-based: rows 0-1 name the body and the month


@dataclass
class SummaryBook:
    body_name: str
    upper_body: str
    made_on: dt.date
    periods: list[tuple[str, list[CellStanding]]]  # newest first, as the desk lists them


def write_summary_workbook(target: Path, book: SummaryBook) -> Path:
    return write_atomically(Path(target), lambda temporary: _write(temporary, book))


def sheet_name(period: str) -> str:
    year, month = period_parts(period)
    return f"Tháng {month:02d}-{year}"  # Excel refuses "/" in a sheet's name


def _write(path: Path, book: SummaryBook) -> None:
    import xlsxwriter
    from xlsxwriter.exceptions import FileCreateError

    workbook = xlsxwriter.Workbook(str(path), {
        "strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False,
        "default_format_properties": {"font_name": FONT, "font_size": FONT_SIZE, "font_scheme": False, "theme": -1},
    })
    workbook.set_properties({"title": "Tổng hợp báo cáo của các chi bộ", "author": book.body_name,
                             "company": book.upper_body, "created": dt.datetime.combine(book.made_on, dt.time())})
    border = {"border": 1, "border_color": "#808080", "valign": "vcenter"}
    styles = {
        "title": workbook.add_format({"bold": True, "font_size": 13}),
        "about": workbook.add_format({}),
        "header": workbook.add_format({"bold": True, "font_color": "#FFFFFF", "bg_color": f"#{HEADER_FILL}",
                                       "align": "center", "text_wrap": True, **border}),
        "text": workbook.add_format({"text_wrap": True, **border}),
        "number": workbook.add_format(border),
        "date": workbook.add_format({"num_format": DATE_FORMAT, "align": "center", **border}),
        "late": workbook.add_format({"text_wrap": True, "font_color": "#9C0006", "bg_color": "#FFC7CE", **border}),
        "total_text": workbook.add_format({"bold": True, **border}),
        "total": workbook.add_format({"bold": True, **border}),
    }
    # the same form columns, in the same order, on every sheet: months are compared side by side
    forms = [total.form for total in form_totals(
        [row.report for _period, standings in book.periods or [] for row in standings if row.report is not None])]
    for period, standings in book.periods or []:
        _write_period(workbook.add_worksheet(sheet_name(period)), book, period, standings, forms, styles)
    if not book.periods:
        workbook.add_worksheet("Tổng hợp")
    try:
        workbook.close()
    except FileCreateError as failed:
        raise failed.args[0] if failed.args and isinstance(failed.args[0], OSError) else OSError(str(failed))


def _write_period(sheet, book: SummaryBook, period: str, standings: list[CellStanding], forms: list[str],
                  styles: dict) -> None:
    year, month = period_parts(period)
    headers = [*FIXED_COLUMNS, *((f"Hoạt động: {form}", FORM_WIDTH) for form in forms)]
    for column, (_, width) in enumerate(headers):
        sheet.set_column(column, column, width)
    sent = sum(1 for row in standings if row.state.has_report)
    sheet.write_string(0, 0, excel_text(f"{book.body_name} – tổng hợp báo cáo tháng {month:02d}/{year} "
                                        "của các chi bộ trực thuộc"), styles["title"])
    sheet.write_string(1, 0, excel_text(f"{sent}/{len(standings)} chi bộ đã gửi báo cáo. Lập ngày "
                                        f"{book.made_on:%d/%m/%Y}."), styles["about"])
    sheet.set_row(HEADER_ROW, 45)
    for column, (header, _) in enumerate(headers):
        sheet.write_string(HEADER_ROW, column, header, styles["header"])
    sums = [0] * (len(headers) - FIRST_FIGURE)
    for number, row in enumerate(standings, 1):
        line = HEADER_ROW + number
        package = row.report.package if row.report else None
        sheet.write_number(line, 0, number, styles["number"])
        sheet.write_string(line, 1, excel_text(row.cell.name), styles["text"])
        sheet.write_number(line, 2, _excel_day(row.deadline), styles["date"])
        if package is not None:
            sheet.write_number(line, 3, _excel_day(package.made_on), styles["date"])
        else:
            sheet.write_blank(line, 3, None, styles["date"])
        late = row.state in (Submission.LATE, Submission.OVERDUE)
        sheet.write_string(line, 4, row.state.value, styles["late" if late else "text"])
        by_form = {}
        if package is not None:
            for figure in package.figures:
                by_form[cell_key(figure.form)] = by_form.get(cell_key(figure.form), 0) + figure.activities
            meeting = package.meeting
            figures = [package.activities, sum(f.party_members for f in package.figures),
                       sum(f.others for f in package.figures), package.people,
                       sum(1 for t in package.tasks if t.done), sum(1 for t in package.tasks if not t.done)]
        else:
            meeting, figures = None, [None] * 6
        figures += [None]  # the meeting's day, written as a date below
        figures += [by_form.get(cell_key(form)) if package is not None else None for form in forms]
        for offset, value in enumerate(figures):
            column = FIRST_FIGURE + offset
            if column == MEETING_COLUMN:
                if meeting is not None and meeting.held_on:
                    sheet.write_number(line, column, _excel_day(meeting.held_on), styles["date"])
                else:
                    sheet.write_blank(line, column, None, styles["date"])
                continue
            if value is None:
                sheet.write_blank(line, column, None, styles["number"])
            else:
                sheet.write_number(line, column, value, styles["number"])
                sums[offset] += value
    total_line = HEADER_ROW + len(standings) + 1
    sheet.merge_range(total_line, 0, total_line, 4, f"Cộng ({sent} chi bộ đã gửi)", styles["total_text"])
    first, last = HEADER_ROW + 2, HEADER_ROW + 1 + len(standings)  # 1-based rows of the cells
    for offset, value in enumerate(sums):
        column = FIRST_FIGURE + offset
        if column == MEETING_COLUMN:
            sheet.write_blank(total_line, column, None, styles["total"])
            continue
        letter = _column_letter(column)
        # a formula, so a figure corrected by hand updates the total; its value cached for readers that do not compute
        sheet.write_formula(total_line, column, f"=SUM({letter}{first}:{letter}{last})" if standings else "=0",
                            styles["total"], value)
    sheet.freeze_panes(HEADER_ROW + 1, 2)
    sheet.autofilter(HEADER_ROW, 0, max(HEADER_ROW, last - 1), len(headers) - 1)
    sheet.repeat_rows(HEADER_ROW)
    _page_setup(sheet)


def _column_letter(column: int) -> str:
    letters = ""
    column += 1
    while column:
        column, remainder = divmod(column - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters
