"""The cell's documents: the monthly report and its own plan. Their sections, statuses, numbering
within a term, and the drafts made from the log and the checklist."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from .cell_document import (  # noqa: F401 (the report's callers find them here too)
    CELL_PLAN, REPORT, CellDocument, DocumentStatus, DueReport, due_report, parse_period, period_key,
)
from .dates import format_ui_date

REPORT_OPENING = "opening"  # "Thực hiện …, Chi bộ … báo cáo … như sau:", before section I
REPORT_ANNEX = "annex"  # the full list of activities, printed as a Phụ lục when the cell asks for it
REPORT_SECTIONS = (
    ("results", "Kết quả thực hiện"),
    ("ideology", "Tình hình tư tưởng của cán bộ, đảng viên"),
    ("assessment", "Đánh giá chung"),
    ("difficulties", "Khó khăn, vướng mắc"),
    ("direction", "Phương hướng, nhiệm vụ tháng tới"),
    ("proposals", "Đề xuất, kiến nghị"),
)
PLAN_SECTIONS = (
    ("purposes", "Mục đích, yêu cầu"),
    ("content", "Nội dung, thời gian thực hiện"),
    ("organisation", "Tổ chức thực hiện"),
    ("slogans", "Khẩu hiệu tuyên truyền"),
)
# The plan's bases (căn cứ) come before section I.
PLAN_BASES = "bases"
SECTION_TITLES = {kind: dict(sections) for kind, sections in ((REPORT, REPORT_SECTIONS), (CELL_PLAN, PLAN_SECTIONS))}
MAX_SECTION_LENGTH = 100_000
TERM_YEARS = 5
DEFAULT_EXAMPLES = 3  # activities named under each form of section I
MAX_EXAMPLES = 10


def term_range(start: dt.date) -> tuple[dt.date, dt.date]:
    """The first day of a term and the first day after it."""
    return start, start.replace(year=start.year + TERM_YEARS)


def term_start(today: dt.date, configured_year: int | None = None) -> dt.date:
    """The first day of the committee term numbers run in: terms are five years (2020–2025,
    2025–2030) unless the profile names the year the term began."""
    year = configured_year or today.year - today.year % TERM_YEARS
    return dt.date(year, 1, 1)


def draft_date(today: dt.date, period_start: dt.date, deadline: dt.date) -> dt.date:
    """A new report is dated today, or its deadline when that is earlier (a month drafted late), and
    never before its period begins: it can be marked sent the day it is made."""
    return max(period_start, min(today, deadline))


# --- wording ----------------------------------------------------------------------------
# Words a sentence may begin with that keep their capital inside a sentence: names of the Party,
# its congresses and of people and places written with a capital.
PROPER_STARTS = ("Đại hội", "Đảng", "Bác", "Chủ tịch", "Hồ Chí Minh", "Quốc hội", "Nhà nước", "Mặt trận",
                 "Tổ quốc", "Ngày", "Tết", "Hội nghị Trung ương", "Bộ Chính trị", "Ban Chấp hành", "Ban Bí thư",
                 "Tỉnh ủy", "Thành ủy", "Huyện ủy", "Quân đội", "Công an nhân dân", "Việt Nam", "Chi bộ")
# A task that begins with one of these is already an action ("Tổ chức hội nghị …"); any other is a
# topic to be carried ("Các dự thảo văn kiện …" becomes "Tuyên truyền về các dự thảo văn kiện …").
ACTION_STARTS = (
    "tuyên truyền", "tổ chức", "quán triệt", "triển khai", "xây dựng", "thực hiện", "phổ biến", "đẩy mạnh",
    "tăng cường", "biên soạn", "phát hành", "sưu tầm", "trưng bày", "treo", "đăng", "in", "kẻ", "phát động",
    "chỉ đạo", "hướng dẫn", "vận động", "nắm", "theo dõi", "kiểm tra", "báo cáo", "cung cấp", "định hướng",
    "giới thiệu", "biểu dương", "nêu", "phản ánh", "đấu tranh", "phản bác", "lựa chọn", "duy trì", "đổi mới",
    "nâng cao", "phối hợp", "gắn", "chuẩn bị", "học tập", "thông tin", "cập nhật", "rà soát", "đánh giá",
    "tập trung", "tiếp tục", "bảo đảm", "đảm bảo", "chủ động", "tích cực", "chú trọng", "quan tâm", "tổng kết",
    "sơ kết", "hoàn thành", "đưa", "viết", "sáng tác", "quảng bá", "cổ vũ", "động viên", "khơi dậy", "phát huy",
    "lan tỏa", "thu hút", "trang trí", "căng", "gửi", "mở", "làm", "lắng nghe", "tiếp thu", "ngăn chặn",
    "chỉnh trang", "tôn vinh", "khen thưởng", "kỷ niệm", "chào mừng", "hưởng ứng", "góp ý", "thảo luận")


# Common first words that are never part of a name, however the next word is written: `Trên Cổng
# thông tin …` is `trên Cổng thông tin …` inside a sentence.
COMMON_STARTS = {"các", "những", "trên", "về", "tại", "việc", "ý", "một", "mọi", "toàn", "trong", "qua", "sự",
                 "vị", "kết", "tình", "công", "thông", "tổ", "tuyên", "với", "cho", "của", "đối", "theo", "từ"}


def lower_first(text: str) -> str:
    """A sentence's first word as it is written inside a sentence: `Các dự thảo …` becomes
    `các dự thảo …`, while `Đại hội …`, `Bắc Ninh …`, `HĐND …` keep their capitals."""
    text = text.strip()
    words = text.split(maxsplit=2)
    if not words:
        return text
    first = words[0]
    if text.startswith(PROPER_STARTS) or (len(first) > 1 and first.isupper()):
        return text
    if len(words) > 1 and words[1][:1].isupper() and first.lower() not in COMMON_STARTS:
        return text  # a name of two words or more: Bắc Ninh, Văn phòng Tỉnh ủy
    return text[:1].lower() + text[1:]


def upper_first(text: str) -> str:
    return text[:1].upper() + text[1:]


def _is_action(text: str) -> bool:
    lowered = text.strip().lower()
    return any(lowered == verb or lowered.startswith(verb + " ") or lowered.startswith(verb + ",")
               for verb in ACTION_STARTS)


def gist(text: str, shortest: int = 40, longest: int = 220) -> str:
    """A long plan line's first clause (up to its first `;` or sentence end), when that says enough,
    and at most `longest` characters (cut at a comma): a monthly report names the task, the plan
    holds its whole text."""
    text = " ".join(text.split())
    cut = re.search(r"[;.](?=\s+\S)", text[shortest:])
    text = text[:shortest + cut.start()] if cut else text
    if len(text) > longest:
        comma = text.rfind(", ", shortest, longest)
        text = text[:comma] if comma > 0 else text
    return text


def as_task(text: str) -> str:
    """A plan line as work to do: an action stays, a topic is carried (`Tuyên truyền về …`)."""
    text = gist(text).rstrip(" .;:")
    return upper_first(text) if _is_action(text) else f"Tuyên truyền về {lower_first(text)}"


def as_done(text: str) -> str:
    """A plan line as work done: `Đã tuyên truyền về các dự thảo văn kiện …`."""
    return f"Đã {lower_first(as_task(text))}"


def body_date(day: dt.date) -> str:
    """A date inside the text as Party documents write it: `30/5/2020`, `5/8/2020`."""
    return f"{day.day}/{day.month}/{day.year}"


def _listed(lines: list[str], mark: str = "- ") -> list[str]:
    """Bullets of a list: each but the last ends with `;`, the last with `.`."""
    return [f"{mark}{line.rstrip(' .;:')}{';' if n < len(lines) - 1 else '.'}" for n, line in enumerate(lines)]


def _heading(text: str) -> str:
    """A line that introduces a list ends with one colon, never `.:`."""
    return text.rstrip(" .;:") + ":"


@dataclass(frozen=True)
class CitedDocument:
    """An upper-level document in force, as the opening of a report cites it."""

    kind: str  # Kế hoạch, Định hướng…
    number: str
    issued_on: dt.date
    issuer: str
    title: str

    @property
    def citation(self) -> str:
        """`Kế hoạch số 20-KH/ĐUK, ngày 30/12/2019 của Ban Thường vụ Đảng ủy Khối về tuyên truyền …`."""
        issuer = f" của {self.issuer}" if self.issuer else ""
        about = lower_first(self.title.strip())
        about = f" về {about}" if about and not about.lower().startswith("về ") else (f" {about}" if about else "")
        return f"{upper_first(self.kind.lower())} số {self.number}, ngày {body_date(self.issued_on)}{issuer}{about}"

    @property
    def short(self) -> str:
        return f"{upper_first(self.kind.lower())} số {self.number}"


def draft_opening(cited: list[CitedDocument], cell_name: str, month: int, year: int, start: dt.date,
                  end: dt.date) -> str:
    """`Thực hiện Kế hoạch số …; Định hướng số …, Chi bộ … báo cáo kết quả công tác tuyên truyền
    tháng 8/2020 (từ ngày 21/7/2020 đến ngày 20/8/2020) như sau:`."""
    done = (f"{cell_name} báo cáo kết quả công tác tuyên truyền tháng {month}/{year} (từ ngày {body_date(start)} "
            f"đến ngày {body_date(end)}) như sau:")
    if not cited:
        return done
    return f"Thực hiện {'; '.join(document.citation for document in cited)}, {done}"


@dataclass(frozen=True)
class PeriodActivity:
    occurred_on: dt.date
    form: str
    title: str
    place: str
    party_members: int
    others: int

    @property
    def people(self) -> int:
        return self.party_members + self.others


def _form_name(form: str) -> str:
    return " ".join(form.split()).rstrip(" .;:")


def _by_form(activities: list[PeriodActivity], forms_order: list[str]) -> list[tuple[str, list[PeriodActivity]]]:
    groups: dict[str, list[PeriodActivity]] = {}
    for activity in sorted(activities, key=lambda a: a.occurred_on):
        groups.setdefault(_form_name(activity.form), []).append(activity)
    order = {_form_name(form): index for index, form in enumerate(forms_order)}
    return [(form, groups[form]) for form in sorted(groups, key=lambda f: (order.get(f, len(order)), f))]


def _count(activities: list[PeriodActivity]) -> str:
    people = sum(a.people for a in activities)
    text = f"{_thousands(len(activities))} hoạt động"
    return text + (f", {_thousands(people)} lượt người tham gia" if people else "")


def _example(activity: PeriodActivity) -> str:
    where = f", {activity.place}" if activity.place else ""
    return f"{activity.title.rstrip(' .;:')} (ngày {body_date(activity.occurred_on)}{where})"


def draft_results(activities: list[PeriodActivity], completed: list[str], forms_order: list[str],
                  examples: int = DEFAULT_EXAMPLES, annexed: bool = False) -> str:
    """Section I: the figures of each form with a few of its activities (those most people took part
    in), then the plan's tasks completed in the period worded as done."""
    lines = []
    if activities:
        members = sum(a.party_members for a in activities)
        others = sum(a.others for a in activities)
        forms = _by_form(activities, forms_order)
        lines.append("1. Các hoạt động tuyên truyền")
        lines.append(f"Trong kỳ, chi bộ đã tổ chức {_thousands(len(activities))} hoạt động tuyên truyền bằng "
                     f"{len(forms)} hình thức, với {_thousands(members + others)} lượt người tham gia "
                     f"({_thousands(members)} lượt đảng viên, {_thousands(others)} lượt người ngoài Đảng), cụ thể:")
        for form, group in forms:
            chosen = sorted(sorted(group, key=lambda a: -a.people)[:examples], key=lambda a: a.occurred_on)
            if not chosen:
                lines.append(f"- {form}: {_count(group)}.")
                continue
            lead = "gồm" if len(chosen) == len(group) else "tiêu biểu là"
            lines.append(f"- {form}: {_count(group)}, {lead}:")
            lines.extend(_listed([_example(a) for a in chosen], "+ "))
        if annexed:
            lines.append("(Danh sách các hoạt động tại Phụ lục kèm theo.)")
    else:
        lines.append("Trong kỳ, chi bộ chưa tổ chức hoạt động tuyên truyền nào.")
    if completed:
        if activities:
            lines.append("2. Thực hiện các nhiệm vụ của kế hoạch")
        lines.append(f"Trong kỳ, chi bộ đã hoàn thành {len(completed)} nội dung của kế hoạch:")
        lines.extend(_listed([as_done(text) for text in completed]))
    return "\n".join(lines)


