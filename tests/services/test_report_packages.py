"""Gói báo cáo: what a cell sends its đảng ủy for a month, read back the way the upper
committee's Cell Desk reads it, and the packages it must refuse without storing anything."""
import datetime as dt
import io
import json
import zipfile

import pytest
from docx import Document

from cell_desk.domain.activity import ActivityDraft
from cell_desk.domain.members import Member
from cell_desk.domain.profile import CellProfile
from cell_desk.domain.report_package import MANIFEST_NAME, PACKAGE_VERSION, REPORT_NAME, PackageError
from cell_desk.imports.report_package import read_report_package
from tests.documents import TODAY_IN_MARCH, add_orientation


@pytest.fixture
def march(open_at):
    services = open_at(TODAY_IN_MARCH)
    services.settings.save_profile(CellProfile(cell_name="Chi bộ Văn phòng", upper_body="Đảng ủy Khối",
                                               secretary_name="Nguyễn Văn Hùng"))
    for name in ("Nguyễn Văn Hùng", "Trần Thị Lan", "Lê Văn Minh"):
        services.members.save(Member(None, name, "Đảng viên"))
    add_orientation(services)
    for day, form, members, others in ((3, "Tuyên truyền miệng", 12, 30), (5, "Tuyên truyền miệng", 8, 0),
                                       (6, "Trên mạng xã hội", 0, 250)):
        services.activities.add(ActivityDraft(dt.date(2026, 3, day), form, f"Hoạt động ngày {day}",
                                              party_members=members, others=others))
    services.activities.add(ActivityDraft(dt.date(2026, 2, 10), "Tuyên truyền miệng", "Tháng trước, ngoài kỳ",
                                          party_members=99))
    services.meetings.save(services.meetings.draft(2026, 3))
    return services


def test_the_package_holds_the_month_as_the_cell_recorded_it(march, tmp_path):
    written = march.packages.export(2026, 3, tmp_path / "goi-bao-cao.zip")
    received = read_report_package(written, TODAY_IN_MARCH)
    package = received.package
    assert (package.cell_name, package.upper_body, package.period) == ("Chi bộ Văn phòng", "Đảng ủy Khối", "2026-03")
    figures = {figure.form: (figure.activities, figure.party_members, figure.others) for figure in package.figures}
    # the meeting saved into the log counts under its own form; February's activity is not in the period
    assert figures["Tuyên truyền miệng"] == (2, 20, 30)
    assert figures["Trên mạng xã hội"] == (1, 0, 250)
    assert figures["Sinh hoạt chi bộ"][0] == 1
    assert package.meeting is not None and package.meeting.present == 3 and package.meeting.held_on == TODAY_IN_MARCH
    report = march.reports.report_for(2026, 3)
    assert package.number == report.number and package.status == "draft"
    results = next(section for section in package.sections if section.key == "results")
    assert results.title == "Kết quả thực hiện" and results.text == report.sections["results"]
    assert any(not task.done for task in package.tasks)  # the orientation's open items of March
    # the Word report travels with it, whole
    word = Document(io.BytesIO(received.report_docx))
    assert "BÁO CÁO" in [paragraph.text for paragraph in word.paragraphs]
    with zipfile.ZipFile(written) as archive:
        manifest = json.loads(archive.read(MANIFEST_NAME))
    assert manifest["format"] == "cell-desk-report-package" and manifest["version"] == PACKAGE_VERSION


def rewrite(path, change=None, drop=None):
    with zipfile.ZipFile(path) as archive:
        parts = {name: archive.read(name) for name in archive.namelist() if name != drop}
    if change:
        manifest = json.loads(parts[MANIFEST_NAME])
        change(manifest)
        parts[MANIFEST_NAME] = json.dumps(manifest).encode()
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)


@pytest.mark.parametrize("spoil, message", [
    (lambda m: m.update(version=PACKAGE_VERSION + 1), "Cell Desk mới hơn"),
    (lambda m: m.update(period="2026-05"), "chưa tới"),
    (lambda m: m.update(period="2026-13"), "không đúng dạng"),
    (lambda m: m.update(format="something-else"), "không phải gói báo cáo"),
    (lambda m: m["figures"][0].update(activities=-3), "“activities”"),
    (lambda m: m["report"].update(issued_on="31/03/2026"), "“issued_on”"),
    (lambda m: m["cell"].update(name=" "), "không ghi tên chi bộ"),
])
def test_a_spoilt_manifest_is_refused_with_the_reason(march, tmp_path, spoil, message):
    path = march.packages.export(2026, 3, tmp_path / "goi.zip")
    rewrite(path, spoil)
    with pytest.raises(PackageError) as refused:
        read_report_package(path, TODAY_IN_MARCH)
    assert message in str(refused.value) and "goi.zip" in str(refused.value)


def test_a_damaged_or_foreign_file_is_refused(march, tmp_path):
    path = march.packages.export(2026, 3, tmp_path / "goi.zip")
    cut = tmp_path / "cut.zip"
    cut.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
    with pytest.raises(PackageError, match="bị hỏng hoặc không phải tệp .zip"):
        read_report_package(cut, TODAY_IN_MARCH)
    rewrite(path, drop=MANIFEST_NAME)
    with pytest.raises(PackageError, match="thiếu phần thông tin của gói"):
        read_report_package(path, TODAY_IN_MARCH)
    (tmp_path / "bao-cao.zip").write_text("chỉ là chữ", encoding="utf-8")
    with pytest.raises(PackageError, match="bị hỏng"):
        read_report_package(tmp_path / "bao-cao.zip", TODAY_IN_MARCH)


def test_a_manifest_that_lies_about_its_size_is_stopped(march, tmp_path):
    bomb = tmp_path / "bom.zip"
    with zipfile.ZipFile(bomb, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(MANIFEST_NAME, b"{" + b" " * (30 * 1024 * 1024) + b"}")
    with pytest.raises(PackageError, match="lớn bất thường"):
        read_report_package(bomb, TODAY_IN_MARCH)


def test_the_next_months_package_is_accepted_from_the_21st(march, tmp_path):
    path = march.packages.export(2026, 3, tmp_path / "goi.zip")
    rewrite(path, lambda m: m.update(period="2026-04"))
    assert read_report_package(path, dt.date(2026, 3, 21)).package.month == 4
    with pytest.raises(PackageError, match="chưa tới"):
        read_report_package(path, dt.date(2026, 3, 20))


def test_a_full_disk_keeps_the_old_package_and_says_so(march, tmp_path, monkeypatch):
    import errno

    from cell_desk.exports.atomic import ExportError

    target = tmp_path / "goi.zip"
    target.write_bytes(b"old")
    original = zipfile.ZipFile.writestr

    def full(self, name, data, *args, **kwargs):
        if name == REPORT_NAME:
            raise OSError(errno.ENOSPC, "No space left on device")
        return original(self, name, data, *args, **kwargs)

    monkeypatch.setattr(zipfile.ZipFile, "writestr", full)
    with pytest.raises(ExportError, match="đã đầy"):
        march.packages.export(2026, 3, target)
    assert target.read_bytes() == b"old"
    assert not [path.name for path in tmp_path.iterdir() if path.name.endswith(".partial")]  # no half file beside it
