"""A PartyDocument as .docx in the Party's format. Every size, margin and word of form comes from
the format profile; this module only knows how Word spells them."""
from __future__ import annotations

import copy
from pathlib import Path

from ..domain.party_document import Block, FormatProfile, PartyDocument
from ..domain.text import strip_forbidden
from .atomic import write_atomically

FONT_SLOTS = ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia")
LANGUAGE = "vi-VN"  # Word spell-checks the text as Vietnamese
WORD_2013_AND_LATER = "15"  # compatibilityMode: the file opens in Word's current mode, not "compatibility mode"
KEEP_WITH_SIGNATURE = 2  # the last body paragraphs move to the next page with the signature block
# Named paragraph styles of the body, so the document reads as structured in Word's style list.
BODY_STYLES = {"paragraph": "Cell Desk – Nội dung", "section": "Cell Desk – Mục I", "numbered": "Cell Desk – Mục 1",
               "subnumbered": "Cell Desk – Mục 1.1", "lettered": "Cell Desk – Điểm a)"}


def write_party_docx(target: Path, document: PartyDocument, profile: FormatProfile) -> Path:
    """Writes the document atomically (a temporary file moved into place)."""
    word = build_party_docx(document, profile)
    return write_atomically(Path(target), lambda temporary: word.save(str(temporary)))


def build_party_docx(document: PartyDocument, profile: FormatProfile):
    from docx import Document
    from docx.shared import Mm

    word = Document()
    writer = _Writer(word, profile)
    section = word.sections[0]
    page = lambda key: profile.get("page", key)  # noqa: E731
    section.page_width, section.page_height = Mm(page("width_mm")), Mm(page("height_mm"))
    section.top_margin, section.bottom_margin = Mm(page("top_mm")), Mm(page("bottom_mm"))
    section.left_margin, section.right_margin = Mm(page("left_mm")), Mm(page("right_mm"))
    section.header_distance, section.footer_distance = Mm(page("header_distance_mm")), Mm(page("footer_distance_mm"))
    writer.default_font()
    writer.document_settings(document)
    writer.page_numbers(section)
    writer.heading_table(document)
    writer.title(document)
    body = [writer.block(block) for block in document.blocks]
    writer.keep_with_next(body[-KEEP_WITH_SIGNATURE:])
    writer.signature_table(document)
    if document.annex:
        writer.annex(document)
    writer.closing_paragraph()
    return word


