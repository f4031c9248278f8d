"""Plans kept and sent out: saving a checked document, editing it in place, and plans as JSON
files that the upper level can hand to every cell."""
from __future__ import annotations

import json
from pathlib import Path

from sqlalchemy import select

from ..domain.plan_document import FORMAT, FORMAT_VERSION, check_document
from ..domain.validation import ValidationError
from ..exports.atomic import write_atomically
from ..storage.database import Database
from ..storage.models import ActivityFormRow, ChecklistItemRow, PhaseRow, PlanRow, SloganRow, StageRow
from ..storage.plan_records import insert_plan


class DuplicatePlan(ValidationError):
    pass


class PlanExchange:
    def __init__(self, database: Database):
        self.database = database

    def same_plan(self, document: dict) -> int | None:
        """The id of a stored plan with the same number and date, if there is one."""
        import datetime as dt

        plan = document["plan"]
        with self.database.session() as session:
            return session.scalar(select(PlanRow.id).where(
                PlanRow.number == plan["number"], PlanRow.issued_on == dt.date.fromisoformat(plan["issued_on"])))

    def save(self, document: dict, activate: bool = False, allow_duplicate: bool = False) -> int:
        """Adds a checked plan document (put in force with `activate`, the others staying in force);
        returns the new plan's id. The same plan twice is refused
        unless asked for (a second copy would split the checklist in two)."""
        check_document(document)
        existing = None if allow_duplicate else self.same_plan(document)
        if existing is not None:
            plan = document["plan"]
            raise DuplicatePlan(f"Kế hoạch {plan['number']} ngày {plan['issued_on'][8:10]}/{plan['issued_on'][5:7]}/"
                                f"{plan['issued_on'][:4]} đã có trong chương trình (số {existing}).")
        with self.database.session() as session:
            plan = insert_plan(session, document)
            plan.is_active = bool(activate)  # in force beside the others already in force
            return plan.id

    def update(self, plan_id: int, document: dict) -> None:
        """Writes an edited plan back, keeping the statuses of the items it still holds."""
        check_document(document)
        from ..storage.plan_records import update_plan

        with self.database.session() as session:
            update_plan(session, plan_id, document)

    def document(self, plan_id: int, with_ids: bool = False) -> dict:
        """A stored plan in the exchange format (statuses stay at home: they are the cell's own).
        With ids, for the plan editor, so that an edit keeps each item's row."""
        with self.database.session() as session:
            plan = session.get(PlanRow, plan_id)
            if plan is None:
                raise ValidationError(f"Không có kế hoạch số {plan_id}.")
            details = dict(plan.details or {})
            phases, standing = [], None
            for phase in session.scalars(select(PhaseRow).where(PhaseRow.plan_id == plan_id).order_by(PhaseRow.position)):
                items = list(session.scalars(select(ChecklistItemRow).where(ChecklistItemRow.phase_id == phase.id)
                                             .order_by(ChecklistItemRow.position, ChecklistItemRow.id)))
                subs: dict[int, list] = {}
                for item in items:
                    if item.parent_id is not None:
                        subs.setdefault(item.parent_id, []).append(
                            {"text": item.text, **({"id": item.id} if with_ids else {}), **_detail(item)}
                            if with_ids or item.detail else item.text)

                def entries(stage_id):
                    return [{"text": item.text, **({"id": item.id} if with_ids else {}), **_detail(item),
                             **({"sub_items": subs[item.id]} if item.id in subs else {})}
                            for item in items if item.parent_id is None and item.stage_id == stage_id]

                if phase.is_standing:
                    paragraphs = entries(None)
                    standing = ({"title": phase.title, **paragraphs[0]} if len(paragraphs) == 1
                                else {"title": phase.title, "items": paragraphs})
                    continue
                data = {"code": phase.code, "title": phase.title, "window_text": phase.window_text,
                        "starts_on": phase.starts_on.isoformat(), "ends_on": phase.ends_on.isoformat(),
                        **({"id": phase.id} if with_ids else {})}
                stages = list(session.scalars(select(StageRow).where(StageRow.phase_id == phase.id).order_by(StageRow.position)))
                if entries(None) or not stages:
                    data["items"] = entries(None)
                if stages:
                    data["stages"] = [{"kind": stage.kind, "heading": stage.heading, "items": entries(stage.id),
                                       **({"id": stage.id} if with_ids else {})} for stage in stages]
                phases.append(data)
            forms = [{"code": form.code, "title": form.title, "group_title": form.group_title, "points": form.points}
                     for form in session.scalars(select(ActivityFormRow).where(ActivityFormRow.plan_id == plan_id)
                                                 .order_by(ActivityFormRow.position)) if not form.is_custom]
            slogans = [{"number": slogan.number, "text": slogan.text, "tags": list(slogan.tags or [])}
                       for slogan in session.scalars(select(SloganRow).where(SloganRow.plan_id == plan_id)
                                                     .order_by(SloganRow.number))]
            body = {
                "number": plan.number, "kind": plan.kind, "doc_kind": plan.doc_kind, "title": plan.title, "upper_issuer": plan.upper_issuer,
                "issuer": plan.issuer, "issuing_body": plan.issuing_body, "place": plan.place,
                "issued_on": plan.issued_on.isoformat(), **details, "phases": phases,
                **({"standing_task": standing} if standing else {}), "activity_forms": forms, "slogans": slogans,
                "reporting_rule": {"day_of_month": plan.report_day, "recipient": plan.report_recipient,
                                   "via": plan.report_via, "text": plan.report_text},
                "signing_authority": plan.signing_authority, "signer_position": plan.signer_position,
                "signer": plan.signer,
            }
        return {"format": FORMAT, "format_version": FORMAT_VERSION, "plan": body}

    def file_name(self, plan_id: int) -> str:
        """What the file sent down is called: its kind and number, in letters every system takes
        (“dinh-huong-thang-15-HD-BTGDVTW.json”)."""
        from ..domain.document_kinds import kind_label
        from ..domain.text import search_key

        with self.database.session() as session:
            plan = session.get(PlanRow, plan_id)
            if plan is None:
                raise ValidationError(f"Không có kế hoạch số {plan_id}.")
            words = f"{search_key(kind_label(plan.doc_kind)).replace(',', '')} {plan.number.replace('/', '-')}"
        ascii_words = words.replace("Đ", "D").replace("đ", "d")
        return "-".join(ascii_words.split()) + ".json"

    def export(self, plan_id: int, target: Path) -> Path:
        text = json.dumps(self.document(plan_id), ensure_ascii=False, indent=2)
        return write_atomically(Path(target), lambda temporary: temporary.write_text(text, encoding="utf-8"))


def _detail(item: ChecklistItemRow) -> dict:
    """An item's paragraphs, as the optional "detail" key (left out when there are none)."""
    return {"detail": item.detail} if item.detail else {}
