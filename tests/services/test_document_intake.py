"""Reading an incoming document (refusals that say what was seen, re-parsing as another kind) and
what of it fills the cell's profile."""
import json
from pathlib import Path

import pytest

from cell_desk.domain.plan_parser import ParsedPlan, SourceLine
from cell_desk.domain.profile import CellProfile
from cell_desk.services import document_intake
from cell_desk.services.document_intake import (
    Incoming, NoPlanStructure, profile_suggestions, read_incoming, reparse, upper_body_of,
)

BUNDLED = Path(__file__).parents[2] / "resources" / "plans" / "ke-hoach-20-KH-DUK-2019.json"


def seed() -> dict:
    return json.loads(BUNDLED.read_text(encoding="utf-8"))


def empty_parse(lines, kind=None):
    """What the parser gives for a text with no structure, with what it recognised."""
    document = {"format": "cell-desk-plan", "format_version": 1,
                "plan": {"number": "", "title": "", "issued_on": "2024-03-12", "phases": [],
                         "doc_kind": kind or "phased_plan"}}
    return ParsedPlan(document, recognised={"number": "05-CV/ĐUK", "issued_on": "2024-03-12", "numbered_items": 3,
                                            "slogan_lines": 0, "lines": len(lines)})


def test_a_document_without_structure_is_refused_with_what_was_recognised(tmp_path, monkeypatch):
    monkeypatch.setattr(document_intake, "_parse", empty_parse)
    path = tmp_path / "cong-van.txt"
    path.write_text("ĐẢNG ỦY KHỐI\nSố 05-CV/ĐUK\n1. Rà soát đảng viên\n2. Nộp đảng phí\n3. Họp chi bộ\n",
                    encoding="utf-8")
    with pytest.raises(NoPlanStructure) as refused:
        read_incoming(path)
    message = str(refused.value)
    assert "Không tìm thấy cấu trúc kế hoạch" in message
    assert "số 05-CV/ĐUK, ngày 12/03/2024, 3 mục đánh số, 0 dòng khẩu hiệu, 5 dòng chữ" in message
    assert "nhập như danh sách việc" in message
    error = refused.value
    assert (error.number, error.numbered_items, error.slogan_lines, error.line_count) == ("05-CV/ĐUK", 3, 0, 5)
    assert [line.text for line in error.incoming.lines][:2] == ["ĐẢNG ỦY KHỐI", "Số 05-CV/ĐUK"]
    assert error.incoming.source == "txt" and error.incoming.name == "cong-van.txt"


def test_reparse_uses_the_text_already_read_with_the_chosen_kind(monkeypatch):
    asked = []

    def parse(lines, kind=None):
        asked.append(kind)
        return empty_parse(lines, kind)

    monkeypatch.setattr(document_intake, "_parse", parse)
    first = Incoming(empty_parse([]), [SourceLine(1, "1. Việc một")], "ocr", [Path("trang-001.png")], ["mờ"], "a.jpg")
    again = reparse(first, "plain_list")
    assert asked == ["plain_list"] and again.parsed.kind == "plain_list"
    assert (again.lines, again.source, again.page_images, again.warnings) == (
        first.lines, "ocr", [Path("trang-001.png")], ["mờ"])


def test_an_exchange_file_is_read_as_it_is(tmp_path):
    incoming = read_incoming(BUNDLED)
    assert incoming.source == "json" and incoming.lines == []
    assert incoming.parsed.document["plan"]["number"] == "20-KH/ĐUK"


def test_a_new_cells_empty_profile_is_offered_the_documents_names():
    found = {s.field: s for s in profile_suggestions(seed(), CellProfile())}
    assert set(found) == {"upper_body", "recipients", "place_name"}
    assert (found["upper_body"].current, found["upper_body"].proposed) == (
        "", "Đảng bộ Khối các Cơ quan và Doanh nghiệp tỉnh")
    assert found["recipients"].proposed == ["Ban Thường vụ Đảng ủy Khối (b/c),", "Ban Tuyên giáo Đảng ủy Khối (b/c),",
                                            "Lưu: Chi bộ."]
    assert all(s.chosen for s in found.values())  # empty, or still the program's default


def test_nothing_is_proposed_when_the_profile_already_agrees():
    profile = CellProfile(upper_body="Đảng bộ Khối các Cơ quan và Doanh nghiệp tỉnh", place_name="Bắc Ninh",
                          recipients=["- Ban Thường vụ Đảng ủy Khối (b/c),", "Ban Tuyên giáo Đảng ủy Khối,",
                                      "Lưu: Chi bộ."])
    assert profile_suggestions(seed(), profile) == []


def test_a_new_upper_body_and_place_are_proposed_and_typed_values_are_not_ticked():
    document = seed()
    plan = document["plan"]
    plan.update(issuing_body="", issuer="TỈNH ỦY QUẢNG NGÃI", place="Quảng Ngãi",
                reporting_rule={"day_of_month": 25, "recipient": "Ban Tuyên giáo Tỉnh ủy"})
    found = {s.field: s for s in profile_suggestions(document, CellProfile())}
    assert found["upper_body"].proposed == "Đảng bộ tỉnh Quảng Ngãi" and found["upper_body"].chosen
    assert found["place_name"].proposed == "Quảng Ngãi" and found["place_name"].current == ""
    assert found["recipients"].proposed == ["Ban Tuyên giáo Tỉnh ủy (b/c),", "Lưu: Chi bộ."]
    typed = CellProfile(upper_body="Đảng bộ Công ty Điện lực", place_name="Sơn Tịnh")
    found = {s.field: s for s in profile_suggestions(document, typed)}
    assert not found["upper_body"].chosen  # the user's own typing is not replaced unless ticked
    assert "place_name" not in found  # a place the user typed is the cell's own (a district, a town)


@pytest.mark.parametrize("plan, expected", [
    ({"issuer": "ĐẢNG ỦY XÃ HÒA BÌNH"}, "Đảng bộ xã Hòa Bình"),
    ({"issuer": "ĐẢNG ỦY KHỐI CÁC CƠ QUAN TỈNH"}, "Đảng bộ Khối các cơ quan tỉnh"),
    ({"issuing_body": "Ban Thường vụ Huyện ủy Hiệp Hòa"}, "Đảng bộ huyện Hiệp Hòa"),
    ({"issuer": "BAN TUYÊN GIÁO TỈNH ỦY"}, ""),  # a department writes to many: not the cell's upper body
])
def test_the_upper_body_is_the_party_organisation_of_the_issuing_committee(plan, expected):
    assert upper_body_of(plan) == expected


def test_chosen_fields_are_saved_into_the_profile(services):
    services.settings.update_profile({"upper_body": "Đảng bộ tỉnh Quảng Ngãi"})
    profile = services.settings.profile()
    assert profile.upper_body == "Đảng bộ tỉnh Quảng Ngãi" and profile.cell_name == CellProfile().cell_name
