"""Page "Cài đặt": the cell profile, the documents in force, where the data lives."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView, QCheckBox, QComboBox, QFormLayout, QGroupBox, QHBoxLayout, QHeaderView, QLabel, QLineEdit, QPushButton,
    QSpinBox, QTableView, QVBoxLayout, QWidget,
)

from ...app import Services
from ...domain.validation import ValidationError
from .. import events
from ..plans.intake import DocumentIntake
from ..plans.intake_labels import IMPORT_LABEL, IMPORT_TIP
from ..screen import scrolling
from ..widgets import heading_label
from .documents import DocumentListModel
from .profile_form import ProfileForm


class SettingsPage(QWidget):
    title = "Cài đặt"
    restore_requested = Signal(str)  # the main window closes the data, restores, and opens it again

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

        self.plan_model = DocumentListModel(services.clock, self)
        self.plan_list = QTableView()
        self.plan_list.setModel(self.plan_model)
        self.plan_list.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.plan_list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.plan_list.verticalHeader().hide()
        self.plan_list.setWordWrap(False)
        header = self.plan_list.horizontalHeader()
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        for column in (0, 2, 3, 4):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        plan_box = QGroupBox("Văn bản cấp trên")
        plan_layout = QVBoxLayout(plan_box)
        self.plan_list.setToolTip("Đánh dấu “Đang áp dụng” cho mọi văn bản chi bộ đang thực hiện (kế hoạch cả nhiệm "
                                  "kỳ, định hướng tháng này, hướng dẫn kỷ niệm…); văn bản đã kết thúc có thể bỏ dấu.")
        self.plan_list.verticalHeader().setDefaultSectionSize(self.plan_list.fontMetrics().height() + 8)
        plan_layout.addWidget(self.plan_list)
        self.intake = DocumentIntake(services, app_events, self)
        self.import_plan_button = QPushButton(IMPORT_LABEL)
        self.import_plan_button.setToolTip(IMPORT_TIP)
        self.new_plan_button = QPushButton("Soạn kế hoạch mới…")
        self.new_plan_button.setToolTip("Gõ một kế hoạch không có sẵn tệp")
        self.edit_plan_button = QPushButton("Sửa văn bản đã chọn…")
        self.export_plan_button = QPushButton("Xuất văn bản ra tệp…")
        self.export_plan_button.setToolTip("Tệp .json để gửi cho các chi bộ khác nhập vào Cell Desk")
        plan_row = QHBoxLayout()
        for button in (self.import_plan_button, self.new_plan_button, self.edit_plan_button, self.export_plan_button):
            plan_row.addWidget(button)
        plan_row.addStretch(1)
        plan_layout.addLayout(plan_row)
        self.plan_message = QLabel()
        self.plan_message.setWordWrap(True)
        plan_layout.addWidget(self.plan_message)

        self.format_choice = QComboBox()
        self.term_year = QSpinBox()
        self.term_year.setRange(2000, services.clock().year + 1)
        self.term_year.setMaximumWidth(100)
        self.term_year.setToolTip("Số văn bản (báo cáo, kế hoạch) đánh từ 01 trong mỗi nhiệm kỳ")
        self.edit_format_button = QPushButton("Chép để sửa thể thức…")
        self.edit_format_button.setToolTip("Chép hồ sơ thể thức đang dùng vào thư mục dữ liệu để văn thư sửa lề, "
                                           "cỡ chữ, cách ghi số… bằng trình soạn thảo văn bản")
        self.format_message = QLabel()
        self.format_message.setWordWrap(True)
        document_box = QGroupBox("Văn bản")
        document_form = QFormLayout(document_box)
        format_row = QHBoxLayout()
        format_row.addWidget(self.format_choice, 1)
        format_row.addWidget(self.edit_format_button)
        document_form.addRow("Thể thức văn bản:", format_row)
        document_form.addRow("Nhiệm kỳ bắt đầu năm:", self.term_year)
        document_form.addRow(self.format_message)

        self.rollup_mode = QCheckBox("Đảng ủy tổng hợp báo cáo của các chi bộ trực thuộc (thêm trang “Tổng hợp”)")
        self.rollup_mode.setToolTip("Bật ở máy của đảng ủy: đăng ký các chi bộ, nhập gói báo cáo chi bộ gửi lên, "
                                    "xem chi bộ nào gửi muộn, xuất báo cáo và bảng tổng hợp")
        mode_box = QGroupBox("Chế độ làm việc")
        mode_layout = QVBoxLayout(mode_box)
        mode_layout.addWidget(self.rollup_mode)

        on_server = services.database.on_server
        self.data_path = QLineEdit(services.database.location)
        self.data_path.setReadOnly(True)
        # on a server the folder holds this PC's copies of the files, its log and window settings
        open_folder = QPushButton("Mở thư mục trên máy này" if on_server else "Mở thư mục dữ liệu")
        data_box = QGroupBox("Dữ liệu")
        data_layout = QVBoxLayout(data_box)
        data_layout.addWidget(QLabel("Dữ liệu dùng chung nằm trên:" if on_server else "Toàn bộ dữ liệu nằm trong tệp:"))
        data_layout.addWidget(self.data_path)
        self.backup_button = QPushButton("Cách sao lưu…" if on_server else "Sao lưu ra tệp…")
        self.backup_button.setToolTip("Dữ liệu trên máy chủ được sao lưu bằng pg_dump" if on_server
                                      else "Chép toàn bộ dữ liệu ra một tệp, ví dụ vào USB")
        self.restore_button = QPushButton("Khôi phục từ bản sao lưu…")
        if on_server:
            self.restore_button.setEnabled(False)
            self.restore_button.setToolTip("Dữ liệu trên máy chủ được khôi phục bằng pg_restore")
        self.server_button = QPushButton("Chuyển lên máy chủ…")
        self.server_button.setToolTip("Chép dữ liệu lên máy chủ PostgreSQL để nhiều người cùng làm")
        self.server_button.setVisible(not on_server)
        folder_row = QHBoxLayout()
        folder_row.addWidget(open_folder)
        folder_row.addWidget(self.backup_button)
        folder_row.addWidget(self.restore_button)
        folder_row.addWidget(self.server_button)
        folder_row.addStretch(1)
        data_layout.addLayout(folder_row)
        self.backup_message = QLabel()
        self.backup_message.setWordWrap(True)
        self.backup_message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)  # pg_dump's command is copied from it
        data_layout.addWidget(self.backup_message)

        save_row.addStretch(1)
        content = QWidget()
        content.setMaximumWidth(860)  # long lines of form fields are hard to read
        column = QVBoxLayout(content)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(heading_label("Cài đặt"))
        column.addWidget(profile_box)
        column.addWidget(plan_box)
        column.addWidget(document_box)
        column.addWidget(mode_box)
        column.addWidget(data_box)
        column.addStretch(1)
        holder = QWidget()  # the column on the left, the rest of a wide window left empty
        row = QHBoxLayout(holder)
        row.addWidget(content, 1)
        row.addStretch(0)
        # the page is taller than a 768-pixel screen leaves: it scrolls instead of growing the window
        self.scroll = scrolling(holder)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.scroll)

        self.save_button.clicked.connect(self.save_profile)
        self.rollup_mode.toggled.connect(self.set_rollup_mode)
        self.format_choice.activated.connect(self._choose_format)
        self.term_year.editingFinished.connect(self._save_term_year)
        self.edit_format_button.clicked.connect(self.copy_format_for_editing)
        self.plan_model.in_force_changed.connect(self.set_in_force)
        self.import_plan_button.clicked.connect(self.intake.ask_import)
        self.edit_plan_button.clicked.connect(self._edit_plan)
        self.new_plan_button.clicked.connect(self.intake.new_plan)
        self.intake.message.connect(self.plan_message.setText)
        app_events.changed.connect(self._on_changed)
        self.export_plan_button.clicked.connect(self._ask_export_plan)
        self.backup_button.clicked.connect(self._ask_backup)
        self.restore_button.clicked.connect(self._ask_restore)
        self.server_button.clicked.connect(self._ask_server)
        open_folder.clicked.connect(
            lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(str(services.data_dir)))
        )
        self.reload()

    def reload(self) -> None:
        self.form.set_profile(self.services.settings.profile())
        self.reload_formats()
        self.term_year.setValue(self.services.reports.term_start_year())
        self.rollup_mode.blockSignals(True)
        self.rollup_mode.setChecked(self.services.rollup.is_enabled())
        self.rollup_mode.blockSignals(False)
        self.reload_plans()

    def _on_changed(self, kind: str) -> None:
        if kind == events.PLANS:  # a document imported from the Tệp menu or another page
            self.reload_plans()
        elif kind == events.PROFILE:  # also filled from an imported document
            self.form.set_profile(self.services.settings.profile())

    def set_rollup_mode(self, enabled: bool) -> None:
        self.services.rollup.set_enabled(enabled)
        self.app_events.changed.emit(events.MODE)

    def reload_plans(self) -> None:
        chosen = self.chosen_plan_id()
        self.plan_model.set_rows(self.services.plans.list_plans())
        row = self.plan_model.row_of(chosen) if chosen is not None else -1
        if row < 0:  # at first the newest document in force, else the newest
            newest = self.services.plans.active_plan_id()
            row = self.plan_model.row_of(newest) if newest is not None else self.plan_model.rowCount() - 1
        if row >= 0:
            self.plan_list.selectRow(row)
        # as tall as its rows, up to four (the page has to fit a 768-pixel screen)
        shown = min(max(1, self.plan_model.rowCount()), 4)
        self.plan_list.setFixedHeight(self.plan_list.horizontalHeader().sizeHint().height()
                                      + shown * self.plan_list.verticalHeader().defaultSectionSize()
                                      + 2 * self.plan_list.frameWidth() + 2)

    def chosen_plan_id(self) -> int | None:
        """The document the Sửa and Xuất buttons act on: the one selected in the list."""
        rows = self.plan_list.selectionModel().selectedRows() if self.plan_list.selectionModel() else []
        return self.plan_model.rows[rows[0].row()].id if rows else None

    def reload_formats(self) -> None:
        from ...domain.party_document import FormatProfileError

        self.format_choice.clear()
        try:
            chosen = self.services.reports.chosen_profile_file()
        except FormatProfileError as exc:
            chosen = ""
            self.format_message.setText(str(exc))
        self.format_choice.addItem("Tự động theo ngày của văn bản", "")  # the rule in force on each date
        for name, path in self.services.reports.format_profiles():
            self.format_choice.addItem(name, path.name)
            self.format_choice.setItemData(self.format_choice.count() - 1, str(path), Qt.ItemDataRole.ToolTipRole)
            if path.name == chosen:
                self.format_choice.setCurrentIndex(self.format_choice.count() - 1)
        self._show_format_reason()

    def _show_format_reason(self) -> None:
        from ...domain.party_document import FormatProfileError

        try:
            self.format_message.setText(self.services.reports.format_profile_reason())
        except FormatProfileError as exc:
            self.format_message.setText(str(exc))

    def _choose_format(self, index: int) -> None:
        self.services.reports.choose_profile(self.format_choice.itemData(index))
        self._show_format_reason()

    def _save_term_year(self) -> None:
        try:
            self.services.reports.set_term_start_year(self.term_year.value())
        except ValidationError as exc:
            self.format_message.setText(str(exc))
            return
        self.format_message.setText(f"Số văn bản đánh từ 01 kể từ năm {self.term_year.value()}.")

    def copy_format_for_editing(self) -> None:
        target = self.services.reports.copy_profile_for_editing()
        self.reload_formats()
        self.format_message.setText(
            f"Đã chép thành {target} và chọn dùng. Mở tệp bằng trình soạn thảo văn bản (Notepad), sửa các số "
            "(lề tính bằng mm, cỡ chữ bằng pt), lưu lại; lần xuất sau sẽ theo thể thức mới. Tệp sửa sai sẽ được "
            "báo rõ giá trị nào sai khi xuất.")
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(target.parent)))

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

    def set_in_force(self, plan_id: int, in_force: bool) -> None:
        """The box "Đang áp dụng" was ticked or cleared: saved at once, every page follows."""
        self.services.plans.set_in_force(plan_id, in_force)
        plan = next(p for p in self.services.plans.list_plans() if p.id == plan_id)
        self.plan_message.setText(f"{plan.kind_label} {plan.number} " + (
            "đã được đưa vào áp dụng." if in_force else "đã thôi áp dụng (vẫn được giữ, đánh dấu lại khi cần)."))
        self.app_events.changed.emit(events.PLANS)  # reloads this list too

    def _ask_backup(self) -> None:
        from ..file_dialogs import save_file

        if self.services.database.on_server:
            from ..messages import show_info

            advice = self.services.backups.server_backup_advice()
            self.backup_message.setText(advice)
            if not self.isVisible():  # asked from the Tệp menu, on another page
                show_info(self, "Sao lưu dữ liệu trên máy chủ", advice)
            return
        full = self.services.backups.has_files()
        suggested = f"cell-desk-sao-luu-{self.services.clock():%Y%m%d}{'.zip' if full else '.sqlite3'}"
        kinds = ["Bản sao lưu đầy đủ, kèm ảnh, pa-nô và tệp đính kèm (*.zip)", "Chỉ tệp dữ liệu (*.sqlite3)"]
        path = save_file(self, "sao-luu", "Sao lưu dữ liệu", ";;".join(kinds if full else reversed(kinds)), suggested)
        if path:
            self.backup_to(path)

    def backup_to(self, path: Path) -> bool:
        from ...exports.atomic import ExportError
        from ..messages import show_error

        from ..background import write_in_background

        try:
            written = write_in_background(self, "Sao lưu dữ liệu", "Đang chép dữ liệu, ảnh và tệp đính kèm…",
                                          lambda: self.services.backups.backup_to(path), path)
        except ExportError as exc:
            show_error(self, "Không sao lưu được", str(exc))
            return False
        if written is None:
            self.backup_message.setText("Đã hủy sao lưu; không có tệp nào được ghi.")
            return False
        self.backup_message.setText(f"Đã sao lưu vào {written}")
        return True

    def _ask_server(self) -> None:
        from .server import ServerAddressDialog

        dialog = ServerAddressDialog(self)
        if dialog.exec():
            self.move_to_server(dialog.url)

    def move_to_server(self, url: str) -> bool:
        from ...storage.errors import StorageError
        from ...storage.location import save_server_setting
        from ...storage.transfer import ServerHasData
        from ..messages import ask_yes_no, show_error, show_info
        from .server import copy_to_server_in_background

        try:
            copied = copy_to_server_in_background(self, self.services, url)
        except ServerHasData as exc:
            # another PC of the office moved its data there first: this one joins it
            if not ask_yes_no(self, "Máy chủ đã có dữ liệu",
                              f"{exc}\n\nDùng dữ liệu đã có trên máy chủ cho máy này từ lần mở sau? Dữ liệu "
                              "trong tệp trên máy này không được chép lên, và vẫn giữ nguyên."):
                return False
            try:
                save_server_setting(self.services.data_dir, url)
            except OSError as failure:
                show_error(self, "Chưa lưu được cài đặt", f"Không ghi được tệp cài đặt máy chủ ({failure}).")
                return False
            text = "Từ lần mở sau, máy này dùng dữ liệu trên máy chủ. Hãy đóng rồi mở lại Cell Desk."
        except (StorageError, OSError) as exc:
            show_error(self, "Chưa chuyển được lên máy chủ", str(exc))
            return False
        else:
            if copied is None:
                self.backup_message.setText("Đã hủy; chưa chép gì lên máy chủ, vẫn dùng tệp trên máy này.")
                return False
            text = (f"Đã chép {copied.total:,} dòng dữ liệu lên {copied.location}.".replace(",", ".")
                    + " Hãy đóng rồi mở lại Cell Desk: từ lần mở sau, máy này dùng dữ liệu trên máy chủ. Tệp "
                    "trên máy giữ nguyên. Ở các máy khác của văn phòng, chọn Chuyển lên máy chủ… với cùng địa "
                    "chỉ để dùng chung dữ liệu này.")
        self.backup_message.setText(text)
        show_info(self, "Đã chuyển lên máy chủ", text)
        return True

    def _ask_restore(self) -> None:
        from .backups import BackupChooser

        if self.services.database.on_server:  # asked from the Tệp menu: the button is off
            from ..messages import show_info

            show_info(self, "Khôi phục dữ liệu trên máy chủ",
                      "Dữ liệu đang nằm trên máy chủ PostgreSQL: người quản trị khôi phục nó bằng pg_restore từ "
                      "bản pg_dump. Cell Desk không ghi đè dữ liệu dùng chung từ một tệp trên máy này.")
            return

        chooser = BackupChooser(
            self.services.backups.available(),
            "Chọn bản sao lưu để khôi phục. Dữ liệu hiện tại sẽ được sao lưu trước, nên vẫn lấy lại được.",
            "Khôi phục", parent=self,
        )
        if chooser.exec() and chooser.chosen is not None:
            self.restore_requested.emit(str(chooser.chosen))

    # --- plans ------------------------------------------------------------------
    def _edit_plan(self) -> None:
        if self.chosen_plan_id() is None and self.services.plans.active_plan_id() is None:
            self.plan_message.setText("Chưa có văn bản nào để sửa.")
            return
        dialog = self.edit_dialog()
        if dialog.exec():
            self.finish_edit(dialog)

    def edit_dialog(self):
        from ..plans.editor import PlanEditorDialog

        plan_id = self.chosen_plan_id() or self.services.plans.active_plan_id()
        document = self.services.exchange.document(plan_id, with_ids=True)
        dialog = PlanEditorDialog(document, title=f"Sửa văn bản {document['plan']['number']}", parent=self)
        dialog.plan_id = plan_id
        return dialog

    def finish_edit(self, dialog) -> None:
        self.services.exchange.update(dialog.plan_id, dialog.result_document)
        self.reload()
        self.plan_message.setText("Đã lưu các sửa đổi của kế hoạch; trạng thái các nội dung còn lại được giữ nguyên.")
        self.app_events.changed.emit(events.PLANS)

    def _ask_export_plan(self) -> None:
        from ...exports.atomic import ExportError
        from ..file_dialogs import save_file
        from ..messages import show_error

        plan_id = self.chosen_plan_id() or self.services.plans.active_plan_id()
        if plan_id is None:
            self.plan_message.setText("Chưa có văn bản nào để xuất.")
            return
        number = self.services.plans.plan_tree(plan_id).summary.number.replace("/", "-")
        path = save_file(self, "xuat-ke-hoach", "Xuất kế hoạch", "Tệp kế hoạch Cell Desk (*.json)",
                         f"ke-hoach-{number}.json")
        if not path:
            return
        try:
            written = self.services.exchange.export(plan_id, path)
        except ExportError as exc:
            show_error(self, "Không xuất được kế hoạch", str(exc))
            return
        self.plan_message.setText(f"Đã xuất ra {written}")
