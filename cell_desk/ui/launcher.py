"""Starting the GUI: open the data, ask the first-run questions, show the window."""
from __future__ import annotations

import sys
import time

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication

from .. import APP_NAME, __version__
from ..storage.errors import StorageError
from .messages import show_error

EXIT_USER_ERROR = 2


def make_application(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance() or QApplication(argv or [sys.argv[0]])
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setOrganizationName("CellDesk")
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


def run_gui(data_dir: str | None = None, *, smoke: bool = False, started: float | None = None) -> int:
    started = time.perf_counter() if started is None else started
    app = make_application()
    from ..app import open_services
    from .library.images import QtImageCodec

    try:
        services = open_services(data_dir, image_codec=QtImageCodec())
    except StorageError as exc:
        if smoke:
            print(str(exc), file=sys.stderr)
        else:
            show_error(None, "Không mở được dữ liệu", str(exc))
        return EXIT_USER_ERROR
    try:
        ensure_profile(services, ask=not smoke)
        from .main_window import MainWindow

        window = MainWindow(services)
        if smoke:
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
        window.show()
        return app.exec()
    finally:
        services.close()
