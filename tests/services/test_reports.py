"""The monthly report and the cell's plan through their service."""
import datetime as dt

import pytest
from docx import Document

from cell_desk.domain.activity import ActivityDraft
from cell_desk.domain.plan import ItemStatus
from cell_desk.domain.report import DocumentStatus, as_done, as_task, task_rows
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
    assert results.splitlines()[1] == ("Trong kỳ, chi bộ đã tổ chức 2 hoạt động tuyên truyền bằng 1 hình thức, với "
                                       "24 lượt người tham gia (20 lượt đảng viên, 4 lượt người ngoài Đảng), cụ thể:")
    assert "- Tuyên truyền miệng: 2 hoạt động, 24 lượt người tham gia, gồm:" in results
    assert "+ Ngày 21 tháng trước (ngày 21/7/2020, Hội trường);" in results


def test_activities_are_grouped_by_form_in_the_plans_order(services):
    log(services, dt.date(2020, 8, 1), "Băng rôn", form="Tuyên truyền cổ động trực quan")
    log(services, dt.date(2020, 8, 2), "Hội nghị")
    results = services.reports.open_report(2020, 8).sections["results"].splitlines()
    forms = [line for line in results if line.startswith("- ")]
    assert forms[0].startswith("- Tuyên truyền miệng") and forms[1].startswith("- Tuyên truyền cổ động")


def test_tasks_done_in_the_period_and_open_tasks_of_the_running_and_next_phase(services):
    tree = services.plans.plan_tree()
    running = next(p for p in tree.phases if p.code == "1.3")
    done = running.all_items()[0]
    services.checklist.update_item(done.id, status=ItemStatus.DONE, completed_on=dt.date(2020, 8, 10))
    report = services.reports.open_report(2020, 8)
    assert f"- {as_done(done.text)}." in report.sections["results"]  # worded as done
    direction = report.sections["direction"].splitlines()
    headings = [line for line in direction if line[:2] in ("1.", "2.", "3.")]
    assert headings == ["1. Tuyên truyền Đại hội Đảng bộ Khối các Cơ quan và Doanh nghiệp tỉnh (đến ngày 31/8/2020):",
                        "2. Tuyên truyền Đại hội Đảng bộ tỉnh lần thứ XX (từ tháng 9/2020 đến tháng 10/2020):"]
    # November's phase is not next month's work; the task done is not listed again
    assert not any("Đại hội đại biểu toàn quốc lần thứ XIII" in line for line in direction)
    assert not any(line.startswith(f"- {as_task(done.text)}") for line in direction)
    assert f"- {as_task(running.all_items()[1].text)};" in direction


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
    assert "I. KẾT QUẢ THỰC HIỆN" in texts and "IV. PHƯƠNG HƯỚNG, NHIỆM VỤ THÁNG TỚI" in texts
    assert not any("ĐỀ XUẤT" in t for t in texts)  # left empty: not printed, no bare "Không."
    body = texts[texts.index("-----") + 1:]
    assert [t for t in body if t][-1].endswith("./.")
    assert "kết quả công tác tuyên truyền tháng 8/2020" in texts
    assert any("Hội nghị quán triệt" in t for t in texts)


def test_the_cell_plan_cites_the_upper_plan_and_carries_its_phases_and_slogans(services, tmp_path):
    plan = services.reports.open_cell_plan()
    assert plan.sections["bases"].startswith("Thực hiện Kế hoạch số 20-KH/ĐUK, ngày 30/12/2019 của Ban Thường vụ "
                                             "Đảng ủy Khối")
    assert "tỉnh Bắc Ninh" not in plan.sections["purposes"]  # the cell's purpose, not the province's aims
    rows = task_rows(plan.sections["content"])
    assert rows[0] == ("Tuyên truyền Đại hội Đảng bộ Khối các Cơ quan và Doanh nghiệp tỉnh (17 nội dung theo mục 1.3 "
                       "Kế hoạch số 20-KH/ĐUK)", "Bí thư chi bộ", "Đến 31/8/2020")  # phases 1.1 and 1.2 are past
    # the upper plan's task for cells ("Chỉ đạo tổ chức tốt việc nắm …") as the cell's own
    assert any(row[0].startswith("Tổ chức tốt việc nắm tình hình tư tưởng, tâm trạng của cán bộ, đảng viên")
               and row[2] == "Thường xuyên" for row in rows)
    assert rows[-1] == ("Báo cáo kết quả thực hiện về Ban Thường vụ Đảng ủy Khối", "Bí thư chi bộ",
                        "Trước ngày 20 hằng tháng")
    assert plan.sections["slogans"].count("\n") == 15 and plan.sections["slogans"].startswith("- ")
    document = Document(str(services.reports.export_docx(plan.id, tmp_path / "ke-hoach.docx")))
    texts = [p.text for p in document.paragraphs]
    assert texts[texts.index("KẾ HOẠCH") + 1].startswith("tuyên truyền Đại hội đảng các cấp")
    assert "IV. KHẨU HIỆU TUYÊN TRUYỀN" in texts
    assert document.tables[0].rows[0].cells[0].paragraphs[-1].text == "Số 01-KH/CB"
    work = document.tables[1]
    assert [c.text for c in work.rows[0].cells] == ["TT", "Nội dung công việc", "Người phụ trách", "Thời gian"]
    assert [c.text for c in work.rows[1].cells][3] == "Đến 31/8/2020"
    slogan = next(p for p in document.paragraphs if p.text.startswith("- ") and p.text.endswith("!"))
    assert not any(run.bold for run in slogan.runs) and slogan.style.name == "Cell Desk – Nội dung"  # body text


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
    assert "2 hoạt động tuyên truyền bằng 1 hình thức, với 1.066 lượt người" in services.reports.open_report(2020, 8).sections["results"]


