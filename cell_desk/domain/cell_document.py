"""A document the cell writes, as Tổng quan needs it at the first paint: its kind, status, period,
and which monthly report is due. Kept apart from report.py (the drafting), which start-up does not load."""
from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass, field
from typing import Callable

from .dates import add_months, format_ui_date, next_report_deadline, report_deadline


class DocumentStatus(str, enum.Enum):
    DRAFT = "draft"
    FINAL = "final"
    SENT = "sent"

    @property
    def label(self) -> str:
        return {"draft": "Nháp", "final": "Đã chốt", "sent": "Đã gửi"}[self.value]


REPORT = "BC"
CELL_PLAN = "KH"

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


def due_report(today: dt.date, report_day: int, plan_start: dt.date, first_use: Callable[[], dt.date],
               report_for: Callable[[int, int], CellDocument | None]) -> DueReport:
    """The month just passed while its report is late (due after the documents in force began and
    after Cell Desk was first used, or written here and unsent), else the month now running."""
    running = next_report_deadline(today, report_day)
    previous = add_months(dt.date(running.year, running.month, 1), -1)
    past = DueReport(previous.year, previous.month, report_deadline(previous.year, previous.month, report_day),
                     report_for(previous.year, previous.month))
    if past.deadline >= plan_start and not past.is_sent and (past.report or past.deadline >= first_use()):
        return past
    return DueReport(running.year, running.month, report_deadline(running.year, running.month, report_day),
                     report_for(running.year, running.month))
