"""The monthly chi bộ meeting: a record per month and kind, drafted from the members, the documents
in force and last month's nghị quyết; its biên bản and nghị quyết written through the Party
document engine and the chosen format profile; the nghị quyết's assignments put in the checklist
for next month; the meeting kept in the activity log; the deadlines around it."""
from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

from sqlalchemy import func, select

from ..domain.activity import ActivityDraft, ActivityFilter
from ..domain.dates import add_months, format_ui_date, month_end
from ..domain.document_kinds import MONTHLY_ORIENTATION, PLAIN_LIST
from ..domain.meetings import (
    ACTIVITY_FORM, EXEMPT, KINDS, MIN_MINUTES, PRESENT, REGULAR, THEMATIC, Assignment, Attendee, Deadline, Letterhead,
    Meeting, MeetingDocument, Review, assignment_window, draft_agenda, draft_assessment, minutes_document,
    next_month, quarter_of, resolution_document, upload_name,
)
from ..domain.party_document import Block, text_blocks
from ..domain.plan import ItemStatus
from ..domain.report import term_range, term_start
from ..domain.text import search_key
from ..domain.validation import ValidationError
from ..storage.database import Database
from ..storage.models import ChecklistItemRow, MeetingRow, PhaseRow, PlanRow
from ..storage.plan_records import insert_plan
from .activities import ActivityService
from .anniversaries import KEY_PREFIX as ANNIVERSARY_KEY
from .clock import Clock, system_clock
from .members import MemberService
from .plans import PlanService
from .reports import TERM_SETTING, ReportService
from .settings import SettingsService

TASKS_KEY = "cell-desk-meeting-"  # the key of the checklist document holding a nghị quyết's tasks
MAX_OPEN_TASKS = 8


