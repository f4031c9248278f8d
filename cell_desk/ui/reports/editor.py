"""One document on screen: number, date, subtitle, its sections (saved as you type), and what can
be done with it: finalise or reopen, record it as sent, draft again, preview, Word, PDF."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QDate, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView, QDialog, QDialogButtonBox, QFormLayout, QHBoxLayout, QHeaderView, QLabel,
    QLineEdit, QPlainTextEdit, QPushButton, QScrollArea, QSpinBox, QTableWidget, QTableWidgetItem, QVBoxLayout,
    QWidget,
)

from ...app import Services
from ...domain.report import (
    PLAN_BASES, PLAN_SECTIONS, REPORT, REPORT_ANNEX, REPORT_OPENING, REPORT_SECTIONS, TASK_COLUMNS, CellDocument,
    DocumentStatus, task_rows, task_text,
)
from ...domain.validation import ValidationError
from ..file_dialogs import save_file
from ..messages import ask_yes_no, offer_to_open, run_export
from ..widgets import ALARM_STYLE, date_edit, error_label, to_qdate

SAVE_DELAY_MS = 700
# What to write, shown in an empty section (never printed)
SECTION_HINTS = {
    "ideology": "Những vấn đề tư tưởng nổi lên trong tháng, dư luận cần định hướng. ",
    "assessment": "Ưu điểm, hạn chế trong kỳ. ",
    "difficulties": "Khó khăn, vướng mắc khi thực hiện kế hoạch (để trống thì không in mục này). ",
    "proposals": "Đề xuất, kiến nghị với cấp trên (để trống thì không in mục này). ",
    REPORT_ANNEX: "Danh sách hoạt động in kèm báo cáo khi chọn “Kèm phụ lục”. ",
}


class DocumentEditor(QWidget):
    changed = Signal()  # saved, finalised, reopened or sent: lists and Tổng quan refresh
    fill_profile_requested = Signal()  # the user chose to fill in the cell's details before exporting

    def __init__(self, services: Services, kind: str, parent=None):
        super().__init__(parent)
        self.services = services
        self.kind = kind
        self.document: CellDocument | None = None
        self._loading = False
        self._task = None  # the PDF export running on a worker thread, while it runs

        self.number = QSpinBox()
        self.number.setRange(1, 9999)
        self.number_text = QLabel()  # the number as the document writes it: Số 05-BC/CB
        self.issued_on = date_edit(services.clock())
        self.subtitle = QLineEdit()
        self.status = QLabel()
        self.lock_note = QLabel("Văn bản đã chốt: các phần chỉ để xem. Bấm “Mở lại để sửa” nếu cần sửa.")
        self.lock_note.setStyleSheet(ALARM_STYLE)
        self.saved_note = QLabel()
        self.error = error_label()
        header = QFormLayout()
        numbers = QHBoxLayout()
        numbers.addWidget(self.number)
        numbers.addWidget(self.number_text)
        numbers.addSpacing(20)
        numbers.addWidget(QLabel("Ngày:"))
        numbers.addWidget(self.issued_on)
        numbers.addStretch(1)
        numbers.addWidget(self.status)
        header.addRow("Số thứ tự:", numbers)
        header.addRow("Trích yếu:", self.subtitle)

        # no Roman numbers here: a section left empty is not printed and the numbers close up
        sections = ([(REPORT_OPENING, "Đoạn mở đầu")] if kind == REPORT else [(PLAN_BASES, "Căn cứ (đoạn mở đầu)")])
        sections += [(key, title.upper()) for key, title in (REPORT_SECTIONS if kind == REPORT else PLAN_SECTIONS)]
        if kind == REPORT:
            sections.append((REPORT_ANNEX, "PHỤ LỤC: DANH SÁCH HOẠT ĐỘNG"))
        self.editors: dict[str, QPlainTextEdit] = {}
        holder = QWidget()
        column = QVBoxLayout(holder)
        for key, title in sections:
            label = QLabel(title)
            font = label.font()
            font.setBold(True)
            label.setFont(font)
            if kind != REPORT and key == "content":
                editor = TaskTable()  # what the cell will do, who leads it, by when
            else:
                editor = GrowingTextEdit(minimum_lines=3)
                editor.setPlaceholderText(SECTION_HINTS.get(key, "") + "Gõ nội dung; dòng bắt đầu bằng “- ” là "
                                          "gạch đầu dòng, “+ ” là ý nhỏ, “1. ” là mục.")
            editor.textChanged.connect(lambda key=key: self._schedule_save(key))
            column.addWidget(label)
            column.addWidget(editor)
            self.editors[key] = editor
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(holder)

        self.redraft_button = QPushButton("Soạn lại từ dữ liệu")
        self.redraft_button.setToolTip("Soạn lại đoạn mở đầu, kết quả, đánh giá, phương hướng và phụ lục từ nhật ký và "
                                       "kế hoạch (giữ các phần khác)"
                                       if kind == REPORT else "Soạn lại toàn bộ từ kế hoạch cấp trên")
        self.lock_button = QPushButton()
        self.sent_button = QPushButton("Đánh dấu đã gửi…")
        self.preview_button = QPushButton("Xem trước")
        self.word_button = QPushButton("Xuất Word…")
        self.pdf_button = QPushButton("Xuất PDF…")
        self.package_button = QPushButton("Gói báo cáo…")
        self.package_button.setToolTip("Một tệp .zip gồm báo cáo Word, số liệu theo hình thức, nhiệm vụ đã làm và "
                                       "còn lại, sinh hoạt chi bộ trong tháng: đảng ủy nhập thẳng, không phải gõ lại")
        if kind != REPORT:  # (showing a widget before it has a parent would open it as a window)
            self.package_button.hide()
        # two rows, so that the page fits a 1200-pixel screen beside the month list
        actions = QVBoxLayout()
        state_row, export_row = QHBoxLayout(), QHBoxLayout()
        for button in (self.redraft_button, self.lock_button, self.sent_button):
            state_row.addWidget(button)
        state_row.addStretch(1)
        state_row.addWidget(self.saved_note)
        export_row.addStretch(1)
        for button in (self.preview_button, self.word_button, self.pdf_button, self.package_button):
            export_row.addWidget(button)
        actions.addLayout(state_row)
        actions.addLayout(export_row)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(header)
        layout.addWidget(self.lock_note)
        layout.addWidget(self.error)
        layout.addWidget(scroll, 1)
        layout.addLayout(actions)

        self._pending: set[str] = set()
        self._timer = QTimer(self, singleShot=True, interval=SAVE_DELAY_MS)
        self._timer.timeout.connect(self.flush)
        self.number.editingFinished.connect(lambda: self._update_header(number=self.number.value()))
        self.issued_on.dateChanged.connect(lambda _d: self._update_header(issued_on=self.issued_on.date().toPython()))
        self.subtitle.editingFinished.connect(lambda: self._update_header(subtitle=self.subtitle.text()))
        self.redraft_button.clicked.connect(self.redraft)
        self.lock_button.clicked.connect(self.toggle_lock)
        self.sent_button.clicked.connect(self.ask_sent)
        self.preview_button.clicked.connect(self.preview)
        self.word_button.clicked.connect(self.ask_word)
        self.package_button.clicked.connect(self.ask_package)
        self.pdf_button.clicked.connect(self.ask_pdf)
        self.show_document(None)

    # --- showing --------------------------------------------------------------------
    def show_document(self, document: CellDocument | None) -> None:
        self.flush()
        self.document = document
        self._loading = True
        try:
            for widget in (self.number, self.issued_on, self.subtitle, *self.editors.values()):
                widget.blockSignals(True)
            if document is not None:
                self.number.setValue(document.number)
                self.issued_on.setDate(to_qdate(document.issued_on))
                self.subtitle.setText(document.subtitle)
                for key, editor in self.editors.items():
                    if editor.toPlainText() != document.sections.get(key, ""):
                        editor.setPlainText(document.sections.get(key, ""))
            else:
                for editor in self.editors.values():
                    editor.clear()
        finally:
            for widget in (self.number, self.issued_on, self.subtitle, *self.editors.values()):
                widget.blockSignals(False)
            self._loading = False
        self._update_state()

    def _update_state(self) -> None:
        document = self.document
        present = document is not None
        locked = present and document.is_locked
        for widget in (self.number, self.issued_on, self.subtitle):
            widget.setEnabled(present and not locked)
        for editor in self.editors.values():
            editor.setReadOnly(not present or locked)
        for button in (self.preview_button, self.word_button, self.pdf_button, self.package_button, self.lock_button,
                       self.sent_button):
            button.setEnabled(present)
        self.redraft_button.setEnabled(present and not locked)
        self.lock_note.setVisible(bool(locked))
        self.lock_button.setText("Mở lại để sửa" if locked else "Chốt văn bản")
        self.status.setText(f"Trạng thái: {document.status_text}" if present else "")
        self.error.hide()
        self.number_text.setText("")
        if present:
            from ...domain.party_document import FormatProfileError

            try:
                profile = self.services.reports.format_profile()
            except FormatProfileError as exc:  # a clerk's edited profile: say what to correct, keep working
                self._show_error(str(exc))
                return
            self.number_text.setText(self.services.reports.party_document(document).number_text(profile))

    # --- saving ---------------------------------------------------------------------
    def _schedule_save(self, key: str) -> None:
        if self._loading or self.document is None:
            return
        self._pending.add(key)
        self._timer.start()

    def flush(self) -> None:
        """Saves what was typed and not saved yet (the pause timer, or leaving the page)."""
        self._timer.stop()
        if self.document is None or not self._pending:
            return
        try:
            for key in sorted(self._pending):
                self.services.reports.save_section(self.document.id, key, self.editors[key].toPlainText())
        except ValidationError as exc:
            self._show_error(str(exc))
            return
        finally:
            self._pending.clear()
        self.document = self.services.reports.get(self.document.id)
        self.saved_note.setText(f"Đã lưu lúc {dt.datetime.now():%H:%M:%S}")
        self.changed.emit()

    def _update_header(self, **changes) -> None:
        if self._loading or self.document is None or self.document.is_locked:
            return
        current = {"number": self.document.number, "issued_on": self.document.issued_on,
                   "subtitle": self.document.subtitle}
        if all(current[key] == value for key, value in changes.items()):
            return
        try:
            self.document = self.services.reports.update_header(self.document.id, **changes)
        except ValidationError as exc:
            self.show_document(self.services.reports.get(self.document.id))  # back to what is stored
            self._show_error(str(exc))
            return
        self.error.hide()
        self.saved_note.setText(f"Đã lưu lúc {dt.datetime.now():%H:%M:%S}")
        self.changed.emit()

    def _show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()

    # --- actions -------------------------------------------------------------------
    def redraft(self) -> None:
        if self.document is None or not ask_yes_no(
                self, "Soạn lại từ dữ liệu?",
                "Soạn lại đoạn mở đầu, phần kết quả, đánh giá chung, phương hướng và phụ lục từ nhật ký hoạt động "
                "và kế hoạch? Những gì đã sửa tay ở các phần này sẽ được thay." if self.kind == REPORT else
                "Soạn lại toàn bộ kế hoạch của chi bộ từ kế hoạch cấp trên? Những gì đã sửa tay sẽ được thay."):
            return
        self.flush()
        self.show_document(self.services.reports.redraft(self.document.id))
        self.changed.emit()

    def toggle_lock(self) -> None:
        if self.document is None:
            return
        self.flush()
        if self.document.is_locked:
            if not ask_yes_no(self, "Mở lại để sửa?", "Văn bản đã chốt. Mở lại để sửa? "
                              "(Nếu đã gửi, trạng thái “đã gửi” sẽ bỏ đi.)"):
                return
            status = DocumentStatus.DRAFT
        else:
            status = DocumentStatus.FINAL
        self.show_document(self.services.reports.set_status(self.document.id, status))
        self.changed.emit()

    def ask_sent(self) -> None:
        if self.document is None:
            return
        dialog = SentDialog(self.services.clock(), self)
        if dialog.exec():
            self.mark_sent(dialog.day.date().toPython())

    def mark_sent(self, day: dt.date) -> bool:
        self.flush()
        try:
            self.show_document(self.services.reports.set_status(self.document.id, DocumentStatus.SENT, day))
        except ValidationError as exc:
            self._show_error(str(exc))
            return False
        self.changed.emit()
        return True

    def preview(self) -> None:
        from ...domain.party_document import FormatProfileError
        from ..messages import show_error
        from .preview import PreviewDialog

        self.flush()
        try:
            party, profile = self.services.reports.printable(self.document.id)
        except FormatProfileError as exc:
            show_error(self, "Chưa xem trước được", str(exc))
            return
        PreviewDialog(party, profile, self).exec()

    def default_name(self, suffix: str) -> str:
        if self.kind == REPORT and self.document.month:
            year, month = self.document.month
            return f"bao-cao-thang-{month:02d}-{year}{suffix}"
        return f"ke-hoach-chi-bo-{self.document.issued_on:%Y-%m-%d}{suffix}"

    def _ask_target(self, suffix: str, filter_text: str, prefix: str = "") -> Path | None:
        path = save_file(self, "bao-cao", "Lưu văn bản", filter_text, prefix + self.default_name(suffix))
        if path is None:
            return None
        return path if path.name.lower().endswith(suffix) else path.with_name(path.name + suffix)

    def confirm_profile(self) -> bool:
        """Before a document goes out: warns when the cell's details are still the first-run ones,
        with a button to fill them in. True to go on exporting."""
        warning = self.services.reports.defaults_warning()
        if not warning:
            return True
        choice = warn_with_choices(self, "Thông tin chi bộ chưa điền", warning,
                                   ["Điền thông tin chi bộ…", "Vẫn xuất", "Hủy"])
        if choice == 0:
            self.fill_profile_requested.emit()
        return choice == 1

    def ask_word(self) -> None:
        if not self.confirm_profile():
            return
        target = self._ask_target(".docx", "Văn bản Word (*.docx)")
        if target:
            self.export(target)

    def ask_package(self) -> None:
        if not self.confirm_profile():
            return
        target = self._ask_target(".zip", "Gói báo cáo (*.zip)", "goi-")
        if target:
            self.export_package(target)

    def export_package(self, target: Path) -> Path | None:
        """Gói báo cáo of this month: the report as it stands now, with the month's figures."""
        from ...domain.party_document import FormatProfileError

        self.flush()
        year, month = self.document.month
        written = run_export(self, lambda: self.services.packages.export(year, month, target), (FormatProfileError,))
        if written is not None:
            self.saved_note.setText(f"Đã xuất {written.name}")
            offer_to_open(self, "Đã xuất gói báo cáo", f"Đã ghi {written}. Gửi tệp này cho đảng ủy "
                          "(thư điện tử, USB); đảng ủy nhập thẳng vào Cell Desk.", written)
        return written

    def ask_pdf(self) -> None:
        if not self.confirm_profile():
            return
        target = self._ask_target(".pdf", "Tệp PDF (*.pdf)")
        if target:
            self.export(target)

    def export(self, target: Path) -> Path | None:
        from ...domain.party_document import FormatProfileError

        if target.suffix.lower() == ".pdf":
            return self.export_pdf(target)
        self.flush()
        written = run_export(self, lambda: self.services.reports.export_docx(self.document.id, target),
                             (FormatProfileError,))
        if written is not None:
            self.saved_note.setText(f"Đã xuất {written.name}")
            offer_to_open(self, "Đã xuất", f"Đã ghi {written}.", written)
        return written

    def export_pdf(self, target: Path) -> Path | None:
        """The PDF on a worker thread, with a progress dialog whose Hủy stops it and leaves no file:
        through LibreOffice where the machine has it, else the preview printed by the program.
        The message says which route was taken."""
        from ...domain.party_document import FormatProfileError
        from ...exports import pdf
        from ...exports.atomic import ExportError
        from ..background import BackgroundTask
        from ..messages import show_error
        from .preview import print_preview_pdf

        self.flush()
        try:
            party, profile = self.services.reports.printable(self.document.id)
        except FormatProfileError as exc:
            show_error(self, "Chưa xuất được", str(exc))
            return None
        target = Path(target)
        if pdf.find_soffice() is not None:
            route, label = PDF_THROUGH_LIBREOFFICE, "Đang chuyển văn bản sang PDF qua LibreOffice…"

            def work(_progress, cancelled):
                return pdf.write_party_pdf(target, party, profile, cancelled)
            describe = None
        else:
            route, label = PDF_FROM_PREVIEW, "Đang in bản xem trước ra PDF…"

            def work(progress, cancelled):
                return print_preview_pdf(party, profile, target, progress, cancelled)

            def describe(done, total):
                return f"Đang in bản xem trước ra PDF… trang {min(done + 1, total)}/{total}"
        self._task = BackgroundTask(self, "Xuất PDF", label, describe=describe)
        try:
            written = self._task.run(work, discard=_remove_written)
        except (ExportError, FormatProfileError, OSError) as exc:
            show_error(self, "Chưa xuất được", str(exc))
            return None
        finally:
            self._task.deleteLater()
            self._task = None
        if written is None:  # Hủy: LibreOffice stopped, its temporary files gone, nothing written
            self.saved_note.setText("Đã hủy xuất PDF.")
            return None
        self.saved_note.setText(f"Đã xuất {written.name} {route}")
        note = "" if route == PDF_THROUGH_LIBREOFFICE else "\n\n" + NO_LIBREOFFICE_NOTE
        offer_to_open(self, "Đã xuất", f"Đã ghi {written} ({route}).{note}", written)
        return written


