"""Roll-up mode: the đảng ủy registers its cells, takes in the folder of packages they sent (each
checked, duplicates and re-sent packages sorted out by cell and period), sees who is late, and
writes the consolidated monthly report (Word) and the summary table (Excel)."""
from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path

from sqlalchemy import func, select

from ..domain.dates import format_ui_date
from ..domain.party_document import PartyDocument
from ..domain.report_package import PACKAGE_SUFFIX, PackageError, ReportPackage, read_manifest
from ..domain.rollup import (
    MAX_CELL_NAME, CellStanding, ReceivedReport, RegisteredCell, cell_key, consolidated_blocks, consolidated_recipients,
    period_label, standing,
)
from ..domain.validation import ValidationError
from ..storage import errors
from ..storage.database import Database
from ..storage.models import RollupCellRow, RollupReportRow
from .clock import Clock, system_clock

MODE_SETTING = "rollup_mode"
NUMBERS_SETTING = "rollup_report_numbers"  # {period: number} of the consolidated reports written
MAX_FILES = 5000  # a folder of packages; more is some other folder dropped by mistake


class Arrival(Enum):
    """What importing a package would do."""
    NEW = "Mới"
    REPLACES = "Gửi lại – thay bản đã nhập"
    SAME = "Đã nhập đúng bản này"
    OLDER = "Cũ hơn bản đã nhập"
    SUPERSEDED = "Có bản mới hơn trong cùng lần nhập"
    REFUSED = "Không nhập được"


@dataclass(frozen=True)
class IncomingPackage:
    path: Path
    arrival: Arrival
    message: str = ""
    package: ReportPackage | None = None
    cell: RegisteredCell | None = None
    manifest: dict | None = None
    report_docx: bytes = b""
    fingerprint: str = ""
    stored_version: int | None = None  # of the row it replaces: a change since then is a conflict


@dataclass
class ImportPreview:
    """Every file looked at, sorted by what importing it would do; nothing is stored yet."""
    packages: list[IncomingPackage] = field(default_factory=list)

    def of(self, *arrivals: Arrival) -> list[IncomingPackage]:
        return [incoming for incoming in self.packages if incoming.arrival in arrivals]

    @property
    def needs_prompt(self) -> bool:
        return bool(self.of(Arrival.REPLACES))


@dataclass(frozen=True)
class ImportResult:
    added: int
    replaced: int
    kept: int  # re-sent packages the user chose not to take
    skipped: int
    refused: int

    def summary(self) -> str:
        parts = [f"Đã nhập {self.added} gói mới"] if self.added or not self.replaced else []
        if self.replaced:
            parts.append(f"thay {self.replaced} gói gửi lại")
        if self.kept:
            parts.append(f"giữ bản cũ của {self.kept} chi bộ")
        if self.skipped:
            parts.append(f"bỏ qua {self.skipped} gói trùng hoặc cũ hơn")
        if self.refused:
            parts.append(f"{self.refused} tệp không nhập được")
        text = ", ".join(parts)
        return text[:1].upper() + text[1:] + "."


