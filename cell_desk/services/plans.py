"""Plans: the bundled ones on first run, which plan is active, and a plan's checklist tree."""
from __future__ import annotations

import json

from sqlalchemy import func, select, update

from ..bundled import bundled_plan_files
from ..domain.plan import ChecklistItem, ItemStatus, Phase, PlanSummary, PlanTree, Stage, StageKind
from ..storage.database import Database
from ..storage.models import ChecklistItemRow, PhaseRow, PlanRow, StageRow
from ..storage.plan_records import insert_plan


class PlanNotFound(LookupError):
    def __init__(self, plan_id: int | None):
        message = "Chưa có kế hoạch nào." if plan_id is None else f"Không có kế hoạch số {plan_id}."
        super().__init__(message)


class PlanService:
    def __init__(self, database: Database):
        self.database = database

    def ensure_bundled_plans(self) -> int:
        """Loads each bundled plan not yet in the store; the first becomes active. Returns how many."""
        added = 0
        with self.database.session() as session:
            known = set(session.scalars(select(PlanRow.key).where(PlanRow.key.is_not(None))))
            for path in bundled_plan_files():
                document = json.loads(path.read_text(encoding="utf-8"))
                if document["plan"].get("key") in known:
                    continue
                insert_plan(session, document)
                added += 1
            if added and session.scalar(select(func.count()).where(PlanRow.is_active)) == 0:
                first = session.scalar(select(PlanRow).order_by(PlanRow.id).limit(1))
                first.is_active = True
        return added

    def list_plans(self) -> list[PlanSummary]:
        with self.database.session() as session:
            counts = dict(
                session.execute(
                    select(PhaseRow.plan_id, func.count(ChecklistItemRow.id))
                    .join(ChecklistItemRow, ChecklistItemRow.phase_id == PhaseRow.id)
                    .group_by(PhaseRow.plan_id)
                ).all()
            )
            return [_summary(row, counts.get(row.id, 0)) for row in session.scalars(select(PlanRow).order_by(PlanRow.id))]

    def active_plan_id(self) -> int | None:
        with self.database.session() as session:
            return session.scalar(select(PlanRow.id).where(PlanRow.is_active))

    def set_active(self, plan_id: int) -> None:
        with self.database.session() as session:
            if session.get(PlanRow, plan_id) is None:
                raise PlanNotFound(plan_id)
            session.execute(update(PlanRow).where(PlanRow.is_active).values(is_active=False))
            session.flush()
            session.execute(update(PlanRow).where(PlanRow.id == plan_id).values(is_active=True))

    def plan_tree(self, plan_id: int | None = None) -> PlanTree:
        """The plan with every phase, stage, item and sub-item, read in four queries."""
        with self.database.session() as session:
            if plan_id is None:
                plan_id = session.scalar(select(PlanRow.id).where(PlanRow.is_active))
            plan = session.get(PlanRow, plan_id) if plan_id is not None else None
            if plan is None:
                raise PlanNotFound(plan_id)
            phase_rows = session.execute(
                select(PhaseRow.id, PhaseRow.code, PhaseRow.title, PhaseRow.window_text,
                       PhaseRow.starts_on, PhaseRow.ends_on, PhaseRow.is_standing)
                .where(PhaseRow.plan_id == plan_id)
                .order_by(PhaseRow.position)
            ).all()
            phase_ids = [row.id for row in phase_rows]
            stage_rows = session.execute(
                select(StageRow.id, StageRow.phase_id, StageRow.kind, StageRow.heading)
                .where(StageRow.phase_id.in_(phase_ids))
                .order_by(StageRow.phase_id, StageRow.position)
            ).all()
            item_rows = session.execute(
                select(ChecklistItemRow.id, ChecklistItemRow.phase_id, ChecklistItemRow.stage_id,
                       ChecklistItemRow.parent_id, ChecklistItemRow.position, ChecklistItemRow.text,
                       ChecklistItemRow.status, ChecklistItemRow.completed_on, ChecklistItemRow.assignee,
                       ChecklistItemRow.evidence)
                .where(ChecklistItemRow.phase_id.in_(phase_ids))
                .order_by(ChecklistItemRow.parent_id.is_not(None), ChecklistItemRow.position)
            ).all()
            summary = _summary(plan, len(item_rows))

        phases = {
            row.id: Phase(row.id, row.code, row.title, row.window_text, row.starts_on, row.ends_on, row.is_standing)
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
                due_on=phases[row.phase_id].ends_on,
            )
            items[row.id] = item
            if row.parent_id is not None:
                items[row.parent_id].sub_items.append(item)
            elif row.stage_id is not None:
                stages[row.stage_id].items.append(item)
            else:
                phases[row.phase_id].items.append(item)
        return PlanTree(summary, [phases[phase_id] for phase_id in phase_ids])


def _summary(row: PlanRow, item_count: int) -> PlanSummary:
    return PlanSummary(
        id=row.id, number=row.number, kind=row.kind, title=row.title, issued_on=row.issued_on,
        place=row.place, is_active=row.is_active, item_count=item_count, report_day=row.report_day,
    )
