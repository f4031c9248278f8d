"""The page "Sinh hoạt chi bộ": the months' records on the left; the record (biên bản), the nghị
quyết, the members and a preview on the right. A refused record keeps everything typed and says
why above the form."""
from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QDate, Qt, QTime
from PySide6.QtGui import QKeySequence, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView, QCheckBox, QComboBox, QFormLayout, QHBoxLayout, QHeaderView,
    QInputDialog, QLabel, QLineEdit, QListView, QPlainTextEdit, QPushButton, QScrollArea, QSplitter, QTableView,
    QTabWidget, QTextBrowser, QTimeEdit, QVBoxLayout, QWidget,
)

from ...domain.dates import add_months
from ...domain.meetings import KINDS, PRESENT, RATINGS, REGULAR, THEMATIC, Meeting, upload_name
from ...domain.members import ROLES, STANDINGS, Member
from ...domain.validation import ValidationError
from .. import events
from ..file_dialogs import choose_folder, open_file, save_file
from ..messages import ask_yes_no, offer_to_open, run_export, show_error, show_info
from ..widgets import date_edit
from .models import AssignmentModel, AttendanceModel, MeetingListModel, MemberModel, StatusDelegate

CHANGED_KINDS = {events.PLANS, events.ITEMS, events.ACTIVITIES, events.PROFILE}


def _text_box(placeholder: str, height: int = 90) -> QPlainTextEdit:
    box = QPlainTextEdit()
    box.setPlaceholderText(placeholder)
    box.setMinimumHeight(height)
    return box


