"""Cell Desk: the propaganda-plan desk of a Vietnamese party cell, offline."""
from importlib import metadata

try:
    __version__ = metadata.version("cell-desk")
except metadata.PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.1.0"

APP_NAME = "Cell Desk"
APP_TITLE_VI = "Cell Desk – Sổ tay công tác tuyên truyền chi bộ"
