import logging
import logging.handlers
import os
import subprocess
import sys


from cell_desk.storage import errors
from cell_desk.storage.location import DATABASE_FILENAME
from cell_desk.ui import crash, launcher
from cell_desk.ui.single_instance import InstanceGuard
from tests.storage.test_database import damage


def test_a_second_instance_on_the_same_folder_says_why_and_exits(data_dir):
    guard = InstanceGuard(data_dir)
    assert guard.acquire()
    try:
        done = subprocess.run([sys.executable, "-m", "cell_desk", "--data-dir", str(data_dir), "--smoke"],
                              capture_output=True, text=True, timeout=120, env=dict(os.environ),
                              stdin=subprocess.DEVNULL)
    finally:
        guard.release()
    assert done.returncode == launcher.EXIT_ALREADY_RUNNING
    assert "Cell Desk đang mở với thư mục dữ liệu" in done.stderr


def test_a_second_launch_wakes_the_first_window(data_dir, qtbot):
    first = InstanceGuard(data_dir)
    assert first.acquire()
    woken = []
    first.listen(lambda: woken.append(True))
    second = InstanceGuard(data_dir)
    try:
        assert not second.acquire()
        assert second.wake_running_instance()
        qtbot.waitUntil(lambda: woken == [True], timeout=3000)
    finally:
        first.release()


def test_a_damaged_file_at_start_offers_the_latest_backup(open_at, data_dir, monkeypatch, qapp):
    services = open_at()
    services.backups.automatic()
    services.close()
    damage(data_dir / DATABASE_FILENAME)
    offered = []

    def choose(folder, problem, parent=None):
        from cell_desk.storage.backups import available_backups

        offered.append(problem)
        return available_backups(folder / "backups")[0].path

    monkeypatch.setattr(launcher, "_choose_recovery", choose)
    monkeypatch.setattr(launcher, "show_info", lambda *args: None)
    recovered = launcher._open_or_recover(data_dir, smoke=False)
    try:
        assert "đã bị hỏng" in offered[0]
        assert recovered.plans.list_plans()
        assert any("-hong-" in path.name for path in data_dir.iterdir())
    finally:
        recovered.close()


def test_settings_backup_and_restore_request(make_window, services, tmp_path):
    window = make_window(services)
    page = window.settings_page
    assert page.backup_to(tmp_path / "usb.sqlite3")
    assert "Đã sao lưu vào" in page.backup_message.text()
    page.restore_requested.emit(str(tmp_path / "usb.sqlite3"))
    assert window.restore_request == str(tmp_path / "usb.sqlite3")
    assert not window.isVisible()


def test_user_errors_get_their_message_and_bugs_a_report_with_the_log(monkeypatch, tmp_path, qapp):
    from cell_desk.logs import setup_logging

    log_path = setup_logging(tmp_path)
    shown, reports = [], []
    monkeypatch.setattr(crash, "show_error", lambda parent, title, text: shown.append(text))
    monkeypatch.setattr(crash, "show_bug_report", lambda report, path: reports.append((report, path)))
    previous = sys.excepthook
    crash.install_excepthook(log_path)
    try:
        try:
            raise errors.write_failed(tmp_path / "x.sqlite3", "database or disk is full")
        except errors.WriteFailed:
            sys.excepthook(*sys.exc_info())
        try:
            raise RuntimeError("hỏng logic")
        except RuntimeError:
            sys.excepthook(*sys.exc_info())
    finally:
        sys.excepthook = previous
    assert "đã đầy" in shown[0]
    assert reports[0][0].startswith("RuntimeError: hỏng logic") and reports[0][1] == log_path
    root = logging.getLogger()
    for handler in list(root.handlers):
        if isinstance(handler, logging.handlers.RotatingFileHandler):
            handler.close()
            root.removeHandler(handler)
    assert "RuntimeError: hỏng logic" in log_path.read_text(encoding="utf-8")
