"""cell-desk meeting list, export minutes|resolution --month, members import."""
import datetime as dt

from docx import Document
from openpyxl import Workbook

from cell_desk.__main__ import main
from cell_desk.app import open_services
from cell_desk.services.clock import fixed_clock


def run(capsys, *args):
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_members_import_then_a_meeting_listed_and_exported(capsys, tmp_path):
    data = tmp_path / "data"
    book = Workbook()
    book.active.append(["Chuc vu", "Ho va ten", "Chinh thuc/Du bi"])
    book.active.append(["Bí thư", "Nguyễn Văn Hùng", "Chính thức"])
    book.active.append(["Phó bí thư", "Trần Thị Lan", "du bi"])
    book.active.append(["", "Lê Minh", "xx"])
    book.save(tmp_path / "dv.xlsx")
    code, out, err = run(capsys, "--data-dir", str(data), "members", "import", str(tmp_path / "dv.xlsx"))
    assert code == 0 and "Đã thêm 2 đồng chí" in out and "Dòng 4: “xx” không phải chính thức hay dự bị." in err
    code, out, err = run(capsys, "--data-dir", str(data), "export", "minutes", "--month", "2026-03",
                         "--out", str(tmp_path / "bb.docx"))
    assert code == 2 and "Tháng 3/2026 chưa có biên bản sinh hoạt chi bộ." in err
    services = open_services(data, clock=fixed_clock(dt.date(2026, 3, 10)))
    try:
        services.meetings.save(services.meetings.draft(2026, 3))
    finally:
        services.close()
    code, out, _ = run(capsys, "--data-dir", str(data), "meeting", "list")
    assert code == 0 and out.startswith("2026-03  thường kỳ  10/03/2026 14:00–15:30 (90 phút)  dự 2/2 (100%)")
    for kind, title in (("minutes", "BIÊN BẢN"), ("resolution", "NGHỊ QUYẾT")):
        target = tmp_path / f"{kind}.docx"
        code, out, _ = run(capsys, "--data-dir", str(data), "export", kind, "--month", "2026-03", "--out", str(target))
        assert code == 0 and str(target) in out
        assert title in [p.text for p in Document(str(target)).paragraphs]
