"""The monthly report and the cell's own plan: drafted from the log and the checklist, edited
section by section (each keystroke pause saves), locked when finalised, numbered per kind within
the term, and written as Word in the Party's format."""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from sqlalchemy import func, select

from ..domain.activity import ActivityFilter
from ..domain.dates import add_months, format_ui_date, next_report_deadline, report_deadline, report_period
from ..domain.party_document import FormatProfile, FormatProfileError, PartyDocument, sections_blocks, text_blocks
from ..domain.document_kinds import PHASED_PLAN
from ..domain.plan import ItemStatus, PlanTree, newest, phase_label, report_day_of
from ..domain.report import (
    CELL_PLAN, MAX_SECTION_LENGTH, PLAN_BASES, PLAN_SECTIONS, REPORT, REPORT_DEFAULTS, REPORT_SECTIONS,
    CellDocument, DocumentStatus, DueReport, PeriodActivity, draft_direction, draft_results, parse_period, period_key,
    term_range, term_start,
)
from ..domain.text import normalize_text
from ..domain.validation import ValidationError
from ..storage.database import Database
from ..storage.models import DocumentRow, PlanRow
from .activities import ActivityService
from .clock import Clock, system_clock
from .plans import PlanNotFound, PlanService
from .settings import SettingsService

FORMAT_SETTING = "format_profile"
TERM_SETTING = "term_start_year"
FORMAT_FOLDER = "formats"  # in the data folder: a clerk's corrected profiles


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
        year, month = self.current_month()
        previous = add_months(dt.date(year, month, 1), -1)
        day, plan_start = self.report_day(), self.plan_start()
        past = DueReport(previous.year, previous.month, report_deadline(previous.year, previous.month, day),
                         self.report_for(previous.year, previous.month))
        if past.deadline >= plan_start and not past.is_sent and (past.report or past.deadline >= self.first_use()):
            return past
        return DueReport(year, month, report_deadline(year, month, day), self.report_for(year, month))

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
            return existing
        deadline = report_deadline(year, month, self.report_day())
        sections = dict(REPORT_DEFAULTS) | self.drafted_sections(year, month)
        # dated on the deadline; a report opened in its last days is dated today
        issued_on = min(deadline, max(self.clock(), deadline - dt.timedelta(days=5)))
        return self._create(REPORT, period_key(year, month), issued_on,
                            f"kết quả công tác tuyên truyền tháng {month}/{year}", sections)

    def drafted_sections(self, year: int, month: int) -> dict[str, str]:
        """Sections I and IV from the log and the checklist of the period."""
        start, end = self.period_of(year, month)
        rows = self.activities.rows(ActivityFilter(date_from=start, date_to=end))
        # an activity belongs to the period it began in, so none is reported twice
        activities = [PeriodActivity(r.occurred_on, r.form, r.title, r.place, r.party_members, r.others)
                      for r in rows if start <= r.occurred_on <= end]
        trees = self.plans.trees_in_force()  # the work of every document in force
        if not trees:
            return {"results": draft_results(activities, [], []), "direction": draft_direction([])}
        items = [item for tree in trees for item in tree.all_items()]
        completed = [item.text for item in items
                     if item.status is ItemStatus.DONE and item.completed_on and start <= item.completed_on <= end]
        # next month: the phases that run in the next period, open tasks only
        following = add_months(end.replace(day=1), 1)
        next_end = report_deadline(following.year, following.month, self.report_day())
        coming = [p for tree in trees for p in tree.phases
                  if not p.is_standing and p.starts_on <= next_end and p.ends_on > end]
        open_items = [(phase_label(p.code, p.title, p.window_text), item.text)
                      for p in coming for item in p.all_items() if not item.status.is_closed]
        return {"results": draft_results(activities, completed, self.activities.forms()),
                "direction": draft_direction(open_items)}

    def open_cell_plan(self) -> CellDocument:
        """The cell's own plan carrying out the upper plan in force, drafted the first time."""
        tree = self.upper_plan()
        with self.database.session() as session:
            row = session.scalar(select(DocumentRow).where(DocumentRow.kind == CELL_PLAN,
                                                           DocumentRow.plan_id == tree.summary.id))
            if row:
                return _document(row)
        return self._create(CELL_PLAN, "", self.clock(), self._plan_subtitle(tree), self._plan_sections(tree),
                            plan_id=tree.summary.id)

    def _plan_subtitle(self, tree) -> str:
        return _lower_first(tree.summary.title.strip()) or "tuyên truyền"

    def _plan_sections(self, tree) -> dict[str, str]:
        summary = tree.summary
        with self.database.session() as session:
            plan = session.get(PlanRow, summary.id)
            details = dict(plan.details or {})
            issuer = plan.issuing_body or plan.issuer
        profile = self.settings.profile()
        bases = (f"Thực hiện {summary.kind.capitalize()} số {summary.number}, ngày {format_ui_date(summary.issued_on)} "
                 f"của {issuer or 'cấp trên'} về {_lower_first(summary.title.strip())}, "
                 f"{profile.cell_name} xây dựng kế hoạch thực hiện như sau:")
        purposes = []
        for group in details.get("purposes") or []:  # [{code, title, points}], as the parser reads them
            if isinstance(group, dict):
                purposes.append(f"{group.get('code', '')}. {group.get('title', '')}".strip(". "))
                purposes.extend(f"- {point}" for point in group.get("points", []))
        content_lines = []
        phases = sorted(tree.phases, key=lambda p: p.is_standing)  # the standing tasks after the phases
        for number, phase in enumerate(phases, 1):
            heading = phase_label("", phase.title, phase.window_text) or "Nội dung thường xuyên"
            content_lines.append(f"{number}. {heading}")
            content_lines.extend(f"- {item.text}" for item in phase.all_items() if item.parent_id is None)
        slogans = [f"{s.number}. {s.text}" for s in self._slogans()]
        organisation = (
            f"1. Chi ủy (bí thư) {profile.cell_name.lower() if profile.cell_name else 'chi bộ'} chỉ đạo, phân công đảng "
            "viên thực hiện từng nội dung; đưa nội dung tuyên truyền vào sinh hoạt chi bộ hằng tháng.\n"
            "2. Các đồng chí đảng viên gương mẫu thực hiện, tích cực tuyên truyền đến quần chúng.\n"
            f"3. Định kỳ trước ngày {self.report_day()} hằng tháng, chi bộ báo cáo kết quả về "
            "Ban Tuyên giáo Đảng ủy cấp trên.")
        return {
            PLAN_BASES: bases,
            "purposes": "\n".join(purposes) if purposes else
            "- Tuyên truyền sâu rộng nội dung kế hoạch của cấp trên đến toàn thể đảng viên và quần chúng.",
            "content": "\n".join(content_lines),
            "organisation": organisation,
            "slogans": "\n".join(slogans),
        }

    def _slogans(self):
        from .library import SloganService

        return SloganService(self.database).slogans()

    def _create(self, kind: str, period: str, issued_on: dt.date, subtitle: str, sections: dict,
                plan_id: int | None = None) -> CellDocument:
        with self.database.session() as session:
            row = DocumentRow(kind=kind, period=period, number=self._next_number(session, kind, issued_on),
                              issued_on=issued_on, subtitle=subtitle, sections=sections,
                              status=DocumentStatus.DRAFT.value, plan_id=plan_id, updated_at=dt.datetime.now())
            session.add(row)
            session.flush()
            return _document(row)

    def _term_start(self, day: dt.date) -> dt.date:
        return term_start(day, self.settings.get(TERM_SETTING))

    def _in_term(self, kind: str, day: dt.date) -> list:
        """SQL conditions: documents of a kind dated in the term that holds `day`."""
        first, after = term_range(self._term_start(day))
        return [DocumentRow.kind == kind, DocumentRow.issued_on >= first, DocumentRow.issued_on < after]

    def _next_number(self, session, kind: str, day: dt.date) -> int:
        highest = session.scalar(select(func.max(DocumentRow.number)).where(*self._in_term(kind, day)))
        return (highest or 0) + 1

    # --- editing ----------------------------------------------------------------------
    def save_section(self, document_id: int, key: str, text: str) -> None:
        text = normalize_text(text).rstrip()
        if len(text) > MAX_SECTION_LENGTH:
            raise ValidationError(f"Phần này dài quá {MAX_SECTION_LENGTH:,} ký tự.".replace(",", "."), key)
        with self.database.session() as session:
            row = self._editable(session, document_id)
            row.sections = dict(row.sections or {}) | {key: text}
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

    def redraft(self, document_id: int) -> CellDocument:
        """Drafts the sections made from data again (I and IV of a report; every section of a plan)."""
        with self.database.session() as session:
            row = self._editable(session, document_id)
            kind, period, plan_id = row.kind, row.period, row.plan_id
        if kind == REPORT:
            fresh = self.drafted_sections(*parse_period(period))
        else:
            try:
                tree = self.plans.plan_tree(plan_id) if plan_id is not None else self.upper_plan()
            except PlanNotFound:  # its upper plan was deleted since
                tree = self.upper_plan()
            fresh = self._plan_sections(tree)
        with self.database.session() as session:
            row = self._editable(session, document_id)
            row.sections = dict(row.sections or {}) | fresh
            row.updated_at = dt.datetime.now()
            return _document(row)

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

    def format_profile(self) -> FormatProfile:
        """The chosen profile; one a clerk broke is refused with the value named, not replaced
        silently by another."""
        chosen = self.settings.get(FORMAT_SETTING)
        files = self._profile_files()
        path = next((p for p in files if p.name == chosen), files[0] if files else None)
        if path is None:
            raise FormatProfileError("Không tìm thấy hồ sơ thể thức văn bản nào trong resources/formats.")
        return self._load_profile(path)

    def chosen_profile_file(self) -> str:
        return self.format_profile().source

    def choose_profile(self, file_name: str) -> None:
        if file_name not in {path.name for _name, path in self.format_profiles()}:
            raise ValidationError(f"Không có hồ sơ thể thức {file_name}.")
        self.settings.put(FORMAT_SETTING, file_name)

    def copy_profile_for_editing(self) -> Path:
        """A copy of the profile in use in the data folder's formats/, named as the clerk's own, and
        chosen: the clerk edits it with any text editor."""
        source = next(path for _name, path in self.format_profiles() if path.name == self.chosen_profile_file())
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
        blocks = [] if document.kind == REPORT else text_blocks(document.sections.get(PLAN_BASES, ""))
        blocks += sections_blocks([(title, document.sections.get(key, "")) for key, title in titles])
        return PartyDocument(
            kind_code=document.kind, number=document.number, issuer_code=profile.issuer_code,
            upper_body=profile.upper_body, issuing_body=profile.cell_name, place=profile.place_name,
            issued_on=document.issued_on, subtitle=document.subtitle, blocks=blocks,
            recipients=list(profile.recipients), signing_authority=profile.signing_authority,
            signer_position="BÍ THƯ", signer_name=profile.secretary_name,
        )

    def export_docx(self, document_id: int, target: Path) -> Path:
        from ..exports.party_docx import write_party_docx

        document = self.get(document_id)
        return write_party_docx(Path(target), self.party_document(document), self.format_profile())

    def export_pdf(self, document_id: int, target: Path) -> Path:
        """The document as PDF: written as Word first, then converted by LibreOffice."""
        import tempfile

        from ..exports.pdf import convert_to_pdf

        with tempfile.TemporaryDirectory(prefix="cell-desk-") as work:
            docx = self.export_docx(document_id, Path(work) / (Path(target).stem + ".docx"))
            return convert_to_pdf(docx, Path(target))


def _row(session, document_id: int) -> DocumentRow:
    row = session.get(DocumentRow, document_id)
    if row is None:
        raise ValidationError("Văn bản này không còn.")
    return row


def _lower_first(text: str) -> str:
    """A title cited inside a sentence: `Tuyên truyền …` becomes `tuyên truyền …`."""
    return text[:1].lower() + text[1:]


def _document(row: DocumentRow) -> CellDocument:
    return CellDocument(row.id, row.kind, row.period, row.number, row.issued_on, row.subtitle,
                        dict(row.sections or {}), DocumentStatus(row.status), row.sent_on)

