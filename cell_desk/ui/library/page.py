"""Page "Thư viện": the slogan and the poster tabs."""
from __future__ import annotations

from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from ...app import Services
from .. import events
from ..widgets import heading_label
from .posters import PosterTab
from .slogans import SloganTab


class LibraryPage(QWidget):
    title = "Thư viện"

    def __init__(self, services: Services, app_events: events.AppEvents, undo_stack: QUndoStack, parent=None):
        super().__init__(parent)
        self.slogans = SloganTab(services, undo_stack)
        self.posters = PosterTab(services)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.slogans, "Khẩu hiệu")
        self.tabs.addTab(self.posters, "Pa-nô, áp phích")
        layout = QVBoxLayout(self)
        layout.addWidget(heading_label("Thư viện khẩu hiệu, pa-nô"))
        layout.addWidget(self.tabs, 1)
        app_events.changed.connect(self._on_changed)

    def _on_changed(self, kind: str) -> None:
        if kind == events.PLANS:  # slogans belong to the active plan
            self.slogans.reload_tags()
            self.slogans.reload()
