"""Start-up in two steps: the window paints Tổng quan from the first look, then the data file is
checked and opened and the rest of the window comes alive. Before that nothing can write."""
import os
import subprocess
import sys

from PySide6.QtCore import Qt

from cell_desk.storage.first_look import read_first_look
from cell_desk.ui.main_window import MainWindow
from tests.conftest import SEED_TODAY


def waiting_window(qtbot, data_dir):
    window = MainWindow(data_dir=data_dir, first_look=read_first_look(data_dir, SEED_TODAY))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def test_the_first_paint_shows_the_real_figures_and_nothing_that_writes(qtbot, services, data_dir):
    services.settings.update_profile({"cell_name": "Chi bộ Văn phòng"})
    window = waiting_window(qtbot, data_dir)
    page = window.overview_page
    first = (page.progress_card.value.text(), page.report_card.value.text(), page.plan_title.text(),
             page.phase_model.rowCount())
    assert window.windowTitle() == "Cell Desk – Chi bộ Văn phòng"
    assert page.phase_model.rowCount() > 0 and first[0].endswith("%")
    assert [window.sidebar.item(row).flags() & Qt.ItemFlag.ItemIsEnabled for row in range(1, 7)] == [
        Qt.ItemFlag.NoItemFlags] * 6
    assert not any(action.isEnabled() for action in window.waiting_actions)
    assert not page.import_button.isEnabled()
    assert "Đang mở dữ liệu" in window.data_label.text()

    window.sidebar.setCurrentRow(2)  # the user asks for Nhật ký before the data is open
    assert window.stack.currentIndex() == 0 and "activities" not in window._built

    window.attach(services)
    assert (page.progress_card.value.text(), page.report_card.value.text(), page.plan_title.text(),
            page.phase_model.rowCount()) == first  # the first look drew what the services draw
    assert all(action.isEnabled() for action in window.waiting_actions) and page.import_button.isEnabled()
    assert window.stack.currentWidget() is window.activity_page  # the page asked for is shown now
    assert page.month_deadlines is not None and page.month_deadlines.deadline_model.rowCount() > 0


def test_a_first_run_paints_a_waiting_page(qtbot, data_dir):
    window = waiting_window(qtbot, data_dir)
    assert window.first_look is None
    assert window.overview_page.plan_title.text() == "Đang mở dữ liệu…"
    assert window.windowTitle() == "Cell Desk"


def test_the_first_paint_loads_neither_sqlalchemy_nor_alembic(services, data_dir):
    services.close()
    done = subprocess.run([sys.executable, "-X", "importtime", "-m", "cell_desk", "--data-dir", str(data_dir),
                           "--first-paint"], capture_output=True, text=True, timeout=120,
                          env=dict(os.environ, QT_QPA_PLATFORM="offscreen"))
    assert done.returncode == 0, done.stderr[-2000:]
    assert "lần vẽ đầu tiên" in done.stdout
    modules = {line.split("|")[-1].strip() for line in done.stderr.splitlines() if line.startswith("import time:")}
    assert "cell_desk.storage.first_look" in modules
    assert not {name for name in modules if name.split(".")[0] in ("sqlalchemy", "alembic", "docx", "openpyxl")}


def test_smoke_opens_the_data_after_the_first_paint(services, data_dir):
    services.close()
    done = subprocess.run([sys.executable, "-m", "cell_desk", "--data-dir", str(data_dir), "--smoke"],
                          capture_output=True, text=True, timeout=120, env=dict(os.environ, QT_QPA_PLATFORM="offscreen"))
    assert done.returncode == 0, done.stderr
    painted, ready = (int(word) for word in done.stdout.split() if word.isdigit())
    assert 0 < painted <= ready
