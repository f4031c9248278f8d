"""Which format profile a document takes: the rule in force on its date, unless Cài đặt chooses one."""
import datetime as dt
import json

import pytest

from cell_desk.bundled import bundled_format_files
from cell_desk.domain.party_document import FormatProfile, FormatProfileError

PRESENTATION = ("font", "page", "page_number", "header", "title", "subtitle", "body", "headings", "footer")


def test_the_2026_profile_names_its_sources_and_keeps_hd36_values_where_unconfirmed():
    files = {path.name: json.loads(path.read_text(encoding="utf-8")) for path in bundled_format_files()}
    old, new = files["huong-dan-36-2018.json"], files["quy-dinh-399-2026.json"]
    assert new["applies_from"] == "2026-01-09" and "399-QĐ/TW" in new["name"] and "05-HD/VPTW" in new["name"]
    assert any("399-QĐ/TW" in source for source in new["sources"]) and "CHƯA XÁC NHẬN" in new["confidence"]
    assert all(new[key] == old[key] for key in PRESENTATION)
    assert new["issuable_kinds"] == ["NQ", "QĐ", "KL", "TB", "BC", "KH", "CTr", "ĐA", "PA", "TTr", "CV", "BB", "QC"]
    assert isinstance(new["footer"]["position"]["bold"], bool)  # BÍ THƯ bold or not: the clerk's value


def test_a_document_takes_the_profile_in_force_on_its_date(open_at):
    services = open_at(dt.date(2026, 2, 10))
    assert "36-HD/VPTW" in services.reports.format_profile(dt.date(2025, 12, 31)).name
    assert "399-QĐ/TW" in services.reports.format_profile(dt.date(2026, 1, 9)).name
    reason = services.reports.format_profile_reason()
    assert reason.startswith("Văn bản ngày 10/02/2026 theo thể thức “Quy định 399-QĐ/TW") and "theo ngày" in reason
    services.reports.choose_profile("huong-dan-36-2018.json")
    assert "36-HD/VPTW" in services.reports.format_profile(dt.date(2026, 2, 10)).name
    assert "đã chọn trong Cài đặt" in services.reports.format_profile_reason()
    services.reports.choose_profile("")
    assert "399-QĐ/TW" in services.reports.format_profile().name


def test_a_kind_a_cell_may_not_issue_is_refused():
    data = json.loads(bundled_format_files()[-1].read_text(encoding="utf-8"))
    profile = FormatProfile(data, "quy-dinh-399-2026.json")
    profile.check_kind("BC")
    with pytest.raises(FormatProfileError, match="không ban hành loại văn bản CT"):
        profile.check_kind("CT")
    with pytest.raises(FormatProfileError, match="applies_from"):
        FormatProfile(data | {"applies_from": "09/01/2026"}, "x.json")
