"""Roll-up mode on the đảng ủy's desk: registering cells, taking in a folder of packages (re-sent,
duplicated, damaged, unknown), who is late, and the consolidated report and table it writes."""
import datetime as dt
import json
import zipfile

import pytest
from docx import Document
from sqlalchemy.exc import IntegrityError
from openpyxl import load_workbook

from cell_desk.domain.profile import CellProfile
from cell_desk.domain.rollup import Submission
from cell_desk.domain.validation import ValidationError
from cell_desk.services.rollup import Arrival
from cell_desk.storage.errors import EditConflict
from tests.rollup_packages import make_package, write_package

TODAY = dt.date(2026, 11, 25)  # the 20th has passed: November's reports are due


@pytest.fixture
def desk(open_at):
    services = open_at(TODAY)
    services.settings.save_profile(CellProfile(
        cell_name="Đảng ủy Cơ quan Sở Tài chính", upper_body="Đảng bộ Khối các cơ quan tỉnh",
        place_name="Bắc Ninh", secretary_name="Nguyễn Thị Hoa", signing_authority="T/M ĐẢNG ỦY", issuer_code="ĐU"))
    services.rollup.set_enabled(True)
    services.rollup.register_many("Chi bộ Văn phòng\nChi bộ Phòng Ngân sách\nChi bộ Phòng Giá\nChi bộ Thanh tra")
    return services


def test_cells_are_registered_once_each_and_kept_in_order(desk):
    assert [cell.name for cell in desk.rollup.cells()] == [
        "Chi bộ Văn phòng", "Chi bộ Phòng Ngân sách", "Chi bộ Phòng Giá", "Chi bộ Thanh tra"]
    # pasting the list again, with other spelling, adds only the new one
    added = desk.rollup.register_many("chi bo van phong\n- Chi bộ Phòng Tin học;\n\n")
    assert [cell.name for cell in added] == ["Chi bộ Phòng Tin học"]
    with pytest.raises(ValidationError, match="đã có trong danh sách"):
        desk.rollup.register("CHI BỘ VĂN PHÒNG")
    with pytest.raises(ValidationError, match="tên chi bộ"):
        desk.rollup.register("   ")
    with pytest.raises(ValidationError, match="từ 1 đến 31"):
        desk.rollup.register("Chi bộ Kho bạc", report_day=40)
    assert len(desk.rollup.cells()) == 5 and desk.rollup.is_enabled()


def test_a_folder_of_packages_is_taken_in_and_the_late_are_named(desk, tmp_path):
    folder = tmp_path / "goi-thang-11"
    write_package(folder, make_package("Chi bộ Văn phòng", made_on=dt.date(2026, 11, 19)))
    write_package(folder / "email", make_package("Chi bộ Phòng Ngân sách", made_on=dt.date(2026, 11, 23)))
    result = desk.rollup.import_paths([folder])
    assert (result.added, result.refused) == (2, 0)
    states = {row.cell.name: row.state for row in desk.rollup.standings("2026-11")}
    assert states == {"Chi bộ Văn phòng": Submission.ON_TIME, "Chi bộ Phòng Ngân sách": Submission.LATE,
                      "Chi bộ Phòng Giá": Submission.OVERDUE, "Chi bộ Thanh tra": Submission.OVERDUE}
    # December is not due yet for anyone
    assert {row.state for row in desk.rollup.standings("2026-12")} == {Submission.NOT_YET_DUE}
    assert desk.rollup.periods()[:2] == ["2026-12", "2026-11"]


def test_a_re_sent_package_replaces_the_old_only_when_asked(desk, tmp_path):
    first = make_package("Chi bộ Văn phòng", made_on=dt.date(2026, 11, 18), activities=2)
    desk.rollup.import_paths([write_package(tmp_path / "a", first)])
    again = make_package("Chi bộ Văn phòng", made_on=dt.date(2026, 11, 21), activities=4)
    preview = desk.rollup.preview([write_package(tmp_path / "b", again)])
    assert [incoming.arrival for incoming in preview.packages] == [Arrival.REPLACES] and preview.needs_prompt
    kept = desk.rollup.apply(preview, replace=False)
    assert kept.kept == 1 and _activities(desk, "Chi bộ Văn phòng") == first.activities
    replaced = desk.rollup.apply(desk.rollup.preview([tmp_path / "b"]), replace=True)
    assert replaced.replaced == 1 and _activities(desk, "Chi bộ Văn phòng") == again.activities
    # the old one sent again is older than what is kept now; the same one again is recognised
    assert [incoming.arrival for incoming in desk.rollup.preview([tmp_path / "a"]).packages] == [Arrival.OLDER]
    assert [incoming.arrival for incoming in desk.rollup.preview([tmp_path / "b"]).packages] == [Arrival.SAME]
    both = desk.rollup.preview([tmp_path / "a", tmp_path / "b"])  # in one batch the older is set aside
    assert sorted(incoming.arrival.name for incoming in both.packages) == ["SAME", "SUPERSEDED"]
    assert not both.needs_prompt


