"""The data folder's files on a server: attachments, posters and their thumbnails are written to
the folder as always and, when the data is on PostgreSQL, kept in the database in the same
transaction as the row that names them. Another PC fetches a file into its own folder the first
time it is needed. Files are never changed once stored (each has a new random name), so a copy in
a folder is never stale. On SQLite the folder alone holds them."""
from __future__ import annotations

import os
from pathlib import Path

from sqlalchemy import delete, insert, select

from .location import user_files
from .models import SharedFileRow


class SharedFiles:
    def __init__(self, database):
        self.database = database

    def _name(self, path: Path) -> str:
        return Path(path).relative_to(self.database.folder).as_posix()

    def keep(self, session, *paths: Path) -> None:
        """Stores the files (those that exist) with the transaction of `session`, on a server."""
        if not self.database.on_server:
            return
        for path in paths:
            if path is not None and Path(path).is_file() and session.get(SharedFileRow, self._name(path)) is None:
                session.add(SharedFileRow(name=self._name(path), content=Path(path).read_bytes()))

    def forget(self, session, *paths: Path) -> None:
        if self.database.on_server:
            session.execute(delete(SharedFileRow).where(SharedFileRow.name.in_([self._name(p) for p in paths])))

    def local(self, path: Path) -> Path:
        """The file in this PC's data folder, fetched from the server when it is not there yet."""
        path = Path(path)
        if path.exists() or not self.database.on_server:
            return path
        with self.database.session() as session:
            content = session.scalar(select(SharedFileRow.content).where(SharedFileRow.name == self._name(path)))
        if content is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
            partial = path.with_name(path.name + ".partial")
            partial.write_bytes(content)
            os.replace(partial, path)
        return path


def keep_folder(connection, folder: Path) -> int:
    """Stores every user file of `folder` through `connection` (moving a file's data to a server)."""
    rows = user_files(folder)
    for name, path in rows:
        connection.execute(insert(SharedFileRow), [{"name": name, "content": path.read_bytes()}])
    return len(rows)
