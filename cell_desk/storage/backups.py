"""Copies of the data file: taking one, reading what one holds, putting one back.
Every copy goes through SQLite's backup API, so it is consistent even while the program writes."""
from __future__ import annotations

import datetime as dt
import errno
import os
import shutil
import sqlite3
import stat
import tempfile
import zipfile
from contextlib import closing, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from . import errors
from .database import SQLITE_HEADER, backup_copy, read_only, sync_file
from .location import DATABASE_FILENAME, FILE_FOLDERS, user_files
from .schema import KNOWN_REVISIONS

# Tables counted in a backup's preview, with their Vietnamese names; those not there are skipped.
COUNTED = (("plans", "kế hoạch"), ("activities", "hoạt động"), ("documents", "văn bản"),
           ("slogans", "khẩu hiệu"), ("posters", "pa-nô"))


# Folders of files the database refers to; a full backup (.zip) carries them beside the data file.

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


def read_backup(path: Path, *, is_backup: bool = True, work_folder: Path | None = None) -> BackupSummary:
    """What a backup (or the live file) holds, read without changing it; StorageError if unusable.
    A full backup (.zip) is read through the data file inside it (unpacked in `work_folder`)."""
    path = Path(path)
    if path.suffix.lower() == ".zip":
        with opened_backup(path, work_folder) as inside:
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
        with _disk_errors(), closing(sqlite3.connect(source)) as src, closing(sqlite3.connect(temporary)) as dst:
            src.backup(dst)
        sync_file(temporary)

    return write_atomically(Path(target), write)


@contextmanager
def _disk_errors() -> Iterator[None]:
    """SQLite says "database or disk is full" in an exception of its own; the exporters' message
    for a full disk (exports.atomic) is given for an OSError."""
    try:
        yield
    except sqlite3.OperationalError as exc:
        if "full" in str(exc).lower():
            raise OSError(errno.ENOSPC, "No space left on device") from exc
        raise OSError(errno.EIO, str(exc)) from exc


def copy_with_files_to(folder: Path, target: Path) -> Path:
    """A full backup: one .zip holding a consistent copy of the data file and every attachment and
    poster it refers to, so that a new computer gets everything back from one file."""
    from ..exports.atomic import write_atomically

    folder = Path(folder)

    def write(temporary: Path) -> None:
        with tempfile.TemporaryDirectory(prefix="cell-desk-") as work:
            copy = Path(work) / DATABASE_FILENAME
            with _disk_errors(), closing(sqlite3.connect(folder / DATABASE_FILENAME)) as src, \
                    closing(sqlite3.connect(copy)) as dst:
                src.backup(dst)
            with zipfile.ZipFile(temporary, "w", zipfile.ZIP_DEFLATED, allowZip64=True) as archive:
                archive.write(copy, DATABASE_FILENAME)
                for name, path in user_files(folder):
                    archive.write(path, name)
        sync_file(temporary)

    return write_atomically(Path(target), write)


# A cell's data file is a few MB (100,000 activities: 75 MB); a backup's is refused above this.
MAX_DATABASE_BYTES = 2 * 1024 ** 3
MAX_ENTRIES = 200_000
FREE_SPACE_MARGIN = 16 * 1024 * 1024  # left free on the disk after unpacking, for the database to work


def _is_symlink(entry: zipfile.ZipInfo) -> bool:
    return stat.S_ISLNK(entry.external_attr >> 16)


def file_parts(entry: zipfile.ZipInfo) -> tuple[str, ...] | None:
    """Where an entry of a full backup goes, as parts under the data folder, or None when it is
    not an attachment or a poster: a folder, a symlink, an absolute or drive path, a way up (..),
    a backslash (a Windows separator) or any name outside the known folders."""
    name = entry.filename
    if entry.is_dir() or _is_symlink(entry) or "\\" in name or ":" in name or "\x00" in name:
        return None
    parts = tuple(name.split("/"))
    if len(parts) < 2 or parts[0] not in FILE_FOLDERS or any(part in ("", ".", "..") for part in parts):
        return None
    return parts


