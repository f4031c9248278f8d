"""Several upper-level documents in force at once: the term's plan and this month's orientation."""
import datetime as dt
import json

from cell_desk.domain.activity import ActivityDraft
from cell_desk.domain.plan import ItemStatus
from cell_desk.domain.report import as_done
from tests.documents import TODAY_IN_MARCH, TOPICS, add_orientation, orientation


def test_the_orientation_keeps_its_kind_and_details_and_round_trips(services, tmp_path):
    plan_id = add_orientation(services)
    summary = next(p for p in services.plans.list_plans() if p.id == plan_id)
    assert summary.doc_kind == "monthly_orientation" and summary.kind_label == "Định hướng tháng"
    assert summary.ends_on == dt.date(2026, 3, 31)
    items = services.plans.plan_tree(plan_id).all_items()
    assert items[0].detail == "Nêu bật truyền thống của Đoàn.\nBiểu dương đoàn viên tiêu biểu." and items[2].detail == ""
    target = services.exchange.export(plan_id, tmp_path / "dinh-huong.json")
    document = json.loads(target.read_text(encoding="utf-8"))
    assert document["format_version"] == 1 and document["plan"]["doc_kind"] == "monthly_orientation"
    assert document["plan"]["phases"][0]["items"][0]["detail"] == orientation()["plan"]["phases"][0]["items"][0]["detail"]
    assert "detail" not in document["plan"]["phases"][0]["items"][2]  # optional: left out when empty
    document["plan"]["number"] = "46-ĐH/BTGĐUK"
    again = services.exchange.save(document)
    assert services.exchange.document(again)["plan"]["phases"] == document["plan"]["phases"]


def test_importing_with_activate_keeps_the_others_in_force(services):
    plan_id = add_orientation(services)
    assert [p.id for p in services.plans.plans_in_force()] == [1, plan_id]
    trees = services.plans.trees_in_force()
    assert [len(tree.all_items()) for tree in trees] == [73, 3]


def test_the_overview_counts_every_document_and_leaves_ended_ones_out_of_what_to_do_now(open_at):
    services = open_at(TODAY_IN_MARCH)
    add_orientation(services)
    overview = services.overview.overview()
    assert [(d.summary.number, d.ended, d.running) for d in overview.documents] == [
        ("20-KH/ĐUK", True, False), ("45-ĐH/BTGĐUK", False, True)]
    assert overview.has_current and overview.overall.counted == 76
    assert overview.overdue_items == []  # the ended plan's open items are history, not today's work
    assert sum(f.overdue for f in overview.phases) == 73  # and still count there
    assert overview.report_deadline == dt.date(2026, 3, 25)  # the orientation states the 25th


def test_the_report_drafts_the_work_of_every_document_in_force(open_at):
    services = open_at(TODAY_IN_MARCH)
    plan_id = add_orientation(services)
    seed_item = services.plans.plan_tree(1).phases[0].items[0]
    topic = services.plans.plan_tree(plan_id).all_items()[0]
    services.checklist.update_item(seed_item.id, status=ItemStatus.DONE, completed_on=dt.date(2026, 3, 2))
    services.checklist.update_item(topic.id, status=ItemStatus.DONE, completed_on=dt.date(2026, 3, 5))
    assert services.reports.report_day() == 25
    assert services.reports.period_of(2026, 3) == (dt.date(2026, 2, 26), dt.date(2026, 3, 25))
    report = services.reports.open_report(2026, 3)
    results = report.sections["results"]
    assert as_done(seed_item.text) in results and as_done(topic.text) in results
    # the opening cites the orientation of the month and the ended plan work was done under
    opening = report.sections["opening"]
    assert opening.startswith("Thực hiện Kế hoạch số 20-KH/ĐUK, ngày 30/12/2019") and \
        "Định hướng số 45-ĐH/BTGĐUK, ngày 25/2/2026" in opening
    direction = report.sections["direction"]
    assert direction.startswith("1. Thực hiện Định hướng số 45-ĐH/BTGĐUK (tháng 3/2026):")
    assert TOPICS[1] in direction and TOPICS[2] in direction and TOPICS[0] not in direction  # open tasks only


def test_the_newest_document_stating_a_rule_gives_the_report_day(open_at):
    services = open_at(TODAY_IN_MARCH)
    quiet = orientation()
    del quiet["plan"]["reporting_rule"]
    add_orientation(services, quiet)
    assert services.reports.report_day() == 20  # the seed plan's rule: the orientation states none


def test_activities_link_tasks_of_any_document_and_the_excel_shows_one_block_per_document(open_at, tmp_path):
    from openpyxl import load_workbook

    services = open_at(TODAY_IN_MARCH)
    plan_id = add_orientation(services)
    topic = services.plans.plan_tree(plan_id).all_items()[0]
    activity = services.activities.add(ActivityDraft(dt.date(2026, 3, 6), "Tuyên truyền miệng", "Sinh hoạt chuyên đề",
                                                     item_ids=(topic.id,)))
    with services.database.session() as session:
        from cell_desk.storage.models import ActivityRow

        assert session.get(ActivityRow, activity.id).plan_id == plan_id
    services.checklist.complete_items([topic.id], dt.date(2026, 3, 6), "Sinh hoạt chuyên đề")
    target = tmp_path / "nhat-ky.xlsx"
    assert services.activity_excel.export(target) == 1
    sheet = load_workbook(target)["Tiến độ"]
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    firsts = [row[0] for row in values if row[0]]
    assert "TIẾN ĐỘ THỰC HIỆN CÁC VĂN BẢN ĐANG ÁP DỤNG" in firsts
    headings = [text for text in firsts if text.startswith(("Kế hoạch theo đợt", "Định hướng tháng"))]
    assert headings[0].startswith("Kế hoạch theo đợt 20-KH/ĐUK") and headings[0].endswith("– đã kết thúc")
    assert headings[1] == "Định hướng tháng 45-ĐH/BTGĐUK ngày 25/02/2026: Định hướng công tác tuyên truyền tháng 3/2026"
    month = next(row for row in values if row[0] == "Tháng 3/2026")
    assert month[2:4] == [3, 1]  # three topics, one done
    assert values[-1][0] == "Cộng tất cả văn bản đang áp dụng" and values[-1][2:4] == [76, 1]
    assert "Tuyên truyền miệng" in services.activities.forms()


def test_slogans_come_from_every_document_in_force(services):
    document = orientation()
    document["plan"]["slogans"] = [{"number": 1, "text": "Tuổi trẻ Việt Nam nguyện đi theo con đường của Đảng!"}]
    add_orientation(services, document)
    texts = [slogan.text for slogan in services.slogans.slogans()]
    assert texts[0] == "Tuổi trẻ Việt Nam nguyện đi theo con đường của Đảng!" and len(texts) == 17
