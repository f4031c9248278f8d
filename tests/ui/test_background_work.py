"""A backup and an Excel export run off the GUI thread: the window keeps drawing, and Hủy leaves no file."""
import threading
import time

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QProgressDialog, QPushButton


def press_cancel_when_shown(qtbot):
    """Presses Hủy on the progress dialog as soon as it shows; returns the label it showed."""
    seen = []

    def look():
        dialogs = [w for w in QApplication.topLevelWidgets() if isinstance(w, QProgressDialog) and w.isVisible()]
        if dialogs:
            seen.append(dialogs[0].labelText())
            button = dialogs[0].findChild(QPushButton)
            assert button.text() == "Hủy"
            button.click()  # as the user does
        else:
            QTimer.singleShot(50, look)

    QTimer.singleShot(50, look)
    return seen


def test_a_backup_runs_on_a_worker_thread(make_window, services, tmp_path, monkeypatch):
    window = make_window(services)
    page = window.settings_page
    threads = []
    real = services.backups.backup_to

    def recorded(path):
        threads.append(threading.current_thread())
        return real(path)

    monkeypatch.setattr(services.backups, "backup_to", recorded)
    target = tmp_path / "sao-luu.sqlite3"
    assert page.backup_to(target)
    assert target.exists() and threads and threads[0] is not threading.main_thread()
    assert page.backup_message.text() == f"Đã sao lưu vào {target}"


def test_cancelling_a_slow_backup_leaves_no_file_and_the_window_draws(make_window, services, tmp_path, monkeypatch,
                                                                     qtbot):
    window = make_window(services)
    page = window.settings_page
    target = tmp_path / "sao-luu.sqlite3"
    ticks = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(time.monotonic()))
    timer.start(20)

    def slow(path):
        time.sleep(1.2)
        path.write_bytes(b"SQLite format 3\x00")
        return path

    monkeypatch.setattr(services.backups, "backup_to", slow)
    seen = press_cancel_when_shown(qtbot)
    assert not page.backup_to(target)
    timer.stop()
    assert seen == ["Đang chép dữ liệu, ảnh và tệp đính kèm…"]
    assert not target.exists()
    assert page.backup_message.text() == "Đã hủy sao lưu; không có tệp nào được ghi."
    gaps = [b - a for a, b in zip(ticks, ticks[1:])]
    assert len(ticks) > 20 and max(gaps) < 0.2  # the event loop kept turning while the backup ran


def test_the_excel_export_runs_on_a_worker_thread(make_window, services, tmp_path, monkeypatch):
    from cell_desk.ui.messages import run_export

    window = make_window(services)
    threads = []

    def write():
        threads.append(threading.current_thread())
        (tmp_path / "nhat-ky.xlsx").write_bytes(b"PK")
        return 3

    assert run_export(window, write, target=tmp_path / "nhat-ky.xlsx") == 3
    assert threads[0] is not threading.main_thread()