def test_of_two_files_for_one_cell_in_one_folder_the_newest_goes_in(desk, tmp_path):
    folder = tmp_path / "in"
    write_package(folder, make_package("Chi bộ Phòng Giá", made_at=dt.datetime(2026, 11, 18, 16, 5), activities=5),
                  "chieu.zip")
    write_package(folder, make_package("Chi bộ Phòng Giá", made_at=dt.datetime(2026, 11, 18, 8, 30), activities=1),
                  "sang.zip")
    preview = desk.rollup.preview([folder])
    by_file = {incoming.path.name: incoming.arrival for incoming in preview.packages}
    assert by_file == {"chieu.zip": Arrival.NEW, "sang.zip": Arrival.SUPERSEDED}
    desk.rollup.apply(preview, replace=True)
    assert _activities(desk, "Chi bộ Phòng Giá") == make_package("Chi bộ Phòng Giá", activities=5).activities


def test_bad_packages_are_refused_with_a_message_and_store_nothing(desk, tmp_path):
    folder = tmp_path / "in"
    write_package(folder, make_package("Chi bộ Văn phòng"))
    write_package(folder, make_package("Chi bộ Kho bạc Nhà nước"), "la.zip")
    (folder / "hong.zip").write_bytes(b"PK\x03\x04 not a whole zip")
    newer = make_package("Chi bộ Thanh tra").to_manifest() | {"version": 9}
    with zipfile.ZipFile(folder / "moi.zip", "w") as archive:
        archive.writestr("manifest.json", json.dumps(newer))
    write_package(folder, make_package("Chi bộ Phòng Giá", period="2027-01"), "tuong-lai.zip")
    preview = desk.rollup.preview([folder])
    messages = {incoming.path.name: incoming.message for incoming in preview.of(Arrival.REFUSED)}
    assert set(messages) == {"la.zip", "hong.zip", "moi.zip", "tuong-lai.zip"}
    assert "chưa có trong danh sách chi bộ trực thuộc" in messages["la.zip"]
    assert "bị hỏng" in messages["hong.zip"]
    assert "Cell Desk mới hơn" in messages["moi.zip"]
    assert "chưa tới" in messages["tuong-lai.zip"]
    result = desk.rollup.apply(preview, replace=True)
    assert (result.added, result.refused) == (1, 4)
    assert [row.cell.name for row in desk.rollup.standings("2026-11") if row.report] == ["Chi bộ Văn phòng"]


def test_a_write_that_fails_midway_stores_none_of_the_batch(desk, tmp_path):
    folder = tmp_path / "in"
    for name in ("Chi bộ Văn phòng", "Chi bộ Phòng Giá", "Chi bộ Thanh tra"):
        write_package(folder, make_package(name))
    preview = desk.rollup.preview([folder])
    broken = preview.packages[2]
    # the third row cannot be written (its fingerprint is NOT NULL): the two before it must go too
    preview.packages[2] = type(broken)(broken.path, broken.arrival, broken.message, broken.package, broken.cell,
                                       broken.manifest, broken.report_docx, None)
    with pytest.raises(IntegrityError):
        desk.rollup.apply(preview, replace=True)
    assert all(row.report is None for row in desk.rollup.standings("2026-11"))


def test_a_cell_edited_by_two_people_at_once_keeps_the_first_save(desk):
    mine = desk.rollup.cells()[0]
    theirs = desk.rollup.cells()[0]
    desk.rollup.update_cell(type(theirs)(theirs.id, theirs.name, 25, theirs.note, theirs.version))
    with pytest.raises(EditConflict, match="Người khác vừa lưu"):
        desk.rollup.update_cell(type(mine)(mine.id, "Chi bộ Văn phòng Sở", mine.report_day, mine.note, mine.version))
    kept = desk.rollup.cells()[0]
    assert (kept.name, kept.report_day, kept.version) == ("Chi bộ Văn phòng", 25, theirs.version + 1)