PDF_THROUGH_LIBREOFFICE = "qua LibreOffice"
PDF_FROM_PREVIEW = "từ bản xem trước của chương trình"
NO_LIBREOFFICE_NOTE = ("Máy chưa có LibreOffice nên chương trình in bản xem trước ra PDF: cùng nội dung, khổ giấy, "
                       "lề và phông chữ, nhưng chỗ ngắt dòng, ngắt trang có thể khác bản Word đôi chút. Muốn PDF "
                       "giống hệt bản Word, hãy cài LibreOffice (miễn phí, libreoffice.org).")


def _remove_written(result) -> None:
    """A PDF finished just as Hủy was pressed: the user asked for no file."""
    if isinstance(result, Path):
        result.unlink(missing_ok=True)


def warn_with_choices(parent: QWidget, title: str, text: str, choices: list[str]) -> int | None:
    """A warning with buttons named by what they do (the last one, and Esc, change nothing)."""
    from PySide6.QtWidgets import QMessageBox

    box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.NoButton, parent)
    buttons = [box.addButton(label, QMessageBox.ButtonRole.ActionRole) for label in choices]
    box.setEscapeButton(buttons[-1])
    box.exec()
    return buttons.index(box.clickedButton()) if box.clickedButton() in buttons else None


class TaskTable(QWidget):
    """The cell plan's work as a table (việc, người phụ trách, thời hạn), edited in place, with the
    same face as a text section: toPlainText/setPlainText (one line a row, tabs between columns),
    textChanged, setReadOnly."""

    textChanged = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.table = QTableWidget(0, len(TASK_COLUMNS))
        self.table.setHorizontalHeaderLabels(TASK_COLUMNS)
        self.table.setWordWrap(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            self.table.setColumnWidth(column, 180)
        self.add_button = QPushButton("Thêm việc")
        self.remove_button = QPushButton("Xóa việc đã chọn")
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table)
        layout.addLayout(buttons)
        self.table.itemChanged.connect(lambda _item: self._changed())
        self.add_button.clicked.connect(self.add_row)
        self.remove_button.clicked.connect(self.remove_selected)
        self._loading = False

    def toPlainText(self) -> str:
        rows = []
        for row in range(self.table.rowCount()):
            rows.append(tuple((self.table.item(row, column).text() if self.table.item(row, column) else "")
                              for column in range(len(TASK_COLUMNS))))
        return task_text(rows)

    def setPlainText(self, text: str) -> None:
        self._loading = True
        try:
            rows = task_rows(text)
            self.table.setRowCount(len(rows))
            for number, row in enumerate(rows):
                for column, value in enumerate(row):
                    self.table.setItem(number, column, QTableWidgetItem(value))
            self.table.resizeRowsToContents()
            self._fit()
        finally:
            self._loading = False

    def clear(self) -> None:
        self.setPlainText("")

    def setReadOnly(self, read_only: bool) -> None:
        triggers = QAbstractItemView.EditTrigger
        self.table.setEditTriggers(triggers.NoEditTriggers if read_only else
                                   triggers.DoubleClicked | triggers.EditKeyPressed | triggers.AnyKeyPressed)
        self.add_button.setEnabled(not read_only)
        self.remove_button.setEnabled(not read_only)

    def isReadOnly(self) -> bool:
        return not self.add_button.isEnabled()

    def setPlaceholderText(self, _text: str) -> None:
        pass

    def add_row(self) -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        self._fit()
        self.table.setCurrentCell(row, 0)
        self.table.editItem(self.table.item(row, 0) or self._blank(row, 0))

    def _blank(self, row: int, column: int) -> QTableWidgetItem:
        item = QTableWidgetItem("")
        self.table.setItem(row, column, item)
        return item

    def remove_selected(self) -> None:
        for row in sorted({index.row() for index in self.table.selectedIndexes()}, reverse=True):
            self.table.removeRow(row)
        self._fit()
        self._changed()

    def _changed(self) -> None:
        if not self._loading:
            self.table.resizeRowsToContents()
            self._fit()
            self.textChanged.emit()

    def _fit(self) -> None:
        height = self.table.horizontalHeader().height() + 2 * self.table.frameWidth() + 4
        height += sum(self.table.rowHeight(row) for row in range(self.table.rowCount()))
        self.table.setFixedHeight(min(900, max(height, 4 * self.table.verticalHeader().defaultSectionSize())))


