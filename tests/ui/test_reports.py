"""Page "Báo cáo" driven through its widgets."""
import datetime as dt

import pytest
from docx import Document
from PySide6.QtCore import QDate

from cell_desk.domain.activity import ActivityDraft
from cell_desk.domain.report import DocumentStatus
from cell_desk.ui.reports import editor as editor_module


@pytest.fixture
def page(services, make_window):
    services.activities.add(ActivityDraft(dt.date(2020, 8, 3), "Tuyên truyền miệng", "Hội nghị quán triệt",
                                          party_members=20))
    window = make_window(services)
    window.show_page(window.report_page)
    return window.report_page


def month_texts(page):
    return [[page.months.index(row, column).data() for column in range(4)] for row in range(page.months.rowCount())]


def test_the_months_list_the_current_report_first_with_its_deadline(page):
    rows = month_texts(page)
    assert rows[0] == ["08/2020", "20/08/2020", "", "Chưa soạn"]
    # July's deadline passed before Cell Desk was first opened: not written here, not called late
    assert rows[1][3] == "Chưa soạn"
    assert rows[-1][0] == "01/2020"  # nothing before the plan of 30/12/2019
    assert page.selected_month() == (2020, 8)
    assert "còn 5 ngày" in page.deadline.text()
    assert page.create_button.isVisible() and not page.report_editor.word_button.isEnabled()


def test_a_report_written_and_not_sent_after_its_deadline_is_late(page, services, make_window):
    services.reports.open_report(2020, 7)
    page.reload_months()
    assert month_texts(page)[1][3] == "Nháp – trễ 26 ngày"
    page.window().overview_page.refresh()
    card = page.window().overview_page.report_card
    assert card.value.text() == "Trễ 26 ngày"
    assert "Báo cáo tháng 07/2020 chưa gửi (hạn ngày 20/07/2020)" in card.detail.text()
    services.reports.set_status(services.reports.report_for(2020, 7).id, DocumentStatus.SENT, dt.date(2020, 8, 1))
    page.window().overview_page.refresh()
    assert card.value.text() == "Còn 5 ngày" and "tháng 08/2020: chưa soạn" in card.detail.text()


def test_creating_editing_and_exporting_a_report(page, services, qtbot, monkeypatch, tmp_path):
    page.create_button.click()
    editor = page.report_editor
    assert editor.document is not None and month_texts(page)[0][2] == "01"
    assert "Hội nghị quán triệt" in editor.editors["results"].toPlainText()
    assert editor.number_text.text() == "Số 01-BC/CB"

    editor.editors["ideology"].selectAll()
    editor.editors["ideology"].insertPlainText("Đảng viên phấn khởi, tin tưởng.")
    qtbot.waitUntil(lambda: services.reports.report_for(2020, 8).sections["ideology"]
                    == "Đảng viên phấn khởi, tin tưởng.", timeout=3000)
    assert editor.saved_note.text().startswith("Đã lưu")

    editor.subtitle.setText("kết quả tuyên truyền tháng 8")
    editor.subtitle.editingFinished.emit()
    assert services.reports.report_for(2020, 8).subtitle == "kết quả tuyên truyền tháng 8"

    monkeypatch.setattr("cell_desk.ui.messages.ask_yes_no", lambda *args: False)  # do not open the file
    written = editor.export(tmp_path / "bao-cao.docx")
    texts = [p.text for p in Document(str(written)).paragraphs]
    assert "Đảng viên phấn khởi, tin tưởng." in texts and "kết quả tuyên truyền tháng 8" in texts


def test_typing_then_leaving_at_once_loses_nothing(page, services, make_window):
    page.create_button.click()
    page.report_editor.editors["difficulties"].setPlainText("Thiếu kinh phí in pa-nô.")
    page.window().close()  # before the pause timer fires
    assert services.reports.report_for(2020, 8).sections["difficulties"] == "Thiếu kinh phí in pa-nô."