def draft_annex(activities: list[PeriodActivity], forms_order: list[str]) -> str:
    """Every activity of the period by form, for the Phụ lục."""
    lines = []
    for number, (form, group) in enumerate(_by_form(activities, forms_order), 1):
        lines.append(f"{number}. {form} ({_count(group)})")
        for activity in group:
            where = f", {activity.place}" if activity.place else ""
            people = f"; {_thousands(activity.people)} lượt người" if activity.people else ""
            lines.append(f"- Ngày {body_date(activity.occurred_on)}: {activity.title.rstrip(' .;:')}{where}{people}.")
    return "\n".join(lines)


@dataclass(frozen=True)
class PeriodFacts:
    """What the overall assessment is drafted from: true statements of the period, nothing else."""

    activities: int
    forms_used: int
    people: int
    completed: int
    progress_done: int  # of the documents running in the period: items done / items counted
    progress_counted: int
    overdue: list[str]  # open items whose time ran out by the end of the period
    forms_unused: list[str]


def draft_assessment(facts: PeriodFacts) -> str:
    """Ưu điểm and hạn chế stated from the data; the cell edits them before sending."""
    strengths, weaknesses = [], []
    if facts.activities:
        strengths.append(f"Chi bộ đã tổ chức {_thousands(facts.activities)} hoạt động tuyên truyền bằng "
                         f"{facts.forms_used} hình thức" +
                         (f", thu hút {_thousands(facts.people)} lượt người tham gia" if facts.people else ""))
    if facts.completed:
        progress = ""
        if facts.progress_counted:
            percent = round(100 * facts.progress_done / facts.progress_counted)
            progress = (f"; đến hết kỳ đã hoàn thành {facts.progress_done}/{facts.progress_counted} nội dung "
                        f"của kế hoạch ({percent}%)")
        strengths.append(f"Hoàn thành {facts.completed} nội dung của kế hoạch trong kỳ{progress}")
    if not facts.activities:
        weaknesses.append("Trong kỳ, chi bộ chưa tổ chức hoạt động tuyên truyền nào")
    if facts.overdue:
        shown = facts.overdue[:3]
        more = f" và {len(facts.overdue) - len(shown)} nội dung khác" if len(facts.overdue) > len(shown) else ""
        weaknesses.append(f"Còn {len(facts.overdue)} nội dung của kế hoạch đã hết thời gian thực hiện nhưng chưa "
                          f"hoàn thành: " + "; ".join(lower_first(as_task(t)) for t in shown) + more)
    if facts.activities and facts.forms_unused:
        weaknesses.append("Chưa sử dụng hình thức " + "; ".join(lower_first(f) for f in facts.forms_unused))
    lines = []
    for number, (title, points) in enumerate(((t, p) for t, p in (("Ưu điểm", strengths),
                                                                  ("Hạn chế", weaknesses)) if p), 1):
        lines.append(f"{number}. {title}")
        lines.extend(_listed(points))
    return "\n".join(lines)


