"""Members of the chi bộ: kept in order (chi ủy first), added, edited, deleted, and imported from
an Excel list (matched by name without diacritics, so importing the list again updates it)."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import func, select

from ..domain.members import ROLES, Member
from ..domain.validation import ValidationError
from ..storage.database import Database
from ..storage.models import MemberRow

MAX_MEMBERS = 2_000


@dataclass
class MemberImport:
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    errors: list[tuple[int, str]] = field(default_factory=list)


class MemberService:
    def __init__(self, database: Database):
        self.database = database

    def members(self) -> list[Member]:
        """Chi ủy first (bí thư, phó bí thư, chi ủy viên), then the others in the order entered."""
        with self.database.session() as session:
            rows = list(session.scalars(select(MemberRow).order_by(MemberRow.position, MemberRow.id)))
            return sorted((_member(row) for row in rows), key=lambda m: ROLES.index(m.role) if m.role in ROLES else 9)

    def count(self) -> int:
        with self.database.session() as session:
            return session.scalar(select(func.count()).select_from(MemberRow)) or 0

    def save(self, member: Member) -> Member:
        """Adds (id None) or edits a member; a second member of the same name is refused."""
        member = member.cleaned()
        with self.database.session() as session:
            clash = session.scalar(select(MemberRow.id).where(MemberRow.name_key == member.key,
                                                              MemberRow.id != (member.id or 0)))
            if clash:
                raise ValidationError(f"Đồng chí {member.name} đã có trong danh sách.", "name")
            if member.id is None:
                if session.scalar(select(func.count()).select_from(MemberRow)) >= MAX_MEMBERS:
                    raise ValidationError(f"Danh sách có nhiều nhất {MAX_MEMBERS} đảng viên.", "name")
                row = MemberRow(position=_next_position(session))
                session.add(row)
            else:
                row = session.get(MemberRow, member.id)
                if row is None:
                    raise ValidationError("Đảng viên này không còn trong danh sách.")
            _fill(row, member)
            session.flush()
            return _member(row)

    def delete(self, member_id: int) -> None:
        """Past meeting records keep the member's name (they hold it, not a link)."""
        with self.database.session() as session:
            row = session.get(MemberRow, member_id)
            if row is not None:
                session.delete(row)

    def import_members(self, members: list[Member]) -> MemberImport:
        """One transaction: new names added, known names (without diacritics) updated."""
        result = MemberImport()
        with self.database.session() as session:
            known = {row.name_key: row for row in session.scalars(select(MemberRow))}
            position = _next_position(session)
            if len(set(known) | {m.key for m in members}) > MAX_MEMBERS:
                raise ValidationError(f"Danh sách có nhiều nhất {MAX_MEMBERS} đảng viên.")
            for member in members:
                member = member.cleaned()
                row = known.get(member.key)
                if row is None:
                    row = MemberRow(position=position)
                    position += 1
                    session.add(row)
                    known[member.key] = row
                    result.added.append(member.name)
                else:
                    result.updated.append(member.name)
                _fill(row, member)
        return result

    def import_file(self, path: Path, dry_run: bool = False) -> MemberImport:
        """Reads an Excel list (raises MemberFileError with a Vietnamese message); rows that cannot
        be read are reported and skipped; nothing is written on a dry run."""
        from ..imports.members_xlsx import read_member_sheet

        sheet = read_member_sheet(Path(path))
        if dry_run:
            with self.database.session() as session:
                known = set(session.scalars(select(MemberRow.name_key)))
            result = MemberImport(errors=sheet.errors)
            for member in sheet.members:
                (result.updated if member.key in known else result.added).append(member.name)
            return result
        result = self.import_members(sheet.members)
        result.errors = sheet.errors
        return result


def _next_position(session) -> int:
    return (session.scalar(select(func.max(MemberRow.position))) or 0) + 1


def _fill(row: MemberRow, member: Member) -> None:
    row.name, row.name_key, row.role, row.standing = member.name, member.key, member.role, member.standing
    row.exempt, row.exempt_reason = member.exempt, member.exempt_reason


def _member(row: MemberRow) -> Member:
    return Member(row.id, row.name, row.role, row.standing, row.exempt, row.exempt_reason)
