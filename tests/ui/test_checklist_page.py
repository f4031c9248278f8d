import datetime as dt

from PySide6.QtCore import QModelIndex, Qt

from cell_desk.domain.plan import ItemStatus
from cell_desk.ui.checklist.filter import StatusFilter
from cell_desk.ui.checklist.model import Column, NodeKind
from tests.conftest import SEED_TODAY


def visible_texts(page):
    """The text column of every row the tree shows, depth first."""
    texts, pending = [], [QModelIndex()]
    while pending:
        parent = pending.pop(0)
        for row in range(page.proxy.rowCount(parent)):
            index = page.proxy.index(row, 0, parent)
            texts.append(index.data())
            pending.append(index)
    return texts


def choose_status(editor, status):
    row = editor.status.findData(status.value)
    editor.status.setCurrentIndex(row)
    editor.status.activated.emit(row)


def open_page(make_window, services):
    window = make_window(services)
    window.show_page(window.checklist_page)
    return window, window.checklist_page


def item_id_with_text(page, text):
    return next(i for i, node in page.model.by_item_id.items() if node.item.text == text)


def test_the_tree_shows_every_phase_and_item(make_window, services):
    _, page = open_page(make_window, services)
    assert page.proxy.rowCount() == 1  # one document in force, its six phases below
    document = page.proxy.index(0, 0)
    assert document.data().startswith("Kế hoạch theo đợt 20-KH/ĐUK: Tuyên truyền Đại hội đảng các cấp")
    assert page.proxy.rowCount(document) == 6
    assert page.proxy.index(2, 0, document).data().startswith("1.3. Tuyên truyền Đại hội Đảng bộ Khối")
    assert page.count.text() == "73 nội dung"
    assert "Tiến độ chung: 0% (0/73" in page.progress.format()


def test_a_status_edit_in_the_editor_is_saved_and_survives_a_restart(make_window, open_at):
    services = open_at()
    window, page = open_page(make_window, services)
    item_id = item_id_with_text(page, "Quy chế bầu cử.")
    page.select_item(item_id)
    assert page.editor.item_id == item_id
    choose_status(page.editor, ItemStatus.DONE)
    assert page.editor.completed_on.date().toPython() == SEED_TODAY
    index = page.model.index_of_item(item_id)
    assert index.siblingAtColumn(Column.STATUS).data() == "Đã hoàn thành"
    window.close()
    services.close()

    reopened = open_at()
    _, page = open_page(make_window, reopened)
    node = page.model.by_item_id[item_id]
    assert node.item.status is ItemStatus.DONE and node.item.completed_on == SEED_TODAY


def test_typing_the_person_in_charge_and_evidence_saves_them(make_window, services, qtbot):
    _, page = open_page(make_window, services)
    item_id = item_id_with_text(page, "Phản ánh việc góp ý kiến vào các dự thảo văn kiện.")
    page.select_item(item_id)
    # QTest can only type ASCII keys; Vietnamese text arrives as an input-method commit would
    page.editor.assignee.setFocus()
    page.editor.assignee.insert("Đ/c Phạm Thu Hà")
    qtbot.keyClick(page.editor.assignee, Qt.Key.Key_Return)
    assert services.checklist.state(item_id).assignee == "Đ/c Phạm Thu Hà"
    page.editor.evidence.insertPlainText("Biên bản họp chi bộ")
    qtbot.waitUntil(lambda: services.checklist.state(item_id).evidence == "Biên bản họp chi bộ", timeout=3000)


def test_switching_items_saves_evidence_still_being_typed(make_window, services, qtbot):
    _, page = open_page(make_window, services)
    first, second = list(page.model.by_item_id)[:2]
    page.select_item(first)
    page.editor.evidence.insertPlainText("Ảnh pa-nô")
    page.select_item(second)
    assert services.checklist.state(first).evidence == "Ảnh pa-nô"


def test_a_refused_edit_shows_a_message_and_saves_nothing(make_window, services):
    _, page = open_page(make_window, services)
    item_id = list(page.model.by_item_id)[0]
    page.select_item(item_id)
    page.editor.evidence.setPlainText("x" * 20_001)
    page.editor.flush()
    assert page.editor.error.isVisible()
    assert "Minh chứng dài quá" in page.editor.error.text()
    assert services.checklist.state(item_id).evidence == ""


