"""Believable sample data, for trying the program and for benchmarks."""
from __future__ import annotations

import datetime as dt
import random

from sqlalchemy import select

from ..domain.plan import ItemStatus
from ..storage.database import Database
from ..storage.models import ChecklistItemRow, PhaseRow, PlanRow
from .clock import Clock, system_clock

PEOPLE = (
    "Đ/c Nguyễn Văn Hùng", "Đ/c Trần Thị Lan", "Đ/c Lê Minh Tuấn", "Đ/c Phạm Thu Hà",
    "Đ/c Hoàng Đức Anh", "Đ/c Vũ Thị Hồng", "Đoàn Thanh niên", "Công đoàn cơ sở",
)
EVIDENCE = (
    "Biên bản sinh hoạt chi bộ",
    "Ảnh chụp pa-nô tại cổng cơ quan",
    "Bài đăng trên trang thông tin điện tử của cơ quan",
    "Danh sách đảng viên dự hội nghị",
    "Thông báo trên hệ thống truyền thanh nội bộ",
    "Báo cáo kết quả gửi Ban Tuyên giáo",
)


def fill_checklist(database: Database, clock: Clock = system_clock, seed: int = 2020) -> int:
    """Gives the active plan's items statuses that fit today's date. Returns how many changed."""
    today = clock()
    rng = random.Random(seed)
    changed = 0
    with database.session() as session:
        plan_id = session.scalar(select(PlanRow.id).where(PlanRow.is_active))
        rows = session.execute(
            select(ChecklistItemRow, PhaseRow.starts_on, PhaseRow.ends_on)
            .join(PhaseRow, PhaseRow.id == ChecklistItemRow.phase_id)
            .where(PhaseRow.plan_id == plan_id)
        ).all()
        for item, starts_on, ends_on in rows:
            status, completed_on = _believable_status(rng, today, starts_on, ends_on)
            item.status = status.value
            item.completed_on = completed_on
            if status is not ItemStatus.NOT_STARTED:
                item.assignee = rng.choice(PEOPLE)
            if status is ItemStatus.DONE:
                item.evidence = rng.choice(EVIDENCE)
            item.updated_at = dt.datetime.now()
            changed += 1
    return changed


def _believable_status(rng: random.Random, today: dt.date, starts_on: dt.date, ends_on: dt.date):
    if today < starts_on:
        return ItemStatus.NOT_STARTED, None
    elapsed = min(1.0, (today - starts_on).days / max(1, (ends_on - starts_on).days))
    roll = rng.random()
    if roll < 0.05:
        return ItemStatus.NOT_APPLICABLE, None
    if roll < 0.05 + 0.85 * elapsed:
        last = min(today, ends_on)
        span = max(0, (last - starts_on).days)
        return ItemStatus.DONE, starts_on + dt.timedelta(days=rng.randint(0, span))
    if roll < 0.95:
        return ItemStatus.IN_PROGRESS, None
    return ItemStatus.NOT_STARTED, None
