"""The cell profile form, shared by the first-run dialog and the Cài đặt page."""
from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QFormLayout, QLineEdit, QPlainTextEdit, QWidget

from ...domain.profile import FIELD_LABELS, MAX_LENGTHS, SIGNING_AUTHORITIES, CellProfile
from ..widgets import OVERDUE_TEXT, error_label

HINTS = {
    "cell_name": "Ví dụ: Chi bộ Văn phòng",
    "upper_body": "Ví dụ: Đảng bộ xã Hòa Bình",  # a body of 2026 (the Đảng ủy Khối of 2019 no longer exist)
    "place_name": "Ví dụ: Hòa Bình",
    "secretary_name": "Họ và tên người ký",
    "issuer_code": "CB",
}


class ProfileForm(QWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.fields: dict[str, QLineEdit] = {}
        layout = QFormLayout(self)
        for name in ("cell_name", "upper_body", "place_name", "secretary_name"):
            self.fields[name] = self._line(name)
            layout.addRow(FIELD_LABELS[name] + ":", self.fields[name])
        self.signing_authority = QComboBox()
        self.signing_authority.setEditable(True)
        self.signing_authority.addItems(SIGNING_AUTHORITIES)
        self.signing_authority.lineEdit().setMaxLength(MAX_LENGTHS["signing_authority"])
        layout.addRow(FIELD_LABELS["signing_authority"] + ":", self.signing_authority)
        self.fields["issuer_code"] = self._line("issuer_code")
        layout.addRow(FIELD_LABELS["issuer_code"] + ":", self.fields["issuer_code"])
        self.recipients = QPlainTextEdit()
        self.recipients.setPlaceholderText("Mỗi dòng một nơi nhận")
        self.recipients.setFixedHeight(90)
        layout.addRow(FIELD_LABELS["recipients"] + ":", self.recipients)
        self.error = error_label()
        layout.addRow(self.error)
        self._problems: dict[str, str] = {}
        for edit in self.fields.values():  # a red field turns back once what it lacked is typed
            edit.textChanged.connect(lambda _text: self._recheck())

    def _line(self, name: str) -> QLineEdit:
        edit = QLineEdit()
        edit.setMaxLength(MAX_LENGTHS[name])
        edit.setPlaceholderText(HINTS.get(name, ""))
        return edit

    def set_profile(self, profile: CellProfile) -> None:
        for name, edit in self.fields.items():
            edit.setText(getattr(profile, name))
        self.signing_authority.setCurrentText(profile.signing_authority)
        self.recipients.setPlainText("\n".join(profile.recipients))
        self._mark({})

    def profile(self) -> CellProfile:
        values = {name: edit.text() for name, edit in self.fields.items()}
        return CellProfile(
            **values,
            signing_authority=self.signing_authority.currentText(),
            recipients=self.recipients.toPlainText().splitlines(),
        )

    def _recheck(self) -> None:
        if self._problems:
            still = self.profile().normalized().problems()
            self._mark({name: text for name, text in still.items() if name in self._problems})

    def _mark(self, problems: dict[str, str]) -> None:
        self._problems = problems
        for name, edit in self.fields.items():
            edit.setStyleSheet(f"border: 1px solid {OVERDUE_TEXT.name()};" if name in problems else "")
        self.error.setText("\n".join(problems.values()))
        self.error.setVisible(bool(problems))

    def show_problems(self, problems: dict[str, str]) -> None:
        """Marks refused fields in red and lists the reasons under the form."""
        self._mark(problems)
        if problems and next(iter(problems)) in self.fields:
            self.fields[next(iter(problems))].setFocus()

    def validated_profile(self) -> CellProfile | None:
        """The profile when it can be saved; otherwise None, with the problems shown."""
        profile = self.profile().normalized()
        problems = profile.problems()
        self.show_problems(problems)
        return None if problems else profile
