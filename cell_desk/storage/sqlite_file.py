"""The data file as plain SQLite, without SQLAlchemy: what start-up reads before the first paint
and what every check that may refuse a file uses, since a read-only connection changes nothing."""
from __future__ import annotations

import sqlite3
from contextlib import closing, contextmanager
from pathlib import Path
from typing import Iterator

SQLITE_HEADER = b"SQLite format 3\x00"


@contextmanager
def read_only(path: Path, timeout_s: float = 5.0) -> Iterator[sqlite3.Connection]:
    """A connection that changes nothing: the -wal and -shm files SQLite makes for reading a WAL
    database are removed afterwards when they were not there before."""
    companions = [Path(f"{path}{suffix}") for suffix in ("-wal", "-shm")]
    existed = {companion: companion.exists() for companion in companions}
    try:
        with closing(sqlite3.connect(Path(path).resolve().as_uri() + "?mode=ro", uri=True, timeout=timeout_s)) as conn:
            yield conn
    finally:
        for companion, was_there in existed.items():
            if not was_there:
                try:
                    companion.unlink(missing_ok=True)
                except OSError:
                    pass  # another program holds it open: it is harmless and SQLite reuses it
