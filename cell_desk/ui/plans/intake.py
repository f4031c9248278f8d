"""Bringing a document of the upper level in, from any page: choose the file, read it, review it
in the plan editor, save it. The Tệp menu, Cài đặt and Tổng quan all use this one flow."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from ...app import Services
from .. import events

IMPORT_LABEL = "Nhập văn bản cấp trên…"
IMPORT_TIP = ("Kế hoạch, định hướng tháng, hướng dẫn, danh mục khẩu hiệu… của cấp trên: tệp Word (.docx, .doc), "
              "PDF, ảnh chụp (.jpg, .png), văn bản (.txt) hoặc tệp trao đổi Cell Desk (.json)")
FILE_FILTER = "Văn bản (*.docx *.doc *.txt *.pdf *.jpg *.jpeg *.png *.json);;Mọi tệp (*)"


class DocumentIntake(QObject):
    """One import flow; `message` says what became of it (saved, not saved) for the page's label."""

    message = Signal(str)

    def __init__(self, services: Services, app_events: events.AppEvents, parent: QWidget):
        super().__init__(parent)
        self.services = services
        self.app_events = app_events
        self.widget = parent  # dialogs open over it

    # --- importing a file -------------------------------------------------------
    def ask_import(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        path, _ = QFileDialog.getOpenFileName(self.widget, "Chọn văn bản của cấp trên", str(Path.home()), FILE_FILTER)
        if path:
            self.import_file(Path(path))

    def import_file(self, path: Path) -> int | None:
        dialog = self.review_import(path)
        if dialog is not None and dialog.exec():
            return self.finish_import(dialog)
        return None

    def review_import(self, path: Path):
        """The review dialog for a file, or None after saying why it cannot be read."""
        from ...domain.validation import ValidationError
        from ...imports.plan_files import PlanFileError, read_plan_lines
        from ...services.document_intake import read_plan_file
        from ..messages import show_error
        from .editor import PlanEditorDialog

        path = Path(path)
        try:
            parsed = read_plan_file(path)
            source = None if path.suffix.lower() == ".json" else read_plan_lines(path)
        except (PlanFileError, ValidationError, OSError) as exc:
            show_error(self.widget, "Không nhập được văn bản", str(exc))
            return None
        return PlanEditorDialog(parsed.document, title=f"Xem lại văn bản nhập từ “{path.name}”", source=source,
                                notes=parsed.notes, undated=parsed.undated_phases, offer_activate=True,
                                parent=self.widget)

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
