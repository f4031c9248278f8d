"""Undoable edits. The change is already saved when the command is pushed."""
from __future__ import annotations

from typing import Callable

from PySide6.QtGui import QUndoCommand


class SavedChangeCommand(QUndoCommand):
    """Undo writes `before` back, redo writes `after`; both go through `restore`."""

    def __init__(self, text: str, before, after, restore: Callable[[object], None]):
        super().__init__(text)
        self.before, self.after, self.restore = before, after, restore
        self._first_redo = True

    def redo(self) -> None:
        if self._first_redo:  # pushing runs redo(); the edit is already in the database
            self._first_redo = False
            return
        self.restore(self.after)

    def undo(self) -> None:
        self.restore(self.before)
