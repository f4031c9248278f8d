"""Roll-up mode, the đảng ủy's side: the cells registered under it, the packages they sent, who
is on time and who is late for a month, and the consolidated report drafted from every package."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import Enum

from .dates import days_in_month, format_ui_date
from .party_document import Block, sections_blocks, table_block, text_blocks, with_end_mark
from .report_package import FormFigure, ReportPackage
from .text import search_key, shorten

MAX_CELL_NAME = 200
NOTABLE_EXAMPLES = 5  # cells quoted under "Những cách làm hay"
EXAMPLE_LETTERS = 600  # of a cell's own account of its results


def cell_key(name: str) -> str:
    """A cell's name as matched: “Chi bộ Phòng Tài chính” and “chi bo phong tai chinh” are one cell."""
    return " ".join(search_key(name).split())


@dataclass(frozen=True)
class RegisteredCell:
    id: int
    name: str
    report_day: int = 20
    note: str = ""
    version: int = 1

    def deadline(self, period: str) -> dt.date:
        year, month = period_parts(period)
        return dt.date(year, month, min(self.report_day, days_in_month(year, month)))


def period_parts(period: str) -> tuple[int, int]:
    year, month = period.split("-")
    return int(year), int(month)


def period_label(period: str) -> str:
    year, month = period_parts(period)
    return f"tháng {month:02d}/{year}"


class Submission(Enum):
    ON_TIME = "Đã gửi đúng hạn"
    LATE = "Gửi muộn"
    OVERDUE = "Chưa gửi – quá hạn"
    NOT_YET_DUE = "Chưa gửi – chưa đến hạn"

    @property
    def has_report(self) -> bool:
        return self in (Submission.ON_TIME, Submission.LATE)


@dataclass(frozen=True)
class ReceivedReport:
    """What the desk keeps of a package: its manifest read back, and when it came."""
    cell_id: int
    package: ReportPackage
    received_at: dt.datetime
    file_name: str = ""


@dataclass(frozen=True)
class CellStanding:
    """One row of the table of who has sent: the cell, its deadline, its package if any."""
    cell: RegisteredCell
    deadline: dt.date
    state: Submission
    report: ReceivedReport | None = None

    @property
    def sent_on(self) -> dt.date | None:
        return self.report.package.made_on if self.report else None


def standing(cell: RegisteredCell, period: str, report: ReceivedReport | None, today: dt.date) -> CellStanding:
    deadline = cell.deadline(period)
    if report is not None:
        state = Submission.ON_TIME if report.package.made_on <= deadline else Submission.LATE
    else:
        state = Submission.OVERDUE if today > deadline else Submission.NOT_YET_DUE
    return CellStanding(cell, deadline, state, report)


@dataclass
class FormTotal:
    form: str
    activities: int = 0
    party_members: int = 0
    others: int = 0
    cells: set[str] = field(default_factory=set)

    @property
    def people(self) -> int:
        return self.party_members + self.others


def form_totals(reports: list[ReceivedReport]) -> list[FormTotal]:
    """Figures summed per form over every cell's package, the forms in order of activities.
    Forms are matched by their diacritic-free name, since two cells may type one form two ways."""
    totals: dict[str, FormTotal] = {}
    for report in reports:
        for figure in report.package.figures:
            total = totals.setdefault(cell_key(figure.form), FormTotal(figure.form))
            total.activities += figure.activities
            total.party_members += figure.party_members
            total.others += figure.others
            total.cells.add(report.package.cell_name)
    return sorted(totals.values(), key=lambda total: (-total.activities, total.form))


def figures_total(figures: tuple[FormFigure, ...] | list[FormTotal]) -> tuple[int, int, int]:
    return (sum(f.activities for f in figures), sum(f.party_members for f in figures), sum(f.others for f in figures))


@dataclass(frozen=True)
class ConsolidationHeader:
    """The đảng ủy's own names, from its profile, and the report's number and date."""
    body_name: str  # "Đảng ủy Cơ quan …": the issuing body
    number: int
    issued_on: dt.date


def consolidated_recipients(upper_body: str, own: list[str]) -> list[str]:
    """Nơi nhận of the consolidated report: the upper committee it reports to, the cells it was
    drawn from, then the body's own lines (its Lưu)."""
    first = [f"{upper_body} (để báo cáo),"] if upper_body.strip() else []
    return [*first, "Các chi bộ trực thuộc,", *own]


