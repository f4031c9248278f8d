"""Page "Cài đặt": the cell profile, the active plan, where the data lives."""
from __future__ import annotations

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QComboBox, QGroupBox, QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from ...app import Services
from ...domain.validation import ValidationError
from .. import events
from ..widgets import heading_label
from .profile_form import ProfileForm


class SettingsPage(QWidget):
    title = "Cài đặt"

    def __init__(self, services: Services, app_events: events.AppEvents, parent=None):
        super().__init__(parent)
        self.services = services
        self.app_events = app_events

        self.form = ProfileForm()
        self.save_button = QPushButton("Lưu thông tin chi bộ")
        self.saved_label = QLabel()
        profile_box = QGroupBox("Thông tin chi bộ")
        profile_layout = QVBoxLayout(profile_box)
        profile_layout.addWidget(self.form)
        save_row = QHBoxLayout()
        save_row.addWidget(self.save_button)
        save_row.addWidget(self.saved_label, 1)
        profile_layout.addLayout(save_row)

        self.plan_choice = QComboBox()
        self.plan_choice.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.plan_choice.setMinimumContentsLength(40)
        plan_box = QGroupBox("Kế hoạch đang dùng")
        plan_layout = QVBoxLayout(plan_box)
        plan_layout.addWidget(self.plan_choice)

        self.data_path = QLineEdit(str(services.database.path))
        self.data_path.setReadOnly(True)
        open_folder = QPushButton("Mở thư mục dữ liệu")
        data_box = QGroupBox("Dữ liệu")
        data_layout = QVBoxLayout(data_box)
        data_layout.addWidget(QLabel("Toàn bộ dữ liệu nằm trong tệp:"))
        data_layout.addWidget(self.data_path)
        folder_row = QHBoxLayout()
        folder_row.addWidget(open_folder)
        folder_row.addStretch(1)
        data_layout.addLayout(folder_row)

        save_row.addStretch(1)
        content = QWidget()
        content.setMaximumWidth(860)  # long lines of form fields are hard to read
        column = QVBoxLayout(content)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(heading_label("Cài đặt"))
        column.addWidget(profile_box)
        column.addWidget(plan_box)
        column.addWidget(data_box)
        column.addStretch(1)
        layout = QHBoxLayout(self)
        layout.addWidget(content, 1)
        layout.addStretch(0)

        self.save_button.clicked.connect(self.save_profile)
        self.plan_choice.activated.connect(self._choose_plan)
        open_folder.clicked.connect(
            lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(str(services.data_dir)))
        )
        self.reload()

    def reload(self) -> None:
        self.form.set_profile(self.services.settings.profile())
        self.plan_choice.clear()
        for plan in self.services.plans.list_plans():
            self.plan_choice.addItem(f"{plan.reference}: {plan.title}", plan.id)
            if plan.is_active:
                self.plan_choice.setCurrentIndex(self.plan_choice.count() - 1)

    def save_profile(self) -> bool:
        profile = self.form.validated_profile()
        if profile is None:
            self.saved_label.clear()
            return False
        try:
            self.services.settings.save_profile(profile)
        except ValidationError as exc:
            self.form.show_problems({exc.field or "": str(exc)})
            return False
        self.saved_label.setText("Đã lưu.")
        self.app_events.changed.emit(events.PROFILE)
        return True

    def _choose_plan(self, _index: int) -> None:
        plan_id = self.plan_choice.currentData()
        if plan_id is not None and plan_id != self.services.plans.active_plan_id():
            self.services.plans.set_active(plan_id)
            self.app_events.changed.emit(events.PLANS)
