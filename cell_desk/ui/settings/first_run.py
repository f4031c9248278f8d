"""The one short dialog of the first run: every field has a default, so it can be skipped."""
from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout

from ...domain.profile import CellProfile
from .profile_form import ProfileForm
from ..screen import fit_to_screen


class FirstRunDialog(QDialog):
    def __init__(self, profile: CellProfile, parent=None):
        super().__init__(parent)
        self.setWindowTitle("Chào mừng đến với Cell Desk")
        intro = QLabel(
            "Thông tin chi bộ dùng cho tiêu đề, số văn bản và chữ ký của báo cáo, kế hoạch.\n"
            "Có thể bấm “Bỏ qua” để dùng giá trị mặc định rồi sửa sau trong trang Cài đặt."
        )
        intro.setWordWrap(True)
        self.form = ProfileForm()
        self.form.set_profile(profile)
        buttons = QDialogButtonBox()
        self.save_button = buttons.addButton("Lưu", QDialogButtonBox.ButtonRole.AcceptRole)
        self.skip_button = buttons.addButton("Bỏ qua", QDialogButtonBox.ButtonRole.RejectRole)
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self._save)
        self.skip_button.clicked.connect(self._skip)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.form)
        layout.addWidget(buttons)
        fit_to_screen(self, 560, self.sizeHint().height())
        self.result_profile = profile

    def _save(self) -> None:
        profile = self.form.validated_profile()
        if profile is not None:
            self.result_profile = profile
            self.accept()

    def _skip(self) -> None:
        self.result_profile = CellProfile()
        self.reject()
