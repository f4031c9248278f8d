"""The biên bản and nghị quyết as a reader of the .docx sees them."""
import datetime as dt
from dataclasses import replace

from docx import Document

from cell_desk.domain.meetings import Assignment
from tests.services.test_meetings import march  # noqa: F401  (the fixture)


def texts(path):
    word = Document(str(path))
    body = [p.text for p in word.paragraphs]
    cells = [[p.text for p in cell.paragraphs] for table in word.tables for cell in table.rows[0].cells]
    return body, cells


def test_the_resolution_has_its_four_parts_its_number_and_the_signature(march, tmp_path):  # noqa: F811
    meeting = march.meetings.save(replace(march.meetings.draft(2026, 3), assignments=(
        Assignment("Treo băng rôn kỷ niệm 30/4", "Lê Văn Minh", dt.date(2026, 4, 25)),)))
    path = march.meetings.export_docx(meeting.id, "resolution", tmp_path / "nq.docx")
    body, cells = texts(path)
    assert "NGHỊ QUYẾT" in body and "sinh hoạt chi bộ thường kỳ tháng 3/2026" in body
    for heading in ("I. KẾT QUẢ THỰC HIỆN NHIỆM VỤ THÁNG 3/2026", "II. PHƯƠNG HƯỚNG, NHIỆM VỤ THÁNG 4/2026",
                    "III. PHÂN CÔNG THỰC HIỆN", "IV. TỰ ĐÁNH GIÁ CHẤT LƯỢNG BUỔI SINH HOẠT"):
        assert heading in body
    assert ("- Treo băng rôn kỷ niệm 30/4; phân công: đồng chí Lê Văn Minh; thời hạn: trước ngày 25 tháng 4 năm 2026."
            in body)
    header_left, header_right, footer_left, footer_right = cells
    assert "Số 01-NQ/CB" in header_left and "……………, ngày 10 tháng 3 năm 2026" in header_right  # no place yet
    assert footer_right[:2] == ["T/M CHI BỘ", "BÍ THƯ"] and footer_right[-1] == "Nguyễn Văn Hùng"


def test_the_minutes_are_numbered_apart_and_signed_by_secretary_and_chair(march, tmp_path):  # noqa: F811
    first = march.meetings.save(march.meetings.draft(2026, 3))
    path = march.meetings.export_docx(first.id, "minutes", tmp_path / "bb.docx")
    body, cells = texts(path)
    assert "BIÊN BẢN" in body
    assert "- Có mặt: 5 đồng chí (tỷ lệ 100%)." in body
    assert "Thời gian: bắt đầu lúc 14 giờ 00 phút, ngày 10 tháng 3 năm 2026." in body
    header_left, _right, footer_left, footer_right = cells
    assert "Số 01-BB/CB" in header_left
    assert footer_right[0] == "T/M CHI BỘ" and "CHỦ TRÌ" in footer_right and footer_right[-1] == "Nguyễn Văn Hùng"
    assert "THƯ KÝ" in footer_left and footer_left[-1] == "Trần Thị Lan" and "Nơi nhận:" not in footer_left


def test_the_package_is_named_for_the_upload(march, tmp_path):  # noqa: F811
    meeting = march.meetings.save(march.meetings.draft(2026, 3))
    files, note = march.meetings.export_package(meeting.id, tmp_path / "goi")
    names = [f.name for f in files]
    assert "2026-03_Du-thao-nghi-quyet_thuong-ky_CB.docx" in names
    assert "2026-03_Chuong-trinh-sinh-hoat_thuong-ky_CB.docx" in names
    assert all(f.exists() for f in files)
    assert note or "2026-03_Du-thao-nghi-quyet_thuong-ky_CB.pdf" in names
