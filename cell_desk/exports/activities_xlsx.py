"""The activity log as an Excel workbook the upper level asks for: "Nhật ký" (every activity),
"Tổng hợp" (counts by month and form, with a chart), "Tiến độ" (checklist progress by phase).

Written with XlsxWriter in constant_memory mode: 100,000 activities stream through a row at a time,
and XlsxWriter, made for writing, does it in half the time openpyxl's write-only mode took
(benchmarks/activity_log.py). openpyxl still reads (imports/activities_xlsx.py reads this layout back).

Laid out to read in Excel and LibreOffice alike: Arial, which LibreOffice draws with its metric twin
Liberation Sans, so the heights worked out here for wrapped text hold in both; every header and
wrapped cell gets the height its lines need; the chart's legend names are short enough to sit side
by side, and the chart starts a page of its own."""
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
FONT, FONT_SIZE = "Arial", 10  # LibreOffice draws Arial with Liberation Sans, of the same widths
DIGIT_PIXELS = 7  # a width unit: a digit of 10-point Arial
LINE_HEIGHT = 13  # points a line of a wrapped cell is given (Excel draws one line of 10-point Arial in 12.75)
MAX_ROW_HEIGHT = 409  # Excel's limit
HEADER_FILL = "9E1B1B"
LEGEND_NAME_LIMIT = 34  # letters of a form's name in the chart's legend
LEGEND_ENTRY_PIXELS = 250  # a legend entry of that length with its colour key, in 9-point Arial
LEGEND_LINE_PIXELS = 18


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
    import xlsxwriter
    from xlsxwriter.exceptions import FileCreateError

    workbook = xlsxwriter.Workbook(str(path), {
        "constant_memory": True,  # a row at a time: 100,000 activities are never held as cells
        # text is text: never a formula, a link or a number, whatever it starts with
        "strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False,
        # the look of a cell written without one: Arial, and at the top, so that in a tall row every
        # cell reads from its first line (a cell of that look needs no style of its own in the file:
        # a fifth of the export's time)
        "default_format_properties": {"font_name": FONT, "font_size": FONT_SIZE, "font_scheme": False, "theme": -1,
                                      "valign": "top"},
        "default_row_height": 17,  # pixels: Excel's one line of 10-point Arial, 12.75 points
    })
    workbook.set_properties({"title": "Nhật ký hoạt động tuyên truyền", "author": book.cell_name or "Chi bộ",
                             "company": book.upper_body, "created": dt.datetime.combine(book.made_on, dt.time())})
    styles = _Styles(workbook)
    tally = ActivityTally()
    count = _write_log(workbook.add_worksheet(LOG_SHEET), book, styles, tally)
    _write_summary(workbook, workbook.add_worksheet(SUMMARY_SHEET), book, styles, tally)
    _write_progress(workbook.add_worksheet(PROGRESS_SHEET), book, styles)
    try:
        workbook.close()
    except FileCreateError as failed:  # XlsxWriter wraps the OSError; the caller words it for the user
        raise failed.args[0] if failed.args and isinstance(failed.args[0], OSError) else OSError(str(failed))
    return count


class _Styles:
    """Every look the workbook uses, each registered once: a cell's look is an index, so styling
    100,000 rows costs nothing more than writing them."""

    def __init__(self, workbook):
        border = {"border": 1, "border_color": "#808080"}
        add = workbook.add_format
        self.header = add({"bold": True, "font_color": "#FFFFFF", "bg_color": f"#{HEADER_FILL}", "align": "center",
                           "valign": "vcenter", "text_wrap": True, **border})
        self.title = add({"bold": True, "font_size": 14})
        self.bold = add({"bold": True})
        self.subtitle = add({"text_wrap": True, "valign": "top"})
        self.subtitle_bold = add({"bold": True, "text_wrap": True, "valign": "top"})
        # the log: at the top like every cell; no borders (an empty cell would need writing to get
        # one, a tenth more cells): the grid is printed instead
        self.date = add({"num_format": DATE_FORMAT})
        self.wrap = add({"text_wrap": True})
        # the tables of Tổng hợp and Tiến độ
        self.month = add({"align": "center", **border})
        self.count = add(border)
        self.count_bold = add({"bold": True, **border})
        self.label = add({"text_wrap": True, "valign": "vcenter", **border})
        self.label_bold = add({"bold": True, "text_wrap": True, "valign": "vcenter", **border})
        self.window = add({"text_wrap": True, "valign": "vcenter", **border})
        self.figure = add({"valign": "vcenter", **border})
        self.figure_bold = add({"bold": True, "valign": "vcenter", **border})
        self.percent = add({"num_format": "0%", "valign": "vcenter", **border})
        self.percent_bold = add({"bold": True, "num_format": "0%", "valign": "vcenter", **border})
        self.heading = add({"bold": True, "text_wrap": True, "valign": "vcenter"})


