"""“Cập nhật thông tin chi bộ từ văn bản này?”: one checkbox per profile field the saved document
names differently, showing the current value and the proposed one."""
from __future__ import annotations

from html import escape

from PySide6.QtWidgets import (
    QCheckBox, QDialog, QDialogButtonBox, QGridLayout, QLabel, QScrollArea, QVBoxLayout, QWidget,
)

from ...services.document_intake import ProfileSuggestion
from ..screen import fit_to_screen


def _value(value) -> str:
    return "<br>".join(escape(line) for line in value) if isinstance(value, list) else escape(value or "(trống)")


class ProfileFillDialog(QDialog):
    def __init__(self, suggestions: list[ProfileSuggestion], parent=None):
        super().__init__(parent)
        self.setWindowTitle("Cập nhật thông tin chi bộ")
        self.suggestions = suggestions
        intro = QLabel("<b>Cập nhật thông tin chi bộ từ văn bản này?</b><br>Văn bản vừa lưu ghi khác với thông tin "
                       "chi bộ đang dùng ở các mục dưới đây. Đánh dấu mục muốn cập nhật; mục không đánh dấu giữ nguyên.")
        intro.setWordWrap(True)
        grid = QGridLayout()
        grid.addWidget(QLabel("<b>Hiện tại</b>"), 0, 1)
        grid.addWidget(QLabel("<b>Theo văn bản</b>"), 0, 3)
        self.checks: dict[str, QCheckBox] = {}
        for row, suggestion in enumerate(suggestions, start=1):
            check = QCheckBox(suggestion.label)
            check.setChecked(suggestion.chosen)
            self.checks[suggestion.field] = check
            current, proposed = QLabel(_value(suggestion.current)), QLabel(_value(suggestion.proposed))
            for label in (current, proposed):
                label.setWordWrap(True)
                label.setMinimumWidth(220)
            current.setStyleSheet("color: #6b6b6b;")
            grid.addWidget(check, row, 0)
            grid.addWidget(current, row, 1)
            grid.addWidget(QLabel("→"), row, 2)
            grid.addWidget(proposed, row, 3)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)
        grid.setVerticalSpacing(12)
        grid.setRowStretch(len(suggestions) + 1, 1)  # the rows stay together at the top
        body = QWidget()
        body.setLayout(grid)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        buttons = QDialogButtonBox()
        self.update_button = buttons.addButton("Cập nhật các mục đã chọn", QDialogButtonBox.ButtonRole.AcceptRole)
        self.keep_button = buttons.addButton("Không cập nhật", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(scroll, 1)
        layout.addWidget(buttons)
        fit_to_screen(self, 760, min(520, 160 + 90 * len(suggestions)))

    def chosen_changes(self) -> dict:
        return {s.field: s.proposed for s in self.suggestions if self.checks[s.field].isChecked()}
