import datetime as dt
import sqlite3
from contextlib import closing

import pytest

from cell_desk.app import restore_backup
from cell_desk.domain.plan import ItemStatus
from cell_desk.services.backup import BackupService
from cell_desk.storage import errors
from cell_desk.storage.backups import read_backup
from cell_desk.storage.location import DATABASE_FILENAME
from tests.storage.test_database import damage

pytestmark = pytest.mark.sqlite_only  # the SQLite file itself; on PostgreSQL a backup is pg_dump's (test_server.py)


def test_the_daily_copy_is_taken_once_a_day_and_old_ones_are_thinned(services):
    days = iter([dt.datetime(2026, 1, 1, 8) + dt.timedelta(days=n, hours=h) for n in range(40) for h in (0, 5)])
    backups = BackupService(services.database, now=lambda: current)
    made = []
    for current in days:
        made.append(backups.automatic())
    assert sum(path is not None for path in made) == 40  # the second start of a day copies nothing
    kept = list((backups.folder / "tu-dong").glob("*.sqlite3"))
    assert 7 <= len(kept) <= 7 + 4 + 12
    assert read_backup(sorted(kept)[-1]).counts["kế hoạch"] == 1


def test_restore_keeps_the_current_data_as_a_backup_first(open_at, data_dir, tmp_path):
    services = open_at()
    item = services.plans.plan_tree().phases[0].items[0]
    (tmp_path / "usb").mkdir()
    copy = services.backups.backup_to(tmp_path / "usb" / "sao-luu.sqlite3")
    services.checklist.update_item(item.id, status=ItemStatus.DONE)
    services.close()
    kept = restore_backup(data_dir, copy)
    assert kept is not None and kept.exists()
    assert read_backup(kept).done_items == 1  # what was there before the restore
    reopened = open_at()
    assert reopened.checklist.state(item.id).status is ItemStatus.NOT_STARTED


def test_a_damaged_data_file_is_set_aside_not_overwritten(open_at, data_dir, tmp_path):
    services = open_at()
    copy = services.backups.backup_to(tmp_path / "sao-luu.sqlite3")
    live = services.database.path
    services.close()
    damage(live)
    damaged_bytes = live.read_bytes()
    kept = restore_backup(data_dir, copy)
    assert "hong" in kept.name and kept.read_bytes() == damaged_bytes
    assert open_at().plans.list_plans()


def test_a_bad_backup_is_refused_and_nothing_changes(services, data_dir, tmp_path):
    live = services.database.path
    services.close()
    before = live.read_bytes()
    fake = tmp_path / "not-a-backup.sqlite3"
    with closing(sqlite3.connect(fake)) as conn:
        conn.execute("CREATE TABLE notes (text TEXT)")
    with pytest.raises(errors.StorageError, match="không phải bản sao lưu dùng được"):
        restore_backup(data_dir, fake)
    assert live.read_bytes() == before
    assert sorted(p.name for p in data_dir.iterdir() if p.is_file() and p.suffix == ".sqlite3") == [DATABASE_FILENAME]


def test_a_full_disk_or_read_only_file_becomes_a_message(services, monkeypatch):
    from sqlalchemy.exc import OperationalError

    from cell_desk.storage.models import SloganRow

    def refuse(*args, **kwargs):
        raise OperationalError("INSERT", {}, sqlite3.OperationalError("database or disk is full"))

    monkeypatch.setattr("sqlalchemy.orm.Session.commit", refuse)
    with pytest.raises(errors.WriteFailed, match="đã đầy"):
        services.slogans.add("Khẩu hiệu mới", [])
    monkeypatch.undo()
    with services.database.session() as session:
        assert session.query(SloganRow).count() == 16


def test_two_restores_in_one_second_keep_both_safety_copies(open_at, data_dir, tmp_path):
    services = open_at()
    copy = services.backups.backup_to(tmp_path / "sao-luu")  # the ending is added
    assert copy.name == "sao-luu.sqlite3"
    services.close()
    moment = dt.datetime(2026, 11, 26, 9, 0, 0)
    from cell_desk.storage.backups import put_back

    first = put_back(data_dir, copy, data_dir / "backups", now=moment)
    second = put_back(data_dir, copy, data_dir / "backups", now=moment)
    assert first != second and first.exists() and second.exists()


def test_a_full_backup_brings_the_data_and_its_attachments_to_a_new_computer(open_at, tmp_path):
    import zipfile

    from cell_desk.domain.activity import ActivityDraft

    services = open_at(folder=tmp_path / "old-pc")
    photo = tmp_path / "hoi-nghi.jpg"
    photo.write_bytes(b"\xff\xd8 a photo")  # no image codec below the ui layer: kept as a plain file
    activity = services.activities.add(ActivityDraft(dt.date(2020, 8, 3), "Tuyên truyền miệng", "Hội nghị"),
                                       files=[photo])
    assert services.backups.has_files()
    (tmp_path / "usb").mkdir()
    written = services.backups.backup_to(tmp_path / "usb" / "sao-luu")
    assert written.suffix == ".zip"  # files exist, so the backup carries them
    stored = activity.attachments[0].file_name
    assert set(zipfile.ZipFile(written).namelist()) == {DATABASE_FILENAME, f"attachments/{stored}"}
    summary = read_backup(written)
    assert summary.counts["hoạt động"] == 1 and summary.path == written

    new_pc = tmp_path / "new-pc"
    new_pc.mkdir()
    restore_backup(new_pc, written)
    reopened = open_at(folder=new_pc)
    again = reopened.activities.get(activity.id)
    assert reopened.activities.attachment_path(again.attachments[0]).read_bytes() == b"\xff\xd8 a photo"


def test_restoring_a_full_backup_never_overwrites_or_escapes(open_at, data_dir, tmp_path):
    import zipfile

    services = open_at()
    archive = tmp_path / "tu-lam.zip"
    copy = services.backups.backup_to(tmp_path / "chi-du-lieu.sqlite3")
    (data_dir / "attachments").mkdir(exist_ok=True)
    (data_dir / "attachments" / "co-san.jpg").write_bytes(b"mine")
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.write(copy, DATABASE_FILENAME)
        zipped.writestr("attachments/co-san.jpg", b"theirs")
        zipped.writestr("attachments/moi.jpg", b"new")
        zipped.writestr("../ngoai.txt", b"escape")
        zipped.writestr("attachments/../../ngoai2.txt", b"escape")
    services.close()
    restore_backup(data_dir, archive)
    assert (data_dir / "attachments" / "co-san.jpg").read_bytes() == b"mine"
    assert (data_dir / "attachments" / "moi.jpg").read_bytes() == b"new"
    assert not (data_dir.parent / "ngoai.txt").exists() and not (data_dir.parent / "ngoai2.txt").exists()


def test_a_zip_that_is_not_a_backup_is_refused_and_nothing_changes(open_at, data_dir, tmp_path):
    import zipfile

    services = open_at()
    services.close()
    before = (data_dir / DATABASE_FILENAME).read_bytes()
    fake = tmp_path / "anh.zip"
    with zipfile.ZipFile(fake, "w") as zipped:
        zipped.writestr("anh.jpg", b"x")
    with pytest.raises(errors.StorageError, match="không có tệp dữ liệu"):
        restore_backup(data_dir, fake)
    broken = tmp_path / "hong.zip"
    broken.write_bytes(b"PK not really")
    with pytest.raises(errors.StorageError, match="zip hỏng"):
        restore_backup(data_dir, broken)
    assert (data_dir / DATABASE_FILENAME).read_bytes() == before