class _Writer:
    def __init__(self, word, profile: FormatProfile):
        from docx.enum.text import WD_ALIGN_PARAGRAPH
        from docx.shared import Mm, Pt

        self.word, self.profile = word, profile
        self.font = profile.get("font")
        self.Mm, self.Pt, self.align = Mm, Pt, WD_ALIGN_PARAGRAPH
        self._styles = {}
        self._templates = {}
        self._run_templates = {}
        self.text_width_mm = (profile.get("page", "width_mm") - profile.get("page", "left_mm")
                              - profile.get("page", "right_mm"))

    # --- runs and paragraphs --------------------------------------------------------
    def run(self, paragraph, text: str, size, bold=False, italic=False, underline=False):
        """A run in the profile's font in every script slot (so Vietnamese never falls back to
        another font), tagged vi-VN; copied from one made per look, as python-docx's setters
        cost half a millisecond a run."""
        from docx.text.run import Run

        key = (size, bold, italic, underline)
        if key not in self._run_templates:
            from docx.oxml import parse_xml
            from docx.oxml.ns import nsdecls
            from xml.sax.saxutils import quoteattr

            font = quoteattr(self.font)
            half_points = round(size * 2)
            self._run_templates[key] = parse_xml(
                f'<w:r {nsdecls("w")}><w:rPr><w:rFonts w:ascii={font} w:hAnsi={font} w:cs={font} w:eastAsia={font}/>'
                + ("<w:b/>" if bold else '<w:b w:val="0"/>') + ("<w:i/>" if italic else '<w:i w:val="0"/>')
                + f'<w:sz w:val="{half_points}"/><w:szCs w:val="{half_points}"/>'
                + ('<w:u w:val="single"/>' if underline else '<w:u w:val="none"/>')
                + f'<w:lang w:val="{LANGUAGE}"/></w:rPr><w:t xml:space="preserve"></w:t></w:r>')
        element = copy.deepcopy(self._run_templates[key])
        element[-1].text = strip_forbidden(text)
        paragraph._p.append(element)
        return Run(element, paragraph)

    def paragraph(self, container, alignment=None, space_after=0, space_before=0, indent_mm=0, line_pt=None):
        paragraph = container.add_paragraph() if hasattr(container, "add_paragraph") else container
        fmt = paragraph.paragraph_format
        fmt.space_after, fmt.space_before = self.Pt(space_after), self.Pt(space_before)
        if indent_mm:
            fmt.first_line_indent = self.Mm(indent_mm)
        if line_pt:
            from docx.enum.text import WD_LINE_SPACING

            fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
            fmt.line_spacing = self.Pt(line_pt)
        if alignment is not None:
            paragraph.alignment = alignment
        return paragraph

    def default_font(self) -> None:
        self._set_font(self.word.styles["Normal"], self.profile.get("body", "size_pt"))
        self.word.styles["Normal"].element.get_or_add_rPr().append(_language_element())

    def document_settings(self, document: PartyDocument) -> None:
        """Vietnamese as the document's language, Word's current compatibility mode, the real
        title, author and dates, and no thumbnail of python-docx's template."""
        import datetime as dt

        from docx.opc.constants import RELATIONSHIP_TYPE
        from docx.oxml.ns import qn

        styles = self.word.styles.element
        defaults = styles.find(qn("w:docDefaults"))
        run_defaults = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
        for old in run_defaults.findall(qn("w:lang")):
            run_defaults.remove(old)
        run_defaults.append(_language_element())
        settings = self.word.settings.element
        for setting in settings.iter(qn("w:compatSetting")):
            if setting.get(qn("w:name")) == "compatibilityMode":
                setting.set(qn("w:val"), WORD_2013_AND_LATER)
        for theme_language in settings.iter(qn("w:themeFontLang")):
            theme_language.set(qn("w:val"), LANGUAGE)
            theme_language.attrib.pop(qn("w:eastAsia"), None)
        properties = self.word.core_properties
        now = dt.datetime.now().replace(microsecond=0)
        properties.title = f"{document.kind_name.capitalize()} {document.subtitle}".strip()
        properties.subject = document.subtitle
        properties.author = properties.last_modified_by = document.issuing_body
        properties.comments = properties.keywords = properties.category = ""
        properties.language = LANGUAGE
        properties.created = properties.modified = now
        properties.revision = 1
        package = self.word.part.package
        for relationship_id, relationship in list(package.rels.items()):
            if relationship.reltype == RELATIONSHIP_TYPE.THUMBNAIL:
                package.rels.pop(relationship_id)

    def _set_font(self, style, size) -> None:
        from docx.oxml.ns import qn

        style.font.name = self.font
        style.font.size = self.Pt(size)
        fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
        for slot in FONT_SLOTS:  # every script slot, so Vietnamese never falls back to another font
            fonts.set(qn(slot), self.font)

    # --- parts -------------------------------------------------------------------------
    def page_numbers(self, section) -> None:
        """Page numbers centred in the header, not on the first page."""
        from docx.oxml import OxmlElement
        from docx.oxml.ns import qn

        if self.profile.get("page_number", "from_page") >= 2:
            section.different_first_page_header_footer = True
            for paragraph in section.first_page_header.paragraphs:
                paragraph.text = ""
        paragraph = section.header.paragraphs[0]
        paragraph.alignment = self.align.CENTER
        run = self.run(paragraph, "", self.profile.get("page_number", "size_pt"))
        for kind, text in (("begin", None), (None, " PAGE "), ("separate", None), (None, "1"), ("end", None)):
            if kind:
                element = OxmlElement("w:fldChar")
                element.set(qn("w:fldCharType"), kind)
            elif text == " PAGE ":
                element = OxmlElement("w:instrText")
                element.set(qn("xml:space"), "preserve")
                element.text = text
            else:
                element = OxmlElement("w:t")
                element.text = text
            run._element.append(element)

    def _two_columns(self, left_mm: float):
        from docx.oxml import OxmlElement
        from docx.oxml.ns import qn

        table = self.word.add_table(rows=1, cols=2)
        table.autofit = False
        widths = (left_mm, self.text_width_mm - left_mm)
        for cell, width in zip(table.rows[0].cells, widths):
            cell.width = self.Mm(width)
        for column, width in zip(table.columns, widths):
            column.width = self.Mm(width)
        borders = OxmlElement("w:tblBorders")
        for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
            element = OxmlElement(f"w:{edge}")
            element.set(qn("w:val"), "nil")
            borders.append(element)
        table._tbl.tblPr.append(borders)
        return table.rows[0].cells

    def heading_table(self, document: PartyDocument) -> None:
        header = lambda *keys: self.profile.get("header", *keys)  # noqa: E731
        left, right = self._two_columns(header("left_width_mm"))
        centre = self.align.CENTER
        first = True
        for text, style in ((document.upper_body, "upper_body"), (document.issuing_body, "issuing_body")):
            if not text:
                continue
            paragraph = self.paragraph(left.paragraphs[0] if first else left, centre)
            first = False
            self.run(paragraph, text.upper(), header(style, "size_pt"), bold=header(style, "bold"))
        self.run(self.paragraph(left, centre), header("star"), header("number", "size_pt"))
        self.run(self.paragraph(left, centre), document.number_text(self.profile), header("number", "size_pt"))
        party = self.paragraph(right.paragraphs[0], centre)
        self.run(party, header("party_name", "text"), header("party_name", "size_pt"),
                 bold=header("party_name", "bold"), underline=header("party_name", "underline"))
        self.run(self.paragraph(right, centre, space_before=6), document.place_and_date,
                 header("place_date", "size_pt"), italic=header("place_date", "italic"))

    def title(self, document: PartyDocument) -> None:
        title = lambda key: self.profile.get("title", key)  # noqa: E731
        subtitle = lambda key: self.profile.get("subtitle", key)  # noqa: E731
        self.run(self.paragraph(self.word, self.align.CENTER, space_before=title("space_before_pt")),
                 document.kind_name, title("size_pt"), bold=title("bold"))
        if document.subtitle:
            self.run(self.paragraph(self.word, self.align.CENTER), document.subtitle, subtitle("size_pt"),
                     bold=subtitle("bold"))
        if subtitle("rule"):
            self.run(self.paragraph(self.word, self.align.CENTER, space_after=12), subtitle("rule"),
                     subtitle("size_pt"))

    def block(self, block: Block) -> None:
        """A body paragraph in its named style (made once per document): as fast as unformatted
        paragraphs, and a clerk can change every heading of a kind at once in Word."""
        if block.kind == "table":
            return self.table(block)
        style = self._style(block.kind)
        if block.kind in ("bullet", "subbullet"):
            text = f"{self.profile.get('headings', block.kind, 'mark')} {block.text}"
        elif block.kind == "section" and self.profile.get("headings", "section", "upper"):
            text = block.text.upper()
        else:
            text = block.text
        paragraph = copy.deepcopy(self._paragraph_template(style.style_id))
        paragraph[-1][-1].text = strip_forbidden(text)  # w:p / w:r / w:t
        self._body_end.addprevious(paragraph)
        return paragraph

    # the columns of a table of work (TT, what, who, when) as parts of the text width
    TABLE_SHARES = (0.07, 0.53, 0.22, 0.18)

    def table(self, block: Block):
        """A bordered table with its heading row bold and repeated on each page; returns the
        paragraph that follows it (a table cannot keep with the signature)."""
        from docx.oxml import OxmlElement
        from docx.oxml.ns import qn

        columns = len(block.rows[0])
        shares = self.TABLE_SHARES if columns == len(self.TABLE_SHARES) else _column_shares(block.rows)
        figures = {column for column in range(columns) if all(_is_figure(row[column]) for row in block.rows[1:])}
        table = self.word.add_table(rows=len(block.rows), cols=columns)
        table.style = self.word.styles["Table Grid"]
        table.autofit = False
        size = self.profile.get("body", "size_pt") - 1
        for number, (row, values) in enumerate(zip(table.rows, block.rows)):
            if number == 0:
                header = row._tr.get_or_add_trPr()
                header.append(OxmlElement("w:tblHeader"))
            row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
            for column, (cell, value) in enumerate(zip(row.cells, values)):
                cell.width = self.Mm(self.text_width_mm * shares[column])
                centred = number == 0 or column == 0 or (column == 3 and columns == len(self.TABLE_SHARES))
                centred = centred or column in figures
                paragraph = self.paragraph(cell.paragraphs[0], self.align.CENTER if centred else self.align.LEFT,
                                           space_before=2, space_after=2)
                self.run(paragraph, value, size, bold=number == 0)
        for column, share in zip(table.columns, shares):
            column.width = self.Mm(self.text_width_mm * share)
        look = table._tbl.tblPr.find(qn("w:tblLook"))
        if look is not None:
            table._tbl.tblPr.remove(look)
        after = self.paragraph(self.word, space_after=0)  # a line between the table and what follows
        return after._p

    @staticmethod
    def keep_with_next(paragraphs) -> None:
        """Word and LibreOffice keep each of these on the page of what follows it."""
        for paragraph in paragraphs:
            paragraph.get_or_add_pPr().keepNext_val = True

    def _paragraph_template(self, style_id: str):
        """A styled one-run paragraph, copied for each block: building each through python-docx's
        proxies (style lookup, pPr, run) took four times as long as an unstyled paragraph."""
        if style_id not in self._templates:
            from docx.oxml import parse_xml
            from docx.oxml.ns import nsdecls

            self._templates[style_id] = parse_xml(
                f'<w:p {nsdecls("w")}><w:pPr><w:pStyle w:val="{style_id}"/></w:pPr>'
                f'<w:r><w:rPr><w:lang w:val="{LANGUAGE}"/></w:rPr><w:t xml:space="preserve"></w:t></w:r></w:p>')
        return self._templates[style_id]

    @property
    def _body_end(self):
        """Body paragraphs go before the section properties, which close the body."""
        return self.word.element.body.sectPr

    def _style(self, kind: str):
        from docx.enum.style import WD_STYLE_TYPE
        from docx.enum.text import WD_LINE_SPACING

        name = BODY_STYLES["paragraph" if kind in ("bullet", "subbullet") else kind]
        if name in self._styles:
            return self._styles[name]
        from docx.styles.style import StyleFactory

        body = lambda key: self.profile.get("body", key)  # noqa: E731
        # straight on the styles part: python-docx's add_style and styles["Normal"] each walk every
        # style of the template by name, which cost more than writing the whole body
        style = StyleFactory(self.word.styles.element.add_style_of_type(name, WD_STYLE_TYPE.PARAGRAPH, False))
        style.element.basedOn_val = "Normal"
        style.quick_style = True
        fmt = style.paragraph_format
        fmt.alignment = self.align.JUSTIFY if body("justify") else self.align.LEFT
        fmt.first_line_indent = self.Mm(body("first_line_indent_mm"))
        fmt.space_before, fmt.space_after = self.Pt(0), self.Pt(body("space_after_pt"))
        fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        fmt.line_spacing = self.Pt(body("line_spacing_pt"))
        self._set_font(style, body("size_pt"))
        if kind not in ("paragraph", "bullet", "subbullet"):
            style.font.bold = self.profile.get("headings", kind, "bold")
            style.font.italic = self.profile.get("headings", kind, "italic")
            fmt.keep_with_next = True  # a heading never ends a page
        self._styles[name] = style
        return style

    def signature_table(self, document: PartyDocument) -> None:
        """Recipients and signature side by side, as one row that never splits over two pages; the
        last body paragraphs go with it. The room for the signature is space under the position,
        not empty lines a page could break between."""
        footer = lambda *keys: self.profile.get("footer", *keys)  # noqa: E731
        gap = self.profile.get("body", "line_spacing_pt")  # a line between the text and the block
        table_cells = self._two_columns(self.text_width_mm / 2)
        self._cannot_split(table_cells[0])
        left, right = table_cells
        label = self.paragraph(left.paragraphs[0], self.align.LEFT, space_before=gap)
        self.run(label, footer("recipients_label", "text"), footer("recipients_label", "size_pt"),
                 bold=footer("recipients_label", "bold"), italic=footer("recipients_label", "italic"),
                 underline=footer("recipients_label", "underline"))
        for line in document.recipients:
            text = line if line.startswith("-") else f"- {line}"
            self.run(self.paragraph(left, self.align.LEFT), text, footer("recipients", "size_pt"))
        centre = self.align.CENTER
        lines = [(document.signing_authority.upper(), "signing_authority")]
        if document.signer_position:
            lines.append((document.signer_position.upper(), "position"))
        room = footer("signature_blank_lines") * footer("signer", "size_pt") * 1.2
        for number, (text, key) in enumerate(lines):
            paragraph = self.paragraph(right.paragraphs[0] if number == 0 else right, centre,
                                       space_before=gap if number == 0 else 0,
                                       space_after=room if number == len(lines) - 1 else 0)
            self.run(paragraph, text, footer(key, "size_pt"), bold=footer(key, "bold"))
        if document.signer_name:
            self.run(self.paragraph(right, centre), document.signer_name, footer("signer", "size_pt"),
                     bold=footer("signer", "bold"))
        for cell in table_cells:
            self.keep_with_next([paragraph._p for paragraph in cell.paragraphs])

    @staticmethod
    def _cannot_split(cell) -> None:
        from docx.oxml import OxmlElement

        row_properties = cell._tc.getparent().get_or_add_trPr()
        row_properties.append(OxmlElement("w:cantSplit"))

    def annex(self, document: PartyDocument) -> None:
        """The annex (phụ lục) on a page of its own after the signature: its title, what it goes with,
        then its lines."""
        from docx.enum.text import WD_BREAK

        title = lambda key: self.profile.get("title", key)  # noqa: E731
        heading = self.paragraph(self.word, self.align.CENTER)
        heading.add_run().add_break(WD_BREAK.PAGE)
        self.run(heading, "PHỤ LỤC", title("size_pt"), bold=True)
        lines = document.annex_title.splitlines()
        for number, line in enumerate(lines):
            self.run(self.paragraph(self.word, self.align.CENTER, space_after=12 if number == len(lines) - 1 else 0),
                     line, self.profile.get("body", "size_pt"), bold=number == 0, italic=number > 0)
        for block in document.annex:
            self.block(block)

    def closing_paragraph(self) -> None:
        """Word needs a paragraph after the last table; one point high, so that a signature block
        ending a page never pushes it onto a blank page of its own."""
        paragraph = self.paragraph(self.word, line_pt=1)
        self.run(paragraph, "", 1)


