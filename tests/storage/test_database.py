import hashlib
import shutil
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from alembic.config import Config

from cell_desk.domain.plan import ItemStatus
from cell_desk.storage import errors
from cell_desk.storage.database import BACKUP_FOLDER, open_database
from cell_desk.storage.location import DATABASE_FILENAME
from cell_desk.storage.models import Base
from cell_desk.storage.schema import HEAD_REVISION, KNOWN_REVISIONS

from .make_fixture import EDITED_ITEM_ID, EDITED_STATE, PROFILE

FIXTURES = Path(__file__).with_name("fixtures")
MIGRATIONS = Path(__file__).parents[2] / "cell_desk" / "storage" / "migrations"


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_new_database_has_the_pragmas_and_the_head_schema(data_dir):
    database = open_database(data_dir)
    try:
        with database.engine.connect() as conn:
            raw = conn.connection.dbapi_connection
            assert raw.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
            assert raw.execute("PRAGMA foreign_keys").fetchone()[0] == 1
            assert raw.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
            assert raw.execute("PRAGMA busy_timeout").fetchone()[0] > 0
            assert raw.execute("SELECT version_num FROM alembic_version").fetchone()[0] == HEAD_REVISION
    finally:
        database.close()
    assert not (data_dir / BACKUP_FOLDER).exists()  # nothing to back up on a first run


def test_the_known_revisions_are_exactly_the_migration_scripts():
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    scripts = ScriptDirectory.from_config(config)
    assert scripts.get_heads() == [HEAD_REVISION]
    chain = [revision.revision for revision in scripts.walk_revisions()][::-1]
    assert tuple(chain) == KNOWN_REVISIONS


def test_the_migrated_schema_matches_the_models(data_dir):
    database = open_database(data_dir)
    try:
        with database.engine.connect() as conn:
            differences = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    finally:
        database.close()
    assert differences == []


@pytest.mark.parametrize("fixture", sorted(FIXTURES.glob("schema_*.sqlite3")), ids=lambda p: p.stem)
def test_every_earlier_schema_version_opens_with_its_data(fixture, open_at, data_dir):
    shutil.copy(fixture, data_dir / DATABASE_FILENAME)
    services = open_at()
    state = services.checklist.state(EDITED_ITEM_ID)
    assert state.status is ItemStatus.DONE
    assert state.completed_on == EDITED_STATE["completed_on"]
    assert state.evidence == EDITED_STATE["evidence"]
    assert services.settings.profile().cell_name == PROFILE.cell_name
    assert len(services.plans.list_plans()) == 1  # the bundled plan is not loaded twice
    revision = fixture.stem.removeprefix("schema_")
    backups = list((data_dir / BACKUP_FOLDER).glob("*.sqlite3")) if (data_dir / BACKUP_FOLDER).exists() else []
    assert bool(backups) == (revision != HEAD_REVISION)  # copied before any migration


def test_a_database_from_a_newer_version_is_refused_and_left_untouched(services, data_dir):
    path = services.database.path
    services.close()
    with closing(sqlite3.connect(path)) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999'")
        conn.commit()
    before = digest(path)
    with pytest.raises(errors.NewerSchema, match="phiên bản Cell Desk mới hơn") as refused:
        open_database(data_dir)
    assert str(path) in str(refused.value)
    assert digest(path) == before


@pytest.mark.parametrize("content, refusal, wording", [
    (b"PK\x03\x04 this is a zip, not a database" * 10, errors.NotADatabase, "không phải là cơ sở dữ liệu"),
    (b"SQLite format 3\x00" + b"\xff" * 2000, errors.DamagedDatabase, "đã bị hỏng"),
])
def test_a_file_that_is_not_a_database_is_refused_and_left_untouched(data_dir, content, refusal, wording):
    path = data_dir / DATABASE_FILENAME
    path.write_bytes(content)
    with pytest.raises(refusal, match=wording):
        open_database(data_dir)
    assert path.read_bytes() == content


def damage(path: Path) -> None:
    """Overwrites pages in the middle of a database, keeping its header."""
    data = bytearray(path.read_bytes())
    page = 4096
    for start in range(page * 2, len(data) - page, page * 3):
        data[start + 16:start + page] = b"\x5a" * (page - 16)
    path.write_bytes(bytes(data))


def test_a_damaged_database_is_refused_as_damaged(services, data_dir):
    path = services.database.path
    services.close()
    damage(path)
    before = digest(path)
    with pytest.raises(errors.DamagedDatabase, match="đã bị hỏng"):
        open_database(data_dir)
    assert digest(path) == before


def test_somebody_elses_sqlite_file_is_refused(data_dir):
    path = data_dir / DATABASE_FILENAME
    with closing(sqlite3.connect(path)) as conn:
        conn.execute("CREATE TABLE contacts (name TEXT)")
        conn.commit()
    before = digest(path)
    with pytest.raises(errors.NotADatabase):
        open_database(data_dir)
    assert digest(path) == before


def test_a_locked_database_is_refused_with_a_message(services, data_dir):
    path = services.database.path
    services.close()
    with closing(sqlite3.connect(path, isolation_level=None)) as holder:
        holder.execute("BEGIN EXCLUSIVE")
        with pytest.raises(errors.DatabaseLocked, match="đang bị một chương trình khác khóa"):
            open_database(data_dir, busy_timeout_ms=100)
        holder.execute("ROLLBACK")


def test_a_data_folder_that_cannot_be_created_is_refused(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    with pytest.raises(errors.DataFolderNotWritable, match="Không ghi được vào thư mục dữ liệu"):
        open_database(blocker / "data")
    assert blocker.read_text() == "not a folder"


def test_the_schema_of_0004_upgrades_to_several_documents_in_force(open_at, data_dir):
    """0005 adds the document kind and an item's detail, and lets more than one plan be in force."""
    shutil.copy(FIXTURES / "schema_0004.sqlite3", data_dir / DATABASE_FILENAME)
    services = open_at()
    [plan] = services.plans.list_plans()
    assert plan.doc_kind == "phased_plan" and plan.kind_label == "Kế hoạch theo đợt" and plan.is_active
    assert services.checklist.state(EDITED_ITEM_ID).evidence == EDITED_STATE["evidence"]  # the cell's work kept
    assert all(item.detail == "" for item in services.plans.plan_tree().all_items())
    copy = services.exchange.document(plan.id)
    copy["plan"]["number"] = "21-KH/ĐUK"
    second = services.exchange.save(copy, activate=True)
    assert [p.id for p in services.plans.plans_in_force()] == [plan.id, second]  # the unique index is gone
    with services.database.engine.connect() as conn:
        indexes = {row[1] for row in conn.exec_driver_sql("PRAGMA index_list('plans')")}
    assert "ix_plans_one_active" not in indexes