def test_finalised_is_locked_until_reopened_and_sent_shows_in_the_list(page, services, monkeypatch):
    page.create_button.click()
    editor = page.report_editor
    editor.lock_button.click()
    assert editor.editors["results"].isReadOnly() and not editor.number.isEnabled()
    assert editor.lock_note.isVisible() and editor.lock_button.text() == "Mở lại để sửa"
    assert month_texts(page)[0][3] == "Đã chốt"
    assert editor.mark_sent(dt.date(2020, 8, 15))
    assert month_texts(page)[0][3] == "Đã gửi ngày 15/08/2020"
    assert "đã gửi" in page.deadline.text()
    monkeypatch.setattr(editor_module, "ask_yes_no", lambda *args: True)
    editor.lock_button.click()
    assert not editor.editors["results"].isReadOnly()
    assert services.reports.report_for(2020, 8).status is DocumentStatus.DRAFT


def test_a_number_already_used_is_refused_in_place(page, services):
    services.reports.open_report(2020, 7)
    page.reload_months()
    page.select_month(2020, 8)
    page.create_button.click()
    editor = page.report_editor
    editor.number.setValue(1)
    editor.number.editingFinished.emit()
    assert not editor.error.isHidden() and "đã dùng" in editor.error.text()
    assert editor.number.value() == 2 and services.reports.report_for(2020, 8).number == 2


def test_the_preview_and_the_cell_plan(page, services):
    from cell_desk.ui.reports.preview import PreviewDialog

    page.create_button.click()
    report = services.reports.report_for(2020, 8)
    dialog = PreviewDialog(services.reports.party_document(report), services.reports.format_profile(), page)
    text = dialog.browser.toPlainText()
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in text and "Số 01-BC/CB" in text and "ngày 15 tháng 8 năm 2020" in text
    page.tabs.setCurrentIndex(1)
    plan_editor = page.plan_editor
    assert plan_editor.document is not None
    assert plan_editor.editors["bases"].toPlainText().startswith("Thực hiện Kế hoạch số 20-KH/ĐUK")
    assert plan_editor.number_text.text() == "Số 01-KH/CB"


def test_the_date_of_a_report_can_be_changed(page, services):
    page.create_button.click()
    page.report_editor.issued_on.setDate(QDate(2020, 8, 12))
    assert services.reports.report_for(2020, 8).issued_on == dt.date(2020, 8, 12)


def test_a_clerk_copies_the_format_edits_a_margin_and_the_next_export_follows(services, make_window, monkeypatch,
                                                                             tmp_path):
    import json

    from PySide6.QtGui import QDesktopServices

    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: True)
    window = make_window(services)
    settings = window.settings_page
    settings.edit_format_button.click()
    copy = services.data_dir / "formats" / "the-thuc-rieng.json"
    assert copy.exists() and "bản sửa của chi bộ" in settings.format_choice.currentText()
    data = json.loads(copy.read_text(encoding="utf-8"))
    data["page"]["left_mm"] = 35
    copy.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    report = services.reports.open_report(2020, 8)
    section = Document(str(services.reports.export_docx(report.id, tmp_path / "a.docx"))).sections[0]
    assert round(section.left_margin.mm) == 35

    data["page"]["left_mm"] = "ba mươi"
    copy.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    shown = []
    monkeypatch.setattr("cell_desk.ui.messages.show_error", lambda parent, title, text: shown.append(text))
    window.show_page(window.report_page)
    window.report_page.select_month(2020, 8)
    assert window.report_page.report_editor.export(tmp_path / "b.docx") is None
    assert "page.left_mm" in shown[0] and "the-thuc-rieng.json" in shown[0]


def test_the_term_year_restarts_the_numbers(services, make_window):
    window = make_window(services)
    settings = window.settings_page
    assert settings.term_year.value() == 2020
    services.reports.open_report(2020, 7)
    settings.term_year.setValue(2020)
    settings._save_term_year()
    assert services.reports.open_report(2020, 8).number == 2


