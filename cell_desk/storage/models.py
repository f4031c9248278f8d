"""Tables, as SQLAlchemy 2 typed models. Migrations in migrations/ create them."""
from __future__ import annotations

import datetime as dt

from sqlalchemy import JSON, Boolean, Date, DateTime, ForeignKey, Index, Integer, LargeBinary, String, Text, func
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


class Base(DeclarativeBase):
    pass


class PlanRow(Base):
    __tablename__ = "plans"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str | None] = mapped_column(String(200), unique=True)
    number: Mapped[str] = mapped_column(String(60))
    kind: Mapped[str] = mapped_column(String(60))
    title: Mapped[str] = mapped_column(Text)
    upper_issuer: Mapped[str] = mapped_column(String(200), default="")
    issuer: Mapped[str] = mapped_column(String(200), default="")
    issuing_body: Mapped[str] = mapped_column(String(200), default="")
    place: Mapped[str] = mapped_column(String(100), default="")
    issued_on: Mapped[dt.date] = mapped_column(Date)
    signing_authority: Mapped[str] = mapped_column(String(60), default="")
    signer_position: Mapped[str] = mapped_column(String(60), default="")
    signer: Mapped[str] = mapped_column(String(100), default="")
    report_day: Mapped[int] = mapped_column(Integer, default=20)
    report_recipient: Mapped[str] = mapped_column(String(200), default="")
    report_via: Mapped[str] = mapped_column(String(200), default="")
    report_text: Mapped[str] = mapped_column(Text, default="")
    # Text the app shows and cites but never queries: bases, preamble, purposes, duties, recipients.
    details: Mapped[dict] = mapped_column(JSON, default=dict)
    # "in force" (đang áp dụng): any number of plans may be; the checklist shows them all
    is_active: Mapped[bool] = mapped_column(Boolean, default=False)
    # one of domain.document_kinds: phased plan, monthly orientation, event guide, …
    doc_kind: Mapped[str] = mapped_column(String(30), default="phased_plan", server_default="phased_plan")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, server_default=func.current_timestamp())
    # how many times the row was written: an update made from an older copy is refused, never
    # silently laid over someone else's (several users on one PostgreSQL database)
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    __mapper_args__ = {"version_id_col": version}

    phases: Mapped[list[PhaseRow]] = relationship(
        back_populates="plan", cascade="all, delete-orphan", order_by="PhaseRow.position"
    )


class PhaseRow(Base):
    __tablename__ = "phases"

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plans.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    code: Mapped[str] = mapped_column(String(20), default="")
    title: Mapped[str] = mapped_column(Text, default="")
    window_text: Mapped[str] = mapped_column(String(200), default="")
    starts_on: Mapped[dt.date] = mapped_column(Date)
    ends_on: Mapped[dt.date] = mapped_column(Date)
    is_standing: Mapped[bool] = mapped_column(Boolean, default=False)

    plan: Mapped[PlanRow] = relationship(back_populates="phases")


