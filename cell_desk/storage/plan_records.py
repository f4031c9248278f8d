"""Plans in the exchange format (a dict, as in resources/plans/*.json) written as rows."""
from __future__ import annotations

import datetime as dt

from sqlalchemy.orm import Session

from ..domain.document_kinds import PHASED_PLAN
from ..domain.plan import ItemStatus, StageKind
from ..domain.text import normalize_text
from .models import ActivityFormRow, ChecklistItemRow, PhaseRow, PlanRow, SloganRow, StageRow

PLAN_FORMAT = "cell-desk-plan"
PLAN_FORMAT_VERSION = 1
DETAIL_KEYS = ("bases", "preamble", "purposes", "duties", "recipients", "closing")  # shown, never queried


def _date(value: str) -> dt.date:
    return dt.date.fromisoformat(value)


def insert_plan(session: Session, document: dict) -> PlanRow:
    """Adds one plan with all its parts; the caller's transaction commits it."""
    data = document["plan"]
    clean = normalize_text
    rule = data.get("reporting_rule", {})
    plan = PlanRow(
        key=data.get("key"),
        number=clean(data["number"]),
        kind=clean(data.get("kind", "KẾ HOẠCH")),
        title=clean(data["title"]),
        upper_issuer=clean(data.get("upper_issuer", "")),
        issuer=clean(data.get("issuer", "")),
        issuing_body=clean(data.get("issuing_body", "")),
        place=clean(data.get("place", "")),
        issued_on=_date(data["issued_on"]),
        signing_authority=clean(data.get("signing_authority", "")),
        signer_position=clean(data.get("signer_position", "")),
        signer=clean(data.get("signer", "")),
        report_day=int(rule.get("day_of_month", 20)),
        report_recipient=clean(rule.get("recipient", "")),
        report_via=clean(rule.get("via", "")),
        report_text=clean(rule.get("text", "")),
        details={key: data[key] for key in DETAIL_KEYS if key in data},
        is_active=False,
        doc_kind=data.get("doc_kind") or PHASED_PLAN,
    )
    session.add(plan)
    session.flush()

    phases = list(data.get("phases", []))
    for position, phase_data in enumerate(phases):
        phase = PhaseRow(
            plan_id=plan.id,
            position=position,
            code=phase_data.get("code", ""),
            title=clean(phase_data.get("title", "")),
            window_text=clean(phase_data.get("window_text", "")),
            starts_on=_date(phase_data["starts_on"]),
            ends_on=_date(phase_data["ends_on"]),
            is_standing=False,
        )
        session.add(phase)
        session.flush()
        _insert_items(session, phase.id, None, phase_data.get("items", []))
        for stage_position, stage_data in enumerate(phase_data.get("stages", [])):
            stage = StageRow(
                phase_id=phase.id,
                position=stage_position,
                kind=StageKind(stage_data["kind"]).value,
                heading=clean(stage_data.get("heading", "")),
            )
            session.add(stage)
            session.flush()
            _insert_items(session, phase.id, stage.id, stage_data.get("items", []))

    standing = data.get("standing_task")
    if standing and phases:
        phase = PhaseRow(
            plan_id=plan.id,
            position=len(phases),
            code="",
            title=clean(standing.get("title", "Nhiệm vụ xuyên suốt")),
            window_text="",
            starts_on=min(_date(p["starts_on"]) for p in phases),
            ends_on=max(_date(p["ends_on"]) for p in phases),
            is_standing=True,
        )
        session.add(phase)
        session.flush()
        _insert_items(session, phase.id, None, standing_items(standing))

    for position, form in enumerate(data.get("activity_forms", [])):
        session.add(
            ActivityFormRow(
                plan_id=plan.id,
                position=position,
                code=form.get("code", ""),
                title=clean(form["title"]),
                group_title=clean(form.get("group_title", "")),
                points=[clean(point) for point in form.get("points", [])],
                is_custom=False,
            )
        )
    for slogan in data.get("slogans", []):
        session.add(SloganRow(plan_id=plan.id, number=int(slogan["number"]), text=clean(slogan["text"]),
                              tags=[clean(tag) for tag in slogan.get("tags", [])]))
    session.flush()
    return plan


def standing_items(standing: dict) -> list[dict]:
    """The standing task's paragraphs: one "text", or several "items"."""
    return list(standing.get("items") or [{"text": standing["text"]}])


def _open_item(**placement) -> ChecklistItemRow:
    """A checklist row with no progress yet."""
    return ChecklistItemRow(status=ItemStatus.NOT_STARTED.value, assignee="", evidence="", **placement)


def _insert_items(session: Session, phase_id: int, stage_id: int | None, items: list[dict]) -> None:
    rows = []
    for position, item in enumerate(items):
        row = _open_item(phase_id=phase_id, stage_id=stage_id, parent_id=None, position=position,
                         text=normalize_text(item["text"]), detail=_detail(item))
        rows.append((row, item.get("sub_items", [])))
    session.add_all([row for row, _ in rows])
    session.flush()
    for row, sub_items in rows:
        session.add_all(
            _open_item(phase_id=phase_id, stage_id=stage_id, parent_id=row.id, position=position,
                       text=normalize_text(text["text"] if isinstance(text, dict) else text), detail=_detail(text))
            for position, text in enumerate(sub_items)
        )


