"""The Tổng hợp page of roll-up mode, driven as the đảng ủy's clerk uses it: turned on in Cài đặt,
a folder dropped on it, a re-sent package accepted or not, a cell renamed, the reports written."""
import datetime as dt

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import QMimeData, QPoint, Qt, QUrl
from PySide6.QtGui import QDropEvent

from cell_desk.domain.profile import CellProfile
from cell_desk.domain.rollup import RegisteredCell
from tests.rollup_packages import make_package, write_package

TODAY = dt.date(2026, 11, 25)


@pytest.fixture
def window(make_window, open_at):
    services = open_at(TODAY)
    services.settings.save_profile(CellProfile(cell_name="Đảng ủy Cơ quan Sở Tài chính", upper_body="Đảng bộ Khối",
                                               place_name="Bắc Ninh", issuer_code="ĐU",
                                               signing_authority="T/M ĐẢNG ỦY"))
    return make_window(services)


def _visible_pages(window):
    return [window.sidebar.item(row).text() for row in range(window.sidebar.count())
            if not window.sidebar.isRowHidden(row)]


def _drop(page, paths):
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(path)) for path in paths])
    event = QDropEvent(QPoint(10, 10), Qt.DropAction.CopyAction, data, Qt.MouseButton.LeftButton,
                       Qt.KeyboardModifier.NoModifier)
    page.dropEvent(event)


def test_roll_up_mode_is_chosen_in_settings_and_brings_its_page(window):
    assert "Tổng hợp" not in _visible_pages(window)
    window.settings_page.rollup_mode.setChecked(True)
    assert "Tổng hợp" in _visible_pages(window) and window.services.rollup.is_enabled()
    window.sidebar.setCurrentRow(window.page_keys.index("rollup"))
    assert window.stack.currentWidget() is window.rollup_page
    window.settings_page.rollup_mode.setChecked(False)
    assert "Tổng hợp" not in _visible_pages(window) and not window.services.rollup.is_enabled()
    assert window.stack.currentWidget() is window.settings_page


def test_a_dropped_folder_fills_the_table_of_who_has_sent(window, tmp_path, monkeypatch):
    page = window.rollup_page
    page.add_cells("Chi bộ Văn phòng\nChi bộ Phòng Giá\nChi bộ Thanh tra")
    assert page.cell_model.rowCount() == 3
    folder = tmp_path / "goi"
    write_package(folder, make_package("Chi bộ Văn phòng", made_on=dt.date(2026, 11, 19)))
    write_package(folder, make_package("Chi bộ Phòng Giá", made_on=dt.date(2026, 11, 22)))
    write_package(folder, make_package("Chi bộ Kho bạc"), "la.zip")
    errors = []
    monkeypatch.setattr("cell_desk.ui.rollup.page.show_error", lambda parent, title, text: errors.append(text))
    _drop(page, [folder])
    model = page.standing_model
    states = {model.index(row, 1).data(): model.index(row, 4).data() for row in range(model.rowCount())}
    assert states == {"Chi bộ Văn phòng": "Đã gửi đúng hạn", "Chi bộ Phòng Giá": "Gửi muộn",
                      "Chi bộ Thanh tra": "Chưa gửi – quá hạn"}
    assert page.summary_label.text() == "2/3 chi bộ đã gửi; 1 gửi muộn; 1 quá hạn chưa gửi."
    assert page.period_choice.currentText() == "Tháng 11/2026"
    assert len(errors) == 1 and "“Chi bộ Kho bạc”" in errors[0] and "Đã nhập 2 gói mới" in errors[0]

    # the Văn phòng sends again: asked, the clerk keeps the old one first, then takes the new one
    again = write_package(tmp_path / "lai", make_package("Chi bộ Văn phòng", made_on=dt.date(2026, 11, 24),
                                                         activities=5))
    questions = []
    monkeypatch.setattr("cell_desk.ui.rollup.page.ask_choice",
                        lambda parent, title, text, choices: questions.append(text) or 1)
    _drop(page, [again])
    assert "Chi bộ Văn phòng, tháng 11/2026" in questions[0] and model.index(0, 5).data() == str(
        make_package("x").activities)
    monkeypatch.setattr("cell_desk.ui.rollup.page.ask_choice", lambda parent, title, text, choices: 0)
    _drop(page, [again])
    assert model.index(0, 5).data() == str(make_package("x", activities=5).activities)
    assert page.message.text().startswith("Thay 1 gói gửi lại")  # no "Đã nhập 0 gói mới" before it


def test_a_cell_renamed_in_place_and_a_stale_edit_refused(window, monkeypatch):
    page = window.rollup_page
    page.add_cells("Chi bộ Văn phòng")
    model = page.cell_model
    assert model.setData(model.index(0, 1), 25)
    assert window.services.rollup.cells()[0].report_day == 25 and model.index(0, 1).data() == "ngày 25"
    stale = model.rows[0]
    window.services.rollup.update_cell(RegisteredCell(stale.id, "Chi bộ Văn phòng Sở", 25, "", stale.version))
    errors = []
    monkeypatch.setattr("cell_desk.ui.rollup.page.show_error", lambda parent, title, text: errors.append(text))
    page.save_cell(RegisteredCell(stale.id, stale.name, 10, "", stale.version))
    assert errors and "Người khác vừa lưu" in errors[0]
    assert model.index(0, 0).data() == "Chi bộ Văn phòng Sở" and window.services.rollup.cells()[0].report_day == 25


def test_the_consolidated_report_and_the_table_are_written_from_the_page(window, tmp_path, monkeypatch):
    monkeypatch.setattr("cell_desk.ui.rollup.page.offer_to_open", lambda *args: None)
    page = window.rollup_page
    page.add_cells("Chi bộ Văn phòng\nChi bộ Phòng Giá")
    page.import_paths([write_package(tmp_path / "in", make_package("Chi bộ Văn phòng"))])
    report = page.export_report_to(tmp_path / "bao-cao.docx")
    from docx import Document

    text = "\n".join(paragraph.text for paragraph in Document(str(report)).paragraphs)
    assert "1/2 chi bộ trực thuộc đã gửi báo cáo" in text and "Chi bộ Phòng Giá (hạn 20/11/2026)" in text
    table = page.export_table_to(tmp_path / "bang.xlsx")
    book = load_workbook(table)
    assert page.period() in ("2026-11", "2026-12") and "Tháng 11-2026" in book.sheetnames
    assert len(book.sheetnames) == (1 if page.period() == "2026-11" else 2)  # no empty month but the one on screen
    sheet = book["Tháng 11-2026"]
    assert [sheet.cell(row, 2).value for row in (5, 6)] == ["Chi bộ Văn phòng", "Chi bộ Phòng Giá"]


def test_a_document_is_sent_down_as_one_file(window, tmp_path):
    page = window.rollup_page
    plan_id = window.services.plans.active_plan_id()
    written = page.send_down(plan_id, tmp_path / window.services.exchange.file_name(plan_id))
    assert written.exists() and "Nhập văn bản cấp trên" in page.message.text()
