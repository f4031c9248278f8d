"""The plan editor: the parsed (or stored) tree beside the source text. The user dates phases,
moves, merges, splits, deletes and adds lines; nothing reaches the database until “Lưu”."""
from __future__ import annotations

import copy
import datetime as dt
import re

from PySide6.QtCore import QDate, QModelIndex, Qt
from PySide6.QtGui import QColor, QStandardItem, QStandardItemModel, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QDateEdit, QDialog, QFormLayout, QGridLayout, QHBoxLayout, QLabel, QLineEdit,
    QListWidget, QListWidgetItem, QPlainTextEdit, QPushButton, QSplitter, QStackedWidget, QTextEdit, QTreeView,
    QVBoxLayout, QWidget,
)

from ...domain.plan import StageKind, phase_label
from ...domain.plan_document import check_document
from ...domain.plan_parser import SourceLine, strip_marks
from ...domain.validation import ValidationError
from ..messages import ask_yes_no
from ..widgets import ALARM_STYLE, OVERDUE_TEXT, to_qdate

DATA = Qt.ItemDataRole.UserRole + 1
KIND_LABELS = {"phase": "Đợt", "stage": "Giai đoạn", "item": "Nội dung", "sub": "Ý nhỏ"}
UNDATED = OVERDUE_TEXT


def used_lines(plan: dict) -> set[int]:
    """Source lines that became a phase, stage, item, sub-item or slogan."""
    used: set[int] = set()

    def take(entry: dict) -> None:
        if entry.get("line"):
            used.add(entry["line"])
        used.update(entry.get("sub_lines", []))

    for phase in plan.get("phases", []):
        take(phase)
        for item in phase.get("items", []):
            take(item)
        for stage in phase.get("stages", []):
            take(stage)
            for item in stage.get("items", []):
                take(item)
    standing = plan.get("standing_task") or {}
    take(standing)
    for item in standing.get("items", []):
        take(item)
    for slogan in plan.get("slogans", []):
        take(slogan)
    return used


def plan_summary(plan: dict) -> str:
    """What the import found besides the phases, so that a misreading is seen before saving."""
    rule = plan.get("reporting_rule") or {}
    parts = [f"Khẩu hiệu: {len(plan.get('slogans', []))}",
             f"Hình thức tuyên truyền: {len(plan.get('activity_forms', []))}",
             (f"Báo cáo: ngày {rule['day_of_month']} hằng tháng" + (f" về {rule['recipient']}" if rule.get("recipient") else ""))
             if rule.get("day_of_month") else "Chưa thấy lịch báo cáo hằng tháng",
             f"Nơi nhận: {len(plan.get('recipients', []))}"]
    if plan.get("signer"):
        parts.append(f"Ký: {plan.get('signing_authority', '')} {plan.get('signer_position', '')} {plan['signer']}".strip())
    return " · ".join(parts)


def _qdate(value: str) -> QDate:
    return to_qdate(dt.date.fromisoformat(value))


def _phase_label(data: dict) -> str:
    return phase_label(data.get("code", ""), data.get("title", ""), data.get("window_text", "")) or "(đợt chưa có tên)"


