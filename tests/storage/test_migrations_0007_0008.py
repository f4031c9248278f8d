import shutil
from pathlib import Path

from cell_desk.storage.location import DATABASE_FILENAME

from .make_fixture import EDITED_ITEM_ID, EDITED_STATE, PROFILE

FIXTURES = Path(__file__).with_name("fixtures")


def test_the_schema_of_0006_upgrades_to_roll_up_mode_and_row_versions(open_at, data_dir):
    shutil.copy(FIXTURES / "schema_0006.sqlite3", data_dir / DATABASE_FILENAME)
    services = open_at()
    assert services.checklist.state(EDITED_ITEM_ID).evidence == EDITED_STATE["evidence"]
    assert services.settings.profile().cell_name == PROFILE.cell_name
    assert services.rollup.cells() == [] and not services.rollup.is_enabled()
    # rows from before the migration carry a version, and editing one moves it on
    from cell_desk.storage.models import ChecklistItemRow

    with services.database.session() as session:
        assert session.get(ChecklistItemRow, EDITED_ITEM_ID).version == 1
    services.checklist.update_item(EDITED_ITEM_ID, evidence="Biên bản sửa lại")
    with services.database.session() as session:
        assert session.get(ChecklistItemRow, EDITED_ITEM_ID).version == 2
    cell = services.rollup.register("Chi bộ Văn phòng")
    assert services.rollup.cells() == [cell]


def test_the_schema_of_0007_upgrades_with_the_table_of_shared_files(open_at, data_dir):
    from sqlalchemy import func, inspect, select

    from cell_desk.storage.models import SharedFileRow

    shutil.copy(FIXTURES / "schema_0007.sqlite3", data_dir / DATABASE_FILENAME)
    services = open_at()
    assert services.checklist.state(EDITED_ITEM_ID).evidence == EDITED_STATE["evidence"]
    assert services.settings.profile().cell_name == PROFILE.cell_name
    assert "shared_files" in inspect(services.database.engine).get_table_names()
    with services.database.session() as session:
        assert session.scalar(select(func.count()).select_from(SharedFileRow)) == 0
