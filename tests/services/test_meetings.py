"""The monthly chi bộ meeting as a secretary records it: members, the record and its rules, the
tasks of the nghị quyết, the activity, the deadlines."""
import datetime as dt

import pytest

from cell_desk.domain.activity import ActivityFilter
from cell_desk.domain.meetings import (
    ABSENT, ABSENT_EXCUSED, EXEMPT, PRESENT, THEMATIC, Assignment, Attendee,
)
from cell_desk.domain.members import PROBATIONARY, Member
from cell_desk.domain.plan import ItemStatus
from cell_desk.domain.validation import ValidationError
from cell_desk.domain.profile import CellProfile
from tests.documents import TODAY_IN_MARCH, TOPICS, add_orientation

NAMES = ("Nguyễn Văn Hùng", "Trần Thị Lan", "Lê Văn Minh", "Phạm Thị Hoa", "Hoàng Văn Nam")


@pytest.fixture
def march(open_at):
    services = open_at(TODAY_IN_MARCH)
    services.settings.save_profile(CellProfile(cell_name="Chi bộ Văn phòng", secretary_name="Nguyễn Văn Hùng"))
    roles = ("Bí thư", "Phó Bí thư", "Chi ủy viên", "Đảng viên", "Đảng viên")
    for name, role in zip(NAMES, roles):
        services.members.save(Member(None, name, role))
    services.members.save(Member(None, "Vũ Văn Cường", exempt=True, exempt_reason="Tuổi cao, sức yếu"))
    return services


def test_a_draft_takes_the_members_the_chair_and_this_months_orientation(march):
    add_orientation(march)
    draft = march.meetings.draft(2026, 3)
    assert draft.held_on == TODAY_IN_MARCH and draft.minutes == 90
    assert draft.chair == "Nguyễn Văn Hùng" and draft.secretary == "Trần Thị Lan"
    assert [a.status for a in draft.attendance].count(EXEMPT) == 1 and draft.member_count == 6
    assert draft.rate_text == "5/5 (100%)"
    for topic in TOPICS:
        assert f"- {topic}" in draft.agenda
    assert draft.agenda.startswith("1. Kiểm điểm việc thực hiện nghị quyết tháng trước")
    # next month's direction names the anniversaries of April 2026
    assert "Tuyên truyền kỷ niệm 51 năm Ngày Giải phóng miền Nam" in draft.direction


def test_saving_numbers_it_and_puts_it_in_the_activity_log(march):
    saved = march.meetings.save(march.meetings.draft(2026, 3))
    assert (saved.minutes_number, saved.resolution_number) == (1, 1)
    [row] = march.activities.rows(ActivityFilter())
    assert row.form == "Sinh hoạt chi bộ" and row.party_members == 5 and row.occurred_on == TODAY_IN_MARCH
    assert row.title == "Sinh hoạt chi bộ thường kỳ tháng 3/2026"
    themed = march.meetings.draft(2026, 3, THEMATIC)
    themed = march.meetings.save(themed.__class__(**{**themed.__dict__, "topic": "Học tập và làm theo Bác"}))
    assert (themed.minutes_number, themed.resolution_number) == (2, 2)
    assert len(march.activities.rows(ActivityFilter())) == 2
    # editing the record updates its activity, never adds one
    from dataclasses import replace
    march.meetings.save(replace(saved, attendance=saved.attendance[:-2] + (
        Attendee("Hoàng Văn Nam", ABSENT_EXCUSED, "Đi công tác"), saved.attendance[-1])))
    rows = march.activities.rows(ActivityFilter())
    assert sorted(r.party_members for r in rows) == [4, 5]


@pytest.mark.parametrize("change, field, words", [
    (dict(starts_at=dt.time(16, 0), ends_at=dt.time(14, 0)), "ends_at", "không sau giờ bắt đầu"),
    (dict(held_on=dt.date(2026, 4, 2)), "held_on", "không thuộc tháng 3/2026"),
    (dict(member_count=3), "attendance", "nhiều hơn số đảng viên"),
    (dict(secretary="Nguyễn Văn Hùng"), "secretary", "hai đồng chí khác nhau"),
    (dict(speakers=("Người Lạ",)), "speakers", "không có mặt"),
    (dict(kind=THEMATIC, topic=""), "topic", "tên chuyên đề"),
])
def test_bad_input_is_refused_with_the_field_and_nothing_is_written(march, change, field, words):
    from dataclasses import replace
    with pytest.raises(ValidationError, match=words) as refused:
        march.meetings.save(replace(march.meetings.draft(2026, 3), **change))
    assert refused.value.field == field
    assert march.meetings.meetings() == [] and march.activities.rows(ActivityFilter()) == []


