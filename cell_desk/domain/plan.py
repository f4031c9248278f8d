"""A propaganda plan (kế hoạch) and its checklist, as plain values."""
from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass, field

from .document_kinds import PHASED_PLAN, kind_label
from .text import shorten


class ItemStatus(str, enum.Enum):
    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    NOT_APPLICABLE = "not_applicable"

    @property
    def label(self) -> str:
        return STATUS_LABELS[self]

    @property
    def is_closed(self) -> bool:
        """Closed items can no longer be overdue."""
        return self in (ItemStatus.DONE, ItemStatus.NOT_APPLICABLE)


STATUS_LABELS = {
    ItemStatus.NOT_STARTED: "Chưa thực hiện",
    ItemStatus.IN_PROGRESS: "Đang thực hiện",
    ItemStatus.DONE: "Đã hoàn thành",
    ItemStatus.NOT_APPLICABLE: "Không áp dụng",
}


class StageKind(str, enum.Enum):
    BEFORE = "before"
    DURING = "during"
    AFTER = "after"

    @property
    def label(self) -> str:
        return {
            StageKind.BEFORE: "Trước khai mạc",
            StageKind.DURING: "Trong thời gian diễn ra",
            StageKind.AFTER: "Sau khi bế mạc",
        }[self]


def document_state_label(ended: bool, running: bool) -> str:
    """`Đã kết thúc`, `Đang thực hiện` or `Chưa bắt đầu`, as the document tables show a document."""
    if ended:
        return "Đã kết thúc"
    return "Đang thực hiện" if running else "Chưa bắt đầu"


@dataclass(frozen=True)
class PlanSummary:
    id: int
    number: str
    kind: str
    title: str
    issued_on: dt.date
    place: str
    is_active: bool
    item_count: int = 0
    report_day: int = 20
    doc_kind: str = PHASED_PLAN
    starts_on: dt.date | None = None  # the first phase's start
    ends_on: dt.date | None = None  # the last phase's end
    states_reporting_rule: bool = False  # the document itself says when to report (and so the day)

    @property
    def reference(self) -> str:
        """`Kế hoạch 20-KH/ĐUK ngày 30/12/2019`."""
        number = f" {self.number}" if self.number else ""  # a web copy may carry no number
        return f"{self.kind.capitalize()}{number} ngày {self.issued_on:%d/%m/%Y}"

    @property
    def short_name(self) -> str:
        """`20-KH/ĐUK`, or for a document that carries no number its kind (`Định hướng tháng`)."""
        return self.number or self.kind_label

    @property
    def kind_label(self) -> str:
        """`Định hướng tháng`, `Kế hoạch theo đợt`…"""
        return kind_label(self.doc_kind)

    def heading(self, today: dt.date | None = None, limit: int = 70) -> str:
        """`Định hướng tháng 12-ĐH/ĐUK: Tuyên truyền tháng 3/2026`, with `– đã kết thúc` once ended."""
        number = f" {self.number}" if self.number else ""
        text = f"{self.kind_label}{number}: {shorten(' '.join(self.title.split()), limit)}"
        return text + (" – đã kết thúc" if today is not None and self.is_ended(today) else "")

    def is_ended(self, today: dt.date) -> bool:
        """Every phase window has passed. The document stays in force until the user takes it out."""
        return self.ends_on is not None and today > self.ends_on

    def state_label(self, today: dt.date) -> str:
        return document_state_label(self.is_ended(today), self.is_running(today))

    def is_running(self, today: dt.date) -> bool:
        """Today falls within the document's window (from its first phase to its last)."""
        return (self.starts_on is not None and self.ends_on is not None
                and self.starts_on <= today <= self.ends_on)

    @property
    def window_text(self) -> str:
        if self.starts_on is None or self.ends_on is None:
            return ""
        return f"{self.starts_on:%d/%m/%Y} – {self.ends_on:%d/%m/%Y}"


def newest(summaries: list[PlanSummary]) -> PlanSummary | None:
    """The most recently issued document (the later added on the same day)."""
    return max(summaries, key=lambda s: (s.issued_on, s.id), default=None)


def report_day_of(in_force: list[PlanSummary], default: int = 20) -> int:
    """The report day of the newest document in force that states a reporting rule, else 20."""
    stating = newest([summary for summary in in_force if summary.states_reporting_rule])
    return stating.report_day if stating else default


@dataclass
class ChecklistItem:
    id: int
    phase_id: int
    stage_id: int | None
    parent_id: int | None
    position: int
    text: str
    status: ItemStatus = ItemStatus.NOT_STARTED
    completed_on: dt.date | None = None
    assignee: str = ""
    evidence: str = ""
    due_on: dt.date | None = None
    sub_items: list["ChecklistItem"] = field(default_factory=list)
    detail: str = ""  # the paragraphs under a numbered topic, as the document gives them

    def is_overdue(self, today: dt.date) -> bool:
        """Late once the phase window has closed and the item is still open."""
        return self.due_on is not None and not self.status.is_closed and today > self.due_on


@dataclass
class Stage:
    id: int
    kind: StageKind
    heading: str
    items: list[ChecklistItem] = field(default_factory=list)


def phase_label(code: str, title: str, window_text: str) -> str:
    """`1.3. Tuyên truyền …: Từ tháng 7/2020 đến 31/8/2020`, or `Đợt 2 – Quý II/2026`."""
    if not code:
        prefix = ""
    elif code[0].isdigit():
        prefix = f"{code}. "
    else:
        prefix = f"{code} – " if (title or window_text) else code
    if title and window_text:
        return f"{prefix}{title}: {window_text}"
    return f"{prefix}{title or window_text}"


@dataclass
class Phase:
    id: int
    code: str
    title: str
    window_text: str
    starts_on: dt.date
    ends_on: dt.date
    is_standing: bool = False
    stages: list[Stage] = field(default_factory=list)
    items: list[ChecklistItem] = field(default_factory=list)  # items outside any stage

    @property
    def display_title(self) -> str:
        return phase_label(self.code, self.title, self.window_text)

    def is_running(self, today: dt.date) -> bool:
        return self.starts_on <= today <= self.ends_on

    def all_items(self) -> list[ChecklistItem]:
        """Every checkable line of the phase: items and sub-items, in order."""
        top = list(self.items) + [item for stage in self.stages for item in stage.items]
        result: list[ChecklistItem] = []
        for item in top:
            result.append(item)
            result.extend(item.sub_items)
        return result


@dataclass(frozen=True)
class Progress:
    done: int
    counted: int  # items that count: all but "Không áp dụng"

    @property
    def fraction(self) -> float:
        return self.done / self.counted if self.counted else 0.0

    @property
    def percent(self) -> int:
        return round(self.fraction * 100)

    @classmethod
    def of(cls, items: list[ChecklistItem]) -> "Progress":
        counted = [item for item in items if item.status is not ItemStatus.NOT_APPLICABLE]
        return cls(sum(item.status is ItemStatus.DONE for item in counted), len(counted))


@dataclass
class PlanTree:
    summary: PlanSummary
    phases: list[Phase]

    def all_items(self) -> list[ChecklistItem]:
        return [item for phase in self.phases for item in phase.all_items()]

    def progress(self) -> Progress:
        return Progress.of(self.all_items())


def current_first(trees: list[PlanTree], today: dt.date) -> list[PlanTree]:
    """Documents still running or yet to come first, the newest issued first; ended ones after them."""
    return sorted(trees, key=lambda tree: (tree.summary.is_ended(today), -tree.summary.issued_on.toordinal(),
                                           -tree.summary.id))
