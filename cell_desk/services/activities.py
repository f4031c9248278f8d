"""The activity log: activities with their checklist items and attachments, each write one
transaction. Attached files are copied into the data folder and never deleted by an edit, so
undo and older backups still find them."""
from __future__ import annotations

import datetime as dt
import os
import shutil
from dataclasses import replace
from pathlib import Path

from sqlalchemy import delete, func, insert, select

from ..domain.activity import (
    Activity, ActivityDraft, ActivityFilter, ActivityRow, Attachment,
)
from ..domain.text import normalize_text, search_key
from ..domain.validation import ValidationError
from ..storage.database import Database
from ..storage.portable_sql import text_position, without_index
from ..storage.shared_files import SharedFiles
from ..storage.models import (
    ActivityFormRow, ActivityItemRow, ActivityRow as ActivityRecord, AttachmentRow, ChecklistItemRow, PhaseRow,
    PlanRow,
)
from .clock import Clock, system_clock
from .library import ImageCodec

ATTACHMENT_FOLDER = "attachments"
THUMB_FOLDER = "thumbs"
THUMB_SIDE = 160
IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg"}  # what the image codec reads; others are kept as files
MAX_ATTACHMENT_BYTES = 200 * 1024 * 1024
MAX_ATTACHMENTS = 50
# SQLite accepts at most 32,766 parameters in a statement
ID_CHUNK = 5_000
ITEM_COUNT = (select(func.count()).where(ActivityItemRow.activity_id == ActivityRecord.id)
              .correlate(ActivityRecord).scalar_subquery())
ATTACHMENT_COUNT = (select(func.count()).where(AttachmentRow.activity_id == ActivityRecord.id)
                    .correlate(ActivityRecord).scalar_subquery())
SORT_COLUMNS = {
    "date": (ActivityRecord.occurred_on,),
    "form": (ActivityRecord.form,),
    "title": (ActivityRecord.search_key,),  # the key starts with the title, without diacritics
    "place": (ActivityRecord.place,),
    "organiser": (ActivityRecord.organiser,),
    "participants": (ActivityRecord.party_members + ActivityRecord.others,),
    "items": (ITEM_COUNT,),
    "attachments": (ATTACHMENT_COUNT,),
}