def _thousands(number: int) -> str:
    """1.066: Vietnamese writes thousands with a dot."""
    return f"{number:,}".replace(",", ".")


TIME_ONLY = re.compile(r"^(?:tháng|quý|năm|đợt|từ|trước|sau|giai đoạn)\b", re.IGNORECASE)


@dataclass(frozen=True)
class ComingWork:
    """A phase that runs in the next period and its open tasks."""

    title: str
    window_text: str
    document: str  # `Định hướng số 45-ĐH/BTGĐUK`, for a phase named by its time alone
    tasks: list[str]

    @property
    def heading(self) -> str:
        title = " ".join(self.title.split()).rstrip(" .;:")
        window = lower_first(" ".join(self.window_text.split()))
        if not title or TIME_ONLY.match(title):
            when = lower_first(title) or window
            return f"Thực hiện {self.document}" + (f" ({when})" if when else "")
        return f"{title} ({window})" if window else title


TASKS_PER_PHASE = 4  # a monthly report is 1-3 pages: the rest of a phase is named in one line


def draft_direction(coming: list[ComingWork], in_force: bool) -> str:
    """Section IV: the open tasks of the phases of the next period, by phase (the first few of a
    long phase, then one line for the rest); or, with nothing to carry on, a sentence that says so."""
    coming = [work for work in coming if work.tasks]
    if not coming:
        if in_force:
            return ("Các văn bản của cấp trên đang áp dụng không còn nội dung nào phải thực hiện trong tháng tới; "
                    "chi bộ tiếp tục theo dõi, thực hiện khi cấp trên có kế hoạch, hướng dẫn mới.")
        return ("Hiện chưa có văn bản nào của cấp trên đang áp dụng cho tháng tới; chi bộ sẽ xây dựng nhiệm vụ "
                "cụ thể khi có kế hoạch, hướng dẫn của cấp trên.")
    lines = []
    for number, work in enumerate(coming, 1):
        lines.append(_heading(f"{number}. {work.heading}"))
        shown = work.tasks if len(work.tasks) <= TASKS_PER_PHASE + 1 else work.tasks[:TASKS_PER_PHASE]
        tasks = [as_task(task) for task in shown]
        if len(shown) < len(work.tasks):
            tasks.append(f"Thực hiện {len(work.tasks) - len(shown)} nội dung còn lại của đợt theo {work.document}")
        lines.extend(_listed(tasks))
    return "\n".join(lines)


