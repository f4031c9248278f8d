"""The intake flow with real widgets: the kind box, a window to check, an item's detail, the page
images of an OCR reading, the refusal that offers a plain list, filling the profile, and reading
off the GUI thread with a Hủy that works."""
import threading

import pytest
from PySide6.QtCore import QTimer, Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton

from cell_desk.services import document_intake
from cell_desk.services.document_intake import Incoming, read_incoming
from cell_desk.ui.plans.editor import DATA

ORIENTATION = """ĐẢNG BỘ HUYỆN KIM BÔI
ĐẢNG ỦY XÃ HÒA BÌNH
Số 12-HD/ĐU
Hòa Bình, ngày 28 tháng 9 năm 2025
ĐỊNH HƯỚNG
Công tác tuyên truyền tháng 10 năm 2025
1. Tuyên truyền kỷ niệm 95 năm Ngày truyền thống Hội Nông dân Việt Nam (14/10/1930 - 14/10/2025)
Nêu bật truyền thống vẻ vang của giai cấp nông dân và Hội Nông dân Việt Nam.
Biểu dương các tấm gương nông dân sản xuất, kinh doanh giỏi.
2. Tuyên truyền Ngày Phụ nữ Việt Nam 20/10
Tuyên truyền vai trò của phụ nữ trong xây dựng nông thôn mới.
3. Tuyên truyền phòng, chống thiên tai mùa mưa bão
Hướng dẫn người dân gia cố nhà cửa, chuẩn bị lương thực.
Nơi nhận:
- Các chi bộ,
- Lưu VP.
T/M ĐẢNG ỦY
BÍ THƯ
Nguyễn Văn An
"""


@pytest.fixture
def window(make_window, services):
    return make_window(services)


@pytest.fixture
def intake(window):
    return window.intake


@pytest.fixture
def orientation(tmp_path):
    path = tmp_path / "dinh-huong-thang-10.txt"
    path.write_text(ORIENTATION, encoding="utf-8")
    return path


def shown(qtbot, dialog):
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def tree_texts(dialog) -> list[str]:
    rows = []
    for row in range(dialog.model.rowCount()):
        phase = dialog.model.item(row)
        rows.append(phase.text())
        rows.extend("  " + phase.child(r).text() for r in range(phase.rowCount()))
    return rows


def test_the_kind_box_shows_the_kind_and_reads_the_text_again_as_another(intake, orientation, qtbot, monkeypatch):
    asked = []
    monkeypatch.setattr("cell_desk.ui.plans.editor.ask_yes_no", lambda parent, title, text: asked.append(text) or True)
    dialog = shown(qtbot, intake.review_import(orientation))
    assert dialog.kind_choice.currentText() == "Định hướng tháng"
    assert dialog.kind_reason.text() == "Chương trình nhận ra loại này vì tiêu đề là định hướng, thông tin của một tháng."
    before = tree_texts(dialog)
    assert before[0].startswith("Tháng 10/2025") and len(before) == 4

    dialog.kind_choice.setCurrentIndex(dialog.kind_choice.findData("slogan_list"))
    dialog.kind_choice.activated.emit(dialog.kind_choice.currentIndex())
    assert asked == []  # nothing edited yet: nothing to ask
    after = tree_texts(dialog)
    assert after != before and after[1].startswith("  Tuyên truyền, treo băng rôn, pa-nô")
    assert dialog.kind_reason.text().startswith("Loại do bạn chọn")

    dialog.tree.setCurrentIndex(dialog.model.item(0).child(1).index())
    dialog.item_text.setPlainText("Đã sửa tay")
    dialog.kind_choice.setCurrentIndex(dialog.kind_choice.findData("monthly_orientation"))
    dialog.kind_choice.activated.emit(dialog.kind_choice.currentIndex())
    assert "bỏ các sửa đổi" in asked[0]  # an edited tree: asked first
    assert tree_texts(dialog) == before
    dialog.save()
    assert dialog.result_document["plan"]["doc_kind"] == "monthly_orientation"


