"""Moving the office's data onto a PostgreSQL server: the address asked for, the copy made in the
background (Hủy rolls it back), and the next start opening the server."""
from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QLineEdit, QVBoxLayout

from ..screen import fit_to_screen

EXAMPLE_URL = "postgresql://nguoidung:matkhau@may-chu:5432/cell_desk"


class ServerAddressDialog(QDialog):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setWindowTitle("Chuyển dữ liệu lên máy chủ PostgreSQL")
        intro = QLabel(
            "Khi văn phòng có nhiều người cùng làm, dữ liệu có thể đặt trên một máy chủ PostgreSQL. Cell Desk "
            "chép toàn bộ dữ liệu của tệp trên máy này lên một cơ sở dữ liệu còn trống trên máy chủ; tệp trên máy "
            "giữ nguyên. Từ lần mở sau, máy này dùng dữ liệu trên máy chủ.\n\n"
            "Địa chỉ do người quản trị máy chủ cho, dạng:")
        intro.setWordWrap(True)
        example = QLabel(EXAMPLE_URL)
        self.address = QLineEdit()
        self.address.setPlaceholderText(EXAMPLE_URL)
        self.message = QLabel()
        self.message.setWordWrap(True)
        buttons = QDialogButtonBox()
        self.copy_button = buttons.addButton("Chép lên máy chủ", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton("Hủy", QDialogButtonBox.ButtonRole.RejectRole)
        self.copy_button.setDefault(True)
        self.copy_button.clicked.connect(self._check)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for widget in (intro, example, self.address, self.message, buttons):
            layout.addWidget(widget)
        fit_to_screen(self, 600, self.sizeHint().height())

    @property
    def url(self) -> str:
        return self.address.text().strip()

    def _check(self) -> None:
        if not self.url:
            self.message.setText("Chưa nhập địa chỉ máy chủ.")
            self.address.setFocus()
            return
        self.accept()


def copy_to_server_in_background(parent, services, url: str):
    """The copy, off the GUI thread: what was copied, or None after Hủy. Raises StorageError."""
    from ...storage.transfer import CopyCancelled, move_to_server
    from ..background import BackgroundTask

    finished = []

    def copy(progress, cancelled):
        try:
            copied = move_to_server(services.database, url, progress=progress, cancelled=cancelled)
        except CopyCancelled:
            return None
        finished.append(copied)
        return copied

    task = BackgroundTask(parent, "Chuyển dữ liệu lên máy chủ", "Đang chép dữ liệu lên máy chủ…",
                          describe=lambda done, total: f"Đã chép {done:,} / {total:,} dòng…".replace(",", "."))
    task.run(copy)
    # Hủy pressed as the copy was ending: the copy stands, and the setting with it
    return finished[0] if finished else None
