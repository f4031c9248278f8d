import pytest

from cell_desk.ui.library.images import QtImageCodec
from cell_desk.ui.main_window import MainWindow


@pytest.fixture
def image_codec():
    return QtImageCodec()


@pytest.fixture
def make_window(qtbot):
    def _make(services):
        window = MainWindow(services)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        return window

    return _make
