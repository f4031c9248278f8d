"""The kinds of document a cell receives, read from their text: what issue 'Every document a cell
receives becomes work' found misread, and each kind's window, tasks and slogans."""
import datetime as dt

import pytest

from cell_desk.domain import document_kinds as kinds
from cell_desk.domain.plan_document import check_document, document_tree
from cell_desk.domain.plan_parser import SourceLine, parse_plan
from cell_desk.domain.plan_windows import find_window


def parse(text: str, kind: str | None = None):
    return parse_plan([SourceLine(number, line) for number, line in enumerate(text.splitlines(), 1)], kind)


def tasks(parsed) -> list[str]:
    return [item["text"] for phase in parsed.document["plan"]["phases"] for item in phase.get("items", [])]


def windows(parsed) -> list[tuple[str, str]]:
    return [(phase["starts_on"], phase["ends_on"]) for phase in parsed.document["plan"]["phases"]]


PLAN_2027 = """ĐẢNG ỦY KHỐI CÁC CƠ QUAN TỈNH
Số 12-KH/ĐUK
ĐẢNG CỘNG SẢN VIỆT NAM
Bắc Ninh, ngày 20 tháng 11 năm 2026
KẾ HOẠCH
tuyên truyền năm 2027
I: NỘI DUNG
1. Các đợt tuyên truyền
1.1. Từ nay đến tháng 02/2027: Tuyên truyền kỷ niệm 97 năm Ngày thành lập Đảng (03/02/1930 - 03/02/2027)
- Treo cờ Đảng, cờ Tổ quốc
1.2. Tháng 8 và tháng 9/2027: Tuyên truyền Cách mạng Tháng Tám và Quốc khánh
- Tổ chức tọa đàm
1.3. Kết quả 10 tháng năm 2027
- Sơ kết
"""


def test_a_2026_plan_keeps_its_windows_and_never_dates_a_phase_by_an_anniversary():
    parsed = parse(PLAN_2027)
    assert parsed.kind == kinds.PHASED_PLAN
    assert windows(parsed)[:2] == [("2026-11-20", "2027-02-28"), ("2027-08-01", "2027-09-30")]
    assert [phase["code"] for phase in parsed.document["plan"]["phases"]] == ["1.1", "1.2"]
    assert tasks(parsed) == ["Treo cờ Đảng, cờ Tổ quốc", "Tổ chức tọa đàm", "Kết quả 10 tháng năm 2027", "Sơ kết"]
    assert parsed.review == []


def test_a_window_that_begins_before_the_issue_date_is_marked_for_review():
    parsed = parse(PLAN_2027.replace("1.1. Từ nay đến tháng 02/2027", "1.1. Từ tháng 01/2025 đến tháng 02/2027"))
    assert parsed.review == [{"phase": "1.1", "reason": "bắt đầu 01/01/2025, hơn một năm trước ngày ban hành 20/11/2026"}]
    assert parsed.document["plan"]["phases"][0]["review"]


@pytest.mark.parametrize("text, start, end", [
    ("Tháng 8 và tháng 9/2027", "2027-08-01", "2027-09-30"),
    ("các tháng 8, 9 và 10/2027", "2027-08-01", "2027-10-31"),
    ("Đợt 1 (từ ngày 15/01 đến hết 28/02/2026), tập trung tuyên truyền", "2026-01-15", "2026-02-28"),
    ("Từ nay đến tháng 02/2027: kỷ niệm (03/02/1930 - 03/02/2027)", "2026-11-20", "2027-02-28"),
    ("Quý II/2026", "2026-04-01", "2026-06-30"),
])
def test_windows_are_read_anywhere_in_a_heading(text, start, end):
    found = find_window(text, dt.date(2026, 11, 20))
    assert (found.window.starts_on.isoformat(), found.window.ends_on.isoformat()) == (start, end)


@pytest.mark.parametrize("text", ["Kết quả 10 tháng năm 2022", "Kỷ niệm 135 năm Ngày sinh (19/5/1890 - 19/5/2025)"])
def test_spans_that_are_not_windows(text):
    assert find_window(text, dt.date(2025, 4, 1)) is None


