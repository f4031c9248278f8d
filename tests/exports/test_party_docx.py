"""Word documents in the Party's format, reopened with python-docx the way a clerk would check them."""
import datetime as dt
import json
import shutil
import subprocess

import pytest
from docx import Document
from docx.oxml.ns import qn
from docx.shared import Pt

from cell_desk.bundled import bundled_format_files
from cell_desk.domain.party_document import (
    Block, FormatProfile, FormatProfileError, PartyDocument, document_number, sections_blocks, text_blocks,
)
from cell_desk.exports.party_docx import write_party_docx

PROFILE_DATA = json.loads(bundled_format_files()[0].read_text(encoding="utf-8"))


def profile(**changes):
    data = json.loads(json.dumps(PROFILE_DATA))
    for dotted, value in changes.items():
        target = data
        *path, last = dotted.split("__")
        for key in path:
            target = target[key]
        target[last] = value
    return FormatProfile(data, "test")


def sample(issued_on=dt.date(2020, 2, 5), number=5, blocks=None):
    return PartyDocument(
        kind_code="BC", number=number, issuer_code="CB",
        upper_body="Đảng bộ Khối các Cơ quan và Doanh nghiệp tỉnh", issuing_body="Chi bộ Văn phòng",
        place="Bắc Ninh", issued_on=issued_on, subtitle="kết quả công tác tuyên truyền tháng 02/2020",
        blocks=blocks if blocks is not None else sections_blocks([
            ("Kết quả thực hiện", "Trong kỳ, chi bộ đã tổ chức 2 hoạt động.\n1. Tuyên truyền miệng: 1 hoạt động\n"
                                  "1.1. Hội nghị\na) điểm a\n- Ngày 03/02/2020: Hội nghị.\n+ ý nhỏ"),
            ("Đề xuất, kiến nghị", "Không."),
        ]),
        recipients=["Ban Tuyên giáo Đảng ủy Khối (b/c),", "Lưu: Chi bộ."],
        signing_authority="T/M CHI BỘ", signer_position="BÍ THƯ", signer_name="Nguyễn Văn Hùng",
    )


@pytest.fixture
def written(tmp_path):
    def _write(document=None, format_profile=None):
        target = tmp_path / "bao-cao.docx"
        write_party_docx(target, document or sample(), format_profile or profile())
        return Document(str(target))
    return _write


def mm(length):
    """Word stores lengths in twentieths of a point: compare to a tenth of a millimetre."""
    return round(length.mm, 1)


def _style_chain(paragraph):
    style = paragraph.style
    while style is not None:
        yield style
        style = style.base_style


def _inherited(own, paragraph, part: str, attribute: str):
    """What Word shows: the element's own setting, else its paragraph style's, else the base styles'."""
    holders = [own, *(getattr(style, part) for style in _style_chain(paragraph))]
    return next((value for value in (getattr(h, attribute) for h in holders) if value is not None), None)


def effective(paragraph, run, attribute):
    return _inherited(run.font, paragraph, "font", attribute)


def effective_format(paragraph, attribute):
    return _inherited(paragraph.paragraph_format, paragraph, "paragraph_format", attribute)


def fonts_of(paragraph, run):
    slots = ("ascii", "hAnsi", "cs", "eastAsia")
    found = {}
    for holder in [run._element, *(style.element for style in _style_chain(paragraph))]:
        fonts = holder.rPr.rFonts if holder.rPr is not None and holder.rPr.rFonts is not None else None
        for slot in slots:
            if slot not in found and fonts is not None and fonts.get(qn(f"w:{slot}")):
                found[slot] = fonts.get(qn(f"w:{slot}"))
    return found


def test_page_is_a4_with_the_profile_margins(written):
    section = written().sections[0]
    assert (mm(section.page_width), mm(section.page_height)) == (210, 297)
    assert [mm(section.top_margin), mm(section.bottom_margin), mm(section.left_margin), mm(section.right_margin)] == [
        20, 20, 30, 15]


def test_margins_come_from_the_profile_not_the_code(written):
    section = written(format_profile=profile(page__left_mm=35, page__top_mm=25)).sections[0]
    assert (mm(section.left_margin), mm(section.top_margin)) == (35, 25)


