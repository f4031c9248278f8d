"""The plan exchange format (format "cell-desk-plan", version 1): checking a document that came
from elsewhere, and reading it as a plan tree for display."""
from __future__ import annotations

import datetime as dt

from .document_kinds import PHASED_PLAN
from .plan import ChecklistItem, ItemStatus, Phase, PlanSummary, PlanTree, Stage, StageKind
from .validation import ValidationError

FORMAT = "cell-desk-plan"
FORMAT_VERSION = 1


def _fail(where: str, what: str) -> ValidationError:
    return ValidationError(f"Tệp kế hoạch không hợp lệ: {where} {what}.")


def _text(value, where: str, required: bool = True) -> str:
    if value is None and not required:
        return ""
    if not isinstance(value, str) or (required and not value.strip()):
        raise _fail(where, "phải là một đoạn chữ" + (" không trống" if required else ""))
    return value


def _date(value, where: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except (TypeError, ValueError):
        raise _fail(where, f"phải là ngày dạng YYYY-MM-DD (đang là {value!r})") from None


def states_reporting_rule(rule: dict) -> bool:
    """Whether a document's reporting rule says anything (a day, to whom, how, or its words)."""
    return bool(rule) and (rule.get("day_of_month", 20) != 20
                           or any(str(rule.get(key) or "").strip() for key in ("recipient", "via", "text")))


# The format nests seven deep (plan, phases, a phase, stages, a stage, items, an item, sub-items);
# a parsed 10 MB plan has 43,200 items and about 200,000 values in all.
MAX_DEPTH = 32
MAX_VALUES = 1_000_000
MAX_ITEMS = 200_000


def _too_big(what: str) -> ValidationError:
    return ValidationError(f"Tệp kế hoạch không hợp lệ: {what}. Một kế hoạch thật không lớn như vậy; "
                           "tệp có thể bị hỏng hoặc không do Cell Desk tạo ra.")


def check_size(document) -> None:
    """Refuses a document nested deeper or holding more values than any plan, without recursion
    (a document nested 10,000 deep would exhaust Python's stack) and in time bounded by the limits."""
    pending = [(document, 1)]
    values = 0
    while pending:
        value, depth = pending.pop()
        values += 1
        if depth > MAX_DEPTH:
            raise _too_big(f"các mục lồng nhau quá {MAX_DEPTH} tầng")
        if values > MAX_VALUES:
            raise _too_big(f"có hơn {MAX_VALUES:_} giá trị".replace("_", "."))
        if isinstance(value, dict):
            pending.extend((child, depth + 1) for child in value.values())
        elif isinstance(value, list):
            if len(value) > MAX_VALUES:
                raise _too_big(f"có một danh sách hơn {MAX_VALUES:_} phần tử".replace("_", "."))
            pending.extend((child, depth + 1) for child in value)


def _count_items(plan: dict) -> int:
    count = 0
    phases = plan.get("phases")
    for phase in phases if isinstance(phases, list) else []:
        if not isinstance(phase, dict):
            continue
        stages = phase.get("stages")
        groups = [phase.get("items")] + [stage.get("items") for stage in (stages if isinstance(stages, list) else [])
                                         if isinstance(stage, dict)]
        for items in groups:
            for item in items if isinstance(items, list) else []:
                count += 1
                if isinstance(item, dict) and isinstance(item.get("sub_items"), list):
                    count += len(item["sub_items"])
    return count


def check_document(document) -> dict:
    """Refuses a malformed document with a message that says where; returns it unchanged."""
    check_size(document)
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise ValidationError("Tệp này không phải tệp kế hoạch của Cell Desk (thiếu “format”: “cell-desk-plan”).")
    version = document.get("format_version")
    if not isinstance(version, int):
        raise _fail("“format_version”", "phải là một số")
    if version > FORMAT_VERSION:
        raise ValidationError(
            f"Tệp kế hoạch này theo định dạng phiên bản {version}, mới hơn phiên bản {FORMAT_VERSION} mà chương "
            "trình đọc được. Hãy cài phiên bản Cell Desk mới nhất.")
    plan = document.get("plan")
    if not isinstance(plan, dict):
        raise _fail("“plan”", "phải là một mục")
    _text(plan.get("number"), "“plan.number”", required=False)  # a web copy often carries none
    _text(plan.get("title"), "“plan.title”")
    _date(plan.get("issued_on"), "“plan.issued_on”")
    doc_kind = plan.get("doc_kind")
    if doc_kind is not None and not (isinstance(doc_kind, str) and doc_kind.strip()):
        raise _fail("“plan.doc_kind”", "phải là tên một loại văn bản (ví dụ monthly_orientation)")
    phases = plan.get("phases")
    if not isinstance(phases, list) or not phases:
        raise _fail("“plan.phases”", "phải có ít nhất một đợt")
    items = _count_items(plan)
    if items > MAX_ITEMS:
        raise _too_big(f"có {items:_} nội dung, quá giới hạn {MAX_ITEMS:_} nội dung".replace("_", "."))
    for p_index, phase in enumerate(phases):
        where = f"đợt thứ {p_index + 1}"
        if not isinstance(phase, dict):
            raise _fail(where, "phải là một mục")
        start, end = _date(phase.get("starts_on"), f"{where}: “starts_on”"), _date(phase.get("ends_on"), f"{where}: “ends_on”")
        if end < start:
            raise _fail(where, f"kết thúc ({end:%d/%m/%Y}) trước khi bắt đầu ({start:%d/%m/%Y})")
        groups = [("items", phase.get("items", []))] + [
            (f"giai đoạn {s_index + 1}", stage.get("items", []) if isinstance(stage, dict) else None)
            for s_index, stage in enumerate(phase.get("stages", []))
        ]
        for s_index, stage in enumerate(phase.get("stages", [])):
            if not isinstance(stage, dict) or stage.get("kind") not in {kind.value for kind in StageKind}:
                raise _fail(f"{where}, giai đoạn {s_index + 1}", "phải có “kind” là before, during hoặc after")
        for label, items in groups:
            if not isinstance(items, list):
                raise _fail(f"{where}, {label}", "phải là một danh sách")
            for i_index, item in enumerate(items):
                if not isinstance(item, dict):
                    raise _fail(f"{where}, nội dung {i_index + 1}", "phải là một mục")
                _text(item.get("text"), f"{where}, nội dung {i_index + 1}: “text”")
                _text(item.get("detail"), f"{where}, nội dung {i_index + 1}: “detail”", required=False)
                subs = [sub.get("text") if isinstance(sub, dict) else sub for sub in item.get("sub_items", [])]
                if not isinstance(subs, list) or not all(isinstance(sub, str) and sub.strip() for sub in subs):
                    raise _fail(f"{where}, nội dung {i_index + 1}: “sub_items”", "phải là danh sách các đoạn chữ")
                for sub in item.get("sub_items", []):
                    if isinstance(sub, dict):
                        _text(sub.get("detail"), f"{where}, nội dung {i_index + 1}: “detail”", required=False)
    for index, slogan in enumerate(plan.get("slogans", [])):
        if not isinstance(slogan, dict) or not isinstance(slogan.get("number"), int):
            raise _fail(f"khẩu hiệu thứ {index + 1}", "phải có “number” là một số")
        _text(slogan.get("text"), f"khẩu hiệu thứ {index + 1}: “text”")
    for index, form in enumerate(plan.get("activity_forms", [])):
        if not isinstance(form, dict):
            raise _fail(f"hình thức thứ {index + 1}", "phải là một mục")
        _text(form.get("title"), f"hình thức thứ {index + 1}: “title”")
    rule = plan.get("reporting_rule", {})
    if rule and not (isinstance(rule, dict) and isinstance(rule.get("day_of_month", 20), int)
                     and 1 <= rule.get("day_of_month", 20) <= 31):
        raise _fail("“reporting_rule.day_of_month”", "phải là ngày từ 1 đến 31")
    return document


def document_tree(document: dict) -> PlanTree:
    """A plan document as a tree, for printing and review before anything is saved."""
    plan = document["plan"]
    counter = iter(range(1, 10**9))
    phases = []
    for data in plan["phases"]:
        phase = Phase(next(counter), data.get("code", ""), data.get("title", ""), data.get("window_text", ""),
                      dt.date.fromisoformat(data["starts_on"]), dt.date.fromisoformat(data["ends_on"]))

        def items_of(entries, stage_id=None, phase=phase):
            made = []
            for position, entry in enumerate(entries):
                item = ChecklistItem(next(counter), phase.id, stage_id, None, position, entry["text"],
                                     ItemStatus.NOT_STARTED, due_on=phase.ends_on, detail=entry.get("detail") or "")
                item.sub_items = [ChecklistItem(next(counter), phase.id, stage_id, item.id, sub_position,
                                                sub["text"] if isinstance(sub, dict) else sub,
                                                ItemStatus.NOT_STARTED, due_on=phase.ends_on,
                                                detail=(sub.get("detail") or "") if isinstance(sub, dict) else "")
                                  for sub_position, sub in enumerate(entry.get("sub_items", []))]
                made.append(item)
            return made

        phase.items = items_of(data.get("items", []))
        for stage_data in data.get("stages", []):
            stage = Stage(next(counter), StageKind(stage_data["kind"]), stage_data.get("heading", ""))
            stage.items = items_of(stage_data.get("items", []), stage.id)
            phase.stages.append(stage)
        phases.append(phase)
    standing = plan.get("standing_task")
    if standing and phases:
        phase = Phase(next(counter), "", standing.get("title", "Nhiệm vụ xuyên suốt"), "",
                      min(p.starts_on for p in phases), max(p.ends_on for p in phases), is_standing=True)
        paragraphs = standing.get("items") or [{"text": standing["text"]}]
        phase.items = [ChecklistItem(next(counter), phase.id, None, None, position, paragraph["text"],
                                     due_on=phase.ends_on, detail=paragraph.get("detail") or "")
                       for position, paragraph in enumerate(paragraphs)]
        phases.append(phase)
    rule = plan.get("reporting_rule") or {}
    summary = PlanSummary(0, plan["number"], plan.get("kind", "KẾ HOẠCH"), plan["title"],
                          dt.date.fromisoformat(plan["issued_on"]), plan.get("place", ""), False,
                          sum(len(p.all_items()) for p in phases), rule.get("day_of_month", 20),
                          doc_kind=plan.get("doc_kind") or PHASED_PLAN,
                          starts_on=min((p.starts_on for p in phases), default=None),
                          ends_on=max((p.ends_on for p in phases), default=None),
                          states_reporting_rule=states_reporting_rule(rule))
    return PlanTree(summary, phases)
