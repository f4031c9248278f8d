"""The cell's documents: the monthly report and its own plan. Their sections, statuses, numbering
within a term, and the drafts made from the log and the checklist."""
from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass, field

from .dates import format_ui_date


class DocumentStatus(str, enum.Enum):
    DRAFT = "draft"
    FINAL = "final"
    SENT = "sent"

    @property
    def label(self) -> str:
        return {"draft": "Nháp", "final": "Đã chốt", "sent": "Đã gửi"}[self.value]


REPORT = "BC"
CELL_PLAN = "KH"
REPORT_SECTIONS = (
    ("results", "Kết quả thực hiện"),
    ("ideology", "Tình hình tư tưởng của cán bộ, đảng viên"),
    ("difficulties", "Khó khăn, vướng mắc"),
    ("direction", "Phương hướng, nhiệm vụ tháng tới"),
    ("proposals", "Đề xuất, kiến nghị"),
)
PLAN_SECTIONS = (
    ("purposes", "Mục đích, yêu cầu"),
    ("content", "Nội dung tuyên truyền"),
    ("organisation", "Tổ chức thực hiện"),
    ("slogans", "Khẩu hiệu tuyên truyền"),
)
# The plan's bases (căn cứ) come before section I.
PLAN_BASES = "bases"
SECTION_TITLES = {kind: dict(sections) for kind, sections in ((REPORT, REPORT_SECTIONS), (CELL_PLAN, PLAN_SECTIONS))}
MAX_SECTION_LENGTH = 100_000
TERM_YEARS = 5


@dataclass
class CellDocument:
    id: int
    kind: str
    period: str  # YYYY-MM for a report
    number: int
    issued_on: dt.date
    subtitle: str
    sections: dict[str, str] = field(default_factory=dict)
    status: DocumentStatus = DocumentStatus.DRAFT
    sent_on: dt.date | None = None

    @property
    def is_locked(self) -> bool:
        return self.status is not DocumentStatus.DRAFT

    @property
    def month(self) -> tuple[int, int] | None:
        return parse_period(self.period) if self.period else None

    @property
    def status_text(self) -> str:
        if self.status is DocumentStatus.SENT and self.sent_on:
            return f"Đã gửi ngày {format_ui_date(self.sent_on)}"
        return self.status.label


def period_key(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}"


def parse_period(key: str) -> tuple[int, int]:
    year, month = key.split("-")
    return int(year), int(month)


def term_range(start: dt.date) -> tuple[dt.date, dt.date]:
    """The first day of a term and the first day after it."""
    return start, start.replace(year=start.year + TERM_YEARS)


def term_start(today: dt.date, configured_year: int | None = None) -> dt.date:
    """The first day of the committee term numbers run in: terms are five years (2020–2025,
    2025–2030) unless the profile names the year the term began."""
    year = configured_year or today.year - today.year % TERM_YEARS
    return dt.date(year, 1, 1)


@dataclass(frozen=True)
class PeriodActivity:
    occurred_on: dt.date
    form: str
    title: str
    place: str
    party_members: int
    others: int


def draft_results(activities: list[PeriodActivity], completed: list[str], forms_order: list[str]) -> str:
    """Section I of the report: activities of the period grouped by form, with counts and
    participants, then the plan's tasks completed in the period."""
    if not activities and not completed:
        return "Trong kỳ, chi bộ chưa ghi nhận hoạt động tuyên truyền nào trong nhật ký."
    members = sum(a.party_members for a in activities)
    others = sum(a.others for a in activities)
    lines = [f"Trong kỳ, chi bộ đã tổ chức {_thousands(len(activities))} hoạt động tuyên truyền với "
             f"{_thousands(members + others)} lượt người tham gia ({_thousands(members)} lượt đảng viên, "
             f"{_thousands(others)} lượt người ngoài Đảng)."]
    by_form: dict[str, list[PeriodActivity]] = {}
    for activity in sorted(activities, key=lambda a: a.occurred_on):
        by_form.setdefault(activity.form, []).append(activity)
    order = {form: index for index, form in enumerate(forms_order)}
    for number, form in enumerate(sorted(by_form, key=lambda f: (order.get(f, len(order)), f)), 1):
        group = by_form[form]
        people = sum(a.party_members + a.others for a in group)
        lines.append(f"{number}. {form}: {_thousands(len(group))} hoạt động, {_thousands(people)} lượt người tham gia.")
        for activity in group:
            place = f" ({activity.place})" if activity.place else ""
            lines.append(f"- Ngày {format_ui_date(activity.occurred_on)}: {activity.title}{place}.")
    if completed:
        lines.append(f"{len(by_form) + 1}. Các nhiệm vụ của kế hoạch đã hoàn thành trong kỳ:")
        lines.extend(f"- {text}" for text in completed)
    return "\n".join(lines)


def _thousands(number: int) -> str:
    """1.066: Vietnamese writes thousands with a dot."""
    return f"{number:,}".replace(",", ".")


def draft_direction(open_items: list[tuple[str, str]]) -> str:
    """Section IV: the unfinished tasks of the running and the next phase, by phase."""
    if not open_items:
        return "Tiếp tục thực hiện các nội dung tuyên truyền thường xuyên theo kế hoạch."
    lines = ["Tập trung thực hiện các nhiệm vụ còn lại của kế hoạch:"]
    phases: list[str] = []
    for phase, text in open_items:
        if phase not in phases:
            phases.append(phase)
            lines.append(f"{'abcdeghiklmnopqrstuvxy'[min(len(phases) - 1, 21)]}) {phase}:")
        lines.append(f"- {text}")
    return "\n".join(lines)


REPORT_DEFAULTS = {
    "ideology": "Cán bộ, đảng viên trong chi bộ phấn khởi, tin tưởng vào sự lãnh đạo của Đảng, chấp hành tốt "
                "chủ trương, đường lối của Đảng, chính sách, pháp luật của Nhà nước.",
    "difficulties": "Không.",
    "proposals": "Không.",
}


def deadline_status(deadline: dt.date, today: dt.date, report: CellDocument | None) -> str:
    """`Hạn nộp 20/08/2020: còn 5 ngày`, `… trễ 3 ngày`, or that it was sent."""
    if report is not None and report.status is DocumentStatus.SENT:
        return f"Hạn {format_ui_date(deadline)}: {report.status_text.lower()}"
    days = (deadline - today).days
    if days > 0:
        return f"Hạn nộp {format_ui_date(deadline)}: còn {days} ngày"
    if days == 0:
        return f"Hạn nộp hôm nay, {format_ui_date(deadline)}"
    return f"Hạn nộp {format_ui_date(deadline)}: trễ {-days} ngày"


@dataclass(frozen=True)
class DueReport:
    """The report Tổng quan speaks of: the month just passed while it is late, else the current one."""

    year: int
    month: int
    deadline: dt.date
    report: CellDocument | None

    def days_left(self, today: dt.date) -> int:
        return (self.deadline - today).days

    @property
    def is_sent(self) -> bool:
        return self.report is not None and self.report.status is DocumentStatus.SENT
