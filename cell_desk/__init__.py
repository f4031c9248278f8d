"""Cell Desk: the propaganda-plan desk of a Vietnamese party cell, offline."""

# The one place the version is written: pyproject reads it from here (reading installed
# metadata at start-up would cost 30 ms of imports).
__version__ = "0.1.0"

APP_NAME = "Cell Desk"
APP_TITLE_VI = "Cell Desk – Sổ tay công tác tuyên truyền chi bộ"
