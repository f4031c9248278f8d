"""The monthly report and the cell's own plan: drafted from the log and the checklist, edited
section by section (each keystroke pause saves), locked when finalised, numbered per kind within
the term, and written as Word in the Party's format."""
from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

from sqlalchemy import func, select

from ..domain.activity import ActivityFilter
from ..domain.dates import add_months, format_ui_date, next_report_deadline, report_deadline, report_period
from ..domain.party_document import (
    FormatProfile, FormatProfileError, PartyDocument, document_number, sections_blocks, table_block, text_blocks,
    with_end_mark,
)
from ..domain.document_kinds import PHASED_PLAN
from ..domain.plan import ItemStatus, PlanSummary, PlanTree, Progress, newest, phase_label, report_day_of
from ..domain.report import (
    TASK_COLUMNS, CELL_PLAN, DEFAULT_EXAMPLES, MAX_EXAMPLES, MAX_SECTION_LENGTH, PLAN_BASES, PLAN_SECTIONS, REPORT, REPORT_ANNEX,
    REPORT_DEFAULTS, REPORT_OPENING, REPORT_SECTIONS, CellDocument, CitedDocument, ComingWork, DocumentStatus,
    DueReport, due_report, PeriodActivity, PeriodFacts, PhaseToCome, body_date, draft_cell_tasks, task_rows, task_text, draft_annex, draft_assessment, draft_date, draft_direction,
    draft_opening, draft_results, lower_first, parse_period, period_key, term_range, term_start,
)
from ..domain.text import normalize_text
from ..domain.validation import ValidationError
from ..storage.database import Database
from ..storage.domain_rows import cell_document
from ..storage.models import DocumentRow, PlanRow
from .activities import ActivityService
from .clock import Clock, system_clock
from .plans import PlanNotFound, PlanService
from .settings import SettingsService

FORMAT_SETTING = "format_profile"
TERM_SETTING = "term_start_year"
FORMAT_FOLDER = "formats"  # in the data folder: a clerk's corrected profiles
EXAMPLES_SETTING = "report_examples"  # activities named under each form in section I
ANNEX_SETTING = "report_annex"  # print the full list of activities as a Phụ lục
EDITED = "_edited"  # in a document's sections: the keys the user typed in, which drafting leaves alone