def test_a_member_both_present_and_absent_is_refused(march):
    from dataclasses import replace
    draft = march.meetings.draft(2026, 3)
    twice = draft.attendance + (Attendee("Le Van Minh", ABSENT),)  # the same name without diacritics
    with pytest.raises(ValidationError, match="Lê Văn Minh|Le Van Minh"):
        march.meetings.save(replace(draft, attendance=twice))


def test_a_second_meeting_of_the_same_kind_in_a_month_is_refused(march):
    march.meetings.save(march.meetings.draft(2026, 3))
    with pytest.raises(ValidationError, match="đã có biên bản sinh hoạt thường kỳ"):
        march.meetings.save(march.meetings.draft(2026, 3))
    assert len(march.meetings.meetings()) == 1


def test_short_meetings_and_low_attendance_are_warned_not_refused(march):
    from dataclasses import replace
    draft = march.meetings.draft(2026, 3)
    absent = tuple(replace(a, status=ABSENT) if a.name in NAMES[3:] else a for a in draft.attendance)
    short = replace(draft, ends_at=dt.time(15, 0), attendance=absent)
    assert short.warnings() == ["Buổi sinh hoạt 60 phút, chưa đủ 90 phút theo Hướng dẫn 42-HD/BTCTW.",
                                "Tỷ lệ đảng viên dự 60%, dưới 90%."]
    assert march.meetings.save(short).rate_text == "3/5 (60%)"
    themed = replace(march.meetings.draft(2026, 3, THEMATIC), topic="Chuyên đề", ends_at=dt.time(15, 30))
    assert "chưa đủ 120 phút" in themed.warnings()[0]


def test_the_resolutions_assignments_become_next_months_tasks_and_are_reviewed(open_at, march):
    from dataclasses import replace
    draft = march.meetings.draft(2026, 3)
    saved = march.meetings.save(replace(draft, assignments=(
        Assignment("Treo băng rôn kỷ niệm 30/4", "Lê Văn Minh", dt.date(2026, 4, 25)),
        Assignment("Viết tin về Đại hội Đoàn", "Trần Thị Lan", None))))
    plan_id = march.meetings.apply_assignments(saved.id)
    assert march.meetings.apply_assignments(saved.id) == plan_id  # asked again: no second copy
    tree = march.plans.plan_tree(plan_id)
    assert tree.summary.is_active and tree.summary.number == "01-NQ/CB"
    items = tree.all_items()
    assert [(i.text, i.assignee) for i in items] == [("Treo băng rôn kỷ niệm 30/4", "Lê Văn Minh"),
                                                     ("Viết tin về Đại hội Đoàn", "Trần Thị Lan")]
    assert [p.ends_on for p in tree.phases] == [dt.date(2026, 4, 25), dt.date(2026, 4, 30)]
    april = open_at(dt.date(2026, 5, 3), folder=march.data_dir)
    april.checklist.update_item(items[0].id, status=ItemStatus.DONE, completed_on=dt.date(2026, 4, 20))
    reviews = april.meetings.reviews(2026, 4)
    assert [r.line for r in reviews] == [
        "Treo băng rôn kỷ niệm 30/4 (đồng chí Lê Văn Minh): đã hoàn thành ngày 20 tháng 4 năm 2026.",
        "Viết tin về Đại hội Đoàn (đồng chí Trần Thị Lan): chưa hoàn thành, quá hạn."]
    assert "Treo băng rôn kỷ niệm 30/4 (đồng chí Lê Văn Minh): đã hoàn thành" in april.meetings.draft(2026, 4).agenda


