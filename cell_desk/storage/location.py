"""Where the data is. The folder: --data-dir, CELL_DESK_DATA_DIR, portable mode, or the user
folder. A PostgreSQL server instead of the folder's SQLite file: --database, CELL_DESK_DATABASE,
or the first line of the folder's SERVER_SETTING_FILENAME (the setting lives beside the data, not
in it: the program reads it before it knows where the data is)."""
from __future__ import annotations

import os
import sys
from pathlib import Path

DATA_DIR_ENV = "CELL_DESK_DATA_DIR"
PORTABLE_MARKER = "cell_desk.portable"
DATABASE_FILENAME = "cell_desk.sqlite3"
# the data folder's folders of the user's files (attachments, posters): backed up with the data,
# and kept in the database too when it is on a server (storage/shared_files.py)
FILE_FOLDERS = ("attachments", "posters")
DATABASE_URL_ENV = "CELL_DESK_DATABASE"
SERVER_SETTING_FILENAME = "may-chu-postgresql.txt"


def program_folder() -> Path:
    """The folder of the executable when frozen, else the project checkout."""
    if getattr(sys, "frozen", False):
        return Path(sys.executable).resolve().parent
    return Path(__file__).resolve().parents[2]


def resolve_data_dir(explicit: str | os.PathLike | None = None, environ: dict | None = None) -> Path:
    environ = os.environ if environ is None else environ
    if explicit:
        return Path(explicit).expanduser().resolve()
    if environ.get(DATA_DIR_ENV):
        return Path(environ[DATA_DIR_ENV]).expanduser().resolve()
    beside = program_folder()
    if (beside / PORTABLE_MARKER).exists():
        return beside / "data"
    import platformdirs

    return Path(platformdirs.user_data_dir("CellDesk", appauthor=False, roaming=True))


def resolve_database_url(explicit: str | None, folder: Path, environ: dict | None = None) -> str | None:
    """The server's URL, or None for the desktop default (the SQLite file in `folder`)."""
    environ = os.environ if environ is None else environ
    if explicit and explicit.strip():
        return explicit.strip()
    if environ.get(DATABASE_URL_ENV, "").strip():
        return environ[DATABASE_URL_ENV].strip()
    try:
        lines = (Path(folder) / SERVER_SETTING_FILENAME).read_text(encoding="utf-8-sig").splitlines()
    except (OSError, UnicodeDecodeError):
        return None
    written = [line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#")]
    return written[0] if written else None


def save_server_setting(folder: Path, url: str) -> Path:
    """Writes the setting that makes this data folder open the server from the next start."""
    import tempfile

    path = Path(folder) / SERVER_SETTING_FILENAME
    text = ("# Cell Desk mở dữ liệu trên máy chủ PostgreSQL này thay cho tệp cell_desk.sqlite3 "
            "(xóa tệp này để dùng lại tệp trên máy)\n" + url.strip() + "\n")
    with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=folder, delete=False, suffix=".tmp") as handle:
        handle.write(text)
    os.replace(handle.name, path)
    return path


def user_files(folder: Path) -> list[tuple[str, Path]]:
    """Every user file of a data folder (not a link, not a copy still being written), with its
    name relative to the folder, as a backup archive and a server's shared_files hold it."""
    found = []
    for name in FILE_FOLDERS:
        for path in sorted((Path(folder) / name).rglob("*")):
            if path.is_file() and not path.is_symlink() and not path.name.endswith(".partial"):
                found.append((path.relative_to(folder).as_posix(), path))
    return found