class StageRow(Base):
    __tablename__ = "stages"

    id: Mapped[int] = mapped_column(primary_key=True)
    phase_id: Mapped[int] = mapped_column(ForeignKey("phases.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(20))
    heading: Mapped[str] = mapped_column(Text, default="")


class ChecklistItemRow(Base):
    __tablename__ = "checklist_items"

    id: Mapped[int] = mapped_column(primary_key=True)
    phase_id: Mapped[int] = mapped_column(ForeignKey("phases.id", ondelete="CASCADE"), index=True)
    stage_id: Mapped[int | None] = mapped_column(ForeignKey("stages.id", ondelete="CASCADE"), index=True)
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("checklist_items.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(20), default="not_started")
    completed_on: Mapped[dt.date | None] = mapped_column(Date)
    assignee: Mapped[str] = mapped_column(String(200), default="")
    evidence: Mapped[str] = mapped_column(Text, default="")
    # the paragraphs under a numbered topic, "\n" between them: shown, never edited here
    detail: Mapped[str] = mapped_column(Text, default="", server_default="")
    updated_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    __mapper_args__ = {"version_id_col": version}


class ActivityFormRow(Base):
    __tablename__ = "activity_forms"

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plans.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    code: Mapped[str] = mapped_column(String(20), default="")
    title: Mapped[str] = mapped_column(Text)
    group_title: Mapped[str] = mapped_column(Text, default="")
    points: Mapped[list] = mapped_column(JSON, default=list)
    is_custom: Mapped[bool] = mapped_column(Boolean, default=False)


class SloganRow(Base):
    __tablename__ = "slogans"

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int | None] = mapped_column(ForeignKey("plans.id", ondelete="SET NULL"), index=True)
    number: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    tags: Mapped[list] = mapped_column(JSON, default=list)
    is_favourite: Mapped[bool] = mapped_column(Boolean, default=False)
    is_retired: Mapped[bool] = mapped_column(Boolean, default=False)


class PosterRow(Base):
    __tablename__ = "posters"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(300))
    occasion: Mapped[str] = mapped_column(String(200), default="")
    size_text: Mapped[str] = mapped_column(String(60), default="")
    source: Mapped[str] = mapped_column(String(300), default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    file_name: Mapped[str] = mapped_column(String(200))
    original_name: Mapped[str] = mapped_column(String(300), default="")
    pixel_width: Mapped[int] = mapped_column(Integer)
    pixel_height: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, server_default=func.current_timestamp())


class SettingRow(Base):
    __tablename__ = "settings"

    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    value: Mapped[dict | list | str | int | None] = mapped_column(JSON)


class ActivityRow(Base):
    __tablename__ = "activities"
    # ids are never reused, so undoing a delete can put the activity back under its own id
    __table_args__ = {"sqlite_autoincrement": True}

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int | None] = mapped_column(ForeignKey("plans.id", ondelete="SET NULL"), index=True)
    occurred_on: Mapped[dt.date] = mapped_column(Date, index=True)
    ends_on: Mapped[dt.date | None] = mapped_column(Date)
    form: Mapped[str] = mapped_column(String(300))
    title: Mapped[str] = mapped_column(String(500))
    content: Mapped[str] = mapped_column(Text, default="")
    place: Mapped[str] = mapped_column(String(300), default="")
    organiser: Mapped[str] = mapped_column(String(300), default="")
    party_members: Mapped[int] = mapped_column(Integer, default=0)
    others: Mapped[int] = mapped_column(Integer, default=0)
    tags: Mapped[list] = mapped_column(JSON, default=list)
    # diacritic-free text of every searchable field, so the page filters without recomputing it
    search_key: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, server_default=func.current_timestamp())
    updated_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    __mapper_args__ = {"version_id_col": version}


class ActivityItemRow(Base):
    __tablename__ = "activity_items"

    activity_id: Mapped[int] = mapped_column(ForeignKey("activities.id", ondelete="CASCADE"), primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("checklist_items.id", ondelete="CASCADE"), primary_key=True,
                                         index=True)


class AttachmentRow(Base):
    __tablename__ = "attachments"

    id: Mapped[int] = mapped_column(primary_key=True)
    activity_id: Mapped[int] = mapped_column(ForeignKey("activities.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    file_name: Mapped[str] = mapped_column(String(200))
    original_name: Mapped[str] = mapped_column(String(300))
    is_image: Mapped[bool] = mapped_column(Boolean, default=False)
    byte_size: Mapped[int] = mapped_column(Integer, default=0)


class DocumentRow(Base):
    """A document the cell writes: the monthly report (kind BC, one per period) or its own plan (KH)."""

    __tablename__ = "documents"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(10))
    period: Mapped[str] = mapped_column(String(7), default="")  # YYYY-MM for a report
    plan_id: Mapped[int | None] = mapped_column(ForeignKey("plans.id", ondelete="SET NULL"), index=True)
    number: Mapped[int] = mapped_column(Integer)
    issued_on: Mapped[dt.date] = mapped_column(Date)
    subtitle: Mapped[str] = mapped_column(Text, default="")
    sections: Mapped[dict] = mapped_column(JSON, default=dict)
    status: Mapped[str] = mapped_column(String(10), default="draft")
    sent_on: Mapped[dt.date | None] = mapped_column(Date)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, server_default=func.current_timestamp())
    updated_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    __mapper_args__ = {"version_id_col": version}

    __table_args__ = (Index("ix_documents_kind_period", "kind", "period"),)


class MemberRow(Base):
    """A member of the chi bộ: no identity number, birth date or address is kept."""

    __tablename__ = "members"

    id: Mapped[int] = mapped_column(primary_key=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    name: Mapped[str] = mapped_column(String(100))
    name_key: Mapped[str] = mapped_column(String(100), index=True)  # diacritic-free, to match an import
    role: Mapped[str] = mapped_column(String(30), default="Đảng viên")
    standing: Mapped[str] = mapped_column(String(20), default="chinh_thuc")
    exempt: Mapped[bool] = mapped_column(Boolean, default=False)
    exempt_reason: Mapped[str] = mapped_column(String(300), default="")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, server_default=func.current_timestamp())
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    __mapper_args__ = {"version_id_col": version}


