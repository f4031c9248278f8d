"""Message boxes with Vietnamese buttons (Qt ships no Vietnamese translation)."""
from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

BUTTON_LABELS = {
    QMessageBox.StandardButton.Ok: "Đồng ý",
    QMessageBox.StandardButton.Cancel: "Hủy",
    QMessageBox.StandardButton.Yes: "Có",
    QMessageBox.StandardButton.No: "Không",
    QMessageBox.StandardButton.Save: "Lưu",
    QMessageBox.StandardButton.Close: "Đóng",
}


def _box(parent: QWidget | None, icon, title: str, text: str, buttons) -> QMessageBox:
    box = QMessageBox(icon, title, text, buttons, parent)
    for button, label in BUTTON_LABELS.items():
        if box.button(button) is not None:
            box.button(button).setText(label)
    return box


def show_error(parent: QWidget | None, title: str, text: str) -> None:
    _box(parent, QMessageBox.Icon.Critical, title, text, QMessageBox.StandardButton.Ok).exec()


def show_info(parent: QWidget | None, title: str, text: str) -> None:
    _box(parent, QMessageBox.Icon.Information, title, text, QMessageBox.StandardButton.Ok).exec()


def ask_yes_no(parent: QWidget | None, title: str, text: str) -> bool:
    box = _box(
        parent, QMessageBox.Icon.Question, title, text,
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
    )
    box.setDefaultButton(QMessageBox.StandardButton.No)
    return box.exec() == QMessageBox.StandardButton.Yes
