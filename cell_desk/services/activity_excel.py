"""The activity log to and from Excel: gathers what the workbook shows from the database, and
turns a read sheet into a preview that is written, whole, only when the user confirms."""
from __future__ import annotations

import json
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Iterator

from sqlalchemy import select

from ..domain.activity import ActivityDraft, ActivityFilter
from ..domain.plan import ItemStatus, Progress, phase_label
from ..domain.text import search_key
from ..storage.database import Database
from ..storage.models import ActivityItemRow, ActivityRow as ActivityRecord, AttachmentRow, ChecklistItemRow
from .activities import ActivityService, filter_conditions
from .clock import Clock, system_clock
from .plans import PlanService
from .settings import SettingsService

@dataclass
class ImportPreview:
    file_name: str
    sheet_name: str
    drafts: list[tuple[int, ActivityDraft]] = field(default_factory=list)  # (row number, activity)
    errors: list[tuple[int, str]] = field(default_factory=list)
    already_logged: list[int] = field(default_factory=list)  # row numbers of activities already stored
    notes: list[tuple[int, str]] = field(default_factory=list)  # rows that come in with something left out

    @property
    def ready(self) -> int:
        return len(self.drafts)


class ActivityExcel:
    def __init__(self, database: Database, activities: ActivityService, plans: PlanService,
                 settings: SettingsService, clock: Clock = system_clock):
        self.database = database
        self.activities = activities
        self.plans = plans
        self.settings = settings
        self.clock = clock

    def export(self, target: Path, activity_filter: ActivityFilter = ActivityFilter()) -> int:
        """Writes the activities the filter takes (oldest first) with the summary and the
        progress sheets. Returns how many activities went in."""
        from ..exports.activities_xlsx import ActivityWorkbook, write_activity_workbook

        profile = self.settings.profile()
        trees = self.plans.trees_in_force()
        reference = ", ".join(tree.summary.reference for tree in trees)
        progress = [_document_progress(tree, self.clock()) for tree in trees]
        book = ActivityWorkbook(
            cell_name=profile.cell_name, upper_body=profile.upper_body,
            period=activity_filter.describe_period(), plan_reference=reference, made_on=self.clock(),
            activities=self._exported(activity_filter), progress=progress,
        )
        return write_activity_workbook(Path(target), book)

    def _exported(self, activity_filter: ActivityFilter) -> Iterator:
        """The activities oldest first, streamed from one query: 100,000 of them are never all
        in memory at once, and each row is read once. The rows come straight from the SQLite
        driver as plain tuples, dates as their ISO text, each day parsed once: SQLAlchemy's result
        objects and type conversion took a third of the read (benchmarks/activity_log.py)."""
        import datetime as dt

        from ..exports.activities_xlsx import ExportedActivity

        conditions = filter_conditions(activity_filter)
        with self.database.session() as session:
            connection = session.connection()
            dialect, driver = connection.dialect, connection.connection.driver_connection

            def rows(statement):
                # the filter's values are written into the SQL by SQLAlchemy's own quoting
                return driver.execute(str(statement.compile(dialect=dialect, compile_kwargs={"literal_binds": True})))

            item_texts = dict(rows(select(ChecklistItemRow.id, ChecklistItemRow.text)
                                   .order_by(ChecklistItemRow.phase_id, ChecklistItemRow.position)))  # plan order
            item_rank = {item_id: rank for rank, item_id in enumerate(item_texts)}
            links = select(ActivityItemRow.activity_id, ActivityItemRow.item_id)
            attachments = (select(AttachmentRow.activity_id, AttachmentRow.original_name)
                           .order_by(AttachmentRow.activity_id, AttachmentRow.position))
            if conditions:
                links = links.join(ActivityRecord, ActivityRecord.id == ActivityItemRow.activity_id).where(*conditions)
                attachments = (attachments.join(ActivityRecord, ActivityRecord.id == AttachmentRow.activity_id)
                               .where(*conditions))
            items: dict[int, list[int]] = {}
            for activity_id, item_id in rows(links):
                items.setdefault(activity_id, []).append(item_id)
            files: dict[int, list[str]] = {}
            for activity_id, name in rows(attachments):
                files.setdefault(activity_id, []).append(name)
            days: dict[str | None, dt.date | None] = {None: None}  # each day parsed once
            cursor = rows(
                select(ActivityRecord.id, ActivityRecord.occurred_on, ActivityRecord.ends_on, ActivityRecord.form,
                       ActivityRecord.title, ActivityRecord.content, ActivityRecord.place, ActivityRecord.organiser,
                       ActivityRecord.party_members, ActivityRecord.others, ActivityRecord.tags)
                .where(*conditions).order_by(ActivityRecord.occurred_on, ActivityRecord.id))
            no_items = ()
            for activity_id, occurred_on, ends_on, form, title, content, place, organiser, members, others, tags \
                    in cursor:
                try:
                    occurred_on, ends_on = days[occurred_on], days[ends_on]
                except KeyError:  # a day not seen yet: SQLite gives its text, PostgreSQL's driver a date
                    for value in (occurred_on, ends_on):
                        days.setdefault(value, value if isinstance(value, dt.date) or not value
                                        else dt.date.fromisoformat(value[:10]))
                    occurred_on, ends_on = days[occurred_on], days[ends_on]
                linked = items.get(activity_id, no_items)
                if len(linked) > 1:
                    linked = sorted(linked, key=item_rank.__getitem__)
                yield ExportedActivity(occurred_on, ends_on, form, title, content or "", place or "", organiser or "",
                                       members or 0, others or 0, [item_texts[i] for i in linked],
                                       files.get(activity_id, []) if files else [],
                                       _tags(tags))

    def preview(self, path: Path) -> ImportPreview:
        """Reads a workbook and says what would come in; writes nothing."""
        from ..imports.activities_xlsx import read_activity_sheet

        sheet = read_activity_sheet(Path(path), self.clock())
        preview = ImportPreview(Path(path).name, sheet.sheet_name, errors=list(sheet.errors))
        items = self._active_items()
        with self.database.session() as session:
            stored = {(day, search_key(form), search_key(title)) for day, form, title in session.execute(
                select(ActivityRecord.occurred_on, ActivityRecord.form, ActivityRecord.title))}
        seen = set()
        for row in sheet.rows:
            identity = (row.draft.occurred_on, search_key(row.draft.form), search_key(row.draft.title))
            if identity in stored:
                preview.already_logged.append(row.row_number)
                continue
            if identity in seen:
                preview.errors.append((row.row_number, "trùng với một dòng phía trên (cùng ngày, hình thức, tên)"))
                continue
            seen.add(identity)
            item_ids, missing = [], []
            for text in row.item_texts:
                item_id = items.get(search_key(text))
                (item_ids.append(item_id) if item_id else missing.append(text))
            for text in missing:
                preview.notes.append((row.row_number, f"không thấy nhiệm vụ “{text[:80]}” trong các văn bản đang áp dụng; "
                                                      "hoạt động vẫn được nhập, không gắn nhiệm vụ này"))
            preview.drafts.append((row.row_number, replace(row.draft, item_ids=tuple(dict.fromkeys(item_ids)))))
        return preview

    def commit(self, preview: ImportPreview) -> int:
        """Stores every activity of the preview in one transaction."""
        return self.activities.add_many([draft for _row, draft in preview.drafts])

    def _active_items(self) -> dict[str, int]:
        """Tasks of the documents in force by their search key (the first of equal texts wins)."""
        items = [item for tree in self.plans.trees_in_force() for item in tree.all_items()]
        return {search_key(item.text): item.id for item in reversed(items)}


def _document_progress(tree, today):
    from ..exports.activities_xlsx import DocumentProgress, PhaseProgress

    lines = []
    for phase in tree.phases:
        items = phase.all_items()
        if not items:
            continue
        count = {status: sum(item.status is status for item in items) for status in ItemStatus}
        lines.append(PhaseProgress(
            label=phase_label(phase.code, phase.title, "") if phase.title else phase.display_title,
            window=phase.window_text or f"{phase.starts_on:%d/%m/%Y} – {phase.ends_on:%d/%m/%Y}",
            total=len(items), done=count[ItemStatus.DONE], in_progress=count[ItemStatus.IN_PROGRESS],
            not_applicable=count[ItemStatus.NOT_APPLICABLE], fraction=Progress.of(items).fraction))
    summary = tree.summary
    heading = (f"{summary.kind_label} {summary.number} ngày {summary.issued_on:%d/%m/%Y}: {summary.title}"
               + (" – đã kết thúc" if summary.is_ended(today) else ""))
    return DocumentProgress(heading, lines)


def _tags(stored) -> list:
    """A row's tags as the driver gives them: JSON text from SQLite, a list already from PostgreSQL."""
    if isinstance(stored, list):
        return stored
    return json.loads(stored) if stored and stored != "[]" else []