def _detail(entry) -> str:
    """The paragraphs under an item ("detail"), if the document gives any."""
    return normalize_text(entry.get("detail") or "").strip() if isinstance(entry, dict) else ""


def update_plan(session: Session, plan_id: int, document: dict) -> None:
    """Writes an edited plan back over its rows. Phases, stages and items that carry an "id" keep
    their row, and with it their status, dates and evidence; those without one are added; rows the
    document no longer holds are deleted. Slogans and forms are left to the library."""
    from sqlalchemy import select

    data = document["plan"]
    plan = session.get(PlanRow, plan_id)
    for key in ("number", "kind", "title", "upper_issuer", "issuer", "place"):
        if key in data:
            setattr(plan, key, normalize_text(data[key] or ""))
    if data.get("doc_kind"):
        plan.doc_kind = data["doc_kind"]
    plan.issued_on = _date(data["issued_on"])

    phase_rows = {row.id: row for row in session.scalars(select(PhaseRow).where(PhaseRow.plan_id == plan_id))}
    stage_rows = {row.id: row for row in session.scalars(
        select(StageRow).join(PhaseRow, PhaseRow.id == StageRow.phase_id).where(PhaseRow.plan_id == plan_id))}
    item_rows = {row.id: row for row in session.scalars(
        select(ChecklistItemRow).join(PhaseRow, PhaseRow.id == ChecklistItemRow.phase_id)
        .where(PhaseRow.plan_id == plan_id))}
    kept_phases, kept_stages, kept_items = set(), set(), set()

    def new_row(entry: dict) -> ChecklistItemRow:
        """A row for a new item; a half of a split item takes over the other half's progress."""
        source = item_rows.get(entry.get("status_from"))
        row = _open_item()
        if source is not None:
            row.status, row.completed_on = source.status, source.completed_on
            row.assignee, row.evidence = source.assignee, source.evidence
        session.add(row)
        return row

    def place_items(entries: list, phase_id: int, stage_id: int | None) -> None:
        for position, entry in enumerate(entries):
            row = item_rows.get(entry.get("id"))
            if row is None:
                row = new_row(entry)
            row.phase_id, row.stage_id, row.parent_id, row.position = phase_id, stage_id, None, position
            row.text = normalize_text(entry["text"])
            if "detail" in entry or row.detail is None:
                row.detail = _detail(entry)
            session.flush()
            kept_items.add(row.id)
            for sub_position, sub in enumerate(entry.get("sub_items", [])):
                sub = {"text": sub} if isinstance(sub, str) else sub
                sub_row = item_rows.get(sub.get("id"))
                if sub_row is None:
                    sub_row = new_row(sub)
                sub_row.phase_id, sub_row.stage_id, sub_row.parent_id = phase_id, stage_id, row.id
                sub_row.position, sub_row.text = sub_position, normalize_text(sub["text"])
                if "detail" in sub or sub_row.detail is None:
                    sub_row.detail = _detail(sub)
                session.flush()
                kept_items.add(sub_row.id)

    phases = data["phases"]
    for position, entry in enumerate(phases):
        phase = phase_rows.get(entry.get("id"))
        if phase is None or phase.is_standing:
            phase = PhaseRow(plan_id=plan_id, is_standing=False)
            session.add(phase)
        phase.position, phase.code = position, entry.get("code", "")
        phase.title, phase.window_text = normalize_text(entry.get("title", "")), normalize_text(entry.get("window_text", ""))
        phase.starts_on, phase.ends_on = _date(entry["starts_on"]), _date(entry["ends_on"])
        session.flush()
        kept_phases.add(phase.id)
        place_items(entry.get("items", []), phase.id, None)
        for stage_position, stage_entry in enumerate(entry.get("stages", [])):
            stage = stage_rows.get(stage_entry.get("id"))
            if stage is None:
                stage = StageRow()
                session.add(stage)
            stage.phase_id, stage.position = phase.id, stage_position
            stage.kind, stage.heading = StageKind(stage_entry["kind"]).value, normalize_text(stage_entry.get("heading", ""))
            session.flush()
            kept_stages.add(stage.id)
            place_items(stage_entry.get("items", []), phase.id, stage.id)

    for phase in phase_rows.values():
        if phase.is_standing:
            phase.position = len(phases)
            if phases:
                phase.starts_on = min(_date(p["starts_on"]) for p in phases)
                phase.ends_on = max(_date(p["ends_on"]) for p in phases)
            kept_phases.add(phase.id)
            standing = data.get("standing_task")
            if standing:  # its items are the document's, in order; rows are reused where they exist
                place_items(standing_items(standing), phase.id, None)
            else:
                kept_items.update(row_id for row_id, row in item_rows.items() if row.phase_id == phase.id)
    for row_id, row in item_rows.items():
        if row_id not in kept_items:
            session.delete(row)
    session.flush()
    for row_id, row in stage_rows.items():
        if row_id not in kept_stages:
            session.delete(row)
    for row_id, row in phase_rows.items():
        if row_id not in kept_phases:
            session.delete(row)
    session.flush()
