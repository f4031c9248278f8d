"""The plan editor: the parsed (or stored) tree beside the source text. The user dates phases,
moves, merges, splits, deletes and adds lines; nothing reaches the database until “Lưu”."""
from __future__ import annotations

import copy
import datetime as dt
import re
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QDate, QModelIndex, Qt
from PySide6.QtGui import QColor, QFontDatabase, QStandardItem, QStandardItemModel, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QDialog, QFormLayout, QGridLayout, QHBoxLayout, QLabel, QLineEdit,
    QListWidget, QListWidgetItem, QPlainTextEdit, QPushButton, QSplitter, QStackedWidget, QTextEdit, QTreeView,
    QVBoxLayout, QWidget,
)

from ...domain.document_kinds import DOCUMENT_KINDS, PHASED_PLAN
from ...domain.plan import StageKind, phase_label
from ...domain.plan_document import check_document
from ...domain.plan_parser import SourceLine, strip_marks
from ...domain.validation import ValidationError
from ..messages import ask_yes_no
from ..widgets import ALARM_STYLE, OVERDUE_TEXT, date_edit, to_qdate
from ..screen import fit_to_screen, scrolling

DATA = Qt.ItemDataRole.UserRole + 1
KIND_LABELS = {"phase": "Đợt", "stage": "Giai đoạn", "item": "Nội dung", "sub": "Ý nhỏ"}
UNDATED = OVERDUE_TEXT
OCR_NOTICE = ("Chữ của văn bản này được đọc từ ảnh bằng nhận dạng chữ (OCR) nên có thể sai chữ, sai dấu, sai số: "
              "hãy đối chiếu từng dòng với ảnh trang văn bản trước khi lưu.")
USER_MARKS = ("kind", "dated_by_user", "stage_kind", "window_confirmed")  # the editor's own keys, never saved


def used_lines(plan: dict) -> set[int]:
    """Source lines that became a phase, stage, item, sub-item or slogan."""
    used: set[int] = set()

    def take(entry: dict) -> None:
        if entry.get("line"):
            used.add(entry["line"])
        used.update(entry.get("sub_lines", []))
        used.update(entry.get("detail_lines", []))

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


def describe_kind_reason(reason: str) -> str:
    """The parser's reason as a sentence beside the kind box."""
    reason = reason.strip().rstrip(".")
    if not reason:
        return ""
    if reason == "do người dùng chọn":
        return "Loại do bạn chọn: văn bản gốc đã được đọc lại theo loại này."
    return f"Chương trình nhận ra loại này vì {reason}."


def _qdate(value: str) -> QDate:
    return to_qdate(dt.date.fromisoformat(value))


def _phase_label(data: dict) -> str:
    return phase_label(data.get("code", ""), data.get("title", ""), data.get("window_text", "")) or "(đợt chưa có tên)"


