"""Opening the data file: checks first, then pragmas, backup and migrations.

Every check that can refuse the file runs on a read-only connection, so a file we
refuse is left exactly as it was.
"""
from __future__ import annotations

import datetime as dt
import os
import sqlite3
import tempfile
from contextlib import closing, contextmanager
from pathlib import Path
from typing import Iterator

from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.orm.exc import StaleDataError

from . import errors
from .location import DATABASE_FILENAME
from .schema import HEAD_REVISION, KNOWN_REVISIONS
from .sqlite_file import SQLITE_HEADER, read_only

DEFAULT_BUSY_TIMEOUT_MS = 5000
BACKUP_FOLDER = "backups"


class Database:
    """The open data: an engine and a session factory. On SQLite (the desktop default) the data is
    the file at `path`; on a PostgreSQL server it is the database at `url`, and the data folder
    still holds what is kept as files (attachments, posters, format profiles)."""

    def __init__(self, path: Path, engine: Engine, *, server_url: str | None = None):
        self.path = path
        self.engine = engine
        self.server_url = server_url
        self._sessions = sessionmaker(engine, expire_on_commit=False)

    @property
    def folder(self) -> Path:
        return self.path.parent

    @property
    def on_server(self) -> bool:
        return self.server_url is not None

    @property
    def location(self) -> str:
        """Where the data is, as the window shows it (a server's password left out)."""
        if self.server_url is None:
            return str(self.path)
        return f"máy chủ PostgreSQL {shown_url(self.server_url)}"

    @contextmanager
    def session(self) -> Iterator[Session]:
        """One transaction: committed when the block ends, rolled back on any error.
        A disk that is full or read-only becomes a WriteFailed with a message for the user."""
        session = self._sessions()
        try:
            yield session
            session.commit()
        except OperationalError as exc:
            session.rollback()
            if self.on_server:
                raise errors.server_write_failed(self.location, str(exc.orig)) from exc
            raise errors.write_failed(self.path, str(exc.orig)) from exc
        except StaleDataError as exc:  # the row's version moved on under us: another user saved it
            session.rollback()
            raise errors.edit_conflict() from exc
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()

    def close(self) -> None:
        self.engine.dispose()


def open_database(
    folder: Path,
    *,
    database_url: str | None = None,
    busy_timeout_ms: int = DEFAULT_BUSY_TIMEOUT_MS,
    now: dt.datetime | None = None,
) -> Database:
    """Opens (creating or upgrading) the data file in `folder`, or the PostgreSQL database at
    `database_url`, or raises a StorageError."""
    folder = Path(folder)
    _ensure_writable_folder(folder)
    if database_url:
        from .server import open_server_database

        return open_server_database(folder, database_url)
    path = folder / DATABASE_FILENAME
    revision = _inspect_existing(path, busy_timeout_ms)
    if revision is not None and revision not in KNOWN_REVISIONS:
        raise errors.newer_schema(path, revision)

    engine = _create_engine(path, busy_timeout_ms)
    try:
        _probe_write(engine, path)
        if revision != HEAD_REVISION:
            if revision is not None:
                backup_copy(path, folder / BACKUP_FOLDER, f"truoc-nang-cap-{revision}", now=now)
            _migrate(engine)
    except BaseException:
        engine.dispose()
        raise
    return Database(path, engine)


def _ensure_writable_folder(folder: Path) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=folder, prefix=".write-test-"):
            pass
    except OSError as exc:
        raise errors.folder_not_writable(folder, exc.strerror or str(exc)) from exc


def _inspect_existing(path: Path, busy_timeout_ms: int) -> str | None:
    """The file's schema revision; None for a new or empty file. Read-only."""
    if not path.exists() or path.stat().st_size == 0:
        return None
    with open(path, "rb") as handle:
        if handle.read(len(SQLITE_HEADER)) != SQLITE_HEADER:
            raise errors.not_a_database(path)
    try:
        with read_only(path, busy_timeout_ms / 1000) as conn:
            tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
            if not tables:
                return None
            if "alembic_version" not in tables:
                raise errors.not_a_database(path)  # somebody else's SQLite file
            row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
            problems = [line for (line,) in conn.execute("PRAGMA quick_check(5)") if line != "ok"]
            if problems:
                raise errors.damaged(path, problems[0])
            return row[0] if row else None
    except sqlite3.OperationalError as exc:
        if "locked" in str(exc):
            raise errors.database_locked(path) from exc
        raise errors.damaged(path, str(exc)) from exc
    except sqlite3.DatabaseError as exc:
        raise errors.damaged(path, str(exc)) from exc