ORIENTATION = """BAN TUYÊN GIÁO VÀ DÂN VẬN TỈNH ỦY
Số 45-HD/BTGDVTU
ĐẢNG CỘNG SẢN VIỆT NAM
Bắc Ninh, ngày 25 tháng 02 năm 2026
HƯỚNG DẪN
nội dung sinh hoạt chi bộ tháng 3/2026
-----
Thực hiện Hướng dẫn số 12-HD/BTGDVTW, Ban Tuyên giáo và Dân vận Tỉnh ủy hướng dẫn như sau:
1. Kỷ niệm 95 năm Ngày thành lập Đoàn Thanh niên Cộng sản Hồ Chí Minh (26/3/1931 - 26/3/2026)
Tuyên truyền truyền thống vẻ vang của Đoàn.
- Vai trò của thanh niên trong xây dựng đất nước.
2. Tuyên truyền kết quả Đại hội đại biểu toàn quốc lần thứ XIV của Đảng
Các chi bộ tổ chức học tập, quán triệt Nghị quyết Đại hội.
Nơi nhận:
- Các chi bộ,
K/T TRƯỞNG BAN
PHÓ TRƯỞNG BAN
Nguyễn Văn B
"""


def test_a_monthly_orientation_is_its_month_with_a_task_per_topic():
    parsed = parse(ORIENTATION)
    plan = parsed.document["plan"]
    assert parsed.kind == kinds.MONTHLY_ORIENTATION and "tháng" in parsed.kind_reason
    assert (plan["number"], plan["issued_on"], plan["upper_issuer"]) == (
        "45-HD/BTGDVTU", "2026-02-25", "BAN TUYÊN GIÁO VÀ DÂN VẬN TỈNH ỦY")
    assert windows(parsed) == [("2026-03-01", "2026-03-31")]
    items = plan["phases"][0]["items"]
    assert [item["text"][:30] for item in items] == ["Kỷ niệm 95 năm Ngày thành lập ", "Tuyên truyền kết quả Đại hội đ"]
    assert items[0]["detail"] == "Tuyên truyền truyền thống vẻ vang của Đoàn.\n- Vai trò của thanh niên trong xây dựng đất nước."
    assert items[0]["detail_lines"] == [10, 11]
    assert parsed.review == [] and parsed.notes == [] and parsed.unaccounted == []
    check_document(parsed.document)
    assert len(document_tree(parsed.document).all_items()) == 2


def test_a_cong_van_with_ordinal_topics_and_a_slogan_lead():
    parsed = parse("""HUYỆN ỦY GIA LÂM
BAN TUYÊN GIÁO
Số 78-CV/BTGHU
V/v định hướng tuyên truyền tháng 4/2026
ĐẢNG CỘNG SẢN VIỆT NAM
Gia Lâm, ngày 28 tháng 3 năm 2026
Kính gửi: Các chi bộ trực thuộc
Thứ nhất, tuyên truyền kỷ niệm 51 năm Ngày giải phóng miền Nam (30/4/1975 - 30/4/2026).
Thứ hai, tuyên truyền Ngày Sách và Văn hóa đọc Việt Nam.
Một số khẩu hiệu tuyên truyền:
- Nhiệt liệt chào mừng 51 năm Ngày giải phóng miền Nam, thống nhất đất nước!
- Việt Nam - Hồ Chí Minh!
""")
    plan = parsed.document["plan"]
    assert parsed.kind == kinds.MONTHLY_ORIENTATION
    assert (plan["number"], plan["issued_on"], plan["title"]) == ("78-CV/BTGHU", "2026-03-28", "định hướng tuyên truyền tháng 4/2026")
    assert windows(parsed) == [("2026-04-01", "2026-04-30")]
    assert tasks(parsed) == ["Tuyên truyền kỷ niệm 51 năm Ngày giải phóng miền Nam (30/4/1975 - 30/4/2026).",
                             "Tuyên truyền Ngày Sách và Văn hóa đọc Việt Nam."]
    assert [s["text"] for s in plan["slogans"]] == [
        "Nhiệt liệt chào mừng 51 năm Ngày giải phóng miền Nam, thống nhất đất nước!", "Việt Nam - Hồ Chí Minh!"]


