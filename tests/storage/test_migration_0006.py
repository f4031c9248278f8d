import shutil
from pathlib import Path

from cell_desk.domain.members import Member
from cell_desk.storage.location import DATABASE_FILENAME

from .make_fixture import EDITED_ITEM_ID, EDITED_STATE

FIXTURES = Path(__file__).with_name("fixtures")


def test_the_schema_of_0005_upgrades_to_members_and_meetings(open_at, data_dir):
    shutil.copy(FIXTURES / "schema_0005.sqlite3", data_dir / DATABASE_FILENAME)
    services = open_at()
    assert services.checklist.state(EDITED_ITEM_ID).evidence == EDITED_STATE["evidence"]
    assert services.members.members() == [] and services.meetings.meetings() == []
    services.members.save(Member(None, "Nguyễn Văn Hùng", "Bí thư"))
    assert [m.name for m in services.members.members()] == ["Nguyễn Văn Hùng"]
