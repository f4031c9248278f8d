"""The page as it will print, on screen: the same PartyDocument and format profile as the Word
file, drawn as HTML in a page-wide frame; and the same drawing printed to PDF through QPdfWriter
(the profile's page size and margins, its font) on a machine without LibreOffice."""
from __future__ import annotations

from html import escape
from pathlib import Path
from typing import Callable

from PySide6.QtCore import QMarginsF, QPointF, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QFont, QPageLayout, QPageSize, QPainter, QPdfWriter, QTextBlockFormat, QTextCursor, QTextDocument, QTextFormat,
    QTextOption,
)
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout

from ...domain.party_document import Block, FormatProfile, PartyDocument
from ...exports.atomic import write_atomically
from ...exports.pdf import ExportCancelled

DPI = 96  # the preview's pixels: what the HTML's px mean
MM_TO_PX = DPI / 25.4
PT_TO_PX = DPI / 72
KEEP_WITH_SIGNATURE = 2  # as the Word file: the last body paragraphs go to the next page with the signature
HEADINGS = ("section", "numbered", "subnumbered", "lettered")


def preview_html(document: PartyDocument, profile: FormatProfile, tagged: bool = False) -> str:
    """The document as HTML; `tagged` marks each body paragraph with the kind of its block (as a
    title, for pagination; never shown on screen, where it would be a tooltip)."""
    get = profile.get
    font = escape(get("font"))

    def span(text, size, bold=False, italic=False, underline=False):
        style = f"font-size:{size}pt;" + ("font-weight:bold;" if bold else "") + \
            ("font-style:italic;" if italic else "") + ("text-decoration:underline;" if underline else "")
        return f'<span style="{style}">{escape(text)}</span>'

    page = get("page")
    text_width_mm = page["width_mm"] - page["left_mm"] - page["right_mm"]
    left_share = min(90, max(10, round(100 * get("header", "left_width_mm") / text_width_mm)))
    header = lambda *keys: get("header", *keys)  # noqa: E731
    left = [span(document.upper_body.upper(), header("upper_body", "size_pt"), header("upper_body", "bold")),
            span(document.issuing_body.upper(), header("issuing_body", "size_pt"), header("issuing_body", "bold")),
            span(header("star"), header("number", "size_pt")),
            span(document.number_text(profile), header("number", "size_pt"))]
    right = [span(header("party_name", "text"), header("party_name", "size_pt"), header("party_name", "bold"),
                  underline=header("party_name", "underline")),
             span(document.place_and_date, header("place_date", "size_pt"), italic=header("place_date", "italic"))]
    parts = [f'<table width="100%" cellspacing="0" cellpadding="0"><tr>'
             f'<td width="{left_share}%" align="center" valign="top">{"<br>".join(left)}</td>'
             f'<td width="{100 - left_share}%" align="center" valign="top">{"<br>".join(right)}</td></tr></table>',
             f'<p align="center" style="margin-top:{_px(get("title", "space_before_pt"))}px">'
             f'{span(document.kind_name, get("title", "size_pt"), get("title", "bold"))}<br>'
             f'{span(document.subtitle, get("subtitle", "size_pt"), get("subtitle", "bold"))}<br>'
             f'{span(get("subtitle", "rule"), get("subtitle", "size_pt"))}</p>']
    parts += _blocks_html(document.blocks, profile, span, tagged)
    footer = lambda *keys: get("footer", *keys)  # noqa: E731
    recipients = [span(footer("recipients_label", "text"), footer("recipients_label", "size_pt"),
                       footer("recipients_label", "bold"), footer("recipients_label", "italic"),
                       footer("recipients_label", "underline"))]
    recipients += [span(line if line.startswith("-") else f"- {line}", footer("recipients", "size_pt"))
                   for line in document.recipients]
    signature = [span(document.signing_authority.upper(), footer("signing_authority", "size_pt"),
                      footer("signing_authority", "bold")),
                 span(document.signer_position.upper(), footer("position", "size_pt"), footer("position", "bold")),
                 *["&nbsp;"] * footer("signature_blank_lines"),
                 span(document.signer_name, footer("signer", "size_pt"), footer("signer", "bold"))]
    parts.append(f'<table width="100%" cellspacing="0" cellpadding="0" style="margin-top:{_px(6)}px"><tr>'
                 f'<td width="50%" valign="top">{"<br>".join(recipients)}</td>'
                 f'<td width="50%" align="center" valign="top">{"<br>".join(signature)}</td></tr></table>')
    if document.annex:  # on a page of its own after the signature, as in the Word file
        lines = document.annex_title.splitlines()
        parts.append(f'<p align="center" style="page-break-before:always">'
                     f'{span("PHỤ LỤC", get("title", "size_pt"), True)}</p>')
        parts += [f'<p align="center" style="margin-bottom:{_px(12) if number == len(lines) - 1 else 0}px">'
                  f'{span(line, get("body", "size_pt"), bold=number == 0, italic=number > 0)}</p>'
                  for number, line in enumerate(lines)]
        parts += _blocks_html(document.annex, profile, span, tagged)
    return f'<html><body style="font-family:\'{font}\', \'Liberation Serif\', serif;">{"".join(parts)}</body></html>'


