"""Bringing a document of the upper level in, from any page: choose the file, read it (off the GUI
thread, with progress and Hủy), review it in the plan editor, save it, and offer to fill the cell's
profile from it. The Tệp menu, Cài đặt and Tổng quan all use this one flow."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QWidget

from ...app import Services
from ...domain.document_kinds import PLAIN_LIST
from ...services import document_intake
from ...services.document_intake import PLAIN_LIST_HINT, Incoming, NoPlanStructure
from .. import events
from ..background import BackgroundTask

FILE_FILTER = "Văn bản (*.docx *.doc *.txt *.pdf *.jpg *.jpeg *.png *.json);;Mọi tệp (*)"
READING = "Đang đọc văn bản…"


class DocumentIntake(QObject):
    """One import flow; `message` says what became of it (saved, not saved) for the page's label."""

    message = Signal(str)

    def __init__(self, services: Services, app_events: events.AppEvents, parent: QWidget):
        super().__init__(parent)
        self.services = services
        self.app_events = app_events
        self.widget = parent  # dialogs open over it
        self._task: BackgroundTask | None = None

    # --- importing a file -------------------------------------------------------
    def ask_import(self) -> None:
        from ..file_dialogs import open_file

        path = open_file(self.widget, "van-ban-cap-tren", "Chọn văn bản của cấp trên", FILE_FILTER)
        if path:
            self.import_file(path)

    def import_file(self, path: Path) -> int | None:
        dialog = self.review_import(path)
        if dialog is None:
            return None
        try:
            if not dialog.exec():
                return None
            plan_id = self.finish_import(dialog)
        finally:
            dialog.release_images()
        if plan_id is not None:
            self.offer_profile(dialog.result_document)
        return plan_id

    def review_import(self, path: Path, kind: str | None = None):
        """The review dialog for a file, or None after saying why it cannot be read (a document with
        no structure offers to be read as a plain list of tasks instead)."""
        from ..messages import show_error

        path = Path(path)
        try:
            incoming = self.read(path, kind)
        except NoPlanStructure as refusal:
            if not self.offer_plain_list(refusal):
                refusal.incoming.release()
                return None
            incoming = document_intake.reparse(refusal.incoming, PLAIN_LIST)
        except Exception as exc:
            if not _is_refusal(exc):
                raise
            show_error(self.widget, "Không nhập được văn bản", str(exc))
            return None
        if incoming is None:  # the user pressed Hủy
            self.message.emit(f"Đã hủy đọc “{path.name}”.")
            return None
        return self.review(incoming)

    def read(self, path: Path, kind: str | None = None) -> Incoming | None:
        """Reads on a worker thread while a progress dialog (with Hủy) keeps the window alive.
        None when the user cancelled; a refusal is raised as the service raised it."""
        # the dialog shows after 400 ms: a .docx or .txt is read before it would
        self._task = BackgroundTask(self.widget, "Nhập văn bản cấp trên", READING, describe=_reading_step)
        try:
            return self._task.run(
                lambda progress, cancelled: document_intake.read_incoming(Path(path), kind, progress=progress,
                                                                          cancelled=cancelled),
                discard=_release)
        finally:
            self._task.deleteLater()
            self._task = None

    @property
    def _progress(self) -> QProgressDialog | None:
        """The progress dialog while a file is being read."""
        return self._task.dialog if self._task is not None else None

    def offer_plain_list(self, refusal: NoPlanStructure) -> bool:
        box = refusal_box(self.widget, refusal)
        box.exec()
        return box.clickedButton() is box.plain_list_button

    def review(self, incoming: Incoming):
        from .editor import PlanEditorDialog

        holder = {"incoming": incoming}

        def again(kind: str):
            holder["incoming"] = document_intake.reparse(holder["incoming"], kind)
            return holder["incoming"].parsed

        name = incoming.name or "tệp"
        dialog = PlanEditorDialog.from_incoming(incoming, title=f"Xem lại văn bản nhập từ “{name}”",
                                                reparse=again if incoming.lines else None, offer_activate=True,
                                                parent=self.widget)
        dialog.release_images = incoming.release  # the page images go once the dialog is done with
        return dialog

    def finish_import(self, dialog) -> int | None:
        """Saves what the review dialog accepted (asking before a second copy of the same document)."""
        from ..messages import ask_yes_no

        document = dialog.result_document
        again = False
        if self.services.exchange.same_plan(document) is not None:
            plan = document["plan"]
            again = ask_yes_no(self.widget, "Văn bản đã có", f"Văn bản {plan['number']} cùng ngày ban hành đã có "
                               "trong chương trình. Vẫn lưu thêm một bản nữa?")
            if not again:
                self.message.emit("Không lưu: văn bản này đã có.")
                return None
        plan_id = self.services.exchange.save(document, activate=dialog.activate.isChecked(), allow_duplicate=again)
        self.message.emit(f"Đã lưu {document['plan'].get('kind', 'kế hoạch').lower()} {document['plan']['number']}.")
        self.app_events.changed.emit(events.PLANS)
        return plan_id

    # --- the cell's profile from the document ------------------------------------
    def profile_dialog(self, document: dict):
        """The offer to fill the profile from a saved document, or None when it agrees already."""
        from .profile_fill import ProfileFillDialog

        found = document_intake.profile_suggestions(document, self.services.settings.profile())
        return ProfileFillDialog(found, parent=self.widget) if found else None

    def offer_profile(self, document: dict) -> None:
        dialog = self.profile_dialog(document)
        if dialog is not None and dialog.exec():
            self.apply_profile(dialog)

    def apply_profile(self, dialog) -> bool:
        from ...domain.validation import ValidationError
        from ..messages import show_error

        changes = dialog.chosen_changes()
        if not changes:
            return False
        try:
            self.services.settings.update_profile(changes)
        except ValidationError as exc:
            show_error(self.widget, "Không cập nhật được thông tin chi bộ", str(exc))
            return False
        self.app_events.changed.emit(events.PROFILE)
        self.message.emit("Đã cập nhật thông tin chi bộ từ văn bản vừa nhập.")
        return True

    # --- typing a plan by hand ----------------------------------------------------
    def new_plan_dialog(self):
        from .editor import PlanEditorDialog

        today = self.services.clock()
        profile = self.services.settings.profile()
        document = {"format": "cell-desk-plan", "format_version": 1, "plan": {
            "number": f"01-KH/{profile.issuer_code}", "kind": "KẾ HOẠCH", "title": "", "place": profile.place_name,
            "issued_on": today.isoformat(), "phases": [{"code": "1", "title": "Đợt 1", "window_text": "",
                                                       "starts_on": today.isoformat(), "ends_on": today.isoformat(),
                                                       "items": [{"text": "Nội dung cần làm"}]}],
        }}
        return PlanEditorDialog(document, title="Soạn kế hoạch mới", offer_activate=True, parent=self.widget)

    def new_plan(self) -> int | None:
        dialog = self.new_plan_dialog()
        if dialog.exec():
            return self.finish_import(dialog)
        return None