def _free_bytes(folder: Path) -> int:
    try:
        return shutil.disk_usage(folder).free
    except OSError:
        return 0


def _check_archive(path: Path, archive: zipfile.ZipFile, work: Path) -> zipfile.ZipInfo:
    """The data file's entry of a full backup, once the archive's own directory shows nothing to
    refuse; reads no entry."""
    entries = archive.infolist()
    if len(entries) > MAX_ENTRIES:
        raise errors.unsafe_backup(path, f"tệp .zip có {len(entries):_} mục, không phải bản sao lưu của Cell Desk"
                                   .replace("_", "."))
    found = [entry for entry in entries if entry.filename == DATABASE_FILENAME]
    if not found:
        raise errors.StorageError(f"Trong {path.name} không có tệp dữ liệu {DATABASE_FILENAME}.", path)
    entry = found[-1]
    if _is_symlink(entry):
        raise errors.unsafe_backup(path, f"{DATABASE_FILENAME} trong tệp là một liên kết (symlink), không phải tệp dữ liệu")
    if entry.file_size > MAX_DATABASE_BYTES:
        raise errors.unsafe_backup(path, f"tệp dữ liệu bên trong khai báo {entry.file_size / 1024 ** 3:.0f} GB, "
                                   "lớn hơn mọi dữ liệu của một chi bộ (tệp hỏng hoặc “bom nén”)")
    if entry.file_size + FREE_SPACE_MARGIN > _free_bytes(work):
        raise errors.unsafe_backup(path, f"giải nén cần {entry.file_size / 1024 ** 2:.0f} MB nhưng ổ đĩa chứa "
                                   f"{work} không còn đủ chỗ trống")
    return entry


@contextmanager
def opened_backup(path: Path, work_folder: Path | None = None) -> Iterator[Path]:
    """The data file of a backup: the file itself, or the one inside a full backup, unpacked to a
    temporary folder (inside `work_folder` when given: a restore unpacks inside the data folder)
    for as long as it is needed. Only that one entry is unpacked, never more bytes than it declares."""
    path = Path(path)
    if path.suffix.lower() != ".zip":
        yield path
        return
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise errors.StorageError(f"Tệp {path} không phải bản sao lưu đầy đủ của Cell Desk (tệp .zip hỏng).",
                                  path) from exc
    if work_folder is not None:
        Path(work_folder).mkdir(parents=True, exist_ok=True)
    with archive, tempfile.TemporaryDirectory(prefix=".cell-desk-giai-nen-", dir=work_folder) as work:
        entry = _check_archive(path, archive, Path(work))
        target = Path(work) / DATABASE_FILENAME
        try:
            with archive.open(entry) as source, open(target, "wb") as sink:
                _copy_at_most(source, sink, entry.file_size)
        except (zipfile.BadZipFile, EOFError, ValueError, NotImplementedError) as exc:
            raise errors.StorageError(f"Tệp {path} không phải bản sao lưu đầy đủ của Cell Desk (tệp .zip hỏng).",
                                      path) from exc
        except OSError as exc:
            raise errors.unsafe_backup(path, f"không giải nén được ({exc.strerror or exc})") from exc
        yield target


def _copy_at_most(source, sink, limit: int) -> None:
    written = 0
    while chunk := source.read(1024 * 1024):
        written += len(chunk)
        if written > limit:
            raise ValueError("entry longer than declared")
        sink.write(chunk)