def test_the_consolidated_report_sums_the_forms_and_names_who_sent_nothing(desk, tmp_path):
    folder = tmp_path / "in"
    write_package(folder, make_package("Chi bộ Văn phòng", activities=3, results="Tổ chức tọa đàm về Nghị quyết "
                                       "Đại hội XIV cho 40 đoàn viên thanh niên.",
                                       proposals="Đề nghị cấp thêm tài liệu học tập."))
    write_package(folder, make_package("Chi bộ Phòng Ngân sách", activities=2, seed=1, proposals="Không."))
    desk.rollup.import_paths([folder])
    target = desk.rollup.export_consolidated("2026-11", tmp_path / "tong-hop.docx")
    word = Document(str(target))
    text = "\n".join(paragraph.text for paragraph in word.paragraphs)
    assert "tổng hợp kết quả công tác tuyên truyền tháng 11/2026 của các chi bộ trực thuộc" in text
    assert "2/4 chi bộ trực thuộc đã gửi báo cáo" in text
    assert "Chi bộ Phòng Giá (hạn 20/11/2026)" in text and "Chi bộ Thanh tra (hạn 20/11/2026)" in text
    assert "tọa đàm về Nghị quyết Đại hội XIV" in text  # a notable example, in the cell's words
    assert "Chi bộ Văn phòng: Đề nghị cấp thêm tài liệu học tập" in text and "Ngân sách: Không" not in text
    heading = " ".join(cell.text for cell in word.tables[0].rows[0].cells)
    assert "ngày 25 tháng 11 năm 2026" in heading and "Số 01-BC/ĐU" in " ".join(c.text for c in word.tables[0]._cells)
    # the forms table: each form once, summed over both cells, with a total row
    table = word.tables[1]
    rows = [[cell.text for cell in row.cells] for row in table.rows]
    assert rows[0][:3] == ["TT", "Hình thức", "Số hoạt động"]
    expected = {}
    for package in (make_package("Chi bộ Văn phòng", activities=3), make_package("x", activities=2, seed=1)):
        for figure in package.figures:
            expected[figure.form] = expected.get(figure.form, 0) + figure.activities
    assert {row[1]: int(row[2]) for row in rows[1:-1]} == expected
    assert rows[-1][1] == "Cộng" and int(rows[-1][2]) == sum(expected.values())
    # Nơi nhận: reported up, the cells told, the body's own Lưu
    signature = "\n".join(p.text for cell in word.tables[-1]._cells for p in cell.paragraphs)
    assert "- Đảng bộ Khối các cơ quan tỉnh (để báo cáo)," in signature and "- Các chi bộ trực thuộc," in signature
    # the number stays the same when the report is written again
    again = desk.rollup.consolidated_document("2026-11")
    assert again.number == desk.rollup.consolidated_document("2026-11").number == 1


def test_the_summary_table_has_a_sheet_a_month_a_row_a_cell_and_totals(desk, tmp_path):
    desk.rollup.import_paths([write_package(tmp_path / "11", make_package("Chi bộ Văn phòng", activities=3)),
                              write_package(tmp_path / "11", make_package("Chi bộ Thanh tra", activities=2)),
                              write_package(tmp_path / "10", make_package("Chi bộ Văn phòng", period="2026-10",
                                                                          made_on=dt.date(2026, 10, 20)))])
    target = desk.rollup.export_summary(["2026-11", "2026-10"], tmp_path / "tong-hop.xlsx")
    book = load_workbook(target)
    assert book.sheetnames == ["Tháng 11-2026", "Tháng 10-2026"]
    sheet = book["Tháng 11-2026"]
    header = [cell.value for cell in sheet[4]]
    assert header[:6] == ["STT", "Chi bộ", "Hạn nộp", "Ngày lập gói", "Tình trạng", "Số hoạt động"]
    rows = [[cell.value for cell in row] for row in sheet.iter_rows(min_row=5, max_row=8)]
    assert [row[1] for row in rows] == ["Chi bộ Văn phòng", "Chi bộ Phòng Ngân sách", "Chi bộ Phòng Giá",
                                        "Chi bộ Thanh tra"]
    assert rows[1][4] == "Chưa gửi – quá hạn" and rows[1][5] is None
    assert rows[0][2].date() == dt.date(2026, 11, 20)
    total = [cell.value for cell in sheet[9]]
    assert total[0].startswith("Cộng") and total[5] == "=SUM(F5:F8)"
    values = load_workbook(target, data_only=True)["Tháng 11-2026"]
    expected = make_package("a", activities=3).activities + make_package("b", activities=2).activities
    assert values.cell(9, 6).value == expected == rows[0][5] + rows[3][5]
    forms = lambda sheet: [cell.value for cell in sheet[4] if str(cell.value).startswith("Hoạt động:")]  # noqa: E731
    assert forms(sheet) and forms(sheet) == forms(book["Tháng 10-2026"])  # months side by side, column for column


def _activities(services, cell_name: str) -> int:
    row = next(row for row in services.rollup.standings("2026-11") if row.cell.name == cell_name)
    return row.report.package.activities