class ActivityService:
    def __init__(self, database: Database, clock: Clock = system_clock, codec: ImageCodec | None = None):
        self.database = database
        self.clock = clock
        self.codec = codec
        self.folder = database.folder / ATTACHMENT_FOLDER
        self.shared = SharedFiles(database)

    # --- reading ------------------------------------------------------------
    def activity_ids(self, activity_filter: ActivityFilter = ActivityFilter(), sort: str = "date",
                     descending: bool = True) -> list[int]:
        """The ids of the activities the filter takes, in the order asked; the page shows 100,000
        activities by fetching only the rows in view (rows_for)."""
        columns = SORT_COLUMNS[sort]
        if activity_filter.query_words and sort == "date":
            # scanning the table and sorting what matched beats walking the date index here
            columns = (without_index(ActivityRecord.occurred_on), ActivityRecord.id)
        order = [column.desc() if descending else column.asc() for column in columns]
        query = select(ActivityRecord.id).where(*filter_conditions(activity_filter)).order_by(*order, ActivityRecord.id)
        with self.database.session() as session:
            return list(session.scalars(query))

    def rows_for(self, ids: list[int]) -> list[ActivityRow]:
        """Table lines of these activities, in the order given."""
        found: dict[int, ActivityRow] = {}
        with self.database.session() as session:
            for start in range(0, len(ids), ID_CHUNK):
                chunk = ids[start:start + ID_CHUNK]
                for values in session.execute(select(
                    ActivityRecord.id, ActivityRecord.occurred_on, ActivityRecord.ends_on, ActivityRecord.form,
                    ActivityRecord.title, ActivityRecord.place, ActivityRecord.organiser,
                    ActivityRecord.party_members, ActivityRecord.others, ATTACHMENT_COUNT, ITEM_COUNT,
                ).where(ActivityRecord.id.in_(chunk))):
                    found[values[0]] = ActivityRow(*values)
        return [found[i] for i in ids if i in found]

    def rows(self, activity_filter: ActivityFilter = ActivityFilter()) -> list[ActivityRow]:
        """Table lines of every activity the filter takes, newest first."""
        return self.rows_for(self.activity_ids(activity_filter))

    def get(self, activity_id: int) -> Activity:
        with self.database.session() as session:
            return _activity(session, _record(session, activity_id))

    def linked_items(self, activity_id: int) -> list[tuple[int, str]]:
        with self.database.session() as session:
            return [tuple(row) for row in session.execute(
                select(ChecklistItemRow.id, ChecklistItemRow.text)
                .join(ActivityItemRow, ActivityItemRow.item_id == ChecklistItemRow.id)
                .where(ActivityItemRow.activity_id == activity_id)
                .order_by(ChecklistItemRow.phase_id, ChecklistItemRow.position))]

    def forms(self) -> list[str]:
        """The forms of propaganda of the documents in force (the newest document's first), the
        user's own, then any other form already used."""
        with self.database.session() as session:
            titles = list(session.scalars(
                select(ActivityFormRow.title).join(PlanRow, PlanRow.id == ActivityFormRow.plan_id)
                .where(PlanRow.is_active)
                .order_by(ActivityFormRow.is_custom, PlanRow.issued_on.desc(), PlanRow.id.desc(),
                          ActivityFormRow.position)))
            used = session.scalars(select(ActivityRecord.form).distinct().order_by(ActivityRecord.form))
            return list(dict.fromkeys([*titles, *used]))

    def add_form(self, title: str) -> str:
        """Adds a form of the user's own to the active plan's list."""
        title = " ".join(normalize_text(title).split())
        if not title:
            raise ValidationError("Chưa nhập tên hình thức.", "form")
        if len(title) > 300:
            raise ValidationError("Tên hình thức dài quá 300 ký tự.", "form")
        with self.database.session() as session:
            plan_id = _plan_of(session, ())
            existing = {search_key(t) for t in session.scalars(
                select(ActivityFormRow.title).where(ActivityFormRow.plan_id == plan_id))}
            if plan_id is not None and search_key(title) not in existing:
                position = session.scalar(select(func.coalesce(func.max(ActivityFormRow.position), -1))
                                          .where(ActivityFormRow.plan_id == plan_id)) + 1
                session.add(ActivityFormRow(plan_id=plan_id, position=position, code="", title=title,
                                            group_title="", points=[], is_custom=True))
        return title

    def attachment_path(self, attachment: Attachment) -> Path:
        return self.shared.local(self.folder / attachment.file_name)

    def thumbnail_path(self, attachment: Attachment) -> Path | None:
        if not attachment.is_image:
            return None
        path = self.shared.local(self._thumbnail(attachment))
        return path if path.exists() else None

    def _thumbnail(self, attachment: Attachment) -> Path:
        return self.folder / THUMB_FOLDER / (Path(attachment.file_name).stem + ".jpg")

    def _keep_files(self, session, staged: list[Attachment]) -> None:
        for attachment in staged:
            self.shared.keep(session, self.folder / attachment.file_name, self._thumbnail(attachment))

    # --- writing ------------------------------------------------------------
    def add(self, draft: ActivityDraft, files: list[Path] = ()) -> Activity:
        draft = draft.cleaned(self.clock())
        staged = self.stage_files(files)
        try:
            with self.database.session() as session:
                self._check_items(session, draft.item_ids)
                record = ActivityRecord(plan_id=_plan_of(session, draft.item_ids))
                _fill(record, draft)
                session.add(record)
                session.flush()
                _write_links(session, record.id, draft.item_ids, staged)
                self._keep_files(session, staged)
                return _activity(session, record)
        except BaseException:
            self._discard(staged)
            raise

    def update(self, activity_id: int, draft: ActivityDraft, keep: list[Attachment] | None = None,
               files: list[Path] = ()) -> tuple[Activity, Activity]:
        """Saves an edit; `keep` lists the attachments still wanted (all when None), `files` adds new
        ones. Returns (before, after) for undo."""
        draft = draft.cleaned(self.clock())
        staged = self.stage_files(files)
        try:
            with self.database.session() as session:
                record = _record(session, activity_id)
                before = _activity(session, record)
                self._check_items(session, draft.item_ids)
                wanted = {a.id for a in (before.attachments if keep is None else keep)}
                # stored again under new ids: the old rows are still in this session
                kept = [replace(a, id=None) for a in before.attachments if a.id in wanted]
                _fill(record, draft)
                record.updated_at = dt.datetime.now()
                session.execute(delete(ActivityItemRow).where(ActivityItemRow.activity_id == activity_id))
                session.execute(delete(AttachmentRow).where(AttachmentRow.activity_id == activity_id))
                _write_links(session, activity_id, draft.item_ids, [*kept, *staged])
                self._keep_files(session, staged)
                session.flush()
                return before, _activity(session, record)
        except BaseException:
            self._discard(staged)
            raise

    def delete(self, activity_id: int) -> Activity:
        """Removes an activity; returns it whole so that undo can put it back."""
        with self.database.session() as session:
            record = _record(session, activity_id)
            removed = _activity(session, record)
            session.delete(record)
        return removed

    def restore(self, activity: Activity) -> None:
        """Puts an activity back exactly as it was, under its own id (undo and redo). Links to
        checklist items deleted since then are dropped."""
        with self.database.session() as session:
            record = session.get(ActivityRecord, activity.id)
            if record is None:
                record = ActivityRecord(id=activity.id)
                session.add(record)
            _fill(record, activity.draft)
            session.flush()
            session.execute(delete(ActivityItemRow).where(ActivityItemRow.activity_id == activity.id))
            session.execute(delete(AttachmentRow).where(AttachmentRow.activity_id == activity.id))
            existing = set(session.scalars(select(ChecklistItemRow.id).where(
                ChecklistItemRow.id.in_(activity.draft.item_ids))))
            _write_links(session, activity.id, [i for i in activity.draft.item_ids if i in existing],
                         activity.attachments)

    def add_many(self, drafts: list[ActivityDraft]) -> int:
        """Stores already cleaned drafts in one transaction: all of them or none."""
        if not drafts:
            return 0
        with self.database.session() as session:
            newest = _plan_of(session, ())
            firsts = {draft.item_ids[0] for draft in drafts if draft.item_ids}
            plan_of_item = dict(session.execute(
                select(ChecklistItemRow.id, PhaseRow.plan_id).join(PhaseRow, PhaseRow.id == ChecklistItemRow.phase_id)
                .where(ChecklistItemRow.id.in_(firsts))).all()) if firsts else {}
            ids = session.scalars(
                insert(ActivityRecord).returning(ActivityRecord.id, sort_by_parameter_order=True),
                [_values(draft) | {"plan_id": plan_of_item.get(draft.item_ids[0], newest) if draft.item_ids
                                   else newest} for draft in drafts]).all()
            links = [{"activity_id": activity_id, "item_id": item_id}
                     for activity_id, draft in zip(ids, drafts) for item_id in draft.item_ids]
            if links:
                session.execute(insert(ActivityItemRow), links)
        return len(drafts)

    def stage_files(self, files: list[Path]) -> list[Attachment]:
        """Copies files into the data folder (with a thumbnail for photos) before the database
        refers to them; a refused file leaves nothing behind."""
        files = [Path(f) for f in files]
        if len(files) > MAX_ATTACHMENTS:
            raise ValidationError(f"Mỗi lần đính kèm nhiều nhất {MAX_ATTACHMENTS} tệp.", "attachments")
        staged: list[Attachment] = []
        try:
            for source in files:
                staged.append(self._stage_one(source))
        except BaseException:
            self._discard(staged)
            raise
        return staged

    def _stage_one(self, source: Path) -> Attachment:
        if not source.is_file():
            raise ValidationError(f"Không thấy tệp “{source}”.", "attachments")
        size = source.stat().st_size
        if size > MAX_ATTACHMENT_BYTES:
            raise ValidationError(f"Tệp “{source.name}” lớn quá {MAX_ATTACHMENT_BYTES // 1024 // 1024} MB; "
                                  "hãy thu nhỏ hoặc nén lại rồi đính kèm.", "attachments")
        suffix = source.suffix.lower()[:12]
        stem = os.urandom(8).hex()
        stored = self.folder / f"{stem}{suffix}"
        thumb = self.folder / THUMB_FOLDER / f"{stem}.jpg"
        is_image = suffix in IMAGE_SUFFIXES
        (self.folder / THUMB_FOLDER).mkdir(parents=True, exist_ok=True)
        try:
            if is_image and self.codec is not None:
                self.codec.inspect(source)
                self.codec.write_thumbnail(source, thumb, THUMB_SIDE)  # a damaged photo is refused here
            partial = stored.with_name(stored.name + ".partial")
            shutil.copyfile(source, partial)
            os.replace(partial, stored)
        except BaseException:
            for leftover in (stored, thumb, stored.with_name(stored.name + ".partial")):
                leftover.unlink(missing_ok=True)
            raise
        return Attachment(None, stored.name, normalize_text(source.name)[:300], is_image, size)

    def _discard(self, staged: list[Attachment]) -> None:
        for attachment in staged:
            (self.folder / attachment.file_name).unlink(missing_ok=True)
            self._thumbnail(attachment).unlink(missing_ok=True)

    @staticmethod
    def _check_items(session, item_ids) -> None:
        if not item_ids:
            return
        found = set(session.scalars(select(ChecklistItemRow.id).where(ChecklistItemRow.id.in_(item_ids))))
        missing = [i for i in item_ids if i not in found]
        if missing:
            raise ValidationError("Một nhiệm vụ đã chọn không còn trong kế hoạch; hãy chọn lại.", "items")


