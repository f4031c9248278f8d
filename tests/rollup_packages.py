"""Report packages as cells send them, made without a cell's whole database: the figures, tasks and
sections a test (or the benchmark) asks for, written by the project's own package writer."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from cell_desk.domain.report_package import (
    FormFigure, PackageMeeting, PackageSection, PackageTask, ReportPackage,
)
from cell_desk.exports.report_package import write_report_package

FORMS = ("Tuyên truyền miệng", "Trên mạng xã hội", "Pa-nô, áp phích, băng rôn", "Sinh hoạt chi bộ",
         "Hội nghị học tập, quán triệt")


def make_package(cell_name: str, period: str = "2026-11", *, made_on: dt.date = dt.date(2026, 11, 18),
                 made_at: dt.datetime | None = None, activities: int = 3, seed: int = 0,
                 proposals: str = "", results: str = "", meeting: bool = True) -> ReportPackage:
    year, month = (int(part) for part in period.split("-"))
    figures = tuple(FormFigure(FORMS[(seed + index) % len(FORMS)], 1 + (seed + index) % 3, 5 + index, 10 * index)
                    for index in range(activities))
    sections = (PackageSection("opening", "Mở đầu", f"{cell_name} báo cáo kết quả tháng {month}/{year} như sau:"),
                PackageSection("results", "Kết quả thực hiện",
                               results or f"- {cell_name} tổ chức {activities} hoạt động tuyên truyền."),
                PackageSection("proposals", "Đề xuất, kiến nghị", proposals))
    tasks = (PackageTask("Quán triệt Nghị quyết Đại hội XIV", "15-HD/BTGDVTW", "Tháng 11", True, made_on),
             PackageTask("Tuyên truyền kỷ niệm ngày thành lập", "15-HD/BTGDVTW", "Tháng 11", False))
    return ReportPackage(
        cell_name=cell_name, upper_body="Đảng ủy Khối", year=year, month=month, number=month, issued_on=made_on,
        status="sent", sent_on=made_on, sections=sections, figures=figures, tasks=tasks,
        meeting=PackageMeeting("Sinh hoạt thường kỳ", made_on, "Chuyên đề tháng", 12, 11) if meeting else None,
        made_on=made_on, made_with="Cell Desk (kiểm thử)",
        made_at=made_at or dt.datetime.combine(made_on, dt.time(9, 0)))


def write_package(folder: Path, package: ReportPackage, name: str | None = None,
                  report_docx: bytes = b"PK-not-really-word") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / (name or f"goi-{package.cell_name.replace(' ', '-')}-{package.period}.zip")
    return write_report_package(target, package.to_manifest(), report_docx)
