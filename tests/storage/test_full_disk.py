"""A disk that fills up: every write, export and backup says so in Vietnamese and the data file
stays whole (a 2 MB tmpfs, so root only); and a GUI killed with its lock held does not keep the
next start out."""
import datetime as dt
import errno
import os
import signal
import sqlite3
import subprocess
import sys
import time
from contextlib import closing
from pathlib import Path

import pytest

from cell_desk.domain.activity import ActivityDraft
from cell_desk.domain.plan import ItemStatus
from cell_desk.exports.atomic import ExportError
from cell_desk.storage import errors

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def small_disk(tmp_path):
    if sys.platform != "linux" or os.geteuid() != 0:
        pytest.skip("mounting a 2 MB tmpfs needs root on Linux")
    mount = tmp_path / "o-nho"
    mount.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(mount)], capture_output=True, text=True)
    if done.returncode != 0:
        pytest.skip(f"tmpfs cannot be mounted here: {done.stderr.strip()}")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def _fill(folder: Path) -> Path:
    """Takes every free byte of the disk; returns the file to remove to free it."""
    filler = folder / "day.bin"
    with open(filler, "wb", buffering=0) as handle:
        try:
            while True:
                handle.write(b"\x00" * 4096)
        except OSError as exc:
            assert exc.errno == errno.ENOSPC
    return filler


@pytest.mark.slow
def test_a_full_disk_gives_the_message_and_keeps_the_data(small_disk, open_at):
    data = small_disk / "du-lieu"
    services = open_at(folder=data)
    item = services.plans.plan_tree().all_items()[0]
    kept = services.activities.add(ActivityDraft(dt.date(2020, 8, 3), "Tuyên truyền miệng", "Đã lưu trước khi đầy"))
    filler = _fill(small_disk)

    with pytest.raises(errors.WriteFailed, match="Ổ đĩa chứa .* đã đầy nên chưa lưu được"):
        for n in range(2000):  # the WAL has some room left: write until the disk refuses
            services.activities.add(ActivityDraft(dt.date(2020, 8, 4), "Tuyên truyền miệng", f"Lần {n}",
                                                  content="x" * 2000))
    with pytest.raises(errors.WriteFailed, match="đã đầy"):
        for _ in range(200):
            services.checklist.update_item(item.id, status=ItemStatus.DONE, evidence="y" * 20000)
            services.checklist.update_item(item.id, status=ItemStatus.IN_PROGRESS, evidence="z" * 20000)
    with pytest.raises(ExportError, match="Ổ đĩa chứa .* đã đầy"):
        services.activity_excel.export(small_disk / "nhat-ky.xlsx")
    with pytest.raises(ExportError, match="Ổ đĩa chứa .* đã đầy"):
        services.backups.backup_to(small_disk / "sao-luu.sqlite3")
    with pytest.raises(errors.WriteFailed, match="Ổ đĩa chứa .* đã đầy nên chưa lưu được bản sao lưu"):
        services.backups.automatic()
    leftovers = [path.name for path in small_disk.rglob("*") if path.name.endswith((".partial", ".xlsx", ".zip"))
                 or path.name == "sao-luu.sqlite3"]
    assert leftovers == []  # no half file left behind

    filler.unlink()
    assert services.activities.get(kept.id).draft.title == "Đã lưu trước khi đầy"
    services.close()
    with closing(sqlite3.connect(data / "cell_desk.sqlite3")) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    again = open_at(folder=data)  # and the program opens it and saves again once there is room
    again.activities.add(ActivityDraft(dt.date(2020, 8, 5), "Tuyên truyền miệng", "Sau khi dọn chỗ"))
    assert again.backups.backup_to(small_disk / "sao-luu.sqlite3").exists()


@pytest.mark.slow
def test_a_restore_onto_a_full_disk_changes_nothing(small_disk, open_at, tmp_path):
    from cell_desk.app import restore_backup

    data = small_disk / "du-lieu"
    services = open_at(folder=data)
    copy = services.backups.backup_to(tmp_path / "ban-sao.sqlite3")
    services.close()
    before = (data / "cell_desk.sqlite3").read_bytes()
    filler = _fill(small_disk)
    with pytest.raises(errors.StorageError, match="đã đầy"):
        restore_backup(data, copy)
    assert (data / "cell_desk.sqlite3").read_bytes() == before
    assert not [path for path in data.rglob("*") if path.suffix in (".partial", ".restoring")]
    filler.unlink()


GUI = """
import sys
from cell_desk.ui.launcher import run_gui
sys.exit(run_gui(sys.argv[1]))
"""


@pytest.mark.slow
@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")
def test_a_lock_left_by_a_killed_window_is_taken_over_at_the_next_start(data_dir, tmp_path):
    env = dict(os.environ, PYTHONPATH=str(ROOT), QT_QPA_PLATFORM="offscreen")
    lock = data_dir / "cell_desk.lock"
    window = subprocess.Popen([sys.executable, "-c", GUI, str(data_dir)], cwd=ROOT, env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 60
        while not (lock.exists() and lock.stat().st_size and (data_dir / "cell_desk.sqlite3").exists()):
            assert window.poll() is None, window.stderr.read().decode()
            assert time.monotonic() < deadline, "the window never took its lock"
            time.sleep(0.05)
        second = subprocess.run([sys.executable, "-m", "cell_desk", "--data-dir", str(data_dir), "--smoke"],
                                cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
        assert second.returncode == 3, second.stderr  # while it runs, a second start is refused
        assert "đang mở" in (second.stdout + second.stderr)
    finally:
        window.send_signal(signal.SIGKILL)  # no cleanup: the lock file stays behind
        window.wait(timeout=30)
    assert lock.exists()
    again = subprocess.run([sys.executable, "-m", "cell_desk", "--data-dir", str(data_dir), "--smoke"],
                           cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert again.returncode == 0, again.stdout + again.stderr


@pytest.mark.skipif(sys.platform == "win32", reason="process ids")
def test_a_lock_naming_a_living_process_of_another_program_is_taken_over(data_dir):
    """After a reboot the dead window's process id may belong to another program."""
    pytest.importorskip("PySide6")
    from cell_desk.ui.single_instance import LOCK_FILE, InstanceGuard

    other = subprocess.Popen(["sleep", "60"])
    try:
        import socket

        (data_dir / LOCK_FILE).write_text(f"{other.pid}\nCellDesk\n{socket.gethostname()}\n", encoding="utf-8")
        guard = InstanceGuard(data_dir)
        assert guard.acquire()
        guard.release()
    finally:
        other.kill()
        other.wait()
