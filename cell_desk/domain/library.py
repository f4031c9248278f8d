"""The slogan and poster library: values and the rules a form enforces."""
from __future__ import annotations

import datetime as dt
import unicodedata
from dataclasses import dataclass, field

from .text import normalize_text, search_key
from .validation import ValidationError

OCCASIONS = (
    "Đại hội",
    "Ngày thành lập Đảng 3/2",
    "Tết",
    "Giải phóng miền Nam 30/4",
    "Ngày sinh Chủ tịch Hồ Chí Minh 19/5",
    "Quốc khánh 2/9",
    "Thường xuyên",
)
MAX_SLOGAN_LENGTH = 400
MAX_TAG_LENGTH = 60
MAX_POSTER_TITLE = 300
MAX_POSTER_PIXELS = 50_000_000


@dataclass
class Slogan:
    id: int
    number: int
    text: str
    tags: list[str] = field(default_factory=list)
    is_favourite: bool = False
    is_retired: bool = False

    @property
    def key(self) -> str:
        return search_key(f"{self.text} {' '.join(self.tags)}")


def clean_slogan(text: str, tags: list[str]) -> tuple[str, list[str]]:
    """Trimmed NFC text and tags, or a ValidationError for the form."""
    text = " ".join(normalize_text(text or "").split())
    if not any(unicodedata.category(ch)[0] in "LNPS" for ch in text):  # only spaces or invisible marks
        raise ValidationError("Chưa nhập nội dung khẩu hiệu.", "text")
    if len(text) > MAX_SLOGAN_LENGTH:
        raise ValidationError(f"Khẩu hiệu dài quá {MAX_SLOGAN_LENGTH} ký tự.", "text")
    cleaned: list[str] = []
    for tag in tags:
        tag = " ".join(normalize_text(tag).split())
        if len(tag) > MAX_TAG_LENGTH:
            raise ValidationError(f"Tên dịp “{tag[:20]}…” dài quá {MAX_TAG_LENGTH} ký tự.", "tags")
        if tag and tag not in cleaned:
            cleaned.append(tag)
    return text, cleaned


@dataclass
class Poster:
    id: int
    title: str
    occasion: str
    size_text: str
    source: str
    notes: str
    file_name: str
    original_name: str
    pixel_width: int
    pixel_height: int
    created_at: dt.datetime | None = None

    @property
    def key(self) -> str:
        return search_key(f"{self.title} {self.occasion} {self.source} {self.notes}")


POSTER_FIELD_LABELS = {
    "title": "Tên", "occasion": "Dịp", "size_text": "Kích thước", "source": "Nguồn", "notes": "Ghi chú",
}


@dataclass(frozen=True)
class PosterDetails:
    title: str
    occasion: str = ""
    size_text: str = ""
    source: str = ""
    notes: str = ""

    def cleaned(self) -> "PosterDetails":
        def tidy(value: str) -> str:
            return " ".join(normalize_text(value or "").split())

        details = PosterDetails(tidy(self.title), tidy(self.occasion), tidy(self.size_text),
                                tidy(self.source), normalize_text(self.notes or "").strip())
        if not details.title:
            raise ValidationError("Chưa nhập tên pa-nô, áp phích.", "title")
        for name, limit in (("title", MAX_POSTER_TITLE), ("occasion", 200), ("size_text", 60), ("source", 300)):
            if len(getattr(details, name)) > limit:
                raise ValidationError(f"Ô “{POSTER_FIELD_LABELS[name]}” dài quá {limit} ký tự.", name)
        return details
