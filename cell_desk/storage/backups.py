"""Copies of the data file: taking one, reading what one holds, putting one back.
Every copy goes through SQLite's backup API, so it is consistent even while the program writes."""
from __future__ import annotations

import datetime as dt
import os
import shutil
import sqlite3
import tempfile
import zipfile
from contextlib import closing, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from . import errors
from .database import SQLITE_HEADER, backup_copy, read_only
from .location import DATABASE_FILENAME
from .schema import KNOWN_REVISIONS

# Tables counted in a backup's preview, with their Vietnamese names; those not there are skipped.
COUNTED = (("plans", "kế hoạch"), ("activities", "hoạt động"), ("documents", "văn bản"),
           ("slogans", "khẩu hiệu"), ("posters", "pa-nô"))


# Folders of files the database refers to; a full backup (.zip) carries them beside the data file.
FILE_FOLDERS = ("attachments", "posters")

KIND_LABELS = {"tu-dong": "Tự động hằng ngày", "truoc-khoi-phuc": "Trước khi khôi phục",
               "truoc-nang-cap": "Trước khi nâng cấp"}


@dataclass(frozen=True)
class BackupSummary:
    path: Path
    taken_at: dt.datetime
    counts: dict[str, int]
    done_items: int
    revision: str

    @property
    def kind_label(self) -> str:
        name = self.path.stem
        for key, label in KIND_LABELS.items():
            if key in name:
                return label
        return "Sao lưu"

    def describe(self) -> str:
        parts = [f"{count} {name}" for name, count in self.counts.items()]
        parts.append(f"{self.done_items} nội dung đã hoàn thành")
        return ", ".join(parts)


def read_backup(path: Path, *, is_backup: bool = True) -> BackupSummary:
    """What a backup (or the live file) holds, read without changing it; StorageError if unusable.
    A full backup (.zip) is read through the data file inside it."""
    path = Path(path)
    if path.suffix.lower() == ".zip":
        with opened_backup(path) as inside:
            summary = read_backup(inside, is_backup=is_backup)
        return BackupSummary(path, dt.datetime.fromtimestamp(path.stat().st_mtime), summary.counts,
                             summary.done_items, summary.revision)
    if not path.is_file():
        raise errors.StorageError(f"Không thấy tệp {path}.", path)
    with open(path, "rb") as handle:
        if handle.read(len(SQLITE_HEADER)) != SQLITE_HEADER:
            raise errors.not_a_database(path)
    try:
        with read_only(path) as conn:
            problems = [line for (line,) in conn.execute("PRAGMA quick_check(5)") if line != "ok"]
            if problems:
                raise errors.damaged(path, problems[0], backup=is_backup)
            tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
            if "alembic_version" not in tables:
                raise errors.not_a_database(path)
            revision = conn.execute("SELECT version_num FROM alembic_version").fetchone()[0]
            if revision not in KNOWN_REVISIONS:
                raise errors.newer_schema(path, revision)
            counts = {name: conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
                      for table, name in COUNTED if table in tables}
            done = conn.execute("SELECT count(*) FROM checklist_items WHERE status = 'done'").fetchone()[0]
    except sqlite3.DatabaseError as exc:
        raise errors.damaged(path, str(exc), backup=is_backup) from exc
    taken_at = dt.datetime.fromtimestamp(path.stat().st_mtime)
    return BackupSummary(path, taken_at, counts, done, revision)


def copy_to(source: Path, target: Path) -> Path:
    """A consistent copy of the live file at a path the user chose (a USB stick, say)."""
    from ..exports.atomic import write_atomically

    def write(temporary: Path) -> None:
        temporary.unlink(missing_ok=True)
        with closing(sqlite3.connect(source)) as src, closing(sqlite3.connect(temporary)) as dst:
            src.backup(dst)

    return write_atomically(Path(target), write)


def copy_with_files_to(folder: Path, target: Path) -> Path:
    """A full backup: one .zip holding a consistent copy of the data file and every attachment and
    poster it refers to, so that a new computer gets everything back from one file."""
    from ..exports.atomic import write_atomically

    folder = Path(folder)

    def write(temporary: Path) -> None:
        with tempfile.TemporaryDirectory(prefix="cell-desk-") as work:
            copy = Path(work) / DATABASE_FILENAME
            with closing(sqlite3.connect(folder / DATABASE_FILENAME)) as src, closing(sqlite3.connect(copy)) as dst:
                src.backup(dst)
            with zipfile.ZipFile(temporary, "w", zipfile.ZIP_DEFLATED, allowZip64=True) as archive:
                archive.write(copy, DATABASE_FILENAME)
                for name in FILE_FOLDERS:
                    for path in sorted((folder / name).rglob("*")):
                        if path.is_file() and not path.name.endswith(".partial"):
                            archive.write(path, path.relative_to(folder).as_posix())

    return write_atomically(Path(target), write)


