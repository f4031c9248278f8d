"""Windows that fit the screen they open on: 1366×768 and 1280×720 office laptops, at 100% and 125%
(where 1280×720 leaves 1024×576 to draw in). Every dialog asks for its size through fit_to_screen;
the ScreenGuard installed on the application catches any other top-level window (message boxes,
other pages' dialogs, a saved geometry from a larger monitor) and pulls it inside the screen."""
from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QRect
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDialog, QMainWindow, QWidget

# Room left for a window's title bar and frame, which the window's own size does not count.
FRAME_WIDTH = 16
FRAME_HEIGHT = 40
# The smallest screen the program is made for: 1280×720 at 125%, less a taskbar of 40 px.
SMALLEST_AREA = QRect(0, 0, 1024, 536)


def available_area(widget: QWidget | None = None) -> QRect:
    """The part of the widget's screen (or the primary screen) that windows may use."""
    screen = None
    if widget is not None:
        parent = widget.parentWidget()
        screen = (parent.window().screen() if parent is not None else None) or widget.screen()
    screen = screen or QGuiApplication.primaryScreen()
    return screen.availableGeometry() if screen is not None else SMALLEST_AREA


def fit_to_screen(window: QWidget, width: int, height: int) -> None:
    """Resizes a top-level window to width×height, or less where the screen is smaller, and
    centres it on its parent's screen."""
    area = available_area(window)
    width = min(width, area.width() - FRAME_WIDTH)
    height = min(height, area.height() - FRAME_HEIGHT)
    window.resize(max(width, 200), max(height, 120))
    keep_on_screen(window, area)


def keep_on_screen(window: QWidget, area: QRect | None = None) -> None:
    """Makes a window no larger than the available screen and moves it inside (a geometry saved on
    a larger monitor, a dialog that grew)."""
    area = area or available_area(window)
    width = min(window.width(), area.width() - FRAME_WIDTH)
    height = min(window.height(), area.height() - FRAME_HEIGHT)
    if (width, height) != (window.width(), window.height()):
        window.resize(width, height)
    frame = window.frameGeometry()
    extra_w, extra_h = frame.width() - window.width(), frame.height() - window.height()
    x = min(max(frame.x(), area.left()), area.right() + 1 - window.width() - extra_w)
    y = min(max(frame.y(), area.top()), area.bottom() + 1 - window.height() - extra_h)
    if (x, y) != (frame.x(), frame.y()):
        window.move(max(x, area.left()), max(y, area.top()))


def scrolling(content: QWidget):
    """A long form inside a scroll area (a QScrollArea), so that its window can be shorter than the form."""
    from PySide6.QtWidgets import QScrollArea

    area = QScrollArea()
    area.setWidget(content)
    area.setWidgetResizable(True)
    area.setFrameShape(QScrollArea.Shape.NoFrame)
    return area


class ScreenGuard(QObject):
    """Installed on the application: every dialog or main window shown is pulled inside the
    screen, whoever made it."""

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.Show and isinstance(watched, (QDialog, QMainWindow)) and watched.isWindow():
            keep_on_screen(watched)
        return False


def install_screen_guard(app) -> None:
    guard = ScreenGuard(app)
    app.installEventFilter(guard)
    app._screen_guard = guard  # kept alive as long as the application
