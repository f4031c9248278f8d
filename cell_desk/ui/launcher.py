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


def make_application(argv: list[str] | None = None, *, with_icon: bool = True) -> QApplication:
    """The application in Vietnamese, with the screen guard; with_icon=False leaves the window
    icon to set_icon(), which start-up calls after the first paint (a PNG decoder and 1.8 MB)."""
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
    if with_icon:
        set_icon(app)
    return app


def set_icon(app: QApplication) -> None:
    if app.windowIcon().isNull():
        from PySide6.QtGui import QIcon

        from ..bundled import resource_path

        app.setWindowIcon(QIcon(str(resource_path("icons", "cell_desk.png"))))  # PNG: no SVG plugin to ship


class _DeferredStart(QObject):
    """Watches the window's first paint, then opens the data file: its checks (integrity, schema,
    write probe), migrations, SQLAlchemy and the services all come after the user sees the window,
    and the window's writing parts stay off until they have passed (MainWindow.attach)."""

    def __init__(self, app: QApplication, window, folder: Path, started: float, *, smoke: bool,
                 first_paint_only: bool = False, database_url: str | None = None):
        super().__init__()
        self.app, self.window, self.folder, self.started = app, window, folder, started
        self.database_url = database_url
        self.smoke, self.first_paint_only = smoke, first_paint_only
        self.painted_ms: float | None = None
        self.ready_ms: float | None = None
        self.services = None
        self.failed = False
        self.error: BaseException | None = None
        self._begun = False

    def eventFilter(self, watched, event) -> bool:
        if event.type() == QEvent.Type.Paint and self.painted_ms is None:
            self.painted_ms = (time.perf_counter() - self.started) * 1000
            QTimer.singleShot(0, self.app.quit if self.first_paint_only else self.finish)
        return False

    def finish(self) -> None:
        """Opens the data (or offers a backup), asks the first-run questions, takes the day's
        backup and brings the window to life. Runs once, from the first paint or the fallback timer."""
        if self._begun or self.first_paint_only:
            return
        self._begun = True
        set_icon(self.app)
        from ..logs import setup_logging

        try:
            setup_logging(self.folder)
        except OSError:
            pass  # an unwritable folder is reported when the data is opened
        try:
            self.services = _open_or_recover(self.folder, self.smoke, parent=self.window,
                                             database_url=self.database_url)
            if self.services is None:
                self.failed = True
                self.window.close()
                self.app.quit()
                return
            ensure_profile(self.services, self.window, ask=not self.smoke)
            if not self.smoke:
                _daily_backup(self.services)
            self.window.attach(self.services)
            self.ready_ms = (time.perf_counter() - self.started) * 1000
            if self.smoke:
                QTimer.singleShot(0, self.app.quit)
        except BaseException as exc:  # raised again once the event loop has ended
            self.error = exc
            self.app.quit()


# A window that is never painted (started minimised, another desktop) still opens its data.
UNPAINTED_START_MS = 1500


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


def tell(smoke: bool, title: str, message: str, parent=None) -> None:
    """A message for the person, or on standard error when nobody is there (--smoke)."""
    if smoke:
        print(message, file=sys.stderr)
    else:
        show_error(parent, title, message)


def run_gui(data_dir: str | None = None, *, database_url: str | None = None, smoke: bool = False,
            first_paint_only: bool = False, started: float | None = None) -> int:
    """smoke: no person is there (messages go to standard error), and the program ends once the
    data is open; first_paint_only (for benchmarks/startup.py): it ends at the first paint."""
    started = time.perf_counter() if started is None else started
    app = make_application(with_icon=False)
    from ..storage.location import resolve_data_dir, resolve_database_url
    from .single_instance import InstanceGuard

    folder = resolve_data_dir(data_dir)
    database_url = resolve_database_url(database_url, folder)
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
        return _run_locked(app, guard, folder, database_url, smoke, first_paint_only, started)
    finally:
        guard.release()


def _run_locked(app: QApplication, guard, folder: Path, database_url: str | None, smoke: bool,
                first_paint_only: bool, started: float) -> int:
    if not smoke:
        from ..logs import log_path
        from .crash import install_excepthook

        install_excepthook(log_path(folder))  # the file itself is set up after the first paint
    import datetime as dt

    from ..storage.first_look import read_first_look
    from .main_window import MainWindow

    # the first look reads the SQLite file; a server's data comes with the full opening
    first_look = None if database_url else read_first_look(folder, dt.date.today())
    window = MainWindow(data_dir=folder, first_look=first_look, on_server=bool(database_url))
    start = _DeferredStart(app, window, folder, started, smoke=smoke, first_paint_only=first_paint_only,
                           database_url=database_url)
    window.installEventFilter(start)
    window.show()
    QTimer.singleShot(UNPAINTED_START_MS, start.finish)
    app.exec()
    services = start.services
    try:
        if start.error is not None:
            raise start.error
        if smoke or first_paint_only:
            window.close()
            return _smoke_result(start)
        if start.failed:
            return EXIT_USER_ERROR
        guard.listen(window.bring_forward)
        while window.restore_request is not None:
            services = _restore_and_reopen(services, folder, Path(window.restore_request))
            if services is None:
                return EXIT_USER_ERROR
            window = MainWindow(services)
            guard.listen(window.bring_forward)
            window.show()
            app.exec()
        return 0
    finally:
        if services is not None:
            services.close()


def _smoke_result(start: _DeferredStart) -> int:
    if start.failed:
        return EXIT_USER_ERROR
    if start.painted_ms is None:
        print("Cửa sổ chính không được vẽ.", file=sys.stderr)
        return 1
    if start.first_paint_only:
        print(f"Khởi động xong sau {start.painted_ms:.0f} ms (lần vẽ đầu tiên)")
    else:
        print(f"Khởi động xong sau {start.painted_ms:.0f} ms; dữ liệu sẵn sàng sau {start.ready_ms:.0f} ms")
    return 0


def _open(folder: Path, database_url: str | None):
    from ..app import open_services
    from .library.images import QtImageCodec

    return open_services(folder, image_codec=QtImageCodec(), database_url=database_url)


def _open_or_recover(folder: Path, smoke: bool, parent=None, database_url: str | None = None):
    """The services, or None after telling why. A damaged file offers the latest backup (a
    server's data is the server's to restore)."""
    while True:
        try:
            return _open(folder, database_url)
        except StorageError as exc:
            log.warning("%s", exc)
            if smoke or database_url or not isinstance(exc, RESTORABLE):
                tell(smoke, "Không mở được dữ liệu", str(exc), parent)
                return None
            backup = _choose_recovery(folder, str(exc), parent)
            if backup is None:
                return None
            try:
                from ..app import restore_backup

                kept = restore_backup(folder, backup)
            except StorageError as failure:
                show_error(parent, "Không khôi phục được", str(failure))
                continue
            show_info(parent, "Đã khôi phục", f"Đã khôi phục từ {backup}."
                      + (f"\nTệp hỏng được giữ lại ở {kept}" if kept else ""))


def _choose_recovery(folder: Path, problem: str, parent=None) -> Path | None:
    from ..storage.backups import available_backups
    from ..storage.database import BACKUP_FOLDER
    from .settings.backups import BackupChooser

    chooser = BackupChooser(
        available_backups(folder / BACKUP_FOLDER),
        f"{problem}\n\nChọn bản sao lưu để khôi phục (mới nhất ở trên cùng). Tệp hỏng được chuyển sang tên khác "
        "trong cùng thư mục, không bị xóa.",
        "Khôi phục bản đã chọn", cancel_label="Thoát", parent=parent,
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
