import pytest

from cell_desk.domain.profile import CellProfile
from cell_desk.domain.validation import ValidationError
from cell_desk.services.plans import PlanNotFound
from cell_desk.storage.plan_records import insert_plan


def test_the_bundled_plan_loads_once_and_is_active(open_at):
    open_at().close()
    services = open_at()
    plans = services.plans.list_plans()
    assert len(plans) == 1 and plans[0].is_active and plans[0].item_count == 73


def test_the_store_holds_several_plans_and_several_are_in_force(services):
    document = {"plan": {"number": "05-KH/CB", "title": "Kế hoạch thử", "issued_on": "2026-01-05",
                         "phases": [{"code": "1", "title": "Đợt 1", "starts_on": "2026-01-05",
                                     "ends_on": "2026-03-31", "items": [{"text": "Việc một"}]}]}}
    with services.database.session() as session:
        new_id = insert_plan(session, document).id
    services.plans.set_active(new_id)  # beside the bundled plan, not instead of it
    assert services.plans.active_plan_id() == new_id  # the newest in force
    assert [p.is_active for p in services.plans.list_plans()] == [True, True]
    assert [tree.summary.id for tree in services.plans.trees_in_force()] == [1, new_id]
    assert services.plans.plan_tree().phases[0].items[0].text == "Việc một"
    services.plans.set_in_force(1, False)
    services.plans.set_in_force(new_id, False)  # the last one may go too
    assert services.plans.plans_in_force() == [] and services.plans.trees_in_force() == []
    with pytest.raises(PlanNotFound):
        services.plans.plan_tree()
    with pytest.raises(PlanNotFound):
        services.plans.set_active(999)


def test_a_document_has_ended_once_every_phase_window_has_passed(services):
    import datetime as dt

    summary = services.plans.plans_in_force()[0]
    assert summary.ends_on == dt.date(2021, 2, 28) and summary.starts_on == dt.date(2019, 12, 30)
    assert not services.plans.is_ended(summary, dt.date(2021, 2, 28))
    assert services.plans.is_ended(summary, dt.date(2021, 3, 1))
    assert summary.heading(dt.date(2021, 3, 1)).endswith("– đã kết thúc")
    assert summary.kind_label == "Kế hoạch theo đợt"


def test_the_profile_is_validated_before_it_is_saved(services):
    assert not services.settings.has_profile()
    with pytest.raises(ValidationError, match="Tên chi bộ"):
        services.settings.save_profile(CellProfile(cell_name=""))
    assert not services.settings.has_profile()
    services.settings.save_profile(CellProfile(cell_name=" Chi bộ  Văn phòng "))
    assert services.settings.profile().cell_name == "Chi bộ Văn phòng"
