"""The data on a PostgreSQL server: several users at once, backups by pg_dump, and the messages
when the server cannot be used. The rest of the service tests run on the server too (conftest)."""
from dataclasses import replace

import pytest
from sqlalchemy import create_engine, inspect, text

from cell_desk.__main__ import main
from cell_desk.domain.plan import ItemStatus
from cell_desk.storage.database import open_database
from cell_desk.storage.errors import EditConflict, NotADatabase, ServerUnreachable, StorageError
from cell_desk.storage.location import SERVER_SETTING_FILENAME, resolve_database_url
from cell_desk.storage.models import ChecklistItemRow
from cell_desk.storage.schema import HEAD_REVISION
from tests.conftest import SEED_TODAY
from tests.postgres_server import admin, database_url

on_server = pytest.mark.postgresql_only


def first_item(services):
    return services.plans.plan_tree().phases[0].all_items()[0]


@on_server
def test_two_users_editing_one_task_the_later_save_is_refused_not_written_over(open_at, engine):
    lan, minh = open_at(), open_at()  # two windows on the same server database
    item_id = first_item(lan).id
    with pytest.raises(EditConflict, match="Người khác vừa lưu"):
        with lan.database.session() as session:
            mine = session.get(ChecklistItemRow, item_id)  # Lan has the task open
            minh.checklist.update_item(item_id, status=ItemStatus.DONE, assignee="Đ/c Minh")
            mine.assignee = "Đ/c Lan"
    seen = lan.checklist.state(item_id)
    assert (seen.status, seen.assignee) == (ItemStatus.DONE, "Đ/c Minh")
    # the refused save left nothing half-done: Lan's next edit, made on the fresh copy, is kept
    lan.checklist.update_item(item_id, evidence="Biên bản sinh hoạt")
    assert minh.checklist.state(item_id).evidence == "Biên bản sinh hoạt"


@on_server
def test_a_registered_cell_edited_from_an_old_copy_is_refused(open_at, engine):
    office, deputy = open_at(), open_at()
    cell = office.rollup.register("Chi bộ Phòng Kế toán")
    deputy.rollup.update_cell(replace(cell, note="Bí thư mới: đ/c Hà"))
    stale = replace(cell, name="Chi bộ Kế toán")  # the office's window still shows the first copy
    with pytest.raises(EditConflict):
        office.rollup.update_cell(stale)
    (kept,) = office.rollup.cells()
    assert (kept.name, kept.note) == ("Chi bộ Phòng Kế toán", "Bí thư mới: đ/c Hà")


@on_server
def test_backup_on_the_server_points_to_pg_dump_and_makes_no_file(open_at, engine, tmp_path):
    services = open_at()
    assert services.backups.automatic() is None
    with pytest.raises(StorageError, match="pg_dump --format=custom"):
        services.backups.backup_to(tmp_path / "sao-luu.zip")
    assert not (tmp_path / "sao-luu.zip").exists()
    assert not (services.data_dir / "backups").exists()
    missing = services.backups.server_backup_advice(which=lambda _name: None)
    assert "chưa có pg_dump" in missing and "postgresql-client" in missing
    found = services.backups.server_backup_advice(which=lambda _name: "/usr/bin/pg_dump")
    assert "/usr/bin/pg_dump" in found and "pg_restore" in found
    assert "password" not in found and services.database.server_url.split("@")[-1] in found


@on_server
def test_the_window_names_the_server_without_its_password(open_at, engine):
    services = open_at()
    assert services.database.on_server
    assert services.database.location.startswith("máy chủ PostgreSQL postgresql://cell_desk@127.0.0.1:")


@on_server
def test_migrations_give_the_server_the_same_tables_and_columns_as_the_file(open_at, engine, tmp_path):
    server = open_at().database.engine
    file = open_database(tmp_path / "file").engine

    def shape(engine):
        found = inspect(engine)
        return {table: sorted(column["name"] for column in found.get_columns(table))
                for table in found.get_table_names()}

    assert shape(server) == shape(file)
    with server.connect() as conn:
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == HEAD_REVISION
    file.dispose()


@on_server
def test_a_database_of_another_program_is_refused_untouched(postgres_server, engine, data_dir):
    admin(postgres_server, "CREATE DATABASE other_program")
    url = database_url(postgres_server, "other_program")
    other = create_engine(url.replace("postgresql://", "postgresql+psycopg://", 1))
    try:
        with other.begin() as conn:
            conn.execute(text("CREATE TABLE ledger (id integer PRIMARY KEY)"))
        with pytest.raises(NotADatabase, match="bảng của chương trình khác"):
            open_database(data_dir, database_url=url)
        assert inspect(other).get_table_names() == ["ledger"]
    finally:
        other.dispose()
        admin(postgres_server, "DROP DATABASE other_program WITH (FORCE)")


