"""Errors that reach the event loop: a user-fixable one gets its message, a bug gets a short
report and the log file's path. Either way the program keeps running."""
from __future__ import annotations

import logging
import sys
import traceback
from pathlib import Path

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMessageBox

from ..exports.atomic import ExportError
from ..storage.errors import EditConflict, StorageError
from .messages import show_error

log = logging.getLogger("cell_desk")


def short_report(exc_type, exc, tb) -> str:
    frames = traceback.extract_tb(tb)[-3:]
    where = "; ".join(f"{Path(frame.filename).name}:{frame.lineno} {frame.name}" for frame in frames)
    return f"{exc_type.__name__}: {exc}\n{where}"


def install_excepthook(log_path: Path | None) -> None:
    def hook(exc_type, exc, tb) -> None:
        if issubclass(exc_type, (StorageError, ExportError)):
            log.warning("%s", exc)
            show_error(None, "Chưa thực hiện được", str(exc))
            if issubclass(exc_type, EditConflict):
                reload_windows()  # the message says to look at the newest copy: it is on screen now
            return
        log.error("Lỗi ngoài dự kiến", exc_info=(exc_type, exc, tb))
        show_bug_report(short_report(exc_type, exc, tb), log_path)

    sys.excepthook = hook


def reload_windows() -> None:
    from PySide6.QtWidgets import QApplication

    for widget in QApplication.topLevelWidgets():
        if callable(getattr(widget, "reload_data", None)) and getattr(widget, "services", None) is not None:
            widget.reload_data()


def show_bug_report(report: str, log_path: Path | None) -> None:
    box = QMessageBox(QMessageBox.Icon.Critical, "Chương trình gặp lỗi",
                      "Chương trình gặp một lỗi ngoài dự kiến. Những gì đã lưu trước đó vẫn an toàn; "
                      "thao tác vừa rồi có thể chưa được thực hiện.\n\n"
                      f"Báo cáo ngắn:\n{report}\n\n"
                      + (f"Nhật ký đầy đủ: {log_path}" if log_path else ""))
    copy = box.addButton("Chép báo cáo", QMessageBox.ButtonRole.ActionRole)
    box.addButton("Đóng", QMessageBox.ButtonRole.AcceptRole)
    box.exec()
    if box.clickedButton() is copy:
        QGuiApplication.clipboard().setText(report + (f"\n{log_path}" if log_path else ""))