def test_the_header_table_holds_the_bodies_star_number_party_name_and_date(written):
    document = written()
    table = document.tables[0]
    left, right = table.rows[0].cells
    assert [p.text for p in left.paragraphs] == [
        "ĐẢNG BỘ KHỐI CÁC CƠ QUAN VÀ DOANH NGHIỆP TỈNH", "CHI BỘ VĂN PHÒNG", "*", "Số 05-BC/CB"]
    assert [p.text for p in right.paragraphs] == ["ĐẢNG CỘNG SẢN VIỆT NAM", "Bắc Ninh, ngày 05 tháng 02 năm 2020"]
    upper, body = left.paragraphs[0].runs[0], left.paragraphs[1].runs[0]
    assert (upper.font.size, upper.bold) == (Pt(14), False)
    assert (body.font.size, body.bold) == (Pt(14), True)
    party, date = right.paragraphs[0].runs[0], right.paragraphs[1].runs[0]
    assert (party.font.size, party.bold, party.underline) == (Pt(15), True, True)
    assert (date.font.size, date.italic) == (Pt(14), True)
    borders = table._tbl.tblPr.find(qn("w:tblBorders"))
    assert all(edge.get(qn("w:val")) == "nil" for edge in borders)


@pytest.mark.parametrize("day, words", [
    (dt.date(2026, 1, 5), "ngày 05 tháng 01 năm 2026"),
    (dt.date(2026, 2, 20), "ngày 20 tháng 02 năm 2026"),
    (dt.date(2026, 3, 5), "ngày 05 tháng 3 năm 2026"),
    (dt.date(2026, 12, 31), "ngày 31 tháng 12 năm 2026"),
])
def test_the_date_is_worded_with_the_leading_zero_rule(written, day, words):
    right = written(sample(issued_on=day)).tables[0].rows[0].cells[1]
    assert right.paragraphs[1].text == f"Bắc Ninh, {words}"


def test_the_number_and_the_colon_after_so_follow_the_profile(written):
    assert document_number(5, "BC", "CB") == "Số 05-BC/CB"
    assert document_number(123, "KH", "ĐU") == "Số 123-KH/ĐU"
    left = written(format_profile=profile(header__number__colon=True)).tables[0].rows[0].cells[0]
    assert left.paragraphs[3].text == "Số: 05-BC/CB"


def test_every_run_is_times_new_roman_in_every_script_slot(written):
    document = written()
    paragraphs = list(document.paragraphs)
    paragraphs += [p for table in document.tables for cell in table.rows[0].cells for p in cell.paragraphs]
    runs = [(p, run) for p in paragraphs for run in p.runs]
    assert len(runs) > 15
    for paragraph, run in runs:
        fonts = fonts_of(paragraph, run)
        assert len(fonts) == 4 and set(fonts.values()) == {"Times New Roman"}, run.text


def test_title_subtitle_and_body_have_their_sizes_and_weights(written):
    paragraphs = [p for p in written().paragraphs if p.text]
    title, subtitle, rule = paragraphs[0], paragraphs[1], paragraphs[2]
    assert (title.text, title.runs[0].font.size, title.runs[0].bold) == ("BÁO CÁO", Pt(16), True)
    assert (subtitle.runs[0].font.size, subtitle.runs[0].bold) == (Pt(14), True)
    assert rule.text == "-----"
    texts = [p.text for p in paragraphs]
    section = paragraphs[texts.index("I. KẾT QUẢ THỰC HIỆN")]
    assert effective(section, section.runs[0], "bold") and effective(section, section.runs[0], "size") == Pt(14)
    body = paragraphs[texts.index("Trong kỳ, chi bộ đã tổ chức 2 hoạt động.")]
    assert mm(effective_format(body, "first_line_indent")) == 10
    assert effective_format(body, "space_after") == Pt(6)
    assert effective_format(body, "line_spacing") == Pt(20)
    assert effective_format(body, "alignment") == 3  # justified
    assert not effective(body, body.runs[0], "bold") and effective(body, body.runs[0], "size") == Pt(14)
    for text in ("1.1. Hội nghị", "a) điểm a"):
        paragraph = paragraphs[texts.index(text)]
        assert effective(paragraph, paragraph.runs[0], "italic")
    assert body.style.name == "Cell Desk – Nội dung" and section.style.name == "Cell Desk – Mục I"
    assert "- Ngày 03/02/2020: Hội nghị." in texts and "+ ý nhỏ" in texts


def test_the_footer_table_has_the_recipients_and_the_signature(written):
    left, right = written().tables[-1].rows[0].cells
    assert [p.text for p in left.paragraphs] == [
        "Nơi nhận:", "- Ban Tuyên giáo Đảng ủy Khối (b/c),", "- Lưu: Chi bộ."]
    label = left.paragraphs[0].runs[0]
    assert label.underline and label.font.size == Pt(14)
    assert left.paragraphs[1].runs[0].font.size == Pt(12)
    lines = [p.text for p in right.paragraphs]
    assert lines == ["T/M CHI BỘ", "BÍ THƯ", "Nguyễn Văn Hùng"]  # no empty lines a page could break between
    assert right.paragraphs[1].paragraph_format.space_after >= Pt(4 * 14)  # room for the signature
    assert right.paragraphs[0].runs[0].bold and right.paragraphs[-1].runs[0].bold


