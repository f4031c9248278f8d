"""Rows of the plan tables made into the domain's plan trees: one routine for the service (rows
from SQLAlchemy) and for the first look at start-up (rows from a plain sqlite3 query), so both
draw the same figures. No SQLAlchemy here: the first look must not load it."""
from __future__ import annotations

from typing import Any, Iterable

from ..domain.plan import ChecklistItem, ItemStatus, Phase, PlanSummary, PlanTree, Stage, StageKind
from ..domain.plan_document import states_reporting_rule
from ..domain.cell_document import CellDocument, DocumentStatus

# The columns each tree query reads, in this order (attribute names of the rows passed in).
PLAN_COLUMNS = ("id", "number", "kind", "title", "issued_on", "place", "is_active", "report_day", "doc_kind",
                "report_recipient", "report_via", "report_text")
PHASE_COLUMNS = ("id", "plan_id", "code", "title", "window_text", "starts_on", "ends_on", "is_standing")
STAGE_COLUMNS = ("id", "phase_id", "kind", "heading")
ITEM_COLUMNS = ("id", "phase_id", "stage_id", "parent_id", "position", "text", "status", "completed_on",
                "assignee", "evidence", "detail")


def plan_summary(row: Any, item_count: int, starts_on=None, ends_on=None) -> PlanSummary:
    return PlanSummary(
        id=row.id, number=row.number, kind=row.kind, title=row.title, issued_on=row.issued_on,
        place=row.place, is_active=bool(row.is_active), item_count=item_count, report_day=row.report_day,
        doc_kind=row.doc_kind, starts_on=starts_on, ends_on=ends_on,
        states_reporting_rule=states_reporting_rule({"day_of_month": row.report_day, "recipient": row.report_recipient,
                                                     "via": row.report_via, "text": row.report_text}),
    )


def build_trees(plan_ids: list[int], plans: Iterable[Any], phase_rows: list[Any], stage_rows: list[Any],
                item_rows: list[Any]) -> list[PlanTree]:
    """Trees in the order of plan_ids. Phases and stages come ordered by position; items with
    top-level ones first, each group by position, so a sub-item always finds its parent."""
    plans = {row.id: row for row in plans}
    phase_plan = {row.id: row.plan_id for row in phase_rows}
    counts: dict[int, int] = {}
    for row in item_rows:
        counts[phase_plan[row.phase_id]] = counts.get(phase_plan[row.phase_id], 0) + 1
    summaries = {}
    for plan_id, plan in plans.items():
        windows = [(row.starts_on, row.ends_on) for row in phase_rows if row.plan_id == plan_id]
        summaries[plan_id] = plan_summary(plan, counts.get(plan_id, 0),
                                          min((w[0] for w in windows), default=None),
                                          max((w[1] for w in windows), default=None))
    phases = {
        row.id: Phase(row.id, row.code, row.title, row.window_text, row.starts_on, row.ends_on, bool(row.is_standing))
        for row in phase_rows
    }
    stages: dict[int, Stage] = {}
    for row in stage_rows:
        stage = Stage(row.id, StageKind(row.kind), row.heading)
        stages[row.id] = stage
        phases[row.phase_id].stages.append(stage)
    items: dict[int, ChecklistItem] = {}
    for row in item_rows:
        item = ChecklistItem(
            id=row.id, phase_id=row.phase_id, stage_id=row.stage_id, parent_id=row.parent_id,
            position=row.position, text=row.text, status=ItemStatus(row.status),
            completed_on=row.completed_on, assignee=row.assignee, evidence=row.evidence,
            due_on=phases[row.phase_id].ends_on, detail=row.detail or "",
        )
        items[row.id] = item
        if row.parent_id is not None:
            items[row.parent_id].sub_items.append(item)
        elif row.stage_id is not None:
            stages[row.stage_id].items.append(item)
        else:
            phases[row.phase_id].items.append(item)
    return [PlanTree(summaries[plan_id], [phases[row.id] for row in phase_rows if row.plan_id == plan_id])
            for plan_id in plan_ids if plan_id in plans]


def cell_document(row: Any, sections: dict) -> CellDocument:
    """A row of the documents table (sections already read from their JSON)."""
    return CellDocument(row.id, row.kind, row.period, row.number, row.issued_on, row.subtitle,
                        sections, DocumentStatus(row.status), row.sent_on)
