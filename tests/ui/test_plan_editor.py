import pytest

from cell_desk.domain.plan import ItemStatus
from PySide6.QtCore import Qt

from cell_desk.ui.plans.editor import DATA, UNDATED
from tests.imports.test_plan_import import VARIANT


@pytest.fixture
def settings_page(make_window, services):
    window = make_window(services)
    window.show_page(window.settings_page)
    return window.settings_page


@pytest.fixture
def intake(settings_page):
    """The import flow as the Cài đặt page starts it."""
    return settings_page.intake


def test_reviewing_an_import_fixes_dates_and_lines_before_saving(intake, services, tmp_path, qtbot):
    source = tmp_path / "ke-hoach.txt"
    source.write_text(VARIANT, encoding="utf-8")
    dialog = intake.review_import(source)
    qtbot.addWidget(dialog)
    dialog.show()
    assert "Các đợt chưa có ngày (tô đỏ): Đợt 3" in dialog.message.text()
    dialog.save()
    assert dialog.result_document is None and "Hãy nhập ngày" in dialog.message.text()
    assert len(services.plans.list_plans()) == 1  # nothing saved yet

    phase3 = dialog.model.item(2)
    dialog.tree.setCurrentIndex(phase3.index())
    dialog.phase_end.setDate(dialog.phase_end.date().addDays(40))  # the user dates the event-tied phase
    # a window that begins before the issue date stays red, with its reason, until the user checks it
    assert dialog.message.text() == "Các đợt cần xem lại thời gian (tô đỏ): Giai đoạn 1"
    dialog.save()
    assert dialog.result_document is None and "Giữ nguyên thời gian này" in dialog.message.text()
    phase1 = dialog.model.item(0)
    assert phase1.foreground().color() == UNDATED
    dialog.tree.setCurrentIndex(phase1.index())
    assert "trước ngày ban hành 05/01/2026" in dialog.phase_note.text()
    assert dialog.keep_window_button.isVisible()
    qtbot.mouseClick(dialog.keep_window_button, Qt.MouseButton.LeftButton)
    assert dialog.message.text() == "" and not dialog.keep_window_button.isVisible()
    assert phase1.foreground().color() != UNDATED
    first_item = dialog.model.item(0).child(0)
    dialog.tree.setCurrentIndex(first_item.index())
    assert dialog.source.textCursor().blockNumber() == 16  # the source shows line 17
    dialog.merge()  # with the next item
    assert dialog.model.item(0).rowCount() == 1
    dialog.item_text.setPlainText("Tuyên truyền lịch sử. Treo cờ tại trụ sở")
    cursor = dialog.item_text.textCursor()
    cursor.setPosition(len("Tuyên truyền lịch sử."))
    dialog.item_text.setTextCursor(cursor)
    dialog.split()
    assert [dialog.model.item(0).child(r).text() for r in range(2)] == ["Tuyên truyền lịch sử.", "Treo cờ tại trụ sở"]
    dialog.notes.setCurrentRow(0)
    dialog.add_note_as_item()  # the stray line goes into the current phase
    assert dialog.notes.count() == 0
    dialog.tree.setCurrentIndex(dialog.model.item(3).index())
    dialog.delete()  # the last phase
    dialog.activate.setChecked(True)
    dialog.save()
    assert dialog.result_document is not None
    plan_id = intake.finish_import(dialog)
    assert services.plans.active_plan_id() == plan_id
    tree = services.plans.plan_tree(plan_id)
    assert len(tree.phases) == 3
    texts = [item.text for item in tree.phases[0].items]
    assert texts[:2] == ["Tuyên truyền lịch sử.", "Treo cờ tại trụ sở"]
    assert "Dòng lạc chỗ không thuộc mục nào." in texts


def test_a_file_that_is_not_a_plan_is_refused_with_a_message(intake, tmp_path, monkeypatch):
    shown = []
    monkeypatch.setattr("cell_desk.ui.messages.show_error", lambda parent, title, text: shown.append(text))
    old = tmp_path / "ke-hoach.doc"
    old.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100)
    assert intake.review_import(old) is None
    assert "Word cũ (.doc)" in shown[0]


def test_editing_the_bundled_plan_keeps_statuses(settings_page, services, monkeypatch):
    asked = []
    monkeypatch.setattr("cell_desk.ui.plans.editor.ask_yes_no", lambda parent, title, text: asked.append(text) or True)
    first = services.plans.plan_tree().phases[0].items[0]
    services.checklist.update_item(first.id, status=ItemStatus.DONE)
    dialog = settings_page.edit_dialog()
    phase = dialog.model.item(0)
    dialog.tree.setCurrentIndex(phase.child(3).index())
    dialog.delete()
    assert "Trạng thái, ngày hoàn thành và minh chứng" in asked[0]  # a stored row: asked first
    dialog.tree.setCurrentIndex(phase.child(0).index())
    dialog.down()
    dialog.save()
    settings_page.finish_edit(dialog)
    items = services.plans.plan_tree().phases[0].items
    assert len(items) == 3
    assert items[1].id == first.id and items[1].status is ItemStatus.DONE