def consolidated_blocks(period: str, standings: list[CellStanding]) -> list[Block]:
    """The body of the consolidated monthly report: how many cells reported, the figures summed per
    form, the tasks and meetings, notable examples in the cells' own words, the cells that sent
    nothing named, and the proposals they made."""
    reports = [row.report for row in standings if row.report is not None]
    label = period_label(period)
    sent = [row for row in standings if row.state.has_report]
    late = [row for row in standings if row.state is Submission.LATE]
    missing = [row for row in standings if not row.state.has_report]
    overview = [f"Trong {label}, {len(sent)}/{len(standings)} chi bộ trực thuộc đã gửi báo cáo"
                + (f" ({len(late)} chi bộ gửi muộn)." if late else ".")]
    if missing:
        overview.append(f"Chưa gửi báo cáo ({len(missing)} chi bộ): "
                        + "; ".join(row.cell.name for row in missing) + ".")
    totals = form_totals(reports)
    activities, members, others = figures_total(totals)
    results: list[Block] = [Block("paragraph", line) for line in overview]
    results.append(Block("numbered", "1. Các hoạt động tuyên truyền"))
    if totals:
        results.append(Block("paragraph", f"Các chi bộ đã tổ chức {activities} hoạt động tuyên truyền với "
                                          f"{members + others} lượt người tham gia ({members} lượt đảng viên, "
                                          f"{others} lượt quần chúng)."))
        table = table_block(("Hình thức", "Số hoạt động", "Số chi bộ", "Lượt đảng viên", "Lượt quần chúng"),
                            [(total.form, str(total.activities), str(len(total.cells)), str(total.party_members),
                              str(total.others)) for total in totals])[0]
        results.append(Block("table", "", (*table.rows, ("", "Cộng", str(activities), "", str(members), str(others)))))
    else:
        results.append(Block("paragraph", "Các báo cáo nhận được chưa ghi hoạt động tuyên truyền nào."))
    done = sum(1 for report in reports for task in report.package.tasks if task.done)
    still_open = sum(1 for report in reports for task in report.package.tasks if not task.done)
    results.append(Block("numbered", "2. Thực hiện nhiệm vụ theo kế hoạch"))
    results.append(Block("paragraph", f"Các chi bộ báo cáo hoàn thành {done} nhiệm vụ trong kỳ; "
                                      f"{still_open} nhiệm vụ đang tiếp tục thực hiện."))
    meetings = [report for report in reports if report.package.meeting is not None]
    results.append(Block("numbered", "3. Sinh hoạt chi bộ"))
    if meetings:
        members_total = sum(r.package.meeting.member_count for r in meetings)
        present = sum(r.package.meeting.present for r in meetings)
        share = f", {present}/{members_total} lượt đảng viên có mặt" if members_total else ""
        results.append(Block("paragraph", f"{len(meetings)}/{len(reports)} chi bộ gửi báo cáo đã tổ chức sinh hoạt "
                                          f"chi bộ trong tháng{share}."))
    else:
        results.append(Block("paragraph", "Các báo cáo nhận được chưa ghi buổi sinh hoạt chi bộ nào."))
    examples = _notable_examples(reports)
    proposals = [(report.package.cell_name, _section_text(report, "proposals")) for report in reports]
    proposals = [(name, text) for name, text in proposals if text and text.strip(" .").lower() not in ("không", "")]
    proposal_blocks = [Block("bullet", f"{name}: {shorten(' '.join(text.split()), EXAMPLE_LETTERS)}")
                       for name, text in proposals]
    missing_blocks = ([Block("bullet", f"{row.cell.name} (hạn {format_ui_date(row.deadline)})") for row in missing]
                      or [Block("paragraph", "Tất cả các chi bộ trực thuộc đã gửi báo cáo.")])
    return with_end_mark(sections_blocks([
        ("Kết quả thực hiện", results),
        ("Những cách làm hay, điển hình", examples),
        ("Các chi bộ chưa gửi báo cáo", missing_blocks),
        ("Đề xuất, kiến nghị của các chi bộ", proposal_blocks),
    ]))


def _section_text(report: ReceivedReport, key: str) -> str:
    return next((section.text for section in report.package.sections if section.key == key), "")


def _notable_examples(reports: list[ReceivedReport]) -> list[Block]:
    """The cells with the most activities, each in the first lines of its own results section."""
    ranked = sorted(reports, key=lambda r: (-r.package.activities, -r.package.people, r.package.cell_name))
    blocks = []
    for report in ranked[:NOTABLE_EXAMPLES]:
        if report.package.activities == 0:
            break
        lines = [block.text for block in text_blocks(_section_text(report, "results")) if block.kind != "table"]
        account = shorten(" ".join(" ".join(lines).split()), EXAMPLE_LETTERS)
        figures = f"{report.package.activities} hoạt động, {report.package.people} lượt người tham gia"
        blocks.append(Block("bullet", f"{report.package.cell_name} ({figures})" + (f": {account}" if account else ".")))
    return blocks
