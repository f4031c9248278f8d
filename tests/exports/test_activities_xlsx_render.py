"""The activity workbook as a clerk sees it: rendered by LibreOffice to PDF and PNG, then measured.
Every word of a header lies inside its header row, no two words on the summary, chart and progress
pages overprint each other (the chart's legend once was one overprinted line, the Tiến độ periods
ran into the next row), the legend's names are there whole, each beside its colour key, and the
chart starts a page of its own."""
import datetime as dt
import html
import re
import shutil
import subprocess
import sys

import pytest

from cell_desk.exports.activities_xlsx import LOG_COLUMNS, legend_names

pytestmark = pytest.mark.skipif(
    not all(shutil.which(tool) for tool in ("soffice", "pdftotext", "pdftoppm")),
    reason="LibreOffice and poppler-utils are not installed")

WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>')
PAGE = re.compile(r"<page [^>]*>(.*?)</page>", re.S)
DPI = 60


class Word:
    def __init__(self, x0, y0, x1, y1, text):
        self.x0, self.y0, self.x1, self.y1, self.text = float(x0), float(y0), float(x1), float(y1), html.unescape(text)

    def overlap(self, other) -> float:
        """The share of the smaller word's box that the other covers."""
        width = min(self.x1, other.x1) - max(self.x0, other.x0)
        height = min(self.y1, other.y1) - max(self.y0, other.y0)
        if width <= 0 or height <= 0:
            return 0.0
        smaller = min((self.x1 - self.x0) * (self.y1 - self.y0), (other.x1 - other.x0) * (other.y1 - other.y0))
        return width * height / max(smaller, 1e-6)

    def __repr__(self):
        return f"{self.text!r}@({self.x0:.0f},{self.y0:.0f})"


def pages_of(pdf) -> list[list[Word]]:
    xhtml = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return [[Word(*found) for found in WORD.findall(page)] for page in PAGE.findall(xhtml)]


def overprinted(words: list[Word]) -> list[tuple[Word, Word]]:
    return [(a, b) for i, a in enumerate(words) for b in words[i + 1:] if a.overlap(b) > 0.2]


def page_with(pages, text: str) -> int:
    return next(number for number, words in enumerate(pages) if text in " ".join(w.text for w in words))


def band_words(words: list[Word], top: float, bottom: float) -> list[Word]:
    return [w for w in words if w.y0 >= top - 0.5 and w.y1 <= bottom + 0.5]


def find_run(words: list[Word], text: str) -> list[Word] | None:
    """The words of `text`, one after another in reading order, as pdftotext gives them."""
    wanted = text.split()
    texts = [w.text for w in words]
    for start in range(len(texts) - len(wanted) + 1):
        if texts[start:start + len(wanted)] == wanted:
            return words[start:start + len(wanted)]
    return None


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    """A believable log (the seed plan's forms, whose names run to 200 letters) as .xlsx, PDF and
    the chart page as PNG."""
    from cell_desk.app import open_services
    from cell_desk.services.clock import fixed_clock
    from cell_desk.services.demo import fill_activities, fill_checklist

    folder = tmp_path_factory.mktemp("render")
    services = open_services(folder / "data", clock=fixed_clock(dt.date(2021, 6, 30)))
    try:
        fill_checklist(services.database, services.clock)
        fill_activities(services.database, 150, services.clock)
        target = folder / "nhat-ky.xlsx"
        services.activity_excel.export(target)
        forms = [form for form, in services.database.engine.connect().exec_driver_sql(
            "SELECT form FROM activities GROUP BY form ORDER BY min(occurred_on), min(id)")]
        phases = services.plans.plan_tree().phases
    finally:
        services.close()
    done = subprocess.run(["soffice", f"-env:UserInstallation=file://{folder}/lo", "--headless", "--convert-to", "pdf",
                           "--outdir", str(folder), str(target)], capture_output=True, text=True, timeout=180)
    pdf = folder / "nhat-ky.pdf"
    assert pdf.exists(), done.stderr
    pages = pages_of(pdf)
    chart = page_with(pages, "Số hoạt động theo tháng")
    subprocess.run(["pdftoppm", "-png", "-r", str(DPI), "-f", str(chart + 1), "-l", str(chart + 1), "-singlefile",
                    str(pdf), str(folder / "bieu-do")], check=True, timeout=60)
    return {"pages": pages, "forms": forms, "phases": phases, "png": folder / "bieu-do.png", "chart": chart}


def test_the_summary_headers_sit_whole_inside_their_row(rendered):
    pages, forms = rendered["pages"], rendered["forms"]
    assert len(forms) >= 5 and max(map(len, forms)) > 150  # long names, as a plan writes them
    words = pages[page_with(pages, "TỔNG HỢP HOẠT ĐỘNG")]
    top = max(w.y1 for w in words if w.text == "Lập")  # the line above the header: "… Lập ngày …"
    bottom = min(w.y0 for w in words if re.fullmatch(r"\d\d/\d{4}", w.text))  # the first month below it
    headers = ["Tháng", *forms, "Tổng cộng"]
    inside = band_words(words, top, bottom)
    assert len(inside) == sum(len(header.split()) for header in headers), [w.text for w in inside]
    for form in forms:
        assert find_run(inside, form.split()[0]) is not None