def _record(session, activity_id: int) -> ActivityRecord:
    record = session.get(ActivityRecord, activity_id)
    if record is None:
        raise ValidationError("Hoạt động này không còn trong nhật ký (có thể đã bị xóa).")
    return record


def _values(draft: ActivityDraft) -> dict:
    return dict(occurred_on=draft.occurred_on, ends_on=draft.ends_on, form=draft.form, title=draft.title,
                content=draft.content, place=draft.place, organiser=draft.organiser,
                party_members=draft.party_members, others=draft.others, tags=list(draft.tags),
                search_key=draft.key)


def _fill(record: ActivityRecord, draft: ActivityDraft) -> None:
    for name, value in _values(draft).items():
        setattr(record, name, value)


def _write_links(session, activity_id: int, item_ids, attachments: list[Attachment]) -> None:
    if item_ids:
        session.execute(insert(ActivityItemRow), [{"activity_id": activity_id, "item_id": i} for i in item_ids])
    for position, attachment in enumerate(attachments):
        values = dict(activity_id=activity_id, position=position, file_name=attachment.file_name,
                      original_name=attachment.original_name, is_image=attachment.is_image,
                      byte_size=attachment.byte_size)
        if attachment.id is not None:
            values["id"] = attachment.id
        session.add(AttachmentRow(**values))


