import datetime as dt

import pytest

from cell_desk.domain.plan import ItemStatus
from cell_desk.domain.validation import ValidationError
from tests.conftest import SEED_TODAY


def first_item_of(services, code):
    phase = next(p for p in services.plans.plan_tree().phases if p.code == code)
    return phase.all_items()[0]


def test_an_edit_is_saved_at_once_and_survives_reopening(open_at):
    services = open_at()
    item = first_item_of(services, "1.3")
    before, after = services.checklist.update_item(item.id, status=ItemStatus.DONE, assignee="Đ/c Lan")
    assert before.status is ItemStatus.NOT_STARTED
    assert after.completed_on == SEED_TODAY
    services.close()
    reopened = open_at()
    again = first_item_of(reopened, "1.3")
    assert (again.status, again.completed_on, again.assignee) == (ItemStatus.DONE, SEED_TODAY, "Đ/c Lan")


def test_restoring_a_state_undoes_an_edit(services):
    item = first_item_of(services, "1.1")
    before, _ = services.checklist.update_item(item.id, status=ItemStatus.IN_PROGRESS, evidence="Biên bản")
    services.checklist.restore_state(item.id, before)
    assert services.checklist.state(item.id) == before


def test_a_refused_edit_changes_nothing(services):
    item = first_item_of(services, "1.1")
    with pytest.raises(ValidationError):
        services.checklist.update_item(item.id, status=ItemStatus.DONE, completed_on=SEED_TODAY + dt.timedelta(days=3))
    assert services.checklist.state(item.id).status is ItemStatus.NOT_STARTED


@pytest.mark.parametrize(
    "today, overdue_in_13",
    [(dt.date(2020, 8, 31), 0), (dt.date(2020, 9, 1), 17 + 4)],
)
def test_items_become_overdue_the_day_after_their_phase_ends(open_at, today, overdue_in_13):
    overview = open_at(today).overview.overview()
    figures = next(f for f in overview.phases if f.phase.code == "1.3")
    assert figures.overdue == overdue_in_13


def test_the_overview_of_mid_august_2020(services):
    item = first_item_of(services, "1.3")
    services.checklist.update_item(item.id, status=ItemStatus.DONE)
    overview = services.overview.overview()
    assert [phase.code for phase in overview.running_phases] == ["1.3"]
    assert overview.days_to_report == 5
    assert overview.report_deadline == dt.date(2020, 8, 20)
    figures = {f.phase.code: f for f in overview.phases}
    assert figures["1.3"].progress.done == 1 and figures["1.3"].progress.counted == 21
    # 1.1 and 1.2 have ended with nothing done: 4 + 6 items late
    assert len(overview.overdue_items) == 10
    assert overview.overall.counted == 73


def test_demo_data_gives_believable_statuses(services):
    from cell_desk.services.demo import fill_checklist

    assert fill_checklist(services.database, services.clock) == 73
    tree = services.plans.plan_tree()
    future = [item for phase in tree.phases if phase.starts_on > SEED_TODAY for item in phase.all_items()]
    assert future and all(item.status is ItemStatus.NOT_STARTED for item in future)
    done = [item for item in tree.all_items() if item.status is ItemStatus.DONE]
    assert done and all(item.completed_on <= SEED_TODAY for item in done)
