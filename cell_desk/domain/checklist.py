"""What an edit of a checklist item may change, and the rules it must keep."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from .plan import ItemStatus
from .text import normalize_text
from .validation import ValidationError

MAX_ASSIGNEE_LENGTH = 200
MAX_EVIDENCE_LENGTH = 20_000
EARLIEST_DATE = dt.date(2000, 1, 1)


@dataclass(frozen=True)
class ItemState:
    """The editable part of a checklist item; undo restores one of these."""

    status: ItemStatus
    completed_on: dt.date | None
    assignee: str
    evidence: str

    def with_changes(self, today: dt.date, **changes) -> "ItemState":
        """Applies a user's edit: marking done dates it today unless a date is given;
        leaving "done" clears the completion date."""
        if "status" in changes:
            changes["status"] = ItemStatus(changes["status"])
        new = replace(self, **changes)
        if "status" in changes and "completed_on" not in changes:
            if new.status is ItemStatus.DONE and new.completed_on is None:
                new = replace(new, completed_on=today)
            elif new.status is not ItemStatus.DONE:
                new = replace(new, completed_on=None)
        return new

    def validated(self, today: dt.date, earliest: dt.date = EARLIEST_DATE) -> "ItemState":
        assignee = " ".join(normalize_text(self.assignee).split())
        evidence = normalize_text(self.evidence).strip()
        if len(assignee) > MAX_ASSIGNEE_LENGTH:
            raise ValidationError(f"Người phụ trách dài quá {MAX_ASSIGNEE_LENGTH} ký tự.", "assignee")
        if len(evidence) > MAX_EVIDENCE_LENGTH:
            raise ValidationError(f"Minh chứng dài quá {MAX_EVIDENCE_LENGTH:,} ký tự.".replace(",", "."), "evidence")
        if self.completed_on is not None:
            if self.status is not ItemStatus.DONE:
                raise ValidationError("Chỉ ghi ngày hoàn thành cho nội dung đã hoàn thành.", "completed_on")
            if self.completed_on > today:
                raise ValidationError(
                    f"Ngày hoàn thành {self.completed_on:%d/%m/%Y} chưa tới (hôm nay là {today:%d/%m/%Y}).",
                    "completed_on",
                )
            if self.completed_on < earliest:
                raise ValidationError(
                    f"Ngày hoàn thành {self.completed_on:%d/%m/%Y} sớm hơn ngày ban hành kế hoạch "
                    f"({earliest:%d/%m/%Y}).", "completed_on")
        return replace(self, assignee=assignee, evidence=evidence)
