"""Importing plans: the seed in both forms, variants written the way other committees write,
and files that are not plans."""
import json
from pathlib import Path

import pytest

from cell_desk.domain.plan_document import check_document, document_tree
from cell_desk.domain.plan_parser import SourceLine, join_broken_lines, parse_plan
from cell_desk.domain.validation import ValidationError
from cell_desk.imports.plan_files import PlanFileError, read_plan_lines
from cell_desk.services.document_intake import NoPlanStructure, read_plan_file
from tests.services.test_seed_plan import SEED_TEXT, SLIPS

BUNDLED = Path(__file__).parents[2] / "resources" / "plans" / "ke-hoach-20-KH-DUK-2019.json"


def fix(text: str) -> str:
    for slip, right in SLIPS.items():
        text = text.replace(slip, right)
    return text


def outline(plan: dict) -> list[tuple]:
    """Every phase, stage, item, sub-item, the standing task and the slogans, in order."""
    rows = []
    for phase in plan["phases"]:
        rows.append(("phase", phase["code"], fix(phase["title"]), fix(phase["window_text"]),
                     phase["starts_on"], phase["ends_on"]))
        groups = [(None, phase.get("items", []))] + [(s, s["items"]) for s in phase.get("stages", [])]
        for stage, items in groups:
            if stage:
                rows.append(("stage", stage["kind"], fix(stage["heading"])))
            rows.extend(("item", fix(i["text"]), tuple(fix(s) for s in i.get("sub_items", []))) for i in items)
    rows.append(("standing", fix(plan["standing_task"]["text"])))
    rows.extend(("slogan", s["number"], s["text"]) for s in plan["slogans"])
    return rows


@pytest.mark.parametrize("suffix", [".txt", ".docx"])
def test_the_seed_imports_item_for_item_as_the_bundled_plan(suffix):
    source = SEED_TEXT.with_suffix(suffix)
    if not source.exists():
        pytest.skip("the seed is not beside the checkout (../shared/seed)")
    parsed = read_plan_file(source)
    bundled = json.loads(BUNDLED.read_text(encoding="utf-8"))["plan"]
    assert outline(parsed.document["plan"]) == outline(bundled)
    plan = parsed.document["plan"]
    assert (plan["number"], plan["issued_on"], plan["place"]) == ("20-KH/ĐUK", "2019-12-30", "Bắc Ninh")
    assert plan["reporting_rule"]["day_of_month"] == 20
    assert plan["reporting_rule"]["via"] == "Ban Tuyên giáo Đảng ủy Khối"
    assert [f["code"] for f in plan["activity_forms"]] == ["2.1.1", "2.1.2", "2.1.3", "2.2", "2.3", "2.4", "2.5"]
    assert parsed.notes == []


VARIANT = """ĐẢNG BỘ TỈNH THÁI BÌNH
ĐẢNG ỦY KHỐI DOANH NGHIỆP
*
Số 07-KH/ĐUK
ĐẢNG CỘNG SẢN VIỆT NAM
Thái Bình, ngày 05 tháng 01 năm 2026
KẾ HOẠCH
tuyên truyền kỷ niệm 96 năm Ngày thành lập Đảng và Đại hội Đảng bộ các cấp
-----
Căn cứ Hướng dẫn số 12-HD/BTGTW của Ban Tuyên giáo Trung ương,
Ban Thường vụ Đảng ủy Khối ban hành kế hoạch như sau:
I- MỤC ĐÍCH, YÊU CẦU
- Tạo khí thế phấn khởi trong cán bộ, đảng viên.
II- NỘI DUNG
1. Các giai đoạn tuyên truyền
Giai đoạn 1: Quý I/2026
• Tuyên truyền lịch sử vẻ vang của Đảng
+ Thành tựu 96 năm
+ Bài học kinh nghiệm
- Treo cờ, băng rôn khẩu hiệu tại trụ sở
Đợt 2: trước ngày 15/4/2026
*Trước Đại hội*
– Giới thiệu dự thảo văn kiện
*Trong Đại hội*
– Đưa tin hoạt động của Đại hội
_Sau Đại hội_
– Quán triệt Nghị quyết
Đợt 3: từ sau đại hội cấp huyện đến Đại hội tỉnh
- Phản ánh dư luận xã hội
Đợt 4: Từ tháng 11/2026 đến tháng 2/2027
- Tổng kết công tác tuyên truyền
2. Hình thức tuyên truyền
2.1. Tuyên truyền miệng
- Sinh hoạt chi bộ chuyên đề
2.2. Tuyên truyền trực quan
- Pa-nô, áp phích
III. TỔ CHỨC THỰC HIỆN
1. Các chi bộ trực thuộc
a) Xây dựng kế hoạch cụ thể
- Báo cáo kết quả về Đảng ủy Khối (qua Ban Tuyên giáo) vào ngày 25 hằng tháng.
IV. KHẨU HIỆU TUYÊN TRUYỀN
1. Nhiệt liệt chào mừng 96 năm Ngày thành lập Đảng Cộng sản Việt Nam!
2. Đảng Cộng sản Việt Nam quang vinh muôn năm!
Dòng lạc chỗ không thuộc mục nào.
Nơi nhận:
- Ban Tuyên giáo Tỉnh ủy (b/c),
- Lưu VP.
T/M BAN THƯỜNG VỤ
PHÓ BÍ THƯ
Nguyễn Văn A
"""


