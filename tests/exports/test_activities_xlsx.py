"""The activity log in Excel: reopened with openpyxl as a user's spreadsheet would be, and read
back by the importer."""
import datetime as dt
import os
import shutil
import subprocess
from dataclasses import replace

import pytest
from openpyxl import load_workbook

from cell_desk.domain.activity import ActivityDraft, ActivityFilter
from cell_desk.exports.activities_xlsx import HEADER_ROW, LOG_COLUMNS
from cell_desk.exports.atomic import ExportError
from cell_desk.imports.activities_xlsx import ActivityFileError

MEETING = ActivityDraft(occurred_on=dt.date(2020, 8, 3), ends_on=dt.date(2020, 8, 4), form="Tuyên truyền miệng",
                        title="Hội nghị quán triệt Chỉ thị 35-CT/TW", content="Dòng một\nDòng hai",
                        place="Hội trường", organiser="Đ/c Bí thư", party_members=18, others=4,
                        tags=("Đại hội", "Tết"), item_ids=(3, 4))
BANNER = ActivityDraft(occurred_on=dt.date(2020, 7, 20), form="Tuyên truyền cổ động trực quan",
                       title="Treo băng rôn", party_members=3)


@pytest.fixture
def logged(services):
    services.activities.add(MEETING)
    services.activities.add(BANNER)
    return services


def test_the_workbook_has_its_sheets_styles_frozen_header_filter_and_chart(logged, tmp_path):
    target = tmp_path / "nhat-ky.xlsx"
    assert logged.activity_excel.export(target) == 2
    book = load_workbook(target)
    assert book.sheetnames == ["Nhật ký", "Tổng hợp", "Tiến độ"]
    log = book["Nhật ký"]
    assert log.freeze_panes == f"A{HEADER_ROW + 1}"
    assert log.auto_filter.ref == f"A{HEADER_ROW}:N{HEADER_ROW + 2}"
    assert [cell.value for cell in log[HEADER_ROW]] == [header for header, _w, _f in LOG_COLUMNS]
    assert log.cell(HEADER_ROW, 1).font.bold and log.cell(HEADER_ROW, 1).fill.fgColor.rgb.endswith("9E1B1B")
    assert log.column_dimensions["E"].width == 42
    assert "Chi bộ" in log["A1"].value and log["A2"].value == "NHẬT KÝ HOẠT ĐỘNG TUYÊN TRUYỀN"
    first = [cell for cell in log[HEADER_ROW + 1]]  # oldest first
    assert first[1].value == dt.datetime(2020, 7, 20) and first[1].number_format == "dd/mm/yyyy"
    assert first[1].is_date
    second = [cell.value for cell in log[HEADER_ROW + 2]]
    assert second[:11] == [2, dt.datetime(2020, 8, 3), dt.datetime(2020, 8, 4), "Tuyên truyền miệng",
                           MEETING.title, "Dòng một\nDòng hai", "Hội trường", "Đ/c Bí thư", 18, 4, 22]
    assert log.cell(HEADER_ROW + 2, 5).alignment.wrap_text
    # wrapped rows are tall enough to show their lines; one-line rows keep the default height
    assert log.row_dimensions[HEADER_ROW + 2].height >= 15 * 4
    assert log.row_dimensions[HEADER_ROW + 1].height is None
    assert second[11].startswith("• ") and second[11].count("\n• ") == 1
    assert second[13] == "Đại hội, Tết"

    summary = book["Tổng hợp"]
    rows = [[cell.value for cell in row] for row in summary.iter_rows(min_row=HEADER_ROW)]
    assert rows[0] == ["Tháng", "Tuyên truyền cổ động trực quan", "Tuyên truyền miệng", "Tổng cộng"]
    assert rows[1] == ["07/2020", 1, None, 1] or rows[1] == ["07/2020", 1, 0, 1]
    assert rows[3][0] == "Tổng cộng" and rows[3][-1] == 2
    assert len(summary._charts) == 1 and summary._charts[0].tagname == "barChart"

    progress = book["Tiến độ"]
    lines = [[cell.value for cell in row] for row in progress.iter_rows(min_row=HEADER_ROW + 1)]
    assert lines[0][0].startswith("Kế hoạch theo đợt 20-KH/ĐUK ngày 30/12/2019: ")  # the document's block
    assert lines[-1][0] == "Toàn kế hoạch" and lines[-1][2] == len(logged.plans.plan_tree().all_items())
    assert progress.cell(HEADER_ROW + 2, 8).number_format == "0%"