class RollupService:
    def __init__(self, database: Database, settings, reports, clock: Clock = system_clock):
        self.database, self.settings, self.reports, self.clock = database, settings, reports, clock

    # --- mode ---------------------------------------------------------------------------
    def is_enabled(self) -> bool:
        return bool(self.settings.get(MODE_SETTING, False))

    def set_enabled(self, enabled: bool) -> None:
        self.settings.put(MODE_SETTING, bool(enabled))

    # --- the register of cells ----------------------------------------------------------
    def cells(self) -> list[RegisteredCell]:
        with self.database.session() as session:
            return [_cell(row) for row in session.scalars(
                select(RollupCellRow).order_by(RollupCellRow.position, RollupCellRow.id))]

    def register(self, name: str, report_day: int = 20, note: str = "") -> RegisteredCell:
        name, report_day = _checked_cell(name, report_day)
        with self.database.session() as session:
            self._refuse_taken(session, name)
            position = (session.scalar(select(func.max(RollupCellRow.position))) or 0) + 1
            row = RollupCellRow(name=name, name_key=cell_key(name), report_day=report_day, note=note.strip(),
                                position=position)
            session.add(row)
            session.flush()
            return _cell(row)

    def register_many(self, text: str, report_day: int = 20) -> list[RegisteredCell]:
        """One cell a line (pasted from a list); names already registered are left as they are.
        All or nothing: a bad line stores none of them."""
        names, seen = [], set()
        for line in text.splitlines():
            name = " ".join(line.strip(" \t-•;,.").split())
            if name and cell_key(name) not in seen:
                seen.add(cell_key(name))
                names.append(_checked_cell(name, report_day)[0])
        with self.database.session() as session:
            taken = set(session.scalars(select(RollupCellRow.name_key)))
            position = session.scalar(select(func.max(RollupCellRow.position))) or 0
            added = []
            for name in names:
                if cell_key(name) in taken:
                    continue
                position += 1
                row = RollupCellRow(name=name, name_key=cell_key(name), report_day=report_day, note="",
                                    position=position)
                session.add(row)
                added.append(row)
            session.flush()
            return [_cell(row) for row in added]

    def update_cell(self, cell: RegisteredCell) -> RegisteredCell:
        """Saves an edited cell, refused when someone changed it since `cell` was read."""
        name, report_day = _checked_cell(cell.name, cell.report_day)
        with self.database.session() as session:
            row = session.get(RollupCellRow, cell.id)
            if row is None:
                raise ValidationError(f"Chi bộ “{cell.name}” không còn trong danh sách (có thể vừa bị xóa).")
            if row.version != cell.version:
                raise errors.edit_conflict(f"chi bộ “{row.name}”")
            if cell_key(name) != row.name_key:
                self._refuse_taken(session, name)
            row.name, row.name_key, row.report_day, row.note = name, cell_key(name), report_day, cell.note.strip()
            session.flush()
            return _cell(row)

    def remove_cell(self, cell_id: int) -> None:
        with self.database.session() as session:
            row = session.get(RollupCellRow, cell_id)
            if row is not None:
                session.delete(row)

    def reports_held(self, cell_id: int) -> int:
        with self.database.session() as session:
            return session.scalar(select(func.count()).select_from(RollupReportRow)
                                  .where(RollupReportRow.cell_id == cell_id)) or 0

    @staticmethod
    def _refuse_taken(session, name: str) -> None:
        taken = session.scalar(select(RollupCellRow.name).where(RollupCellRow.name_key == cell_key(name)))
        if taken is not None:
            raise ValidationError(f"“{taken}” đã có trong danh sách chi bộ trực thuộc.", "name")

    # --- taking packages in -------------------------------------------------------------
    def preview(self, paths: list[Path]) -> ImportPreview:
        """Reads every package in the files and folders given, and says what importing each would do."""
        from ..imports.report_package import read_report_package

        today = self.clock()
        files = _package_files(paths)
        with self.database.session() as session:
            cells = {row.name_key: _cell(row) for row in session.scalars(select(RollupCellRow))}
            stored = {(cell_id, period): (made_on, made_at, fingerprint, version) for cell_id, period, made_on,
                      made_at, fingerprint, version in session.execute(select(
                          RollupReportRow.cell_id, RollupReportRow.period, RollupReportRow.made_on,
                          RollupReportRow.made_at, RollupReportRow.fingerprint, RollupReportRow.version))}
        read: list[IncomingPackage] = []
        for path in files:
            try:
                received = read_report_package(path, today)
            except PackageError as exc:
                read.append(IncomingPackage(path, Arrival.REFUSED, str(exc)))
                continue
            package = received.package
            cell = cells.get(cell_key(package.cell_name))
            if cell is None:
                read.append(IncomingPackage(
                    path, Arrival.REFUSED, f"{path.name}: gói của “{package.cell_name}”, chi bộ này chưa có trong "
                    "danh sách chi bộ trực thuộc. Hãy thêm chi bộ (đúng tên như trong gói) rồi nhập lại.", package))
                continue
            manifest = package.to_manifest()
            fingerprint = hashlib.sha256(json.dumps(manifest, ensure_ascii=False, sort_keys=True).encode()).hexdigest()
            read.append(IncomingPackage(path, Arrival.NEW, "", package, cell, manifest, received.report_docx,
                                        fingerprint))
        return ImportPreview(_sorted_out(read, stored))

    def apply(self, preview: ImportPreview, replace: bool) -> ImportResult:
        """Stores the new packages, and the re-sent ones in place of the old when `replace`: one
        transaction, so a failure stores none of them."""
        chosen = preview.of(Arrival.NEW, Arrival.REPLACES) if replace else preview.of(Arrival.NEW)
        now = dt.datetime.now().replace(microsecond=0)
        with self.database.session() as session:
            # every row to replace in one query, not one a package (each would flush the one before:
            # a round trip per package to a PostgreSQL server)
            periods = {incoming.package.period for incoming in chosen}
            existing = {(row.cell_id, row.period): row for row in session.scalars(
                select(RollupReportRow).where(RollupReportRow.period.in_(periods)))} if periods else {}
            for incoming in chosen:
                package = incoming.package
                row = existing.get((incoming.cell.id, package.period))
                if row is not None and row.version != incoming.stored_version:
                    raise errors.edit_conflict(f"báo cáo {period_label(package.period)} của {incoming.cell.name}")
                if row is None:
                    row = RollupReportRow(cell_id=incoming.cell.id, period=package.period)
                    session.add(row)
                row.made_on, row.made_at, row.status = package.made_on, package.made_at, package.status
                row.activities, row.people = package.activities, package.people
                row.manifest, row.report_docx = incoming.manifest, incoming.report_docx
                row.file_name, row.fingerprint, row.received_at = incoming.path.name, incoming.fingerprint, now
        replaced = len(preview.of(Arrival.REPLACES))
        return ImportResult(
            added=len(preview.of(Arrival.NEW)), replaced=replaced if replace else 0, kept=0 if replace else replaced,
            skipped=len(preview.of(Arrival.SAME, Arrival.OLDER, Arrival.SUPERSEDED)),
            refused=len(preview.of(Arrival.REFUSED)))

    def import_paths(self, paths: list[Path], replace: bool = True) -> ImportResult:
        return self.apply(self.preview(paths), replace)

    # --- the month ----------------------------------------------------------------------
    def periods(self) -> list[str]:
        """The months with a package, and the month being reported now, newest first."""
        with self.database.session() as session:
            stored = set(session.scalars(select(RollupReportRow.period).distinct()))
        year, month = self.reports.current_month()
        stored.add(f"{year:04d}-{month:02d}")
        return sorted(stored, reverse=True)

    def has_reports(self, period: str) -> bool:
        with self.database.session() as session:
            return session.scalar(select(RollupReportRow.id).where(RollupReportRow.period == period).limit(1)) is not None

    def standings(self, period: str) -> list[CellStanding]:
        today = self.clock()
        with self.database.session() as session:
            cells = [_cell(row) for row in session.scalars(
                select(RollupCellRow).order_by(RollupCellRow.position, RollupCellRow.id))]
            rows = {row.cell_id: row for row in session.scalars(
                select(RollupReportRow).where(RollupReportRow.period == period))}
            return [standing(cell, period, _received(rows[cell.id]) if cell.id in rows else None, today)
                    for cell in cells]

    def report_docx(self, cell_id: int, period: str) -> bytes:
        """The cell's own Word report as it came in the package."""
        with self.database.session() as session:
            return session.scalar(select(RollupReportRow.report_docx).where(
                RollupReportRow.cell_id == cell_id, RollupReportRow.period == period)) or b""

    # --- what goes up -------------------------------------------------------------------
    def consolidated_document(self, period: str) -> PartyDocument:
        profile = self.settings.profile()
        standings = self.standings(period)
        year, month = (int(part) for part in period.split("-"))
        numbers = dict(self.settings.get(NUMBERS_SETTING, {}) or {})
        if period not in numbers:
            numbers[period] = max(numbers.values(), default=0) + 1
            self.settings.put(NUMBERS_SETTING, numbers)
        return PartyDocument(
            kind_code="BC", number=numbers[period], issuer_code=profile.issuer_code, upper_body=profile.upper_body,
            issuing_body=profile.cell_name, place=profile.place_name, issued_on=self.clock(),
            subtitle=f"tổng hợp kết quả công tác tuyên truyền {period_label(period)} của các chi bộ trực thuộc",
            blocks=consolidated_blocks(period, standings),
            recipients=consolidated_recipients(profile.upper_body, list(profile.recipients)),
            signing_authority=profile.signing_authority, signer_position="BÍ THƯ",
            signer_name=profile.secretary_name)

    def export_consolidated(self, period: str, target: Path) -> Path:
        from ..exports.party_docx import write_party_docx

        document = self.consolidated_document(period)
        profile = self.reports.format_profile(document.issued_on)
        profile.check_kind(document.kind_code)
        return write_party_docx(Path(target), document, profile)

    def export_summary(self, periods: list[str], target: Path) -> Path:
        from ..exports.rollup_xlsx import SummaryBook, write_summary_workbook

        profile = self.settings.profile()
        book = SummaryBook(body_name=profile.cell_name, upper_body=profile.upper_body, made_on=self.clock(),
                           periods=[(period, self.standings(period)) for period in periods])
        return write_summary_workbook(Path(target), book)


