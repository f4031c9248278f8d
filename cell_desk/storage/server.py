"""The data on a PostgreSQL server, for an office that outgrows one PC: the same tables and
migrations as the SQLite file, several users at once (rows carry a version, so a save made from
an older copy is refused), and the checks a user can act on when the server cannot be reached."""
from __future__ import annotations

from pathlib import Path

from sqlalchemy import create_engine, inspect, text
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError

from . import errors
from .database import Database, _migrate, shown_url
from .location import DATABASE_FILENAME
from .schema import HEAD_REVISION, KNOWN_REVISIONS

DRIVER = "postgresql+psycopg"  # psycopg 3 (the `server` extra): wheels for Windows and Linux, no compiler needed
MIGRATION_LOCK = 7_112_026  # pg_advisory_xact_lock key: one user migrates, the others wait
CONNECT_TIMEOUT_S = 10


def server_url(url: str) -> str:
    """`postgresql://…` (as people write it) with the driver the program ships; anything but
    PostgreSQL refused with a message."""
    try:
        parsed = make_url(url.strip())
    except ArgumentError:
        raise errors.StorageError(f"Địa chỉ cơ sở dữ liệu “{url}” không đúng dạng. Ví dụ đúng: "
                                  "postgresql://nguoidung:matkhau@may-chu:5432/cell_desk") from None
    if parsed.get_backend_name() not in ("postgresql", "postgres"):
        raise errors.StorageError(f"Cell Desk dùng tệp SQLite (mặc định, không cần khai báo) hoặc máy chủ "
                                  f"PostgreSQL; “{parsed.get_backend_name()}” chưa được hỗ trợ.")
    return parsed.set(drivername=DRIVER).render_as_string(hide_password=False)


def open_server_database(folder: Path, url: str) -> Database:
    url = server_url(url)
    try:
        engine = create_engine(url, pool_pre_ping=True, connect_args={"connect_timeout": CONNECT_TIMEOUT_S})
    except (ImportError, NoSuchModuleError) as exc:
        # the desktop bundle stays SQLite-only (its size budget); the driver is the `server` extra
        raise errors.StorageError(
            "Bản Cell Desk này chưa có trình kết nối PostgreSQL (psycopg). Người quản trị cài nó bằng lệnh: "
            "pip install 'cell-desk[server]'. Dữ liệu chưa bị thay đổi.") from exc
    try:
        revision = _revision(engine, url)
        if revision is not None and revision not in KNOWN_REVISIONS:
            raise errors.newer_schema(Path(shown_url(url)), revision)
        if revision != HEAD_REVISION:
            _migrate(engine, before=lambda conn: conn.execute(text(f"SELECT pg_advisory_xact_lock({MIGRATION_LOCK})")))
    except DBAPIError as exc:
        engine.dispose()
        raise _unreachable(url, exc) from exc
    except BaseException:
        engine.dispose()
        raise
    return Database(Path(folder) / DATABASE_FILENAME, engine, server_url=url)


def _revision(engine: Engine, url: str) -> str | None:
    """The database's schema revision; None for an empty database. A database holding other
    tables but no Cell Desk revision is somebody else's, and is refused untouched."""
    with engine.connect() as conn:
        tables = set(inspect(conn).get_table_names())
        if not tables:
            return None
        if "alembic_version" not in tables:
            raise errors.NotADatabase(
                f"Cơ sở dữ liệu {shown_url(url)} đã có bảng của chương trình khác. Cell Desk không ghi gì "
                "vào đó; hãy tạo một cơ sở dữ liệu trống riêng cho Cell Desk.")
        return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()


def _unreachable(url: str, exc: DBAPIError) -> errors.StorageError:
    import logging

    logging.getLogger("cell_desk").warning("PostgreSQL %s: %s", shown_url(url), exc.orig)
    reason = str(exc.orig).lower()
    if "password" in reason or "authentication" in reason:
        what = "tên đăng nhập hoặc mật khẩu không đúng"
    elif "does not exist" in reason:
        what = "cơ sở dữ liệu hoặc người dùng này chưa được tạo trên máy chủ"
    elif "permission denied" in reason:
        what = "người dùng này không có quyền tạo bảng trong cơ sở dữ liệu"
    else:
        what = "máy chủ không trả lời (chưa bật, sai địa chỉ hoặc cổng, hay mạng nội bộ đang lỗi)"
    return errors.ServerUnreachable(
        f"Không mở được dữ liệu trên máy chủ PostgreSQL {shown_url(url)}: {what}.\n"
        "Hãy kiểm tra lại địa chỉ, hoặc nhờ người quản trị máy chủ; dữ liệu trên máy chủ không bị thay đổi.")