def test_export_then_import_gives_the_same_activities(logged, open_at, tmp_path):
    target = tmp_path / "nhat-ky.xlsx"
    logged.activity_excel.export(target)
    other = open_at(folder=tmp_path / "other-cell")
    preview = other.activity_excel.preview(target)
    assert (preview.errors, preview.already_logged, preview.notes) == ([], [], [])
    assert other.activity_excel.commit(preview) == 2
    again = sorted((other.activities.get(r.id).draft for r in other.activities.rows()), key=lambda d: d.occurred_on)
    assert again == [BANNER, MEETING]
    # the same file a second time brings nothing twice
    assert other.activity_excel.preview(target).already_logged == [HEADER_ROW + 1, HEADER_ROW + 2]


def test_a_period_exports_only_its_activities(logged, tmp_path):
    target = tmp_path / "thang-8.xlsx"
    count = logged.activity_excel.export(target, ActivityFilter(date_from=dt.date(2020, 7, 21),
                                                                date_to=dt.date(2020, 8, 20)))
    assert count == 1
    log = load_workbook(target)["Nhật ký"]
    assert log["A3"].value.startswith("Từ ngày 21/07/2020 đến ngày 20/08/2020")
    assert log.cell(HEADER_ROW + 1, 5).value == MEETING.title


@pytest.mark.parametrize("text", ["=HYPERLINK(\"http://x\")", "+1+2", "-3", "@SUM(A1)", "=1+1"])
def test_formula_like_text_stays_text(services, tmp_path, text):
    services.activities.add(replace(BANNER, title=text, place=text, content=text, organiser=text))
    target = tmp_path / "an-toan.xlsx"
    services.activity_excel.export(target)
    log = load_workbook(target)["Nhật ký"]
    row = HEADER_ROW + 1
    for column in (5, 6, 7, 8):
        cell = log.cell(row, column)
        assert cell.value == text and cell.data_type == "s"
    import zipfile
    assert "<f>" not in zipfile.ZipFile(target).read("xl/worksheets/sheet1.xml").decode()
    assert services.activity_excel.preview(target).already_logged == [row]


def test_characters_xml_forbids_are_dropped_not_a_crash(services, tmp_path):
    from cell_desk.exports.activities_xlsx import ActivityWorkbook, ExportedActivity, write_activity_workbook

    dirty = "Hội\x00 nghị\x0b\x1f\ufffe"
    activity = ExportedActivity(dt.date(2020, 8, 1), None, dirty, dirty, dirty * 3, dirty, dirty, 1, 0,
                                items=[dirty], attachments=[dirty], tags=[dirty])
    target = tmp_path / "ban.xlsx"
    write_activity_workbook(target, ActivityWorkbook(dirty, dirty, "k", "", dt.date(2020, 8, 1), [activity]))
    log = load_workbook(target)["Nhật ký"]
    assert log.cell(HEADER_ROW + 1, 5).value == "Hội nghị"


def test_a_target_open_in_excel_gives_a_message_and_leaves_the_old_file(logged, tmp_path, monkeypatch):
    (tmp_path / "ra").mkdir()
    target = tmp_path / "ra" / "nhat-ky.xlsx"
    target.write_bytes(b"old")

    def locked(source, destination):
        raise PermissionError(13, "Permission denied", str(destination))

    monkeypatch.setattr(os, "replace", locked)
    with pytest.raises(ExportError, match="đang mở trong chương trình khác"):
        logged.activity_excel.export(target)
    assert target.read_bytes() == b"old"
    assert [p.name for p in target.parent.iterdir()] == ["nhat-ky.xlsx"]