def restore_files(folder: Path, backup: Path) -> int:
    """Puts the attachments and posters of a full backup back where they are missing; a file
    already there is never overwritten. Returns how many were written."""
    backup = Path(backup)
    if backup.suffix.lower() != ".zip":
        return 0
    written = 0
    folder = Path(folder)
    with zipfile.ZipFile(backup) as archive:
        for entry in archive.infolist():
            parts = file_parts(entry)  # only files under the known folders, and no way out of them
            if parts is None:
                continue
            target = folder.joinpath(*parts)
            if target.exists() or target.is_symlink() or not _inside(folder, target.parent):
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            partial = target.with_name(target.name + ".partial")
            partial.unlink(missing_ok=True)  # a link planted there is removed, not followed
            try:
                with archive.open(entry) as source, open(partial, "xb") as sink:
                    _copy_at_most(source, sink, entry.file_size)
                os.replace(partial, target)
            except (zipfile.BadZipFile, EOFError, ValueError, NotImplementedError):
                partial.unlink(missing_ok=True)  # a damaged file in the backup: the others still come back
                continue
            except OSError:
                partial.unlink(missing_ok=True)
                raise
            written += 1
    return written


def _inside(folder: Path, path: Path) -> bool:
    """Whether a folder, once links are followed, is the data folder's own (its files folders may
    not be links to elsewhere, say /etc)."""
    root = folder.resolve()
    resolved = path.resolve()
    return resolved == root or root in resolved.parents


def _files_fit(folder: Path, backup: Path) -> None:
    """Refuses a full backup whose attachments would not fit on the disk, before anything is changed."""
    if backup.suffix.lower() != ".zip":
        return
    with zipfile.ZipFile(backup) as archive:
        wanted = [entry for entry in archive.infolist() if file_parts(entry) is not None
                  and not folder.joinpath(*file_parts(entry)).exists()]
    huge = [entry for entry in wanted if entry.file_size > MAX_DATABASE_BYTES]
    if huge:
        raise errors.unsafe_backup(backup, f"tệp “{huge[0].filename}” bên trong khai báo "
                                   f"{huge[0].file_size / 1024 ** 3:.0f} GB, lớn hơn mọi ảnh hay tệp đính kèm "
                                   "(tệp hỏng hoặc “bom nén”)")
    needed = sum(entry.file_size for entry in wanted)
    if needed and needed + FREE_SPACE_MARGIN > _free_bytes(folder):
        raise errors.unsafe_backup(backup, f"các tệp đính kèm trong đó cần {needed / 1024 ** 2:.0f} MB nhưng ổ đĩa "
                                   f"chứa {folder} không còn đủ chỗ trống")


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
    folder, backup = Path(folder), Path(backup)
    for leftover in folder.glob(".cell-desk-giai-nen-*"):  # unpacked by a restore that was killed
        shutil.rmtree(leftover, ignore_errors=True)
    with opened_backup(backup, work_folder=folder) as database_file:
        _files_fit(folder, backup)
        kept = _put_back_database(folder, backup, database_file, backup_folder, now)
    try:
        restore_files(folder, backup)
    except OSError as exc:
        raise errors.StorageError(
            f"Đã khôi phục dữ liệu từ {backup.name} nhưng chưa chép lại được hết tệp đính kèm và pa-nô "
            f"({exc.strerror or exc}). Hãy giải phóng chỗ trống rồi khôi phục lại bản này: tệp đã có không bị ghi đè.",
            backup) from exc
    return kept


