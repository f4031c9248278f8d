"""A slogan centred on a landscape page, as .docx, for people who finish it in Word."""
from __future__ import annotations

from pathlib import Path

from ..domain.banner import POINT_MM, REFERENCE_SIZE, ColourScheme, fit_text
from .atomic import write_atomically

WORD_MAX_PAGE_MM = 558.0  # Word refuses pages over 22 inches
WORD_MAX_FONT_PT = 1638
MARGIN_MM = 15.0
FONT = "Times New Roman"


def _approximate_width(text: str) -> float:
    # Word measures the text itself; an estimate of bold capitals is enough to choose a size
    return len(text) * 0.8 * REFERENCE_SIZE * POINT_MM


def write_banner_docx(text: str, path: Path, paper_mm: tuple[float, float], scheme: ColourScheme,
                      uppercase: bool = True) -> Path:
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt, RGBColor

    width_mm, height_mm = (min(side, WORD_MAX_PAGE_MM) for side in paper_mm)
    shown = text.upper() if uppercase else text
    layout = fit_text(shown, _approximate_width, width_mm - 2 * MARGIN_MM, height_mm - 2 * MARGIN_MM)

    document = Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE if width_mm >= height_mm else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(width_mm), Mm(height_mm)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Mm(MARGIN_MM))
    background = OxmlElement("w:background")
    background.set(qn("w:color"), scheme.background.lstrip("#"))
    document.element.insert(0, background)
    settings = document.settings.element
    display = OxmlElement("w:displayBackgroundShape")
    settings.insert(0, display)

    # a little under the page height: Word adds its own leading below the last line
    spare = max(0.0, height_mm - 2 * MARGIN_MM - layout.text_height_mm - 10)
    for number, line in enumerate(layout.lines):
        paragraph = document.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.paragraph_format.space_before = Mm(spare / 2) if number == 0 else Pt(0)
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
    return write_atomically(Path(path), lambda temporary: document.save(str(temporary)))
