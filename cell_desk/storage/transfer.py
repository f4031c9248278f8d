"""Moving an office's data from the SQLite file onto a PostgreSQL server, for when one PC is no
longer enough: every row of every table, in one transaction on the server, onto an empty database
migrated to the same schema. The file itself is only read, and stays as it was."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from sqlalchemy import func, insert, select, text
from sqlalchemy.exc import DBAPIError

from . import errors
from .database import Database
from .location import save_server_setting
from .models import Base
from .shared_files import keep_folder

BATCH_ROWS = 500


@dataclass(frozen=True)
class CopiedData:
    location: str  # the server, as the window shows it
    rows: dict[str, int]  # table: rows copied

    @property
    def total(self) -> int:
        return sum(self.rows.values())


class ServerHasData(errors.StorageError):
    """The server database already holds Cell Desk data (another PC of the office moved it there)."""


class CopyCancelled(errors.StorageError):
    """Hủy was pressed: the server's transaction was rolled back."""


def copy_to_server(source: Database, url: str, *, progress: Callable[[int, int], None] | None = None,
                   cancelled: Callable[[], bool] = lambda: False) -> CopiedData:
    """Copies the open SQLite data to the server database at `url`, which must hold no Cell Desk
    data yet. Raises StorageError (nothing written on the server) otherwise, and CopyCancelled
    when `cancelled()` turns true before the end."""
    from .server import open_server_database

    if source.on_server:
        raise errors.StorageError("Dữ liệu đang mở đã nằm trên máy chủ PostgreSQL.")
    target = open_server_database(source.folder, url)
    try:
        with target.engine.begin() as server:
            filled = [table.name for table in Base.metadata.sorted_tables
                      if server.execute(select(func.count()).select_from(table)).scalar()]
            if filled:
                raise ServerHasData(
                    f"Cơ sở dữ liệu {target.location} đã có dữ liệu Cell Desk ({', '.join(filled)}), nên không chép "
                    "đè lên. Hãy dùng một cơ sở dữ liệu trống; dữ liệu trên máy chủ và tệp trên máy này đều giữ nguyên.")
            copied = {}
            with source.engine.connect() as file:
                total = sum(file.execute(select(func.count()).select_from(table)).scalar()
                            for table in Base.metadata.sorted_tables)
                for table in Base.metadata.sorted_tables:  # parents before the rows that point to them
                    copied[table.name] = 0
                    result = file.execute(select(table))
                    while batch := result.mappings().fetchmany(BATCH_ROWS):
                        if cancelled():
                            raise CopyCancelled("Đã hủy; chưa chép gì lên máy chủ.")
                        server.execute(insert(table), [dict(row) for row in batch])
                        copied[table.name] += len(batch)
                        if progress is not None:
                            progress(sum(copied.values()), total)
            for table in Base.metadata.sorted_tables:
                _continue_numbering(server, table)
            copied["shared_files"] += keep_folder(server, source.folder)  # attachments and posters
            if cancelled():
                raise CopyCancelled("Đã hủy; chưa chép gì lên máy chủ.")
    except DBAPIError as exc:
        raise errors.server_write_failed(target.location, str(exc.orig)) from exc
    finally:
        target.close()
    return CopiedData(target.location, copied)


def move_to_server(source: Database, url: str, **copy_options) -> CopiedData:
    """The copy, then the setting that makes this data folder open the server from the next start."""
    copied = copy_to_server(source, url, **copy_options)
    save_server_setting(source.folder, url)
    return copied


def _continue_numbering(server, table) -> None:
    """Rows copied with their ids leave the server's id sequence at its start: it is moved past them,
    or the next row added would take an id already used."""
    keys = [column for column in table.primary_key.columns if column.autoincrement in (True, "auto")
            and column.type.python_type is int]
    if len(keys) != 1:
        return
    name, column = table.name, keys[0].name
    server.execute(text(
        f"SELECT setval(pg_get_serial_sequence('{name}', '{column}'), COALESCE(MAX({column}), 1), "
        f"MAX({column}) IS NOT NULL) FROM {name}"))