def _sheet_with_rows(path, rows, header=("Ngày", "Hình thức", "Tên hoạt động", "Số đảng viên")):
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["Nhật ký chi bộ tự lập"])
    sheet.append(list(header))
    for row in rows:
        sheet.append(list(row))
    book.save(path)
    return path


def test_bad_rows_are_reported_with_their_number_and_reason_and_nothing_is_written(services, tmp_path):
    path = _sheet_with_rows(tmp_path / "tu-lap.xlsx", [
        (dt.datetime(2020, 8, 1), "Tuyên truyền miệng", "Sinh hoạt chi bộ", 12),
        ("32/13/2020", "Tuyên truyền miệng", "Ngày sai", 1),
        ("05/08/2020", "", "Thiếu hình thức", 1),
        ("06/08/2020", "Tuyên truyền miệng", "Số sai", "mười"),
        (None, None, None, None),
        ("2020-08-07", "Tuyên truyền miệng", "Ngày kiểu ISO", 3.0),
        (44050, "Tuyên truyền miệng", "Ngày dạng số", None),
    ])
    preview = services.activity_excel.preview(path)
    assert [number for number, _reason in preview.errors] == [4, 5, 6]
    reasons = dict(preview.errors)
    assert "không có trên lịch" in reasons[4]
    assert "Hình thức" in reasons[5]
    assert "số nguyên" in reasons[6]
    assert [draft.occurred_on for _n, draft in preview.drafts] == [
        dt.date(2020, 8, 1), dt.date(2020, 8, 7), dt.date(2020, 8, 7)]
    assert services.activities.rows() == []  # a preview writes nothing


def test_the_import_is_all_or_nothing(services, tmp_path, monkeypatch):
    path = _sheet_with_rows(tmp_path / "tu-lap.xlsx", [
        ("01/08/2020", "Tuyên truyền miệng", f"Hoạt động {n}", 1) for n in range(5)])
    preview = services.activity_excel.preview(path)
    from sqlalchemy import event

    inserted = []

    def fail_on_the_links(conn, cursor, statement, parameters, context, executemany):
        inserted.append(statement)
        if "activity_items" in statement:
            raise RuntimeError("ổ đĩa hỏng giữa chừng")

    preview.drafts[-1] = (preview.drafts[-1][0], replace(preview.drafts[-1][1], item_ids=(3,)))
    event.listen(services.database.engine, "before_cursor_execute", fail_on_the_links)
    with pytest.raises(RuntimeError):
        services.activity_excel.commit(preview)
    event.remove(services.database.engine, "before_cursor_execute", fail_on_the_links)
    assert services.activities.rows() == []


def test_a_log_with_headers_in_another_order_and_without_diacritics_is_read(services, tmp_path):
    path = _sheet_with_rows(tmp_path / "khac.xlsx", [("Họp chi bộ", "01/08/2020", "Tuyên truyền miệng", "x")],
                            header=("TEN HOAT DONG", "ngay", "Hình thức", "Ghi chú"))
    preview = services.activity_excel.preview(path)
    assert [(d.title, d.content) for _n, d in preview.drafts] == [("Họp chi bộ", "x")]


@pytest.mark.parametrize("name, content, message", [
    ("cu.xls", b"\xd0\xcf\x11\xe0 old excel", "đời cũ"),
    ("gia.xlsx", b"this is not a spreadsheet", "không phải tệp Excel"),
    ("trong.xlsx", None, "không thấy dòng tiêu đề"),
])
def test_files_that_are_not_a_log_are_refused_with_a_message(services, tmp_path, name, content, message):
    path = tmp_path / name
    if content is None:
        _sheet_with_rows(path, [], header=("Cột A", "Cột B"))
    else:
        path.write_bytes(content)
    with pytest.raises(ActivityFileError, match=message):
        services.activity_excel.preview(path)