GUIDE = """(ĐCSVN) - Ban Tuyên giáo và Dân vận Trung ương vừa ban hành Hướng dẫn số 185-HD/BTGDVTW ngày 15/12/2025 tuyên truyền kỷ niệm 96 năm Ngày thành lập Đảng.
HƯỚNG DẪN
tuyên truyền kỷ niệm 96 năm Ngày thành lập Đảng Cộng sản Việt Nam (03/02/1930 - 03/02/2026)
I- MỤC ĐÍCH, YÊU CẦU
1. Tuyên truyền sâu rộng truyền thống vẻ vang của Đảng.
II- NỘI DUNG TUYÊN TRUYỀN
(1) Tuyên truyền về lịch sử vẻ vang của Đảng Cộng sản Việt Nam.
(2) Tuyên truyền kết quả Đại hội XIV của Đảng.
a) Những quan điểm mới.
III- HÌNH THỨC TUYÊN TRUYỀN
1. Tuyên truyền miệng
- Sinh hoạt chi bộ
2. Tuyên truyền trực quan
IV- KHẨU HIỆU TUYÊN TRUYỀN
1. Nhiệt liệt chào mừng 96 năm Ngày thành lập Đảng Cộng sản Việt Nam (03/02/1930 - 03/02/2026)!
2. Đảng Cộng sản Việt Nam quang vinh muôn năm!
"""


def test_an_anniversary_guide_runs_from_its_date_to_the_event():
    parsed = parse(GUIDE)
    plan = parsed.document["plan"]
    assert parsed.kind == kinds.EVENT_GUIDE
    assert (plan["number"], plan["issued_on"]) == ("185-HD/BTGDVTW", "2025-12-15")  # given in the web lead
    assert windows(parsed) == [("2025-12-15", "2026-02-03")]
    assert tasks(parsed) == ["Tuyên truyền về lịch sử vẻ vang của Đảng Cộng sản Việt Nam.",
                             "Tuyên truyền kết quả Đại hội XIV của Đảng."]
    assert plan["phases"][0]["items"][1]["sub_items"] == ["Những quan điểm mới."]
    assert [form["title"] for form in plan["activity_forms"]] == ["Tuyên truyền miệng", "Tuyên truyền trực quan"]
    assert len(plan["slogans"]) == 2 and plan["lead"][0].startswith("(ĐCSVN)")
    assert parsed.unaccounted == []


def test_a_slogan_list_is_slogans_with_one_task_to_use_them():
    parsed = parse("""KHẨU HIỆU TUYÊN TRUYỀN ĐẠI HỘI ĐẢNG BỘ CÁC CẤP NHIỆM KỲ 2025 - 2030
Hà Nội, ngày 10 tháng 3 năm 2025
1. Nhiệt liệt chào mừng Đại hội Đảng bộ các cấp!
2. Đảng Cộng sản Việt Nam quang vinh muôn năm!
3. Toàn Đảng, toàn dân, toàn quân thi đua lập thành tích chào mừng Đại hội!
""")
    assert parsed.kind == kinds.SLOGAN_LIST
    assert len(parsed.document["plan"]["slogans"]) == 3
    items = parsed.document["plan"]["phases"][0]["items"]
    assert len(items) == 1 and items[0]["generated"] and "3 khẩu hiệu" in items[0]["text"]
    assert windows(parsed) == [("2025-03-10", "2025-12-31")]


def test_a_study_plan_runs_to_its_last_deadline():
    parsed = parse("""ĐẢNG ỦY KHỐI
Số 05-KH/ĐUK
Hà Nội, ngày 10 tháng 02 năm 2026
KẾ HOẠCH
học tập, quán triệt Nghị quyết Đại hội XIV của Đảng
II. NỘI DUNG
Một là, tổ chức hội nghị học tập cho cán bộ chủ chốt, hoàn thành trước ngày 15/3/2026.
Hai là, các chi bộ tổ chức học tập cho đảng viên, hoàn thành trước ngày 30/4/2026.
""")
    assert parsed.kind == kinds.STUDY_PLAN
    assert windows(parsed) == [("2026-02-10", "2026-04-30")]
    assert tasks(parsed)[0].startswith("Tổ chức hội nghị học tập")


