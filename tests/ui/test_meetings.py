"""The page "Sinh hoạt chi bộ", driven as a secretary would."""
import datetime as dt

from dataclasses import replace

import pytest
from PySide6.QtCore import QTime, Qt

from cell_desk.domain.activity import ActivityFilter
from cell_desk.domain.members import Member
from cell_desk.domain.profile import CellProfile
from cell_desk.ui.meetings.page import MeetingPage
from tests.documents import TODAY_IN_MARCH, TOPICS, add_orientation

SHOTS = __import__("os").environ.get("CELL_DESK_SHOTS")  # a folder to keep the screenshots in


@pytest.fixture
def march(open_at):
    services = open_at(TODAY_IN_MARCH)
    services.settings.save_profile(CellProfile(cell_name="Chi bộ Văn phòng", secretary_name="Nguyễn Văn Hùng"))
    for name, role in (("Nguyễn Văn Hùng", "Bí thư"), ("Trần Thị Lan", "Phó Bí thư"), ("Lê Văn Minh", "Đảng viên")):
        services.members.save(Member(None, name, role))
    add_orientation(services)
    return services


@pytest.fixture
def window(march, make_window):
    window = make_window(march)
    window.resize(1366, 768)
    window.sidebar.setCurrentRow(window.page_keys.index("meetings"))
    return window


def page_of(window) -> MeetingPage:
    return window.page("meetings")


def test_the_page_opens_on_a_draft_of_this_month_and_saves_it(window, march, qtbot):
    page = page_of(window)
    assert window.sidebar.item(window.page_keys.index("meetings")).text() == "Sinh hoạt chi bộ"
    assert page.title.text() == "Chưa lưu – Sinh hoạt chi bộ thường kỳ tháng 3/2026"
    assert TOPICS[1] in page.agenda.toPlainText()
    assert page.rate.text() == "Có mặt 3/3 (100%) đảng viên phải dự"
    page.discussion.setPlainText("Các đồng chí nhất trí.")
    page.speaker_model.item(1).setCheckState(Qt.CheckState.Checked)
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    [saved] = march.meetings.meetings()
    assert saved.discussion == "Các đồng chí nhất trí." and saved.speakers == ("Trần Thị Lan",)
    assert page.title.text().endswith("(biên bản số 01, nghị quyết số 01)")
    assert [r.form for r in march.activities.rows(ActivityFilter())] == ["Sinh hoạt chi bộ"]
    if SHOTS:
        window.grab().save(f"{SHOTS}/meetings-record.png")


def test_times_that_end_before_they_start_are_refused_at_the_form_and_kept(window, march, qtbot):
    page = page_of(window)
    page.starts_at.setTime(QTime(16, 0))
    page.ends_at.setTime(QTime(15, 0))
    page.conclusion.setPlainText("Kết luận đã gõ")
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    assert "không sau giờ bắt đầu" in page.problem.text()
    assert march.meetings.meetings() == []
    assert page.conclusion.toPlainText() == "Kết luận đã gõ"  # nothing typed is lost
    page.ends_at.setTime(QTime(17, 0))
    assert "60 phút, chưa đủ 90 phút" in page.warning.text()


def test_an_absent_member_marked_on_the_table_lowers_the_rate_with_a_warning(window, march):
    page = page_of(window)
    index = page.attendance_model.index(2, 1)
    assert page.attendance_model.setData(index, "vang_khong_ly_do")
    assert page.rate.text() == "Có mặt 2/3 (67%) đảng viên phải dự"
    assert "dưới 90%" in page.warning.text()
    assert page.speaker_model.rowCount() == 2  # an absent member cannot be ticked as a speaker


