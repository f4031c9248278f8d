"""The meeting's documents (biên bản, nghị quyết, chương trình) as Word: written by the Party
document engine (party_docx) with the same format profile as the reports. A biên bản has no
recipients: its left signature column is the thư ký's, beside the chair's T/M CHI BỘ."""
from __future__ import annotations

import copy
from pathlib import Path

from ..domain.meetings import MeetingDocument
from ..domain.party_document import FormatProfile
from ..domain.text import strip_forbidden
from .atomic import write_atomically
from .party_docx import build_party_docx


def qn(tag: str) -> str:
    from docx.oxml.ns import qn as namespaced

    return namespaced(tag)


def build_meeting_docx(document: MeetingDocument, profile: FormatProfile):
    word = build_party_docx(document, profile)
    position, name = document.second_signer
    if position or name:
        _second_signature(word, profile, position, name)
    return word


def write_meeting_docx(target: Path, document: MeetingDocument, profile: FormatProfile) -> Path:
    word = build_meeting_docx(document, profile)
    return write_atomically(Path(target), lambda temporary: word.save(str(temporary)))


def _second_signature(word, profile: FormatProfile, position: str, name: str) -> None:
    """Puts the second signer in the left cell of the signature table, in place of the recipients:
    a copy of the right column's paragraphs (so the spacing the engine gives them is kept whatever
    it is), with a blank beside the signing authority, then the position and the name."""
    left, right = word.tables[-1].rows[0].cells[:2]
    for paragraph in left.paragraphs:
        paragraph._element.getparent().remove(paragraph._element)
    source = right.paragraphs
    texts = [" ", position.upper(), name] if len(source) >= 3 else [position.upper(), name]
    for paragraph, text in zip(source[-len(texts):] if len(source) >= len(texts) else source, texts):
        element = copy.deepcopy(paragraph._p)
        runs = element.findall(qn("w:r"))
        for extra in runs[1:]:
            element.remove(extra)
        if runs:
            texts_in_run = runs[0].findall(qn("w:t"))
            texts_in_run[0].text = strip_forbidden(text)
            texts_in_run[0].set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        left._tc.append(element)
