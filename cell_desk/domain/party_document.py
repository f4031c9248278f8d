"""A document in the Party's format (báo cáo, kế hoạch) as plain values: what the Word writer and
the on-screen preview both draw, and the format profile (margins, fonts, sizes, wording) that says
how. The profile is data (resources/formats/*.json) so that a clerk can correct it."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from .dates import official_date_words
from .text import normalize_text

ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")
BLOCK_KINDS = ("section", "numbered", "subnumbered", "lettered", "paragraph", "bullet", "subbullet", "table")
KIND_NAMES = {"BC": "BÁO CÁO", "KH": "KẾ HOẠCH"}


@dataclass(frozen=True)
class Block:
    kind: str  # one of BLOCK_KINDS
    text: str
    rows: tuple[tuple[str, ...], ...] = ()  # a table: its heading row first


@dataclass
class PartyDocument:
    kind_code: str  # BC, KH
    number: int
    issuer_code: str
    upper_body: str
    issuing_body: str
    place: str
    issued_on: dt.date
    subtitle: str
    blocks: list[Block] = field(default_factory=list)
    recipients: list[str] = field(default_factory=list)
    signing_authority: str = "T/M CHI BỘ"
    signer_position: str = "BÍ THƯ"
    signer_name: str = ""
    annex_title: str = ""  # `kèm theo Báo cáo số 05-BC/CB …`: under PHỤ LỤC, on a page after the signature
    annex: list[Block] = field(default_factory=list)

    @property
    def kind_name(self) -> str:
        return KIND_NAMES.get(self.kind_code, self.kind_code)

    def number_text(self, profile: "FormatProfile") -> str:
        return document_number(self.number, self.kind_code, self.issuer_code,
                               profile.get("header", "number", "prefix"), profile.get("header", "number", "colon"))

    @property
    def place_and_date(self) -> str:
        # a place not yet filled in is left as dots for the pen, as a blank form would (the export warns)
        return f"{self.place or '……………'}, {official_date_words(self.issued_on)}"


def document_number(number: int, kind_code: str, issuer_code: str, prefix: str = "Số", colon: bool = False) -> str:
    """`Số 05-BC/CB`: two digits at least, the kind, the issuer."""
    return f"{prefix}{':' if colon else ''} {number:02d}-{kind_code}/{issuer_code}"


_NUMBERED = re.compile(r"^\d+\.\s+\S")
_SUBNUMBERED = re.compile(r"^\d+\.\d+\.?\s+\S")
_LETTERED = re.compile(r"^[a-zđ]\)\s+\S")
_SECTION = re.compile(r"^(?:[IVX]+)\.\s+\S")


def text_blocks(text: str) -> list[Block]:
    """Reads what the user typed in a section: `- ` bullets, `+ ` sub-bullets, `1. ` and `1.1. `
    headings, `a) ` lines, anything else a paragraph; blank lines only separate."""
    blocks = []
    for line in normalize_text(text or "").split("\n"):
        line = line.strip()
        if not line:
            continue
        if line.startswith(("- ", "– ", "• ")):
            blocks.append(Block("bullet", line[2:].strip()))
        elif line.startswith("+ "):
            blocks.append(Block("subbullet", line[2:].strip()))
        elif _SUBNUMBERED.match(line):
            blocks.append(Block("subnumbered", line))
        elif _NUMBERED.match(line):
            blocks.append(Block("numbered", line))
        elif _LETTERED.match(line):
            blocks.append(Block("lettered", line))
        elif _SECTION.match(line):
            blocks.append(Block("section", line))
        else:
            blocks.append(Block("paragraph", line))
    return blocks


def sections_blocks(sections: list[tuple[str, str | list[Block]]]) -> list[Block]:
    """Roman-numbered sections (heading, typed text or blocks) in order; a section left empty is not
    printed and the numbers close up, so no heading stands over a bare "Không."."""
    blocks = []
    filled = [(heading, content if isinstance(content, list) else text_blocks(content))
              for heading, content in sections]
    for roman, (heading, content) in zip(ROMAN, [(h, c) for h, c in filled if c]):
        blocks.append(Block("section", f"{roman}. {heading.upper()}"))
        blocks.extend(content)
    return blocks


def table_block(heading: tuple[str, ...], rows: list[tuple[str, ...]]) -> list[Block]:
    """A numbered table (TT first), or nothing when it has no rows."""
    if not rows:
        return []
    numbered = [(str(number), *row) for number, row in enumerate(rows, 1)]
    return [Block("table", "", (("TT", *heading), *numbered))]


END_MARK = "./."


def with_end_mark(blocks: list[Block]) -> list[Block]:
    """The body ends with `./.` after its last sentence, as Party documents close their text."""
    if not blocks:
        return blocks
    last = blocks[-1]
    if last.kind == "table":
        return blocks
    text = last.text.rstrip()
    if text.endswith(END_MARK):
        return blocks
    text = text.rstrip(" .;:,") + END_MARK
    return [*blocks[:-1], Block(last.kind, text)]


class FormatProfileError(ValueError):
    """A format profile a clerk edited cannot be used; str() says which value, in Vietnamese."""


# Every value the writer reads, with its type: a profile missing one, or holding the wrong kind of
# value, is refused with the key named, before any document is written.
REQUIRED_KEYS = {
    ("font",): str,
    ("page", "width_mm"): (int, float), ("page", "height_mm"): (int, float),
    ("page", "top_mm"): (int, float), ("page", "bottom_mm"): (int, float),
    ("page", "left_mm"): (int, float), ("page", "right_mm"): (int, float),
    ("page", "header_distance_mm"): (int, float), ("page", "footer_distance_mm"): (int, float),
    ("page_number", "size_pt"): (int, float), ("page_number", "from_page"): int,
    ("header", "left_width_mm"): (int, float),
    ("header", "upper_body", "size_pt"): (int, float), ("header", "upper_body", "bold"): bool,
    ("header", "issuing_body", "size_pt"): (int, float), ("header", "issuing_body", "bold"): bool,
    ("header", "star"): str,
    ("header", "number", "size_pt"): (int, float), ("header", "number", "prefix"): str,
    ("header", "number", "colon"): bool,
    ("header", "party_name", "text"): str, ("header", "party_name", "size_pt"): (int, float),
    ("header", "party_name", "bold"): bool, ("header", "party_name", "underline"): bool,
    ("header", "place_date", "size_pt"): (int, float), ("header", "place_date", "italic"): bool,
    ("title", "size_pt"): (int, float), ("title", "bold"): bool, ("title", "space_before_pt"): (int, float),
    ("subtitle", "size_pt"): (int, float), ("subtitle", "bold"): bool, ("subtitle", "rule"): str,
    ("body", "size_pt"): (int, float), ("body", "first_line_indent_mm"): (int, float),
    ("body", "space_after_pt"): (int, float), ("body", "line_spacing_pt"): (int, float),
    ("body", "justify"): bool,
    ("headings", "section", "bold"): bool, ("headings", "section", "italic"): bool,
    ("headings", "numbered", "bold"): bool, ("headings", "numbered", "italic"): bool,
    ("headings", "subnumbered", "bold"): bool, ("headings", "subnumbered", "italic"): bool,
    ("headings", "lettered", "bold"): bool, ("headings", "lettered", "italic"): bool,
    ("headings", "bullet", "mark"): str, ("headings", "subbullet", "mark"): str,
    ("footer", "recipients_label", "text"): str, ("footer", "recipients_label", "size_pt"): (int, float),
    ("footer", "recipients_label", "underline"): bool, ("footer", "recipients_label", "bold"): bool,
    ("footer", "recipients_label", "italic"): bool,
    ("footer", "recipients", "size_pt"): (int, float),
    ("footer", "signing_authority", "size_pt"): (int, float), ("footer", "signing_authority", "bold"): bool,
    ("footer", "position", "size_pt"): (int, float), ("footer", "position", "bold"): bool,
    ("footer", "signature_blank_lines"): int,
    ("footer", "signer", "size_pt"): (int, float), ("footer", "signer", "bold"): bool,
}


class FormatProfile:
    def __init__(self, data: dict, source: str = ""):
        self.data, self.source = data, source
        if not isinstance(data, dict) or data.get("format") != "cell-desk-party-format":
            raise FormatProfileError(f"{source or 'Tệp'} không phải hồ sơ thể thức của Cell Desk "
                                     "(thiếu \"format\": \"cell-desk-party-format\").")
        for keys, kind in REQUIRED_KEYS.items():
            value = self._find(keys)
            wrong_number = kind == (int, float) and isinstance(value, bool)
            if value is None or not isinstance(value, kind) or wrong_number:
                raise FormatProfileError(f"Hồ sơ thể thức {source}: giá trị “{'.'.join(keys)}” "
                                         f"{'thiếu' if value is None else 'không đúng kiểu'}.")
            if isinstance(value, (int, float)) and not isinstance(value, bool) and value < 0:
                raise FormatProfileError(f"Hồ sơ thể thức {source}: giá trị “{'.'.join(keys)}” không được âm.")

        self.applies_from = None
        if "applies_from" in data:
            try:
                self.applies_from = dt.date.fromisoformat(str(data["applies_from"]))
            except ValueError:
                raise FormatProfileError(f"Hồ sơ thể thức {source}: giá trị “applies_from” phải là ngày dạng "
                                         "NNNN-TT-NN (ví dụ 2026-01-09).") from None
        kinds = data.get("issuable_kinds")
        if kinds is not None and not (isinstance(kinds, list) and all(isinstance(k, str) for k in kinds)):
            raise FormatProfileError(f"Hồ sơ thể thức {source}: giá trị “issuable_kinds” phải là danh sách chữ viết "
                                     "tắt loại văn bản.")

    @property
    def name(self) -> str:
        return str(self.data.get("name", self.source))

    def check_kind(self, kind_code: str) -> None:
        """Refuses a kind of document a chi bộ may not issue under this rule."""
        kinds = self.data.get("issuable_kinds")
        if kinds and kind_code not in kinds:
            raise FormatProfileError(f"Theo “{self.name}”, chi bộ không ban hành loại văn bản {kind_code}; "
                                     f"các loại được ban hành: {', '.join(kinds)}.")

    def _find(self, keys):
        value = self.data
        for key in keys:
            if not isinstance(value, dict) or key not in value:
                return None
            value = value[key]
        return value

    def get(self, *keys):
        return self._find(keys)
