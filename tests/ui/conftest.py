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


@pytest.fixture(autouse=True, scope="session")
def the_application_as_started(qapp):
    """The application set up as the launcher does (Vietnamese texts, the screen guard, Qt's own file
    dialogs), for every test whatever the order they run in."""
    from cell_desk.ui.launcher import make_application

    make_application()
