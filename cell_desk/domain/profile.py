"""The cell's own details, used in headers, signatures and dates of its documents."""
from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field, fields

from .text import normalize_text

PROFILE_KEY = "cell_profile"  # where the settings table keeps the profile

SIGNING_AUTHORITIES = ("T/M CHI BỘ", "T/M CHI ỦY", "T/M ĐẢNG ỦY", "T/M BAN THƯỜNG VỤ")

FIELD_LABELS = {
    "cell_name": "Tên chi bộ",
    "upper_body": "Cấp ủy cấp trên",
    "place_name": "Địa danh ghi ngày tháng",
    "secretary_name": "Họ tên bí thư",
    "signing_authority": "Thẩm quyền ký",
    "issuer_code": "Chữ viết tắt cơ quan ban hành",
    "recipients": "Nơi nhận mặc định",
}

MAX_LENGTHS = {
    "cell_name": 150,
    "upper_body": 150,
    "place_name": 60,
    "secretary_name": 80,
    "signing_authority": 40,
    "issuer_code": 12,
}
MAX_RECIPIENTS = 20
MAX_RECIPIENT_LENGTH = 200


@dataclass
class CellProfile:
    """Names of 2026: nothing of a body that no longer exists (the Đảng bộ Khối and Ban Tuyên giáo of
    2019 were merged in 2025). What only the cell knows starts empty, with an example shown in the
    form, and the first imported document offers its own names (ui/plans/intake.py)."""
    cell_name: str = "Chi bộ"
    upper_body: str = ""
    place_name: str = ""
    secretary_name: str = ""
    signing_authority: str = "T/M CHI BỘ"
    issuer_code: str = "CB"
    recipients: list[str] = field(default_factory=lambda: ["Lưu: Chi bộ."])

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> "CellProfile":
        known = {f.name for f in fields(cls)}
        return cls(**{key: value for key, value in data.items() if key in known})

    def normalized(self) -> "CellProfile":
        """Trimmed, NFC text; empty recipient lines dropped."""
        values = {
            name: " ".join(normalize_text(getattr(self, name)).split()) for name in MAX_LENGTHS
        }
        recipients = [" ".join(normalize_text(line).split()) for line in self.recipients]
        return CellProfile(**values, recipients=[line for line in recipients if line])

    def problems(self) -> dict[str, str]:
        """Field name to a Vietnamese message, for each field the form must refuse."""
        found: dict[str, str] = {}
        # the upper body and the place may wait (a document warns before it goes out without them)
        for name in ("cell_name", "signing_authority", "issuer_code"):
            if not getattr(self, name).strip():
                found[name] = f"Chưa nhập “{FIELD_LABELS[name]}”."
        for name, limit in MAX_LENGTHS.items():
            if len(getattr(self, name)) > limit:
                found[name] = f"“{FIELD_LABELS[name]}” dài quá {limit} ký tự."
        if self.issuer_code.strip() and not re.fullmatch(r"[A-ZĐ0-9]+", self.issuer_code.strip()):
            found["issuer_code"] = "Chữ viết tắt chỉ gồm chữ in hoa và số, ví dụ CB hoặc ĐU."
        if len(self.recipients) > MAX_RECIPIENTS:
            found["recipients"] = f"Nơi nhận có nhiều nhất {MAX_RECIPIENTS} dòng."
        elif any(len(line) > MAX_RECIPIENT_LENGTH for line in self.recipients):
            found["recipients"] = f"Mỗi dòng nơi nhận dài nhiều nhất {MAX_RECIPIENT_LENGTH} ký tự."
        return found


# Fields a document prints that nobody may leave at the first-run value: the issuing body would read
# just "CHI BỘ", the signature would have no name, the date line another cell's town.
CHECKED_BEFORE_EXPORT = ("cell_name", "upper_body", "secretary_name", "place_name")


def fields_left_at_default(profile: CellProfile, saved: bool = False) -> list[str]:
    """The checked fields still at their first-run value or empty. A place the user has saved
    (even the default one) counts as chosen; a cell name and a signer never do until changed."""
    default = CellProfile()
    left = []
    for name in CHECKED_BEFORE_EXPORT:
        value = " ".join(normalize_text(getattr(profile, name)).split())
        if not value or (value == getattr(default, name) and not (saved and name == "place_name")):
            left.append(name)
    return left


def defaults_warning(profile: CellProfile, saved: bool = False) -> str:
    """What to tell the user before a document goes out with defaults; empty when nothing is left."""
    left = fields_left_at_default(profile, saved)
    if not left:
        return ""
    described = []
    for name in left:
        value = " ".join(getattr(profile, name).split())
        described.append(f"{FIELD_LABELS[name].lower()} ({f'“{value}”' if value else 'chưa nhập'})")
    return ("Thông tin chi bộ còn để mặc định: " + "; ".join(described) + ". Văn bản sẽ in đúng như vậy "
            "(tên cơ quan ban hành, chữ ký, địa danh). Hãy điền thông tin chi bộ trong Cài đặt trước khi gửi.")