def _reading_step(done: int, total: int) -> str:
    return f"{READING} trang {min(done + 1, total)}/{total}" if done < total else "Đang tìm các phần của văn bản…"


def _release(result) -> None:
    """What a reading cancelled too late left behind: its page images."""
    if isinstance(result, Incoming):
        result.release()
    if isinstance(result, NoPlanStructure):
        result.incoming.release()


def _is_refusal(exc: Exception) -> bool:
    """A file the user can do something about: said in a message, not a crash."""
    from ...domain.validation import ValidationError
    from ...imports.plan_files import PlanFileError

    return isinstance(exc, (PlanFileError, ValidationError, OSError))


def refusal_box(parent: QWidget | None, refusal: NoPlanStructure) -> QMessageBox:
    """“No structure found”, with what was recognised, offering to take the text as a plain list."""
    box = QMessageBox(QMessageBox.Icon.Warning, "Không thấy nội dung cần làm", str(refusal),
                      QMessageBox.StandardButton.NoButton, parent)
    box.setInformativeText("Có thể nhập văn bản như một danh sách việc: mỗi mục đánh số hoặc gạch đầu dòng thành "
                           "một nội dung cần làm, rồi xem lại và sửa trước khi lưu.")
    box.plain_list_button = box.addButton(PLAIN_LIST_HINT, QMessageBox.ButtonRole.AcceptRole)
    box.close_button = box.addButton("Đóng", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(box.plain_list_button)
    return box