def test_ctrl_z_undoes_the_last_change_and_ctrl_y_redoes_it(make_window, services, qtbot):
    window, page = open_page(make_window, services)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    item_id = list(page.model.by_item_id)[5]
    page.select_item(item_id)
    choose_status(page.editor, ItemStatus.IN_PROGRESS)
    assert services.checklist.state(item_id).status is ItemStatus.IN_PROGRESS
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert services.checklist.state(item_id).status is ItemStatus.NOT_STARTED
    assert page.editor.status.currentText() == "Chưa thực hiện"
    qtbot.keyClick(window, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert services.checklist.state(item_id).status is ItemStatus.IN_PROGRESS


def test_search_ignores_diacritics_and_case(make_window, services, qtbot):
    _, page = open_page(make_window, services)
    results = {}
    for query in ("dai hoi dang bo tinh", "ĐẠI HỘI ĐẢNG BỘ TỈNH", "Đại hội Đảng bộ tỉnh"):
        page.search.setText(query)
        qtbot.waitUntil(lambda q=query: page.proxy.criteria.query_key == "dai hoi dang bo tinh", timeout=2000)
        results[query] = page.visible_item_count()
    assert len(set(results.values())) == 1 and 0 < results["dai hoi dang bo tinh"] < 73
    page.search.setText("quy che bau cu")
    # three sub-items "Quy chế bầu cử…" and two items that mention it
    qtbot.waitUntil(lambda: page.visible_item_count() == 5, timeout=2000)
    assert "Quy chế bầu cử trong Đảng." in visible_texts(page)
    page.search.setText("không có nội dung này")
    qtbot.waitUntil(lambda: page.visible_item_count() == 0, timeout=2000)
    assert page.count.text() == "Đang hiện 0 / 73 nội dung"


def test_filters_by_status_and_phase(make_window, services):
    first = services.plans.plan_tree().phases[0].items[0]
    services.checklist.update_item(first.id, status=ItemStatus.DONE)
    _, page = open_page(make_window, services)
    page.status_filter.setCurrentIndex(page.status_filter.findData(StatusFilter.DONE))
    assert page.visible_item_count() == 1
    assert first.text in visible_texts(page)
    page.status_filter.setCurrentIndex(page.status_filter.findData(StatusFilter.ANY))
    page.phase_filter.setCurrentIndex(2)  # 1.2
    assert page.visible_item_count() == 6
    assert visible_texts(page)[0].startswith("Kế hoạch theo đợt 20-KH/ĐUK")  # the document above its phase
    assert visible_texts(page)[1].startswith("1.2.")


def test_overdue_items_are_highlighted_and_filtered(make_window, open_at):
    services = open_at(dt.date(2020, 9, 1))
    _, page = open_page(make_window, services)
    late = page.model.index_of_item(services.plans.plan_tree().phases[2].all_items()[0].id)
    assert late.data(Qt.ItemDataRole.BackgroundRole) is not None
    page.overdue_only.setChecked(True)
    # 1.1, 1.2 and 1.3 have ended: 4 + 6 + 21 lines
    assert page.visible_item_count() == 31
    running = page.model.index_of_item(services.plans.plan_tree().phases[3].all_items()[0].id)
    assert running.data(Qt.ItemDataRole.BackgroundRole) is None


def test_the_phase_rows_carry_their_progress(make_window, services):
    tree = services.plans.plan_tree()
    for item in tree.phases[0].items[:2]:
        services.checklist.update_item(item.id, status=ItemStatus.DONE)
    _, page = open_page(make_window, services)
    document = page.model.index(0, 0)
    assert page.model.node(document).kind is NodeKind.DOCUMENT
    phase_row = page.model.index(0, Column.PROGRESS, document)
    assert phase_row.data() == "50% (2/4)"
    node = page.model.node(page.model.index(0, 0, document))
    assert node.kind is NodeKind.PHASE
    page.select_item(tree.phases[0].items[2].id)
    choose_status(page.editor, ItemStatus.NOT_APPLICABLE)
    assert page.model.index(0, Column.PROGRESS, document).data() == "67% (2/3)"
    assert page.model.index(0, Column.PROGRESS).data() == "3% (2/72)"  # the document's row follows


def test_painting_the_tree_does_not_leak_references_to_none(make_window, services, qtbot):
    """PySide6 6.12.0 loses a reference to None on every empty data() call, and the
    interpreter aborts once the count reaches zero (pyproject pins below it)."""
    import gc
    import sys

    _, page = open_page(make_window, services)
    page.tree.viewport().repaint()
    gc.collect()
    gc.disable()  # objects freed by the collector would release references of their own
    try:
        before = sys.getrefcount(None)
        for _ in range(20):
            page.tree.viewport().repaint()
        lost = before - sys.getrefcount(None)
    finally:
        gc.enable()
    assert lost < 50  # 6.12.0 loses a few hundred per repaint


def test_the_editor_follows_what_is_selected(make_window, open_at):
    services = open_at(dt.date(2020, 9, 1))
    _, page = open_page(make_window, services)
    late = services.plans.plan_tree().phases[2].all_items()[0]
    page.select_item(late.id)
    assert page.editor.due.text() == "Hạn: 31/08/2020 – quá hạn"
    choose_status(page.editor, ItemStatus.DONE)
    assert page.editor.due.text() == "Hạn: 31/08/2020"
    page.tree.setCurrentIndex(page.proxy.index(0, 0, page.proxy.index(0, 0)))  # a phase row
    assert page.editor.item_id is None and not page.editor.status.isEnabled()
    assert page.editor.status.currentIndex() == -1 and page.editor.assignee.text() == ""
    assert page.editor.completed_on.text().strip() == ""
