"""Plans in the exchange format (a dict, as in resources/plans/*.json) written as rows."""
from __future__ import annotations

import datetime as dt

from sqlalchemy.orm import Session

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
        _insert_items(session, phase.id, None, [{"text": standing["text"]}])

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


def _insert_items(session: Session, phase_id: int, stage_id: int | None, items: list[dict]) -> None:
    rows = []
    for position, item in enumerate(items):
        row = ChecklistItemRow(
            phase_id=phase_id,
            stage_id=stage_id,
            parent_id=None,
            position=position,
            text=normalize_text(item["text"]),
            status=ItemStatus.NOT_STARTED.value,
            assignee="",
            evidence="",
        )
        rows.append((row, item.get("sub_items", [])))
    session.add_all([row for row, _ in rows])
    session.flush()
    for row, sub_items in rows:
        session.add_all(
            ChecklistItemRow(
                phase_id=phase_id,
                stage_id=stage_id,
                parent_id=row.id,
                position=position,
                text=normalize_text(text),
                status=ItemStatus.NOT_STARTED.value,
                assignee="",
                evidence="",
            )
            for position, text in enumerate(sub_items)
        )
