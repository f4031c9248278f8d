"""Trợ giúp → Hướng dẫn sử dụng: the short Vietnamese guide shipped in resources/help, shown from
the disk (pictures included), never from the network."""
from __future__ import annotations

from PySide6.QtCore import QUrl
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QHBoxLayout, QListWidget, QTextBrowser, QVBoxLayout

from ..bundled import resource_path
from .screen import fit_to_screen

GUIDE_FILE = "huong-dan.html"


def guide_sections(html: str) -> list[tuple[str, str]]:
    """(anchor, heading) of each <h2 id="…"> of the guide, for the table of contents."""
    import re

    return [(anchor, re.sub(r"<[^>]+>", "", heading).strip())
            for anchor, heading in re.findall(r'<h2 id="([^"]+)">(.*?)</h2>', html, flags=re.S)]


class GuideWindow(QDialog):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setWindowTitle("Hướng dẫn sử dụng Cell Desk")
        folder = resource_path("help")
        html = (folder / GUIDE_FILE).read_text(encoding="utf-8")
        self.browser = QTextBrowser()
        self.browser.setOpenLinks(True)
        self.browser.setOpenExternalLinks(False)  # no network: only the guide's own pages and pictures
        self.browser.setSearchPaths([str(folder)])
        self.browser.document().setBaseUrl(QUrl.fromLocalFile(str(folder) + "/"))
        self.browser.setHtml(html)
        self.contents = QListWidget()
        self.sections = guide_sections(html)
        for _anchor, heading in self.sections:
            self.contents.addItem(heading)
        self.contents.setMaximumWidth(230)
        self.contents.setWordWrap(True)
        self.contents.currentRowChanged.connect(self.show_section)
        buttons = QDialogButtonBox()
        buttons.addButton("Đóng", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.rejected.connect(self.close)
        row = QHBoxLayout()
        row.addWidget(self.contents)
        row.addWidget(self.browser, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(row, 1)
        layout.addWidget(buttons)
        fit_to_screen(self, 1000, 700)

    def show_section(self, row: int) -> None:
        if 0 <= row < len(self.sections):
            self.browser.scrollToAnchor(self.sections[row][0])
