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


def ask_choice(parent: QWidget | None, title: str, text: str, choices: list[str]) -> int | None:
    """A question with buttons named by what they do; the index of the one pressed, None for Esc.
    The last choice is the one that changes nothing (Esc means it too)."""
    box = _box(parent, QMessageBox.Icon.Question, title, text, QMessageBox.StandardButton.NoButton)
    buttons = [box.addButton(label, QMessageBox.ButtonRole.ActionRole) for label in choices]
    box.setEscapeButton(buttons[-1])
    box.setDefaultButton(buttons[0])
    box.exec()
    clicked = box.clickedButton()
    return buttons.index(clicked) if clicked in buttons else None


def open_file(parent: QWidget | None, path) -> bool:
    """Opens a file in the program the system uses for it, or says why it could not."""
    from pathlib import Path

    from PySide6.QtCore import QUrl
    from PySide6.QtGui import QDesktopServices

    path = Path(path)
    if not path.exists():
        show_error(parent, "Không mở được tệp", f"Không thấy tệp {path}. Có thể tệp đã bị xóa hoặc chuyển đi.")
        return False
    if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))):
        show_error(parent, "Không mở được tệp", f"Máy chưa có chương trình mở được tệp {path.name}.")
        return False
    return True


def run_export(parent: QWidget, write, refusals: tuple = (), target=None,
               label: str = "Đang ghi tệp…"):
    """Runs an export off the GUI thread, with a progress dialog and Hủy once it takes a moment (the
    window keeps drawing). A refusal the user can act on (a file open in Word, a full disk, or any of
    `refusals`) becomes a message and None; Hủy gives None and removes `target` if the export made it;
    otherwise returns what write() returned."""
    from ..exports.atomic import ExportError
    from .background import write_in_background

    try:
        return write_in_background(parent, "Đang xuất", label, write, target)
    except (ExportError, *refusals) as exc:
        show_error(parent, "Chưa xuất được", str(exc))
        return None


def offer_to_open(parent: QWidget, title: str, text: str, path) -> None:
    if ask_yes_no(parent, title, f"{text}\n\nMở tệp ngay?"):
        open_file(parent, path)
