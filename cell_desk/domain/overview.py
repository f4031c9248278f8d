"""The figures of the Tổng quan page, computed from the documents in force and a date."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .dates import next_report_deadline
from .plan import ChecklistItem, Phase, PlanSummary, PlanTree, Progress


@dataclass(frozen=True)
class PhaseFigures:
    phase: Phase
    progress: Progress
    overdue: int  # late items, counted even once the document has ended (its history)
    running: bool
    document: PlanSummary | None = None


@dataclass(frozen=True)
class DocumentFigures:
    summary: PlanSummary
    progress: Progress
    running: bool  # today falls within the document's window
    ended: bool  # every phase window has passed (the document stays in force until taken out)


@dataclass(frozen=True)
class Overview:
    today: dt.date
    trees: list[PlanTree]
    documents: list[DocumentFigures]
    phases: list[PhaseFigures]
    overall: Progress
    overdue_items: list[ChecklistItem]  # what to do now: late items of documents not yet ended
    report_deadline: dt.date

    @property
    def running_phases(self) -> list[Phase]:
        return [figures.phase for figures in self.phases if figures.running and not figures.phase.is_standing]

    @property
    def has_current(self) -> bool:
        """Some document in force runs today (otherwise the cell has nothing current loaded)."""
        return any(document.running for document in self.documents)

    @property
    def all_ended(self) -> bool:
        return bool(self.documents) and all(document.ended for document in self.documents)

    @property
    def last_end(self) -> dt.date | None:
        return max((d.summary.ends_on for d in self.documents if d.summary.ends_on), default=None)

    @property
    def days_to_report(self) -> int:
        return (self.report_deadline - self.today).days

    @classmethod
    def compute(cls, trees: list[PlanTree] | PlanTree, today: dt.date, report_day: int = 20) -> "Overview":
        trees = [trees] if isinstance(trees, PlanTree) else list(trees)
        documents, figures, overdue_items, everything = [], [], [], []
        for tree in trees:
            summary = tree.summary
            ended = summary.is_ended(today)
            items = tree.all_items()
            everything.extend(items)
            documents.append(DocumentFigures(summary, Progress.of(items), summary.is_running(today), ended))
            for phase in tree.phases:
                phase_items = phase.all_items()
                late = [item for item in phase_items if item.is_overdue(today)]
                if not ended:
                    overdue_items.extend(late)
                figures.append(PhaseFigures(phase, Progress.of(phase_items), len(late), phase.is_running(today),
                                            summary))
        return cls(
            today=today,
            trees=trees,
            documents=documents,
            phases=figures,
            overall=Progress.of(everything),
            overdue_items=overdue_items,
            report_deadline=next_report_deadline(today, report_day),
        )
