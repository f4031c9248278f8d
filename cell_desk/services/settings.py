"""Settings kept in the database: the cell profile and small preferences."""
from __future__ import annotations

from ..domain.profile import PROFILE_KEY, CellProfile
from ..domain.validation import ValidationError
from ..storage.database import Database
from ..storage.models import SettingRow


class SettingsService:
    def __init__(self, database: Database):
        self.database = database

    def get(self, key: str, default=None):
        with self.database.session() as session:
            row = session.get(SettingRow, key)
            return default if row is None else row.value

    def put(self, key: str, value) -> None:
        with self.database.session() as session:
            session.merge(SettingRow(key=key, value=value))

    def has_profile(self) -> bool:
        return self.get(PROFILE_KEY) is not None

    def profile(self) -> CellProfile:
        stored = self.get(PROFILE_KEY)
        return CellProfile.from_dict(stored) if stored else CellProfile()

    def save_profile(self, profile: CellProfile) -> CellProfile:
        clean = profile.normalized()
        problems = clean.problems()
        if problems:
            field, message = next(iter(problems.items()))
            raise ValidationError(message, field)
        self.put(PROFILE_KEY, clean.to_dict())
        return clean

    def update_profile(self, changes: dict) -> CellProfile:
        """The stored profile with some fields replaced (those chosen from an imported document)."""
        from dataclasses import replace

        return self.save_profile(replace(self.profile(), **changes))