@on_server
def test_a_server_schema_newer_than_the_program_is_refused(open_at, engine, data_dir):
    services = open_at()
    with services.database.engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    url = services.database.server_url
    services.close()
    with pytest.raises(StorageError, match="9999|mới hơn"):
        open_database(data_dir, database_url=url)


@on_server
def test_the_command_line_works_on_the_server(open_at, engine, data_dir, capsys):
    url = open_at().database.server_url
    assert main(["--data-dir", str(data_dir), "--database", url, "plan", "list"]) == 0
    assert "20-KH/ĐUK" in capsys.readouterr().out
    assert main(["--data-dir", str(data_dir), "--database", url, "restore", str(data_dir / "x.sqlite3")]) != 0
    assert "pg_restore" in capsys.readouterr().err
    assert main(["--data-dir", str(data_dir), "--database", url, "backup", "--out", str(data_dir / "b.zip")]) != 0
    assert "pg_dump --format=custom" in capsys.readouterr().err and not (data_dir / "b.zip").exists()


def test_a_server_that_does_not_answer_gets_a_message_and_no_file(data_dir):
    with pytest.raises(ServerUnreachable, match="máy chủ không trả lời"):
        open_database(data_dir, database_url="postgresql://cell_desk:bi-mat@127.0.0.1:1/cell_desk")
    assert not (data_dir / "cell_desk.sqlite3").exists()


@pytest.mark.parametrize("url, message", [
    ("mysql://user@host/db", "chưa được hỗ trợ"),
    ("sqlite:///tmp/x.sqlite3", "chưa được hỗ trợ"),
    ("không phải địa chỉ", "không đúng dạng"),
])
def test_an_address_that_is_not_postgresql_is_refused(data_dir, url, message):
    with pytest.raises(StorageError, match=message):
        open_database(data_dir, database_url=url)


def test_the_server_setting_comes_from_the_flag_then_the_environment_then_the_data_folder(tmp_path):
    assert resolve_database_url(None, tmp_path, environ={}) is None
    (tmp_path / SERVER_SETTING_FILENAME).write_text(
        "# máy chủ của văn phòng đảng ủy\n\npostgresql://vp@may-chu/cell_desk\n", encoding="utf-8")
    assert resolve_database_url(None, tmp_path, environ={}) == "postgresql://vp@may-chu/cell_desk"
    environ = {"CELL_DESK_DATABASE": "postgresql://env@may-chu/db"}
    assert resolve_database_url(None, tmp_path, environ=environ) == "postgresql://env@may-chu/db"
    assert resolve_database_url(" postgresql://flag@x/db ", tmp_path, environ=environ) == "postgresql://flag@x/db"


def test_an_address_is_shown_without_its_password_and_as_pg_dump_takes_it():
    from cell_desk.storage.database import shown_url

    assert shown_url("postgresql+psycopg://vp:bi-mat@may-chu:5432/cell_desk") == "postgresql://vp@may-chu:5432/cell_desk"


@on_server
def test_the_advised_pg_dump_command_makes_a_backup(open_at, engine, tmp_path):
    import shlex
    import shutil
    import subprocess

    if shutil.which("pg_dump") is None:
        pytest.skip("pg_dump is not installed (Debian package postgresql-client)")
    services = open_at()
    services.rollup.register("Chi bộ Phòng Kế toán")
    advice = services.backups.server_backup_advice(folder=tmp_path)
    command = shlex.split(next(line for line in advice.splitlines() if line.strip().startswith("pg_dump")))
    subprocess.run(command, check=True, capture_output=True, timeout=60)
    (dump,) = tmp_path.glob("cell-desk-*.dump")
    listing = subprocess.run(["pg_restore", "--list", str(dump)], check=True, capture_output=True, text=True).stdout
    assert "rollup_cells" in listing and "checklist_items" in listing


