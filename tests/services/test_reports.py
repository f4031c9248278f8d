"""The monthly report and the cell's plan through their service."""
import datetime as dt

import pytest
from docx import Document

from cell_desk.domain.activity import ActivityDraft
from cell_desk.domain.plan import ItemStatus
from cell_desk.domain.report import DocumentStatus
from cell_desk.domain.validation import ValidationError


def log(services, day, title, form="Tuyên truyền miệng", members=10, others=2):
    services.activities.add(ActivityDraft(day, form, title, place="Hội trường", party_members=members,
                                          others=others))


def test_the_draft_takes_exactly_the_activities_of_its_period(services):
    log(services, dt.date(2020, 7, 20), "Ngày 20 tháng trước")  # belongs to July's report
    log(services, dt.date(2020, 7, 21), "Ngày 21 tháng trước")  # the first day of August's period
    log(services, dt.date(2020, 8, 20), "Ngày 20 tháng này")    # the last day
    log(services, dt.date(2020, 8, 21), "Ngày 21 tháng này")    # belongs to September's
    services.activities.add(ActivityDraft(dt.date(2020, 7, 19), "Tuyên truyền miệng", "Kéo dài qua kỳ",
                                          ends_on=dt.date(2020, 7, 23)))  # began in July's period
    results = services.reports.open_report(2020, 8).sections["results"]
    assert "Ngày 21 tháng trước" in results and "Ngày 20 tháng này" in results
    for outside in ("Ngày 20 tháng trước", "Ngày 21 tháng này", "Kéo dài qua kỳ"):
        assert outside not in results
    assert results.startswith("Trong kỳ, chi bộ đã tổ chức 2 hoạt động tuyên truyền với 24 lượt người "
                              "tham gia (20 lượt đảng viên, 4 lượt người ngoài Đảng).")
    assert "1. Tuyên truyền miệng: 2 hoạt động, 24 lượt người tham gia." in results
    assert "- Ngày 21/07/2020: Ngày 21 tháng trước (Hội trường)." in results


def test_activities_are_grouped_by_form_in_the_plans_order(services):
    log(services, dt.date(2020, 8, 1), "Băng rôn", form="Tuyên truyền cổ động trực quan")
    log(services, dt.date(2020, 8, 2), "Hội nghị")
    results = services.reports.open_report(2020, 8).sections["results"].splitlines()
    numbered = [line for line in results if line[:2] in ("1.", "2.")]
    assert numbered[0].startswith("1. Tuyên truyền miệng") and numbered[1].startswith("2. Tuyên truyền cổ động")


def test_tasks_done_in_the_period_and_open_tasks_of_the_running_and_next_phase(services):
    tree = services.plans.plan_tree()
    running = next(p for p in tree.phases if p.code == "1.3")
    done = running.all_items()[0]
    services.checklist.update_item(done.id, status=ItemStatus.DONE, completed_on=dt.date(2020, 8, 10))
    report = services.reports.open_report(2020, 8)
    assert done.text in report.sections["results"]
    direction = report.sections["direction"]
    assert "a) 1.3." in direction and "b) 1.4." in direction
    assert "1.5." not in direction  # begins in November: not next month's work
    assert f"- {done.text}" not in direction
    assert f"- {running.all_items()[1].text}" in direction


def test_numbers_run_per_kind_within_the_term(open_at):
    services = open_at(dt.date(2020, 8, 15))
    assert [services.reports.open_report(2020, month).number for month in (6, 7, 8)] == [1, 2, 3]
    assert services.reports.open_cell_plan().number == 1  # a plan counts separately
    assert services.reports.open_report(2020, 6).number == 1  # opening again keeps it
    later = open_at(dt.date(2025, 3, 15), folder=services.data_dir)
    assert later.reports.open_report(2025, 3).number == 1  # a new term starts again from 01


def test_the_number_can_be_edited_but_not_to_one_already_used(services):
    first = services.reports.open_report(2020, 7)
    second = services.reports.open_report(2020, 8)
    assert services.reports.update_header(second.id, number=12).number == 12
    with pytest.raises(ValidationError, match="đã dùng"):
        services.reports.update_header(second.id, number=first.number)