def _checked_cell(name: str, report_day: int) -> tuple[str, int]:
    name = " ".join((name or "").split())
    if not name:
        raise ValidationError("Hãy nhập tên chi bộ.", "name")
    if len(name) > MAX_CELL_NAME:
        raise ValidationError(f"Tên chi bộ dài quá {MAX_CELL_NAME} ký tự.", "name")
    if not isinstance(report_day, int) or not 1 <= report_day <= 31:
        raise ValidationError(f"Ngày nộp báo cáo “{report_day}” phải từ 1 đến 31.", "report_day")
    return name, report_day


def _cell(row: RollupCellRow) -> RegisteredCell:
    return RegisteredCell(row.id, row.name, row.report_day, row.note, row.version)


def _received(row: RollupReportRow) -> ReceivedReport:
    return ReceivedReport(row.cell_id, read_manifest(row.manifest, row.file_name, None), row.received_at, row.file_name)


def _package_files(paths: list[Path]) -> list[Path]:
    """The .zip files given, and those anywhere inside the folders given, each once, in name order."""
    found: dict[Path, None] = {}
    for path in (Path(p) for p in paths):
        candidates = sorted(path.rglob(f"*{PACKAGE_SUFFIX}")) if path.is_dir() else [path]
        for candidate in candidates:
            if candidate.name.startswith((".", "~$")):
                continue  # a partial download, an office lock file
            found.setdefault(candidate.resolve(), None)
            if len(found) > MAX_FILES:
                raise ValidationError(f"Thư mục có hơn {MAX_FILES} tệp .zip; hãy chọn đúng thư mục chứa gói báo cáo.")
    return list(found)