def test_the_report_opens_citing_the_plan_and_stating_the_period(services):
    opening = services.reports.open_report(2020, 8).sections["opening"]
    assert opening.startswith("Thực hiện Kế hoạch số 20-KH/ĐUK, ngày 30/12/2019 của Ban Thường vụ Đảng ủy Khối")
    assert opening.endswith("Chi bộ báo cáo kết quả công tác tuyên truyền tháng 8/2020 "
                            "(từ ngày 21/7/2020 đến ngày 20/8/2020) như sau:")


def test_each_form_names_its_few_largest_activities_and_the_annex_lists_them_all(services, tmp_path):
    for day, people in zip(range(1, 7), (5, 40, 8, 30, 20, 1)):
        log(services, dt.date(2020, 8, day), f"Hội nghị số {day}", members=people, others=0)
    services.reports.set_examples_per_form(3)
    services.reports.set_annex_wanted(True)
    report = services.reports.open_report(2020, 8)
    lines = report.sections["results"].splitlines()
    assert "- Tuyên truyền miệng: 6 hoạt động, 104 lượt người tham gia, tiêu biểu là:" in lines
    assert [line for line in lines if line.startswith("+ ")] == [
        "+ Hội nghị số 2 (ngày 2/8/2020, Hội trường);", "+ Hội nghị số 4 (ngày 4/8/2020, Hội trường);",
        "+ Hội nghị số 5 (ngày 5/8/2020, Hội trường)."]
    assert "(Danh sách các hoạt động tại Phụ lục kèm theo.)" in lines
    document = Document(str(services.reports.export_docx(report.id, tmp_path / "bao-cao.docx")))
    texts = [p.text for p in document.paragraphs]
    annex = texts[texts.index("PHỤ LỤC"):]
    assert annex[1] == "Danh sách hoạt động tuyên truyền tháng 8/2020"
    assert annex[2] == "(Kèm theo Báo cáo số 01-BC/CB, ngày 15/8/2020 của Chi bộ)"
    assert sum(t.startswith("- Ngày ") for t in annex) == 6
    body_end = texts.index("PHỤ LỤC")
    assert document.element.body.index(document.tables[-1]._tbl) < document.element.body.index(
        document.paragraphs[body_end]._p)  # after the signature


def test_the_assessment_states_strengths_and_weaknesses_found_in_the_data(open_at):
    services = open_at(dt.date(2020, 4, 15))  # phase 1.1 ended on 31/3 with its items open
    log(services, dt.date(2020, 4, 2), "Hội nghị quán triệt")
    assessment = services.reports.open_report(2020, 4).sections["assessment"].splitlines()
    assert assessment[0] == "1. Ưu điểm"
    assert assessment[1] == "- Chi bộ đã tổ chức 1 hoạt động tuyên truyền bằng 1 hình thức, thu hút 12 lượt người tham gia."
    assert assessment[2] == "2. Hạn chế"
    assert any(line.startswith("- Còn ") and "đã hết thời gian thực hiện nhưng chưa hoàn thành" in line
               for line in assessment)
    assert any(line.startswith("- Chưa sử dụng hình thức ") and "tuyên truyền cổ động trực quan" in line
               for line in assessment)