def _create_engine(path: Path, busy_timeout_ms: int) -> Engine:
    engine = create_engine(
        f"sqlite:///{path}",
        connect_args={"timeout": busy_timeout_ms / 1000},
    )

    @event.listens_for(engine, "connect")
    def _set_pragmas(dbapi_connection, _record):
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=FULL")
        cursor.execute(f"PRAGMA busy_timeout={int(busy_timeout_ms)}")
        cursor.close()

    return engine


def _probe_write(engine: Engine, path: Path) -> None:
    """Takes the write lock once, so a locked or read-only file is refused now, not mid-edit."""
    try:
        with engine.connect() as conn:
            raw = conn.connection.dbapi_connection
            raw.execute("BEGIN IMMEDIATE")
            raw.execute("ROLLBACK")
    except Exception as exc:  # sqlite3 errors arrive wrapped by SQLAlchemy
        message = str(exc)
        if "locked" in message or "busy" in message:
            raise errors.database_locked(path) from exc
        if "readonly" in message or "read-only" in message:
            raise errors.folder_not_writable(path.parent, "tệp dữ liệu chỉ cho đọc") from exc
        if "not a database" in message or "malformed" in message:
            raise errors.not_a_database(path) from exc
        raise


def _migrate(engine: Engine, before=None) -> None:
    """Runs the migrations to head in one transaction; `before(connection)` runs first in it (a
    server takes its lock there, so two users starting at once do not both migrate)."""
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(Path(__file__).with_name("migrations")))
    with engine.begin() as conn:
        if before is not None:
            before(conn)
        config.attributes["connection"] = conn
        command.upgrade(config, "head")


def shown_url(url: str) -> str:
    """The URL without its password, as people write it (no driver name: pg_dump takes it so),
    for a window, a command to copy, or a log."""
    from sqlalchemy.engine import make_url

    try:
        parsed = make_url(url)
        # the password left out, not starred: pg_dump then asks for it (or reads ~/.pgpass)
        return parsed._replace(drivername=parsed.get_backend_name(), password=None).render_as_string()  # URL is a NamedTuple; set() cannot clear
    except Exception:  # a URL too broken to parse is shown as typed, up to its credentials
        return url.rsplit("@", 1)[-1]


def backup_copy(source: Path, folder: Path, label: str, *, now: dt.datetime | None = None) -> Path:
    """A consistent copy through SQLite's backup API, named by time and label."""
    folder.mkdir(parents=True, exist_ok=True)
    stamp = (now or dt.datetime.now()).strftime("%Y%m%d-%H%M%S")
    target = folder / f"cell_desk-{stamp}-{label}.sqlite3"
    number = 2
    while target.exists():  # two copies in one second must not overwrite each other
        target = folder / f"cell_desk-{stamp}-{label}-{number}.sqlite3"
        number += 1
    partial = target.with_suffix(".partial")
    try:
        with closing(sqlite3.connect(source)) as src, closing(sqlite3.connect(partial)) as dst:
            src.backup(dst)
        sync_file(partial)
        os.replace(partial, target)
    except (sqlite3.Error, OSError) as exc:  # a full disk: no half copy is left, the data file is untouched
        partial.unlink(missing_ok=True)
        raise errors.write_failed(target, _reason(exc), saving="bản sao lưu") from exc
    return target


def _reason(exc: BaseException) -> str:
    if isinstance(exc, OSError) and exc.errno is not None:
        import errno

        if exc.errno == errno.ENOSPC:
            return "database or disk is full"
        return exc.strerror or str(exc)
    return str(exc)


def sync_file(path: Path) -> None:
    """Forces a file's bytes to the disk before it is renamed into place (a power cut then finds
    either the old file or the whole new one)."""
    with open(path, "rb+") as handle:
        os.fsync(handle.fileno())
