"""Demo data that could be true, read back from the database: forms from the plans' own forms,
online posts on the site with no one counted as present, a chi bộ's numbers of people, the plans'
own words, anniversaries in their season, and the tasks of every document in force."""
import datetime as dt
import re

import pytest
from sqlalchemy import select

from cell_desk.services.clock import fixed_clock
from cell_desk.services.demo import fill_activities, form_kind, topic_of
from cell_desk.storage.models import (
    ActivityFormRow, ActivityItemRow, ActivityRow, ChecklistItemRow, PhaseRow, PlanRow,
)

TODAY = dt.date(2020, 10, 15)  # phases 1.1 to 1.4 of the seed plan have begun
ONLINE = ("portal", "website", "social")
SEPTEMBER_GUIDE = {"format": "cell-desk-plan", "format_version": 1, "plan": {
    "number": "35-HD/BTGĐUK", "kind": "HƯỚNG DẪN", "title": "Tuyên truyền kỷ niệm 75 năm Ngày Quốc khánh 2/9",
    "place": "Bắc Ninh", "issued_on": "2020-08-20", "phases": [{
        "code": "1", "title": "Tuyên truyền tháng 9 năm 2020", "window_text": "Tháng 9/2020",
        "starts_on": "2020-09-01", "ends_on": "2020-09-30", "items": [
            {"text": "Tuyên truyền giá trị lịch sử của Tuyên ngôn độc lập ngày 2/9/1945."},
            {"text": "Tuyên truyền thành tựu 75 năm xây dựng và bảo vệ Tổ quốc."}]}]}}


@pytest.fixture
def filled(open_at):
    services = open_at(TODAY)
    guide = services.exchange.save(SEPTEMBER_GUIDE, activate=True)  # two documents in force
    assert fill_activities(services.database, 400, services.clock) == 400
    with services.database.session() as session:
        rows = session.scalars(select(ActivityRow)).all()
        session.expunge_all()
    return services, rows, guide


def test_forms_are_the_plans_forms_and_online_posts_happen_on_the_site(filled):
    services, rows, _guide = filled
    with services.database.session() as session:
        forms = set(session.scalars(select(ActivityFormRow.title).where(ActivityFormRow.is_custom.is_(False))))
    assert {row.form for row in rows} <= forms
    online = [row for row in rows if form_kind(row.form) in ONLINE]
    assert len(online) > 50
    for row in online:
        assert row.party_members == 0 and row.others == 0, row.title  # views, not people in a room
        assert "lượt xem" in row.content
        assert not re.search(r"\d|phòng|hội trường|tầng|sảnh", row.place.lower()), row.place
        assert re.search(r"cổng thông tin|trang thông tin|facebook|zalo", row.place.lower()), row.place


def test_people_are_those_of_a_chi_bo(filled):
    _services, rows, _guide = filled
    members = max(row.party_members for row in rows)
    assert 10 <= members <= 40
    meetings = [row for row in rows if form_kind(row.form) == "oral"]
    assert meetings and all(0.75 * members <= row.party_members <= members for row in meetings)
    assert all(row.others <= 30 for row in rows)
    assert all(row.occurred_on.weekday() < 5 for row in meetings)  # a chi bộ meets on working days
    banners = [row for row in rows if form_kind(row.form) == "visual"]
    assert banners and all(row.party_members == 0 and "Phòng" not in row.place for row in banners)


def test_titles_use_the_plans_own_words(filled):
    services, rows, _guide = filled
    with services.database.session() as session:
        words = " ".join([*session.scalars(select(ChecklistItemRow.text)), *session.scalars(select(PhaseRow.title)),
                          *session.scalars(select(PlanRow.title))])
    congresses = {match for row in rows for match in re.findall(r"lần thứ [IVXLC]+\b", row.title)}
    assert "lần thứ IX" in congresses and "lần thứ IV" not in congresses
    assert congresses <= set(re.findall(r"lần thứ [IVXLC]+\b", words))
    assert all(not row.title.endswith(("…", ",", ";")) and "  " not in row.title for row in rows)


def test_activities_fit_their_season(filled):
    _services, rows, _guide = filled
    dated = 0
    for row in rows:
        assert "Tết" not in row.title and "xuân" not in row.title.lower()  # nothing of Tết from March to October
        found = re.search(r"\(\d+/\d+/\d{4} – (\d+)/(\d+)/(\d{4})\)", row.title)
        if found:  # an anniversary, in the month before it
            day = dt.date(int(found[3]), int(found[2]), int(found[1]))
            assert 3 <= (day - row.occurred_on).days <= 30, row.title
            dated += 1
    assert dated > 5
    assert all(row.occurred_on <= TODAY for row in rows)


def test_every_document_in_force_gives_tasks_on_its_own_days(filled):
    services, rows, guide = filled
    with services.database.session() as session:
        linked = session.execute(
            select(ActivityRow.occurred_on, ActivityRow.title, PhaseRow.plan_id, PhaseRow.starts_on, PhaseRow.ends_on)
            .join(ActivityItemRow, ActivityItemRow.activity_id == ActivityRow.id)
            .join(ChecklistItemRow, ChecklistItemRow.id == ActivityItemRow.item_id)
            .join(PhaseRow, PhaseRow.id == ChecklistItemRow.phase_id)).all()
    plans = {plan for _day, _title, plan, _start, _end in linked}
    assert guide in plans and len(plans) == 2  # the seed plan's tasks and the guide's
    assert all(start <= day <= end for day, _title, _plan, start, end in linked)
    september = [title for day, title, plan, _start, _end in linked if plan == guide]
    assert september and any("Tuyên ngôn độc lập" in title or "75 năm xây dựng" in title for title in september)


def test_a_plans_line_becomes_a_short_topic_in_its_words():
    assert topic_of("Tuyên truyền về vị trí, ý nghĩa Đại hội đại biểu Đảng bộ Khối lần thứ IX. Các yêu cầu.") == \
        "vị trí, ý nghĩa Đại hội đại biểu Đảng bộ Khối lần thứ IX"
    assert topic_of("Chủ đề, phương châm của Đại hội.", "Đại hội Đảng bộ tỉnh lần thứ XX") == \
        "chủ đề, phương châm của Đại hội Đảng bộ tỉnh lần thứ XX"
    assert topic_of("Nghị quyết Đại hội XIII của Đảng.") == "Nghị quyết Đại hội XIII của Đảng"


def test_the_same_seed_gives_the_same_data(open_at, tmp_path):
    first = open_at(TODAY, tmp_path / "a")
    second = open_at(TODAY, tmp_path / "b")
    for services in (first, second):
        fill_activities(services.database, 30, fixed_clock(TODAY))
    assert [(r.occurred_on, r.title) for r in first.activities.rows()] == \
        [(r.occurred_on, r.title) for r in second.activities.rows()]