def test_sections_save_as_typed_and_a_finalised_report_is_locked_until_reopened(services):
    report = services.reports.open_report(2020, 8)
    services.reports.save_section(report.id, "ideology", "Đảng viên phấn khởi.\x07")
    assert services.reports.get(report.id).sections["ideology"] == "Đảng viên phấn khởi."
    services.reports.set_status(report.id, DocumentStatus.FINAL)
    with pytest.raises(ValidationError, match="Mở lại để sửa"):
        services.reports.save_section(report.id, "ideology", "Sửa sau khi chốt")
    with pytest.raises(ValidationError):
        services.reports.update_header(report.id, number=9)
    services.reports.set_status(report.id, DocumentStatus.DRAFT)
    services.reports.save_section(report.id, "ideology", "Sửa sau khi mở lại")
    assert services.reports.get(report.id).sections["ideology"] == "Sửa sau khi mở lại"


def test_the_sent_date_is_checked_and_shown(services):
    report = services.reports.open_report(2020, 8)
    with pytest.raises(ValidationError, match="chưa tới"):
        services.reports.set_status(report.id, DocumentStatus.SENT, dt.date(2020, 8, 30))
    with pytest.raises(ValidationError, match="trước ngày của văn bản"):
        services.reports.set_status(report.id, DocumentStatus.SENT, dt.date(2020, 1, 1))
    sent = services.reports.set_status(report.id, DocumentStatus.SENT, report.issued_on)
    assert sent.status_text == f"Đã gửi ngày {report.issued_on:%d/%m/%Y}"
    assert sent.is_locked


def test_redrafting_takes_in_activities_logged_since(services):
    report = services.reports.open_report(2020, 8)
    services.reports.save_section(report.id, "ideology", "Giữ nguyên")
    log(services, dt.date(2020, 8, 14), "Ghi sau khi mở báo cáo")
    again = services.reports.redraft(report.id)
    assert "Ghi sau khi mở báo cáo" in again.sections["results"]
    assert again.sections["ideology"] == "Giữ nguyên"


def test_the_report_exports_as_word_with_its_number_and_sections(services, tmp_path):
    log(services, dt.date(2020, 8, 3), "Hội nghị quán triệt")
    report = services.reports.open_report(2020, 8)
    target = services.reports.export_docx(report.id, tmp_path / "bao-cao.docx")
    document = Document(str(target))
    header = [p.text for p in document.tables[0].rows[0].cells[0].paragraphs]
    assert header[-1] == "Số 01-BC/CB"
    texts = [p.text for p in document.paragraphs]
    assert "I. KẾT QUẢ THỰC HIỆN" in texts and "V. ĐỀ XUẤT, KIẾN NGHỊ" in texts
    assert "kết quả công tác tuyên truyền tháng 8/2020" in texts
    assert any("Hội nghị quán triệt" in t for t in texts)


def test_the_cell_plan_cites_the_upper_plan_and_carries_its_phases_and_slogans(services, tmp_path):
    plan = services.reports.open_cell_plan()
    assert plan.sections["bases"].startswith("Thực hiện Kế hoạch số 20-KH/ĐUK, ngày 30/12/2019 của Ban Thường vụ "
                                             "Đảng ủy Khối")
    assert "1. Mục đích" in plan.sections["purposes"]
    assert "Từ tháng 7/2020 đến 31/8/2020" in plan.sections["content"]
    assert plan.sections["slogans"].count("\n") == 15  # the plan's 16 slogans
    document = Document(str(services.reports.export_docx(plan.id, tmp_path / "ke-hoach.docx")))
    texts = [p.text for p in document.paragraphs]
    assert texts[texts.index("KẾ HOẠCH") + 1].startswith("tuyên truyền Đại hội đảng các cấp")
    assert "IV. KHẨU HIỆU TUYÊN TRUYỀN" in texts
    assert document.tables[0].rows[0].cells[0].paragraphs[-1].text == "Số 01-KH/CB"


def test_the_date_of_a_report_stays_within_reason(services):
    report = services.reports.open_report(2020, 8)
    with pytest.raises(ValidationError, match="trước ngày bắt đầu của kỳ báo cáo"):
        services.reports.update_header(report.id, issued_on=dt.date(2017, 8, 15))
    with pytest.raises(ValidationError, match="còn xa quá"):
        services.reports.update_header(report.id, issued_on=dt.date(2021, 8, 15))
    assert services.reports.update_header(report.id, issued_on=dt.date(2020, 8, 20)).issued_on == dt.date(2020, 8, 20)


def test_large_counts_are_written_with_a_thousands_dot(services):
    from dataclasses import replace

    draft = ActivityDraft(dt.date(2020, 8, 3), "Tuyên truyền miệng", "Mít tinh", party_members=1000, others=66)
    services.activities.add(draft)
    services.activities.add(replace(draft, title="Mít tinh 2", party_members=0, others=0))
    assert "2 hoạt động tuyên truyền với 1.066 lượt người" in services.reports.open_report(2020, 8).sections["results"]
