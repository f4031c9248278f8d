"""Page "Nhật ký hoạt động" driven through its widgets, as the secretary uses it."""
import datetime as dt

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import QDate, Qt

from cell_desk.domain.activity import ActivityDraft
from cell_desk.domain.plan import ItemStatus
from cell_desk.exports.activities_xlsx import HEADER_ROW
from cell_desk.ui.activities import dialog as dialog_module
from cell_desk.ui.activities import page as page_module
from cell_desk.ui.activities.dialog import ActivityDialog
from cell_desk.ui.activities.import_dialog import ImportPreviewDialog

BANNER = ActivityDraft(occurred_on=dt.date(2020, 8, 10), form="Tuyên truyền cổ động trực quan",
                       title="Treo băng rôn chào mừng Đại hội", party_members=3)


@pytest.fixture
def page(services, make_window):
    window = make_window(services)
    window.show_page(window.activity_page)
    return window.activity_page


def table_texts(page, column=2):
    model = page.model
    return [model.index(row, column).data() for row in range(model.rowCount())]


def fill_and_save(dialog, monkeypatch, *, title, form_index=None, form_text=None, members=0):
    dialog.occurred_on.setDate(QDate(2020, 8, 12))
    if form_text is not None:
        dialog.form.setEditText(form_text)
    else:
        dialog.form.setCurrentIndex(form_index)
    dialog.title.clear()
    dialog.title.insert(title)  # QTest cannot type Vietnamese letters
    dialog.place.insert("Hội trường")
    dialog.party_members.setValue(members)
    dialog.save_button.click()


def test_an_activity_added_through_the_form_is_in_the_table_and_in_the_export(page, services, monkeypatch,
                                                                              tmp_path, qtbot):
    forms = services.activities.forms()

    def run_dialog(self):
        fill_and_save(self, monkeypatch, title="Hội nghị quán triệt Chỉ thị 35", form_index=forms.index("Tuyên truyền miệng"),
                      members=21)
        return self.result()

    monkeypatch.setattr(ActivityDialog, "exec", run_dialog)
    page.add_button.click()
    assert table_texts(page) == ["Hội nghị quán triệt Chỉ thị 35"]
    assert page.model.index(0, 0).data() == "12/08/2020"
    assert page.model.index(0, 1).data() == "Tuyên truyền miệng"
    assert page.model.index(0, 5).data() == "21"
    assert page.selected_id() is not None and "Hội nghị quán triệt" in page.details.heading.text()
    assert page.count_label.text().startswith("1 hoạt động")

    monkeypatch.setattr("cell_desk.ui.messages.ask_yes_no", lambda *args: False)  # do not open the file
    target = tmp_path / "nhat-ky.xlsx"
    assert page.export_to(target) == 1
    row = [cell.value for cell in load_workbook(target)["Nhật ký"][HEADER_ROW + 1]]
    assert row[1] == dt.datetime(2020, 8, 12) and row[3:5] == ["Tuyên truyền miệng", "Hội nghị quán triệt Chỉ thị 35"]
    assert row[8] == 21


def test_a_new_form_typed_in_is_kept_for_next_time(page, services, monkeypatch):
    asked = []
    monkeypatch.setattr(dialog_module, "ask_choice", lambda parent, title, text, choices: asked.append(choices) or 0)
    monkeypatch.setattr(ActivityDialog, "exec", lambda self: fill_and_save(
        self, monkeypatch, title="Diễn đàn thanh niên", form_text="Sân khấu hóa") or self.result())
    page.add_button.click()
    assert "Sân khấu hóa" in services.activities.forms()
    assert page.form_filter.findData("Sân khấu hóa") >= 0
    assert asked == [["Thêm hình thức mới", "Quay lại sửa"]]  # nothing in the list is like it


def test_a_refused_entry_says_why_in_the_form_and_stores_nothing(services, qtbot):
    dialog = ActivityDialog(services)
    qtbot.addWidget(dialog)
    dialog.form.setCurrentIndex(0)
    dialog.save_button.click()
    assert not dialog.error.isHidden() and "Tên hoạt động" in dialog.error.text()
    assert dialog.title.hasFocus() or dialog.focusWidget() is dialog.title
    dialog.title.insert("Họp")
    dialog.occurred_on.setDate(QDate(1999, 1, 1))
    dialog.save_button.click()
    assert "sớm quá" in dialog.error.text()
    dialog.occurred_on.setDate(QDate(2020, 8, 1))
    dialog.several_days.setChecked(True)
    dialog.ends_on.setDate(QDate(2020, 7, 1))
    dialog.save_button.click()
    assert "trước ngày bắt đầu" in dialog.error.text()
    assert services.activities.rows() == []


