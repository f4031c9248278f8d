"""The baseline of the start-up benchmarks: a bare QMainWindow of the main window's size.
Mirrors cell_desk/ui/launcher.py: the clock starts at the first line, stops on the first Paint of
the window, then quits from the event loop. benchmarks/startup.py runs it from source and
benchmarks/bundle.py builds it with PyInstaller the way Cell Desk is built."""
import time
t = time.perf_counter()
import sys
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow


class FirstPaint(QObject):
    def __init__(self, app):
        super().__init__()
        self.app, self.elapsed_ms = app, None

    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint and self.elapsed_ms is None:
            self.elapsed_ms = (time.perf_counter() - t) * 1000
            QTimer.singleShot(0, self.app.quit)
        return False


app = QApplication(sys.argv[:1])
window = QMainWindow()
window.setWindowTitle("baseline")
window.resize(1200, 760)  # same size as MainWindow
watcher = FirstPaint(app)
window.installEventFilter(watcher)
window.show()
app.exec()
window.close()
if watcher.elapsed_ms is None:
    print("no paint", file=sys.stderr)
    sys.exit(1)
print(f"baseline painted after {watcher.elapsed_ms:.0f} ms")