class GrowingTextEdit(QPlainTextEdit):
    """A section as tall as its text, so the page scrolls as one document instead of every
    section scrolling inside the page."""

    def __init__(self, minimum_lines: int = 3, parent=None):
        super().__init__(parent)
        self.minimum_lines = minimum_lines
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.document().documentLayout().documentSizeChanged.connect(lambda _size: self._fit())
        self._fit()

    def _fit(self) -> None:
        lines = max(self.minimum_lines, int(self.document().documentLayout().documentSize().height()))
        margins = self.contentsMargins()
        frame = 2 * self.frameWidth() + 2 * int(self.document().documentMargin()) + margins.top() + margins.bottom()
        self.setFixedHeight(min(20_000, lines * self.fontMetrics().lineSpacing() + frame + 4))

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._fit()  # a new width wraps the text into more or fewer lines


class SentDialog(QDialog):
    def __init__(self, today: dt.date, parent=None):
        super().__init__(parent)
        self.setWindowTitle("Đánh dấu đã gửi")
        # wide enough for its title: a window manager cuts a title wider than the dialog
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance(self.windowTitle()) + 160)
        self.day = date_edit(today)
        self.day.setMaximumDate(QDate(today.year, today.month, today.day))
        form = QFormLayout(self)
        form.addRow("Ngày gửi:", self.day)
        buttons = QDialogButtonBox()
        buttons.addButton("Đồng ý", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton("Hủy", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