def test_saving_offers_to_mark_linked_tasks_done_and_undo_takes_both_back(page, services, monkeypatch):
    asked = []
    monkeypatch.setattr(page_module, "ask_yes_no", lambda parent, title, text: asked.append(text) or True)

    def run_dialog(self):
        self.set_items([(3, "nhiệm vụ 3"), (4, "nhiệm vụ 4")])
        fill_and_save(self, monkeypatch, title="Sinh hoạt chuyên đề", form_index=0)
        return self.result()

    monkeypatch.setattr(ActivityDialog, "exec", run_dialog)
    page.add_button.click()
    assert "2 nhiệm vụ" in asked[0] and "12/08/2020" in asked[0]
    for item_id in (3, 4):
        state = services.checklist.state(item_id)
        assert (state.status, state.completed_on) == (ItemStatus.DONE, dt.date(2020, 8, 12))
        assert "Sinh hoạt chuyên đề" in state.evidence
    page.window().undo_action.trigger()
    assert services.activities.rows() == []
    assert services.checklist.state(3).status is ItemStatus.NOT_STARTED
    page.window().redo_action.trigger()
    assert table_texts(page) == ["Sinh hoạt chuyên đề"]
    assert services.checklist.state(4).status is ItemStatus.DONE


def test_saying_no_leaves_the_tasks_as_they_were(page, services, monkeypatch):
    monkeypatch.setattr(page_module, "ask_yes_no", lambda *args: False)

    def run_dialog(self):
        self.set_items([(3, "nhiệm vụ 3")])
        fill_and_save(self, monkeypatch, title="Sinh hoạt", form_index=0)
        return self.result()

    monkeypatch.setattr(ActivityDialog, "exec", run_dialog)
    page.add_button.click()
    assert services.checklist.state(3).status is ItemStatus.NOT_STARTED
    assert services.activities.get(page.selected_id()).draft.item_ids == (3,)


def test_delete_asks_and_undo_brings_the_activity_back(page, services, monkeypatch):
    services.activities.add(BANNER)
    page.apply_filter()
    page.table.selectRow(0)
    monkeypatch.setattr(page_module, "ask_yes_no", lambda *args: False)
    page.delete_button.click()
    assert table_texts(page) == [BANNER.title]
    monkeypatch.setattr(page_module, "ask_yes_no", lambda *args: True)
    page.delete_button.click()
    assert table_texts(page) == [] and services.activities.rows() == []
    page.window().undo_action.trigger()
    assert table_texts(page) == [BANNER.title]


def test_filters_narrow_the_table(page, services, qtbot):
    from dataclasses import replace

    services.activities.add(BANNER)
    services.activities.add(replace(BANNER, title="Hội nghị báo cáo viên", form="Tuyên truyền miệng",
                                    occurred_on=dt.date(2020, 6, 2)))
    page.apply_filter()
    assert len(table_texts(page)) == 2
    page.search.setText("BAO CAO vien")
    qtbot.waitUntil(lambda: table_texts(page) == ["Hội nghị báo cáo viên"])
    page.search.clear()
    qtbot.waitUntil(lambda: len(table_texts(page)) == 2)
    page.form_filter.setCurrentIndex(page.form_filter.findData("Tuyên truyền cổ động trực quan"))
    assert table_texts(page) == [BANNER.title]
    page.form_filter.setCurrentIndex(0)
    page.period.setCurrentIndex(1)  # the report period running on 15/08/2020: 21/07 – 20/08
    assert table_texts(page) == [BANNER.title]
    assert page.date_from.date() == QDate(2020, 7, 21) and page.date_to.date() == QDate(2020, 8, 20)
    page.period.setCurrentIndex(page_module.CUSTOM_PERIOD)
    page.date_from.setDate(QDate(2020, 6, 1))
    page.date_to.setDate(QDate(2020, 6, 30))
    assert table_texts(page) == ["Hội nghị báo cáo viên"]


def test_clicking_a_header_sorts_both_ways(page, services):
    from dataclasses import replace

    for title in ("Bảo vệ nền tảng", "an toàn", "Cờ Tổ quốc"):
        services.activities.add(replace(BANNER, title=title))
    page.apply_filter()
    page.table.horizontalHeader().setSortIndicator(2, Qt.SortOrder.AscendingOrder)
    assert table_texts(page) == ["an toàn", "Bảo vệ nền tảng", "Cờ Tổ quốc"]
    page.table.horizontalHeader().setSortIndicator(2, Qt.SortOrder.DescendingOrder)
    assert table_texts(page) == ["Cờ Tổ quốc", "Bảo vệ nền tảng", "an toàn"]