def test_a_bad_deadline_in_the_assignments_is_said_and_the_assignment_reaches_the_checklist(window, march, qtbot):
    page = page_of(window)
    page.tabs.setCurrentIndex(1)
    index = page.assignment_model.add_row()
    page.assignment_model.setData(index, "Viết tin Đại hội Đoàn")
    page.assignment_model.setData(page.assignment_model.index(0, 1), "Lê Văn Minh")
    assert not page.assignment_model.setData(page.assignment_model.index(0, 2), "31/02/2026")
    assert "không có trên lịch" in page.problem.text()
    page.assignment_model.setData(page.assignment_model.index(0, 2), "20/04/2026")
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    from cell_desk.ui import messages
    shown = []
    import cell_desk.ui.meetings.page as module
    module.show_info = lambda parent, title, text: shown.append(text)
    try:
        page._apply_tasks()
    finally:
        module.show_info = messages.show_info
    tasks = [i for tree in march.plans.trees_in_force() for i in tree.all_items() if i.text == "Viết tin Đại hội Đoàn"]
    assert [(t.assignee) for t in tasks] == ["Lê Văn Minh"] and shown


def test_members_tab_adds_and_refuses_an_exemption_without_reason(window, march, qtbot):
    page = page_of(window)
    page.tabs.setCurrentIndex(2)
    page._new_member()
    page.member_name.setText("Đỗ Thị Mai")
    page.member_exempt.setChecked(True)
    page._save_member()
    assert "hãy ghi lý do" in page.member_problem.text()
    page.member_reason.setText("Ốm dài ngày")
    page._save_member()
    assert "Đỗ Thị Mai" in [m.name for m in march.members.members()]
    if SHOTS:
        window.grab().save(f"{SHOTS}/meetings-members.png")


def test_the_preview_draws_the_saved_resolution(window, march, qtbot):
    page = page_of(window)
    page.save()
    page.preview_choice.setCurrentIndex(1)
    page.tabs.setCurrentIndex(3)
    html = page.preview.toPlainText()
    assert "NGHỊ QUYẾT" in html and "III. PHÂN CÔNG THỰC HIỆN" in html
    if SHOTS:
        window.grab().save(f"{SHOTS}/meetings-preview.png")


def test_overview_shows_the_meeting_deadlines_and_the_next_anniversaries(march, make_window):
    march.meetings.save(replace(march.meetings.draft(2026, 3), held_on=dt.date(2026, 3, 12)))
    window = make_window(march)
    window.resize(1366, 768)
    panel = window.overview_page.month_deadlines
    model = panel.deadline_model
    rows = {model.index(r, 0).data(): model.index(r, 2).data() for r in range(model.rowCount())}
    assert rows["Sinh hoạt chi bộ thường kỳ tháng 3/2026"] == "còn 2 ngày"
    assert rows["Đăng tài liệu, dự thảo nghị quyết (trước 1 ngày)"] == "còn 1 ngày"
    assert rows["Sinh hoạt chuyên đề quý I/2026"] == "còn 21 ngày"
    anniversaries = panel.anniversary_model
    first = anniversaries.index(0, 1).data()
    assert anniversaries.index(0, 0).data() == "26/03/2026" and first.startswith("95 năm Ngày thành lập Đoàn")
    assert first.endswith("– năm chẵn")
    panel.anniversary_view.setCurrentIndex(anniversaries.index(0, 0))
    panel.make_tasks()
    titles = [t.summary.title for t in march.plans.trees_in_force()]
    assert any(title.startswith("Tuyên truyền kỷ niệm 95 năm Ngày thành lập Đoàn") for title in titles)
    if SHOTS:
        window.grab().save(f"{SHOTS}/overview.png")


def test_the_meeting_date_is_typed_as_vietnamese_write_it_and_kept_within_the_month(window, march, qtbot):
    page = page_of(window)
    field = page.held_on.lineEdit()
    field.selectAll()
    qtbot.keyClicks(field, "12032026")  # ddmmyyyy, as on a phone keypad
    field.editingFinished.emit()
    assert page.held_on.day() == dt.date(2026, 3, 12) and page.held_on.problem() == ""
    field.selectAll()
    qtbot.keyClicks(field, "5/4/2026")  # another month: refused with a reason, the good date kept
    field.editingFinished.emit()
    assert page.held_on.day() == dt.date(2026, 3, 12) and page.held_on.problem()
