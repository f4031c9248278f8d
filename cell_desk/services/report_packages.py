"""Gói báo cáo of a month: built from the report, the log, the checklists and the meeting record,
written as one .zip for the đảng ủy, and read back (with every check) on the receiving side."""
from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

from .. import __version__
from ..domain.activity import ActivityFilter
from ..domain.meetings import PRESENT
from ..domain.plan import ItemStatus
from ..domain.report import REPORT_OPENING, REPORT_SECTIONS
from ..domain.report_package import FormFigure, PackageMeeting, PackageSection, PackageTask, ReportPackage
from .clock import Clock, system_clock

OPENING_TITLE = "Mở đầu"


class ReportPackages:
    def __init__(self, reports, activities, plans, settings, meetings, clock: Clock = system_clock):
        self.reports, self.activities, self.plans = reports, activities, plans
        self.settings, self.meetings, self.clock = settings, meetings, clock

    def build(self, year: int, month: int) -> ReportPackage:
        """The month's package; the report is drafted first if it was never opened."""
        document = self.reports.open_report(year, month)
        start, end = self.reports.period_of(year, month)
        profile = self.settings.profile()
        titles = dict(REPORT_SECTIONS)
        keys = [REPORT_OPENING, *titles]
        sections = tuple(PackageSection(key, OPENING_TITLE if key == REPORT_OPENING else titles[key],
                                        document.sections.get(key, "")) for key in keys)
        return ReportPackage(
            cell_name=profile.cell_name, upper_body=profile.upper_body, year=year, month=month,
            number=document.number, issued_on=document.issued_on, status=document.status.value,
            sent_on=document.sent_on, sections=sections, figures=self._figures(start, end),
            tasks=self._tasks(start, end), meeting=self._meeting(year, month), made_on=self.clock(),
            made_with=f"Cell Desk {__version__}",
            made_at=dt.datetime.combine(self.clock(), dt.datetime.now().time().replace(microsecond=0)))

    def export(self, year: int, month: int, target: Path) -> Path:
        from ..exports.report_package import write_report_package

        package = self.build(year, month)
        document = self.reports.report_for(year, month)
        with tempfile.TemporaryDirectory(prefix="cell-desk-package-") as folder:
            report = self.reports.export_docx(document.id, Path(folder) / "bao-cao.docx")
            return write_report_package(Path(target), package.to_manifest(), report.read_bytes())

    def _figures(self, start: dt.date, end: dt.date) -> tuple[FormFigure, ...]:
        by_form: dict[str, list[int]] = {}
        for row in self.activities.rows(ActivityFilter(date_from=start, date_to=end)):
            if start <= row.occurred_on <= end:  # an activity belongs to the period it began in
                counts = by_form.setdefault(row.form, [0, 0, 0])
                counts[0] += 1
                counts[1] += row.party_members
                counts[2] += row.others
        return tuple(FormFigure(form, *counts) for form, counts in sorted(by_form.items()))

    def _tasks(self, start: dt.date, end: dt.date) -> tuple[PackageTask, ...]:
        """Done in the period (any document in force), and open in the phases the period meets."""
        tasks = []
        for tree in self.plans.trees_in_force():
            document = tree.summary.short_name
            for phase in tree.phases:
                meets = phase.is_standing or (phase.starts_on <= end and phase.ends_on >= start)
                for item in phase.all_items():
                    if item.completed_on and start <= item.completed_on <= end and item.status is ItemStatus.DONE:
                        tasks.append(PackageTask(item.text, document, phase.display_title, True, item.completed_on))
                    elif meets and item.parent_id is None and not item.status.is_closed:
                        tasks.append(PackageTask(item.text, document, phase.display_title, False))
        return tuple(tasks)

    def _meeting(self, year: int, month: int) -> PackageMeeting | None:
        meeting = self.meetings.meeting_for(year, month) if self.meetings is not None else None
        if meeting is None:
            return None
        present = sum(1 for attendee in meeting.attendance if attendee.status == PRESENT)
        return PackageMeeting(meeting.kind_label, meeting.held_on, meeting.topic, meeting.member_count, present,
                              meeting.conclusion)