def variant_lines(text: str = VARIANT) -> list[SourceLine]:
    return [SourceLine(number, line) for number, line in enumerate(text.splitlines(), start=1)]


def test_a_plan_written_another_way():
    parsed = parse_plan(variant_lines())
    plan = parsed.document["plan"]
    assert (plan["upper_issuer"], plan["issuer"]) == ("ĐẢNG BỘ TỈNH THÁI BÌNH", "ĐẢNG ỦY KHỐI DOANH NGHIỆP")
    assert (plan["number"], plan["place"], plan["issued_on"]) == ("07-KH/ĐUK", "Thái Bình", "2026-01-05")
    assert plan["title"].startswith("tuyên truyền kỷ niệm 96 năm")
    phases = plan["phases"]
    assert [(p["code"], p["starts_on"], p["ends_on"]) for p in phases] == [
        ("Giai đoạn 1", "2026-01-01", "2026-03-31"),
        ("Đợt 2", "2026-04-01", "2026-04-15"),  # "trước ngày 15/4": from where the phase before ended
        ("Đợt 3", "2026-04-15", "2026-11-01"),  # tied to events: dated between its neighbours, for the user to fix
        ("Đợt 4", "2026-11-01", "2027-02-28"),
    ]
    assert parsed.undated_phases == ["Đợt 3"]
    first = phases[0]["items"]
    assert [i["text"] for i in first] == ["Tuyên truyền lịch sử vẻ vang của Đảng", "Treo cờ, băng rôn khẩu hiệu tại trụ sở"]
    assert first[0]["sub_items"] == ["Thành tựu 96 năm", "Bài học kinh nghiệm"]
    assert first[0]["line"] == 17
    assert [s["kind"] for s in phases[1]["stages"]] == ["before", "during", "after"]
    assert [f["title"] for f in plan["activity_forms"]] == ["Tuyên truyền miệng", "Tuyên truyền trực quan"]
    assert plan["reporting_rule"]["day_of_month"] == 25
    assert [s["text"] for s in plan["slogans"]][1] == "Đảng Cộng sản Việt Nam quang vinh muôn năm!"
    assert plan["recipients"] == ["Ban Tuyên giáo Tỉnh ủy (b/c),", "Lưu VP."]
    assert (plan["signer_position"], plan["signer"]) == ("PHÓ BÍ THƯ", "Nguyễn Văn A")
    assert [n["text"] for n in parsed.notes] == ["Dòng lạc chỗ không thuộc mục nào."]
    assert parsed.notes[0]["line"] == 44
    check_document(parsed.document)
    assert len(document_tree(parsed.document).all_items()) == 9  # 2 items + 2 sub-items, 3, 1, 1


