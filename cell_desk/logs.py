"""The log file in the data folder, rotated so it never grows without bound."""
from __future__ import annotations

import logging
from pathlib import Path

LOG_FOLDER = "logs"
LOG_FILE = "cell_desk.log"


def log_path(data_dir: Path) -> Path:
    return Path(data_dir) / LOG_FOLDER / LOG_FILE


def setup_logging(data_dir: Path) -> Path:
    import logging.handlers  # socket, pickle and queue come with it: the GUI calls this after the first paint

    path = log_path(data_dir)
    path.parent.mkdir(parents=True, exist_ok=True)
    handler = logging.handlers.RotatingFileHandler(path, maxBytes=1_000_000, backupCount=3, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.handlers = [h for h in root.handlers if not isinstance(h, logging.handlers.RotatingFileHandler)]
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    return path
