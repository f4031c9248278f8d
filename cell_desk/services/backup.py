"""Backups: once a day at start, before migrations and restores, and by hand; rotation; restore."""
from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Callable

from ..domain.backups import backups_to_keep
from ..storage import backups as copies
from ..storage.database import BACKUP_FOLDER, Database, backup_copy, shown_url
from ..storage.errors import StorageError

AUTO_FOLDER = "tu-dong"
AUTO_LABEL = "tu-dong"

Now = Callable[[], dt.datetime]


class BackupService:
    def __init__(self, database: Database, now: Now = dt.datetime.now):
        self.database = database
        self.now = now

    @property
    def folder(self) -> Path:
        return self.database.folder / BACKUP_FOLDER

    def automatic(self) -> Path | None:
        """The day's automatic copy, if there is none yet; then the old ones are thinned out. A
        server's data is copied by the server's own tools (server_backup_advice)."""
        if self.database.on_server:
            return None
        auto = self.folder / AUTO_FOLDER
        today = self.now().date()
        if any(taken.date() == today for _path, taken in self._automatic_copies()):
            return None
        made = backup_copy(self.database.path, auto, AUTO_LABEL, now=self.now())
        self.rotate()
        return made

    def rotate(self) -> list[Path]:
        existing = self._automatic_copies()
        keep = backups_to_keep(existing)
        removed = [path for path, _taken in existing if path not in keep]
        for path in removed:
            path.unlink(missing_ok=True)
        return removed

    def _automatic_copies(self) -> list[tuple[Path, dt.datetime]]:
        found = []
        for path in (self.folder / AUTO_FOLDER).glob("cell_desk-*.sqlite3"):
            try:
                stamp = dt.datetime.strptime("-".join(path.stem.split("-")[1:3]), "%Y%m%d-%H%M%S")
            except ValueError:
                continue
            found.append((path, stamp))
        return found

    def has_files(self) -> bool:
        """Whether attachments or posters exist: then a backup should carry them (a .zip)."""
        return any(path.is_file() for name in copies.FILE_FOLDERS
                   for path in (self.database.folder / name).glob("*"))

    def backup_to(self, target: Path) -> Path:
        """A .zip target gets the data file with every attachment and poster; a .sqlite3 target the
        data file alone. Any other name gets whichever the data needs (so the restore chooser finds it)."""
        if self.database.on_server:
            raise StorageError(self.server_backup_advice())
        target = Path(target)
        suffix = target.suffix.lower()
        if suffix not in (".sqlite3", ".zip"):
            target = target.with_name(target.name + (".zip" if self.has_files() else ".sqlite3"))
        if target.suffix.lower() == ".zip":
            return copies.copy_with_files_to(self.database.folder, target)
        return copies.copy_to(self.database.path, target)

    def server_backup_advice(self, which: Callable[[str], str | None] | None = None,
                             folder: Path | None = None) -> str:
        """What to do instead of a copy when the data is on PostgreSQL: pg_dump, with the command
        written out (the copy going to `folder`, by default the user's home folder), or how to
        install it when this machine has none."""
        import shutil

        url = shown_url(self.database.server_url or "")
        dump = f'"{(folder or Path.home()) / f"cell-desk-{self.now():%Y%m%d}.dump"}"'
        found = (which or shutil.which)("pg_dump")
        if found:
            how = (f"Máy này có pg_dump ({found}). Sao lưu bằng lệnh (pg_dump hỏi mật khẩu nếu máy chủ cần):\n"
                   f"    pg_dump --format=custom --file={dump} \"{url}\"\n"
                   "Khôi phục ghi đè dữ liệu dùng chung của cả văn phòng: chỉ người quản trị làm, sau khi mọi máy "
                   f"đã đóng Cell Desk, bằng pg_restore --clean --dbname=\"{url}\" {dump}")
        else:
            how = ("Máy này chưa có pg_dump. Hãy cài công cụ dòng lệnh của PostgreSQL (Debian/Ubuntu: "
                   "sudo apt install postgresql-client; Windows: bộ cài PostgreSQL, phần Command Line Tools), "
                   f"rồi sao lưu bằng lệnh:\n    pg_dump --format=custom --file={dump} \"{url}\"")
        return (f"Dữ liệu đang nằm trên máy chủ PostgreSQL {url}, nên Cell Desk không tự chép nó ra tệp; "
                f"việc sao lưu do pg_dump làm.\n{how}\n"
                "Bản pg_dump gồm cả ảnh, pa-nô và tệp đính kèm: trên máy chủ chúng được lưu cùng dữ liệu.")

    def available(self) -> list[copies.BackupSummary]:
        return copies.available_backups(self.folder)