def test_saying_no_to_a_new_kind_keeps_the_edits(intake, orientation, qtbot, monkeypatch):
    monkeypatch.setattr("cell_desk.ui.plans.editor.ask_yes_no", lambda parent, title, text: False)
    dialog = shown(qtbot, intake.review_import(orientation))
    dialog.tree.setCurrentIndex(dialog.model.item(0).child(0).index())
    dialog.item_text.setPlainText("Đã sửa tay")
    dialog.kind_choice.setCurrentIndex(dialog.kind_choice.findData("plain_list"))
    dialog.kind_choice.activated.emit(dialog.kind_choice.currentIndex())
    assert dialog.kind_choice.currentData() == "monthly_orientation"
    assert dialog.model.item(0).child(0).text() == "Đã sửa tay"


def test_an_items_detail_is_shown_and_an_edit_reaches_the_document(intake, orientation, qtbot):
    dialog = shown(qtbot, intake.review_import(orientation))
    first = dialog.model.item(0).child(0)
    dialog.tree.setCurrentIndex(first.index())
    assert dialog.forms.currentWidget() is dialog.item_form and dialog.item_detail.isVisible()
    assert dialog.item_detail.toPlainText().startswith("Nêu bật truyền thống vẻ vang")
    dialog.item_detail.setPlainText("Nêu bật truyền thống vẻ vang.\nPhát thanh trên loa xã  hai buổi mỗi tuần.")
    dialog.save()
    item = dialog.result_document["plan"]["phases"][0]["items"][0]
    assert item["detail"] == "Nêu bật truyền thống vẻ vang.\nPhát thanh trên loa xã hai buổi mỗi tuần."
    assert "window_confirmed" not in dialog.result_document["plan"]["phases"][0]


def test_a_window_to_check_blocks_saving_until_kept(intake, orientation, qtbot):
    incoming = read_incoming(orientation)
    code = incoming.parsed.document["plan"]["phases"][0]["code"]
    incoming.parsed.review = [{"phase": code, "reason": "bắt đầu 01/10/2025, trước ngày ban hành 05/10/2025"}]
    dialog = shown(qtbot, intake.review(incoming))
    assert "cần xem lại thời gian" in dialog.message.text()
    dialog.save()
    assert dialog.result_document is None
    dialog.tree.setCurrentIndex(dialog.model.item(0).index())
    assert "trước ngày ban hành 05/10/2025" in dialog.phase_note.text()
    qtbot.mouseClick(dialog.keep_window_button, Qt.MouseButton.LeftButton)
    dialog.save()
    assert dialog.result_document is not None


def test_changing_the_dates_also_answers_the_check(intake, orientation, qtbot):
    incoming = read_incoming(orientation)
    code = incoming.parsed.document["plan"]["phases"][0]["code"]
    incoming.parsed.review = [{"phase": code, "reason": "kết thúc quá xa"}]
    dialog = shown(qtbot, intake.review(incoming))
    dialog.tree.setCurrentIndex(dialog.model.item(0).index())
    dialog.phase_end.setDate(dialog.phase_end.date().addDays(-1))
    assert dialog.message.text() == ""


def page_image(path, color: str):
    image = QImage(1240, 1754, QImage.Format.Format_RGB32)
    image.fill(QColor(color))
    image.save(str(path))
    return path


def test_an_ocr_reading_shows_its_page_images_beside_the_text(intake, orientation, tmp_path, qtbot):
    read = read_incoming(orientation)
    pages = [page_image(tmp_path / "trang-001.png", "white"), page_image(tmp_path / "trang-002.png", "#eeeeee")]
    released = []
    incoming = Incoming(read.parsed, read.lines, "ocr", pages, ["Trang 2 mờ, có thể đọc sai."], "anh-chup.jpg",
                        cleanup=lambda: released.append(True))
    dialog = shown(qtbot, intake.review(incoming))
    assert dialog.page_view is not None and dialog.page_view.isVisible()
    assert "nhận dạng chữ (OCR)" in dialog.reading_notice.text() and "Trang 2 mờ" in dialog.reading_notice.text()
    view = dialog.page_view
    assert view.page.isVisible() and [view.page.itemText(i) for i in range(2)] == ["Trang 1/2", "Trang 2/2"]
    assert view.picture.pixmap().width() <= view.scroll.viewport().width()  # fitted to the pane
    qtbot.mouseClick(view.zoom_in, Qt.MouseButton.LeftButton)
    zoomed = view.picture.pixmap().width()
    assert zoomed > view.scroll.viewport().width() * 1.1
    view.page.setCurrentIndex(1)
    assert view.picture.pixmap().width() == zoomed  # the zoom stays for the next page
    qtbot.mouseClick(view.fit_button, Qt.MouseButton.LeftButton)
    assert view.picture.pixmap().width() <= view.scroll.viewport().width()
    dialog.release_images()
    assert released == [True]


