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


def test_the_store_holds_several_plans_and_one_is_active(services):
    document = {"plan": {"number": "05-KH/CB", "title": "Kế hoạch thử", "issued_on": "2026-01-05",
                         "phases": [{"code": "1", "title": "Đợt 1", "starts_on": "2026-01-05",
                                     "ends_on": "2026-03-31", "items": [{"text": "Việc một"}]}]}}
    with services.database.session() as session:
        new_id = insert_plan(session, document).id
    services.plans.set_active(new_id)
    assert services.plans.active_plan_id() == new_id
    assert [p.is_active for p in services.plans.list_plans()] == [False, True]
    assert services.plans.plan_tree().phases[0].items[0].text == "Việc một"
    with pytest.raises(PlanNotFound):
        services.plans.set_active(999)


def test_the_profile_is_validated_before_it_is_saved(services):
    assert not services.settings.has_profile()
    with pytest.raises(ValidationError, match="Tên chi bộ"):
        services.settings.save_profile(CellProfile(cell_name=""))
    assert not services.settings.has_profile()
    services.settings.save_profile(CellProfile(cell_name=" Chi bộ  Văn phòng "))
    assert services.settings.profile().cell_name == "Chi bộ Văn phòng"