NUMBER_COLUMN_SHARE = 0.07  # "TT"
FIGURE_COLUMN_LETTERS = 9  # a column of figures is as wide as its heading wraps to, about this many letters


def _is_figure(text: str) -> bool:
    return not text or text.replace(".", "").replace(",", "").isdigit()


def _column_shares(rows: tuple[tuple[str, ...], ...]) -> tuple[float, ...]:
    """Parts of the text width for a table of figures: TT narrow, a column of numbers as wide as a
    short heading, and the rest to the columns of words, by their longest text."""
    columns = len(rows[0])
    weights = []
    for column in range(columns):
        values = [row[column] for row in rows[1:]]
        if column == 0 and rows[0][0] == "TT":
            weights.append(None)
        elif all(_is_figure(value) for value in values):
            weights.append(FIGURE_COLUMN_LETTERS)
        else:
            weights.append(max(12, min(60, max((len(value) for value in values), default=12))))
    fixed = NUMBER_COLUMN_SHARE if weights[0] is None else 0
    total = sum(weight for weight in weights if weight is not None)
    return tuple(NUMBER_COLUMN_SHARE if weight is None else (1 - fixed) * weight / total for weight in weights)


def _language_element():
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    element = OxmlElement("w:lang")
    element.set(qn("w:val"), LANGUAGE)
    return element
