"""What a new user found on every page (issue 15), each driven through the real widgets."""
import datetime as dt

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QApplication, QLabel

from cell_desk.domain.plan import ItemStatus
from cell_desk.domain.profile import CellProfile
from cell_desk.ui import file_dialogs
from cell_desk.ui.activities import dialog as dialog_module
from cell_desk.ui.activities.dialog import ActivityDialog
from cell_desk.ui.checklist.model import Column
from cell_desk.ui.library import posters as posters_module
from cell_desk.ui.settings.first_run import FirstRunDialog
from cell_desk.ui.widgets import DateEdit


def type_into(qtbot, edit: DateEdit, text: str) -> None:
    """Ctrl+A, the keys, then Enter: as a person types a date."""
    edit.setFocus()
    qtbot.keyClick(edit.lineEdit(), Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(edit.lineEdit(), text)
    qtbot.keyClick(edit.lineEdit(), Qt.Key.Key_Return)


# --- dates --------------------------------------------------------------------------------
@pytest.mark.parametrize("typed, day", [("15/11/2026", dt.date(2026, 11, 15)), ("5/3/2026", dt.date(2026, 3, 5)),
                                        ("15032027", dt.date(2027, 3, 15))])
def test_a_date_field_takes_the_date_as_typed(qtbot, typed, day):
    edit = DateEdit(dt.date(2026, 1, 2))
    qtbot.addWidget(edit)
    edit.show()
    with qtbot.waitSignal(edit.dateChanged):
        type_into(qtbot, edit, typed)
    assert edit.day() == day and edit.text() == f"{day:%d/%m/%Y}" and edit.problem() == ""


def test_a_date_that_cannot_be_taken_keeps_its_text_and_says_why(qtbot):
    edit = DateEdit(dt.date(2026, 1, 2))
    edit.setMaximumDate(dt.date(2026, 11, 20), "hôm nay")
    qtbot.addWidget(edit)
    edit.show()
    type_into(qtbot, edit, "31/02/2026")
    assert edit.text() == "31/02/2026" and "không có trên lịch" in edit.problem()
    assert edit.day() == dt.date(2026, 1, 2) and "border" in edit.lineEdit().styleSheet()
    type_into(qtbot, edit, "15/03/2027")
    assert edit.problem() == "Ngày 15/03/2027 sau hôm nay (20/11/2026)." and edit.text() == "15/03/2027"
    type_into(qtbot, edit, "15/11/2026")
    assert edit.day() == dt.date(2026, 11, 15) and edit.lineEdit().styleSheet() == ""


@pytest.mark.qt_log_ignore("This plugin does not support (raise|grabbing)")  # the offscreen platform and popups
def test_the_calendar_button_picks_a_day(qtbot):
    edit = DateEdit(dt.date(2026, 1, 2))
    qtbot.addWidget(edit)
    edit.show()
    qtbot.mouseClick(edit.button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: edit.calendar is not None and edit.calendar.isVisible())
    edit.calendar.clicked.emit(QDate(2026, 1, 20))
    assert edit.day() == dt.date(2026, 1, 20) and edit.text() == "20/01/2026"


@pytest.fixture
def checklist(make_window, services):
    window = make_window(services)
    window.show_page(window.checklist_page)
    return window.checklist_page


def first_item(services):
    return services.plans.plan_tree().phases[2].all_items()[0]


def test_the_completion_date_is_saved_as_typed(checklist, services, qtbot):
    item = first_item(services)
    checklist.select_item(item.id)
    checklist.edit_item(item.id, {"status": ItemStatus.DONE})
    type_into(qtbot, checklist.editor.completed_on, "01/08/2020")
    assert services.checklist.state(item.id).completed_on == dt.date(2020, 8, 1)
    type_into(qtbot, checklist.editor.completed_on, "2082020")  # seven digits: not a date
    assert "không đúng dạng" in checklist.editor.error.text() and not checklist.editor.error.isHidden()
    assert checklist.editor.completed_on.text() == "2082020"
    type_into(qtbot, checklist.editor.completed_on, "15/03/2027")  # after today (15/08/2020)
    assert "sau hôm nay (15/08/2020)" in checklist.editor.error.text()
    assert services.checklist.state(item.id).completed_on == dt.date(2020, 8, 1)


def test_a_task_hidden_by_the_search_is_no_longer_editable(checklist, services, qtbot):
    item = first_item(services)
    checklist.select_item(item.id)
    assert checklist.editor.item_id == item.id and checklist.editor.status.isEnabled()
    checklist.search.setText("không có nội dung nào như thế này")
    qtbot.waitUntil(lambda: checklist.visible_item_count() == 0)
    assert checklist.editor.item_id is None and not checklist.editor.status.isEnabled()
    assert not checklist.editor.assignee.isEnabled()


def test_the_task_text_gets_the_width_the_empty_columns_do_not_need(checklist, services):
    tree = checklist.tree
    assert tree.isColumnHidden(Column.ASSIGNEE) and tree.isColumnHidden(Column.COMPLETED)  # nobody filled them
    assert tree.columnWidth(Column.TEXT) >= 0.55 * tree.viewport().width(), tree.columnWidth(Column.TEXT)
    item = first_item(services)
    checklist.edit_item(item.id, {"assignee": "Đ/c Lan"})
    assert not tree.isColumnHidden(Column.ASSIGNEE)


# --- file dialogs ----------------------------------------------------------------------------
def test_file_dialogs_speak_vietnamese_and_remember_the_folder_per_purpose(qapp, qtbot, tmp_path, monkeypatch):
    from cell_desk.ui.launcher import make_application

    make_application()
    shown = []

    def answer(dialog):
        shown.append(dialog)
        dialog.show()
        QApplication.processEvents()
        return [folder / "ke-hoach.docx"]

    folder = tmp_path / "USB"
    folder.mkdir()
    monkeypatch.setattr(file_dialogs, "run_dialog", answer)
    assert file_dialogs.open_file(None, "thu-nghiem", "Chọn văn bản", "Văn bản (*.docx)") == folder / "ke-hoach.docx"
    labels = {label.text() for label in shown[0].findChildren(QLabel)}
    assert {"&Tìm trong:", "Tên &tệp:", "&Loại tệp:"} <= labels, labels
    assert not any("Look in" in text or "Files of" in text for text in labels)
    file_dialogs.open_file(None, "thu-nghiem", "Chọn văn bản", "Văn bản (*.docx)")
    assert shown[1].directory().absolutePath() == str(folder)  # where the last choice was made
    file_dialogs.open_file(None, "khac", "Chọn ảnh", "Ảnh (*.png)")
    assert shown[2].directory().absolutePath() != str(folder)  # another purpose, another folder
    for dialog in shown:
        dialog.close()


# --- Nhật ký -------------------------------------------------------------------------------------
@pytest.fixture
def activity_dialog(services, qtbot):
    dialog = ActivityDialog(services)  # not given to qtbot, which would close it through Hủy's question
    dialog.show()
    qtbot.waitExposed(dialog)
    yield dialog
    dialog.done(0)
    dialog.deleteLater()


def test_cancelling_a_filled_form_asks_first(activity_dialog, monkeypatch):
    asked = []
    monkeypatch.setattr(dialog_module, "ask_yes_no", lambda parent, title, text: asked.append(text) or False)
    activity_dialog.title.insert("Hội nghị quán triệt")
    activity_dialog.reject()  # Hủy
    assert asked and activity_dialog.isVisible() and activity_dialog.title.text() == "Hội nghị quán triệt"
    monkeypatch.setattr(dialog_module, "ask_yes_no", lambda parent, title, text: True)
    activity_dialog.reject()
    assert not activity_dialog.isVisible()


def test_cancelling_an_untouched_form_does_not_ask(activity_dialog, monkeypatch):
    monkeypatch.setattr(dialog_module, "ask_yes_no", lambda *args: pytest.fail("asked about an empty form"))
    activity_dialog.reject()
    assert not activity_dialog.isVisible()


def test_an_empty_file_is_refused_as_an_attachment(activity_dialog, tmp_path):
    empty, minutes = tmp_path / "bien-ban.docx", tmp_path / "anh.txt"
    empty.write_bytes(b"")
    minutes.write_text("biên bản", encoding="utf-8")
    activity_dialog.add_files([empty, minutes])
    names = [entry.text() for entry in activity_dialog.attachments.entries()]
    assert names == ["anh.txt"]
    assert "rỗng (0 byte)" in activity_dialog.error.text() and not activity_dialog.error.isHidden()


def test_a_mistyped_form_is_caught_before_it_becomes_a_new_one(activity_dialog, services, monkeypatch):
    asked = []
    monkeypatch.setattr(dialog_module, "ask_choice",
                        lambda parent, title, text, choices: asked.append((text, choices)) or 0)
    known = "Tuyên truyền miệng"
    assert known in services.activities.forms()
    activity_dialog.form.setEditText("Tuyen truyen mieng")
    activity_dialog.title.insert("Nói chuyện thời sự")
    activity_dialog.save_button.click()
    assert asked and f"Có phải là “{known}”" in asked[0][0]
    assert services.activities.rows()[0].form == known
    assert "Tuyen truyen mieng" not in services.activities.forms()


def test_going_back_from_the_new_form_question_saves_nothing(activity_dialog, services, monkeypatch):
    monkeypatch.setattr(dialog_module, "ask_choice", lambda parent, title, text, choices: len(choices) - 1)
    activity_dialog.form.setEditText("Hội nghi báo cáo viên")
    activity_dialog.title.insert("Hội nghị")
    activity_dialog.save_button.click()
    assert services.activities.rows() == [] and activity_dialog.isVisible()


# --- Thư viện -----------------------------------------------------------------------------------
def test_a_bad_poster_is_refused_before_any_detail_is_asked(make_window, services, tmp_path, monkeypatch):
    window = make_window(services)
    tab = window.library_page.posters
    asked = []
    monkeypatch.setattr(posters_module.PosterDialog, "exec", lambda self: asked.append(self) or 0)
    fake = tmp_path / "pa-no.png"
    fake.write_bytes(b"not an image at all")
    assert tab.import_files([fake], ask=True) == []
    assert asked == [] and "pa-no.png" in tab.message.text()


def test_cancelling_the_details_of_a_good_poster_keeps_nothing(make_window, services, tmp_path, monkeypatch):
    from PySide6.QtGui import QColor, QImage

    window = make_window(services)
    tab = window.library_page.posters
    image = QImage(40, 30, QImage.Format.Format_RGB32)
    image.fill(QColor("red"))
    path = tmp_path / "pa-no.png"
    image.save(str(path))
    monkeypatch.setattr(posters_module.PosterDialog, "exec", lambda self: 0)
    assert tab.import_files([path], ask=True) == []
    assert services.posters.posters() == []
    assert list((services.data_dir / "posters").glob("*.png")) == []


# --- first run -------------------------------------------------------------------------------
def test_the_red_mark_goes_once_the_field_is_filled(qtbot):
    dialog = FirstRunDialog(CellProfile())
    qtbot.addWidget(dialog)
    dialog.form.fields["cell_name"].clear()
    dialog.save_button.click()
    edit = dialog.form.fields["cell_name"]
    assert "border" in edit.styleSheet() and not dialog.form.error.isHidden()
    edit.insert("Chi bộ Văn phòng")
    assert edit.styleSheet() == "" and dialog.form.error.isHidden()


# --- help ---------------------------------------------------------------------------------------
@pytest.mark.qt_log_ignore("This plugin does not support raise")  # the offscreen platform
def test_the_guide_opens_from_the_help_menu_with_its_pictures(make_window, services):
    window = make_window(services)
    window.guide_action.trigger()
    guide = window.guide
    assert guide.isVisible() and len(guide.sections) >= 6
    text = guide.browser.toPlainText()
    for words in ("Công việc hằng tháng", "Nhập văn bản của cấp trên", "Báo cáo", "Sao lưu"):
        assert words in text
    document = guide.browser.document()
    from cell_desk.bundled import resource_path

    pictures = sorted(path.name for path in resource_path("help").glob("*.jpg"))
    assert len(pictures) >= 3
    html = document.toHtml()
    for name in pictures:
        assert name in html
        assert (resource_path("help") / name).stat().st_size > 5000
    guide.contents.setCurrentRow(len(guide.sections) - 1)
    assert guide.browser.verticalScrollBar().value() > 0
    guide.close()