def _newness(incoming: IncomingPackage) -> tuple:
    package = incoming.package
    return (package.made_at or dt.datetime.combine(package.made_on, dt.time()), package.made_on)


def _sorted_out(read: list[IncomingPackage], stored: dict) -> list[IncomingPackage]:
    """Of several files for one cell and period, the newest goes on and the rest are set aside; that
    one is new, the same as stored, older than stored, or a re-sent package to replace it with."""
    newest: dict[tuple[int, str], IncomingPackage] = {}
    for incoming in read:
        if incoming.arrival is Arrival.REFUSED:
            continue
        key = (incoming.cell.id, incoming.package.period)
        if key not in newest or _newness(incoming) > _newness(newest[key]):
            newest[key] = incoming
    result = []
    for incoming in read:
        if incoming.arrival is Arrival.REFUSED:
            result.append(incoming)
            continue
        key = (incoming.cell.id, incoming.package.period)
        label = f"{incoming.cell.name}, {period_label(incoming.package.period)}"
        if newest[key] is not incoming:
            result.append(_as(incoming, Arrival.SUPERSEDED, f"{incoming.path.name}: {label} – có tệp mới hơn "
                                                            f"({newest[key].path.name})."))
            continue
        if key not in stored:
            result.append(_as(incoming, Arrival.NEW, label))
            continue
        made_on, made_at, fingerprint, version = stored[key]
        kept = (made_at or dt.datetime.combine(made_on, dt.time()), made_on)
        if fingerprint == incoming.fingerprint:
            result.append(_as(incoming, Arrival.SAME, f"{label} – đã nhập đúng bản này.", version))
        elif _newness(incoming) < kept:
            result.append(_as(incoming, Arrival.OLDER, f"{label} – cũ hơn bản đã nhập "
                                                       f"(lập ngày {format_ui_date(made_on)}).", version))
        else:
            result.append(_as(incoming, Arrival.REPLACES, f"{label} – lập ngày "
                                                          f"{format_ui_date(incoming.package.made_on)}, thay bản lập "
                                                          f"ngày {format_ui_date(made_on)}.", version))
    return result


def _as(incoming: IncomingPackage, arrival: Arrival, message: str, version: int | None = None) -> IncomingPackage:
    return IncomingPackage(incoming.path, arrival, message, incoming.package, incoming.cell, incoming.manifest,
                           incoming.report_docx, incoming.fingerprint, version)