def test_a_plain_text_reading_has_no_image_pane(intake, orientation, qtbot):
    dialog = shown(qtbot, intake.review_import(orientation))
    assert dialog.page_view is None and not dialog.reading_notice.isVisible()


def click_when_shown(label: str, seen: list):
    """Clicks a button of the message box that opens next (its text recorded)."""
    def click():
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, click)
            return
        seen.append(box.text())
        next(button for button in box.buttons() if button.text() == label).click()

    QTimer.singleShot(0, click)


def test_a_refusal_offers_a_plain_list_and_opens_the_review_as_one(intake, tmp_path, qtbot):
    path = tmp_path / "van-phong-pham.txt"
    path.write_text("Danh sách mua văn phòng phẩm\nGiấy A4: 10 ram\nBút bi: 2 hộp\n", encoding="utf-8")
    seen = []
    click_when_shown("Nhập như danh sách việc", seen)
    dialog = intake.review_import(path)
    assert "Không tìm thấy cấu trúc kế hoạch" in seen[0] and "0 mục đánh số, 0 dòng khẩu hiệu, 3 dòng chữ" in seen[0]
    assert dialog is not None
    shown(qtbot, dialog)
    assert dialog.kind_choice.currentData() == "plain_list"
    assert dialog.source.toPlainText().splitlines()[1].endswith("Giấy A4: 10 ram")

    seen.clear()
    click_when_shown("Đóng", seen)
    assert intake.review_import(path) is None and seen


def test_reading_runs_off_the_gui_thread_and_hu_stops_it(intake, orientation, monkeypatch, qtbot):
    threads, stopped = [], []
    release = threading.Event()

    def slow(path, kind=None, progress=None, cancelled=None):
        threads.append(threading.current_thread())
        progress(1, 3)
        while not cancelled():
            release.wait(0.01)
        stopped.append(True)
        raise document_intake.ValidationError("Đã hủy")

    monkeypatch.setattr(document_intake, "read_incoming", slow)

    def press_cancel():
        dialog = intake._progress
        if dialog is None or not dialog.isVisible():
            QTimer.singleShot(50, press_cancel)
            return
        assert dialog.labelText() == "Đang đọc văn bản… trang 2/3"
        assert dialog.maximum() == 3 and dialog.value() == 1
        cancel = next(button for button in dialog.findChildren(QPushButton) if button.text() == "Hủy")
        cancel.click()

    QTimer.singleShot(0, press_cancel)
    assert intake.read(orientation) is None
    assert threads and threads[0] is not threading.main_thread() and stopped == [True]


def test_the_profile_offer_shows_current_and_proposed_and_saves_the_ticked(intake, services, orientation, qtbot):
    document = read_incoming(orientation).parsed.document
    dialog = intake.profile_dialog(document)
    shown(qtbot, dialog)
    assert set(dialog.checks) >= {"upper_body", "place_name"}
    assert dialog.checks["upper_body"].isChecked()  # the profile still holds the program's default
    dialog.checks["place_name"].setChecked(False)
    qtbot.mouseClick(dialog.update_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == dialog.DialogCode.Accepted
    assert intake.apply_profile(dialog)
    profile = services.settings.profile()
    assert profile.upper_body == "Đảng bộ xã Hòa Bình" and profile.place_name == ""  # not ticked: kept
    assert intake.profile_dialog(document) is None or "upper_body" not in intake.profile_dialog(document).checks


def test_the_settings_form_follows_a_profile_filled_from_a_document(window, intake, services, orientation, qtbot):
    settings = window.settings_page
    dialog = intake.profile_dialog(read_incoming(orientation).parsed.document)
    dialog.accept()
    intake.apply_profile(dialog)
    assert settings.form.validated_profile().upper_body == "Đảng bộ xã Hòa Bình"
