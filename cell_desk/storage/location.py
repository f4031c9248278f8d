"""Where the data folder is: --data-dir, CELL_DESK_DATA_DIR, portable mode, or the user folder."""
from __future__ import annotations

import os
import sys
from pathlib import Path

DATA_DIR_ENV = "CELL_DESK_DATA_DIR"
PORTABLE_MARKER = "cell_desk.portable"
DATABASE_FILENAME = "cell_desk.sqlite3"


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