def _line_count(text: str, width: float, bold: bool = False) -> int:
    """Lines a wrapped cell `width` wide (in Excel's units, a digit of the font) needs for the text.
    Measured on the log's own text in Liberation Sans (Arial's widths): a letter takes 6 pixels on
    average, 6.4 in bold, a little more is allowed; a line that wraps loses about half a syllable."""
    if not text:
        return 1
    per_line = _letters_per_line(width, bold)
    return sum(1 if len(part) <= per_line else -(-len(part) // max(1, per_line - 3)) for part in text.split("\n"))


def _letters_per_line(width: float, bold: bool = False) -> int:
    return max(1, int((width * DIGIT_PIXELS - 5) / (6.7 if bold else 6.2)))


def _wrapped_lines(text: str, width: float, bold: bool = False) -> int:
    """The lines of a few cells (headers, titles, phases) counted word by word, as a wrap breaks
    them; too slow for 100,000 rows, where _line_count estimates."""
    per_line = max(1, int((width * DIGIT_PIXELS - 5) / (6.5 if bold else 6.1)))
    lines = 0
    for part in text.split("\n"):
        lines, used = lines + 1, 0
        for word in part.split():
            if used and used + 1 + len(word) > per_line:
                lines, used = lines + 1, 0
            used += len(word) + (1 if used else 0)
            while used > per_line:  # a word longer than the line is broken inside it
                lines, used = lines + 1, used - per_line
    return lines


def _height(lines: int, padding: float = 0) -> float:
    return min(MAX_ROW_HEIGHT, LINE_HEIGHT * lines + padding)


def excel_text(text: str) -> str:
    """Text a cell can hold: no characters XML forbids, at most Excel's 32,767 characters."""
    text = strip_forbidden(text or "")
    return text if len(text) <= EXCEL_CELL_LIMIT else text[:EXCEL_CELL_LIMIT - 1] + "…"


def _excel_day(day: dt.date) -> int:
    """Excel's serial number of a day (1900 system): written as a number under a date format."""
    return day.toordinal() - _EXCEL_EPOCH


_EXCEL_EPOCH = dt.date(1899, 12, 30).toordinal()


def _set_columns(sheet, widths) -> None:
    for column, width in enumerate(widths):
        sheet.set_column_pixels(column, column, width * DIGIT_PIXELS)  # the file holds `width` itself


def _title_rows(sheet, book: ActivityWorkbook, title: str, styles: _Styles, widths) -> None:
    """Rows 1-3: the cell, the sheet's title, the period and the documents; merged across the table."""
    last = len(widths) - 1
    cell = excel_text(f"{book.upper_body} – {book.cell_name}".strip(" –"))
    about = excel_text(f"{book.period}. Lập ngày {book.made_on:%d/%m/%Y}"
                       + (f"; thực hiện {book.plan_reference}" if book.plan_reference else ""))
    total = sum(widths)
    sheet.set_row(0, _height(_wrapped_lines(cell, total, bold=True), 2))
    sheet.merge_range(0, 0, 0, last, cell, styles.subtitle_bold)
    sheet.set_row(1, 21)
    sheet.merge_range(1, 0, 1, last, title, styles.title)
    sheet.set_row(2, _height(_wrapped_lines(about, total), 2))
    sheet.merge_range(2, 0, 2, last, about, styles.subtitle)


def _header(sheet, headers: list[str], widths, style) -> None:
    lines = max(_wrapped_lines(header, width, bold=True) for header, width in zip(headers, widths))
    sheet.set_row(HEADER_ROW - 1, _height(max(2, lines), 6))
    for column, header in enumerate(headers):
        sheet.write_string(HEADER_ROW - 1, column, header, style)


PAGE_PIXELS = (int((11.69 - 2 * 0.5) * 96), int((8.27 - 0.6 - 0.7 - 0.5) * 96))  # A4 across, inside the margins


def _page_setup(sheet, pages_wide: int = 1, table_pixels: int = 0) -> int:
    """A4 across, page numbers below. The sheet fits `pages_wide` pages across, or, given the
    table's width, is printed at the scale that fits it (Excel and LibreOffice drop manual page
    breaks on a sheet fitted to pages). Returns that scale in percent."""
    sheet.set_landscape()
    sheet.set_paper(9)  # A4
    sheet.set_margins(left=0.5, right=0.5, top=0.6, bottom=0.7)
    sheet.set_footer("&CTrang &P/&N")
    if not table_pixels:
        sheet.fit_to_pages(pages_wide, 0)
        return 100
    # LibreOffice draws a width unit a little wider than Excel (7.2 pixels): a tenth to spare
    scale = max(10, min(100, PAGE_PIXELS[0] * 90 // table_pixels))
    sheet.set_print_scale(scale)
    return scale


def _write_log(sheet, book: ActivityWorkbook, styles: _Styles, tally: ActivityTally) -> int:
    widths = [width for _header_text, width, _field in LOG_COLUMNS]
    _set_columns(sheet, widths)
    # fourteen columns on one A4 sheet would print at 5 points: two sheets wide, each starting with
    # the number and the date, print at a readable size
    _page_setup(sheet, pages_wide=2)
    sheet.repeat_rows(HEADER_ROW - 1)
    sheet.repeat_columns(0, 1)
    sheet.print_across()  # a row's two halves on pages one after the other
    sheet.hide_gridlines(0)  # printed too: the log reads as a table on paper
    sheet.freeze_panes(HEADER_ROW, 0)
    _title_rows(sheet, book, "NHẬT KÝ HOẠT ĐỘNG TUYÊN TRUYỀN", styles, widths)
    _header(sheet, [header for header, _w, _f in LOG_COLUMNS], widths, styles.header)

    # XlsxWriter's own undecorated writers: the public ones first check for "A1" notation, a tenth
    # of the time of a cell here
    number = getattr(sheet, "_write_number", sheet.write_number)
    text = getattr(sheet, "_write_string", sheet.write_string)
    wrap, date = styles.wrap, styles.date
    set_row = sheet.set_row
    days: dict[dt.date, int] = {}
    field_widths = {name: width for _header_text, width, name in LOG_COLUMNS}
    form_width, title_width, content_width = field_widths["form"], field_widths["title"], field_widths["content"]
    items_width, files_width = field_widths["items"], field_widths["attachments"]
    # how long a text may be and still fit one line of its column (the common case needs no count)
    form_fits, title_fits, content_fits = (_letters_per_line(width) for width in (form_width, title_width,
                                                                                   content_width))
    add = tally.add
    count = 0
    row = HEADER_ROW - 1
    for count, activity in enumerate(book.activities, 1):
        row += 1
        form, title, content = activity.form, activity.title, activity.content
        place, organiser = activity.place, activity.organiser
        items = "\n".join([f"• {item}" for item in activity.items]) if activity.items else ""
        files = "\n".join(activity.attachments) if activity.attachments else ""
        tags = ", ".join(activity.tags) if activity.tags else ""
        every = form + title + content + place + organiser + items + files + tags
        if strip_forbidden(every) is not every or len(every) > EXCEL_CELL_LIMIT:  # once a row, seldom true
            form, title, content, place, organiser, items, files, tags = map(
                excel_text, (form, title, content, place, organiser, items, files, tags))
        participants = activity.party_members + activity.others
        add(activity.occurred_on, form, participants)
        # Excel keeps the default height for wrapped text written by a program, hiding all but a line
        # (only texts longer than a line, or of several, are counted)
        lines = _line_count(items, items_width) if items else 1
        if files:
            lines = max(lines, _line_count(files, files_width))
        if len(form) > form_fits or "\n" in form:
            lines = max(lines, _line_count(form, form_width))
        if len(title) > title_fits or "\n" in title:
            lines = max(lines, _line_count(title, title_width))
        if len(content) > content_fits or "\n" in content:
            lines = max(lines, _line_count(content, content_width))
        if lines > 1:
            set_row(row, _height(lines))  # before the row's cells: constant_memory writes a row once left
        number(row, 0, count)
        occurred_on = activity.occurred_on
        serial = days.get(occurred_on)
        if serial is None:
            serial = days[occurred_on] = _excel_day(occurred_on)
        number(row, 1, serial, date)
        if activity.ends_on:
            number(row, 2, _excel_day(activity.ends_on), date)
        text(row, 3, form, wrap)
        text(row, 4, title, wrap)
        if content:
            text(row, 5, content, wrap)
        if place:
            text(row, 6, place)
        if organiser:
            text(row, 7, organiser)
        number(row, 8, activity.party_members)
        number(row, 9, activity.others)
        number(row, 10, participants)
        if items:
            text(row, 11, items, wrap)
        if files:
            text(row, 12, files, wrap)
        if tags:
            text(row, 13, tags)
    sheet.autofilter(HEADER_ROW - 1, 0, HEADER_ROW - 1 + max(count, 1), len(LOG_COLUMNS) - 1)
    # Printed, rows 1-3 would show cut off beside the repeated columns of every second sheet: the
    # print starts at the header, and each page's own header names the cell, the log and the period.
    sheet.print_area(HEADER_ROW - 1, 0, HEADER_ROW - 1 + max(count, 1), len(LOG_COLUMNS) - 1)
    sheet.set_header(_page_header(book, "NHẬT KÝ HOẠT ĐỘNG TUYÊN TRUYỀN"))
    return count


def _page_header(book: ActivityWorkbook, title: str) -> str:
    """The header printed on each page (Excel takes at most 255 characters; & is its escape)."""
    def part(text: str, limit: int) -> str:
        text = " ".join(excel_text(text).split())
        return (text if len(text) <= limit else text[:limit - 1].rstrip() + "…").replace("&", "&&")

    cell = part(f"{book.upper_body} – {book.cell_name}".strip(" –"), 70)
    period = part(f"{book.period}. Lập ngày {book.made_on:%d/%m/%Y}", 70)
    return f'&L&8{cell}&C&"{FONT},Bold"&10{title}&R&8{period}'


def legend_names(forms: list[str], limit: int = LEGEND_NAME_LIMIT) -> list[str]:
    """Short names of the forms for the chart's legend: the words that fit `limit` letters, then "…",
    a number added where two would read the same. The table above the chart keeps the full names."""
    names = []
    for form in forms:
        form = " ".join(form.split())
        if len(form) > limit:
            cut = form[:limit - 1]
            cut = cut[:cut.rfind(" ")] if " " in cut[limit // 2:] else cut
            form = cut.rstrip(" ,;:.-–") + "…"
        names.append(form)
    return [f"{name} ({names[:index + 1].count(name)})" if names.count(name) > 1 else name
            for index, name in enumerate(names)]


def _write_summary(workbook, sheet, book: ActivityWorkbook, styles: _Styles, tally: ActivityTally) -> None:
    forms = tally.forms
    months = tally.months
    widths = [24, *([18 if len(forms) > 6 else 22] * len(forms)), 12]
    widths = widths if len(widths) >= 4 else [*widths, *([12] * (4 - len(widths)))]
    _set_columns(sheet, widths)
    table_pixels = sum(widths) * DIGIT_PIXELS
    scale = _page_setup(sheet, table_pixels=table_pixels)
    sheet.center_horizontally()
    _title_rows(sheet, book, "TỔNG HỢP HOẠT ĐỘNG THEO THÁNG VÀ HÌNH THỨC", styles, widths)
    _header(sheet, ["Tháng", *(excel_text(form) for form in forms), "Tổng cộng"], widths, styles.header)
    row = HEADER_ROW - 1
    for month in months:
        row += 1
        sheet.write_string(row, 0, f"{month[1]:02d}/{month[0]}", styles.month)
        for column, form in enumerate(forms, 1):
            sheet.write_number(row, column, tally.count(month, form), styles.count)
        sheet.write_number(row, len(forms) + 1, tally.count(month), styles.count_bold)
    row += 1
    sheet.write_string(row, 0, "Tổng cộng", styles.count_bold)
    for column, form in enumerate(forms, 1):
        sheet.write_number(row, column, tally.count(form=form), styles.count_bold)
    sheet.write_number(row, len(forms) + 1, tally.count(), styles.count_bold)
    row += 2
    sheet.write_string(row, 0, "Số lượt người tham gia", styles.bold)
    for column, form in enumerate(forms, 1):
        sheet.write_number(row, column, tally.people[form])
    sheet.write_number(row, len(forms) + 1, sum(tally.people.values()))
    if not (months and forms):
        return
    chart = workbook.add_chart({"type": "column", "subtype": "stacked"})
    first, last = HEADER_ROW, HEADER_ROW - 1 + len(months)
    for column, name in enumerate(legend_names(forms), 1):
        chart.add_series({
            "name": name,  # the short name; the header cell holds the full one
            "categories": [SUMMARY_SHEET, first, 0, last, 0],
            "values": [SUMMARY_SHEET, first, column, last, column],
            "gap": 60,
        })
    chart.set_title({"name": "Số hoạt động theo tháng", "name_font": {"name": FONT, "size": 13, "bold": True}})
    chart.set_y_axis({"name": "Số hoạt động", "name_font": {"name": FONT, "size": 10, "bold": False},
                      "num_font": {"name": FONT, "size": 9}, "major_gridlines": {"visible": True,
                                                                                  "line": {"color": "#D9D9D9"}}})
    chart.set_x_axis({"num_font": {"name": FONT, "size": 9, **({"rotation": -45} if len(months) > 12 else {})}})
    # the legend below the plot, one short name after another, with room for as many lines as it takes
    width = min(table_pixels, PAGE_PIXELS[0] * 90 // scale)
    per_line = max(1, width // LEGEND_ENTRY_PIXELS)
    legend_lines = -(-len(forms) // per_line)
    chart.set_legend({"position": "bottom", "font": {"name": FONT, "size": 9}})
    # on a page of its own, as wide as the table, no taller than the page at the table's scale
    height = max(int(width * 0.5), 320 + LEGEND_LINE_PIXELS * legend_lines)
    chart.set_size({"width": width, "height": min(height, PAGE_PIXELS[1] * 100 // scale - 20)})
    anchor = row + 2
    sheet.set_h_pagebreaks([anchor])
    sheet.insert_chart(anchor + 1, 0, chart, {"object_position": 3, "y_offset": 4})  # below the break


def _write_progress(sheet, book: ActivityWorkbook, styles: _Styles) -> None:
    headers = ["Đợt", "Thời gian", "Số nội dung", "Đã hoàn thành", "Đang thực hiện", "Không áp dụng",
               "Chưa thực hiện", "Tiến độ"]
    widths = [56, 30, 11, 13, 13, 13, 13, 10]
    _set_columns(sheet, widths)
    _page_setup(sheet)
    sheet.center_horizontally()
    several = len(book.progress) > 1
    _title_rows(sheet, book, "TIẾN ĐỘ THỰC HIỆN CÁC VĂN BẢN ĐANG ÁP DỤNG" if several
                else "TIẾN ĐỘ THỰC HIỆN KẾ HOẠCH THEO ĐỢT", styles, widths)
    sheet.repeat_rows(HEADER_ROW - 1)
    _header(sheet, headers, widths, styles.header)
    row = HEADER_ROW - 1

    def append(line: PhaseProgress, bold: bool = False) -> None:
        nonlocal row
        row += 1
        label, window = excel_text(line.label), excel_text(line.window)
        lines = max(_wrapped_lines(label, widths[0], bold), _wrapped_lines(window, widths[1]))
        sheet.set_row(row, _height(lines, 4))
        not_started = line.total - line.done - line.in_progress - line.not_applicable
        sheet.write_string(row, 0, label, styles.label_bold if bold else styles.label)
        sheet.write_string(row, 1, window, styles.window)
        for column, figure in enumerate((line.total, line.done, line.in_progress, line.not_applicable, not_started), 2):
            sheet.write_number(row, column, figure, styles.figure_bold if bold else styles.figure)
        sheet.write_number(row, 7, round(line.fraction, 4), styles.percent_bold if bold else styles.percent)

    every = []
    for document in book.progress:
        row += 1
        heading = excel_text(document.heading)
        sheet.set_row(row, _height(_wrapped_lines(heading, sum(widths), bold=True), 6))
        sheet.merge_range(row, 0, row, len(widths) - 1, heading, styles.heading)
        for line in document.phases:
            append(line)
        every.extend(document.phases)
        if several:
            append(_total("Cộng văn bản này", document.phases), bold=True)
    append(_total("Cộng tất cả văn bản đang áp dụng" if several else "Toàn kế hoạch", every), bold=True)


def _total(label: str, lines: list[PhaseProgress]) -> PhaseProgress:
    done, not_applicable = sum(p.done for p in lines), sum(p.not_applicable for p in lines)
    total_items = sum(p.total for p in lines)
    return PhaseProgress(label, "", total_items, done, sum(p.in_progress for p in lines), not_applicable,
                         Progress(done, total_items - not_applicable).fraction)
