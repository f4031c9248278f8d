"""Text rules shared by every layer: normalisation and diacritic-free search keys."""
from __future__ import annotations

import re
import unicodedata

# Control characters pasted from other programs: XML (and so .docx and .xlsx) cannot hold them.
_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff\ud800-\udfff]")


def strip_forbidden(text: str) -> str:
    """Text without the characters XML cannot hold, for writing files fast."""
    return _FORBIDDEN.sub("", text)


def normalize_text(text: str) -> str:
    """What is stored of anything typed or pasted: NFC (Unikey and VNI can type either composed
    or decomposed Vietnamese), line breaks as \\n, no control characters."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", _FORBIDDEN.sub("", text))


# Vietnamese tone and vowel marks decompose into the combining block U+0300-U+036F; đ does not.
_FOLD = {code: None for code in range(0x300, 0x370)} | {ord("đ"): "d", ord("Đ"): "d"}


def search_key(text: str) -> str:
    """Lower case without diacritics: "ĐẠI HỘI" and "dai hoi" give the same key."""
    return " ".join(unicodedata.normalize("NFD", text).translate(_FOLD).casefold().split())


def matches(query_key: str, text_key: str) -> bool:
    """Every word of the query appears in the text (both already search keys)."""
    return all(word in text_key for word in query_key.split())


def shorten(text: str, limit: int) -> str:
    """At most `limit` characters, cut at a word boundary with an ellipsis when cut."""
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0] if " " in text[:limit] else text[:limit]
    return cut.rstrip(" ,;:.") + "…"
