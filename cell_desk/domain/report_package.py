"""Gói báo cáo: what a cell sends its đảng ủy for a month, in one file the upper committee's
Cell Desk reads without retyping: the cell, the period, figures per form, tasks done and open,
the month's chi bộ meeting, and the text of each section of the report. The manifest is JSON with
a format name and a version; a reader refuses a newer version rather than guess at it."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from .dates import add_months

PACKAGE_FORMAT = "cell-desk-report-package"
PACKAGE_VERSION = 1
MANIFEST_NAME = "manifest.json"
REPORT_NAME = "bao-cao.docx"
PACKAGE_SUFFIX = ".zip"
MAX_MANIFEST_BYTES = 20 * 1024 * 1024  # a month of one cell is a few hundred kilobytes at most
PERIOD = re.compile(r"^(\d{4})-(\d{2})$")


class PackageError(ValueError):
    """A package that cannot be read; `str()` is the Vietnamese message, naming the file."""


@dataclass(frozen=True)
class FormFigure:
    form: str
    activities: int
    party_members: int
    others: int


@dataclass(frozen=True)
class PackageTask:
    text: str
    document: str  # the short name of the document it belongs to: "20-KH/ĐUK"
    phase: str
    done: bool
    completed_on: dt.date | None = None


@dataclass(frozen=True)
class PackageMeeting:
    kind: str
    held_on: dt.date | None
    topic: str
    member_count: int
    present: int
    conclusion: str = ""


@dataclass(frozen=True)
class PackageSection:
    key: str
    title: str
    text: str


@dataclass(frozen=True)
class ReportPackage:
    cell_name: str
    upper_body: str
    year: int
    month: int
    number: int
    issued_on: dt.date
    status: str  # draft, final, sent
    sent_on: dt.date | None
    sections: tuple[PackageSection, ...]
    figures: tuple[FormFigure, ...]
    tasks: tuple[PackageTask, ...]
    meeting: PackageMeeting | None
    made_on: dt.date
    made_with: str = ""
    made_at: dt.datetime | None = None  # to the second: of two packages made the same day, the later wins
    version: int = PACKAGE_VERSION
    extra: dict = field(default_factory=dict, compare=False)

    @property
    def period(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"

    @property
    def activities(self) -> int:
        return sum(figure.activities for figure in self.figures)

    @property
    def people(self) -> int:
        return sum(figure.party_members + figure.others for figure in self.figures)

    def to_manifest(self) -> dict:
        return {
            "format": PACKAGE_FORMAT, "version": self.version, "made_with": self.made_with,
            "made_on": self.made_on.isoformat(),
            **({"made_at": self.made_at.isoformat(timespec="seconds")} if self.made_at else {}),
            "cell": {"name": self.cell_name, "upper_body": self.upper_body},
            "period": self.period,
            "report": {"number": self.number, "issued_on": self.issued_on.isoformat(), "status": self.status,
                       "sent_on": self.sent_on.isoformat() if self.sent_on else None, "file": REPORT_NAME,
                       "sections": [{"key": s.key, "title": s.title, "text": s.text} for s in self.sections]},
            "figures": [{"form": f.form, "activities": f.activities, "party_members": f.party_members,
                         "others": f.others} for f in self.figures],
            "tasks": [{"text": t.text, "document": t.document, "phase": t.phase, "done": t.done,
                       "completed_on": t.completed_on.isoformat() if t.completed_on else None} for t in self.tasks],
            "meeting": None if self.meeting is None else {
                "kind": self.meeting.kind, "held_on": self.meeting.held_on.isoformat() if self.meeting.held_on else None,
                "topic": self.meeting.topic, "member_count": self.meeting.member_count,
                "present": self.meeting.present, "conclusion": self.meeting.conclusion},
        }


def read_manifest(data: object, source: str, today: dt.date | None) -> ReportPackage:
    """The package a manifest describes, or a PackageError saying what is wrong and where. Without
    `today` (a package already received and checked, read back) the period is not checked against it."""
    reader = _Reader(source)
    if not isinstance(data, dict) or data.get("format") != PACKAGE_FORMAT:
        raise PackageError(f"{source} không phải gói báo cáo của Cell Desk (thiếu “{PACKAGE_FORMAT}” trong {MANIFEST_NAME}).")
    version = data.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise PackageError(f"{source}: phiên bản định dạng “{version}” không hợp lệ.")
    if version > PACKAGE_VERSION:
        raise PackageError(f"{source} được tạo bằng Cell Desk mới hơn (định dạng phiên bản {version}, bản này đọc "
                           f"đến {PACKAGE_VERSION}). Hãy cập nhật Cell Desk rồi nhập lại; tệp này chưa được nhập.")
    period = reader.text(data, "period")
    match = PERIOD.match(period)
    if not match or not 1 <= int(match.group(2)) <= 12:
        raise PackageError(f"{source}: kỳ báo cáo “{period}” không đúng dạng năm-tháng (ví dụ 2026-11).")
    year, month = int(match.group(1)), int(match.group(2))
    if today is not None:
        _refuse_future(source, year, month, today)
    cell = reader.mapping(data, "cell")
    report = reader.mapping(data, "report")
    sections = tuple(PackageSection(reader.text(s, "key"), reader.text(s, "title"), reader.text(s, "text"))
                     for s in reader.items(report, "sections"))
    figures = tuple(FormFigure(reader.text(f, "form"), reader.count(f, "activities"), reader.count(f, "party_members"),
                               reader.count(f, "others")) for f in reader.items(data, "figures"))
    tasks = tuple(PackageTask(reader.text(t, "text"), reader.text(t, "document", ""), reader.text(t, "phase", ""),
                              bool(t.get("done")), reader.date(t, "completed_on", optional=True))
                  for t in reader.items(data, "tasks"))
    meeting_data = data.get("meeting")
    meeting = None
    if meeting_data is not None:
        meeting_data = reader.mapping(data, "meeting")
        meeting = PackageMeeting(reader.text(meeting_data, "kind", ""), reader.date(meeting_data, "held_on", optional=True),
                                 reader.text(meeting_data, "topic", ""), reader.count(meeting_data, "member_count"),
                                 reader.count(meeting_data, "present"), reader.text(meeting_data, "conclusion", ""))
    cell_name = reader.text(cell, "name")
    if not cell_name.strip():
        raise PackageError(f"{source}: gói không ghi tên chi bộ.")
    status = reader.text(report, "status", "draft")
    return ReportPackage(
        cell_name=cell_name.strip(), upper_body=reader.text(cell, "upper_body", ""), year=year, month=month,
        number=reader.count(report, "number"), issued_on=reader.date(report, "issued_on"),
        status=status if status in ("draft", "final", "sent") else "draft",
        sent_on=reader.date(report, "sent_on", optional=True), sections=sections, figures=figures, tasks=tasks,
        meeting=meeting, made_on=reader.date(data, "made_on"), made_with=reader.text(data, "made_with", ""),
        version=version, made_at=reader.moment(data, "made_at"))


def _refuse_future(source: str, year: int, month: int, today: dt.date) -> None:
    following = add_months(today.replace(day=1), 1)  # from the 21st the next month's report is being written
    next_month_begun = today.day > 20 and (following.year, following.month) == (year, month)
    if (year, month) > (today.year, today.month) and not next_month_begun:
        raise PackageError(f"{source}: kỳ báo cáo tháng {month:02d}/{year} chưa tới (hôm nay "
                           f"{today:%d/%m/%Y}). Hãy kiểm tra ngày của máy gửi gói; tệp này chưa được nhập.")


class _Reader:
    """Typed reads of the manifest, each failure named by its field."""

    def __init__(self, source: str):
        self.source = source

    def _fail(self, name: str, what: str) -> PackageError:
        return PackageError(f"{self.source}: trường “{name}” {what}; gói có thể đã bị sửa tay hoặc hỏng.")

    def mapping(self, data: dict, name: str) -> dict:
        value = data.get(name)
        if not isinstance(value, dict):
            raise self._fail(name, "thiếu hoặc không đúng dạng")
        return value

    def items(self, data: dict, name: str) -> list[dict]:
        value = data.get(name, [])
        if not isinstance(value, list) or not all(isinstance(entry, dict) for entry in value):
            raise self._fail(name, "không phải danh sách")
        return value

    def text(self, data: dict, name: str, default: str | None = None) -> str:
        value = data.get(name, default)
        if not isinstance(value, str):
            raise self._fail(name, "thiếu hoặc không phải chữ")
        return value

    def count(self, data: dict, name: str) -> int:
        value = data.get(name, 0)
        if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= 10_000_000:
            raise self._fail(name, f"có giá trị “{value}” không phải số đếm")
        return value

    def moment(self, data: dict, name: str) -> dt.datetime | None:
        value = data.get(name)
        if value is None:
            return None
        try:
            return dt.datetime.fromisoformat(value)
        except (TypeError, ValueError):
            raise self._fail(name, f"có thời điểm “{value}” không đọc được") from None

    def date(self, data: dict, name: str, optional: bool = False) -> dt.date | None:
        value = data.get(name)
        if value is None and optional:
            return None
        try:
            return dt.date.fromisoformat(value)
        except (TypeError, ValueError):
            raise self._fail(name, f"có ngày “{value}” không đọc được") from None