# --- the cell's own plan ------------------------------------------------------------------
TASK_COLUMNS = ("Nội dung công việc", "Người phụ trách", "Thời gian")
CELL_SECRETARY = "Bí thư chi bộ"


def task_rows(text: str) -> list[tuple[str, str, str]]:
    """The plan's table of work as stored: one line a task, its columns separated by tabs."""
    rows = []
    for line in (text or "").split("\n"):
        if not line.strip():
            continue
        cells = [" ".join(cell.split()) for cell in line.split("\t")] + ["", ""]
        rows.append((cells[0], cells[1], cells[2]))
    return rows


def task_text(rows: list[tuple[str, str, str]]) -> str:
    return "\n".join("\t".join(" ".join(cell.replace("\t", " ").split()) for cell in row) for row in rows
                     if any(cell.strip() for cell in row))


@dataclass(frozen=True)
class PhaseToCome:
    """A phase of the upper plan still running or to come, as the cell's plan takes it up."""

    code: str
    title: str
    window_text: str
    starts_on: dt.date
    ends_on: dt.date
    tasks: int
    assignee: str  # the person most of its items are assigned to, if any


# "Chỉ đạo tổ chức …" is how the upper level tells a cell's committee to act; the cell itself does it.
_DIRECTING = re.compile(r"^(?:xây dựng kế hoạch,\s*)?(?:chỉ đạo|hướng dẫn)(?:,\s*\w+)?\s+(?=tổ chức|thực hiện)",
                        re.IGNORECASE)