def _px(points: float) -> int:
    return round(points * PT_TO_PX)


def _blocks_html(blocks: list[Block], profile: FormatProfile, span, tagged: bool) -> list[str]:
    get = profile.get
    size = get("body", "size_pt")
    indent = get("body", "first_line_indent_mm") * MM_TO_PX
    align = "justify" if get("body", "justify") else "left"
    line = _px(get("body", "line_spacing_pt"))
    parts = []
    for block in blocks:
        if block.kind == "table":
            cells = "".join(
                "<tr>" + "".join(f'<td style="padding:2px">{span(value, size - 1, bold=number == 0)}</td>'
                                 for value in row) + "</tr>" for number, row in enumerate(block.rows))
            parts.append(f'<table width="100%" border="1" cellspacing="0">{cells}</table>')
            continue
        tag = f' title="{block.kind}"' if tagged else ""
        if block.kind in ("bullet", "subbullet"):
            text = span(f"{get('headings', block.kind, 'mark')} {block.text}", size)
        elif block.kind == "paragraph":
            text = span(block.text, size)
        else:
            text = span(block.text, size, get("headings", block.kind, "bold"), get("headings", block.kind, "italic"))
        parts.append(f'<p align="{align}" style="text-indent:{indent:.0f}px; line-height:{line}px; margin-top:0px; '
                     f'margin-bottom:{_px(get("body", "space_after_pt"))}px"{tag}>{text}</p>')
    return parts


class PreviewDialog(QDialog):
    def __init__(self, document: PartyDocument, profile: FormatProfile, parent=None):
        super().__init__(parent)
        self.setWindowTitle(f"Xem trước: {document.kind_name.lower()} {document.number_text(profile)}")
        self.browser = QTextBrowser()
        self.browser.setHtml(preview_html(document, profile))
        page = profile.get("page")
        text_width = (page["width_mm"] - page["left_mm"] - page["right_mm"]) * MM_TO_PX
        self.browser.document().setTextWidth(text_width)
        margin = page["left_mm"] * MM_TO_PX
        self.browser.setViewportMargins(int(margin), 20, int(page["right_mm"] * MM_TO_PX), 20)
        self.browser.setMinimumWidth(int(page["width_mm"] * MM_TO_PX) + 40)
        self.browser.setStyleSheet("QTextBrowser { background: white; color: black; }")
        buttons = QDialogButtonBox()
        buttons.addButton("Đóng", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser, 1)
        layout.addWidget(buttons)
        screen = (parent.screen() if parent is not None else self.screen()).availableGeometry()
        self.resize(int(page["width_mm"] * MM_TO_PX) + 80, min(900, screen.height() - 60))


# --- the preview printed ----------------------------------------------------------------
PDF_DPI = 600


def print_preview_pdf(document: PartyDocument, profile: FormatProfile, target: Path,
                      progress: Callable[[int, int], None] | None = None,
                      cancelled: Callable[[], bool] | None = None) -> Path:
    """The preview printed to a PDF: the profile's page size and margins, its font embedded, page
    numbers centred in the header from the page the profile says, the signature never alone on a
    page. Written beside the target and moved into place; `cancelled()` between pages stops it with
    nothing written. Safe on a worker thread (a QTextDocument and a QPainter on a QPdfWriter)."""
    def write(temporary: Path) -> None:
        _print(document, profile, temporary, progress, cancelled or (lambda: False))

    return write_atomically(Path(target), write)


def paginated(document: PartyDocument, profile: FormatProfile) -> QTextDocument:
    """The preview laid out on pages of the profile's text area (in preview pixels), with page
    breaks where a heading would end a page or the signature would leave its last lines."""
    page = profile.get("page")
    text = QTextDocument()
    text.setDocumentMargin(0)
    font = QFont(profile.get("font"))
    font.setPointSizeF(profile.get("body", "size_pt"))
    font.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
    text.setDefaultFont(font)
    option = QTextOption(text.defaultTextOption())
    option.setUseDesignMetrics(True)  # laid out in preview pixels, drawn at the PDF's resolution
    text.setDefaultTextOption(option)
    text.setHtml(preview_html(document, profile, tagged=True))
    text.setPageSize(QSizeF((page["width_mm"] - page["left_mm"] - page["right_mm"]) * MM_TO_PX,
                            (page["height_mm"] - page["top_mm"] - page["bottom_mm"]) * MM_TO_PX))
    for _ in range(50):  # each round moves one block to the next page
        if not _break_before_stranded(text):
            break
    return text