def test_phases_numbered_without_a_phase_section_are_found_by_their_windows():
    text = """Hà Nội, ngày 20 tháng 02 năm 2026
KẾ HOẠCH
tuyên truyền
II. NỘI DUNG
1. Từ nay đến tháng 6/2026: Tuyên truyền Nghị quyết
- Quán triệt nghị quyết
2. Quý III/2026: Sơ kết
- Sơ kết sáu tháng
"""
    phases = parse_plan(variant_lines(text)).document["plan"]["phases"]
    assert [(p["code"], p["starts_on"], p["ends_on"]) for p in phases] == [
        ("1", "2026-02-20", "2026-06-30"), ("2", "2026-07-01", "2026-09-30")]


def test_a_bullet_broken_across_a_page_is_mended():
    lines = variant_lines("- Tuyên truyền Kế hoạch số 101-KH/TU của Ban Thường vụ Tỉnh ủy về\n\nĐại hội Đảng bộ các cấp.\n- Việc khác")
    assert [line.text for line in join_broken_lines(lines)] == [
        "- Tuyên truyền Kế hoạch số 101-KH/TU của Ban Thường vụ Tỉnh ủy về Đại hội Đảng bộ các cấp.", "- Việc khác"]


def test_a_docx_with_header_tables_is_read(tmp_path):
    from docx import Document

    document = Document()
    table = document.add_table(rows=4, cols=2)
    for row, (left, right) in enumerate([("ĐẢNG BỘ TỈNH THÁI BÌNH", "ĐẢNG CỘNG SẢN VIỆT NAM"),
                                         ("ĐẢNG ỦY KHỐI DOANH NGHIỆP", "Thái Bình, ngày 05 tháng 01 năm 2026"),
                                         ("*", ""), ("Số 07-KH/ĐUK", "")]):
        table.cell(row, 0).text, table.cell(row, 1).text = left, right
    for line in VARIANT.splitlines()[6:]:
        document.add_paragraph(line)
    path = tmp_path / "ke-hoach.docx"
    document.save(str(path))
    plan = read_plan_file(path).document["plan"]
    assert (plan["issuer"], plan["number"], plan["issued_on"]) == ("ĐẢNG ỦY KHỐI DOANH NGHIỆP", "07-KH/ĐUK", "2026-01-05")
    assert len(plan["phases"]) == 4


def test_an_old_doc_file_gets_told_to_save_as_docx(tmp_path):
    old = tmp_path / "ke-hoach.doc"
    old.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    with pytest.raises(PlanFileError, match=r"tệp Word cũ \(\.doc\).*\.docx"):
        read_plan_lines(old)


@pytest.mark.parametrize("content", ["", "Danh sách mua văn phòng phẩm\nGiấy A4: 10 ram\nBút bi: 2 hộp\n"])
def test_an_empty_or_unrelated_document_says_what_was_seen(tmp_path, content):
    path = tmp_path / "khac.txt"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(NoPlanStructure, match="Không tìm thấy cấu trúc kế hoạch") as refused:
        read_plan_file(path)
    if content:
        assert "“Danh sách mua văn phòng phẩm”" in str(refused.value)


def test_a_docx_that_is_not_a_docx_is_refused(tmp_path):
    fake = tmp_path / "ke-hoach.docx"
    fake.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(PlanFileError, match="không phải tệp Word .docx hợp lệ"):
        read_plan_lines(fake)


def test_exchange_round_trip_and_refusals(services, tmp_path):
    exported = services.exchange.export(1, tmp_path / "ke-hoach.json")
    parsed = read_plan_file(exported)
    new_id = services.exchange.save(parsed.document, allow_duplicate=True)
    assert services.exchange.document(new_id)["plan"] == services.exchange.document(1)["plan"]
    original = services.plans.plan_tree(1)
    copy = services.plans.plan_tree(new_id)
    assert [i.text for i in copy.all_items()] == [i.text for i in original.all_items()]
    def texts(plan_id):
        return [(s.number, s.text, s.tags) for s in services.slogans.slogans(include_retired=True, plan_id=plan_id)]

    assert texts(new_id) == texts(1)

    document = json.loads(exported.read_text(encoding="utf-8"))
    document["format_version"] = 9
    with pytest.raises(ValidationError, match="phiên bản 9, mới hơn"):
        check_document(document)
    document["format_version"] = 1
    document["plan"]["phases"][2]["ends_on"] = "2020-31-12"
    with pytest.raises(ValidationError, match="đợt thứ 3: “ends_on” phải là ngày dạng YYYY-MM-DD"):
        check_document(document)
    broken = tmp_path / "hong.json"
    broken.write_text('{"format": "cell-desk-plan", ', encoding="utf-8")
    with pytest.raises(ValidationError, match="không phải tệp JSON hợp lệ"):
        read_plan_file(broken)