def test_typing_a_new_plan_by_hand(intake, services):
    dialog = intake.new_plan_dialog()
    dialog.save()
    assert dialog.result_document is None  # an empty title is refused, with a message
    assert dialog.message.text() == "Chưa nhập trích yếu của kế hoạch."
    dialog.plan_title.setText("tuyên truyền kỷ niệm Ngày Quốc khánh 2/9")
    dialog.tree.setCurrentIndex(dialog.model.item(0).child(0).index())
    dialog.item_text.setPlainText("Treo cờ Tổ quốc tại trụ sở")
    dialog.add_sub()
    dialog.item_text.setPlainText("Kiểm tra cờ trước ngày 30/8")
    dialog.save()
    plan_id = intake.finish_import(dialog)
    tree = services.plans.plan_tree(plan_id)
    assert tree.summary.number == "01-KH/CB"
    item = tree.phases[0].items[0]
    assert item.text == "Treo cờ Tổ quốc tại trụ sở" and item.sub_items[0].text == "Kiểm tra cờ trước ngày 30/8"


def test_indent_outdent_and_misplaced_rows(intake):
    dialog = intake.new_plan_dialog()
    dialog.plan_title.setText("thử")
    phase = dialog.model.item(0)
    dialog.tree.setCurrentIndex(phase.child(0).index())
    dialog.add_item()
    second = phase.child(1)
    dialog.tree.setCurrentIndex(second.index())
    dialog.indent()
    assert phase.rowCount() == 1 and phase.child(0).child(0).data(DATA)["kind"] == "sub"
    dialog.outdent()
    assert phase.rowCount() == 2
    stray = dialog._node("item", {"text": "lạc ra ngoài"})
    dialog.model.appendRow(stray)  # as a drag to the top level would leave it
    dialog.save()
    assert dialog.result_document is None and "đang nằm sai chỗ" in dialog.message.text()


def test_the_source_pane_marks_used_and_unplaced_lines(intake, tmp_path):
    source = tmp_path / "ke-hoach.txt"
    source.write_text(VARIANT, encoding="utf-8")
    dialog = intake.review_import(source)
    lines = dialog.source.toPlainText().splitlines()
    assert lines[16].startswith("✓   17  • Tuyên truyền lịch sử")
    assert lines[43].startswith("?   44  Dòng lạc chỗ")
    assert lines[0].startswith("✓    1  ĐẢNG BỘ")  # the header: taken as the upper issuer (consumed_lines)


def test_both_halves_of_a_split_stored_item_keep_its_status(settings_page, services):
    first = services.plans.plan_tree().phases[0].items[0]
    services.checklist.update_item(first.id, status=ItemStatus.DONE, evidence="Biên bản")
    dialog = settings_page.edit_dialog()
    node = dialog.model.item(0).child(0)
    dialog.tree.setCurrentIndex(node.index())
    cursor = dialog.item_text.textCursor()
    cursor.setPosition(dialog.item_text.toPlainText().index(";") + 1)
    dialog.item_text.setTextCursor(cursor)
    dialog.split()
    dialog.save()
    settings_page.finish_edit(dialog)
    halves = services.plans.plan_tree().phases[0].items[:2]
    assert [(i.status, i.evidence) for i in halves] == [(ItemStatus.DONE, "Biên bản")] * 2


def test_the_file_menu_imports_through_the_same_flow(make_window, services, tmp_path):
    window = make_window(services)
    settings = window.settings_page
    labels = [action.text() for action in window.menuBar().actions()[0].menu().actions()]
    assert "Nhập văn bản cấp trên…" in labels and settings.import_plan_button.text() == "Nhập văn bản cấp trên…"
    source = tmp_path / "ke-hoach.txt"
    source.write_text(VARIANT, encoding="utf-8")
    dialog = window.intake.review_import(source)
    for row in range(dialog.model.rowCount()):  # date the event-tied phase
        dialog.tree.setCurrentIndex(dialog.model.item(row).index())
        dialog.phase_end.setDate(dialog.phase_end.date().addDays(1))
    dialog.save()
    assert window.intake.finish_import(dialog) is not None
    assert len(services.plans.list_plans()) == 2
    assert window.statusBar().currentMessage().startswith("Đã lưu kế hoạch")