def test_the_log_and_progress_headers_sit_whole_inside_their_row(rendered):
    pages = rendered["pages"]
    first = pages[0]
    headers = [header for header, _w, _f in LOG_COLUMNS]
    top = max(w.y1 for w in first if w.text == "NHẬT")  # the page's own header names the log
    number = min(w.y0 for w in first if w.text == "STT")
    below = min(w.y0 for w in first if re.fullmatch(r"\d\d/\d\d/\d{4}", w.text) and w.y0 > number)  # first date
    inside = band_words(first, top, below)
    on_page = [h for h in headers if find_run(inside, h)]
    assert on_page[:3] == ["STT", "Ngày", "Đến ngày"] and len(on_page) >= 5
    assert len(inside) == sum(len(h.split()) for h in on_page), [w.text for w in inside]
    assert not overprinted(inside)

    progress = pages[page_with(pages, "TIẾN ĐỘ THỰC HIỆN")]
    top = max(w.y1 for w in progress if w.text == "Lập")
    below = min(w.y0 for w in progress if w.text == "Kế" and w.y0 > top + 5)  # the document's heading row
    inside = band_words(progress, top, below)
    expected = ["Đợt", "Thời gian", "Số nội dung", "Đã hoàn thành", "Đang thực hiện", "Không áp dụng",
                "Chưa thực hiện", "Tiến độ"]
    assert len(inside) == sum(len(h.split()) for h in expected), [w.text for w in inside]


@pytest.mark.parametrize("sheet", ["TỔNG HỢP HOẠT ĐỘNG", "Số hoạt động theo tháng", "TIẾN ĐỘ THỰC HIỆN"])
def test_no_text_overprints_other_text(rendered, sheet):
    words = rendered["pages"][page_with(rendered["pages"], sheet)]
    assert len(words) > 20
    assert overprinted(words) == []


def test_every_period_of_the_progress_sheet_stays_in_its_row(rendered):
    words = rendered["pages"][page_with(rendered["pages"], "TIẾN ĐỘ THỰC HIỆN")]
    rows = []
    for phase in rendered["phases"]:
        if not phase.window_text:
            continue
        window = find_run(words, phase.window_text)
        assert window, phase.window_text  # the period is there whole, in reading order
        rows.append((min(w.y0 for w in window), max(w.y1 for w in window)))
    assert len(rows) >= 3
    rows.sort()
    for (_top, bottom), (next_top, _next_bottom) in zip(rows, rows[1:]):
        assert bottom <= next_top  # one period's lines end before the next one's begin


def test_the_legend_reads_whole_names_beside_their_colours_and_the_chart_has_its_own_page(rendered):
    pages, forms = rendered["pages"], rendered["forms"]
    chart = pages[rendered["chart"]]
    assert not any(w.text == "Tổng" for w in chart)  # nothing of the table above shares the chart's page
    title = next(w for w in chart if w.text == "Số")
    zero = max((w for w in chart if w.text == "0" and w.x1 < title.x0 - 100), key=lambda w: w.y0)  # the y axis' 0
    plot_bottom = zero.y1
    legend = [w for w in chart if w.y0 > plot_bottom + 10]  # below the month names too
    entries = []
    for name in legend_names(forms):
        run = find_run(legend, name)
        assert run, (name, [w.text for w in legend])
        entries.append(run)
    lines = {round(run[0].y0) for run in entries}
    assert len(lines) <= 3 < len(entries)  # side by side, not one name a line

    from PySide6.QtGui import QImage, QColor

    image = QImage(str(rendered["png"]))
    assert not image.isNull()
    scale = DPI / 72

    def coloured(x: float, y: float) -> bool:
        colour = QColor(image.pixel(int(x * scale), int(y * scale)))
        return colour.saturation() > 60 and colour.value() > 40

    for run in entries:  # a coloured key square just left of each name
        first = run[0]
        middle = (first.y0 + first.y1) / 2
        assert any(coloured(first.x0 - dx, middle) for dx in (3, 4, 5, 6, 7, 8)), run
    # the bars: plenty of colour above the month labels
    top = title.y1
    step = 3
    bars = sum(coloured(x, y) for x in range(int(chart[0].x0), int(max(w.x1 for w in chart)), step)
               for y in range(int(top) + 20, int(plot_bottom) - 20, step))
    assert bars > 200


def test_writing_the_log_does_not_load_excel_libraries_at_start_up(tmp_path):
    probe = ("import sys\nfrom cell_desk.app import open_services\n"
             f"services = open_services({str(tmp_path)!r})\n"
             "import cell_desk.exports.activities_xlsx, cell_desk.imports.activities_xlsx\n"
             "print(sorted(m for m in sys.modules if m.split('.')[0] in ('xlsxwriter', 'openpyxl')))\n")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"  # both come in on the first export or import