def test_cli_import_dry_run_json_and_save(capsys, data_dir, tmp_path):
    from cell_desk.__main__ import main

    source = tmp_path / "ke-hoach-thai-binh.txt"
    source.write_text(VARIANT, encoding="utf-8")
    assert main(["--data-dir", str(data_dir), "plan", "import", str(source), "--dry-run"]) == 0
    out = capsys.readouterr()
    assert "    - [Chưa thực hiện] Tuyên truyền lịch sử vẻ vang của Đảng" in out.out
    assert "        + [Chưa thực hiện] Bài học kinh nghiệm" in out.out
    assert "Chưa xếp được (dòng 44): Dòng lạc chỗ không thuộc mục nào." in out.out
    assert "Cần nhập ngày cho các đợt gắn với sự kiện: Đợt 3" in out.err
    assert main(["--data-dir", str(data_dir), "plan", "list"]) == 0
    assert capsys.readouterr().out.count("\n") == 1  # nothing saved by --dry-run
    assert main(["--data-dir", str(data_dir), "plan", "import", str(source), "--json", "--dry-run"]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert printed["review"]["notes"] == [{"line": 44, "text": "Dòng lạc chỗ không thuộc mục nào."}]
    assert main(["--data-dir", str(data_dir), "plan", "import", str(source), "--activate"]) == 0
    assert "Đã lưu kế hoạch số 2 và đưa vào áp dụng." in capsys.readouterr().out
    assert main(["--data-dir", str(data_dir), "slogan", "list"]) == 0
    assert capsys.readouterr().out.startswith("1. Nhiệt liệt chào mừng 96 năm")


def test_editing_a_stored_plan_keeps_the_statuses_of_its_items(services):
    from cell_desk.domain.plan import ItemStatus

    tree = services.plans.plan_tree(1)
    kept = tree.phases[0].items[1]
    services.checklist.update_item(kept.id, status=ItemStatus.DONE, evidence="Biên bản")
    document = services.exchange.document(1, with_ids=True)
    phase = document["plan"]["phases"][0]
    phase["items"].pop(0)  # delete the first item
    phase["items"][0]["text"] += " (đã sửa)"  # edit the one that is done
    phase["items"].append({"text": "Nội dung mới thêm"})
    phase["ends_on"] = "2020-04-30"
    document["plan"]["phases"][2]["stages"][1]["items"][1]["sub_items"].append({"text": "Ý nhỏ mới"})
    services.exchange.update(1, document)
    after = services.plans.plan_tree(1)
    first = after.phases[0]
    assert first.ends_on.isoformat() == "2020-04-30"
    assert [i.text for i in first.items][-1] == "Nội dung mới thêm"
    edited = next(i for i in first.items if i.id == kept.id)
    assert edited.text.endswith("(đã sửa)") and edited.status is ItemStatus.DONE and edited.evidence == "Biên bản"
    assert len(after.all_items()) == 73 - 1 + 1 + 1
    assert "Ý nhỏ mới" in [s.text for s in after.phases[2].stages[1].items[1].sub_items]


def parse_text(text: str):
    return parse_plan(variant_lines(text))


HEAD = "Phường 3, ngày 05 tháng 01 năm 2026\nKẾ HOẠCH\ntuyên truyền\nII. NỘI DUNG\n"


def test_lines_the_first_review_found_misread():
    parsed = parse_text(HEAD + """Đợt 1: Quý I/2026
1. Tổ chức sinh hoạt chuyên đề
2. Tổ chức hội nghị sơ kết trước ngày 30/6/2026
V.I. Lênin và cách mạng.
- Chi bộ họp vào ngày 5 hằng tháng để đánh giá.
a) Quán triệt nghị quyết
b) Học tập chuyên đề
Giai đoạn 2021 - 2025, chi bộ đã đạt nhiều thành tích.
2
Trang 2
Đợt 2: Quý II/2026
Trước khi Đại hội diễn ra:
+ Treo băng rôn.
Khi Đại hội diễn ra:
- Đưa tin
Ngoài ra, chú trọng tuyên truyền trên mạng xã hội.
Bên cạnh đó, đấu tranh phản bác quan điểm sai trái.
B. KHẨU HIỆU
1. Chào mừng!
""")
    plan = parsed.document["plan"]
    assert plan["issued_on"] == "2026-01-05" and plan["place"] == "Phường 3"
    assert [p["code"] for p in plan["phases"]] == ["Đợt 1", "Đợt 2"]
    first = [item["text"] for item in plan["phases"][0]["items"]]
    assert first == ["Tổ chức sinh hoạt chuyên đề", "Tổ chức hội nghị sơ kết trước ngày 30/6/2026",
                     "V.I. Lênin và cách mạng.", "Chi bộ họp vào ngày 5 hằng tháng để đánh giá.",
                     "Quán triệt nghị quyết", "Học tập chuyên đề",
                     "Giai đoạn 2021 - 2025, chi bộ đã đạt nhiều thành tích."]
    assert "reporting_rule" not in plan
    stages = plan["phases"][1]["stages"]
    assert [(s["kind"], [i["text"] for i in s["items"]]) for s in stages] == [
        ("before", ["Treo băng rôn."]), ("during", ["Đưa tin"])]
    assert [i["text"] for i in plan["standing_task"]["items"]] == [
        "Ngoài ra, chú trọng tuyên truyền trên mạng xã hội.", "Bên cạnh đó, đấu tranh phản bác quan điểm sai trái."]
    assert plan["slogans"][0]["text"] == "Chào mừng!"
    assert [n["text"] for n in parsed.notes] == ["2", "Trang 2"]


def test_a_date_written_with_slashes_and_a_missing_date():
    assert parse_text("Đông Tiến, ngày 05/01/2026\nKẾ HOẠCH\nx\nII. NỘI DUNG\nĐợt 1: Quý I/2026\n- Việc\n"
                      ).document["plan"]["issued_on"] == "2026-01-05"
    parsed = parse_text("KẾ HOẠCH\nx\nII. NỘI DUNG\nĐợt 1: Quý I/2026\n- Việc\n")
    assert parsed.document["plan"]["issued_on"] == "2026-01-01"
    assert "Không đọc được ngày ban hành" in parsed.notes[0]["text"]
    document_tree(parsed.document)  # prints without a date on the page


def test_word_automatic_bullets_keep_their_nesting(tmp_path):
    from docx import Document

    document = Document()
    for line in ("Bắc Ninh, ngày 05 tháng 01 năm 2026", "KẾ HOẠCH", "tuyên truyền", "II. NỘI DUNG", "Đợt 1: Quý I/2026"):
        document.add_paragraph(line)
    document.add_paragraph("Tuyên truyền lịch sử Đảng", style="List Bullet")
    document.add_paragraph("Thành tựu 96 năm", style="List Bullet 2")
    document.add_paragraph("IV. KHẨU HIỆU")
    document.add_paragraph("Mừng Đảng quang vinh!", style="List Number")
    path = tmp_path / "tu-dong.docx"
    document.save(str(path))
    plan = read_plan_file(path).document["plan"]
    item = plan["phases"][0]["items"][0]
    assert item["text"] == "Tuyên truyền lịch sử Đảng" and item["sub_items"] == ["Thành tựu 96 năm"]
    assert plan["slogans"] == [{"number": 1, "text": "Mừng Đảng quang vinh!", "line": 9}]


def test_the_same_plan_twice_is_refused_unless_asked(capsys, data_dir):
    from cell_desk.__main__ import main

    seed = SEED_TEXT
    if not seed.exists():
        pytest.skip("the seed is not beside the checkout (../shared/seed)")
    assert main(["--data-dir", str(data_dir), "plan", "import", str(seed)]) == 2
    assert "đã có trong chương trình (số 1)" in capsys.readouterr().err
    assert main(["--data-dir", str(data_dir), "plan", "import", str(seed), "--again"]) == 0
