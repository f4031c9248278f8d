"""The calendar of anniversaries: the bundled days (resources/calendar), or a clerk's corrected
copy in the data folder; the next ones, those of a period, the imported guide of one, and an
anniversary turned into checklist tasks."""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from sqlalchemy import select

from ..domain.anniversaries import Anniversary, CalendarError, NationalDay, anniversaries_between, read_calendar
from ..domain.dates import format_ui_date
from ..domain.document_kinds import EVENT_GUIDE, PLAIN_LIST
from ..domain.plan import PlanSummary
from ..domain.text import search_key
from ..storage.database import Database
from ..storage.models import PlanRow
from ..storage.plan_records import insert_plan
from .clock import Clock, system_clock
from .plans import PlanService

CALENDAR_FILE = "ngay-ky-niem.json"
LEAD_DAYS = 30  # the tasks of an anniversary start a month before it
KEY_PREFIX = "cell-desk-anniversary-"


class AnniversaryService:
    def __init__(self, database: Database, plans: PlanService, clock: Clock = system_clock):
        self.database, self.plans, self.clock = database, plans, clock
        self._days: list[NationalDay] | None = None

    def calendar_file(self) -> Path:
        own = self.database.folder / "calendar" / CALENDAR_FILE
        if own.is_file():
            return own
        from ..bundled import resource_path

        return resource_path("calendar", CALENDAR_FILE)

    def days(self) -> list[NationalDay]:
        if self._days is None:
            path = self.calendar_file()
            try:
                data = json.loads(path.read_text(encoding="utf-8"))
            except (OSError, ValueError) as exc:
                raise CalendarError(f"Không đọc được lịch ngày kỷ niệm {path.name}: {exc}") from exc
            self._days = read_calendar(data, path.name)
        return self._days

    def between(self, first: dt.date, last: dt.date) -> list[Anniversary]:
        return anniversaries_between(self.days(), first, last)

    def upcoming(self, count: int = 5, today: dt.date | None = None) -> list[Anniversary]:
        today = today or self.clock()
        return self.between(today, today + dt.timedelta(days=400))[:count]

    def guide_for(self, anniversary: Anniversary) -> PlanSummary | None:
        """An imported guide (hướng dẫn tuyên truyền kỷ niệm) about this anniversary, if any: a
        document of the kind 'event guide' whose title names the day or the event, issued within
        the year before it."""
        day_words = (f"{anniversary.on.day}/{anniversary.on.month}", f"{anniversary.on.day}-{anniversary.on.month}")
        name = search_key(anniversary.name)
        for plan in reversed(self.plans.list_plans()):
            if plan.doc_kind != EVENT_GUIDE:
                continue
            if not anniversary.on - dt.timedelta(days=366) <= plan.issued_on <= anniversary.on:
                continue
            title = search_key(plan.title)
            if any(words in plan.title for words in day_words) or name in title:
                return plan
        return None

    def make_tasks(self, anniversary: Anniversary) -> int:
        """Puts in force a short list of tasks for the anniversary (from a month before to the day);
        made once: asking again returns the same document."""
        key = f"{KEY_PREFIX}{anniversary.on.isoformat()}-{search_key(anniversary.name).replace(' ', '-')}"[:200]
        with self.database.session() as session:
            existing = session.scalar(select(PlanRow).where(PlanRow.key == key))
            if existing is not None:
                existing.is_active = True
                return existing.id
            starts = max(self.clock(), anniversary.on - dt.timedelta(days=LEAD_DAYS))
            title = anniversary.title
            document = {"plan": {
                "key": key, "number": f"Kỷ niệm {format_ui_date(anniversary.on)}", "kind": "DANH SÁCH VIỆC",
                "title": f"Tuyên truyền kỷ niệm {title}", "issuer": "Chi bộ", "issued_on": self.clock().isoformat(),
                "doc_kind": PLAIN_LIST,
                "phases": [{"code": "", "title": f"Kỷ niệm {title}",
                            "window_text": f"đến ngày {format_ui_date(anniversary.on)}",
                            "starts_on": min(starts, anniversary.on).isoformat(),
                            "ends_on": anniversary.on.isoformat(),
                            "items": [
                                {"text": f"Quán triệt hướng dẫn tuyên truyền kỷ niệm {title} trong sinh hoạt chi bộ"},
                                {"text": "Treo băng rôn, khẩu hiệu, cờ Đảng, cờ Tổ quốc tại trụ sở"},
                                {"text": f"Đăng tin, bài tuyên truyền kỷ niệm {anniversary.years} năm {anniversary.name}"},
                            ]}],
            }}
            plan = insert_plan(session, document)
            plan.is_active = True
            return plan.id
