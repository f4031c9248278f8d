"""The first look: what Tổng quan paints before the data file is opened, read with plain sqlite3.
It must show the figures the services show, and change nothing in a file it reads."""
import datetime as dt
import hashlib
import shutil
from pathlib import Path

from cell_desk.domain.report import DocumentStatus
from cell_desk.storage.first_look import read_first_look
from cell_desk.storage.location import DATABASE_FILENAME
from tests.conftest import SEED_TODAY

FIXTURES = Path(__file__).parent / "fixtures"


def fingerprint(folder: Path) -> dict[str, str]:
    return {path.name: hashlib.sha256(path.read_bytes()).hexdigest() for path in sorted(folder.iterdir()) if path.is_file()}


def test_the_first_look_shows_what_the_services_show(services, data_dir):
    tree = services.plans.plan_tree()
    items = [item.id for phase in tree.phases for item in phase.all_items()][:5]
    services.checklist.complete_items(items, SEED_TODAY, "Biên bản")
    july = services.reports.open_report(2020, 7)
    services.reports.set_status(july.id, DocumentStatus.SENT, dt.date(2020, 7, 20))
    services.settings.update_profile({"cell_name": "Chi bộ Phòng Tổ chức"})

    look = read_first_look(data_dir, SEED_TODAY)

    assert look is not None
    assert look.overview == services.overview.overview()
    assert look.overview.overall.done >= 5
    assert look.due == services.reports.due_report()
    assert look.cell_name == "Chi bộ Phòng Tổ chức"


def test_the_due_report_of_the_first_look_follows_a_sent_report(services, data_dir):
    august = services.reports.open_report(2020, 8)
    services.reports.set_status(august.id, DocumentStatus.SENT, SEED_TODAY)
    look = read_first_look(data_dir, SEED_TODAY)
    assert look.due.is_sent and look.due.report.sent_on == SEED_TODAY
    assert look.due == services.reports.due_report()


def test_nothing_to_look_at_gives_none(data_dir):
    assert read_first_look(data_dir, SEED_TODAY) is None  # first run: no file yet
    (data_dir / DATABASE_FILENAME).write_text("không phải cơ sở dữ liệu", encoding="utf-8")
    assert read_first_look(data_dir, SEED_TODAY) is None


def test_a_file_of_an_older_schema_waits_for_its_upgrade(data_dir):
    shutil.copy(FIXTURES / "schema_0001.sqlite3", data_dir / DATABASE_FILENAME)
    before = fingerprint(data_dir)
    assert read_first_look(data_dir, SEED_TODAY) is None
    assert fingerprint(data_dir) == before


def test_a_damaged_file_is_read_without_a_single_byte_written(services, data_dir):
    from tests.storage.test_database import damage

    services.close()
    damage(data_dir / DATABASE_FILENAME)
    before = fingerprint(data_dir)
    read_first_look(data_dir, SEED_TODAY)  # a figure or None: the full opening says it is damaged
    assert fingerprint(data_dir) == before  # and no -wal or -shm file was left beside it
