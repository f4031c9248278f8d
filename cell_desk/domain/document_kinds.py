"""The kinds of document a cell receives from the upper level, and how each becomes checklist work.

Every kind is stored the same way (a plan with phases, items and slogans), so the checklist, the
activity form and the reports need no special case: a monthly orientation is one phase (the month)
whose items are its numbered topics; a slogan list is one phase with one task and the slogans in
the library; a plain list is one phase holding every numbered or bulleted line."""
from __future__ import annotations

PHASED_PLAN = "phased_plan"
MONTHLY_ORIENTATION = "monthly_orientation"
EVENT_GUIDE = "event_guide"
SLOGAN_LIST = "slogan_list"
STUDY_PLAN = "study_plan"
PLAIN_LIST = "plain_list"

DOCUMENT_KINDS = {
    PHASED_PLAN: "Kế hoạch theo đợt",
    MONTHLY_ORIENTATION: "Định hướng tháng",
    EVENT_GUIDE: "Hướng dẫn kỷ niệm, sự kiện",
    SLOGAN_LIST: "Danh mục khẩu hiệu",
    STUDY_PLAN: "Kế hoạch học tập, quán triệt",
    PLAIN_LIST: "Danh sách việc",
}


def kind_label(kind: str) -> str:
    return DOCUMENT_KINDS.get(kind, DOCUMENT_KINDS[PHASED_PLAN])