def test_deleting_a_member_keeps_the_record_readable(march):
    saved = march.meetings.save(march.meetings.draft(2026, 3))
    minh = next(m for m in march.members.members() if m.name == "Lê Văn Minh")
    march.members.delete(minh.id)
    again = march.meetings.get(saved.id)
    assert "Lê Văn Minh" in [a.name for a in again.attendance]
    assert march.meetings.minutes_document(saved.id).blocks  # still writes


def test_deadlines_count_days_left_and_late(march):
    from dataclasses import replace
    march.meetings.save(replace(march.meetings.draft(2026, 3), held_on=dt.date(2026, 3, 12)))
    deadlines = {d.label: d for d in march.meetings.deadlines()}
    meeting = deadlines["Sinh hoạt chi bộ thường kỳ tháng 3/2026"]
    assert meeting.status(TODAY_IN_MARCH) == "còn 2 ngày"
    materials = deadlines["Đăng tài liệu, dự thảo nghị quyết (trước 1 ngày)"]
    assert materials.due == dt.date(2026, 3, 11) and materials.status(TODAY_IN_MARCH) == "còn 1 ngày"
    assert deadlines["Đăng biên bản, nghị quyết (sau 2 ngày)"].due == dt.date(2026, 3, 14)
    quarter = deadlines["Sinh hoạt chuyên đề quý I/2026"]
    assert quarter.due == dt.date(2026, 3, 31) and not quarter.done
    assert quarter.status(dt.date(2026, 4, 2)) == "trễ 2 ngày"


def test_members_import_from_excel_in_any_column_order_with_or_without_diacritics(march, tmp_path):
    from openpyxl import Workbook
    book = Workbook()
    sheet = book.active
    sheet.append(["DANH SÁCH ĐẢNG VIÊN CHI BỘ"])
    sheet.append(["STT", "Chuc vu", "Ngay sinh", "Ho va ten", "Chinh thuc/Du bi", "Mien sinh hoat", "Ly do"])
    sheet.append([1, "Bi thu", "01/01/1970", "Nguyen Van Hung", "chinh thuc", "", ""])  # already there, with diacritics
    sheet.append([2, "", "02/02/1990", "Đỗ Thị Mai", "Dự bị", "", ""])
    sheet.append([3, "", "", "Bùi Văn Tư", "CT", "x", "Tuổi cao"])
    sheet.append([4, "", "", "Ai Đó", "tạm", "", ""])
    path = tmp_path / "dang-vien.xlsx"
    book.save(path)
    result = march.members.import_file(path)
    assert result.added == ["Đỗ Thị Mai", "Bùi Văn Tư"] and result.updated == ["Nguyen Van Hung"]
    assert result.errors == [(6, "“tạm” không phải chính thức hay dự bị.")]
    members = {m.name: m for m in march.members.members()}
    assert members["Đỗ Thị Mai"].standing == PROBATIONARY
    assert members["Bùi Văn Tư"].exempt and members["Bùi Văn Tư"].exempt_reason == "Tuổi cao"
    assert len(members) == 8
    assert not hasattr(members["Đỗ Thị Mai"], "birth_date")


def test_the_report_of_the_month_cites_the_meeting(march):
    add_orientation(march)
    march.meetings.save(march.meetings.draft(2026, 3))
    results = march.reports.drafted_sections(2026, 3)["results"]
    assert "Sinh hoạt chi bộ thường kỳ tháng 3/2026" in results


def test_the_report_cites_the_meeting_and_its_resolution_and_names_next_periods_anniversaries(march):
    march.meetings.save(march.meetings.draft(2026, 3))
    sections = march.reports.drafted_sections(2026, 3)
    assert "- Ngày 10/03/2026: Sinh hoạt chi bộ thường kỳ tháng 3/2026, 5/5 (100%) đảng viên dự; ban hành Nghị quyết số 01-NQ/CB." in sections["results"]
    # the report of March covers 21/02–20/03; the next period runs to the end of April
    assert "- 95 năm Ngày thành lập Đoàn Thanh niên Cộng sản Hồ Chí Minh (26/3/1931 – 26/3/2026)." in sections["direction"]
    assert "- 51 năm Ngày Giải phóng miền Nam, thống nhất đất nước (30/4/1975 – 30/4/2026)." in sections["direction"]