class MeetingPage(QWidget):
    def __init__(self, services, app_events, parent=None):
        super().__init__(parent)
        self.services, self.app_events = services, app_events
        self.meetings, self.members = services.meetings, services.members
        self.current: Meeting | None = None

        # --- left: the months -------------------------------------------------------------
        self.list_model = MeetingListModel(self)
        self.list_view = QTableView()
        self.list_view.setModel(self.list_model)
        self.list_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.list_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list_view.verticalHeader().hide()
        self.list_view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.list_view.horizontalHeader().setStretchLastSection(True)
        self.list_view.selectionModel().currentRowChanged.connect(self._pick_row)
        self.new_button = QPushButton("Lập biên bản tháng…")
        self.new_button.clicked.connect(self._ask_new)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(QLabel("<b>Các buổi sinh hoạt</b>"))
        left_layout.addWidget(self.list_view, 1)
        left_layout.addWidget(self.new_button)

        # --- right: the record -----------------------------------------------------------------
        self.title = QLabel()
        font = self.title.font()
        font.setPointSize(font.pointSize() + 2)
        font.setBold(True)
        self.title.setFont(font)
        self.problem = QLabel()
        self.problem.setStyleSheet("color: #b00020; font-weight: bold;")
        self.problem.setWordWrap(True)
        self.warning = QLabel()
        self.warning.setStyleSheet("color: #9a6700;")
        self.warning.setWordWrap(True)
        self.save_button = QPushButton("Lưu")
        self.save_button.setShortcut(QKeySequence.StandardKey.Save)
        self.save_button.clicked.connect(self.save)
        self.delete_button = QPushButton("Xóa")
        self.delete_button.clicked.connect(self._delete)
        self.minutes_button = QPushButton("Xuất biên bản…")
        self.minutes_button.clicked.connect(lambda: self._export("minutes", "Bien ban"))
        self.resolution_button = QPushButton("Xuất nghị quyết…")
        self.resolution_button.clicked.connect(lambda: self._export("resolution", "Nghi quyet"))
        self.package_button = QPushButton("Gói tài liệu…")
        self.package_button.setToolTip("Dự thảo nghị quyết và chương trình sinh hoạt (Word và PDF) để đăng lên "
                                       "Sổ tay đảng viên trước buổi sinh hoạt một ngày")
        self.package_button.clicked.connect(self._export_package)
        self.tasks_button = QPushButton("Giao việc vào Kế hoạch")
        self.tasks_button.setToolTip("Đưa các việc được phân công trong nghị quyết vào danh sách việc tháng sau")
        self.tasks_button.clicked.connect(self._apply_tasks)
        buttons = QHBoxLayout()
        for button in (self.save_button, self.delete_button, self.minutes_button, self.resolution_button,
                       self.package_button, self.tasks_button):
            buttons.addWidget(button)
        buttons.addStretch(1)

        self.tabs = QTabWidget()
        self.tabs.addTab(self._record_tab(), "Biên bản")
        self.tabs.addTab(self._resolution_tab(), "Nghị quyết")
        self.tabs.addTab(self._members_tab(), "Đảng viên")
        self.preview = QTextBrowser()
        self.preview.setStyleSheet("QTextBrowser { background: white; color: black; }")
        self.preview_choice = QComboBox()
        self.preview_choice.addItem("Biên bản", "minutes")
        self.preview_choice.addItem("Nghị quyết", "resolution")
        self.preview_choice.addItem("Chương trình sinh hoạt", "agenda")
        self.preview_choice.currentIndexChanged.connect(self._show_preview)
        preview_tab = QWidget()
        preview_layout = QVBoxLayout(preview_tab)
        preview_layout.addWidget(self.preview_choice)
        preview_layout.addWidget(self.preview, 1)
        self.tabs.addTab(preview_tab, "Xem trước")
        self.tabs.currentChanged.connect(lambda index: self._show_preview() if index == 3 else None)

        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.title)
        right_layout.addLayout(buttons)
        right_layout.addWidget(self.problem)
        right_layout.addWidget(self.warning)
        right_layout.addWidget(self.tabs, 1)

        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([300, 1000])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)
        app_events.changed.connect(self._on_changed)
        self.refresh()

    # --- tabs ------------------------------------------------------------------------------
    def _record_tab(self) -> QWidget:
        self.kind = QComboBox()
        for code, label in KINDS.items():
            self.kind.addItem(label.capitalize(), code)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.topic = QLineEdit()
        self.topic.setPlaceholderText("Tên chuyên đề (sinh hoạt chuyên đề)")
        self.held_on = date_edit()  # typed as Vietnamese write dates, like every date field
        self.starts_at, self.ends_at = QTimeEdit(), QTimeEdit()
        for box in (self.starts_at, self.ends_at):
            box.setDisplayFormat("HH:mm")
            box.timeChanged.connect(self._update_warnings)
        times = QHBoxLayout()
        times.addWidget(QLabel("từ"))
        times.addWidget(self.starts_at)
        times.addWidget(QLabel("đến"))
        times.addWidget(self.ends_at)
        self.duration = QLabel()
        times.addWidget(self.duration)
        times.addStretch(1)
        self.place = QLineEdit()
        self.chair, self.secretary = QComboBox(), QComboBox()
        for box in (self.chair, self.secretary):
            box.setEditable(True)
            box.setMinimumWidth(220)
        people = QHBoxLayout()
        people.addWidget(self.chair)
        people.addWidget(QLabel("Thư ký:"))
        people.addWidget(self.secretary)
        people.addStretch(1)

        self.attendance_model = AttendanceModel(self)
        self.attendance_model.dataChanged.connect(self._attendance_changed)
        self.attendance_view = QTableView()
        self.attendance_view.setModel(self.attendance_model)
        self.attendance_view.setItemDelegateForColumn(1, StatusDelegate(self.attendance_view))
        self.attendance_view.verticalHeader().hide()
        self.attendance_view.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.attendance_view.horizontalHeader().setStretchLastSection(True)
        self.attendance_view.setEditTriggers(QAbstractItemView.EditTrigger.AllEditTriggers)
        self.attendance_view.setMinimumHeight(160)
        self.rate = QLabel()
        self.speaker_model = QStandardItemModel(self)
        self.speaker_view = QListView()
        self.speaker_view.setModel(self.speaker_model)
        self.speaker_view.setMinimumHeight(120)
        attendance = QHBoxLayout()
        attendance.addWidget(self.attendance_view, 3)
        speakers = QVBoxLayout()
        speakers.addWidget(QLabel("Đồng chí phát biểu:"))
        speakers.addWidget(self.speaker_view, 1)
        attendance.addLayout(speakers, 1)

        self.agenda = _text_box("Chương trình sinh hoạt", 150)
        self.redraft_button = QPushButton("Soạn lại chương trình từ dữ liệu")
        self.redraft_button.clicked.connect(self._redraft)
        self.discussion = _text_box("Ý kiến thảo luận: “- ” đầu dòng là gạch đầu dòng")
        self.conclusion = _text_box("Kết luận của chủ trì")

        form = QFormLayout()
        form.addRow("Loại sinh hoạt:", self.kind)
        form.addRow("Chuyên đề:", self.topic)
        form.addRow("Ngày:", self.held_on)
        form.addRow("Thời gian:", times)
        form.addRow("Địa điểm:", self.place)
        form.addRow("Chủ trì:", people)
        form.addRow("Điểm danh:", attendance)
        form.addRow("", self.rate)
        form.addRow("Chương trình:", self.agenda)
        form.addRow("", self.redraft_button)
        form.addRow("Thảo luận:", self.discussion)
        form.addRow("Kết luận:", self.conclusion)
        return self._scrolled(form)

    def _resolution_tab(self) -> QWidget:
        self.results = _text_box("I. Kết quả thực hiện nhiệm vụ trong tháng", 120)
        self.direction = _text_box("II. Phương hướng, nhiệm vụ tháng tới", 120)
        self.assignment_model = AssignmentModel(self)
        self.assignment_view = QTableView()
        self.assignment_view.setModel(self.assignment_model)
        self.assignment_view.verticalHeader().hide()
        header = self.assignment_view.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.assignment_view.setMinimumHeight(140)
        add, remove = QPushButton("Thêm việc"), QPushButton("Bỏ việc đang chọn")
        add.clicked.connect(self._add_assignment)
        remove.clicked.connect(lambda: self.assignment_model.remove_row(self.assignment_view.currentIndex().row()))
        self.assignment_model.dataChanged.connect(lambda *_: self._set_problem(self.assignment_model.problem))
        self.assignment_model.refused.connect(self._set_problem)
        row = QHBoxLayout()
        row.addWidget(add)
        row.addWidget(remove)
        row.addStretch(1)
        self.assessment = _text_box("IV. Tự đánh giá chất lượng buổi sinh hoạt")
        self.rating = QComboBox()
        self.rating.addItem("(chưa chọn)", "")
        for rating in RATINGS:
            self.rating.addItem(rating, rating)
        form = QFormLayout()
        form.addRow("I. Kết quả:", self.results)
        form.addRow("II. Phương hướng:", self.direction)
        form.addRow("III. Phân công:", self.assignment_view)
        form.addRow("", row)
        form.addRow("IV. Tự đánh giá:", self.assessment)
        form.addRow("Xếp loại buổi sinh hoạt:", self.rating)
        return self._scrolled(form)

    def _members_tab(self) -> QWidget:
        self.member_model = MemberModel(self)
        self.member_view = QTableView()
        self.member_view.setModel(self.member_model)
        self.member_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.member_view.verticalHeader().hide()
        self.member_view.horizontalHeader().setStretchLastSection(True)
        self.member_view.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.member_view.selectionModel().currentRowChanged.connect(self._pick_member)
        self.member_name = QLineEdit()
        self.member_role = QComboBox()
        self.member_role.addItems(list(ROLES))
        self.member_standing = QComboBox()
        for code, label in STANDINGS.items():
            self.member_standing.addItem(label, code)
        self.member_exempt = QCheckBox("Miễn sinh hoạt")
        self.member_reason = QLineEdit()
        self.member_reason.setPlaceholderText("Lý do miễn sinh hoạt")
        self.member_problem = QLabel()
        self.member_problem.setStyleSheet("color: #b00020; font-weight: bold;")
        new, save, delete, load = (QPushButton("Thêm mới"), QPushButton("Lưu đảng viên"), QPushButton("Xóa"),
                                   QPushButton("Nhập từ Excel…"))
        new.clicked.connect(self._new_member)
        save.clicked.connect(self._save_member)
        delete.clicked.connect(self._delete_member)
        load.clicked.connect(self._import_members)
        self.member_buttons = (new, save, delete, load)
        form = QFormLayout()
        form.addRow("Họ và tên:", self.member_name)
        form.addRow("Chức vụ:", self.member_role)
        form.addRow("Đảng viên:", self.member_standing)
        form.addRow("", self.member_exempt)
        form.addRow("Lý do:", self.member_reason)
        row = QHBoxLayout()
        for button in self.member_buttons:
            row.addWidget(button)
        row.addStretch(1)
        note = QLabel("Chương trình chỉ giữ họ tên, chức vụ, chính thức/dự bị và miễn sinh hoạt; "
                      "không lưu số thẻ đảng, số căn cước hay ngày sinh.")
        note.setWordWrap(True)
        side = QVBoxLayout()
        side.addLayout(form)
        side.addLayout(row)
        side.addWidget(self.member_problem)
        side.addWidget(note)
        side.addStretch(1)
        tab = QWidget()
        layout = QHBoxLayout(tab)
        layout.addWidget(self.member_view, 3)
        layout.addLayout(side, 2)
        return tab

    @staticmethod
    def _scrolled(form: QFormLayout) -> QScrollArea:
        inner = QWidget()
        inner.setLayout(form)
        area = QScrollArea()
        area.setWidgetResizable(True)
        area.setWidget(inner)
        return area

    # --- reading ---------------------------------------------------------------------------
    def refresh(self) -> None:
        current_id = self.current.id if self.current else None
        rows = self.meetings.meetings()
        self.list_model.set_rows(rows)
        members = self.members.members()
        self.member_model.set_rows(members)
        names = [m.name for m in members]
        for box in (self.chair, self.secretary):
            text = box.currentText()
            box.blockSignals(True)
            box.clear()
            box.addItems(names)
            box.setEditText(text)
            box.blockSignals(False)
        if self.current is None:
            today = self.services.clock()
            chosen = next((m for m in rows if (m.year, m.month) == (today.year, today.month)), None)
            self.show_meeting(chosen or self.meetings.draft(today.year, today.month))
        elif current_id is not None:
            self._select_in_list(current_id)

    def _select_in_list(self, meeting_id: int | None) -> None:
        for row, meeting in enumerate(self.list_model.rows):
            if meeting.id == meeting_id:
                self.list_view.selectionModel().blockSignals(True)
                self.list_view.selectRow(row)
                self.list_view.selectionModel().blockSignals(False)
                return

    def _pick_row(self, current, _previous) -> None:
        if current.isValid():
            self.show_meeting(self.list_model.rows[current.row()])

    def show_meeting(self, meeting: Meeting) -> None:
        self.current = meeting
        self._set_problem("")
        saved = meeting.id is not None
        self.title.setText(("" if saved else "Chưa lưu – ") + meeting.title
                           + (f" (biên bản số {meeting.minutes_number:02d}, nghị quyết số "
                              f"{meeting.resolution_number:02d})" if saved else ""))
        for button in (self.delete_button, self.minutes_button, self.resolution_button, self.package_button,
                       self.tasks_button):
            button.setEnabled(saved)
        self.kind.blockSignals(True)
        self.kind.setCurrentIndex(max(0, self.kind.findData(meeting.kind)))
        self.kind.blockSignals(False)
        self.topic.setText(meeting.topic)
        self.topic.setEnabled(meeting.kind == THEMATIC)
        first = QDate(meeting.year, meeting.month, 1)
        self.held_on.setMinimumDate(first)
        self.held_on.setMaximumDate(first.addMonths(1).addDays(-1))
        day = meeting.held_on or dt.date(meeting.year, meeting.month, 1)
        self.held_on.setDate(QDate(day.year, day.month, day.day))
        for box, value in ((self.starts_at, meeting.starts_at), (self.ends_at, meeting.ends_at)):
            box.blockSignals(True)
            box.setTime(QTime(value.hour, value.minute) if value else QTime(14, 0))
            box.blockSignals(False)
        self.place.setText(meeting.place)
        self.chair.setEditText(meeting.chair)
        self.secretary.setEditText(meeting.secretary)
        self.attendance_model.set_rows(list(meeting.attendance))
        self._fill_speakers(meeting.speakers)
        for box, text in ((self.agenda, meeting.agenda), (self.discussion, meeting.discussion),
                          (self.conclusion, meeting.conclusion), (self.results, meeting.results),
                          (self.direction, meeting.direction), (self.assessment, meeting.assessment)):
            box.setPlainText(text)
        self.assignment_model.set_rows(list(meeting.assignments))
        self.rating.setCurrentIndex(max(0, self.rating.findData(meeting.rating)))
        self._update_warnings()
        self._select_in_list(meeting.id)

    def _fill_speakers(self, spoken) -> None:
        spoken = set(spoken)
        self.speaker_model.clear()
        for person in self.attendance_model.rows:
            if person.status != PRESENT:
                continue
            item = QStandardItem(person.name)
            item.setCheckable(True)
            item.setEditable(False)
            item.setCheckState(Qt.CheckState.Checked if person.name in spoken else Qt.CheckState.Unchecked)
            self.speaker_model.appendRow(item)

    def _speakers(self) -> tuple[str, ...]:
        return tuple(self.speaker_model.item(row).text() for row in range(self.speaker_model.rowCount())
                     if self.speaker_model.item(row).checkState() == Qt.CheckState.Checked)

    def _attendance_changed(self, *_args) -> None:
        self._fill_speakers(self._speakers())
        self._update_warnings()

    def _kind_changed(self) -> None:
        self.topic.setEnabled(self.kind.currentData() == THEMATIC)
        self._update_warnings()

    def form_meeting(self) -> Meeting:
        """What the form holds, as a record (not checked yet)."""
        base = self.current or self.meetings.draft(*self._today_month())
        day = self.held_on.date()
        start, end = self.starts_at.time(), self.ends_at.time()
        return replace(
            base, kind=self.kind.currentData(), topic=self.topic.text(), held_on=dt.date(day.year(), day.month(),
                                                                                           day.day()),
            starts_at=dt.time(start.hour(), start.minute()), ends_at=dt.time(end.hour(), end.minute()),
            place=self.place.text(), chair=self.chair.currentText(), secretary=self.secretary.currentText(),
            attendance=tuple(self.attendance_model.rows), speakers=self._speakers(),
            agenda=self.agenda.toPlainText(), discussion=self.discussion.toPlainText(),
            conclusion=self.conclusion.toPlainText(), results=self.results.toPlainText(),
            direction=self.direction.toPlainText(), assignments=tuple(self.assignment_model.rows),
            assessment=self.assessment.toPlainText(), rating=self.rating.currentData() or "")

    def _update_warnings(self, *_args) -> None:
        meeting = self.form_meeting() if self.current else None
        if meeting is None:
            return
        minutes = meeting.minutes
        self.duration.setText(f"{minutes} phút (tối thiểu {90 if meeting.kind == REGULAR else 120} phút)"
                              if minutes and minutes > 0 else "")
        self.rate.setText(f"Có mặt {meeting.rate_text} đảng viên phải dự" if meeting.rate_text else "")
        self.warning.setText("\n".join(meeting.warnings()))
        self.warning.setVisible(bool(self.warning.text()))

    def _set_problem(self, text: str) -> None:
        """The refusal above the form (hidden when there is none, so the form keeps the room)."""
        self.problem.setText(text)
        self.problem.setVisible(bool(text))

    def _today_month(self):
        today = self.services.clock()
        return today.year, today.month

    # --- writing ---------------------------------------------------------------------------
    def save(self) -> Meeting | None:
        if self.assignment_model.problem:
            self._set_problem(self.assignment_model.problem)
            self.tabs.setCurrentIndex(1)
            return None
        try:
            saved = self.meetings.save(self.form_meeting())
        except ValidationError as refusal:
            self._set_problem(str(refusal))
            self._focus(refusal.field)
            return None
        self.current = saved
        self.refresh()
        self.show_meeting(saved)
        self.app_events.changed.emit(events.ACTIVITIES)
        return saved

    def _focus(self, field: str | None) -> None:
        widgets = {"kind": self.kind, "topic": self.topic, "held_on": self.held_on, "starts_at": self.starts_at,
                   "ends_at": self.ends_at, "chair": self.chair, "secretary": self.secretary,
                   "attendance": self.attendance_view, "speakers": self.speaker_view,
                   "assignments": self.assignment_view, "rating": self.rating}
        widget = widgets.get(field or "")
        if widget is not None:
            self.tabs.setCurrentIndex(1 if field in ("assignments", "rating") else 0)
            widget.setFocus()

    def _ask_new(self) -> None:
        today = self.services.clock()
        months = [add_months(dt.date(today.year, today.month, 1), shift) for shift in (1, 0, -1, -2)]
        labels = [f"Tháng {m.month}/{m.year}" for m in months]
        choice, ok = QInputDialog.getItem(self, "Lập biên bản", "Sinh hoạt chi bộ của tháng:", labels, 1, False)
        if not ok:
            return
        month = months[labels.index(choice)]
        kind, ok = QInputDialog.getItem(self, "Lập biên bản", "Loại sinh hoạt:",
                                        [label.capitalize() for label in KINDS.values()], 0, False)
        if ok:
            self.new_meeting(month.year, month.month, list(KINDS)[[l.capitalize() for l in KINDS.values()].index(kind)])

    def new_meeting(self, year: int, month: int, kind: str = REGULAR) -> None:
        self.list_view.clearSelection()
        self.show_meeting(self.meetings.draft(year, month, kind))

    def _redraft(self) -> None:
        drafted = self.meetings.redraft(self.form_meeting())
        self.agenda.setPlainText(drafted.agenda)

    def _delete(self) -> None:
        if not self.current or self.current.id is None:
            return
        if not ask_yes_no(self, "Xóa biên bản", f"Xóa biên bản “{self.current.title}”? Hoạt động trong nhật ký "
                                                 "và các việc đã giao vẫn giữ nguyên."):
            return
        self.meetings.delete(self.current.id)
        self.current = None
        self.refresh()

    def _add_assignment(self) -> None:
        index = self.assignment_model.add_row()
        self.assignment_view.setCurrentIndex(index)
        self.assignment_view.edit(index)

    def _apply_tasks(self) -> None:
        if not self.save():
            return
        try:
            self.meetings.apply_assignments(self.current.id)
        except ValidationError as refusal:
            self._set_problem(str(refusal))
            self.tabs.setCurrentIndex(1)
            return
        self.app_events.changed.emit(events.PLANS)
        show_info(self, "Đã giao việc", f"{len(self.current.assignments)} việc của nghị quyết đã ở trang Kế hoạch, "
                                        "trong danh sách việc tháng sau.")

    # --- documents -------------------------------------------------------------------------
    def _export(self, which: str, words: str) -> None:
        if not self.save():
            return
        issuer = self.services.settings.profile().issuer_code
        path = save_file(self, "sinh-hoat-chi-bo", "Xuất Word", "Tài liệu Word (*.docx)",
                         upload_name(self.current, words, ".docx", issuer))
        if not path:
            return
        from ...domain.party_document import FormatProfileError

        written = run_export(self, lambda: self.meetings.export_docx(self.current.id, which, Path(path)),
                             (FormatProfileError, ValidationError))
        if written:
            offer_to_open(self, "Đã xuất", f"Đã ghi {written}.", written)

    def _export_package(self) -> None:
        if not self.save():
            return
        folder = choose_folder(self, "sinh-hoat-chi-bo", "Chọn thư mục để ghi gói tài liệu")
        if not folder:
            return
        from ...domain.party_document import FormatProfileError

        target = Path(folder) / upload_name(self.current, "Goi tai lieu", "", self.services.settings.profile()
                                            .issuer_code)
        result = run_export(self, lambda: self.meetings.export_package(self.current.id, target),
                            (FormatProfileError, ValidationError))
        if result:
            files, note = result
            text = "Đã ghi:\n" + "\n".join(f.name for f in files) + (f"\n\nChưa có PDF: {note}" if note else "")
            show_info(self, "Gói tài liệu", f"{text}\n\nThư mục: {target}")

    def _show_preview(self) -> None:
        if not self.current or self.current.id is None:
            self.preview.setHtml("<p>Hãy <b>Lưu</b> biên bản để xem trước văn bản.</p>")
            return
        from ..reports.preview import preview_html

        which = self.preview_choice.currentData()
        document = {"minutes": self.meetings.minutes_document, "resolution": self.meetings.resolution_document,
                    "agenda": self.meetings.agenda_document}[which](self.current.id)
        try:
            profile = self.services.reports.format_profile()
        except ValueError as exc:
            self.preview.setPlainText(str(exc))
            return
        self.preview.setHtml(preview_html(document, profile))

    # --- members ---------------------------------------------------------------------------
    def _pick_member(self, current, _previous) -> None:
        if not current.isValid():
            return
        member = self.member_model.rows[current.row()]
        self.member_name.setText(member.name)
        self.member_role.setCurrentText(member.role)
        self.member_standing.setCurrentIndex(max(0, self.member_standing.findData(member.standing)))
        self.member_exempt.setChecked(member.exempt)
        self.member_reason.setText(member.exempt_reason)
        self.member_problem.clear()

    def _selected_member_id(self) -> int | None:
        index = self.member_view.currentIndex()
        return self.member_model.rows[index.row()].id if index.isValid() else None

    def _new_member(self) -> None:
        self.member_view.clearSelection()
        self.member_view.setCurrentIndex(self.member_model.index(-1, -1))
        for box in (self.member_name, self.member_reason):
            box.clear()
        self.member_role.setCurrentText("Đảng viên")
        self.member_exempt.setChecked(False)
        self.member_name.setFocus()

    def _save_member(self) -> None:
        member = Member(self._selected_member_id(), self.member_name.text(), self.member_role.currentText(),
                        self.member_standing.currentData(), self.member_exempt.isChecked(), self.member_reason.text())
        try:
            self.members.save(member)
        except ValidationError as refusal:
            self.member_problem.setText(str(refusal))
            return
        self.member_problem.clear()
        self.refresh()

    def _delete_member(self) -> None:
        member_id = self._selected_member_id()
        if member_id is None:
            return
        name = self.member_name.text()
        if ask_yes_no(self, "Xóa đảng viên", f"Xóa đồng chí {name} khỏi danh sách? Các biên bản đã lập vẫn giữ tên."):
            self.members.delete(member_id)
            self.refresh()

    def _import_members(self) -> None:
        path = open_file(self, "dang-vien", "Nhập danh sách đảng viên", "Bảng tính Excel (*.xlsx)")
        if not path:
            return
        from ...imports.members_xlsx import MemberFileError

        try:
            preview = self.members.import_file(Path(path), dry_run=True)
        except MemberFileError as exc:
            show_error(self, "Chưa nhập được", str(exc))
            return
        lines = [f"Thêm {len(preview.added)} đồng chí, cập nhật {len(preview.updated)} đồng chí."]
        lines += [f"Dòng {number}: {reason}" for number, reason in preview.errors[:10]]
        if not ask_yes_no(self, "Nhập danh sách đảng viên", "\n".join(lines) + "\n\nNhập?"):
            return
        self.members.import_file(Path(path))
        self.refresh()

    def _on_changed(self, kind: str) -> None:
        if kind in CHANGED_KINDS:
            self.list_model.set_rows(self.meetings.meetings())
