"""Several documents in force, as the secretary sees them: the checklist, Tổng quan, the task picker."""
import datetime as dt

from PySide6.QtCore import QModelIndex, Qt

from cell_desk.ui.activities.dialog import ItemPicker
from cell_desk.ui.checklist.model import NodeKind
from tests.documents import TODAY_IN_MARCH, TOPICS, add_orientation, orientation


def tops(model, parent=QModelIndex()):
    return [model.index(row, 0, parent).data() for row in range(model.rowCount(parent))]


def test_the_checklist_has_a_top_level_per_document_in_force(make_window, open_at, qtbot):
    services = open_at(TODAY_IN_MARCH)
    plan_id = add_orientation(services)
    window = make_window(services)
    page = window.checklist_page
    window.show_page(page)
    assert tops(page.model) == [  # today's work first; the ended plan after it, folded and not in red
        "Định hướng tháng 45-ĐH/BTGĐUK: Định hướng công tác tuyên truyền tháng 3/2026",
        "Kế hoạch theo đợt 20-KH/ĐUK: Tuyên truyền Đại hội đảng các cấp, Đại hội Đảng bộ Khối lần thứ IX… – đã kết thúc"]
    orientation_row = page.model.index(0, 0)
    assert page.tree.isExpanded(page.proxy.mapFromSource(orientation_row))
    ended_row = page.model.index(1, 0)
    assert not page.tree.isExpanded(page.proxy.mapFromSource(ended_row))
    late_item = page.model.index(0, 0, page.model.index(0, 0, ended_row))
    assert page.model.data(late_item, Qt.ItemDataRole.BackgroundRole) is None
    assert page.model.node(orientation_row).kind is NodeKind.DOCUMENT
    assert tops(page.model, orientation_row) == ["Tháng 3/2026"]
    assert tops(page.model, page.model.index(0, 0, orientation_row)) == list(TOPICS)
    assert page.count.text() == "76 nội dung" and "(0/76" in page.progress.format()

    page.search.setText("doan tncs")  # the search runs across documents
    qtbot.waitUntil(lambda: page.visible_item_count() == 1, timeout=2000)
    page.search.setText("")
    qtbot.waitUntil(lambda: page.visible_item_count() == 76, timeout=2000)
    page.show_document(plan_id)
    assert page.visible_item_count() == 3

    topic = services.plans.plan_tree(plan_id).all_items()[0]
    page.select_item(topic.id)
    assert page.editor.detail.isVisibleTo(page.editor) and page.editor.detail.isReadOnly()
    assert page.editor.detail.toPlainText() == "Nêu bật truyền thống của Đoàn.\nBiểu dương đoàn viên tiêu biểu."
    assert page.editor.context.text().startswith("Định hướng tháng 45-ĐH/BTGĐUK")
    page.select_item(services.plans.plan_tree(plan_id).all_items()[2].id)  # no detail: the box goes
    assert not page.editor.detail.isVisibleTo(page.editor)


def test_the_overview_lists_the_documents_in_force_and_marks_the_ended_one(make_window, open_at):
    services = open_at(TODAY_IN_MARCH)
    add_orientation(services)
    overview = make_window(services).overview_page
    rows = [[overview.document_model.index(r, c).data() for c in range(5)]
            for r in range(overview.document_model.rowCount())]
    assert rows[0][1:] == ["Kế hoạch theo đợt", "30/12/2019 – 28/02/2021", "0% (0/73)", "Đã kết thúc"]
    assert rows[1] == ["45-ĐH/BTGĐUK: Định hướng công tác tuyên truyền tháng 3/2026", "Định hướng tháng",
                       "01/03/2026 – 31/03/2026", "0% (0/3)", "Đang thực hiện"]
    assert overview.plan_title.text() == "Các văn bản đang áp dụng"
    assert overview.nothing_current.isHidden()  # the orientation runs today
    assert overview.running_card.detail.text() == "Tháng 3/2026 đến 31/03/2026"
    assert overview.overdue_card.value.text() == "0"  # the ended plan's open items are not today's work
    assert overview.overdue_caption.text() == ("Không có nội dung nào quá hạn cần làm ngay "
                                               "(73 nội dung của văn bản đã kết thúc không tính).")
    assert "20/03/2026" not in overview.report_card.detail.text() and "25/03/2026" in overview.report_card.detail.text()
    assert not overview.phase_table.isColumnHidden(0)  # which document each phase belongs to


