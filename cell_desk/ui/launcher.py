"""Starting the GUI: one instance per data folder, open (or recover) the data, ask the first-run
questions, take the day's backup, show the window; restore and reopen when asked."""
from __future__ import annotations

import logging
import sys
import time
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication

from .. import APP_NAME, __version__
from ..storage.errors import RESTORABLE, StorageError
from .messages import show_error, show_info

EXIT_USER_ERROR = 2
EXIT_ALREADY_RUNNING = 3
log = logging.getLogger("cell_desk")


def make_application(argv: list[str] | None = None) -> QApplication:
    existing = QApplication.instance()
    app = existing or QApplication(argv or [sys.argv[0]])
    if existing is None or not hasattr(app, "_vietnamese_translator"):
        from .translations import install_vietnamese

        install_vietnamese(app)
    if not hasattr(app, "_screen_guard"):
        from PySide6.QtCore import Qt

        from .screen import install_screen_guard

        install_screen_guard(app)  # no window larger than the screen, whoever opens it
        # Qt's own file dialog, which translations.py puts in Vietnamese, also where a page calls
        # QFileDialog's static functions (the platform's dialog speaks the language of Windows)
        app.setAttribute(Qt.ApplicationAttribute.AA_DontUseNativeDialogs)
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setOrganizationName("CellDesk")
    if app.windowIcon().isNull():
        from PySide6.QtGui import QIcon

        from ..bundled import resource_path

        app.setWindowIcon(QIcon(str(resource_path("icons", "cell_desk.png"))))  # PNG: no SVG plugin to ship
    return app


class _FirstPaint(QObject):
    """Quits the application once the watched window has painted (for --smoke)."""

    def __init__(self, started: float, app: QApplication):
        super().__init__()
        self.started, self.app, self.elapsed_ms = started, app, None

    def eventFilter(self, watched, event) -> bool:
        if event.type() == QEvent.Type.Paint and self.elapsed_ms is None:
            self.elapsed_ms = (time.perf_counter() - self.started) * 1000
            QTimer.singleShot(0, self.app.quit)
        return False


def ensure_profile(services, parent=None, *, ask: bool = True) -> None:
    """On first run, asks for the cell profile; without a person, takes the defaults."""
    if services.settings.has_profile():
        return
    profile = services.settings.profile()
    if ask:
        from .settings.first_run import FirstRunDialog

        dialog = FirstRunDialog(profile, parent)
        dialog.exec()
        profile = dialog.result_profile
    services.settings.save_profile(profile)


def tell(smoke: bool, title: str, message: str) -> None:
    """A message for the person, or on standard error when nobody is there (--smoke)."""
    if smoke:
        print(message, file=sys.stderr)
    else:
        show_error(None, title, message)


def run_gui(data_dir: str | None = None, *, smoke: bool = False, started: float | None = None) -> int:
    started = time.perf_counter() if started is None else started
    app = make_application()
    from ..storage.location import resolve_data_dir
    from .single_instance import InstanceGuard

    folder = resolve_data_dir(data_dir)
    guard = InstanceGuard(folder)
    try:
        acquired = guard.acquire()
    except OSError as exc:
        tell(smoke, "Không mở được dữ liệu", f"Không tạo được thư mục dữ liệu {folder} ({exc.strerror or exc}).")
        return EXIT_USER_ERROR
    if not acquired:
        if not smoke and guard.wake_running_instance():
            return 0  # the open window comes forward instead
        tell(smoke, "Cell Desk đang mở",
             f"Cell Desk đang mở với thư mục dữ liệu {folder} ở một cửa sổ khác. "
             "Hãy dùng cửa sổ đó, hoặc đóng nó rồi mở lại.")
        return EXIT_ALREADY_RUNNING
    try:
        return _run_locked(app, guard, folder, smoke, started)
    finally:
        guard.release()


def _run_locked(app: QApplication, guard, folder: Path, smoke: bool, started: float) -> int:
    from ..logs import setup_logging

    try:
        log_path = setup_logging(folder)
    except OSError:
        log_path = None  # an unwritable folder is reported when the data is opened
    if not smoke:
        from .crash import install_excepthook

        install_excepthook(log_path)
    services = _open_or_recover(folder, smoke)
    if services is None:
        return EXIT_USER_ERROR
    try:
        ensure_profile(services, ask=not smoke)
        if smoke:
            return _smoke(app, services, started)
        _daily_backup(services)
        from .main_window import MainWindow

        while True:
            window = MainWindow(services)
            guard.listen(window.bring_forward)
            window.show()
            app.exec()
            if window.restore_request is None:
                return 0
            services = _restore_and_reopen(services, folder, Path(window.restore_request))
            if services is None:
                return EXIT_USER_ERROR
    finally:
        if services is not None:
            services.close()


def _smoke(app: QApplication, services, started: float) -> int:
    from .main_window import MainWindow

    window = MainWindow(services)
    watcher = _FirstPaint(started, app)
    window.installEventFilter(watcher)
    window.show()
    app.exec()
    window.close()
    if watcher.elapsed_ms is None:
        print("Cửa sổ chính không được vẽ.", file=sys.stderr)
        return 1
    print(f"Khởi động xong sau {watcher.elapsed_ms:.0f} ms")
    return 0


def _open(folder: Path):
    from ..app import open_services
    from .library.images import QtImageCodec

    return open_services(folder, image_codec=QtImageCodec())


def _open_or_recover(folder: Path, smoke: bool):
    """The services, or None after telling why. A damaged file offers the latest backup."""
    while True:
        try:
            return _open(folder)
        except StorageError as exc:
            log.warning("%s", exc)
            if smoke or not isinstance(exc, RESTORABLE):
                tell(smoke, "Không mở được dữ liệu", str(exc))
                return None
            backup = _choose_recovery(folder, str(exc))
            if backup is None:
                return None
            try:
                from ..app import restore_backup

                kept = restore_backup(folder, backup)
            except StorageError as failure:
                show_error(None, "Không khôi phục được", str(failure))
                continue
            show_info(None, "Đã khôi phục", f"Đã khôi phục từ {backup}."
                      + (f"\nTệp hỏng được giữ lại ở {kept}" if kept else ""))


def _choose_recovery(folder: Path, problem: str) -> Path | None:
    from ..storage.backups import available_backups
    from ..storage.database import BACKUP_FOLDER
    from .settings.backups import BackupChooser

    chooser = BackupChooser(
        available_backups(folder / BACKUP_FOLDER),
        f"{problem}\n\nChọn bản sao lưu để khôi phục (mới nhất ở trên cùng). Tệp hỏng được chuyển sang tên khác "
        "trong cùng thư mục, không bị xóa.",
        "Khôi phục bản đã chọn", cancel_label="Thoát",
    )
    return chooser.chosen if chooser.exec() else None


def _daily_backup(services) -> None:
    try:
        services.backups.automatic()
    except (OSError, StorageError) as exc:
        # a missed daily copy must not stop the work; it is tried again next start
        log.warning("Không sao lưu tự động được: %s", exc)


def _restore_and_reopen(services, folder: Path, backup: Path):
    from ..app import restore_backup

    services.close()
    try:
        kept = restore_backup(folder, backup)
    except StorageError as exc:
        show_error(None, "Không khôi phục được", str(exc))
    else:
        show_info(None, "Đã khôi phục", f"Đã khôi phục từ {backup}."
                  + (f"\nDữ liệu trước đó được sao lưu ở {kept}" if kept else ""))
    return _open_or_recover(folder, smoke=False)