def cell_action(duty: str) -> str:
    """A task the upper plan gives the cells, as the cell's own action: `Chỉ đạo tổ chức tốt việc nắm
    tình hình …` becomes `Tổ chức tốt việc nắm tình hình …`."""
    text = _DIRECTING.sub("", gist(duty, longest=150).strip())
    return as_task(upper_first(text))


def draft_cell_tasks(phases: list[PhaseToCome], duties: list[str], today: dt.date, document: str,
                     has_slogans: bool, report_day: int, report_to: str) -> list[tuple[str, str, str]]:
    """Section II of the cell's plan: what the cell will do, who leads it and by when. Each phase
    still to come, the upper plan's tasks for cells, the monthly meeting, the slogans, the report."""
    rows = []
    for phase in phases:
        what = as_task(phase.title) if phase.title else f"Tuyên truyền các nội dung của đợt {phase.code}".strip()
        where = f"mục {phase.code} " if phase.code else ""
        rows.append((f"{what} ({phase.tasks} nội dung theo {where}{document})",
                     phase.assignee or CELL_SECRETARY,
                     f"Đến {body_date(phase.ends_on)}" if phase.starts_on <= today
                     else f"Từ {body_date(phase.starts_on)} đến {body_date(phase.ends_on)}"))
    rows.extend((cell_action(duty), "Bí thư, chi ủy viên", "Thường xuyên") for duty in duties)
    rows.append(("Đưa nội dung tuyên truyền vào sinh hoạt chi bộ thường kỳ", CELL_SECRETARY, "Hằng tháng"))
    if has_slogans:
        rows.append(("Treo khẩu hiệu, băng rôn tại trụ sở cơ quan trong các đợt cao điểm", "Đảng viên được phân công",
                     "Theo từng đợt"))
    rows.append((f"Báo cáo kết quả thực hiện về {report_to}" if report_to else "Báo cáo kết quả thực hiện với cấp trên",
                 CELL_SECRETARY, f"Trước ngày {report_day} hằng tháng"))
    return rows


REPORT_DEFAULTS = {
    "ideology": "Cán bộ, đảng viên trong chi bộ phấn khởi, tin tưởng vào sự lãnh đạo của Đảng, chấp hành tốt "
                "chủ trương, đường lối của Đảng, chính sách, pháp luật của Nhà nước.",
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