class MeetingRow(Base):
    """A monthly chi bộ meeting (one per month and kind). Attendance keeps each name, so a record
    stays readable after its member is deleted."""

    __tablename__ = "meetings"

    id: Mapped[int] = mapped_column(primary_key=True)
    period: Mapped[str] = mapped_column(String(7))  # YYYY-MM
    kind: Mapped[str] = mapped_column(String(20))
    topic: Mapped[str] = mapped_column(Text, default="")
    held_on: Mapped[dt.date] = mapped_column(Date)
    starts_at: Mapped[str] = mapped_column(String(5))  # HH:MM
    ends_at: Mapped[str] = mapped_column(String(5))
    place: Mapped[str] = mapped_column(String(300), default="")
    chair: Mapped[str] = mapped_column(String(100), default="")
    secretary: Mapped[str] = mapped_column(String(100), default="")
    member_count: Mapped[int] = mapped_column(Integer, default=0)
    attendance: Mapped[list] = mapped_column(JSON, default=list)  # [{name, status, reason, member_id}]
    speakers: Mapped[list] = mapped_column(JSON, default=list)
    agenda: Mapped[str] = mapped_column(Text, default="")
    # the texts of the biên bản and nghị quyết: discussion, conclusion, results, direction, assessment, rating
    texts: Mapped[dict] = mapped_column(JSON, default=dict)
    assignments: Mapped[list] = mapped_column(JSON, default=list)  # [{task, who, due}]
    minutes_number: Mapped[int] = mapped_column(Integer)
    resolution_number: Mapped[int] = mapped_column(Integer)
    # the checklist document holding the nghị quyết's assignments for next month
    tasks_plan_id: Mapped[int | None] = mapped_column(ForeignKey("plans.id", ondelete="SET NULL"))
    activity_id: Mapped[int | None] = mapped_column(ForeignKey("activities.id", ondelete="SET NULL"))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, server_default=func.current_timestamp())
    updated_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    __mapper_args__ = {"version_id_col": version}

    __table_args__ = (Index("ix_meetings_period_kind", "period", "kind", unique=True),)


class RollupCellRow(Base):
    """A cell registered under the đảng ủy (roll-up mode): the packages it sends are filed under it."""

    __tablename__ = "rollup_cells"

    id: Mapped[int] = mapped_column(primary_key=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    name: Mapped[str] = mapped_column(String(200))
    name_key: Mapped[str] = mapped_column(String(200), unique=True)  # diacritic-free, to match a package's cell
    report_day: Mapped[int] = mapped_column(Integer, default=20)
    note: Mapped[str] = mapped_column(String(300), default="")
    version: Mapped[int] = mapped_column(Integer, default=1)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, server_default=func.current_timestamp())

    __mapper_args__ = {"version_id_col": version}


class RollupReportRow(Base):
    """A cell's Gói báo cáo of a month as received: one per cell and period, the newest kept."""

    __tablename__ = "rollup_reports"

    id: Mapped[int] = mapped_column(primary_key=True)
    cell_id: Mapped[int] = mapped_column(ForeignKey("rollup_cells.id", ondelete="CASCADE"))
    period: Mapped[str] = mapped_column(String(7))  # YYYY-MM
    made_on: Mapped[dt.date] = mapped_column(Date)
    made_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    status: Mapped[str] = mapped_column(String(10), default="draft")
    activities: Mapped[int] = mapped_column(Integer, default=0)
    people: Mapped[int] = mapped_column(Integer, default=0)
    manifest: Mapped[dict] = mapped_column(JSON)
    report_docx: Mapped[bytes] = mapped_column(LargeBinary, default=b"", deferred=True)  # 30-40 KB a row: read alone, when asked for
    file_name: Mapped[str] = mapped_column(String(300), default="")
    fingerprint: Mapped[str] = mapped_column(String(64))  # sha256 of the manifest: the same package sent twice
    received_at: Mapped[dt.datetime] = mapped_column(DateTime)
    version: Mapped[int] = mapped_column(Integer, default=1)

    __table_args__ = (Index("ix_rollup_reports_cell_period", "cell_id", "period", unique=True),
                      Index("ix_rollup_reports_period", "period"))
    __mapper_args__ = {"version_id_col": version}


class SharedFileRow(Base):
    """A file of the data folder (an attachment, a poster, their thumbnails) kept in a server's
    database, so that every PC of the office has it (storage/shared_files.py). Empty on SQLite."""

    __tablename__ = "shared_files"

    name: Mapped[str] = mapped_column(String(400), primary_key=True)  # its path in the data folder, with /
    content: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, server_default=func.current_timestamp())
