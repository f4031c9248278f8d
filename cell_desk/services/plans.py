"""Plans: the bundled ones on first run, which documents are in force, and their checklist trees."""
from __future__ import annotations

import json

from sqlalchemy import func, select

from ..bundled import bundled_plan_files
from ..domain.plan import PlanSummary, PlanTree, newest
from ..storage.database import Database
from ..storage.models import ChecklistItemRow, PhaseRow, PlanRow, StageRow
from ..storage.plan_records import insert_plan
from ..storage.domain_rows import ITEM_COLUMNS, PHASE_COLUMNS, PLAN_COLUMNS, STAGE_COLUMNS, build_trees, plan_summary


class PlanNotFound(LookupError):
    def __init__(self, plan_id: int | None):
        message = "Chưa có văn bản nào đang áp dụng." if plan_id is None else f"Không có kế hoạch số {plan_id}."
        super().__init__(message)


class PlanService:
    def __init__(self, database: Database):
        self.database = database

    def ensure_bundled_plans(self) -> int:
        """Loads each bundled plan not yet in the store; the first is put in force when none is. Returns how many."""
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
        """Every stored plan, oldest first."""
        with self.database.session() as session:
            return self._summaries(session, select(PlanRow).order_by(PlanRow.id))

    def plans_in_force(self) -> list[PlanSummary]:
        """The documents in force (đang áp dụng), in the order they were issued."""
        with self.database.session() as session:
            return self._summaries(session, select(PlanRow).where(PlanRow.is_active)
                                   .order_by(PlanRow.issued_on, PlanRow.id))

    @staticmethod
    def _summaries(session, query) -> list[PlanSummary]:
        rows = list(session.scalars(query))
        ids = [row.id for row in rows]
        counts = dict(session.execute(
            select(PhaseRow.plan_id, func.count(ChecklistItemRow.id))
            .join(ChecklistItemRow, ChecklistItemRow.phase_id == PhaseRow.id)
            .where(PhaseRow.plan_id.in_(ids)).group_by(PhaseRow.plan_id)).all())
        windows = {plan_id: (first, last) for plan_id, first, last in session.execute(
            select(PhaseRow.plan_id, func.min(PhaseRow.starts_on), func.max(PhaseRow.ends_on))
            .where(PhaseRow.plan_id.in_(ids)).group_by(PhaseRow.plan_id))}
        return [plan_summary(row, counts.get(row.id, 0), *windows.get(row.id, (None, None))) for row in rows]

    def active_plan_id(self) -> int | None:
        """The newest document in force: the one a command about "the plan" means."""
        summary = newest(self.plans_in_force())
        return summary.id if summary else None

    def set_in_force(self, plan_id: int, in_force: bool) -> None:
        """Puts a document in force or takes it out; the others are left as they are (the last
        one may be taken out too)."""
        with self.database.session() as session:
            plan = session.get(PlanRow, plan_id)
            if plan is None:
                raise PlanNotFound(plan_id)
            plan.is_active = bool(in_force)

    def set_active(self, plan_id: int) -> None:
        """Puts a plan in force beside those already in force."""
        self.set_in_force(plan_id, True)

    @staticmethod
    def is_ended(summary: PlanSummary, today) -> bool:
        return summary.is_ended(today)

    def plan_tree(self, plan_id: int | None = None) -> PlanTree:
        """The plan (the newest in force by default) with every phase, stage, item and sub-item."""
        if plan_id is None:
            plan_id = self.active_plan_id()
            if plan_id is None:
                raise PlanNotFound(None)
        trees = self._trees([plan_id])
        if not trees:
            raise PlanNotFound(plan_id)
        return trees[0]

    def trees_in_force(self) -> list[PlanTree]:
        """Every document in force with its phases, in the order they were issued; four queries in all."""
        with self.database.session() as session:
            ids = list(session.scalars(select(PlanRow.id).where(PlanRow.is_active)
                                       .order_by(PlanRow.issued_on, PlanRow.id)))
        return self._trees(ids)


    def _trees(self, plan_ids: list[int]) -> list[PlanTree]:
        def columns(table, names):
            return [getattr(table, name) for name in names]

        with self.database.session() as session:
            plans = session.execute(select(*columns(PlanRow, PLAN_COLUMNS)).where(PlanRow.id.in_(plan_ids))).all()
            phase_rows = session.execute(
                select(*columns(PhaseRow, PHASE_COLUMNS))
                .where(PhaseRow.plan_id.in_(plan_ids))
                .order_by(PhaseRow.plan_id, PhaseRow.position)
            ).all()
            phase_ids = [row.id for row in phase_rows]
            stage_rows = session.execute(
                select(*columns(StageRow, STAGE_COLUMNS))
                .where(StageRow.phase_id.in_(phase_ids))
                .order_by(StageRow.phase_id, StageRow.position)
            ).all()
            item_rows = session.execute(
                select(*columns(ChecklistItemRow, ITEM_COLUMNS))
                .where(ChecklistItemRow.phase_id.in_(phase_ids))
                .order_by(ChecklistItemRow.parent_id.is_not(None), ChecklistItemRow.position)
            ).all()
        return build_trees(plan_ids, plans, phase_rows, stage_rows, item_rows)