def test_photos_are_copied_in_and_shown_as_thumbnails(page, services, monkeypatch, tmp_path):
    from PySide6.QtGui import QColor, QImage

    photo = tmp_path / "hoi-nghi.png"
    image = QImage(640, 480, QImage.Format.Format_RGB32)
    image.fill(QColor("red"))
    image.save(str(photo))
    scan = tmp_path / "bien-ban.pdf"
    scan.write_bytes(b"%PDF-1.4")

    def run_dialog(self):
        self.add_files([photo, scan])
        fill_and_save(self, monkeypatch, title="Có ảnh", form_index=0)
        return self.result()

    monkeypatch.setattr(ActivityDialog, "exec", run_dialog)
    monkeypatch.setattr(page_module, "ask_yes_no", lambda *args: False)
    page.add_button.click()
    photo.unlink()  # the log keeps its own copy
    activity = services.activities.get(page.selected_id())
    stored = [services.activities.attachment_path(a) for a in activity.attachments]
    assert all(path.exists() and path.parent == services.data_dir / "attachments" for path in stored)
    thumbnail = services.activities.thumbnail_path(activity.attachments[0])
    assert thumbnail is not None and QImage(str(thumbnail)).width() <= 160
    entries = page.details.attachments.entries()
    assert [e.text() for e in entries] == ["hoi-nghi.png", "bien-ban.pdf"]
    assert not entries[0].icon().isNull()
    assert page.model.index(0, 7).data() == "2"

    opened = []
    monkeypatch.setattr(dialog_module.ActivityDialog, "exec", lambda self: 0)
    from PySide6.QtGui import QDesktopServices

    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toLocalFile()) or True)
    view = page.details.attachments
    view.doubleClicked.emit(view.model().index(1, 0))
    assert opened == [str(stored[1])]


@pytest.mark.qt_log_ignore("JPEG datastream contains no image")
def test_a_damaged_photo_is_refused_in_the_form(services, qtbot, tmp_path):
    broken = tmp_path / "hong.jpg"
    broken.write_bytes(b"\xff\xd8\xff\xe0 not really a jpeg")
    dialog = ActivityDialog(services)
    qtbot.addWidget(dialog)
    dialog.add_files([broken])
    dialog.form.setCurrentIndex(0)
    dialog.title.insert("Có ảnh hỏng")
    dialog.save_button.click()
    assert "hong.jpg" in dialog.error.text()
    assert services.activities.rows() == []


def test_import_shows_a_preview_and_needs_consent_for_bad_rows(page, services, monkeypatch, tmp_path):
    from openpyxl import Workbook

    path = tmp_path / "tu-lap.xlsx"
    book = Workbook()
    book.active.append(["Ngày", "Hình thức", "Tên hoạt động"])
    book.active.append(["01/08/2020", "Tuyên truyền miệng", "Họp chi bộ"])
    book.active.append(["ngày mai", "Tuyên truyền miệng", "Ngày sai"])
    book.save(path)
    seen = []

    def look_then_cancel(self):
        seen.append((self.import_button.isEnabled(), self.skip_bad.isVisible() or not self.skip_bad.isHidden()))
        self.skip_bad.setChecked(True)
        seen.append(self.import_button.isEnabled())
        return 0

    monkeypatch.setattr(ImportPreviewDialog, "exec", look_then_cancel)
    assert page.import_from(path) == 0
    assert seen == [(False, True), True]
    assert services.activities.rows() == []
    monkeypatch.setattr(ImportPreviewDialog, "exec", lambda self: 1)
    assert page.import_from(path) == 1
    assert table_texts(page) == ["Họp chi bộ"]


def test_a_file_that_is_not_excel_gets_a_message(page, monkeypatch, tmp_path):
    shown = []
    monkeypatch.setattr(page_module, "show_error", lambda parent, title, text: shown.append(text))
    fake = tmp_path / "nhat-ky.xlsx"
    fake.write_text("không phải Excel")
    assert page.import_from(fake) == 0
    assert "không phải tệp Excel" in shown[0]


def test_an_export_to_a_file_open_elsewhere_says_so(page, services, monkeypatch, tmp_path):
    import os

    services.activities.add(BANNER)
    page.apply_filter()
    shown = []
    monkeypatch.setattr("cell_desk.ui.messages.show_error", lambda parent, title, text: shown.append(text))
    monkeypatch.setattr(os, "replace", lambda *args: (_ for _ in ()).throw(PermissionError(13, "denied")))
    assert page.export_to(tmp_path / "dang-mo.xlsx") is None
    assert "đang mở trong chương trình khác" in shown[0]


def test_an_empty_log_says_what_to_do_and_offers_no_empty_export(page, services, qtbot):
    assert "Chưa có hoạt động nào" in page.count_label.text()
    assert not page.export_button.isEnabled()
    services.activities.add(BANNER)
    page.apply_filter()
    assert page.export_button.isEnabled() and page.count_label.text().startswith("1 hoạt động")
    page.search.setText("không có chữ này")
    qtbot.waitUntil(lambda: "khớp bộ lọc" in page.count_label.text())
    assert not page.export_button.isEnabled()


def test_the_bad_range_warning_goes_once_the_dates_are_right(page):
    page.period.setCurrentIndex(page_module.CUSTOM_PERIOD)
    page.date_from.setDate(QDate(2020, 8, 1))
    page.date_to.setDate(QDate(2020, 7, 1))
    assert "sau ngày kết thúc 01/07/2020" in page.range_warning.text() and not page.range_warning.isHidden()
    assert "border" in page.date_to.lineEdit().styleSheet()
    page.date_to.setDate(QDate(2020, 8, 31))
    assert page.range_warning.isHidden() and page.date_to.lineEdit().styleSheet() == ""