def _activity(session, record: ActivityRecord) -> Activity:
    item_ids = tuple(session.scalars(
        select(ActivityItemRow.item_id).join(ChecklistItemRow, ChecklistItemRow.id == ActivityItemRow.item_id)
        .where(ActivityItemRow.activity_id == record.id)
        .order_by(ChecklistItemRow.phase_id, ChecklistItemRow.position)))
    attachments = [
        Attachment(row.id, row.file_name, row.original_name, row.is_image, row.byte_size)
        for row in session.scalars(select(AttachmentRow).where(AttachmentRow.activity_id == record.id)
                                   .order_by(AttachmentRow.position))
    ]
    draft = ActivityDraft(
        occurred_on=record.occurred_on, ends_on=record.ends_on, form=record.form, title=record.title,
        content=record.content, place=record.place, organiser=record.organiser,
        party_members=record.party_members, others=record.others, tags=tuple(record.tags or ()),
        item_ids=item_ids,
    )
    return Activity(record.id, draft, attachments)


def _plan_of(session, item_ids) -> int | None:
    """The document an activity carries out: that of its first task, else the newest in force."""
    if item_ids:
        plan_id = session.scalar(select(PhaseRow.plan_id).join(ChecklistItemRow, ChecklistItemRow.phase_id == PhaseRow.id)
                                 .where(ChecklistItemRow.id == item_ids[0]))
        if plan_id is not None:
            return plan_id
    return session.scalar(select(PlanRow.id).where(PlanRow.is_active)
                          .order_by(PlanRow.issued_on.desc(), PlanRow.id.desc()).limit(1))


def filter_conditions(activity_filter: ActivityFilter) -> list:
    """The filter as SQL conditions on the activities table (the page and the exports share them)."""
    conditions = []
    if activity_filter.date_from:
        conditions.append(func.coalesce(ActivityRecord.ends_on, ActivityRecord.occurred_on) >= activity_filter.date_from)
    if activity_filter.date_to:
        conditions.append(ActivityRecord.occurred_on <= activity_filter.date_to)
    if activity_filter.form:
        conditions.append(ActivityRecord.form == activity_filter.form)
    conditions.extend(text_position(ActivityRecord.search_key, word) > 0 for word in activity_filter.query_words)
    return conditions
