"""Long work off the GUI thread, with a Vietnamese progress dialog and a Hủy that stops it.

One helper for every page: reading an incoming document, exporting a PDF, and whatever else takes
longer than a blink (backups, large Excel files). The work itself is a plain Python callable that
knows nothing of Qt: it is given `progress(done, total)` to report steps and `cancelled()` to ask
whether Hủy was pressed, and it stops (raising or returning) soon after `cancelled()` turns true.

    task = BackgroundTask(parent, "Xuất PDF", "Đang chuyển sang PDF…")
    result = task.run(lambda progress, cancelled: convert(..., cancelled=cancelled))

`run` waits in a local event loop, so the window keeps drawing and the dialog's Hủy answers, and
returns what the work returned, None when the user cancelled, or raises what the work raised.
"""
from __future__ import annotations

import threading
from typing import Any, Callable

from PySide6.QtCore import QEventLoop, QObject, Qt, QThread, QTimer, Signal, Slot
from PySide6.QtWidgets import QProgressDialog, QWidget

Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]
Work = Callable[[Progress, Cancelled], Any]

CANCEL_TEXT = "Hủy"
STOPPING_TEXT = "Đang dừng…"


class _Worker(QObject):
    """Runs the work on its thread and hands back the result, or the exception that stopped it."""

    progressed = Signal(int, int)
    done = Signal(object)

    def __init__(self, work: Work, stop: threading.Event):
        super().__init__()
        self.work, self.stop = work, stop

    @Slot()
    def run(self) -> None:
        try:
            result = self.work(self.progressed.emit, self.stop.is_set)
        except BaseException as exc:  # noqa: BLE001 - handed to the GUI thread, which re-raises it
            result = _Failure(exc)
        self.done.emit(result)


class _Failure:
    def __init__(self, error: BaseException):
        self.error = error


class BackgroundTask(QObject):
    """One piece of long work with its progress dialog. `describe(done, total)` words a step for
    the dialog (by default the label stays as given); `discard(result)` tidies what came back after
    Hủy, a result or the exception raised (temporary files, page images)."""

    def __init__(self, parent: QWidget, title: str, label: str, *,
                 describe: Callable[[int, int], str] | None = None, minimum_duration_ms: int = 400):
        super().__init__(parent)
        self.widget = parent
        self.title, self.label, self.describe = title, label, describe
        self.minimum_duration_ms = minimum_duration_ms
        self.dialog: QProgressDialog | None = None  # while running; tests press its Hủy
        self.was_cancelled = False
        self._result: Any = None
        self._finished = False

    def run(self, work: Work, discard: Callable[[Any], None] | None = None) -> Any:
        stop = threading.Event()
        thread = QThread(self)
        worker = _Worker(work, stop)
        worker.moveToThread(thread)
        dialog = QProgressDialog(self.label, CANCEL_TEXT, 0, 0, self.widget)
        dialog.setWindowTitle(self.title)
        # wide enough for its label and a page count added later, never wider than a small screen
        dialog.setMinimumWidth(min(640, max(420, dialog.fontMetrics().horizontalAdvance(self.label) + 120)))
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(self.minimum_duration_ms)  # quick work finishes before it would show
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.canceled.connect(stop.set)
        dialog.canceled.connect(lambda: dialog.setLabelText(STOPPING_TEXT))
        self.dialog = dialog
        self.was_cancelled = False
        self._result, self._finished = None, False
        loop = QEventLoop()
        worker.progressed.connect(self._progressed)
        worker.done.connect(self._done)
        worker.done.connect(loop.quit)
        thread.started.connect(worker.run)
        # Qt shows a progress dialog on its own only once progress is reported (or after 4 s): work
        # that reports none still gets its dialog, and its Hủy, after the minimum duration
        QTimer.singleShot(self.minimum_duration_ms,
                          lambda: dialog.show() if self.dialog is dialog and not self._finished else None)
        thread.start()
        if not self._finished:
            loop.exec()
        thread.quit()
        thread.wait()
        cancelled = stop.is_set()  # before closing: closing a progress dialog counts as Hủy
        dialog.canceled.disconnect()
        dialog.close()
        dialog.deleteLater()
        worker.deleteLater()
        self.dialog = None
        self.was_cancelled = cancelled
        result, self._result = self._result, None
        if cancelled:
            if discard is not None:
                discard(result.error if isinstance(result, _Failure) else result)
            return None
        if isinstance(result, _Failure):
            raise result.error
        return result

    @Slot(int, int)
    def _progressed(self, done: int, total: int) -> None:
        dialog = self.dialog
        if dialog is None or dialog.wasCanceled():
            return
        dialog.setMaximum(total)
        dialog.setValue(done)
        if self.describe is not None:
            dialog.setLabelText(self.describe(done, total))

    @Slot(object)
    def _done(self, result) -> None:
        self._result, self._finished = result, True


def run_in_background(parent: QWidget, title: str, label: str, work: Work, **options) -> Any:
    """BackgroundTask(parent, title, label, **options).run(work), for a caller that needs no handle."""
    discard = options.pop("discard", None)
    return BackgroundTask(parent, title, label, **options).run(work, discard)


def write_in_background(parent: QWidget, title: str, label: str, write: Callable[[], Any], target=None) -> Any:
    """Writes a file off the GUI thread (an export, a backup): what write() returned, or None after
    Hủy, when a file the writing made at `target` is removed again (one that was there before stays)."""
    from pathlib import Path

    made_here = target is not None and not Path(target).exists()

    def discard(_result) -> None:
        if made_here:
            Path(target).unlink(missing_ok=True)

    return BackgroundTask(parent, title, label).run(lambda progress, cancelled: write(), discard=discard)
