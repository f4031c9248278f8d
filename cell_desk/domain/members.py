"""Members of the chi bộ (đảng viên), as little as the monthly meeting needs: name, place in the
chi ủy, chính thức or dự bị, and exemption from meetings (miễn sinh hoạt) with its reason. No
identity numbers, birth dates or addresses are kept."""
from __future__ import annotations

from dataclasses import dataclass

from .text import normalize_text, search_key
from .validation import ValidationError

ROLES = ("Bí thư", "Phó Bí thư", "Chi ủy viên", "Đảng viên")
MEMBER = "Đảng viên"
OFFICIAL, PROBATIONARY = "chinh_thuc", "du_bi"
STANDINGS = {OFFICIAL: "Chính thức", PROBATIONARY: "Dự bị"}
MAX_NAME = 100
MAX_REASON = 300

# Words a secretary writes for a role or a standing, as search keys (no diacritics, lower case).
ROLE_WORDS = {
    "bi thu": "Bí thư", "bi thu chi bo": "Bí thư", "pho bi thu": "Phó Bí thư", "pho bi thu chi bo": "Phó Bí thư",
    "chi uy vien": "Chi ủy viên", "uy vien": "Chi ủy viên", "cuv": "Chi ủy viên", "dang vien": MEMBER, "": MEMBER,
}
STANDING_WORDS = {
    "chinh thuc": OFFICIAL, "dang vien chinh thuc": OFFICIAL, "ct": OFFICIAL, "": OFFICIAL,
    "du bi": PROBATIONARY, "dang vien du bi": PROBATIONARY, "db": PROBATIONARY,
}
YES_WORDS = {"x", "co", "mien", "mien sinh hoat", "1", "true", "yes", "v", "✓"}


@dataclass(frozen=True)
class Member:
    id: int | None
    name: str
    role: str = MEMBER
    standing: str = OFFICIAL
    exempt: bool = False
    exempt_reason: str = ""

    @property
    def standing_label(self) -> str:
        return STANDINGS.get(self.standing, STANDINGS[OFFICIAL])

    @property
    def key(self) -> str:
        return search_key(self.name)

    def cleaned(self) -> "Member":
        name = " ".join(normalize_text(self.name or "").split())
        if not name:
            raise ValidationError("Chưa nhập họ và tên đảng viên.", "name")
        if len(name) > MAX_NAME:
            raise ValidationError(f"Họ và tên dài quá {MAX_NAME} ký tự.", "name")
        role = read_role(self.role)
        if role is None:
            raise ValidationError(f"Chức vụ “{self.role}” không rõ: chọn {', '.join(ROLES)}.", "role")
        standing = read_standing(self.standing)
        if standing is None:
            raise ValidationError(f"“{self.standing}” không phải chính thức hay dự bị.", "standing")
        reason = " ".join(normalize_text(self.exempt_reason or "").split())
        if len(reason) > MAX_REASON:
            raise ValidationError(f"Lý do miễn sinh hoạt dài quá {MAX_REASON} ký tự.", "exempt_reason")
        if self.exempt and not reason:
            raise ValidationError("Đảng viên được miễn sinh hoạt: hãy ghi lý do (ví dụ tuổi cao, sức yếu).",
                                  "exempt_reason")
        return Member(self.id, name, role, standing, bool(self.exempt), reason if self.exempt else "")


def read_role(text: str) -> str | None:
    """`Bí thư`, `bi thu`, `BÍ THƯ CHI BỘ` → `Bí thư`; None when not a role."""
    if text in ROLES:
        return text
    return ROLE_WORDS.get(" ".join(search_key(text or "").replace(".", " ").split()))


def read_standing(text: str) -> str | None:
    if text in STANDINGS:
        return text
    key = " ".join(search_key(text or "").replace(".", " ").split())
    return STANDING_WORDS.get(key) or next((code for code, label in STANDINGS.items() if search_key(label) == key),
                                           None)


def read_yes(text) -> bool:
    if isinstance(text, bool):
        return text
    return search_key(str(text or "")).strip() in YES_WORDS
