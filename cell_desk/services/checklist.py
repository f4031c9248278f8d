"""Editing checklist items: every change validated, saved in its own transaction, undoable."""
from __future__ import annotations

import datetime as dt

from ..domain.checklist import ItemState
from ..domain.plan import ItemStatus
from ..domain.validation import ValidationError
from ..storage.database import Database
from sqlalchemy import select

from ..storage.models import ChecklistItemRow, PhaseRow, PlanRow
from .clock import Clock, system_clock


class ChecklistService:
    def __init__(self, database: Database, clock: Clock = system_clock):
        self.database = database
        self.clock = clock

    def state(self, item_id: int) -> ItemState:
        with self.database.session() as session:
            return _state_of(self._row(session, item_id))

    def update_item(self, item_id: int, **changes) -> tuple[ItemState, ItemState]:
        """Applies a user's edit with the checklist rules. Returns (before, after)."""
        with self.database.session() as session:
            row = self._row(session, item_id)
            before = _state_of(row)
            after = before.with_changes(self.clock(), **changes).validated(self.clock(), _issued_on(session, row))
            _write(row, after)
        return before, after

    def restore_state(self, item_id: int, state: ItemState) -> None:
        """Puts an item back exactly as it was (undo and redo)."""
        with self.database.session() as session:
            _write(self._row(session, item_id), state)

    def complete_items(self, item_ids: list[int], completed_on: dt.date, evidence_line: str
                       ) -> list[tuple[int, ItemState, ItemState]]:
        """Marks items done on a day, adding a line of evidence, in one transaction; items already
        done are left as they are. Returns (id, before, after) of each changed item, for undo."""
        changed = []
        with self.database.session() as session:
            for item_id in item_ids:
                row = self._row(session, item_id)
                before = _state_of(row)
                if before.status is ItemStatus.DONE:
                    continue
                evidence = before.evidence if evidence_line in before.evidence else \
                    "\n".join(filter(None, (before.evidence, evidence_line)))
                after = before.with_changes(self.clock(), status=ItemStatus.DONE, completed_on=completed_on,
                                            evidence=evidence).validated(self.clock(), _issued_on(session, row))
                _write(row, after)
                changed.append((item_id, before, after))
        return changed

    @staticmethod
    def _row(session, item_id: int) -> ChecklistItemRow:
        row = session.get(ChecklistItemRow, item_id)
        if row is None:
            raise ValidationError(f"Không tìm thấy nội dung số {item_id} (có thể đã bị xóa).")
        return row


def _issued_on(session, row: ChecklistItemRow) -> dt.date:
    """Items cannot be done before their plan was issued."""
    return session.scalar(
        select(PlanRow.issued_on).join(PhaseRow, PhaseRow.plan_id == PlanRow.id).where(PhaseRow.id == row.phase_id))


def _state_of(row: ChecklistItemRow) -> ItemState:
    return ItemState(ItemStatus(row.status), row.completed_on, row.assignee, row.evidence)


def _write(row: ChecklistItemRow, state: ItemState) -> None:
    row.status = state.status.value
    row.completed_on = state.completed_on
    row.assignee = state.assignee
    row.evidence = state.evidence
    row.updated_at = dt.datetime.now()