def test_linked_items_that_are_not_in_the_plan_are_noted_not_refused(logged, open_at, tmp_path):
    target = tmp_path / "nhat-ky.xlsx"
    logged.activity_excel.export(target)
    other = open_at(folder=tmp_path / "other")
    other.plans  # same bundled plan: items match by text
    book = load_workbook(target)
    book["Nhật ký"].cell(HEADER_ROW + 2, 12).value = "• Một nhiệm vụ không có trong kế hoạch"
    book.save(target)
    preview = other.activity_excel.preview(target)
    assert [number for number, _note in preview.notes] == [HEADER_ROW + 2]
    assert [d.item_ids for _n, d in preview.drafts] == [(), ()]


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_libreoffice_calc_opens_the_workbook(logged, tmp_path):
    target = tmp_path / "nhat-ky.xlsx"
    logged.activity_excel.export(target)
    result = subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp_path}/lo", "--headless",
                             "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76", "--outdir", str(tmp_path), str(target)],
                            capture_output=True, text=True, timeout=120)
    csv = (tmp_path / "nhat-ky.csv")
    assert csv.exists(), result.stderr
    text = csv.read_text(encoding="utf-8")
    assert "Hội nghị quán triệt" in text and "03/08/2020" in text


def test_the_workbook_prints_on_a4_across_with_repeated_headers_and_rows_tall_enough(logged, tmp_path):
    target = tmp_path / "nhat-ky.xlsx"
    logged.activity_excel.export(target)
    book = load_workbook(target)
    log = book["Nhật ký"]
    assert (log.page_setup.orientation, str(log.page_setup.paperSize)) == ("landscape", "9")
    assert log.sheet_properties.pageSetUpPr.fitToPage and log.page_setup.fitToWidth == 2
    assert log.page_setup.fitToHeight == 0
    assert log.print_title_rows == f"${HEADER_ROW}:${HEADER_ROW}" and log.print_title_cols == "$A:$B"
    assert log.print_area == f"'Nhật ký'!$A${HEADER_ROW}:$N${HEADER_ROW + 2}"  # the title rows go in the page header
    assert "NHẬT KÝ HOẠT ĐỘNG TUYÊN TRUYỀN" in log.oddHeader.center.text and "Chi bộ" in log.oddHeader.left.text
    assert "&P" in log.oddFooter.center.text
    assert log.row_dimensions[HEADER_ROW].height >= 2 * 12.75  # "Số người ngoài Đảng" takes two lines
    assert log.cell(HEADER_ROW + 2, 9).alignment.vertical == "top"  # a number of a tall row reads at its top

    summary = book["Tổng hợp"]
    assert not summary.sheet_properties.pageSetUpPr.fitToPage  # printed to a scale, so the break holds
    assert summary.row_breaks.brk and summary.row_breaks.brk[0].id > HEADER_ROW + 3
    progress = book["Tiến độ"]
    heading = progress.row_dimensions[HEADER_ROW + 1].height  # the document's heading, merged across
    assert heading and heading >= 12.75 * 2 and f"A{HEADER_ROW + 1}:H{HEADER_ROW + 1}" in progress.merged_cells
    for row in range(HEADER_ROW + 2, progress.max_row + 1):
        assert progress.row_dimensions[row].height >= 12.75  # each period has the lines it needs


def test_the_chart_legend_names_are_short_and_distinct():
    from cell_desk.exports.activities_xlsx import LEGEND_NAME_LIMIT, legend_names

    long = "Trên các website, trang thông tin, cổng thông tin điện tử của các cơ quan, đơn vị"
    names = legend_names(["Tuyên truyền miệng", long, long + " khác"])
    assert names[0] == "Tuyên truyền miệng"
    short, number = names[1].rsplit(" ", 1)
    assert short.endswith("…") and len(short) <= LEGEND_NAME_LIMIT and long.startswith(short[:-1])
    assert (number, names[2]) == ("(1)", f"{short} (2)")  # cut alike, told apart