def _break_before_stranded(text: QTextDocument) -> bool:
    """Puts a page break before the first block left stranded: a heading that ends a page, or the
    last body lines on another page than the signature (or the signature split). True when one
    was moved."""
    layout = text.documentLayout()
    height = text.pageSize().height()

    def page_of(y: float) -> int:
        return int(y // height)

    body = []  # the body's paragraphs drawn from blocks, in order, up to the signature table
    signature = None
    block = text.begin()
    while block.isValid():
        table = QTextCursor(block).currentTable()
        if table is not None:
            if body and table.rows() == 1 and table.columns() == 2:  # recipients and signature
                signature = layout.frameBoundingRect(table)
                break
            block = text.findBlock(table.lastPosition() + 1)
            continue
        if _kind(block):
            body.append(block)
        block = block.next()
    for number, block in enumerate(body[:-1]):  # a heading is never the last thing on a page
        if _kind(block) in HEADINGS and not _breaks(block):
            after = layout.blockBoundingRect(body[number + 1])
            if page_of(layout.blockBoundingRect(block).top()) != page_of(after.bottom() - 1):
                _set_break(block)
                return True
    if signature is None or not body:
        return False
    first_kept = body[-KEEP_WITH_SIGNATURE:][0]
    top = layout.blockBoundingRect(first_kept).top()
    if page_of(top) != page_of(signature.bottom() - 1) and not _breaks(first_kept):
        _set_break(first_kept)
        return True
    return False


def _kind(block) -> str:
    """The kind of body block a paragraph was drawn from (its title attribute), empty for others."""
    iterator = block.begin()
    while not iterator.atEnd():
        tip = iterator.fragment().charFormat().toolTip()
        if tip:
            return tip
        iterator += 1
    return ""


def _breaks(block) -> bool:
    return bool(block.blockFormat().pageBreakPolicy() & QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)


def _set_break(block) -> None:
    cursor = QTextCursor(block)
    fmt = QTextBlockFormat(block.blockFormat())
    fmt.setPageBreakPolicy(QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)
    cursor.setBlockFormat(fmt)


def _print(document, profile, path: Path, progress, cancelled) -> None:
    get = profile.get
    page = get("page")
    writer = QPdfWriter(str(path))
    writer.setResolution(PDF_DPI)
    writer.setTitle(f"{document.kind_name.capitalize()} {document.number_text(profile)}")
    writer.setCreator("Cell Desk")
    writer.setPageLayout(QPageLayout(
        QPageSize(QSizeF(page["width_mm"], page["height_mm"]), QPageSize.Unit.Millimeter, "",
                  QPageSize.SizeMatchPolicy.FuzzyMatch),
        QPageLayout.Orientation.Portrait,
        QMarginsF(page["left_mm"], page["top_mm"], page["right_mm"], page["bottom_mm"]),
        QPageLayout.Unit.Millimeter))
    text = paginated(document, profile)
    if cancelled():
        raise ExportCancelled()
    area = text.pageSize()
    pages = text.pageCount()
    scale = writer.resolution() / DPI
    number_font = QFont(get("font"))
    number_font.setPointSizeF(get("page_number", "size_pt"))
    from_page = get("page_number", "from_page")
    dots_per_mm = writer.resolution() / 25.4
    header_top = (page["header_distance_mm"] - page["top_mm"]) * dots_per_mm  # above the text area: negative
    painter = QPainter()
    if not painter.begin(writer):
        raise OSError(f"không mở được {path} để ghi")
    try:
        for number in range(pages):
            if cancelled():
                raise ExportCancelled()
            if number:
                writer.newPage()
            if number + 1 >= from_page:
                painter.setFont(number_font)
                painter.drawText(QRectF(0, header_top, area.width() * scale, -header_top),
                                 Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop, str(number + 1))
            painter.save()
            painter.scale(scale, scale)
            painter.translate(QPointF(0, -number * area.height()))
            text.drawContents(painter, QRectF(0, number * area.height(), area.width(), area.height()))
            painter.restore()
            if progress is not None:
                progress(number + 1, pages)
    finally:
        painter.end()