class PlanEditorDialog(QDialog):
    def __init__(self, document: dict, *, title: str, source: list[SourceLine] | None = None,
                 notes: list[dict] | None = None, undated: list[str] | None = None, offer_activate: bool = False,
                 parent=None):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.original = copy.deepcopy(document)
        self.result_document: dict | None = None
        self.undated = set(undated or [])
        plan = document["plan"]

        self.number = QLineEdit(plan.get("number", ""))
        self.issued_on = QDateEdit(_qdate(plan["issued_on"]) if plan.get("issued_on") else QDate.currentDate())
        self.issued_on.setDisplayFormat("dd/MM/yyyy")
        self.issued_on.setCalendarPopup(True)
        self.plan_title = QLineEdit(plan.get("title", ""))
        header = QGridLayout()
        header.addWidget(QLabel("Số:"), 0, 0)
        header.addWidget(self.number, 0, 1)
        header.addWidget(QLabel("Ngày ban hành:"), 0, 2)
        header.addWidget(self.issued_on, 0, 3)
        header.addWidget(QLabel("Trích yếu:"), 1, 0)
        header.addWidget(self.plan_title, 1, 1, 1, 3)
        self.summary = QLabel(plan_summary(plan))
        self.summary.setWordWrap(True)
        self.summary.setStyleSheet("color: #444;")
        header.addWidget(self.summary, 2, 0, 1, 4)

        self.model = QStandardItemModel(self)
        self.model.setHorizontalHeaderLabels(["Nội dung", "Dòng"])
        self.tree = QTreeView()
        self.tree.setModel(self.model)
        self.tree.setEditTriggers(QTreeView.EditTrigger.NoEditTriggers)
        self.tree.setDragDropMode(QTreeView.DragDropMode.InternalMove)  # across phases and stages too
        self.tree.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.tree.setUniformRowHeights(True)
        self.tree.header().setStretchLastSection(False)
        self.tree.header().setSectionResizeMode(0, self.tree.header().ResizeMode.Stretch)
        self.tree.header().resizeSection(1, 50)
        self._fill(plan)

        self.source = QPlainTextEdit()
        self.source.setReadOnly(True)
        self.source.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        used = used_lines(document["plan"])
        noted = {note["line"] for note in notes or []}
        self.source.setPlainText("\n".join(
            f"{'✓' if line.number in used else '?' if line.number in noted else ' '}{line.number:>5}  {line.text}"
            for line in source or []))
        self.source_lines = {line.number: index for index, line in enumerate(source or [])}
        self.notes = QListWidget()
        for note in notes or []:
            entry = QListWidgetItem(f"Dòng {note['line']}: {note['text']}")
            entry.setData(DATA, note)
            self.notes.addItem(entry)
        self.add_note_button = QPushButton("Thêm dòng này làm nội dung")

        self.forms = QStackedWidget()
        self._showing: QStandardItem | None = None  # the row the form below the tree edits
        self._build_forms()
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setStyleSheet(ALARM_STYLE)

        buttons = QGridLayout()
        self.actions = {}
        for position, (key, label) in enumerate((
            ("add_phase", "Thêm đợt"), ("add_stage", "Thêm mốc trước/trong/sau"), ("add_item", "Thêm nội dung"),
            ("add_sub", "Thêm ý nhỏ"), ("up", "Lên"), ("down", "Xuống"), ("indent", "Thành ý nhỏ"),
            ("outdent", "Thành nội dung"), ("merge", "Gộp với dòng dưới"), ("split", "Tách tại con trỏ"),
            ("delete", "Xóa"),
        )):
            button = QPushButton(label)
            button.clicked.connect(lambda _checked=False, action=key: getattr(self, action)())
            self.actions[key] = button
            buttons.addWidget(button, position // 6, position % 6)
        self.activate = QCheckBox("Dùng làm kế hoạch đang dùng")
        self.activate.setVisible(offer_activate)
        self.save_button = QPushButton("Lưu")
        self.save_button.setDefault(True)
        cancel = QPushButton("Hủy")
        bottom = QHBoxLayout()
        bottom.addWidget(self.activate)
        bottom.addStretch(1)
        bottom.addWidget(self.save_button)
        bottom.addWidget(cancel)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.tree, 3)
        left_layout.addLayout(buttons)
        left_layout.addWidget(self.forms, 2)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(QLabel("Văn bản gốc (✓ dòng đã thành nội dung, ? dòng chưa xếp được):"))
        right_layout.addWidget(self.source, 3)
        right_layout.addWidget(QLabel("Dòng chưa xếp được (bấm đúp để xem trong văn bản gốc):"))
        right_layout.addWidget(self.notes, 1)
        right_layout.addWidget(self.add_note_button)
        right.setVisible(source is not None)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setSizes([700, 500])
        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.message)
        layout.addLayout(bottom)

        self.tree.selectionModel().currentChanged.connect(lambda current, _previous: self._show(current))
        self.notes.itemDoubleClicked.connect(lambda entry: self.show_source_line(entry.data(DATA)["line"]))
        self.add_note_button.clicked.connect(self.add_note_as_item)
        self.save_button.clicked.connect(self.save)
        cancel.clicked.connect(self.reject)
        self.tree.expandAll()
        self.resize(1200, 780)
        self._show_undated()
        if self.model.rowCount():
            self.tree.setCurrentIndex(self.model.index(0, 0))

    # --- the tree -----------------------------------------------------------
    def _node(self, kind: str, data: dict) -> list[QStandardItem]:
        if kind == "stage":  # "kind" names the row's kind below; the stage's own kind moves aside
            data = {**data, "stage_kind": data.get("stage_kind") or data.get("kind") or StageKind.BEFORE.value}
        data = {**data, "kind": kind}
        text = _phase_label(data) if kind == "phase" else data.get("heading" if kind == "stage" else "text", "")
        label = QStandardItem(text)
        label.setData(data, DATA)
        label.setToolTip(text)
        if kind == "phase":
            font = label.font()
            font.setBold(True)
            label.setFont(font)
        line = data.get("line")
        return [label, QStandardItem(str(line) if line else "")]

    def _item_rows(self, entry: dict) -> list[QStandardItem]:
        row = self._node("item", {k: v for k, v in entry.items() if k not in ("sub_items", "sub_lines")})
        lines = entry.get("sub_lines", [])
        for position, sub in enumerate(entry.get("sub_items", [])):
            sub = {"text": sub} if isinstance(sub, str) else dict(sub)
            if position < len(lines):
                sub["line"] = lines[position]
            row[0].appendRow(self._node("sub", sub))
        return row

    def _fill(self, plan: dict) -> None:
        for phase in plan.get("phases", []):
            phase_row = self._node("phase", {k: v for k, v in phase.items() if k not in ("items", "stages")})
            for entry in phase.get("items", []):
                phase_row[0].appendRow(self._item_rows(entry))
            for stage in phase.get("stages", []):
                stage_row = self._node("stage", {k: v for k, v in stage.items() if k != "items"})
                for entry in stage.get("items", []):
                    stage_row[0].appendRow(self._item_rows(entry))
                phase_row[0].appendRow(stage_row)
            self.model.appendRow(phase_row)

    def current(self) -> QStandardItem | None:
        index = self.tree.currentIndex()
        return self.model.itemFromIndex(index.siblingAtColumn(0)) if index.isValid() else None

    def _kind(self, node: QStandardItem | None) -> str | None:
        return node.data(DATA)["kind"] if node is not None else None

    def _select(self, node: QStandardItem) -> None:
        self.tree.expand(node.index().parent())
        self.tree.setCurrentIndex(node.index())

    def _children_parent(self, node: QStandardItem | None, kinds: tuple) -> QStandardItem | None:
        while node is not None and self._kind(node) not in kinds:
            node = node.parent()
        return node

    # --- forms beside the tree ---------------------------------------------
    def _build_forms(self) -> None:
        self.empty_form = QLabel("Chọn một dòng trong cây để sửa.")
        self.phase_code, self.phase_title, self.phase_window = QLineEdit(), QLineEdit(), QLineEdit()
        self.phase_start, self.phase_end = QDateEdit(), QDateEdit()
        for edit in (self.phase_start, self.phase_end):
            edit.setDisplayFormat("dd/MM/yyyy")
            edit.setCalendarPopup(True)
        self.phase_note = QLabel()
        self.phase_note.setStyleSheet(ALARM_STYLE)
        phase_form = QWidget()
        layout = QFormLayout(phase_form)
        layout.addRow("Số đợt:", self.phase_code)
        layout.addRow("Tên đợt:", self.phase_title)
        layout.addRow("Thời gian (như văn bản):", self.phase_window)
        layout.addRow("Từ ngày:", self.phase_start)
        layout.addRow("Đến ngày:", self.phase_end)
        layout.addRow(self.phase_note)
        self.stage_kind = QComboBox()
        for kind in StageKind:
            self.stage_kind.addItem(kind.label, kind.value)
        self.stage_heading = QLineEdit()
        stage_form = QWidget()
        layout = QFormLayout(stage_form)
        layout.addRow("Loại:", self.stage_kind)
        layout.addRow("Tiêu đề:", self.stage_heading)
        self.item_text = QPlainTextEdit()
        item_form = QWidget()
        layout = QVBoxLayout(item_form)
        layout.setContentsMargins(0, 0, 0, 0)
        self.item_label = QLabel("Nội dung:")
        layout.addWidget(self.item_label)
        layout.addWidget(self.item_text)
        for form in (self.empty_form, phase_form, stage_form, item_form):
            self.forms.addWidget(form)
        self.phase_form, self.stage_form, self.item_form = phase_form, stage_form, item_form
        for edit in (self.phase_code, self.phase_title, self.phase_window, self.stage_heading):
            edit.textEdited.connect(lambda _text: self._store_form())
        for edit in (self.phase_start, self.phase_end):
            edit.dateChanged.connect(lambda _date: self._store_form(dated=True))
        self.stage_kind.activated.connect(lambda _index: self._store_form())
        self.item_text.textChanged.connect(self._store_form)

    def _show(self, index: QModelIndex) -> None:
        node = self.model.itemFromIndex(index.siblingAtColumn(0)) if index.isValid() else None
        self._showing = None
        kind = self._kind(node)
        data = node.data(DATA) if node else {}
        if kind == "phase":
            self.phase_code.setText(data.get("code", ""))
            self.phase_title.setText(data.get("title", ""))
            self.phase_window.setText(data.get("window_text", ""))
            self.phase_start.setDate(_qdate(data["starts_on"]))
            self.phase_end.setDate(_qdate(data["ends_on"]))
            undated = data.get("code") in self.undated and not data.get("dated_by_user")
            self.phase_note.setText("Đợt này gắn với sự kiện, chưa có ngày: hãy nhập ngày bắt đầu và kết thúc."
                                    if undated else "")
            self.forms.setCurrentWidget(self.phase_form)
        elif kind == "stage":
            self.stage_kind.setCurrentIndex(max(0, self.stage_kind.findData(data["stage_kind"])))
            self.stage_heading.setText(data.get("heading", ""))
            self.forms.setCurrentWidget(self.stage_form)
        elif kind in ("item", "sub"):
            self.item_label.setText(f"{KIND_LABELS[kind]}:")
            self.item_text.setPlainText(data.get("text", ""))
            self.forms.setCurrentWidget(self.item_form)
        else:
            self.forms.setCurrentWidget(self.empty_form)
        self._showing = node
        line = data.get("line")
        if line:
            self.show_source_line(line)
        self._update_buttons()

    def _store_form(self, dated: bool = False) -> None:
        node = self._showing
        if node is None:
            return
        data = dict(node.data(DATA))
        kind = data["kind"]
        if kind == "phase":
            data.update(code=self.phase_code.text().strip(), title=self.phase_title.text().strip(),
                        window_text=self.phase_window.text().strip(),
                        starts_on=self.phase_start.date().toPython().isoformat(),
                        ends_on=self.phase_end.date().toPython().isoformat())
            if dated:
                data["dated_by_user"] = True
            node.setText(_phase_label(data))
        elif kind == "stage":
            data.update(stage_kind=self.stage_kind.currentData(), heading=self.stage_heading.text().strip())
            node.setText(data["heading"])
        else:
            data["text"] = " ".join(self.item_text.toPlainText().split())  # one line, as the plan prints it
            node.setText(data["text"])
        node.setData(data, DATA)
        node.setToolTip(node.text())
        self._show_undated()

    def _show_undated(self) -> None:
        waiting = []
        for row in range(self.model.rowCount()):
            node = self.model.item(row)
            data = node.data(DATA)
            late = data.get("code") in self.undated and not data.get("dated_by_user")
            node.setForeground(UNDATED if late else QColor("#000000"))
            if late:
                waiting.append(data.get("code") or node.text())
        self.message.setText("Các đợt chưa có ngày (tô đỏ): " + ", ".join(waiting) if waiting else "")

    def show_source_line(self, line: int) -> None:
        index = self.source_lines.get(line)
        if index is None:
            return
        block = self.source.document().findBlockByNumber(index)
        cursor = QTextCursor(block)
        self.source.setTextCursor(cursor)
        self.source.centerCursor()
        highlight = QTextEdit.ExtraSelection()
        highlight.cursor = QTextCursor(block)
        highlight.cursor.select(QTextCursor.SelectionType.LineUnderCursor)
        fmt = QTextCharFormat()
        fmt.setBackground(QColor("#fff3b0"))
        highlight.format = fmt
        self.source.setExtraSelections([highlight])

    # --- actions ------------------------------------------------------------
    def _update_buttons(self) -> None:
        kind = self._kind(self.current())
        self.actions["add_stage"].setEnabled(kind in ("phase", "stage"))
        self.actions["add_item"].setEnabled(kind is not None)
        self.actions["add_sub"].setEnabled(kind in ("item", "sub"))
        for key in ("up", "down", "delete"):
            self.actions[key].setEnabled(kind is not None)
        self.actions["merge"].setEnabled(kind in ("item", "sub"))
        self.actions["indent"].setEnabled(kind == "item" and self.current().row() > 0)
        self.actions["outdent"].setEnabled(kind == "sub")
        self.actions["split"].setEnabled(kind in ("item", "sub"))

    def add_phase(self) -> None:
        last = self.model.item(self.model.rowCount() - 1).data(DATA) if self.model.rowCount() else None
        start = last["ends_on"] if last else self.issued_on.date().toPython().isoformat()
        row = self._node("phase", {"code": str(self.model.rowCount() + 1), "title": "Đợt mới", "window_text": "",
                                   "starts_on": start, "ends_on": start})
        self.model.appendRow(row)
        self._select(row[0])

    def add_stage(self) -> None:
        phase = self._children_parent(self.current(), ("phase",))
        if phase is None:
            return
        row = self._node("stage", {"stage_kind": StageKind.BEFORE.value, "heading": StageKind.BEFORE.label})
        phase.appendRow(row)
        self._select(row[0])

    def add_item(self, text: str = "Nội dung mới", line: int | None = None) -> QStandardItem | None:
        node = self.current()
        kind = self._kind(node)
        data = {"text": text, **({"line": line} if line else {})}
        row = self._node("item", data)
        if kind in ("phase", "stage"):
            node.appendRow(row)
        elif kind in ("item", "sub"):
            item = node if kind == "item" else node.parent()
            item.parent().insertRow(item.row() + 1, row)
        else:
            return None
        self._select(row[0])
        return row[0]

    def add_sub(self) -> None:
        node = self.current()
        item = node if self._kind(node) == "item" else node.parent() if self._kind(node) == "sub" else None
        if item is None:
            return
        row = self._node("sub", {"text": "Ý nhỏ mới"})
        item.appendRow(row)
        self._select(row[0])

    def _siblings_owner(self, node: QStandardItem) -> QStandardItem:
        return node.parent() or self.model.invisibleRootItem()

    def up(self) -> None:
        self._move(-1)

    def down(self) -> None:
        self._move(1)

    def _move(self, step: int) -> None:
        node = self.current()
        if node is None:
            return
        owner, row = self._siblings_owner(node), node.row()
        target = row + step
        if not 0 <= target < owner.rowCount():
            return
        expanded = self.tree.isExpanded(node.index())
        taken = owner.takeRow(row)
        owner.insertRow(target, taken)
        self.tree.setExpanded(taken[0].index(), expanded)
        self._select(taken[0])

    def indent(self) -> None:
        """The item becomes a sub-item of the item above it (its own sub-items follow it)."""
        node = self.current()
        if self._kind(node) != "item" or node.row() == 0:
            return
        owner = self._siblings_owner(node)
        above = owner.child(node.row() - 1)
        if self._kind(above) != "item":
            return
        row = owner.takeRow(node.row())
        data = dict(row[0].data(DATA), kind="sub")
        row[0].setData(data, DATA)
        above.appendRow(row)
        while row[0].rowCount():
            above.appendRow(row[0].takeRow(0))
        self._select(row[0])

    def outdent(self) -> None:
        """The sub-item becomes an item right after its parent."""
        node = self.current()
        if self._kind(node) != "sub":
            return
        parent = node.parent()
        row = parent.takeRow(node.row())
        row[0].setData(dict(row[0].data(DATA), kind="item"), DATA)
        self._siblings_owner(parent).insertRow(parent.row() + 1, row)
        self._select(row[0])

    def merge(self) -> None:
        node = self.current()
        if self._kind(node) not in ("item", "sub"):
            return
        owner = self._siblings_owner(node)
        below = owner.child(node.row() + 1)
        if below is None or self._kind(below) != self._kind(node):
            self.message.setText("Không có dòng cùng loại ngay bên dưới để gộp.")
            return
        if not self._confirm_loss(below, "Dòng bên dưới sẽ nhập vào dòng đang chọn."):
            return
        data = dict(node.data(DATA))
        data["text"] = f"{data['text'].rstrip()} {below.data(DATA)['text'].lstrip()}"
        node.setData(data, DATA)
        node.setText(data["text"])
        while below.rowCount():
            node.appendRow(below.takeRow(0))
        owner.removeRow(below.row())
        self._show(node.index())

    def split(self) -> None:
        node = self.current()
        if self._kind(node) not in ("item", "sub"):
            return
        text = self.item_text.toPlainText()
        cut = self.item_text.textCursor().position()
        first, second = text[:cut].strip(), text[cut:].strip()
        if not first or not second:
            self.message.setText("Đặt con trỏ vào giữa nội dung (ô bên dưới cây) ở chỗ cần tách rồi bấm “Tách tại con trỏ”.")
            return
        data = dict(node.data(DATA))
        data["text"] = first
        node.setData(data, DATA)
        node.setText(first)
        new = self._node(self._kind(node), {
            "text": second, **({"line": data["line"]} if data.get("line") else {}),
            # both halves of a stored item keep its status, dates and evidence
            **({"status_from": data["id"]} if data.get("id") else {})})
        self._siblings_owner(node).insertRow(node.row() + 1, new)
        self._select(new[0])

    def _confirm_loss(self, node: QStandardItem, what: str) -> bool:
        """Rows already in the database carry statuses and evidence: say so before losing them."""
        stored = [n for n in [node, *(node.child(r) for r in range(node.rowCount()))] if n and n.data(DATA).get("id")]
        return not stored or ask_yes_no(self, "Xóa nội dung đã lưu",
                                        f"{what} Trạng thái, ngày hoàn thành và minh chứng đã ghi cho dòng này sẽ mất. Tiếp tục?")

    def delete(self) -> None:
        node = self.current()
        if node is None or not self._confirm_loss(node, "Xóa dòng đã chọn."):
            return
        owner = self._siblings_owner(node)
        row = node.row()
        owner.removeRow(row)
        if owner.rowCount():
            self._select(owner.child(min(row, owner.rowCount() - 1)))
        elif owner is not self.model.invisibleRootItem():
            self._select(owner)

    def add_note_as_item(self) -> None:
        entry = self.notes.currentItem()
        if entry is None:
            self.message.setText("Chọn một dòng chưa xếp được trước.")
            return
        note = entry.data(DATA)
        text = strip_marks(re.sub(r"^(?:[-–•·]\s*)?\+?\s*", "", note["text"]))
        if self.add_item(text, note["line"]) is None:
            self.message.setText("Chọn đợt hoặc giai đoạn sẽ nhận dòng này trong cây trước.")
            return
        self.notes.takeItem(self.notes.row(entry))

    # --- the result -----------------------------------------------------------
    def document(self) -> dict:
        result = copy.deepcopy(self.original)
        plan = result["plan"]
        plan["number"] = self.number.text().strip()
        plan["title"] = self.plan_title.text().strip()
        plan["issued_on"] = self.issued_on.date().toPython().isoformat()
        plan["phases"] = [self._phase(self.model.item(row)) for row in range(self.model.rowCount())]
        return result

    @staticmethod
    def _clean(data: dict, drop=("kind", "dated_by_user", "stage_kind")) -> dict:  # "status_from" stays
        return {key: value for key, value in data.items() if key not in drop}

    def _entry(self, node: QStandardItem) -> dict:
        entry = self._clean(node.data(DATA))
        subs = [self._clean(node.child(row).data(DATA)) for row in range(node.rowCount())]
        if subs:
            entry["sub_items"] = subs
        return entry

    def _phase(self, node: QStandardItem) -> dict:
        phase = self._clean(node.data(DATA))
        items, stages = [], []
        for row in range(node.rowCount()):
            child = node.child(row)
            data = child.data(DATA)
            if data["kind"] == "stage":
                stage = self._clean(data)
                stage["kind"] = data["stage_kind"]
                stage["items"] = [self._entry(child.child(r)) for r in range(child.rowCount())]
                stages.append(stage)
            else:
                items.append(self._entry(child))
        phase["items"] = items
        if stages:
            phase["stages"] = stages
        return phase

    def _structure_problem(self) -> str | None:
        if not self.model.rowCount():
            return "Kế hoạch cần ít nhất một đợt (nút “Thêm đợt”)."
        allowed = {None: {"phase"}, "phase": {"stage", "item"}, "stage": {"item"}, "item": {"sub"}, "sub": set()}
        for node in self._all_nodes():
            data = node.data(DATA)
            parent = node.parent()
            parent_kind = self._kind(parent) if parent is not None else None
            if data["kind"] not in allowed[parent_kind]:
                return (f"“{node.text()[:40]}” đang nằm sai chỗ ({KIND_LABELS[data['kind']].lower()} trong "
                        f"{KIND_LABELS.get(parent_kind, 'gốc').lower()}); hãy kéo nó về đúng đợt hoặc giai đoạn.")
            if data["kind"] == "phase" and data["ends_on"] < data["starts_on"]:
                return f"{node.text()}: ngày kết thúc trước ngày bắt đầu."
        return None

    def _all_nodes(self):
        pending = [self.model.item(row) for row in range(self.model.rowCount())]
        while pending:
            node = pending.pop()
            yield node
            pending.extend(node.child(row) for row in range(node.rowCount()))

    @staticmethod
    def _entry_text(node: QStandardItem) -> str:
        data = node.data(DATA)
        return data.get("text", "x") if data["kind"] in ("item", "sub") else "x"

    def save(self) -> None:
        waiting = [self.model.item(r).data(DATA).get("code") for r in range(self.model.rowCount())
                   if self.model.item(r).data(DATA).get("code") in self.undated
                   and not self.model.item(r).data(DATA).get("dated_by_user")]
        if waiting:
            self.message.setText("Hãy nhập ngày cho các đợt tô đỏ trước khi lưu: " + ", ".join(waiting))
            return
        if not self.number.text().strip():
            self.message.setText("Chưa nhập số của kế hoạch (ví dụ 05-KH/CB).")
            return
        if not self.plan_title.text().strip():
            self.message.setText("Chưa nhập trích yếu của kế hoạch.")
            return
        problem = self._structure_problem()
        if problem:
            self.message.setText(problem)
            return
        if any(not self._entry_text(node).strip() for node in self._all_nodes()):
            self.message.setText("Có dòng nội dung trống: hãy nhập chữ hoặc xóa dòng đó.")
            return
        document = self.document()
        try:
            check_document(document)
        except ValidationError as exc:
            self.message.setText(str(exc))
            return
        self.result_document = document
        self.accept()