def test_page_numbers_start_on_page_two(written):
    section = written().sections[0]
    assert section.different_first_page_header_footer
    assert section.first_page_header.paragraphs[0].text == ""
    header_xml = section.header._element.xml
    assert "PAGE" in header_xml and "fldChar" in header_xml


def test_control_characters_and_very_long_sections_do_not_break_the_file(written):
    long = "Đại hội \x07 chi bộ \x00 " * 20_000
    document = written(sample(blocks=[Block("section", "I. KẾT QUẢ"), *text_blocks(long + "\n- dòng\x1b")]))
    texts = [p.text for p in document.paragraphs]
    assert any(t.startswith("Đại hội  chi bộ") for t in texts)
    assert "- dòng" in texts


def test_typed_text_becomes_the_right_blocks():
    assert text_blocks("Mở đầu\n\n1. Một\n1.1. Một một\na) ý a\n- gạch\n+ cộng\nII. HAI") == [
        Block("paragraph", "Mở đầu"), Block("numbered", "1. Một"), Block("subnumbered", "1.1. Một một"),
        Block("lettered", "a) ý a"), Block("bullet", "gạch"), Block("subbullet", "cộng"), Block("section", "II. HAI")]


@pytest.mark.parametrize("change, message", [
    ({"page__left_mm": "30"}, "page.left_mm"),
    ({"font": None}, "font"),
    ({"header__number__colon": "no"}, "header.number.colon"),
    ({"page__top_mm": -5}, "không được âm"),
])
def test_a_profile_a_clerk_broke_is_refused_with_the_key(change, message):
    with pytest.raises(FormatProfileError, match=message.replace(".", r"\.")):
        profile(**change)


@pytest.mark.skipif(shutil.which("soffice") is None or shutil.which("pdftotext") is None,
                    reason="LibreOffice or poppler-utils is not installed")
def test_libreoffice_renders_it_and_the_text_survives(tmp_path):
    target = tmp_path / "bao-cao.docx"
    long_direction = "\n".join(f"- Nhiệm vụ số {n} của tháng tới." for n in range(60))
    document = sample(blocks=sections_blocks([("Kết quả thực hiện", "Trong kỳ có hoạt động."),
                                              ("Phương hướng", long_direction)]))
    write_party_docx(target, document, profile())
    subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp_path}/lo", "--headless", "--convert-to", "pdf",
                    "--outdir", str(tmp_path), str(target)], capture_output=True, timeout=180, check=True)
    pdf = tmp_path / "bao-cao.pdf"
    pages = int(next(line.split()[-1] for line in subprocess.run(
        ["pdfinfo", str(pdf)], capture_output=True, text=True).stdout.splitlines() if line.startswith("Pages:")))
    assert pages == 3
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True).stdout
    for expected in ("ĐẢNG CỘNG SẢN VIỆT NAM", "Số 05-BC/CB", "ngày 05 tháng 02 năm 2020", "BÁO CÁO",
                     "Nhiệm vụ số 59 của tháng tới.", "Nguyễn Văn Hùng", "T/M CHI BỘ"):
        assert expected in text
    first_page = text.split("\f")[0]
    assert "\n2\n" not in first_page.strip()[:200]  # no number on page 1
    assert text.split("\f")[1].strip().startswith("2")


def test_the_text_is_vietnamese_in_current_mode_with_real_properties(tmp_path):
    import datetime as dt
    import zipfile

    target = tmp_path / "bao-cao.docx"
    before = dt.datetime.now().replace(microsecond=0)
    write_party_docx(target, sample(), profile())
    document = Document(str(target))
    paragraphs = list(document.paragraphs)
    paragraphs += [p for table in document.tables for cell in table.rows[0].cells for p in cell.paragraphs]
    runs = [run for p in paragraphs for run in p.runs]
    assert runs and all(run._element.rPr.find(qn("w:lang")).get(qn("w:val")) == "vi-VN" for run in runs)
    defaults = document.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    assert [lang.get(qn("w:val")) for lang in defaults.findall(qn("w:lang"))] == ["vi-VN"]
    modes = [s.get(qn("w:val")) for s in document.settings.element.iter(qn("w:compatSetting"))
             if s.get(qn("w:name")) == "compatibilityMode"]
    assert modes == ["15"]
    core = document.core_properties
    assert core.title == "Báo cáo kết quả công tác tuyên truyền tháng 02/2020"
    assert core.author == core.last_modified_by == "Chi bộ Văn phòng"
    assert core.created.replace(tzinfo=None) >= before and "python-docx" not in (core.comments or "")
    with zipfile.ZipFile(target) as archive:
        names = archive.namelist()
        assert not any("thumbnail" in name for name in names)
        assert "thumbnail" not in archive.read("_rels/.rels").decode()