def test_with_only_ended_documents_the_overview_says_so_and_offers_the_import(make_window, open_at, qtbot):
    window = make_window(open_at(dt.date(2026, 11, 26)))
    overview = window.overview_page
    assert not overview.nothing_current.isHidden()
    assert "Chưa có văn bản nào đang áp dụng cho hôm nay" in overview.nothing_text.text()
    assert "đều đã kết thúc" in overview.nothing_text.text()
    assert overview.import_button.text() == "Nhập văn bản cấp trên…"
    assert overview.document_model.index(0, 4).data() == "Đã kết thúc"
    triggered = []
    window.import_action.triggered.disconnect()  # the spy instead of the file dialog
    window.import_action.triggered.connect(lambda *_: triggered.append(True))
    qtbot.mouseClick(overview.import_button, Qt.MouseButton.LeftButton)
    assert triggered == [True]


def test_the_task_picker_groups_the_tasks_by_document(qtbot, open_at):
    services = open_at(TODAY_IN_MARCH)
    plan_id = add_orientation(services)
    chosen = services.plans.plan_tree(plan_id).all_items()[1].id
    picker = ItemPicker(services, {chosen})
    qtbot.addWidget(picker)
    month_orientation, seed = tops(picker.model)  # today's document first
    assert seed.startswith("Kế hoạch theo đợt 20-KH/ĐUK: Tuyên truyền Đại hội") and seed.endswith("– đã kết thúc")
    assert month_orientation == "Định hướng tháng 45-ĐH/BTGĐUK: Định hướng công tác tuyên truyền tháng 3/2026"
    month = picker.model.item(0).child(0)
    assert [month.child(r).text() for r in range(month.rowCount())] == list(TOPICS)
    assert picker.tree.isExpanded(picker.proxy.mapFromSource(month.index()))  # running, and holds the choice
    assert picker.chosen() == [(chosen, TOPICS[1])]
    assert len(list(picker._entries())) == 76


def test_the_settings_box_puts_a_document_in_and_out_of_force(make_window, open_at):
    from sqlalchemy import select

    from cell_desk.storage.models import PlanRow

    services = open_at(TODAY_IN_MARCH)
    plan_id = services.exchange.save(orientation())  # kept, not yet in force
    window = make_window(services)
    page = window.settings_page
    window.show_page(page)

    def in_force():
        with services.database.session() as session:
            return list(session.scalars(select(PlanRow.id).where(PlanRow.is_active).order_by(PlanRow.id)))

    model = page.plan_model
    assert [[model.index(r, c).data() for c in (2, 3, 4)] for r in range(model.rowCount())] == [
        ["Kế hoạch theo đợt", "30/12/2019 – 28/02/2021", "Đã kết thúc"],
        ["Định hướng tháng", "01/03/2026 – 31/03/2026", "Đang thực hiện"]]
    box = model.index(1, 0)
    assert box.data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Unchecked and in_force() == [1]
    assert model.setData(box, Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole)
    assert in_force() == [1, plan_id]  # beside the plan, not instead of it
    assert model.index(1, 0).data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
    assert "Định hướng tháng 45-ĐH/BTGĐUK đã được đưa vào áp dụng." == page.plan_message.text()
    assert page.chosen_plan_id() is not None
    checklist = window.checklist_page
    assert checklist.model.rowCount() == 2  # the checklist followed
    model.setData(model.index(0, 0), Qt.CheckState.Unchecked.value, Qt.ItemDataRole.CheckStateRole)
    model.setData(model.index(1, 0), Qt.CheckState.Unchecked.value, Qt.ItemDataRole.CheckStateRole)
    assert in_force() == []  # the last one may go too
    assert checklist.model.rowCount() == 0 and checklist.heading.text().startswith("Chưa có văn bản nào đang áp dụng")
    overview = window.overview_page
    window.show_page(overview)
    assert not overview.nothing_current.isHidden() and overview.document_table.isHidden()