def _put_back_database(folder: Path, backup: Path, database_file: Path, backup_folder: Path,
                       now: dt.datetime | None) -> Path | None:
    try:
        summary = read_backup(database_file)  # refuse a bad backup before touching anything
    except errors.NewerSchema as exc:
        revision = str(exc).split("(lược đồ ", 1)[-1].split(")", 1)[0]
        raise errors.NewerSchema(
            f"Không khôi phục được từ {backup}: bản sao lưu này do một phiên bản Cell Desk mới hơn tạo ra "
            f"(lược đồ {revision}). Hãy cài phiên bản Cell Desk mới nhất rồi khôi phục. Dữ liệu hiện tại vẫn giữ nguyên.",
            Path(backup)) from exc
    except errors.StorageError as exc:
        raise errors.StorageError(
            f"Không khôi phục được từ {backup}: tệp này không phải bản sao lưu dùng được của Cell Desk "
            f"({str(exc).splitlines()[0].rstrip('.')}). Dữ liệu hiện tại vẫn giữ nguyên.", Path(backup)) from exc
    live = Path(folder) / DATABASE_FILENAME
    # room for the safety copy of the live file and the restored one, checked before anything moves
    needed = summary.path.stat().st_size + (live.stat().st_size if live.exists() else 0) + FREE_SPACE_MARGIN
    if needed > _free_bytes(folder):
        raise errors.unsafe_backup(backup, f"ổ đĩa chứa {folder} đã đầy (cần khoảng {needed / 1024 ** 2:.0f} MB "
                                   "trống để sao lưu dữ liệu hiện tại rồi khôi phục)")
    kept: Path | None = None
    set_aside_from: Path | None = None
    if live.exists():
        try:
            read_backup(live, is_backup=False)
        except (errors.DamagedDatabase, errors.NotADatabase):
            kept = set_aside_from = set_aside(live, now)
        else:
            kept = backup_copy(live, backup_folder, "truoc-khoi-phuc", now=now)
    partial = live.with_name(live.name + ".restoring")
    try:
        _replace_live(live, partial, summary.path, folder)
    except errors.StorageError:
        if set_aside_from is not None and not live.exists():
            for suffix in ("", "-wal", "-shm"):  # the damaged file goes back to its name: nothing is lost
                if Path(str(set_aside_from) + suffix).exists():
                    os.replace(Path(str(set_aside_from) + suffix), Path(str(live) + suffix))
        raise
    return kept


def _replace_live(live: Path, partial: Path, source: Path, folder: Path) -> None:
    try:
        for suffix in ("", "-journal", "-wal", "-shm"):
            Path(str(partial) + suffix).unlink(missing_ok=True)
        with closing(sqlite3.connect(source.resolve().as_uri() + "?mode=ro", uri=True)) as src, \
                closing(sqlite3.connect(partial)) as dst:
            src.backup(dst)
        sync_file(partial)
        # The live file's WAL is folded into it and emptied first: from here on, a kill at any moment
        # leaves either the old file whole (its -wal empty or gone) or the new one, never the new file
        # with the old file's WAL laid over it.
        if live.exists():
            with closing(sqlite3.connect(live)) as conn:
                busy, _frames, _done = conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
            if busy:
                raise errors.database_locked(live)
        for suffix in ("-wal", "-shm"):
            Path(str(live) + suffix).unlink(missing_ok=True)
        os.replace(partial, live)
        _sync_folder(folder)
    except sqlite3.Error as exc:
        partial.unlink(missing_ok=True)
        raise errors.write_failed(live, str(exc), saving="dữ liệu khôi phục") from exc
    except OSError as exc:
        partial.unlink(missing_ok=True)
        raise errors.write_failed(live, "disk is full" if exc.errno == errno.ENOSPC else (exc.strerror or str(exc)),
                                  saving="dữ liệu khôi phục") from exc


def _sync_folder(folder: Path) -> None:
    """Makes a rename in the folder durable (POSIX; Windows has no directory handles)."""
    if os.name != "posix":
        return
    handle = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(handle)
    finally:
        os.close(handle)


def available_backups(folder: Path) -> list[BackupSummary]:
    """Every readable backup under a folder, newest first; unreadable files are not offered."""
    found = []
    for path in [*Path(folder).rglob("*.sqlite3"), *Path(folder).rglob("*.zip")]:
        if ".cell-desk-giai-nen-" in str(path):
            continue  # another listing's unpacked copy
        try:
            found.append(read_backup(path, work_folder=folder))
        except (errors.StorageError, OSError):
            continue
    return sorted(found, key=lambda summary: summary.taken_at, reverse=True)