def test_an_empty_month_says_so_and_invents_no_strength(services):
    report = services.reports.open_report(2020, 8)
    assert report.sections["results"] == "Trong kỳ, chi bộ chưa tổ chức hoạt động tuyên truyền nào."
    assert "Ưu điểm" not in report.sections["assessment"]
    assert "- Trong kỳ, chi bộ chưa tổ chức hoạt động tuyên truyền nào;" in report.sections["assessment"]


def test_after_the_plan_has_ended_the_direction_says_so(open_at):
    services = open_at(dt.date(2021, 6, 15))
    direction = services.reports.open_report(2021, 6).sections["direction"]
    assert "tiếp tục" not in direction.split(";")[0].lower()
    assert direction.startswith("Các văn bản của cấp trên đang áp dụng không còn nội dung nào phải thực hiện")
    services.plans.set_in_force(1, False)
    services.reports.redraft(services.reports.report_for(2021, 6).id)
    assert services.reports.report_for(2021, 6).sections["direction"].startswith(
        "Hiện chưa có văn bản nào của cấp trên đang áp dụng")


def test_a_draft_is_dated_today_so_it_can_be_sent_today(open_at):
    services = open_at(dt.date(2020, 8, 2))
    report = services.reports.open_report(2020, 8)
    assert report.issued_on == dt.date(2020, 8, 2)
    assert services.reports.set_status(report.id, DocumentStatus.SENT, dt.date(2020, 8, 2)).is_locked
    late = services.reports.open_report(2020, 7)  # a month drafted after its deadline: dated the deadline
    assert late.issued_on == dt.date(2020, 7, 20)


def test_numbers_follow_the_documents_dates(open_at):
    services = open_at(dt.date(2020, 8, 25))
    august = services.reports.open_report(2020, 8)
    june = services.reports.open_report(2020, 6)
    assert (june.number, services.reports.get(august.id).number) == (1, 2)
    services.reports.set_status(august.id, DocumentStatus.FINAL)
    july = services.reports.open_report(2020, 7)
    assert july.number == 3  # the one dated after it is finalised: its number stays, the new one follows


def test_the_wording_has_no_template_faults(services, tmp_path):
    import re

    log(services, dt.date(2020, 8, 3), "Hội nghị quán triệt",
        form="Biên soạn, phát hành các ấn phẩm tuyên truyền và sáng tác.")
    report = services.reports.open_report(2020, 8)
    document = Document(str(services.reports.export_docx(report.id, tmp_path / "bao-cao.docx")))
    text = "\n".join(p.text for p in document.paragraphs)
    assert ".:" not in text and not re.search(r"^[a-zđ]\) \d", text, re.M)
    assert "Không." not in text.split("\n")
    assert [line for line in text.split("\n") if line][-1].endswith("./.")


def test_the_cell_plan_follows_the_profile_until_edited_and_keeps_proper_names(services):
    from dataclasses import replace

    plan = services.reports.open_cell_plan()
    assert plan.issued_on == dt.date(2020, 8, 15)  # the day it is made
    assert "Chi bộ xây dựng kế hoạch" in plan.sections["bases"]
    services.settings.save_profile(replace(services.settings.profile(), cell_name="Chi bộ Văn phòng Sở Tư pháp"))
    again = services.reports.open_cell_plan()
    assert again.sections["bases"].endswith("Chi bộ Văn phòng Sở Tư pháp xây dựng kế hoạch như sau:")
    assert "Bí thư chi bộ phân công" in again.sections["organisation"]
    services.reports.save_section(plan.id, "bases", "Căn cứ kế hoạch của cấp trên, chi bộ xây dựng kế hoạch.")
    services.settings.save_profile(replace(services.settings.profile(), cell_name="Chi bộ Phòng Tổng hợp"))
    kept = services.reports.open_cell_plan()
    assert kept.sections["bases"] == "Căn cứ kế hoạch của cấp trên, chi bộ xây dựng kế hoạch."  # edited: left alone
    assert services.reports.redraft(plan.id).sections["bases"].endswith("Chi bộ Phòng Tổng hợp xây dựng kế hoạch "
                                                                        "như sau:")


def test_the_task_table_round_trips_its_edits(services):
    plan = services.reports.open_cell_plan()
    rows = task_rows(plan.sections["content"])
    rows[0] = (rows[0][0], "Đ/c Phạm Thu Hà", "Trước 25/8/2020")
    from cell_desk.domain.report import task_text

    services.reports.save_section(plan.id, "content", task_text(rows))
    assert task_rows(services.reports.open_cell_plan().sections["content"])[0][1:] == ("Đ/c Phạm Thu Hà",
                                                                                      "Trước 25/8/2020")
