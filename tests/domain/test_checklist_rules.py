import datetime as dt

import pytest

from cell_desk.domain.checklist import ItemState
from cell_desk.domain.plan import ChecklistItem, ItemStatus
from cell_desk.domain.validation import ValidationError

TODAY = dt.date(2020, 8, 15)
OPEN = ItemState(ItemStatus.NOT_STARTED, None, "", "")


def test_marking_done_dates_the_item_today_and_reopening_clears_the_date():
    done = OPEN.with_changes(TODAY, status=ItemStatus.DONE)
    assert done.completed_on == TODAY
    assert done.with_changes(TODAY, status=ItemStatus.IN_PROGRESS).completed_on is None


def test_a_completion_date_in_the_future_is_refused():
    state = ItemState(ItemStatus.DONE, TODAY + dt.timedelta(days=1), "", "")
    with pytest.raises(ValidationError, match="chưa tới") as refused:
        state.validated(TODAY)
    assert refused.value.field == "completed_on"


def test_overlong_fields_are_refused_and_text_is_tidied():
    with pytest.raises(ValidationError, match="Người phụ trách"):
        ItemState(ItemStatus.NOT_STARTED, None, "x" * 201, "").validated(TODAY)
    tidy = ItemState(ItemStatus.NOT_STARTED, None, "  Đ/c   Lan ", " ghi chú \n").validated(TODAY)
    assert (tidy.assignee, tidy.evidence) == ("Đ/c Lan", "ghi chú")


def _item(status, due):
    return ChecklistItem(1, 1, None, None, 0, "x", status=status, due_on=due)


def test_an_open_item_is_overdue_only_after_its_phase_has_ended():
    due = dt.date(2020, 8, 31)
    assert not _item(ItemStatus.IN_PROGRESS, due).is_overdue(due)
    assert _item(ItemStatus.IN_PROGRESS, due).is_overdue(due + dt.timedelta(days=1))
    assert not _item(ItemStatus.DONE, due).is_overdue(due + dt.timedelta(days=1))
    assert not _item(ItemStatus.NOT_APPLICABLE, due).is_overdue(due + dt.timedelta(days=1))


def test_a_completion_date_before_the_plan_was_issued_is_refused():
    issued = dt.date(2019, 12, 30)
    state = ItemState(ItemStatus.DONE, dt.date(2019, 12, 1), "", "")
    with pytest.raises(ValidationError, match="sớm hơn ngày ban hành kế hoạch"):
        state.validated(TODAY, issued)
    assert ItemState(ItemStatus.DONE, issued, "", "").validated(TODAY, issued).completed_on == issued
