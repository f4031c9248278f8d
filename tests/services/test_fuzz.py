"""Odd text through every form and exporter that exists: control characters, emoji, combining
diacritics (NFD and NFC), direction marks, very long fields. Nothing crashes, everything stored is
NFC without control characters, and every exported file opens again."""
import unicodedata

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cell_desk.domain.plan import ItemStatus
from cell_desk.domain.profile import CellProfile
from cell_desk.domain.validation import ValidationError

VIETNAMESE = "ĐđẠạẢảẤấẦầẨẩẪẫẬậẮắẰằẲẳẴẵẶặẸẹẺẻẼẽẾếỀềỂểỄễỆệỈỉỊịỌọỎỏỐốỒồỔổỖỗỘộỚớỜờỞởỠỡỢợỤụỦủỨứỪừỬửỮữỰựỲỳỴỵỶỷỸỹ"
ODD = "\x00\x01\x07\x0b\x0c\x1b\x7f\u200e\u200f\u202e\u2066\ufeff\ufffe\U0001f1fb\U0001f1f3\U0001f525\u0301\u0323\t\r\n"
odd_text = st.one_of(
    st.text(alphabet=st.sampled_from(VIETNAMESE + ODD + "abc .,-!"), max_size=200),
    st.text(alphabet=st.sampled_from(VIETNAMESE + ODD), max_size=200).map(lambda t: unicodedata.normalize("NFD", t)),
    st.text(max_size=100),
    st.builds(lambda chunk, times: chunk * times, st.sampled_from(["Đại hội ", "\u0301a", "🔥", "x"]),
              st.sampled_from([1, 5_000, 100_000])),
)
FUZZ = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def assert_clean(text: str) -> None:
    assert unicodedata.is_normalized("NFC", text)
    assert not any(ord(ch) < 32 and ch not in "\t\n" for ch in text)


@FUZZ
@given(assignee=odd_text, evidence=odd_text)
def test_checklist_fields(services, assignee, evidence):
    item_id = services.plans.plan_tree().phases[0].items[0].id
    try:
        _, after = services.checklist.update_item(item_id, status=ItemStatus.IN_PROGRESS,
                                                  assignee=assignee, evidence=evidence)
    except ValidationError as refused:
        assert refused.field in ("assignee", "evidence")
        return
    stored = services.checklist.state(item_id)
    assert stored == after
    assert_clean(stored.assignee)
    assert_clean(stored.evidence)


@FUZZ
@given(name=odd_text, secretary=odd_text)
def test_cell_profile(services, name, secretary):
    try:
        saved = services.settings.save_profile(CellProfile(cell_name=name, secretary_name=secretary))
    except ValidationError:
        return
    assert_clean(saved.cell_name)
    assert services.settings.profile() == saved


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=odd_text)
def test_slogans_and_the_word_banner(services, tmp_path_factory, text):
    from docx import Document

    from cell_desk.domain.banner import PAPERS_MM, SCHEMES
    from cell_desk.exports.banner_docx import write_banner_docx

    try:
        slogan = services.slogans.add(text, [text[:30]])
    except ValidationError:
        return
    assert_clean(slogan.text)
    target = tmp_path_factory.mktemp("banner") / "bang-ron.docx"
    write_banner_docx(slogan.text, target, PAPERS_MM["A4"], SCHEMES["red"])
    reopened = " ".join(p.text for p in Document(str(target)).tables[0].cell(0, 0).paragraphs)
    assert reopened.split() == slogan.text.upper().split()


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(title=odd_text, content=odd_text, place=odd_text)
def test_activities_and_the_excel_log(services, tmp_path_factory, title, content, place):
    import datetime as dt

    from openpyxl import load_workbook

    from cell_desk.domain.activity import ActivityDraft
    from cell_desk.exports.activities_xlsx import EXCEL_CELL_LIMIT, HEADER_ROW

    try:
        added = services.activities.add(ActivityDraft(dt.date(2020, 8, 1), "Tuyên truyền miệng", title,
                                                      content=content, place=place, tags=(place[:20],)))
    except ValidationError as refused:
        assert refused.field in ("title", "content", "place", "tags")
        return
    stored = services.activities.get(added.id).draft
    for text in (stored.title, stored.content, stored.place):
        assert_clean(text)
    target = tmp_path_factory.mktemp("log") / "nhat-ky.xlsx"
    services.activity_excel.export(target)
    row = [cell.value for cell in load_workbook(target)["Nhật ký"][HEADER_ROW + 1]]
    content = stored.content
    if len(content) > EXCEL_CELL_LIMIT:  # Excel's limit: cut with an ellipsis, never a repair prompt
        content = content[:EXCEL_CELL_LIMIT - 1] + "…"
    assert (row[4], row[5] or "") == (stored.title, content)
    services.activities.delete(added.id)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=odd_text, subtitle=odd_text)
def test_report_sections_and_the_word_report(services, tmp_path_factory, text, subtitle):
    from docx import Document

    report = services.reports.open_report(2020, 8)
    try:
        services.reports.save_section(report.id, "difficulties", text)
        services.reports.update_header(report.id, subtitle=subtitle)
    except ValidationError as refused:
        assert refused.field in ("difficulties", "subtitle")
        return
    stored = services.reports.get(report.id)
    assert_clean(stored.sections["difficulties"])
    assert_clean(stored.subtitle)
    target = services.reports.export_docx(report.id, tmp_path_factory.mktemp("report") / "bao-cao.docx")
    written = " ".join(" ".join(p.text for p in Document(str(target)).paragraphs).split()).casefold()
    for line in stored.sections["difficulties"].split("\n"):  # a line like "II. ..." is written in capitals
        words = line.strip().lstrip("-+•– ").split()
        assert not words or " ".join(words[:3]).casefold() in written
