"""One signal that tells every page what kind of data changed, so each refreshes itself."""
from __future__ import annotations

from PySide6.QtCore import QObject, Signal

CHECKLIST = "checklist"
PROFILE = "profile"
PLANS = "plans"
# roll-up mode turned on or off in Cài đặt: the Tổng hợp page appears or goes
MODE = "mode"


class AppEvents(QObject):
    changed = Signal(str)
# Checklist items changed by another page (an activity marked them done): the checklist re-reads.
ITEMS = "items"
ACTIVITIES = "activities"
DOCUMENTS = "documents"

# Trang → Tải lại dữ liệu (F5): every page reads again what others saved (several users on one
# server, or a second window on the same file)
RELOAD_KINDS = (PLANS, ITEMS, ACTIVITIES, DOCUMENTS, PROFILE, MODE)
