"""Text rules shared by every layer: normalisation and diacritic-free search keys."""
from __future__ import annotations

import unicodedata

# Unikey and VNI can type either composed or decomposed Vietnamese; store one form.
def normalize_text(text: str) -> str:
    return unicodedata.normalize("NFC", text)


# Vietnamese tone and vowel marks decompose into the combining block U+0300-U+036F; đ does not.
_FOLD = {code: None for code in range(0x300, 0x370)} | {ord("đ"): "d", ord("Đ"): "d"}


def search_key(text: str) -> str:
    """Lower case without diacritics: "ĐẠI HỘI" and "dai hoi" give the same key."""
    return " ".join(unicodedata.normalize("NFD", text).translate(_FOLD).casefold().split())


def matches(query_key: str, text_key: str) -> bool:
    """Every word of the query appears in the text (both already search keys)."""
    return all(word in text_key for word in query_key.split())
