"""The figures of the Tổng quan page, computed from a plan tree and a date."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .dates import next_report_deadline
from .plan import ChecklistItem, Phase, PlanTree, Progress


@dataclass(frozen=True)
class PhaseFigures:
    phase: Phase
    progress: Progress
    overdue: int
    running: bool


@dataclass(frozen=True)
class Overview:
    today: dt.date
    tree: PlanTree
    phases: list[PhaseFigures]
    overall: Progress
    overdue_items: list[ChecklistItem]
    report_deadline: dt.date

    @property
    def running_phases(self) -> list[Phase]:
        return [figures.phase for figures in self.phases if figures.running and not figures.phase.is_standing]

    @property
    def days_to_report(self) -> int:
        return (self.report_deadline - self.today).days

    @classmethod
    def compute(cls, tree: PlanTree, today: dt.date, report_day: int = 20) -> "Overview":
        figures = []
        overdue_items = []
        for phase in tree.phases:
            items = phase.all_items()
            late = [item for item in items if item.is_overdue(today)]
            overdue_items.extend(late)
            figures.append(PhaseFigures(phase, Progress.of(items), len(late), phase.is_running(today)))
        return cls(
            today=today,
            tree=tree,
            phases=figures,
            overall=tree.progress(),
            overdue_items=overdue_items,
            report_deadline=next_report_deadline(today, report_day),
        )
