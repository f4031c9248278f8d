"""Adding or editing one activity: the form, the plan's tasks it carries out, its attachments."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFormLayout, QHBoxLayout, QLabel, QLineEdit,
    QListWidget, QListWidgetItem, QPlainTextEdit, QPushButton, QSpinBox, QTreeView, QVBoxLayout, QWidget,
)

from ...app import Services
from ...domain.plan import current_first
from ...domain.activity import MAX_PEOPLE, Activity, ActivityDraft
from ...domain.text import search_key, shorten
from ...domain.validation import ValidationError
from ..messages import ask_choice, ask_yes_no
from ..screen import fit_to_screen, scrolling
from ..widgets import SearchBox, date_edit, error_label
from .attachments import ATTACHMENT_ROLE, PATH_ROLE, AttachmentList, attachment_problem

ITEM_ID_ROLE = Qt.ItemDataRole.UserRole + 1
KEY_ROLE = Qt.ItemDataRole.UserRole + 2


class ItemPicker(QDialog):
    """The tasks of every document in force, by document and phase, with boxes to tick; a search
    narrows the tree."""

    def __init__(self, services: Services, chosen: set[int], parent=None):
        super().__init__(parent)
        self.setWindowTitle("Chọn nhiệm vụ của các văn bản đang áp dụng")
        self.model = QStandardItemModel(self)
        today = services.clock()
        to_expand = []
        for tree in current_first(services.plans.trees_in_force(), today):
            summary = tree.summary
            heading = summary.heading(today, limit=60)
            document_entry = QStandardItem(heading)
            document_entry.setEditable(False)
            font = document_entry.font()
            font.setBold(True)
            document_entry.setFont(font)
            document_entry.setData(search_key(heading), KEY_ROLE)
            document_entry.setToolTip(f"{summary.reference}: {summary.title}")
            running = None
            for phase in tree.phases:
                phase_entry = QStandardItem(phase.display_title)
                phase_entry.setEditable(False)
                phase_entry.setData(search_key(phase.display_title), KEY_ROLE)
                has_chosen = False
                for item in phase.all_items():
                    entry = QStandardItem(("    " if item.parent_id else "") + item.text)
                    entry.setEditable(False)
                    entry.setCheckable(True)
                    entry.setCheckState(Qt.CheckState.Checked if item.id in chosen else Qt.CheckState.Unchecked)
                    entry.setData(item.id, ITEM_ID_ROLE)
                    entry.setData(search_key(item.text), KEY_ROLE)
                    entry.setToolTip(item.text)
                    phase_entry.appendRow(entry)
                    has_chosen = has_chosen or item.id in chosen
                document_entry.appendRow(phase_entry)
                if running is None and phase.is_running(today) and not phase.is_standing:
                    running = phase_entry
                if has_chosen:
                    to_expand.append(phase_entry)
            if running is not None:
                to_expand.append(running)
            self.model.appendRow(document_entry)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterRole(KEY_ROLE)
        self.proxy.setRecursiveFilteringEnabled(True)
        self.tree = QTreeView()
        self.tree.setModel(self.proxy)
        self.tree.setHeaderHidden(True)
        self.tree.setWordWrap(True)
        self.search = SearchBox("Tìm nhiệm vụ (gõ có dấu hoặc không dấu)…")
        self.search.search_changed.connect(self._filter)
        buttons = QDialogButtonBox()
        buttons.addButton("Chọn", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton("Hủy", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.search)
        layout.addWidget(self.tree, 1)
        layout.addWidget(buttons)
        fit_to_screen(self, 820, 620)
        for row in range(self.model.rowCount()):  # every document open, its phases closed…
            self.tree.expand(self.proxy.mapFromSource(self.model.item(row).index()))
        for phase_entry in to_expand:  # …but the running one and those holding a chosen task
            self.tree.expand(self.proxy.mapFromSource(phase_entry.index()))

    def _entries(self):
        """Every task entry, document by document, phase by phase."""
        for row in range(self.model.rowCount()):
            document_entry = self.model.item(row)
            for p in range(document_entry.rowCount()):
                phase_entry = document_entry.child(p)
                for i in range(phase_entry.rowCount()):
                    yield phase_entry.child(i)

    def _filter(self, text: str) -> None:
        self.proxy.setFilterFixedString(search_key(text))
        if text:
            self.tree.expandAll()

    def chosen(self) -> list[tuple[int, str]]:
        return [(entry.data(ITEM_ID_ROLE), entry.toolTip()) for entry in self._entries()
                if entry.checkState() == Qt.CheckState.Checked]


class ActivityDialog(QDialog):
    """Saves through the activity service when Lưu is pressed; a refusal is shown in place and
    nothing is kept. After acceptance, `result_activity` (and for an edit `before`) hold what was saved."""

    def __init__(self, services: Services, activity: Activity | None = None, parent=None):
        super().__init__(parent)
        self.services = services
        self.activity = activity
        self.before: Activity | None = None
        self.result_activity: Activity | None = None
        self.setWindowTitle("Sửa hoạt động" if activity else "Thêm hoạt động")
        draft = activity.draft if activity else None
        today = services.clock()

        self.occurred_on = date_edit(draft.occurred_on if draft else today)
        self.several_days = QCheckBox("Kéo dài đến")
        self.ends_on = date_edit(draft.ends_on if draft and draft.ends_on else (draft.occurred_on if draft else today))
        self.several_days.setChecked(bool(draft and draft.ends_on))
        self.ends_on.setEnabled(self.several_days.isChecked())
        self.several_days.toggled.connect(self.ends_on.setEnabled)
        self.form = QComboBox()
        self.form.setEditable(True)
        self.form.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.form.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.form.setMinimumContentsLength(40)
        for title in services.activities.forms():
            self.form.addItem(shorten(title, 90), title)
            self.form.setItemData(self.form.count() - 1, title, Qt.ItemDataRole.ToolTipRole)
        self.form.lineEdit().setPlaceholderText("Chọn trong danh sách hoặc gõ hình thức mới")
        if draft:
            index = self.form.findData(draft.form)
            self.form.setCurrentIndex(index) if index >= 0 else self.form.setEditText(draft.form)
        else:
            self.form.setCurrentIndex(-1)
        self.title = QLineEdit(draft.title if draft else "")
        self.title.setPlaceholderText("Ví dụ: Hội nghị quán triệt Chỉ thị 35-CT/TW")
        self.content = QPlainTextEdit(draft.content if draft else "")
        self.content.setFixedHeight(90)
        self.place = QLineEdit(draft.place if draft else "")
        self.organiser = QLineEdit(draft.organiser if draft else "")
        self.party_members, self.others = QSpinBox(), QSpinBox()
        for spin, value in ((self.party_members, draft.party_members if draft else 0),
                            (self.others, draft.others if draft else 0)):
            spin.setRange(0, MAX_PEOPLE)
            spin.setValue(value)
            spin.setGroupSeparatorShown(True)
        self.tags = QLineEdit(", ".join(draft.tags) if draft else "")
        self.tags.setPlaceholderText("Ví dụ: Đại hội, 3/2 (cách nhau bằng dấu phẩy)")

        self.items = QListWidget()
        self.items.setFixedHeight(90)
        self.items.setWordWrap(True)
        for item_id, text in services.activities.linked_items(activity.id) if activity else []:
            self._add_item_entry(item_id, text)
        pick = QPushButton("Chọn nhiệm vụ…")
        pick.clicked.connect(self.pick_items)
        unlink = QPushButton("Bỏ nhiệm vụ đã chọn")
        unlink.clicked.connect(lambda: [self.items.takeItem(self.items.row(e)) for e in self.items.selectedItems()])

        self.attachments = AttachmentList()
        self.attachments.setFixedHeight(150)
        self.attachments.add_stored(services.activities, activity.attachments if activity else [])
        add_files = QPushButton("Đính kèm tệp…")
        add_files.setToolTip("Ảnh, bản chụp biên bản, tệp văn bản: được chép vào thư mục dữ liệu của Cell Desk")
        add_files.clicked.connect(self.ask_files)
        drop_files = QPushButton("Bỏ tệp đã chọn")
        drop_files.clicked.connect(self.attachments.remove_selected)

        dates = QHBoxLayout()
        dates.addWidget(self.occurred_on)
        dates.addWidget(self.several_days)
        dates.addWidget(self.ends_on)
        dates.addStretch(1)
        people = QHBoxLayout()
        people.addWidget(QLabel("Đảng viên:"))
        people.addWidget(self.party_members)
        people.addWidget(QLabel("Người ngoài Đảng:"))
        people.addWidget(self.others)
        people.addStretch(1)
        form = QFormLayout()
        form.addRow("Ngày:", dates)
        form.addRow("Hình thức:", self.form)
        form.addRow("Tên hoạt động:", self.title)
        form.addRow("Nội dung:", self.content)
        form.addRow("Địa điểm:", self.place)
        form.addRow("Chủ trì / tổ chức:", self.organiser)
        form.addRow("Số người tham gia:", people)
        form.addRow("Nhãn:", self.tags)
        form.addRow("Nhiệm vụ kế hoạch:", _with_buttons(self.items, pick, unlink))
        form.addRow("Tệp đính kèm:", _with_buttons(self.attachments, add_files, drop_files))
        self.error = error_label()
        buttons = QDialogButtonBox()
        self.save_button = buttons.addButton("Lưu", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton("Hủy", QDialogButtonBox.ButtonRole.RejectRole)
        self.save_button.clicked.connect(self.save)
        buttons.rejected.connect(self.reject)
        fields = QWidget()
        fields.setLayout(form)
        layout = QVBoxLayout(self)
        layout.addWidget(scrolling(fields), 1)  # a short screen scrolls the form; the buttons stay in view
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        fit_to_screen(self, 860, fields.sizeHint().height() + 90)
        self._fields = {"occurred_on": self.occurred_on, "ends_on": self.ends_on, "form": self.form,
                        "title": self.title, "content": self.content, "place": self.place,
                        "organiser": self.organiser, "party_members": self.party_members,
                        "others": self.others, "tags": self.tags, "items": self.items,
                        "attachments": self.attachments}
        self._as_opened = self._filled_in()

    def _filled_in(self) -> tuple:
        """Everything the person can type or choose, to tell whether Hủy would lose anything."""
        return (self.occurred_on.text(), self.several_days.isChecked(), self.ends_on.text(), self.form.currentText(),
                self.title.text(), self.content.toPlainText(), self.place.text(), self.organiser.text(),
                self.party_members.value(), self.others.value(), self.tags.text(), tuple(self.item_ids()),
                tuple(entry.data(PATH_ROLE) or entry.text() for entry in self.attachments.entries()))

    def reject(self) -> None:
        """Hủy, Esc or closing the window: asks first when something was typed or chosen."""
        if self.isVisible() and self._filled_in() != self._as_opened:
            question = ("Bỏ những gì đã nhập cho hoạt động này?" if self.activity is None
                        else "Bỏ các thay đổi vừa sửa của hoạt động này?")
            if not ask_yes_no(self, "Bỏ nội dung đã nhập", question + "\n\nChọn “Không” để quay lại sửa tiếp."):
                return
        super().reject()

    def _add_item_entry(self, item_id: int, text: str) -> None:
        entry = QListWidgetItem(f"• {shorten(text, 160)}")
        entry.setToolTip(text)
        entry.setData(Qt.ItemDataRole.UserRole, item_id)
        self.items.addItem(entry)

    def item_ids(self) -> list[int]:
        return [self.items.item(row).data(Qt.ItemDataRole.UserRole) for row in range(self.items.count())]

    def pick_items(self) -> None:
        picker = ItemPicker(self.services, set(self.item_ids()), self)
        if picker.exec():
            self.set_items(picker.chosen())

    def set_items(self, chosen: list[tuple[int, str]]) -> None:
        self.items.clear()
        for item_id, text in chosen:
            self._add_item_entry(item_id, text)

    def ask_files(self) -> None:
        from ..file_dialogs import open_files

        self.add_files(open_files(self, "dinh-kem", "Đính kèm tệp",
                                  "Ảnh và văn bản (*.png *.jpg *.jpeg *.pdf *.docx *.doc *.xlsx *.xls);;Mọi tệp (*)"))

    def add_files(self, files: list[Path]) -> None:
        from ...services.activities import IMAGE_SUFFIXES

        refused = []
        for path in files:
            problem = attachment_problem(path)
            if problem:
                refused.append(problem)
                continue
            self.attachments.add(path.name, path, path if path.suffix.lower() in IMAGE_SUFFIXES else None)
        self.error.setText("\n".join(refused))
        self.error.setVisible(bool(refused))

    def draft(self) -> ActivityDraft:
        form_text = self.form.currentText().strip()
        index = self.form.currentIndex()
        if index >= 0 and self.form.itemText(index) == form_text:
            form_text = self.form.itemData(index)  # the full title behind a shortened label
        return ActivityDraft(
            occurred_on=self.occurred_on.date().toPython(),
            ends_on=self.ends_on.date().toPython() if self.several_days.isChecked() else None,
            form=form_text, title=self.title.text(), content=self.content.toPlainText(),
            place=self.place.text(), organiser=self.organiser.text(),
            party_members=self.party_members.value(), others=self.others.value(),
            tags=tuple(self.tags.text().split(",")), item_ids=tuple(self.item_ids()),
        )

    def _date_problem(self) -> bool:
        """A date that was typed and cannot be read is said, not replaced by the last good one."""
        for edit, label in ((self.occurred_on, "Ngày"), (self.ends_on, "Đến ngày")):
            if edit.isEnabled() and edit.problem():
                self.error.setText(f"{label}: {edit.problem()}")
                self.error.show()
                edit.setFocus()
                return True
        return False

    def _confirm_new_form(self, form: str) -> bool:
        """A form not in the list is asked about, with the nearest one offered, so that a slip of the
        keyboard ("Hội nghi") does not become a new form. False: the person goes back to the field."""
        known = self.services.activities.forms()
        if form in known:
            return True
        nearest = _nearest_form(form, known)
        text = f"Hình thức “{form}” chưa có trong danh sách."
        choices = ([f"Dùng “{shorten(nearest, 50)}”"] if nearest else []) + ["Thêm hình thức mới", "Quay lại sửa"]
        if nearest:
            text += f"\nCó phải là “{nearest}” không?"
        answer = ask_choice(self, "Hình thức mới?", text, choices)
        if nearest and answer == 0:
            index = self.form.findData(nearest)
            self.form.setCurrentIndex(index) if index >= 0 else self.form.setEditText(nearest)
            return True
        return answer == len(choices) - 2

    def save(self) -> None:
        if self._date_problem():
            return
        typed_form = self.draft().form.strip()
        if typed_form and not self._confirm_new_form(" ".join(typed_form.split())):
            self.form.setFocus()
            self.form.lineEdit().selectAll()
            return
        entries = self.attachments.entries()
        kept = [e.data(ATTACHMENT_ROLE) for e in entries if e.data(ATTACHMENT_ROLE) is not None]
        new_files = [Path(e.data(PATH_ROLE)) for e in entries if e.data(ATTACHMENT_ROLE) is None]
        try:
            draft = self.draft().cleaned(self.services.clock())
            if draft.form not in self.services.activities.forms():
                self.services.activities.add_form(draft.form)
            if self.activity is None:
                self.result_activity = self.services.activities.add(draft, new_files)
            else:
                self.before, self.result_activity = self.services.activities.update(
                    self.activity.id, draft, keep=kept, files=new_files)
        except ValidationError as exc:
            self.error.setText(str(exc))
            self.error.show()
            widget = self._fields.get(exc.field)
            if widget is not None:
                widget.setFocus()
            return
        self.accept()


def _nearest_form(typed: str, known: list[str]) -> str | None:
    """The known form the typed one most looks like (without diacritics or case), if close enough."""
    import difflib

    keys = {search_key(title): title for title in known}
    found = difflib.get_close_matches(search_key(typed), list(keys), n=1, cutoff=0.8)
    return keys[found[0]] if found else None


def _with_buttons(view: QWidget, *buttons: QPushButton) -> QWidget:
    holder = QWidget()
    row = QHBoxLayout(holder)
    row.setContentsMargins(0, 0, 0, 0)
    row.addWidget(view, 1)
    column = QVBoxLayout()
    for button in buttons:
        column.addWidget(button)
    column.addStretch(1)
    row.addLayout(column)
    return holder