def test_the_user_can_choose_another_kind():
    parsed = parse(ORIENTATION, kind=kinds.PLAIN_LIST)
    assert parsed.kind == kinds.PLAIN_LIST and parsed.kind_reason == "do người dùng chọn"
    assert tasks(parsed) == ["Kỷ niệm 95 năm Ngày thành lập Đoàn Thanh niên Cộng sản Hồ Chí Minh (26/3/1931 - 26/3/2026)",
                             "Tuyên truyền kết quả Đại hội đại biểu toàn quốc lần thứ XIV của Đảng"]
    assert parsed.document["plan"]["phases"][0]["items"][0]["sub_items"] == [
        "Vai trò của thanh niên trong xây dựng đất nước."]
    with pytest.raises(ValueError):
        parse(ORIENTATION, kind="no_such_kind")


def test_a_document_without_structure_says_what_was_recognised():
    parsed = parse("Số 07-CV/BTG\nMột dòng chữ không có cấu trúc gì.\nNhiệt liệt chào mừng!\n")
    assert parsed.recognised["number"] == "07-CV/BTG" and parsed.recognised["slogan_lines"] == 1
    assert parsed.recognised["lines"] == 3


def test_text_without_numbers_becomes_a_list_only_when_the_user_asks():
    text = "Danh sách việc tháng này\nChuẩn bị phòng họp chi bộ.\nMời đảng viên dự họp.\n"
    assert parse(text).document["plan"]["phases"] == []  # refused by intake, which offers the plain list
    chosen = parse(text, kind=kinds.PLAIN_LIST)
    assert tasks(chosen) == ["Chuẩn bị phòng họp chi bộ.", "Mời đảng viên dự họp."]
    assert chosen.document["plan"]["title"] == "Danh sách việc tháng này"


def test_phases_written_as_sentences_of_a_news_report():
    parsed = parse("Kế hoạch tuyên truyền bầu cử\nNgày 04 tháng 02 năm 2016, Ủy ban bầu cử tỉnh ban hành Kế hoạch tuyên truyền.\n"
                   "Công tác tuyên truyền chia làm 3 đợt: đợt 01 từ ngày 05/02/2016 đến ngày 16/4/2016, đợt 2 từ ngày "
                   "17/4/2016 đến ngày 22/5/2016 và đợt 3 từ ngày 23/5/2016 đến ngày 16/6/2016.\n")
    assert parsed.kind == kinds.PHASED_PLAN
    assert windows(parsed) == [("2016-02-05", "2016-04-16"), ("2016-04-17", "2016-05-22"), ("2016-05-23", "2016-06-16")]
    assert parsed.document["plan"]["issued_on"] == "2016-02-04"


def test_a_numbered_phase_heading_is_not_split_as_sentences():
    parsed = parse("Hà Nội, ngày 05 tháng 01 năm 2026\nKẾ HOẠCH\ntuyên truyền\nII. NỘI DUNG\n1. Các đợt tuyên truyền\n"
                   "1.1. Đợt 1: Từ tháng 1/2026 đến tháng 6/2026\n- Việc một\n1.2. Đợt 2: Từ tháng 7/2026 đến tháng 12/2026\n- Việc hai\n")
    assert [(p["code"], p["title"]) for p in parsed.document["plan"]["phases"]] == [("1.1", "Đợt 1"), ("1.2", "Đợt 2")]
    assert tasks(parsed) == ["Việc một", "Việc hai"]


@pytest.mark.parametrize("text, word", [
    ("Định hướng nội dung tháng 3/2026\n1. Tuyên truyền kỷ niệm\n", "ĐỊNH HƯỚNG"),
    ("Ban Tuyên giáo ban hành Hướng dẫn số 12-HD/BTGTW ngày 10/01/2026 tuyên truyền kỷ niệm 96 năm "
     "Ngày thành lập Đảng (03/02/1930 - 03/02/2026)\n1. Tuyên truyền lịch sử\n", "HƯỚNG DẪN"),
])
def test_a_text_without_a_kind_line_is_named_by_its_number_or_its_kind(text, word):
    plan = parse(text).document["plan"]
    assert plan["kind"] == word