class ReportService:
    def __init__(self, database: Database, activities: ActivityService, plans: PlanService,
                 settings: SettingsService, clock: Clock = system_clock):
        self.database = database
        self.activities = activities
        self.plans = plans
        self.settings = settings
        self.clock = clock

    # --- the calendar ---------------------------------------------------------------
    def report_day(self) -> int:
        """The day of the newest document in force that states a reporting rule, else the 20th."""
        return report_day_of(self.plans.plans_in_force())

    def plan_start(self) -> dt.date:
        """The date of the earliest document in force: no report is due before it."""
        return min((plan.issued_on for plan in self.plans.plans_in_force()), default=dt.date.max)

    def upper_plan(self) -> PlanTree:
        """The upper-level document the cell's own plan carries out: the newest phased plan in force,
        else the newest document in force."""
        in_force = self.plans.plans_in_force()
        chosen = newest([p for p in in_force if p.doc_kind == PHASED_PLAN]) or newest(in_force)
        if chosen is None:
            raise PlanNotFound(None)
        return self.plans.plan_tree(chosen.id)

    def period_of(self, year: int, month: int) -> tuple[dt.date, dt.date]:
        return report_period(report_deadline(year, month, self.report_day()))

    def current_month(self) -> tuple[int, int]:
        """The month whose report is due next (on the 21st the next month's report begins)."""
        deadline = next_report_deadline(self.clock(), self.report_day())
        return deadline.year, deadline.month

    def first_use(self) -> dt.date:
        """The day Cell Desk first opened this data: a report due before it was not the program's to track."""
        with self.database.session() as session:
            first = session.scalar(select(func.min(PlanRow.created_at)))
        return first.date() if first else self.clock()

    def due_report(self) -> DueReport:
        """The month just passed when its report was not sent (late), else the month now running."""
        return due_report(self.clock(), self.report_day(), self.plan_start(), self.first_use, self.report_for)

    def reports(self) -> list[CellDocument]:
        """The stored monthly reports, newest first."""
        with self.database.session() as session:
            rows = session.scalars(select(DocumentRow).where(DocumentRow.kind == REPORT)
                                   .order_by(DocumentRow.period.desc()))
            return [_document(row) for row in rows]

    def report_for(self, year: int, month: int) -> CellDocument | None:
        with self.database.session() as session:
            row = session.scalar(select(DocumentRow).where(DocumentRow.kind == REPORT,
                                                           DocumentRow.period == period_key(year, month)))
            return _document(row) if row else None

    # --- creating and drafting -----------------------------------------------------
    def open_report(self, year: int, month: int) -> CellDocument:
        """The month's report, drafted from the data the first time it is opened."""
        existing = self.report_for(year, month)
        if existing:
            return self.refreshed(existing.id)
        deadline = report_deadline(year, month, self.report_day())
        sections = dict(REPORT_DEFAULTS) | self.drafted_sections(year, month)
        issued_on = draft_date(self.clock(), self.period_of(year, month)[0], deadline)
        return self._create(REPORT, period_key(year, month), issued_on,
                            f"kết quả công tác tuyên truyền tháng {month}/{year}", sections)

    def defaults_warning(self) -> str:
        """What the user should hear before a document goes out with the profile's first-run values
        (issuing body, signer, place); empty when they are filled in."""
        from ..domain.profile import defaults_warning

        return defaults_warning(self.settings.profile(), saved=self.settings.has_profile())

    # --- report preferences -------------------------------------------------------------
    def examples_per_form(self) -> int:
        value = self.settings.get(EXAMPLES_SETTING)
        return value if isinstance(value, int) and not isinstance(value, bool) else DEFAULT_EXAMPLES

    def set_examples_per_form(self, count: int) -> None:
        if not 0 <= count <= MAX_EXAMPLES:
            raise ValidationError(f"Số hoạt động nêu ở mỗi hình thức phải từ 0 đến {MAX_EXAMPLES}.", "examples")
        self.settings.put(EXAMPLES_SETTING, count)

    def annex_wanted(self) -> bool:
        return bool(self.settings.get(ANNEX_SETTING, False))

    def set_annex_wanted(self, wanted: bool) -> None:
        self.settings.put(ANNEX_SETTING, bool(wanted))

    # --- drafting ---------------------------------------------------------------------
    def cited_documents(self, summaries: list[PlanSummary]) -> list[CitedDocument]:
        """The documents as a sentence cites them: kind, number, date, issuer, title."""
        ids = [summary.id for summary in summaries]
        with self.database.session() as session:
            issuers = {row.id: (row.issuing_body or row.issuer) for row in
                       session.scalars(select(PlanRow).where(PlanRow.id.in_(ids)))}
        return [CitedDocument(summary.kind, summary.number, summary.issued_on, issuers.get(summary.id, ""),
                              summary.title) for summary in summaries]

    def drafted_sections(self, year: int, month: int) -> dict[str, str]:
        """The opening, sections I (results), the assessment and IV (direction), and the annex, from
        the log and the checklists of every document in force."""
        start, end = self.period_of(year, month)
        rows = self.activities.rows(ActivityFilter(date_from=start, date_to=end))
        # an activity belongs to the period it began in, so none is reported twice
        activities = [PeriodActivity(r.occurred_on, r.form, r.title, r.place, r.party_members, r.others)
                      for r in rows if start <= r.occurred_on <= end]
        trees = self.plans.trees_in_force()  # the work of every document in force
        # the documents of the period: those whose window meets it (an undated one always does)
        current = [tree for tree in trees if not (tree.summary.ends_on and tree.summary.ends_on < start)
                   and not (tree.summary.starts_on and tree.summary.starts_on > end)]
        items = [item for tree in trees for item in tree.all_items()]
        completed = [item.text for item in items
                     if item.status is ItemStatus.DONE and item.completed_on and start <= item.completed_on <= end]
        current_items = [item for tree in current for item in tree.all_items() if item.parent_id is None]
        overdue = [item.text for item in current_items if item.is_overdue(end)]
        forms = self.activities.forms()
        used = {" ".join(a.form.split()).rstrip(" .;:") for a in activities}
        plan_forms = list(dict.fromkeys(" ".join(f.split()).rstrip(" .;:") for f in self._plan_forms()))
        progress = Progress.of([item for tree in current for item in tree.all_items()])
        facts = PeriodFacts(len(activities), len(used), sum(a.people for a in activities), len(completed),
                            progress.done, progress.counted, overdue, [f for f in plan_forms if f not in used])
        # next month: the phases of documents not ended that run in the next period, open tasks only
        following = add_months(end.replace(day=1), 1)
        next_end = report_deadline(following.year, following.month, self.report_day())
        coming = [ComingWork(p.title, p.window_text if p.starts_on > end else f"đến ngày {body_date(p.ends_on)}",
                             self.cited_documents([tree.summary])[0].short,
                             [item.text for item in p.all_items() if item.parent_id is None
                              and not item.status.is_closed])
                  for tree in trees for p in tree.phases
                  if not p.is_standing and p.starts_on <= next_end and p.ends_on > end]
        profile = self.settings.profile()
        # cited: the documents of the period, and any other the work done in the period carried out
        worked = {item.phase_id for item in items if item.status is ItemStatus.DONE and item.completed_on
                  and start <= item.completed_on <= end}
        cited = self.cited_documents([tree.summary for tree in trees if tree in current
                                      or any(phase.id in worked for phase in tree.phases)])
        return {REPORT_OPENING: draft_opening(cited, profile.cell_name, month, year, start, end),
                "results": draft_results(activities, completed, forms, self.examples_per_form(), self.annex_wanted()),
                "assessment": draft_assessment(facts),
                "direction": draft_direction(coming, bool(trees)),
                REPORT_ANNEX: draft_annex(activities, forms)}

    def _plan_forms(self) -> list[str]:
        """The forms of propaganda the documents in force name (not the cell's own)."""
        from ..storage.models import ActivityFormRow

        with self.database.session() as session:
            return list(session.scalars(
                select(ActivityFormRow.title).join(PlanRow, PlanRow.id == ActivityFormRow.plan_id)
                .where(PlanRow.is_active, ActivityFormRow.is_custom.is_(False))))

    def open_cell_plan(self) -> CellDocument:
        """The cell's own plan carrying out the upper plan in force, drafted the first time; the
        sections the user has not edited follow the profile and the data until then."""
        tree = self.upper_plan()
        with self.database.session() as session:
            row = session.scalar(select(DocumentRow).where(DocumentRow.kind == CELL_PLAN,
                                                           DocumentRow.plan_id == tree.summary.id))
            found = row.id if row else None
        if found is not None:
            return self.refreshed(found)
        return self._create(CELL_PLAN, "", self.clock(), self._plan_subtitle(tree), self._plan_sections(tree),
                            plan_id=tree.summary.id)

    def _plan_subtitle(self, tree) -> str:
        return lower_first(tree.summary.title.strip()) or "tuyên truyền"

    def _plan_sections(self, tree) -> dict[str, str]:
        """The cell's own plan: the documents it carries out, a short purpose, a table of what the
        cell will do (who, by when) from the phases still to come and the upper plan's tasks for
        cells, how it is organised, and the slogans as body text."""
        summary, today = tree.summary, self.clock()
        with self.database.session() as session:
            plan = session.get(PlanRow, summary.id)
            details = dict(plan.details or {})
            report_to = plan.report_recipient or ""
        profile = self.settings.profile()
        others = [t.summary for t in self.plans.trees_in_force()
                  if t.summary.id != summary.id and not t.summary.is_ended(today)]
        cited = self.cited_documents([summary, *others])
        bases = f"Thực hiện {'; '.join(c.citation for c in cited)}, {profile.cell_name} xây dựng kế hoạch như sau:"
        about = re.sub(r"^tuyên truyền\s+(?:về\s+)?", "", lower_first(summary.title.strip()))
        purposes = "\n".join([
            f"- Tuyên truyền sâu rộng trong cán bộ, đảng viên và người lao động về {about}; tạo không khí "
            "phấn khởi, tin tưởng, thi đua lập thành tích.",
            "- Các hoạt động tuyên truyền thiết thực, phù hợp với điều kiện của chi bộ, gắn với nhiệm vụ chính trị "
            "của cơ quan, đơn vị; mỗi đảng viên gương mẫu thực hiện và tuyên truyền đến quần chúng."])
        phases = [PhaseToCome(p.code, p.title, p.window_text, p.starts_on, p.ends_on,
                              sum(1 for item in p.all_items() if item.parent_id is None),
                              _most_common([item.assignee for item in p.all_items() if item.assignee]))
                  for p in tree.phases if not p.is_standing and p.ends_on >= today]  # only what is still to come
        duties = [point for group in details.get("duties") or [] if isinstance(group, dict)
                  and "chi bộ" in str(group.get("title", "")).lower() for point in group.get("points", [])]
        slogans = self._slogans()
        tasks = draft_cell_tasks(phases, duties, today, cited[0].short, bool(slogans), self.report_day(), report_to)
        organisation = "\n".join([
            f"1. Bí thư chi bộ phân công đảng viên thực hiện các nội dung tại mục II; đưa nội dung tuyên truyền vào "
            "sinh hoạt chi bộ hằng tháng.",
            "2. Đảng viên được phân công chủ động thực hiện, báo cáo kết quả tại buổi sinh hoạt chi bộ.",
            f"3. Trước ngày {self.report_day()} hằng tháng, chi bộ báo cáo kết quả thực hiện về "
            f"{report_to or 'cấp ủy cấp trên'}."])
        return {
            PLAN_BASES: bases,
            "purposes": purposes,
            "content": task_text(tasks),
            "organisation": organisation,
            "slogans": "\n".join(f"- {' '.join(s.text.split())}" for s in slogans),
        }

    def _slogans(self):
        from .library import SloganService

        return SloganService(self.database).slogans()

    def _create(self, kind: str, period: str, issued_on: dt.date, subtitle: str, sections: dict,
                plan_id: int | None = None) -> CellDocument:
        with self.database.session() as session:
            row = DocumentRow(kind=kind, period=period, number=self._number_for_date(session, kind, issued_on),
                              issued_on=issued_on, subtitle=subtitle, sections=sections,
                              status=DocumentStatus.DRAFT.value, plan_id=plan_id, updated_at=dt.datetime.now())
            session.add(row)
            session.flush()
            return _document(row)

    def _number_for_date(self, session, kind: str, day: dt.date) -> int:
        """Numbers follow the documents' dates within the term: a document dated before drafts
        already numbered takes its place among them and those drafts move up one; a document
        finalised or sent keeps its number, and a new one never takes a number in use."""
        rows = list(session.scalars(select(DocumentRow).where(*self._in_term(kind, day))
                                    .order_by(DocumentRow.number)))
        earlier = [row.number for row in rows if row.issued_on <= day]
        number = max(earlier, default=0) + 1
        later = [row for row in rows if row.issued_on > day and row.number >= number]
        if any(row.status != DocumentStatus.DRAFT.value for row in later):
            return max((row.number for row in rows), default=0) + 1  # a later one is already out: append
        for row in sorted(later, key=lambda r: -r.number):
            row.number += 1
        session.flush()
        return number

    def _term_start(self, day: dt.date) -> dt.date:
        return term_start(day, self.settings.get(TERM_SETTING))

    def _in_term(self, kind: str, day: dt.date) -> list:
        """SQL conditions: documents of a kind dated in the term that holds `day`."""
        first, after = term_range(self._term_start(day))
        return [DocumentRow.kind == kind, DocumentRow.issued_on >= first, DocumentRow.issued_on < after]

    # --- editing ----------------------------------------------------------------------
    def save_section(self, document_id: int, key: str, text: str) -> None:
        text = normalize_text(text).rstrip()
        if len(text) > MAX_SECTION_LENGTH:
            raise ValidationError(f"Phần này dài quá {MAX_SECTION_LENGTH:,} ký tự.".replace(",", "."), key)
        with self.database.session() as session:
            row = self._editable(session, document_id)
            edited = ",".join(sorted(_edited(row.sections) | {key}))  # no longer drafted again from data
            row.sections = dict(row.sections or {}) | {key: text, EDITED: edited}
            row.updated_at = dt.datetime.now()

    def update_header(self, document_id: int, *, number: int | None = None, issued_on: dt.date | None = None,
                      subtitle: str | None = None) -> CellDocument:
        with self.database.session() as session:
            row = self._editable(session, document_id)
            if number is not None:
                if not 1 <= number <= 9999:
                    raise ValidationError("Số văn bản phải từ 1 đến 9999.", "number")
                clash = session.scalar(select(DocumentRow.id).where(
                    *self._in_term(row.kind, issued_on or row.issued_on), DocumentRow.number == number,
                    DocumentRow.id != row.id))
                if clash:
                    raise ValidationError(f"Số {number:02d} đã dùng cho một văn bản cùng loại trong nhiệm kỳ.",
                                          "number")
                row.number = number
            if issued_on is not None:
                self._check_date(row, issued_on)
                row.issued_on = issued_on
            if subtitle is not None:
                subtitle = " ".join(normalize_text(subtitle).split())
                if not subtitle:
                    raise ValidationError("Chưa nhập trích yếu (dòng dưới tên loại văn bản).", "subtitle")
                if len(subtitle) > 500:
                    raise ValidationError("Trích yếu dài quá 500 ký tự.", "subtitle")
                row.subtitle = subtitle
            row.updated_at = dt.datetime.now()
            return _document(row)

    def _check_date(self, row: DocumentRow, day: dt.date) -> None:
        """A report is dated within or after its period, a plan after the plan it carries out;
        neither more than a month ahead."""
        if row.kind == REPORT:
            earliest = self.period_of(*parse_period(row.period))[0]
            what = "kỳ báo cáo"
        else:
            plan = next((p for p in self.plans.list_plans() if p.id == row.plan_id), None)
            earliest = plan.issued_on if plan else dt.date(2000, 1, 1)  # its upper plan may be gone
            what = "kế hoạch cấp trên"
        latest = self.clock() + dt.timedelta(days=31)
        if day < earliest:
            raise ValidationError(f"Ngày {format_ui_date(day)} trước ngày bắt đầu của {what} "
                                  f"({format_ui_date(earliest)}).", "issued_on")
        if day > latest:
            raise ValidationError(f"Ngày {format_ui_date(day)} còn xa quá (hôm nay là {format_ui_date(self.clock())}).",
                                  "issued_on")

    def _drafted_for(self, kind: str, period: str, plan_id: int | None) -> dict[str, str]:
        if kind == REPORT:
            return self.drafted_sections(*parse_period(period))
        try:
            tree = self.plans.plan_tree(plan_id) if plan_id is not None else self.upper_plan()
        except PlanNotFound:  # its upper plan was deleted since
            tree = self.upper_plan()
        return self._plan_sections(tree)

    def redraft(self, document_id: int) -> CellDocument:
        """Drafts the sections made from data again (a report's opening, results, assessment,
        direction and annex; every section of a plan), the user's edits of them included."""
        with self.database.session() as session:
            row = self._editable(session, document_id)
            kind, period, plan_id = row.kind, row.period, row.plan_id
        fresh = self._drafted_for(kind, period, plan_id)
        with self.database.session() as session:
            row = self._editable(session, document_id)
            edited = _edited(row.sections) - set(fresh)
            row.sections = dict(row.sections or {}) | fresh | {EDITED: ",".join(sorted(edited))}
            row.updated_at = dt.datetime.now()
            return _document(row)

    def refreshed(self, document_id: int) -> CellDocument:
        """A draft with the sections made from data that the user has not edited drafted again, so
        that they follow the profile (the cell's name), the log and the checklist until then."""
        document = self.get(document_id)
        if document.is_locked:
            return document
        fresh = self._drafted_for(document.kind, document.period, self._plan_id(document_id))
        edited = _edited(document.sections)
        changes = {key: text for key, text in fresh.items()
                   if key not in edited and document.sections.get(key) != text}
        if not changes:
            return document
        with self.database.session() as session:
            row = _row(session, document_id)
            row.sections = dict(row.sections or {}) | changes
            return _document(row)

    def _plan_id(self, document_id: int) -> int | None:
        with self.database.session() as session:
            return _row(session, document_id).plan_id

    def set_status(self, document_id: int, status: DocumentStatus, sent_on: dt.date | None = None) -> CellDocument:
        """Finalise (locks), reopen on purpose (unlocks), or record that it was sent."""
        with self.database.session() as session:
            row = _row(session, document_id)
            if status is DocumentStatus.SENT:
                sent_on = sent_on or self.clock()
                if sent_on > self.clock():
                    raise ValidationError(f"Ngày gửi {format_ui_date(sent_on)} chưa tới.", "sent_on")
                if sent_on < row.issued_on:
                    raise ValidationError(f"Ngày gửi {format_ui_date(sent_on)} trước ngày của văn bản "
                                          f"({format_ui_date(row.issued_on)}).", "sent_on")
            row.status = status.value
            row.sent_on = sent_on if status is DocumentStatus.SENT else None
            row.updated_at = dt.datetime.now()
            return _document(row)

    def get(self, document_id: int) -> CellDocument:
        with self.database.session() as session:
            return _document(_row(session, document_id))

    @staticmethod
    def _editable(session, document_id: int) -> DocumentRow:
        row = _row(session, document_id)
        if row.status != DocumentStatus.DRAFT.value:
            raise ValidationError("Văn bản đã chốt: hãy bấm “Mở lại để sửa” trước khi sửa.")
        return row

    # --- the Word document -----------------------------------------------------------
    def _profile_files(self) -> list[Path]:
        from ..bundled import bundled_format_files

        return [*bundled_format_files(), *sorted((self.database.folder / FORMAT_FOLDER).glob("*.json"))]

    def format_profiles(self) -> list[tuple[str, Path]]:
        """(name, file) of every usable profile: the bundled ones and a clerk's in the data folder."""
        found = []
        for path in self._profile_files():
            try:
                found.append((self._load_profile(path).name, path))
            except FormatProfileError:
                continue
        return found

    def format_profile(self, day: dt.date | None = None) -> FormatProfile:
        """The profile a document dated `day` (today by default) is written in: the one chosen in
        Cài đặt, else the bundled rule in force on that day (HD 36 before 09/01/2026, QĐ 399 from
        then). One a clerk broke is refused with the value named, not replaced silently."""
        return self._load_profile(self._profile_path(day))

    def _profile_path(self, day: dt.date | None = None) -> Path:
        chosen = self.settings.get(FORMAT_SETTING)
        files = self._profile_files()
        path = next((p for p in files if p.name == chosen), None) if chosen else None
        if path is None:
            path = self._profile_in_force(day or self.clock())
        if path is None:
            raise FormatProfileError("Không tìm thấy hồ sơ thể thức văn bản nào trong resources/formats.")
        return path

    def _profile_in_force(self, day: dt.date) -> Path | None:
        """The bundled profile of the newest rule that applies from `day` or earlier."""
        from ..bundled import bundled_format_files

        dated = []
        for path in bundled_format_files():
            try:
                profile = self._load_profile(path)
            except FormatProfileError:
                continue
            dated.append((profile.applies_from or dt.date.min, path))
        applying = [entry for entry in dated if entry[0] <= day] or dated
        return max(applying, key=lambda entry: entry[0])[1] if applying else None

    def format_profile_reason(self, day: dt.date | None = None) -> str:
        """Which profile a document of `day` takes, and why, as Cài đặt says it."""
        day = day or self.clock()
        profile = self.format_profile(day)
        if self.settings.get(FORMAT_SETTING):
            return f"Văn bản xuất theo thể thức “{profile.name}” (đã chọn trong Cài đặt)."
        since = f", áp dụng từ ngày {format_ui_date(profile.applies_from)}" if profile.applies_from else ""
        return (f"Văn bản ngày {format_ui_date(day)} theo thể thức “{profile.name}”{since}: chương trình chọn theo "
                "ngày của văn bản (văn bản trước ngày 09/01/2026 theo Hướng dẫn 36-HD/VPTW).")

    def chosen_profile_file(self) -> str:
        """The file chosen in Cài đặt; empty when the profile follows each document's date."""
        chosen = self.settings.get(FORMAT_SETTING) or ""
        return chosen if any(p.name == chosen for p in self._profile_files()) else ""

    def choose_profile(self, file_name: str) -> None:
        """Chooses a profile for every document; an empty name lets each follow its date again."""
        if file_name and file_name not in {path.name for _name, path in self.format_profiles()}:
            raise ValidationError(f"Không có hồ sơ thể thức {file_name}.")
        self.settings.put(FORMAT_SETTING, file_name or None)

    def copy_profile_for_editing(self) -> Path:
        """A copy of the profile in use in the data folder's formats/, named as the clerk's own, and
        chosen: the clerk edits it with any text editor."""
        source = self._profile_path()
        folder = self.database.folder / FORMAT_FOLDER
        folder.mkdir(parents=True, exist_ok=True)
        data = json.loads(source.read_text(encoding="utf-8"))
        data["name"] = f"{data.get('name', source.stem)} (bản sửa của chi bộ)"
        number, target = 1, folder / "the-thuc-rieng.json"
        while target.exists():
            number += 1
            target = folder / f"the-thuc-rieng-{number}.json"
        target.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
        self.choose_profile(target.name)
        return target

    def term_start_year(self) -> int:
        return term_start(self.clock(), self.settings.get(TERM_SETTING)).year

    def set_term_start_year(self, year: int) -> None:
        if not 2000 <= year <= self.clock().year + 1:
            raise ValidationError(f"Năm bắt đầu nhiệm kỳ {year} không hợp lý.", "term")
        self.settings.put(TERM_SETTING, year)

    @staticmethod
    def _load_profile(path: Path) -> FormatProfile:
        try:
            data = json.loads(Path(path).read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise FormatProfileError(f"Không đọc được hồ sơ thể thức {path.name}: {exc}") from exc
        return FormatProfile(data, path.name)

    def party_document(self, document: CellDocument) -> PartyDocument:
        profile = self.settings.profile()
        titles = REPORT_SECTIONS if document.kind == REPORT else PLAN_SECTIONS
        opening = REPORT_OPENING if document.kind == REPORT else PLAN_BASES
        blocks = text_blocks(document.sections.get(opening, ""))
        blocks += sections_blocks([
            (title, table_block(TASK_COLUMNS, task_rows(document.sections.get(key, "")))
             if document.kind == CELL_PLAN and key == "content" else document.sections.get(key, ""))
            for key, title in titles])
        party = PartyDocument(
            kind_code=document.kind, number=document.number, issuer_code=profile.issuer_code,
            upper_body=profile.upper_body, issuing_body=profile.cell_name, place=profile.place_name,
            issued_on=document.issued_on, subtitle=document.subtitle, blocks=with_end_mark(blocks),
            recipients=list(profile.recipients), signing_authority=profile.signing_authority,
            signer_position="BÍ THƯ", signer_name=profile.secretary_name,
        )
        annex = text_blocks(document.sections.get(REPORT_ANNEX, "")) if document.kind == REPORT else []
        if annex and self.annex_wanted():
            year, month = document.month
            number = document_number(document.number, document.kind, profile.issuer_code, prefix="số")
            party.annex = annex
            party.annex_title = (f"Danh sách hoạt động tuyên truyền tháng {month}/{year}\n"
                                 f"(Kèm theo Báo cáo {number}, ngày {body_date(document.issued_on)} "
                                 f"của {profile.cell_name})")
        return party

    def printable(self, document_id: int) -> tuple[PartyDocument, FormatProfile]:
        """The document as it goes out (as shown: opening and showing a draft refresh it, see
        refreshed()) and the profile of its date, its kind checked: what the Word file, the PDF and
        the preview are all drawn from."""
        document = self.get(document_id)
        profile = self.format_profile(document.issued_on)
        party = self.party_document(document)
        profile.check_kind(party.kind_code)
        return party, profile

    def export_docx(self, document_id: int, target: Path) -> Path:
        from ..exports.party_docx import write_party_docx

        party, profile = self.printable(document_id)
        return write_party_docx(Path(target), party, profile)

    def export_pdf(self, document_id: int, target: Path, cancelled=None) -> Path:
        """The document as PDF: written as Word first, then converted by LibreOffice (the GUI
        prints its preview where LibreOffice is missing)."""
        from ..exports.pdf import write_party_pdf

        party, profile = self.printable(document_id)
        return write_party_pdf(Path(target), party, profile, cancelled)


def _row(session, document_id: int) -> DocumentRow:
    row = session.get(DocumentRow, document_id)
    if row is None:
        raise ValidationError("Văn bản này không còn.")
    return row


def _edited(sections: dict | None) -> set[str]:
    return {key for key in str((sections or {}).get(EDITED, "")).split(",") if key}


def _most_common(values: list[str]) -> str:
    from collections import Counter

    return Counter(values).most_common(1)[0][0] if values else ""


def _document(row: DocumentRow) -> CellDocument:
    return cell_document(row, dict(row.sections or {}))