class PlanEditorDialog(QDialog):
    """`reparse(kind)` (a ParsedPlan of the same source text as that kind) lets the user change the
    document's kind; `review` lists phases whose window must be checked ({"phase", "reason"})."""

    def __init__(self, document: dict, *, title: str, source: list[SourceLine] | None = None,
                 notes: list[dict] | None = None, undated: list[str] | None = None, offer_activate: bool = False,
                 review: list[dict] | None = None, kind_reason: str = "", consumed: set[int] | None = None,
                 reparse: Callable[[str], object] | None = None, page_images: list[Path] | None = None,
                 read_by_ocr: bool = False, warnings: list[str] | None = None, parent=None):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.result_document: dict | None = None
        self.reparse = reparse
        self.release_images = lambda: None  # the intake sets it when the dialog shows page images

        self.number = QLineEdit()
        self.number.setPlaceholderText("Không có số (văn bản chép từ trang web) thì để trống")
        self.issued_on = date_edit()
        self.plan_title = QLineEdit()
        self.kind_choice = QComboBox()
        for kind, label in DOCUMENT_KINDS.items():
            self.kind_choice.addItem(label, kind)
        self.kind_choice.setToolTip("Loại văn bản quyết định cách đọc: đổi loại thì văn bản gốc được đọc lại theo "
                                    "loại mới" if reparse else "Loại văn bản")
        self.kind_reason = QLabel()
        self.kind_reason.setWordWrap(True)
        self.kind_reason.setStyleSheet("color: #444;")
        header = QGridLayout()
        header.addWidget(QLabel("Loại văn bản:"), 0, 0)
        kind_row = QHBoxLayout()
        kind_row.addWidget(self.kind_choice)
        kind_row.addWidget(self.kind_reason, 1)
        header.addLayout(kind_row, 0, 1, 1, 3)
        header.addWidget(QLabel("Số:"), 1, 0)
        header.addWidget(self.number, 1, 1)
        header.addWidget(QLabel("Ngày ban hành:"), 1, 2)
        header.addWidget(self.issued_on, 1, 3)
        header.addWidget(QLabel("Trích yếu:"), 2, 0)
        header.addWidget(self.plan_title, 2, 1, 1, 3)
        header.setColumnStretch(1, 1)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setStyleSheet("color: #444;")
        header.addWidget(self.summary, 3, 0, 1, 4)

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

        self.source = QPlainTextEdit()
        self.source.setReadOnly(True)
        self.source.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.source.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))  # marks and numbers aligned
        self.source_text = list(source or [])
        self.source_lines = {line.number: index for index, line in enumerate(self.source_text)}
        self.notes = QListWidget()
        self.notes.setWordWrap(True)
        self.add_note_button = QPushButton("Thêm dòng này làm nội dung")
        # the reader's own OCR warning says what OCR_NOTICE says
        notices = ([OCR_NOTICE] if read_by_ocr else []) + [w for w in warnings or [] if not (read_by_ocr and "OCR" in w)]
        self.reading_notice = QLabel("\n".join(notices))
        self.reading_notice.setWordWrap(True)
        self.reading_notice.setStyleSheet(ALARM_STYLE)
        self.reading_notice.setVisible(bool(notices))
        self.page_view = None
        if page_images:
            from .page_images import PageImageView

            self.page_view = PageImageView(page_images)

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
            buttons.addWidget(button, position // 4, position % 4)  # four a row: 1024 px wide is enough
        self.activate = QCheckBox("Đưa vào áp dụng ngay")
        self.activate.setToolTip("Nội dung của văn bản hiện trong danh mục việc cần làm cùng các văn bản đang áp dụng")
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
        left_layout.addWidget(scrolling(self.forms), 2)  # a short screen scrolls the form of the chosen row
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.reading_notice)
        source_label = QLabel("Văn bản gốc (✓ dòng đã thành nội dung, ? dòng chưa xếp được):")
        source_label.setWordWrap(True)
        right_layout.addWidget(source_label)
        right_layout.addWidget(self.source, 3)
        right_layout.addWidget(QLabel("Dòng chưa xếp được (bấm đúp để xem trong văn bản gốc):"))
        right_layout.addWidget(self.notes, 1)
        right_layout.addWidget(self.add_note_button)
        right.setVisible(source is not None)
        self.splitter = QSplitter()
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(left)
        self.splitter.addWidget(right)
        if self.page_view is not None:
            self.splitter.addWidget(self.page_view)
        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addWidget(self.splitter, 1)
        layout.addWidget(self.message)
        layout.addLayout(bottom)

        self.tree.selectionModel().currentChanged.connect(lambda current, _previous: self._show(current))
        self.notes.itemDoubleClicked.connect(lambda entry: self.show_source_line(entry.data(DATA).get("line")))
        self.add_note_button.clicked.connect(self.add_note_as_item)
        self.save_button.clicked.connect(self.save)
        cancel.clicked.connect(self.reject)
        self.kind_choice.activated.connect(self._kind_chosen)
        self._load(document, notes, undated, review, kind_reason, consumed)
        self._fit_screen(parent)

    @classmethod
    def from_incoming(cls, incoming, *, title: str, reparse=None, offer_activate: bool = False, parent=None):
        """The review of a document as read (services.document_intake.Incoming)."""
        parsed = incoming.parsed
        return cls(parsed.document, title=title, source=incoming.lines or None, notes=parsed.notes,
                   undated=parsed.undated_phases, review=parsed.review, kind_reason=parsed.kind_reason,
                   consumed=parsed.consumed_lines, reparse=reparse, page_images=incoming.page_images,
                   read_by_ocr=incoming.read_by_ocr, warnings=incoming.warnings, offer_activate=offer_activate,
                   parent=parent)

    def _fit_screen(self, parent) -> None:
        """As large as the work needs, never larger than the screen (Lưu and Hủy stay visible on 1366×768)."""
        fit_to_screen(self, 1500 if self.page_view is not None else 1240, 820)
        width = self.width()
        if self.page_view is not None:
            self.splitter.setSizes([round(width * 0.4), round(width * 0.3), round(width * 0.3)])
        else:
            self.splitter.setSizes([round(width * 0.58), round(width * 0.42)])

    def _load(self, document: dict, notes, undated, review, kind_reason: str, consumed) -> None:
        """Fills the header, the tree, the notes and the source marks from a (parsed) document."""
        self.original = copy.deepcopy(document)
        plan = document["plan"]
        self.undated = set(undated or [])
        self.review = {entry["phase"]: entry.get("reason", "") for entry in review or []}
        self.number.setText(plan.get("number", ""))
        self.issued_on.setDate(_qdate(plan["issued_on"]) if plan.get("issued_on") else dt.date.today())
        self.plan_title.setText(plan.get("title", ""))
        self.summary.setText(plan_summary(plan))
        self.doc_kind = plan.get("doc_kind") or PHASED_PLAN
        self.kind_choice.setCurrentIndex(max(0, self.kind_choice.findData(self.doc_kind)))
        self.kind_reason.setText(describe_kind_reason(kind_reason))
        self._showing = None
        self.model.removeRows(0, self.model.rowCount())
        self._fill(plan)
        used = used_lines(plan) | set(consumed or ())
        noted = {note["line"] for note in notes or []}
        self.source.setPlainText("\n".join(
            f"{'✓' if line.number in used else '?' if line.number in noted else ' '}{line.number:>5}  {line.text}"
            for line in self.source_text))
        self.notes.clear()
        for note in notes or []:
            # a note of no line is about the whole document (an issue date not found, …)
            entry = QListWidgetItem(f"Dòng {note['line']}: {note['text']}" if note.get("line") else f"Lưu ý: {note['text']}")
            entry.setData(DATA, note)
            self.notes.addItem(entry)
        self.tree.expandAll()
        self._show_undated()
        if self.model.rowCount():
            self.tree.setCurrentIndex(self.model.index(0, 0))
        else:
            self.forms.setCurrentWidget(self.empty_form)
        self._as_loaded = self.document()

    def edited(self) -> bool:
        """Whether the user changed anything since the document was (re)read."""
        return self.document() != self._as_loaded

    def _kind_chosen(self, index: int) -> None:
        kind = self.kind_choice.itemData(index)
        if kind == self.doc_kind:
            return
        if self.reparse is None:  # no source text to read again: the kind is only relabelled
            self.doc_kind = kind
            return
        label = DOCUMENT_KINDS[kind]
        if self.edited() and not ask_yes_no(
                self, "Đổi loại văn bản", f"Đọc lại văn bản gốc theo loại “{label}” sẽ bỏ các sửa đổi đã làm trên "
                "cây nội dung. Tiếp tục?"):
            self.kind_choice.setCurrentIndex(max(0, self.kind_choice.findData(self.doc_kind)))
            return
        parsed = self.reparse(kind)
        document = copy.deepcopy(parsed.document)
        document["plan"]["doc_kind"] = kind  # the user's choice, whatever the parser made of it
        self._load(document, parsed.notes, parsed.undated_phases, parsed.review,
                   parsed.kind_reason or "do người dùng chọn", parsed.consumed_lines)
        if not self.message.text():
            self.message.setText(f"Đã đọc lại văn bản theo loại “{label}”." if self.model.rowCount() else
                                 f"Đọc theo loại “{label}” không thấy nội dung nào: hãy chọn loại khác hoặc thêm "
                                 "bằng tay.")

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
        self.phase_start, self.phase_end = date_edit(), date_edit()
        self.phase_note = QLabel()
        self.phase_note.setStyleSheet(ALARM_STYLE)
        self.phase_note.setWordWrap(True)
        self.keep_window_button = QPushButton("Giữ nguyên thời gian này")
        self.keep_window_button.setToolTip("Thời gian của đợt đúng như văn bản ghi: không cần sửa ngày")
        self.keep_window_button.clicked.connect(self.keep_window)
        phase_form = QWidget()
        layout = QFormLayout(phase_form)
        layout.addRow("Số đợt:", self.phase_code)
        layout.addRow("Tên đợt:", self.phase_title)
        layout.addRow("Thời gian (như văn bản):", self.phase_window)
        layout.addRow("Từ ngày:", self.phase_start)
        layout.addRow("Đến ngày:", self.phase_end)
        layout.addRow(self.phase_note)
        keep_row = QHBoxLayout()
        keep_row.addWidget(self.keep_window_button)
        keep_row.addStretch(1)
        layout.addRow(keep_row)
        self.stage_kind = QComboBox()
        for kind in StageKind:
            self.stage_kind.addItem(kind.label, kind.value)
        self.stage_heading = QLineEdit()
        stage_form = QWidget()
        layout = QFormLayout(stage_form)
        layout.addRow("Loại:", self.stage_kind)
        layout.addRow("Tiêu đề:", self.stage_heading)
        self.item_text = QPlainTextEdit()
        self.item_detail = QPlainTextEdit()
        self.item_detail.setPlaceholderText("Các đoạn văn bản ghi dưới nội dung này (nếu có): giải thích, yêu cầu, "
                                            "gợi ý cách làm")
        item_form = QWidget()
        layout = QGridLayout(item_form)
        layout.setContentsMargins(0, 0, 0, 0)
        self.item_label = QLabel("Nội dung:")
        self.detail_label = QLabel("Chi tiết (các đoạn dưới nội dung):")
        layout.addWidget(self.item_label, 0, 0)
        layout.addWidget(self.item_text, 1, 0)
        layout.addWidget(self.detail_label, 0, 1)
        layout.addWidget(self.item_detail, 1, 1)
        layout.setColumnStretch(0, 1)
        layout.setColumnStretch(1, 1)
        for form in (self.empty_form, phase_form, stage_form, item_form):
            self.forms.addWidget(form)
        self.phase_form, self.stage_form, self.item_form = phase_form, stage_form, item_form
        for edit in (self.phase_code, self.phase_title, self.phase_window, self.stage_heading):
            edit.textEdited.connect(lambda _text: self._store_form())
        for edit in (self.phase_start, self.phase_end):
            edit.dateChanged.connect(lambda _date: self._store_form(dated=True))
        self.stage_kind.activated.connect(lambda _index: self._store_form())
        self.item_text.textChanged.connect(self._store_form)
        self.item_detail.textChanged.connect(self._store_form)

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
            self._show_phase_note(data)
            self.forms.setCurrentWidget(self.phase_form)
        elif kind == "stage":
            self.stage_kind.setCurrentIndex(max(0, self.stage_kind.findData(data["stage_kind"])))
            self.stage_heading.setText(data.get("heading", ""))
            self.forms.setCurrentWidget(self.stage_form)
        elif kind in ("item", "sub"):
            self.item_label.setText(f"{KIND_LABELS[kind]}:")
            self.item_text.setPlainText(data.get("text", ""))
            self.item_detail.setPlainText(data.get("detail", ""))
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
            # paragraphs stay paragraphs; each one's spaces tidied
            detail = "\n".join(" ".join(line.split()) for line in self.item_detail.toPlainText().strip().splitlines())
            if detail:
                data["detail"] = detail
            else:
                data.pop("detail", None)
            node.setText(data["text"])
        node.setData(data, DATA)
        node.setToolTip(node.text())
        if kind == "phase":
            self._show_phase_note(data)
        self._show_undated()

    # --- phases the user must date or check --------------------------------------
    def _undated(self, data: dict) -> bool:
        return data.get("code") in self.undated and not data.get("dated_by_user")

    def _to_check(self, data: dict) -> bool:
        return (data.get("code") in self.review and not data.get("dated_by_user")
                and not data.get("window_confirmed"))

    def _show_phase_note(self, data: dict) -> None:
        if self._undated(data):
            text = "Đợt này gắn với sự kiện, chưa có ngày: hãy nhập ngày bắt đầu và kết thúc."
        elif self._to_check(data):
            reason = self.review[data["code"]].strip().rstrip(".")
            text = (f"Cần xem lại thời gian: {reason}. Sửa ngày cho đúng, hoặc bấm “Giữ nguyên thời gian này” nếu "
                    "văn bản ghi đúng như vậy.")
        else:
            text = ""
        self.phase_note.setText(text)
        self.keep_window_button.setVisible(self._to_check(data) and not self._undated(data))

    def keep_window(self) -> None:
        """The user confirms a window the review flagged: it is right as the document gives it."""
        node = self._showing
        if node is None or self._kind(node) != "phase":
            return
        data = dict(node.data(DATA), window_confirmed=True)
        node.setData(data, DATA)
        self._show_phase_note(data)
        self._show_undated()

    def _waiting(self) -> tuple[list[str], list[str]]:
        undated, to_check = [], []
        for row in range(self.model.rowCount()):
            data = self.model.item(row).data(DATA)
            name = data.get("code") or self.model.item(row).text()
            if self._undated(data):
                undated.append(name)
            elif self._to_check(data):
                to_check.append(name)
        return undated, to_check

    def _show_undated(self) -> None:
        for row in range(self.model.rowCount()):
            node = self.model.item(row)
            data = node.data(DATA)
            red = self._undated(data) or self._to_check(data)
            node.setForeground(UNDATED if red else QColor("#000000"))
            reason = self.review.get(data.get("code")) if self._to_check(data) else None
            node.setToolTip(f"{node.text()}\nCần xem lại thời gian: {reason}" if reason else node.text())
        undated, to_check = self._waiting()
        parts = []
        if undated:
            parts.append("Các đợt chưa có ngày (tô đỏ): " + ", ".join(undated))
        if to_check:
            parts.append("Các đợt cần xem lại thời gian (tô đỏ): " + ", ".join(to_check))
        self.message.setText(". ".join(parts))

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
        if self.doc_kind != PHASED_PLAN or "doc_kind" in plan:
            plan["doc_kind"] = self.doc_kind
        return result

    @staticmethod
    def _clean(data: dict, drop=USER_MARKS) -> dict:  # "status_from" stays
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
        for edit, what in ((self.issued_on, "Ngày ban hành"), (self.phase_start, "Từ ngày"), (self.phase_end, "Đến ngày")):
            if edit.problem() and (edit is self.issued_on or self.forms.currentWidget() is self.phase_form):
                self.message.setText(f"{what}: {edit.problem()} Hãy sửa lại trước khi lưu.")
                edit.setFocus()
                return
        undated, to_check = self._waiting()
        if undated:
            self.message.setText("Hãy nhập ngày cho các đợt tô đỏ trước khi lưu: " + ", ".join(undated))
            return
        if to_check:
            self.message.setText("Hãy xem lại thời gian các đợt tô đỏ trước khi lưu (sửa ngày, hoặc chọn đợt rồi bấm "
                                 "“Giữ nguyên thời gian này”): " + ", ".join(to_check))
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
