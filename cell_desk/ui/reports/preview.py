"""The page as it will print, on screen: the same PartyDocument and format profile as the Word
file, drawn as HTML in a page-wide frame."""
from __future__ import annotations

from html import escape

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout

from ...domain.party_document import FormatProfile, PartyDocument

MM_TO_PX = 96 / 25.4


def preview_html(document: PartyDocument, profile: FormatProfile) -> str:
    get = profile.get
    font = escape(get("font"))

    def span(text, size, bold=False, italic=False, underline=False):
        style = f"font-size:{size}pt;" + ("font-weight:bold;" if bold else "") + \
            ("font-style:italic;" if italic else "") + ("text-decoration:underline;" if underline else "")
        return f'<span style="{style}">{escape(text)}</span>'

    header = lambda *keys: get("header", *keys)  # noqa: E731
    left = [span(document.upper_body.upper(), header("upper_body", "size_pt"), header("upper_body", "bold")),
            span(document.issuing_body.upper(), header("issuing_body", "size_pt"), header("issuing_body", "bold")),
            span(header("star"), header("number", "size_pt")),
            span(document.number_text(profile), header("number", "size_pt"))]
    right = [span(header("party_name", "text"), header("party_name", "size_pt"), header("party_name", "bold"),
                  underline=header("party_name", "underline")),
             span(document.place_and_date, header("place_date", "size_pt"), italic=header("place_date", "italic"))]
    parts = [f'<table width="100%"><tr><td align="center" valign="top">{"<br>".join(left)}</td>'
             f'<td align="center" valign="top">{"<br>".join(right)}</td></tr></table>',
             f'<p align="center" style="margin-top:{get("title", "space_before_pt")}pt">'
             f'{span(document.kind_name, get("title", "size_pt"), get("title", "bold"))}<br>'
             f'{span(document.subtitle, get("subtitle", "size_pt"), get("subtitle", "bold"))}<br>'
             f'{span(get("subtitle", "rule"), get("subtitle", "size_pt"))}</p>']
    size = get("body", "size_pt")
    indent = get("body", "first_line_indent_mm") * MM_TO_PX
    align = "justify" if get("body", "justify") else "left"
    for block in document.blocks:
        if block.kind == "table":
            cells = "".join(
                "<tr>" + "".join(f'<td style="padding:2px">{span(value, size - 1, bold=number == 0)}</td>'
                                 for value in row) + "</tr>" for number, row in enumerate(block.rows))
            parts.append(f'<table width="100%" border="1" cellspacing="0">{cells}</table>')
            continue
        if block.kind in ("bullet", "subbullet"):
            text = span(f"{get('headings', block.kind, 'mark')} {block.text}", size)
        elif block.kind == "paragraph":
            text = span(block.text, size)
        else:
            text = span(block.text, size, get("headings", block.kind, "bold"), get("headings", block.kind, "italic"))
        parts.append(f'<p align="{align}" style="text-indent:{indent:.0f}px; margin-bottom:'
                     f'{get("body", "space_after_pt")}pt">{text}</p>')
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
    parts.append(f'<table width="100%"><tr><td valign="top">{"<br>".join(recipients)}</td>'
                 f'<td align="center" valign="top">{"<br>".join(signature)}</td></tr></table>')
    return f'<html><body style="font-family:\'{font}\', \'Liberation Serif\', serif;">{"".join(parts)}</body></html>'


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
