"""Composition root: resolve the data folder, open the store, build the services."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .services.activities import ActivityService
from .services.activity_excel import ActivityExcel
from .services.anniversaries import AnniversaryService
from .services.backup import BackupService
from .services.checklist import ChecklistService
from .services.clock import Clock, system_clock
from .services.library import ImageCodec, PosterService, SloganService
from .services.meetings import MeetingReportService, MeetingService
from .services.members import MemberService
from .services.overview import OverviewService
from .services.plan_exchange import PlanExchange
from .services.plans import PlanService
from .services.report_packages import ReportPackages
from .services.reports import ReportService
from .services.rollup import RollupService
from .services.settings import SettingsService
from .storage.database import Database, open_database
from .storage.location import resolve_data_dir, resolve_database_url


@dataclass
class Services:
    database: Database
    plans: PlanService
    checklist: ChecklistService
    settings: SettingsService
    overview: OverviewService
    slogans: SloganService
    posters: PosterService
    activities: ActivityService
    activity_excel: ActivityExcel
    reports: ReportService
    backups: BackupService
    exchange: PlanExchange
    clock: Clock
    members: MemberService | None = None
    meetings: MeetingService | None = None
    anniversaries: AnniversaryService | None = None
    packages: ReportPackages | None = None
    rollup: RollupService | None = None

    @property
    def data_dir(self) -> Path:
        return self.database.folder

    def close(self) -> None:
        self.database.close()


def open_services(
    data_dir: str | Path | None = None,
    *,
    clock: Clock = system_clock,
    image_codec: ImageCodec | None = None,
    database_url: str | None = None,
    **open_options,
) -> Services:
    """Opens the data folder, or the PostgreSQL server that `database_url` (or its setting) names,
    raising StorageError with a user message, and loads bundled plans. The GUI passes an image
    codec; without one, posters can be listed but not imported."""
    folder = resolve_data_dir(data_dir)
    database = open_database(folder, database_url=resolve_database_url(database_url, folder), **open_options)
    try:
        plans = PlanService(database)
        plans.ensure_bundled_plans()
        settings = SettingsService(database)
        activities = ActivityService(database, clock, image_codec)
        reports = MeetingReportService(database, activities, plans, settings, clock)
        members = MemberService(database)
        anniversaries = AnniversaryService(database, plans, clock)
        meetings = MeetingService(database, members, plans, activities, settings, reports, anniversaries, clock)
        reports.meetings, reports.anniversary_calendar = meetings, anniversaries  # the report cites the meeting
        return Services(
            database=database,
            plans=plans,
            checklist=ChecklistService(database, clock),
            settings=settings,
            overview=OverviewService(plans, clock),
            slogans=SloganService(database),
            posters=PosterService(database, image_codec),
            activities=activities,
            activity_excel=ActivityExcel(database, activities, plans, settings, clock),
            reports=reports,
            backups=BackupService(database),
            exchange=PlanExchange(database),
            clock=clock,
            members=members,
            meetings=meetings,
            anniversaries=anniversaries,
            packages=ReportPackages(reports, activities, plans, settings, meetings, clock),
            rollup=RollupService(database, settings, reports, clock),
        )
    except BaseException:
        database.close()
        raise


def restore_backup(folder: str | Path | None, backup: Path) -> Path | None:
    """Puts a backup in place of the data file (closed by the caller). The current file is backed
    up first, or set aside when it cannot be read. Returns where it went."""
    from .storage.backups import put_back
    from .storage.database import BACKUP_FOLDER

    data_dir = resolve_data_dir(folder)
    return put_back(data_dir, Path(backup), data_dir / BACKUP_FOLDER)
