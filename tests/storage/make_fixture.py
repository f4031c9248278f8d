"""Writes tests/storage/fixtures/schema_<HEAD>.sqlite3: a database of the current schema with
edited checklist items and a profile. Run it once when a schema revision is added, before the
new migration, and commit the file: the migration tests then upgrade every stored version."""
import datetime as dt
import sys
import tempfile
from pathlib import Path

from cell_desk.app import open_services
from cell_desk.domain.plan import ItemStatus
from cell_desk.domain.profile import CellProfile
from cell_desk.services.clock import fixed_clock
from cell_desk.storage.database import backup_copy
from cell_desk.storage.schema import HEAD_REVISION

FIXTURES = Path(__file__).with_name("fixtures")
# What every fixture holds, so the migration test can find it again.
EDITED_ITEM_ID = 3
EDITED_STATE = dict(status=ItemStatus.DONE, completed_on=dt.date(2020, 3, 2), assignee="Đ/c Trần Thị Lan",
                    evidence="Biên bản sinh hoạt chi bộ tháng 3/2020")
PROFILE = CellProfile(cell_name="Chi bộ Văn phòng", secretary_name="Nguyễn Văn Hùng")


def main() -> int:
    with tempfile.TemporaryDirectory() as folder:
        services = open_services(folder, clock=fixed_clock(dt.date(2020, 8, 15)))
        services.checklist.update_item(EDITED_ITEM_ID, **EDITED_STATE)
        services.settings.save_profile(PROFILE)
        FIXTURES.mkdir(exist_ok=True)
        target = FIXTURES / f"schema_{HEAD_REVISION}.sqlite3"
        copy = backup_copy(services.database.path, Path(folder) / "copy", "fixture")
        services.close()
        target.write_bytes(copy.read_bytes())
        print(f"wrote {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
