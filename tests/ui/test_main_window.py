from PySide6.QtWidgets import QDialogButtonBox

from cell_desk.domain.plan import ItemStatus
from cell_desk.domain.profile import CellProfile
from cell_desk.ui.launcher import ensure_profile
from cell_desk.ui.settings.first_run import FirstRunDialog


def test_the_sidebar_lists_exactly_the_pages_that_exist(make_window, services):
    window = make_window(services)
    names = [window.sidebar.item(row).text() for row in range(window.sidebar.count())
             if not window.sidebar.isRowHidden(row)]
    # Tổng hợp is a đảng ủy's page: it appears in roll-up mode only (tests/ui/test_rollup.py)
    assert names == ["Tổng quan", "Kế hoạch", "Nhật ký hoạt động", "Sinh hoạt chi bộ", "Báo cáo", "Thư viện", "Cài đặt"]
    window.sidebar.setCurrentRow(1)
    assert window.stack.currentWidget() is window.checklist_page
    window.sidebar.setCurrentRow(2)
    assert window.stack.currentWidget() is window.activity_page


def test_the_overview_shows_real_figures(make_window, services):
    window = make_window(services)
    overview = window.overview_page
    assert overview.running_card.value.text() == "1"
    assert "1.3 đến 31/08/2020" in overview.running_card.detail.text()
    assert overview.report_card.value.text() == "Còn 5 ngày"
    assert "20/08/2020" in overview.report_card.detail.text()
    assert overview.overdue_card.value.text() == "10"
    assert overview.phase_model.rowCount() == 6
    item = services.plans.plan_tree().phases[2].all_items()[0]
    window.checklist_page.edit_item(item.id, {"status": ItemStatus.DONE})
    assert overview.progress_card.detail.text() == "1/73 nội dung đã hoàn thành"


def test_window_size_and_position_are_remembered(make_window, open_at):
    services = open_at()
    window = make_window(services)
    window.resize(1000, 600)
    window.move(120, 80)
    window.close()
    again = make_window(services)
    assert (again.width(), again.height()) == (1000, 600)
    assert (again.x(), again.y()) == (120, 80)


def test_a_window_saved_on_a_larger_monitor_comes_back_inside_the_screen(make_window, open_at):
    services = open_at()
    window = make_window(services)
    window.resize(1800, 1000)  # as on a 1920×1080 monitor
    window.move(300, 200)
    window.close()
    again = make_window(services)
    area = again.screen().availableGeometry()
    assert area.contains(again.frameGeometry()), (again.frameGeometry(), area)
    assert again.statusBar().geometry().bottom() < again.height()


def test_first_run_dialog_can_be_skipped_and_defaults_are_saved(qtbot, services, monkeypatch):
    monkeypatch.setattr(FirstRunDialog, "exec", lambda self: self.skip_button.click())
    ensure_profile(services)
    assert services.settings.profile() == CellProfile()
    assert services.settings.has_profile()


def test_first_run_dialog_refuses_an_empty_cell_name(qtbot):
    dialog = FirstRunDialog(CellProfile())
    qtbot.addWidget(dialog)
    dialog.form.fields["cell_name"].clear()
    dialog.save_button.click()
    assert dialog.result() == 0 and not dialog.form.error.isHidden()
    assert "Chưa nhập “Tên chi bộ”" in dialog.form.error.text()
    dialog.form.fields["cell_name"].insert("Chi bộ Văn phòng")
    dialog.save_button.click()
    assert dialog.result_profile.cell_name == "Chi bộ Văn phòng"
    assert [b.text() for b in dialog.findChild(QDialogButtonBox).buttons()] == ["Lưu", "Bỏ qua"]


def test_settings_page_saves_the_profile_and_the_title_follows(make_window, services, qtbot):
    window = make_window(services)
    page = window.settings_page
    page.form.fields["cell_name"].setText("Chi bộ Phòng Kế toán")
    page.form.fields["issuer_code"].setText("cb")
    assert not page.save_profile()
    assert "chữ in hoa" in page.form.error.text()
    page.form.fields["issuer_code"].setText("CB")
    assert page.save_profile()
    assert services.settings.profile().cell_name == "Chi bộ Phòng Kế toán"
    assert window.windowTitle() == "Cell Desk – Chi bộ Phòng Kế toán"


def test_qt_standard_texts_are_vietnamese(qapp):
    from PySide6.QtCore import QLocale
    from PySide6.QtWidgets import QLineEdit

    from cell_desk.ui.launcher import make_application

    make_application()
    edit = QLineEdit()
    menu = edit.createStandardContextMenu()
    actions = [a.text().split("\t")[0] for a in menu.actions() if a.text()]
    assert actions == ["&Hoàn tác", "&Làm lại", "&Cắt", "&Sao chép", "&Dán", "Xóa", "Chọn tất cả"]
    assert QLocale().monthName(1) == "tháng 1"