def test_exporting_with_default_details_warns_and_offers_to_fill_them_in(page, services, monkeypatch, tmp_path):
    page.create_button.click()
    editor = page.report_editor
    asked = []

    def choose(parent, title, text, choices):
        asked.append((text, choices))
        return 0  # "Điền thông tin chi bộ…"

    monkeypatch.setattr(editor_module, "warn_with_choices", choose)
    monkeypatch.setattr(editor_module, "save_file", lambda *args, **kwargs: pytest.fail("no file is asked for"))
    editor.word_button.click()
    text, choices = asked[0]
    assert "tên chi bộ (“Chi bộ”)" in text and choices == ["Điền thông tin chi bộ…", "Vẫn xuất", "Hủy"]
    window = page.window()
    assert window.sidebar.currentRow() == window.page_keys.index("settings")
    assert window.settings_page.form.fields["cell_name"].hasFocus()


def test_with_the_details_filled_in_nothing_is_asked(page, services, monkeypatch, tmp_path):
    from dataclasses import replace

    services.settings.save_profile(replace(services.settings.profile(), cell_name="Chi bộ Văn phòng",
                                           secretary_name="Nguyễn Văn Hùng", upper_body="Đảng bộ phường Kinh Bắc",
                                           place_name="Bắc Ninh"))
    page.create_button.click()
    monkeypatch.setattr(editor_module, "warn_with_choices", lambda *args: pytest.fail("nothing to warn about"))
    monkeypatch.setattr(editor_module, "save_file", lambda *args, **kwargs: tmp_path / "b.docx")
    monkeypatch.setattr(editor_module, "offer_to_open", lambda *args: None)
    page.report_editor.word_button.click()
    assert (tmp_path / "b.docx").exists()


def test_settings_shows_which_format_a_document_takes_and_why(services, make_window):
    settings = make_window(services).settings_page
    assert settings.format_choice.currentText() == "Tự động theo ngày của văn bản"
    assert "Hướng dẫn 36-HD/VPTW" in settings.format_message.text() and "theo ngày" in settings.format_message.text()
    index = next(i for i in range(settings.format_choice.count()) if "399" in settings.format_choice.itemText(i))
    settings.format_choice.setCurrentIndex(index)
    settings._choose_format(index)
    assert "399-QĐ/TW" in settings.format_message.text() and "đã chọn trong Cài đặt" in settings.format_message.text()


def test_the_sent_dialog_is_wide_enough_for_its_title(qtbot):
    dialog = editor_module.SentDialog(dt.date(2020, 8, 15))
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.width() >= dialog.fontMetrics().horizontalAdvance("Đánh dấu đã gửi") + 160


def test_the_package_button_writes_what_the_upper_committee_reads(page, services, monkeypatch, tmp_path):
    from dataclasses import replace

    from cell_desk.imports.report_package import read_report_package

    services.settings.save_profile(replace(services.settings.profile(), cell_name="Chi bộ Văn phòng",
                                           secretary_name="Nguyễn Văn Hùng", upper_body="Đảng bộ phường Kinh Bắc",
                                           place_name="Bắc Ninh"))
    assert not page.report_editor.package_button.isEnabled()  # no report yet
    page.create_button.click()
    editor = page.report_editor
    assert editor.package_button.isEnabled() and editor.package_button.isVisible()
    asked = []
    monkeypatch.setattr(editor_module, "save_file", lambda *args, **kwargs: asked.append(args[-1]) or tmp_path / "goi")
    monkeypatch.setattr(editor_module, "offer_to_open", lambda *args: None)
    editor.package_button.click()
    assert asked == ["goi-bao-cao-thang-08-2020.zip"]
    package = read_report_package(tmp_path / "goi.zip", services.clock()).package
    assert (package.cell_name, package.period) == ("Chi bộ Văn phòng", "2020-08")
    assert [(f.form, f.activities, f.party_members) for f in package.figures] == [("Tuyên truyền miệng", 1, 20)]
    assert editor.saved_note.text() == "Đã xuất goi.zip"