@contextmanager
def opened_backup(path: Path) -> Iterator[Path]:
    """The data file of a backup: the file itself, or the one inside a full backup, unpacked to a
    temporary folder for as long as it is needed."""
    path = Path(path)
    if path.suffix.lower() != ".zip":
        yield path
        return
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as exc:
        raise errors.StorageError(f"Tệp {path} không phải bản sao lưu đầy đủ của Cell Desk (tệp .zip hỏng).",
                                  path) from exc
    with archive, tempfile.TemporaryDirectory(prefix="cell-desk-") as work:
        if DATABASE_FILENAME not in archive.namelist():
            raise errors.StorageError(f"Trong {path.name} không có tệp dữ liệu {DATABASE_FILENAME}.", path)
        archive.extract(DATABASE_FILENAME, work)
        yield Path(work) / DATABASE_FILENAME


def restore_files(folder: Path, backup: Path) -> int:
    """Puts the attachments and posters of a full backup back where they are missing; a file
    already there is never overwritten. Returns how many were written."""
    backup = Path(backup)
    if backup.suffix.lower() != ".zip":
        return 0
    written = 0
    with zipfile.ZipFile(backup) as archive:
        for entry in archive.infolist():
            parts = Path(entry.filename).parts
            # only files under the known folders, and no way out of them
            if entry.is_dir() or len(parts) < 2 or parts[0] not in FILE_FOLDERS or ".." in parts:
                continue
            target = Path(folder).joinpath(*parts)
            if target.exists():
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            partial = target.with_name(target.name + ".partial")
            with archive.open(entry) as source, open(partial, "wb") as sink:
                shutil.copyfileobj(source, sink)
            os.replace(partial, target)
            written += 1
    return written


def set_aside(path: Path, now: dt.datetime | None = None) -> Path:
    """Moves a damaged data file (and its -wal and -shm) out of the way under a telling name."""
    stamp = (now or dt.datetime.now()).strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.stem}-hong-{stamp}{path.suffix}")
    number = 2
    while target.exists():
        target = path.with_name(f"{path.stem}-hong-{stamp}-{number}{path.suffix}")
        number += 1
    for suffix in ("", "-wal", "-shm"):
        companion = Path(str(path) + suffix)
        if companion.exists():
            os.replace(companion, Path(str(target) + suffix))
    return target


def put_back(folder: Path, backup: Path, backup_folder: Path, now: dt.datetime | None = None) -> Path | None:
    """Replaces the live data file with a backup. The live file is first backed up (or, when it
    cannot be read, set aside). The program must have closed the database. Returns where the
    previous file went."""
    with opened_backup(backup) as database_file:
        kept = _put_back_database(folder, Path(backup), database_file, backup_folder, now)
    restore_files(folder, backup)
    return kept


def _put_back_database(folder: Path, backup: Path, database_file: Path, backup_folder: Path,
                       now: dt.datetime | None) -> Path | None:
    try:
        summary = read_backup(database_file)  # refuse a bad backup before touching anything
    except errors.NewerSchema:
        raise
    except errors.StorageError as exc:
        raise errors.StorageError(
            f"Không khôi phục được từ {backup}: tệp này không phải bản sao lưu dùng được của Cell Desk "
            f"({str(exc).splitlines()[0].rstrip('.')}). Dữ liệu hiện tại vẫn giữ nguyên.", Path(backup)) from exc
    live = Path(folder) / DATABASE_FILENAME
    kept: Path | None = None
    if live.exists():
        try:
            read_backup(live, is_backup=False)
            kept = backup_copy(live, backup_folder, "truoc-khoi-phuc", now=now)
        except errors.StorageError:
            kept = set_aside(live, now)
    partial = live.with_name(live.name + ".restoring")
    partial.unlink(missing_ok=True)
    with closing(sqlite3.connect(summary.path.resolve().as_uri() + "?mode=ro", uri=True)) as src, \
            closing(sqlite3.connect(partial)) as dst:
        src.backup(dst)
    for suffix in ("-wal", "-shm"):
        Path(str(live) + suffix).unlink(missing_ok=True)
    os.replace(partial, live)
    return kept


def available_backups(folder: Path) -> list[BackupSummary]:
    """Every readable backup under a folder, newest first; unreadable files are not offered."""
    found = []
    for path in [*Path(folder).rglob("*.sqlite3"), *Path(folder).rglob("*.zip")]:
        try:
            found.append(read_backup(path))
        except (errors.StorageError, OSError):
            continue
    return sorted(found, key=lambda summary: summary.taken_at, reverse=True)