def test_overview_entries_open_the_checklist(make_window, services):
    window = make_window(services)
    overview = window.overview_page
    entry = overview.overdue_list.item(0)
    overview.overdue_list.itemActivated.emit(entry)
    assert window.stack.currentWidget() is window.checklist_page
    assert window.checklist_page.editor.item_id == entry.data(0x0100)
    window.show_page(overview)
    overview.phase_table.activated.emit(overview.phase_model.index(1, 0))
    assert window.checklist_page.phase_filter.currentText().startswith("1.2.")
    assert window.checklist_page.visible_item_count() == 6


def test_the_report_card_says_when_the_plan_has_ended(make_window, open_at):
    import datetime as dt

    window = make_window(open_at(dt.date(2026, 11, 26)))
    detail = window.overview_page.report_card.detail.text()
    assert "Hạn báo cáo: ngày 20/12/2026" in detail and "đã kết thúc ngày 28/02/2021" in detail


def test_the_menus_are_vietnamese_and_about_names_the_files(make_window, services):
    window = make_window(services)
    menus = [action.text() for action in window.menuBar().actions()]
    assert menus == ["&Tệp", "&Sửa", "T&rang", "Trợ giú&p"]
    assert str(services.database.path) in window.about_text()
    assert "Nhật ký:" in window.about_text()


def test_the_application_has_its_icon(qapp):
    from cell_desk.ui.launcher import make_application

    icon = make_application().windowIcon()
    assert not icon.isNull() and not icon.pixmap(32, 32).isNull()


def test_a_hidden_overview_catches_up_when_shown(make_window, services):
    window = make_window(services)
    overview = window.overview_page
    window.show_page(window.checklist_page)
    item = services.plans.plan_tree().phases[0].items[0]
    window.checklist_page.edit_item(item.id, {"status": ItemStatus.DONE})
    assert overview.progress_card.detail.text() == "0/73 nội dung đã hoàn thành"  # not read again while hidden
    window.show_page(overview)
    assert overview.progress_card.detail.text() == "1/73 nội dung đã hoàn thành"


def test_reload_shows_what_another_window_on_the_same_data_saved(make_window, open_at, qtbot):
    import datetime as dt

    from cell_desk.domain.activity import ActivityDraft
    from cell_desk.domain.plan import ItemStatus
    from tests.conftest import SEED_TODAY

    mine, theirs = open_at(), open_at()
    window = make_window(mine)
    checklist = window.page("checklist")
    activities = window.page("activities")
    item_id = next(iter(checklist.model.by_item_id))
    rows_before = activities.model.rowCount()
    theirs.checklist.update_item(item_id, status=ItemStatus.DONE)
    theirs.activities.add(ActivityDraft(occurred_on=SEED_TODAY - dt.timedelta(days=1), form="Tuyên truyền miệng",
                                        title="Buổi nói chuyện do người khác ghi"))
    assert checklist.model.by_item_id[item_id].value.status is not ItemStatus.DONE  # not seen yet
    assert window.reload_action.shortcut().toString() == "F5"
    window.reload_action.trigger()
    assert checklist.model.by_item_id[item_id].value.status is ItemStatus.DONE
    qtbot.waitUntil(lambda: activities.model.rowCount() == rows_before + 1)
    assert window.statusBar().currentMessage() == "Đã tải lại dữ liệu."


def test_a_save_refused_for_another_user_s_newer_copy_shows_that_copy(make_window, open_at, monkeypatch):
    import sys

    from cell_desk.domain.plan import ItemStatus
    from cell_desk.storage.errors import EditConflict
    from cell_desk.storage.models import ChecklistItemRow
    from cell_desk.ui import crash

    mine, theirs = open_at(), open_at()
    window = make_window(mine)
    checklist = window.page("checklist")
    item_id = next(iter(checklist.model.by_item_id))
    shown = []
    monkeypatch.setattr(crash, "show_error", lambda parent, title, text: shown.append(text))
    previous = sys.excepthook
    crash.install_excepthook(None)
    try:
        try:
            with mine.database.session() as session:
                row = session.get(ChecklistItemRow, item_id)
                theirs.checklist.update_item(item_id, status=ItemStatus.DONE, assignee="Đ/c Minh")
                row.assignee = "Đ/c Lan"
        except EditConflict:
            sys.excepthook(*sys.exc_info())
    finally:
        sys.excepthook = previous
    assert "Người khác vừa lưu" in shown[0]
    assert checklist.model.by_item_id[item_id].value.assignee == "Đ/c Minh"  # their copy, on screen
