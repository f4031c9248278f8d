"""A slogan centred on a landscape page, as .docx, for people who finish it in Word."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from ..domain.banner import POINT_MM, REFERENCE_SIZE, ColourScheme, Phrases, fit_text, parse_phrases

PHRASES_FILE = ("banner", "cum-tu-khong-ngat.txt")


@lru_cache(maxsize=1)
def banner_phrases() -> Phrases:
    """The set phrases a banner never breaks (resources/banner/cum-tu-khong-ngat.txt)."""
    from ..bundled import resource_path

    try:
        return parse_phrases(resource_path(*PHRASES_FILE).read_text(encoding="utf-8"))
    except OSError:
        return ()
from .atomic import ExportError, write_atomically

WORD_MAX_PAGE_MM = 558.0  # Word refuses pages over 22 inches
WORD_MAX_FONT_PT = 1638
MARGIN_MM = 12.0
FONT = "Times New Roman"


def _approximate_width(text: str) -> float:
    # Word measures the text itself; an estimate of bold capitals is enough to choose a size
    return len(text) * 0.8 * REFERENCE_SIZE * POINT_MM


def check_word_size(paper_mm: tuple[float, float]) -> None:
    if max(paper_mm) > WORD_MAX_PAGE_MM:
        limit = f"{WORD_MAX_PAGE_MM / 10:.1f}".replace(".", ",")
        raise ExportError(
            f"Word chỉ nhận trang tối đa {limit} cm mỗi chiều; băng rôn {paper_mm[0] / 10:g} x "
            f"{paper_mm[1] / 10:g} cm hãy xuất PDF (có thể in ghép nhiều tờ A4)."
        )


def write_banner_docx(text: str, path: Path, paper_mm: tuple[float, float], scheme: ColourScheme,
                      uppercase: bool = True) -> Path:
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_ROW_HEIGHT_RULE
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt, RGBColor

    check_word_size(paper_mm)
    width_mm, height_mm = paper_mm
    shown = text.upper() if uppercase else text
    inner_w, inner_h = width_mm - 2 * MARGIN_MM, height_mm - 2 * MARGIN_MM
    layout = fit_text(shown, _approximate_width, inner_w - 10, inner_h - 10, phrases=banner_phrases(), written=text)

    document = Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE if width_mm >= height_mm else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(width_mm), Mm(height_mm)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Mm(MARGIN_MM))
    section.header_distance = section.footer_distance = Mm(0)

    # The colour is a shaded table cell filling the page: Word does not print page colours.
    table = document.add_table(rows=1, cols=1)
    table.autofit = False
    cell = table.cell(0, 0)
    cell.width = Mm(inner_w)
    row = table.rows[0]
    row.height = Mm(inner_h - 6)  # Word keeps a paragraph after a table; leave it room on the page
    row.height_rule = WD_ROW_HEIGHT_RULE.EXACTLY
    cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), scheme.background.lstrip("#"))
    cell._tc.get_or_add_tcPr().append(shading)

    for number, line in enumerate(layout.lines):
        paragraph = cell.paragraphs[0] if number == 0 else cell.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.paragraph_format.space_before = Pt(0)
        paragraph.paragraph_format.space_after = Pt(0)
        paragraph.paragraph_format.line_spacing = Mm(layout.line_pitch_mm)
        run = paragraph.add_run(line)
        run.bold = True
        run.font.size = Pt(min(WORD_MAX_FONT_PT, round(layout.font_size_pt)))
        run.font.color.rgb = RGBColor.from_string(scheme.text.lstrip("#").upper())
        run.font.name = FONT
        fonts = run._element.get_or_add_rPr().get_or_add_rFonts()
        for slot in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
            fonts.set(qn(slot), FONT)
    trailing = document.paragraphs[-1] if document.paragraphs else document.add_paragraph()
    trailing.paragraph_format.space_before = trailing.paragraph_format.space_after = Pt(0)
    trailing.paragraph_format.line_spacing = Pt(1)
    return write_atomically(Path(path), lambda temporary: document.save(str(temporary)))
