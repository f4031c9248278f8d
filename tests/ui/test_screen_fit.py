"""Every page and dialog fits an office laptop: under the offscreen platform with a 1366×768 screen
(tests/offscreen-screen.json), each window lies inside the screen with all its buttons; and no
window needs more than 1280×720 at 125% leaves (1024×576, less a taskbar)."""
import pytest
from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import QAbstractButton, QApplication, QDialog, QMessageBox, QScrollArea

from cell_desk.domain.library import PosterDetails
from cell_desk.domain.profile import CellProfile
from cell_desk.services.demo import fill_activities, fill_checklist
from cell_desk.ui import file_dialogs
from cell_desk.ui.activities.dialog import ActivityDialog, ItemPicker
from cell_desk.ui.help import GuideWindow
from cell_desk.ui.library.posters import PosterDialog
from cell_desk.ui.library.slogans import SloganDialog
from cell_desk.ui.main_window import PAGE_TITLES
from cell_desk.ui.messages import _box
from cell_desk.ui.plans.intake import DocumentIntake
from cell_desk.ui.screen import FRAME_HEIGHT, FRAME_WIDTH, SMALLEST_AREA
from cell_desk.ui.settings.backups import BackupChooser
from cell_desk.ui.settings.first_run import FirstRunDialog

PLAN_TEXT = """ĐẢNG BỘ XÃ HÒA BÌNH
CHI BỘ THÔN ĐÔNG
Số 03-KH/CB
Hòa Bình, ngày 05 tháng 01 năm 2026
KẾ HOẠCH
tuyên truyền năm 2026
II. NỘI DUNG
Đợt 1: Quý I/2026
- Tuyên truyền kỷ niệm ngày thành lập Đảng
- Treo băng rôn, khẩu hiệu
Đợt 2: Quý II/2026
- Tuyên truyền bầu cử
"""


@pytest.fixture(autouse=True)
def the_screen(qapp):
    area = qapp.primaryScreen().availableGeometry()
    assert (area.width(), area.height()) == (1366, 768), "tests/offscreen-screen.json is not 1366×768"


def assert_fits(window, what: str) -> None:
    """The window inside the screen, every visible button inside the window and the screen, and a
    minimum size that 1280×720 at 125% can give."""
    area = window.screen().availableGeometry()
    frame = window.frameGeometry()
    assert area.contains(frame), f"{what}: {frame} is not inside the screen {area}"
    buttons = [b for b in window.findChildren(QAbstractButton) if b.isVisibleTo(window) and b.window() is window]
    for button in buttons:
        if _inside_scroll_area(button):
            continue  # reached by scrolling
        top_left = button.mapToGlobal(QPoint(0, 0))
        rect = QRect(top_left, button.size())
        assert area.contains(rect), f"{what}: button “{button.text()}” at {rect} is off the screen {area}"
        inner = QRect(window.mapToGlobal(QPoint(0, 0)), window.size())
        assert inner.contains(rect), f"{what}: button “{button.text()}” at {rect} is outside its window {inner}"
    needed = window.minimumSizeHint().expandedTo(window.minimumSize())
    room = (SMALLEST_AREA.width() - FRAME_WIDTH, SMALLEST_AREA.height() - FRAME_HEIGHT)
    assert needed.width() <= room[0] and needed.height() <= room[1], \
        f"{what} needs at least {needed.width()}×{needed.height()}, more than 1280×720 at 125% leaves ({room})"


def _inside_scroll_area(widget) -> bool:
    parent = widget.parentWidget()
    while parent is not None and not parent.isWindow():
        if isinstance(parent, QScrollArea):
            return True
        parent = parent.parentWidget()
    return False


def shown(qtbot, window):
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    QApplication.processEvents()
    return window


@pytest.fixture
def window(make_window, services):
    fill_checklist(services.database, services.clock)
    fill_activities(services.database, 40, services.clock)
    return make_window(services)


def test_every_page_fits_the_main_window_on_1366_by_768(window, qtbot):
    assert_fits(window, "cửa sổ chính")
    assert window.statusBar().isVisible()
    assert window.frameGeometry().bottom() < 768
    for row, key in enumerate(PAGE_TITLES):
        window.sidebar.setCurrentRow(row)
        QApplication.processEvents()
        page = window.page(key)
        assert page.isVisible()
        assert_fits(window, f"trang {PAGE_TITLES[key]}")


def test_the_settings_page_scrolls_instead_of_growing_the_window(window):
    window.show_page(window.settings_page)
    QApplication.processEvents()
    assert window.minimumSizeHint().height() <= SMALLEST_AREA.height()
    assert window.settings_page.scroll.widget().sizeHint().height() > 0
    assert window.height() <= 768


def test_the_dialogs_of_the_pages_fit(window, services, qtbot, tmp_path):
    dialogs = {
        "Chào mừng (lần đầu)": FirstRunDialog(CellProfile(), window),
        "Thêm hoạt động": ActivityDialog(services, parent=window),
        "Chọn nhiệm vụ": ItemPicker(services, set(), window),
        "Khôi phục": BackupChooser(services.backups.available(), "Chọn bản sao lưu để khôi phục.", "Khôi phục",
                                   parent=window),
        "Thông tin pa-nô": PosterDialog(PosterDetails(title="Pa-nô"), "Thông tin pa-nô", window),
        "Khẩu hiệu": SloganDialog(None, ["Đại hội"], window),
        "Hướng dẫn sử dụng": GuideWindow(window),
        "Soạn kế hoạch mới": DocumentIntake(services, window.app_events, window).new_plan_dialog(),
        "Hộp chọn tệp": file_dialogs.make_dialog(window, "Chọn văn bản", tmp_path, "Văn bản (*.docx)"),
        "Câu hỏi": _box(window, QMessageBox.Icon.Question, "Câu hỏi", "Bỏ những gì đã nhập?\n" * 3,
                        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No),
    }
    for what, dialog in dialogs.items():
        assert_fits(shown(qtbot, dialog), what)
        dialog.done(QDialog.DialogCode.Rejected)


def test_the_review_of_an_imported_document_fits(window, services, qtbot, tmp_path):
    source = tmp_path / "ke-hoach.txt"
    source.write_text(PLAN_TEXT, encoding="utf-8")
    intake = DocumentIntake(services, window.app_events, window)
    dialog = intake.review_import(source)
    assert dialog is not None
    assert_fits(shown(qtbot, dialog), "Xem lại văn bản nhập")
    dialog.done(QDialog.DialogCode.Rejected)
    dialog.release_images()


def test_a_dialog_larger_than_the_screen_is_pulled_inside_it(qtbot):
    from cell_desk.ui.launcher import make_application

    make_application()  # installs the guard, as at start-up
    dialog = QDialog()
    dialog.resize(1800, 1200)
    dialog.move(400, 300)
    shown(qtbot, dialog)
    area = dialog.screen().availableGeometry()
    assert area.contains(dialog.frameGeometry()), dialog.frameGeometry()