@on_server
def test_the_file_s_data_is_copied_whole_onto_an_empty_server_database(postgres_server, engine, tmp_path, capsys):
    from sqlalchemy import select

    from cell_desk.app import open_services
    from cell_desk.domain.activity import ActivityDraft
    from cell_desk.services.clock import fixed_clock
    from cell_desk.services.demo import fill_activities, fill_checklist
    from cell_desk.storage.models import ActivityRow, Base

    folder = tmp_path / "van-phong"
    desk = open_services(folder, clock=fixed_clock(SEED_TODAY))
    scan = tmp_path / "bien-ban.pdf"
    scan.write_bytes(b"%PDF-1.4 bien ban")
    with_file = desk.activities.add(ActivityDraft(occurred_on=SEED_TODAY, form="Tuyên truyền miệng",
                                                  title="Họp có biên bản"), files=[scan])
    fill_checklist(desk.database, desk.clock)
    fill_activities(desk.database, 40, desk.clock)
    desk.rollup.register_many("Chi bộ Phòng Kế toán\nChi bộ Văn phòng")
    desk.close()
    admin(postgres_server, "CREATE DATABASE moved_office")
    url = database_url(postgres_server, "moved_office")
    try:
        assert main(["--data-dir", str(folder), "server", "copy", url]) == 0
        assert "Đã chép" in capsys.readouterr().out
        assert resolve_database_url(None, folder, environ={}) == url  # the next start opens the server
        original = create_engine(f"sqlite:///{folder / 'cell_desk.sqlite3'}")
        moved = open_services(folder, clock=fixed_clock(SEED_TODAY))
        assert moved.database.on_server
        for table in Base.metadata.sorted_tables:
            if table.name == "shared_files":
                continue  # the file's table is empty: its files are in the folder, copied below
            order = list(table.primary_key.columns)
            with original.connect() as a, moved.database.engine.connect() as b:
                assert [tuple(r) for r in a.execute(select(table).order_by(*order))] == \
                       [tuple(r) for r in b.execute(select(table).order_by(*order))], table.name
        with moved.database.session() as session:
            highest = max(session.scalars(select(ActivityRow.id)))
        added = moved.activities.add(ActivityDraft(occurred_on=SEED_TODAY, form="Tuyên truyền miệng",
                                                   title="Tuyên truyền sau khi chuyển lên máy chủ"))
        assert added.id > highest  # numbering goes on past the copied rows
        moved.close()
        elsewhere = _second_pc(moved, tmp_path / "may-khac")
        (attachment,) = elsewhere.activities.get(with_file.id).attachments
        assert elsewhere.activities.attachment_path(attachment).read_bytes() == scan.read_bytes()
        elsewhere.close()
        # a second copy is refused and writes nothing
        assert main(["--data-dir", str(folder), "--database", url, "server", "copy", url]) != 0
        (folder / SERVER_SETTING_FILENAME).unlink()
        assert main(["--data-dir", str(folder), "server", "copy", url]) != 0
        assert "đã có dữ liệu Cell Desk" in capsys.readouterr().err
        original.dispose()
    finally:
        admin(postgres_server, "DROP DATABASE moved_office WITH (FORCE)")


def _second_pc(services, folder):
    """Another PC of the office: its own data folder, the same server database."""
    from cell_desk.app import open_services
    from cell_desk.services.clock import fixed_clock

    return open_services(folder, clock=fixed_clock(SEED_TODAY), database_url=services.database.server_url)


@on_server
def test_an_attachment_saved_on_one_pc_opens_on_another(open_at, engine, tmp_path):
    from cell_desk.domain.activity import ActivityDraft

    scan = tmp_path / "bien-ban.pdf"
    scan.write_bytes(b"%PDF-1.4 bien ban sinh hoat chi bo")
    lan = open_at()
    added = lan.activities.add(ActivityDraft(occurred_on=SEED_TODAY, form="Tuyên truyền miệng",
                                             title="Sinh hoạt chuyên đề"), files=[scan])
    minh = _second_pc(lan, tmp_path / "may-cua-minh")
    try:
        (seen,) = minh.activities.get(added.id).attachments
        path = minh.activities.attachment_path(seen)
        assert path.parent == tmp_path / "may-cua-minh" / "attachments"  # fetched into Minh's own folder
        assert path.read_bytes() == scan.read_bytes()
    finally:
        minh.close()


@pytest.mark.sqlite_only
def test_on_the_file_attachments_stay_in_the_folder_alone(open_at, engine, tmp_path):
    from sqlalchemy import func, select

    from cell_desk.domain.activity import ActivityDraft
    from cell_desk.storage.models import SharedFileRow

    scan = tmp_path / "bien-ban.pdf"
    scan.write_bytes(b"%PDF-1.4 scan")
    services = open_at()
    services.activities.add(ActivityDraft(occurred_on=SEED_TODAY, form="Tuyên truyền miệng", title="Họp"),
                            files=[scan])
    with services.database.session() as session:
        assert session.scalar(select(func.count()).select_from(SharedFileRow)) == 0