class MeetingService:
    def __init__(self, database: Database, members: MemberService, plans: PlanService, activities: ActivityService,
                 settings: SettingsService, reports: ReportService, anniversaries=None,
                 clock: Clock = system_clock):
        self.database, self.members, self.plans, self.activities = database, members, plans, activities
        self.settings, self.reports, self.anniversaries, self.clock = settings, reports, anniversaries, clock

    # --- reading ------------------------------------------------------------------------------
    def meetings(self) -> list[Meeting]:
        """Every record, newest month first."""
        with self.database.session() as session:
            rows = session.scalars(select(MeetingRow).order_by(MeetingRow.period.desc(), MeetingRow.kind.desc()))
            return [_meeting(row) for row in rows]

    def meetings_of(self, year: int, month: int) -> list[Meeting]:
        key = f"{year:04d}-{month:02d}"
        return [m for m in self.meetings() if m.period == key]

    def get(self, meeting_id: int) -> Meeting:
        with self.database.session() as session:
            return _meeting(_row(session, meeting_id))

    def meeting_for(self, year: int, month: int, kind: str | None = None) -> Meeting | None:
        """The month's record (the regular one first when kind is not given)."""
        found = self.meetings_of(year, month)
        if kind:
            found = [m for m in found if m.kind == kind]
        return sorted(found, key=lambda m: m.kind != REGULAR)[0] if found else None

    # --- drafting -----------------------------------------------------------------------------
    def draft(self, year: int, month: int, kind: str = REGULAR) -> Meeting:
        """A new record as the secretary would start it (nothing saved): today or the 5th, 14:00 for
        the length the guide asks, every member present but the exempt, the bí thư in the chair,
        the agenda, results and direction drafted from the data."""
        today = self.clock()
        held_on = today if (today.year, today.month) == (year, month) else dt.date(year, month, 5)
        members = self.members.members()
        attendance = tuple(Attendee(m.name, EXEMPT if m.exempt else PRESENT, m.exempt_reason if m.exempt else "",
                                    m.id) for m in members)
        by_role = {m.role: m.name for m in reversed(members)}
        chair = by_role.get("Bí thư") or self.settings.profile().secretary_name or (members[0].name if members else "")
        secretary = next((m.name for m in members if m.name != chair and m.role in ("Phó Bí thư", "Chi ủy viên")),
                         next((m.name for m in members if m.name != chair and not m.exempt), ""))
        minutes = MIN_MINUTES[kind]
        meeting = Meeting(year=year, month=month, kind=kind, held_on=held_on, starts_at=dt.time(14, 0),
                          ends_at=dt.time(14 + minutes // 60, minutes % 60), place=self.settings.profile().cell_name,
                          chair=chair, secretary=secretary, member_count=len(members), attendance=attendance)
        return self.redraft(meeting)

    def redraft(self, meeting: Meeting) -> Meeting:
        """The drafted parts again from today's data: agenda, results, direction, assessment."""
        reviews = self.reviews(meeting.year, meeting.month)
        agenda = draft_agenda(meeting, self.orientation_topics(meeting.year, meeting.month),
                              self.open_tasks(meeting.year, meeting.month), reviews)
        return replace(meeting, agenda=agenda, results=self.draft_results(meeting.year, meeting.month),
                       direction=self.draft_direction(meeting.year, meeting.month),
                       assessment=meeting.assessment or draft_assessment(meeting))

    def orientation_topics(self, year: int, month: int) -> list[str]:
        """The numbered topics of every monthly orientation in force whose month is this one."""
        first, last = dt.date(year, month, 1), month_end(year, month)
        topics = []
        for tree in self.plans.trees_in_force():
            if tree.summary.doc_kind != MONTHLY_ORIENTATION:
                continue
            for phase in tree.phases:
                if phase.starts_on <= last and phase.ends_on >= first:
                    topics += [item.text for item in phase.all_items() if item.parent_id is None]
        return list(dict.fromkeys(topics))

    def open_tasks(self, year: int, month: int) -> list[str]:
        """Open tasks of the other documents in force that run this month (not ended ones, not the
        chi bộ's own nghị quyết tasks, which the review covers)."""
        first, last = dt.date(year, month, 1), month_end(year, month)
        own = self._own_plan_ids()
        found = []
        for tree in self.plans.trees_in_force():
            if tree.summary.doc_kind == MONTHLY_ORIENTATION or tree.summary.id in own:
                continue
            if tree.summary.is_ended(self.clock()):
                continue
            for phase in tree.phases:
                if phase.is_standing or not (phase.starts_on <= last and phase.ends_on >= first):
                    continue
                found += [item.text for item in phase.all_items()
                          if item.parent_id is None and not item.status.is_closed]
        found = list(dict.fromkeys(found))
        if len(found) > MAX_OPEN_TASKS:
            return found[:MAX_OPEN_TASKS] + [f"và {len(found) - MAX_OPEN_TASKS} nhiệm vụ khác trong Kế hoạch."]
        return found

    def _own_plan_ids(self) -> set[int]:
        with self.database.session() as session:
            return set(session.scalars(select(PlanRow.id).where(PlanRow.key.like(f"{TASKS_KEY}%"))))

    def reviews(self, year: int, month: int) -> list[Review]:
        """The tasks last month's nghị quyết gave, with how far the checklist says they got."""
        previous = add_months(dt.date(year, month, 1), -1)
        today = self.clock()
        found: list[Review] = []
        for earlier in self.meetings_of(previous.year, previous.month):
            items = self._task_items(earlier.tasks_plan_id) if earlier.tasks_plan_id else None
            if items is None:  # the tasks were never put in the checklist
                found += [Review(a.task, a.who, a.due, False, late=bool(a.due and a.due < today))
                          for a in earlier.assignments]
                continue
            for text, who, status, completed_on, due in items:
                done = status == ItemStatus.DONE.value
                found.append(Review(text, who, due, done, completed_on,
                                    late=not done and due is not None and due < today))
        return found

    def _task_items(self, plan_id: int):
        with self.database.session() as session:
            if session.get(PlanRow, plan_id) is None:
                return None
            return session.execute(
                select(ChecklistItemRow.text, ChecklistItemRow.assignee, ChecklistItemRow.status,
                       ChecklistItemRow.completed_on, PhaseRow.ends_on)
                .join(PhaseRow, PhaseRow.id == ChecklistItemRow.phase_id)
                .where(PhaseRow.plan_id == plan_id, ChecklistItemRow.parent_id.is_(None))
                .order_by(PhaseRow.position, ChecklistItemRow.position)).all()

    def draft_results(self, year: int, month: int) -> str:
        first, last = dt.date(year, month, 1), month_end(year, month)
        rows = [r for r in self.activities.rows(ActivityFilter(date_from=first, date_to=last))
                if first <= r.occurred_on <= last and r.form != ACTIVITY_FORM]
        done = [item.text for tree in self.plans.trees_in_force() for item in tree.all_items()
                if item.status is ItemStatus.DONE and item.completed_on and first <= item.completed_on <= last]
        if not rows and not done:
            return f"Trong tháng {month}/{year}, chi bộ lãnh đạo đảng viên hoàn thành nhiệm vụ chuyên môn được giao."
        lines = [f"Trong tháng {month}/{year}, chi bộ đã tổ chức {len(rows)} hoạt động tuyên truyền:"]
        lines += [f"- Ngày {format_ui_date(r.occurred_on)}: {r.title} ({r.form.lower()})." for r in
                  sorted(rows, key=lambda r: r.occurred_on)]
        if done:
            lines.append("Các nhiệm vụ đã hoàn thành:")
            lines += [f"- {text}" for text in done]
        return "\n".join(lines)

    def draft_direction(self, year: int, month: int) -> str:
        following_year, following = next_month(year, month)
        topics = self.orientation_topics(following_year, following) or self.open_tasks(following_year, following)
        lines = [f"- {topic}" for topic in topics]
        if self.anniversaries is not None:
            for anniversary in self.anniversaries.between(dt.date(following_year, following, 1),
                                                          month_end(following_year, following)):
                lines.append(f"- Tuyên truyền kỷ niệm {anniversary.title}.")
        lines.append("- Lãnh đạo đảng viên hoàn thành nhiệm vụ chuyên môn; giữ vững đoàn kết nội bộ.")
        return "\n".join(lines)

    # --- writing ------------------------------------------------------------------------------
    def save(self, meeting: Meeting) -> Meeting:
        """Adds or updates the record (one transaction), then keeps its activity in the log. A bad
        record is refused with a ValidationError naming the field; nothing is lost."""
        cleaned = meeting.cleaned()
        with self.database.session() as session:
            clash = session.scalar(select(MeetingRow.id).where(MeetingRow.period == cleaned.period,
                                                               MeetingRow.kind == cleaned.kind,
                                                               MeetingRow.id != (cleaned.id or 0)))
            if clash:
                raise ValidationError(f"Tháng {cleaned.month}/{cleaned.year} đã có biên bản sinh hoạt "
                                      f"{cleaned.kind_label}: hãy mở bản đó để sửa.", "kind")
            if cleaned.id is None:
                row = MeetingRow(minutes_number=self._next_number(session, "minutes_number", cleaned.held_on),
                                 resolution_number=self._next_number(session, "resolution_number", cleaned.held_on))
                session.add(row)
            else:
                row = _row(session, cleaned.id)
                self._check_numbers(session, row, cleaned)
                row.minutes_number = cleaned.minutes_number or row.minutes_number
                row.resolution_number = cleaned.resolution_number or row.resolution_number
            _fill(row, cleaned)
            row.updated_at = dt.datetime.now()
            session.flush()
            saved = _meeting(row)
        return self._keep_activity(saved)

    def _term(self, day: dt.date) -> tuple[dt.date, dt.date]:
        return term_range(term_start(day, self.settings.get(TERM_SETTING)))

    def _next_number(self, session, column: str, day: dt.date) -> int:
        first, after = self._term(day)
        highest = session.scalar(select(func.max(getattr(MeetingRow, column)))
                                 .where(MeetingRow.held_on >= first, MeetingRow.held_on < after))
        return (highest or 0) + 1

    def _check_numbers(self, session, row: MeetingRow, meeting: Meeting) -> None:
        first, after = self._term(meeting.held_on)
        for column, label, code in (("minutes_number", "biên bản", "BB"), ("resolution_number", "nghị quyết", "NQ")):
            number = getattr(meeting, column)
            if not number or number == getattr(row, column):
                continue
            if not 1 <= number <= 9999:
                raise ValidationError(f"Số {label} phải từ 1 đến 9999.", column)
            clash = session.scalar(select(MeetingRow.id).where(
                getattr(MeetingRow, column) == number, MeetingRow.id != row.id,
                MeetingRow.held_on >= first, MeetingRow.held_on < after))
            if clash:
                raise ValidationError(f"Số {number:02d}-{code} đã dùng cho một {label} khác trong nhiệm kỳ.", column)

    def _keep_activity(self, meeting: Meeting) -> Meeting:
        """The meeting as an activity of the log (form "Sinh hoạt chi bộ", participants the members
        present), added the first time and updated after; one the user deleted is added again."""
        draft = ActivityDraft(occurred_on=meeting.held_on, form=ACTIVITY_FORM, title=meeting.title,
                              content=meeting.agenda, place=meeting.place, organiser=f"Đồng chí {meeting.chair}",
                              party_members=meeting.present, others=0, tags=(ACTIVITY_FORM,))
        activity_id = meeting.activity_id
        try:
            if activity_id is not None:
                self.activities.update(activity_id, draft)
        except ValidationError:
            activity_id = None
        if activity_id is None:
            activity_id = self.activities.add(draft).id
            with self.database.session() as session:
                _row(session, meeting.id).activity_id = activity_id
        return replace(meeting, activity_id=activity_id)

    def delete(self, meeting_id: int) -> None:
        """Removes the record; its activity and checklist tasks stay (they are work done and to do)."""
        with self.database.session() as session:
            row = session.get(MeetingRow, meeting_id)
            if row is not None:
                session.delete(row)

    def apply_assignments(self, meeting_id: int) -> int:
        """Puts the nghị quyết's assignments in the checklist as a document in force for next month
        (one phase per deadline, the assignee filled in); asking again adds only the new ones and
        keeps the progress of the others. Returns the document's id."""
        meeting = self.get(meeting_id)
        if not meeting.assignments:
            raise ValidationError("Nghị quyết chưa có việc nào được phân công (mục III).", "assignments")
        profile = self.settings.profile()
        windows: dict[tuple[dt.date, dt.date], list[Assignment]] = {}
        for assignment in meeting.assignments:
            windows.setdefault(assignment_window(meeting, assignment), []).append(assignment)
        year, month = next_month(meeting.year, meeting.month)
        with self.database.session() as session:
            plan = session.get(PlanRow, meeting.tasks_plan_id) if meeting.tasks_plan_id else None
            if plan is None:
                plan = insert_plan(session, {"plan": {
                    "key": f"{TASKS_KEY}{meeting.id}", "number": f"{meeting.resolution_number:02d}-NQ/"
                                                              f"{profile.issuer_code}",
                    "kind": "NGHỊ QUYẾT", "title": f"Nghị quyết sinh hoạt chi bộ {meeting.kind_label} "
                                                   f"{meeting.month_label}: việc tháng {month}/{year}",
                    "issuer": profile.cell_name, "issuing_body": profile.cell_name, "place": profile.place_name,
                    "issued_on": meeting.held_on.isoformat(), "doc_kind": PLAIN_LIST, "phases": []}})
                plan.is_active = True
                session.get(MeetingRow, meeting.id).tasks_plan_id = plan.id
                session.flush()
            phases = {(p.starts_on, p.ends_on): p for p in session.scalars(
                select(PhaseRow).where(PhaseRow.plan_id == plan.id))}
            known = {search_key(text) for text in session.scalars(
                select(ChecklistItemRow.text).join(PhaseRow, PhaseRow.id == ChecklistItemRow.phase_id)
                .where(PhaseRow.plan_id == plan.id))}
            for window, assignments in sorted(windows.items()):
                phase = phases.get(window)
                if phase is None:
                    phase = PhaseRow(plan_id=plan.id, position=len(phases), code="",
                                     title=f"Hạn {format_ui_date(window[1])}",
                                     window_text=f"đến ngày {format_ui_date(window[1])}",
                                     starts_on=window[0], ends_on=window[1], is_standing=False)
                    session.add(phase)
                    session.flush()
                    phases[window] = phase
                position = session.scalar(select(func.count()).where(ChecklistItemRow.phase_id == phase.id)) or 0
                for assignment in assignments:
                    if search_key(assignment.task) in known:
                        continue
                    known.add(search_key(assignment.task))
                    session.add(ChecklistItemRow(phase_id=phase.id, stage_id=None, parent_id=None, position=position,
                                                 text=assignment.task, status=ItemStatus.NOT_STARTED.value,
                                                 assignee=assignment.who, evidence="", detail=""))
                    position += 1
            plan.is_active = True
            return plan.id

    # --- documents ----------------------------------------------------------------------------
    def letterhead(self) -> Letterhead:
        profile = self.settings.profile()
        return Letterhead(profile.issuer_code, profile.upper_body, profile.cell_name, profile.place_name,
                          tuple(profile.recipients), profile.signing_authority, profile.secretary_name)

    def minutes_document(self, meeting_id: int) -> MeetingDocument:
        meeting = self.get(meeting_id)
        return minutes_document(meeting, self.letterhead(), self.reviews(meeting.year, meeting.month))

    def resolution_document(self, meeting_id: int) -> MeetingDocument:
        return resolution_document(self.get(meeting_id), self.letterhead())

    def agenda_document(self, meeting_id: int) -> MeetingDocument:
        """The agenda (chương trình sinh hoạt) for the upload, with the same letterhead."""
        meeting = self.get(meeting_id)
        head = self.letterhead()
        blocks = [Block("paragraph", f"Thời gian: {meeting.starts_at:%H} giờ {meeting.starts_at:%M}, ngày "
                                     f"{format_ui_date(meeting.held_on)}" + (f"; địa điểm: {meeting.place}." if
                                                                              meeting.place else "."))]
        blocks += [Block("paragraph", f"Chủ trì: đồng chí {meeting.chair}; thư ký: đồng chí {meeting.secretary}.")]
        blocks += text_blocks(meeting.agenda)
        return MeetingDocument(kind_code="CTr", number=meeting.minutes_number, issuer_code=head.issuer_code,
                               upper_body=head.upper_body, issuing_body=head.cell_name, place=head.place,
                               issued_on=meeting.held_on - dt.timedelta(days=1) if meeting.held_on else self.clock(),
                               subtitle=f"sinh hoạt chi bộ {meeting.kind_label} {meeting.month_label}", blocks=blocks,
                               recipients=list(head.recipients), signing_authority=head.signing_authority,
                               signer_position="BÍ THƯ", signer_name=head.secretary_name or meeting.chair)

    def export_docx(self, meeting_id: int, which: str, target: Path) -> Path:
        """which: "minutes", "resolution" or "agenda"."""
        from ..exports.meeting_docx import write_meeting_docx

        document = {"minutes": self.minutes_document, "resolution": self.resolution_document,
                    "agenda": self.agenda_document}[which](meeting_id)
        return write_meeting_docx(Path(target), document, self.reports.format_profile())

    def export_for_month(self, year: int, month: int, which: str, target: Path) -> Path:
        meeting = self.meeting_for(year, month)
        if meeting is None:
            raise ValidationError(f"Tháng {month}/{year} chưa có biên bản sinh hoạt chi bộ.")
        return self.export_docx(meeting.id, which, target)

    def export_package(self, meeting_id: int, folder: Path) -> tuple[list[Path], str]:
        """The "Gói tài liệu" to post on the Sổ tay đảng viên the day before: the draft nghị quyết
        and the agenda, each as .docx and (with LibreOffice) PDF, named as an upload expects.
        Returns the files and a note (empty, or why there is no PDF)."""
        from ..exports.atomic import ExportError
        from ..exports.pdf import convert_to_pdf

        meeting = self.get(meeting_id)
        issuer = self.settings.profile().issuer_code
        folder = Path(folder)
        folder.mkdir(parents=True, exist_ok=True)
        written: list[Path] = []
        note = ""
        for which, words in (("resolution", "Du thao nghi quyet"), ("agenda", "Chuong trinh sinh hoat")):
            docx = self.export_docx(meeting_id, which, folder / upload_name(meeting, words, ".docx", issuer))
            written.append(docx)
            if note:
                continue
            try:
                written.append(convert_to_pdf(docx, docx.with_suffix(".pdf")))
            except ExportError as exc:
                note = str(exc)
        return written, note

    # --- deadlines ----------------------------------------------------------------------------
    def deadlines(self, today: dt.date | None = None) -> list[Deadline]:
        """What is due around this month's meeting: the meeting, its materials the day before, the
        final documents two days after, a chuyên đề this quarter, the monthly report."""
        today = today or self.clock()
        found: list[Deadline] = []
        meeting = self.meeting_for(today.year, today.month)
        label = f"tháng {today.month}/{today.year}"
        if meeting is None:
            found.append(Deadline(f"Sinh hoạt chi bộ {label} (chưa lập biên bản)", month_end(today.year, today.month)))
        else:
            held = meeting.held_on
            found.append(Deadline(f"Sinh hoạt chi bộ {meeting.kind_label} {label}", held, done=held < today))
            found.append(Deadline("Đăng tài liệu, dự thảo nghị quyết (trước 1 ngày)",
                                  held - dt.timedelta(days=1), done=held - dt.timedelta(days=1) < today <= held))
            found.append(Deadline("Đăng biên bản, nghị quyết (sau 2 ngày)", held + dt.timedelta(days=2)))
        first, last = quarter_of(today)
        quarter_number = (first.month - 1) // 3 + 1
        themed = any(m.kind == THEMATIC and first <= m.held_on <= last for m in self.meetings())
        found.append(Deadline(f"Sinh hoạt chuyên đề quý {['I', 'II', 'III', 'IV'][quarter_number - 1]}/{today.year}",
                              last, done=themed))
        try:
            due = self.reports.due_report()
            found.append(Deadline(f"Báo cáo tháng {due.month}/{due.year}", due.deadline, done=due.is_sent))
        except Exception:  # noqa: BLE001 - no document in force: no report is due
            pass
        return found


def _row(session, meeting_id: int) -> MeetingRow:
    row = session.get(MeetingRow, meeting_id)
    if row is None:
        raise ValidationError("Biên bản sinh hoạt này không còn.")
    return row


def _fill(row: MeetingRow, meeting: Meeting) -> None:
    row.period, row.kind, row.topic, row.held_on = meeting.period, meeting.kind, meeting.topic, meeting.held_on
    row.starts_at, row.ends_at = f"{meeting.starts_at:%H:%M}", f"{meeting.ends_at:%H:%M}"
    row.place, row.chair, row.secretary = meeting.place, meeting.chair, meeting.secretary
    row.member_count = meeting.member_count
    row.attendance = [{"name": a.name, "status": a.status, "reason": a.reason, "member_id": a.member_id}
                      for a in meeting.attendance]
    row.speakers = list(meeting.speakers)
    row.agenda = meeting.agenda
    row.texts = {"discussion": meeting.discussion, "conclusion": meeting.conclusion, "results": meeting.results,
                 "direction": meeting.direction, "assessment": meeting.assessment, "rating": meeting.rating}
    row.assignments = [{"task": a.task, "who": a.who, "due": a.due.isoformat() if a.due else None}
                       for a in meeting.assignments]


def _meeting(row: MeetingRow) -> Meeting:
    texts = dict(row.texts or {})
    year, month = (int(part) for part in row.period.split("-"))
    return Meeting(
        year=year, month=month, kind=row.kind if row.kind in KINDS else REGULAR, held_on=row.held_on,
        starts_at=dt.time.fromisoformat(row.starts_at), ends_at=dt.time.fromisoformat(row.ends_at), topic=row.topic,
        place=row.place, chair=row.chair, secretary=row.secretary, member_count=row.member_count,
        attendance=tuple(Attendee(a.get("name", ""), a.get("status", PRESENT), a.get("reason", ""), a.get("member_id"))
                         for a in row.attendance or []),
        speakers=tuple(row.speakers or []), agenda=row.agenda, discussion=texts.get("discussion", ""),
        conclusion=texts.get("conclusion", ""), results=texts.get("results", ""), direction=texts.get("direction", ""),
        assignments=tuple(Assignment(a.get("task", ""), a.get("who", ""),
                                     dt.date.fromisoformat(a["due"]) if a.get("due") else None)
                          for a in row.assignments or []),
        assessment=texts.get("assessment", ""), rating=texts.get("rating", ""), id=row.id,
        minutes_number=row.minutes_number, resolution_number=row.resolution_number,
        tasks_plan_id=row.tasks_plan_id, activity_id=row.activity_id,
    )


class MeetingReportService(ReportService):
    """The monthly report as the chi bộ meeting sees it: its section I cites the period's meetings
    (with their nghị quyết) and its Phương hướng names the anniversaries of the next period. A
    subclass, so that the report's own drafting (services/reports.py) stays as it is and only
    gains these lines; app.py builds this one."""

    meetings: "MeetingService | None" = None
    anniversary_calendar = None

    def drafted_sections(self, year: int, month: int) -> dict[str, str]:
        sections = dict(super().drafted_sections(year, month))
        start, end = self.period_of(year, month)
        if self.meetings is not None:
            held = [m for m in self.meetings.meetings() if start <= m.held_on <= end]
            lines = [f"- Ngày {format_ui_date(m.held_on)}: {m.title}, {m.rate_text} đảng viên dự; ban hành Nghị quyết "
                     f"số {m.resolution_number:02d}-NQ/{self.settings.profile().issuer_code}." for m in
                     sorted(held, key=lambda m: m.held_on)]
            if lines and sections.get("results"):
                sections["results"] = sections["results"] + "\nSinh hoạt chi bộ trong kỳ:\n" + "\n".join(lines)
        if self.anniversary_calendar is not None:
            following = add_months(end.replace(day=1), 1)
            next_end = month_end(following.year, following.month)
            days = self.anniversary_calendar.between(end + dt.timedelta(days=1), next_end)
            if days and "direction" in sections:
                sections["direction"] = (sections["direction"] + "\nTuyên truyền các ngày kỷ niệm trong kỳ tới:\n"
                                         + "\n".join(f"- {a.title}." for a in days))
        return sections
