"""Bringing a document from the upper level in: a file read into the exchange format for review,
and what of it could fill the cell's profile; nothing is saved here. Qt-free: the GUI runs
`read_incoming` on a worker thread and passes `progress` and `cancelled` through."""
from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ..domain.plan_document import check_document
from ..domain.validation import ValidationError

if TYPE_CHECKING:
    from ..domain.plan_parser import ParsedPlan
    from ..domain.profile import CellProfile

PLAIN_LIST_HINT = "Nhập như danh sách việc"


@dataclass
class Incoming:
    """A document as read and parsed: what the review screen shows beside the parsed tree."""

    parsed: ParsedPlan
    lines: list = field(default_factory=list)  # SourceLine: the text as read (empty for an exchange .json)
    source: str = "txt"  # "docx", "txt", "pdf", "ocr" or "json"
    page_images: list[Path] = field(default_factory=list)  # what OCR read, for the review screen
    warnings: list[str] = field(default_factory=list)
    name: str = ""  # the file's name, for titles and messages
    cleanup: Callable[[], None] | None = None  # removes rendered page images once no longer shown

    @property
    def read_by_ocr(self) -> bool:
        return self.source == "ocr"

    def release(self) -> None:
        if self.cleanup is not None:
            self.cleanup()
            self.cleanup = None


class NoPlanStructure(ValidationError):
    """Nothing to check off was found. The message says what was recognised; `incoming` holds the
    text already read, so "Nhập như danh sách việc" re-parses it without reading the file again."""

    def __init__(self, message: str, incoming: Incoming, recognised: dict):
        super().__init__(message)
        self.incoming = incoming
        self.recognised = recognised
        self.number = recognised.get("number") or ""
        self.issued_on = recognised.get("issued_on")
        self.numbered_items = int(recognised.get("numbered_items") or 0)
        self.slogan_lines = int(recognised.get("slogan_lines") or 0)
        self.line_count = int(recognised.get("lines") or 0)


def read_incoming(path: Path, kind: str | None = None, progress=None, cancelled=None) -> Incoming:
    """A .docx, .doc, .txt, .pdf, photo or exchange .json as a parsed document; nothing is saved.

    `kind` forces a document kind (an id of DOCUMENT_KINDS). `progress(done, total)` is called
    after each page read; `cancelled()` returning True stops the reading (PlanFileError)."""
    from ..domain.plan_parser import ParsedPlan

    path = Path(path)
    if path.suffix.lower() == ".json":
        return Incoming(ParsedPlan(load_exchange(path)), source="json", name=path.name)
    from ..imports.plan_files import read_document

    text = read_document(path, progress=progress, cancelled=cancelled)
    incoming = Incoming(_parse(text.lines, kind), list(text.lines), text.source, list(text.page_images),
                        list(text.warnings), path.name, text.cleanup)
    if not incoming.parsed.found_structure:
        raise _refusal(incoming)  # the caller releases refusal.incoming (or offers it as a plain list)
    return incoming


def reparse(incoming: Incoming, kind: str) -> Incoming:
    """The same text structured as another kind (the review screen's kind box, the refusal's
    "Nhập như danh sách việc"); never refuses: the user chose the kind and sees the result."""
    return Incoming(_parse(incoming.lines, kind), incoming.lines, incoming.source, incoming.page_images,
                    incoming.warnings, incoming.name, incoming.cleanup)


def read_plan_file(path: Path, kind: str | None = None) -> ParsedPlan:
    """The parsed document of a file (see read_incoming), for callers that need no source text."""
    try:
        incoming = read_incoming(path, kind)
    except NoPlanStructure as refusal:
        refusal.incoming.release()
        raise
    incoming.release()
    return incoming.parsed


def _parse(lines, kind: str | None) -> ParsedPlan:
    from ..domain.plan_parser import parse_plan

    return parse_plan(lines, kind=kind)


def recognised_facts(parsed: ParsedPlan, lines) -> dict:
    """What the parser recognised, with the line count filled from the text if it left it out."""
    facts = dict(parsed.recognised or {})
    plan = parsed.document.get("plan", {})
    facts.setdefault("number", plan.get("number") or "")
    facts.setdefault("issued_on", plan.get("issued_on"))
    facts.setdefault("numbered_items", 0)
    facts.setdefault("slogan_lines", 0)
    facts.setdefault("lines", len([line for line in lines if line.text.strip()]))
    return facts


def describe_recognised(facts: dict) -> str:
    """“số 05-KH/ĐUK, ngày 12/03/2024, 7 mục đánh số, 0 dòng khẩu hiệu, 40 dòng chữ”."""
    parts = []
    if facts.get("number"):
        parts.append(f"số {facts['number']}")
    issued = facts.get("issued_on")
    if issued:
        day = issued if isinstance(issued, dt.date) else _date_or_none(issued)
        parts.append(f"ngày {day:%d/%m/%Y}" if day else f"ngày {issued}")
    parts.append(f"{int(facts.get('numbered_items') or 0)} mục đánh số")
    parts.append(f"{int(facts.get('slogan_lines') or 0)} dòng khẩu hiệu")
    parts.append(f"{int(facts.get('lines') or 0)} dòng chữ")
    return ", ".join(parts)


def _date_or_none(text) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(text))
    except ValueError:
        return None


def _refusal(incoming: Incoming) -> NoPlanStructure:
    facts = recognised_facts(incoming.parsed, incoming.lines)
    seen = [line.text.strip() for line in incoming.lines if line.text.strip()][:3]
    shown = "; ".join(f"“{text[:60]}”" for text in seen) or "không có chữ nào"
    message = (f"Không tìm thấy cấu trúc kế hoạch (các đợt, nội dung, khẩu hiệu) trong “{incoming.name}”. "
               f"Đã nhận ra: {describe_recognised(facts)}; mở đầu là: {shown}.")
    if facts.get("numbered_items"):
        message += (f" Nếu đây là một danh sách việc cần làm, có thể {PLAIN_LIST_HINT.lower()}: mỗi mục đánh số "
                    "hoặc gạch đầu dòng thành một nội dung.")
    return NoPlanStructure(message, incoming, facts)


# An exported 10 MB plan is about 15 MB of JSON; each object costs json.loads some 400 bytes.
MAX_EXCHANGE_BYTES = 64 * 1024 * 1024
MAX_EXCHANGE_OBJECTS = 500_000


def load_exchange(path: Path) -> dict:
    path = Path(path)
    name = path.name
    if path.stat().st_size > MAX_EXCHANGE_BYTES:
        raise ValidationError(f"“{name}” quá lớn ({path.stat().st_size / 1024 / 1024:.0f} MB) cho một tệp kế hoạch "
                              f"(tối đa {MAX_EXCHANGE_BYTES // 1024 // 1024} MB): tệp có thể bị hỏng.")
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise ValidationError(f"“{name}” không phải tệp JSON (không đọc được chữ).") from None
    # an upper bound of the objects and lists (braces inside texts count too), before parsing
    if text.count("{") + text.count("[") > MAX_EXCHANGE_OBJECTS:
        raise ValidationError(f"“{name}” có quá nhiều mục (hơn {MAX_EXCHANGE_OBJECTS:_}) cho một tệp kế hoạch: "
                              "tệp có thể bị hỏng hoặc không do Cell Desk tạo ra.".replace("_", "."))
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ValidationError(f"“{name}” không phải tệp JSON hợp lệ (dòng {exc.lineno}: {exc.msg}).") from None
    except RecursionError:  # json's C parser counts its depth against Python's limit
        raise ValidationError(f"“{name}” không phải tệp kế hoạch dùng được: các mục lồng nhau quá sâu "
                              "(hàng nghìn tầng), một kế hoạch thật chỉ có vài tầng.") from None
    return check_document(document)


# --- filling the cell's profile from a document --------------------------------------------

@dataclass(frozen=True)
class ProfileSuggestion:
    """One profile field the document names differently: offered with a checkbox."""

    field: str  # a CellProfile field
    label: str  # its Vietnamese label
    current: str | list[str]
    proposed: str | list[str]
    chosen: bool  # ticked at first: the field is empty or still holds the program's default, not the user's typing

    @staticmethod
    def shown(value) -> str:
        return "\n".join(value) if isinstance(value, list) else value or "(trống)"


COMMITTEE_PREFIX = re.compile(r"^(?:Ban Thường vụ|Ban Chấp hành|Thường trực|Ban Thường trực)\s+", re.IGNORECASE)
COMMITTEE_WORD = re.compile(r"^(Đảng ủy|Đảng uỷ|Đảng bộ)\s+", re.IGNORECASE)
# a local committee's name says its level: Tỉnh ủy Quảng Ngãi leads the Đảng bộ tỉnh Quảng Ngãi
LOCAL_COMMITTEE = re.compile(r"^(Tỉnh|Thành|Huyện|Quận|Thị)\s+(?:ủy|uỷ)\s+", re.IGNORECASE)
LOCAL_LEVEL = {"tỉnh": "tỉnh", "thành": "thành phố", "huyện": "huyện", "quận": "quận", "thị": "thị xã"}
RECIPIENT_MARK = re.compile(r"\s*\((?:b/c|để b/c|báo cáo|t/h|để biết)\)\s*", re.IGNORECASE)


ADMINISTRATIVE = ("thành phố", "thị xã", "thị trấn", "tỉnh", "huyện", "quận", "xã", "phường")


def _name_case(text: str) -> str:
    """A name written in capitals, as a sentence writes it: “TỈNH QUẢNG NGÃI” → “tỉnh Quảng Ngãi”,
    “KHỐI CÁC CƠ QUAN TỈNH” → “Khối các cơ quan tỉnh”. A name not in capitals stays as it is."""
    if not text.isupper():
        return text
    lowered = text.lower()
    for level in ADMINISTRATIVE:
        if lowered.startswith(level + " "):
            return level + " " + " ".join(word[:1].upper() + word[1:] for word in lowered[len(level):].split())
    return lowered[:1].upper() + lowered[1:]


def upper_body_of(plan: dict) -> str:
    """The cell's upper body named by a document its committee issued: the party organisation
    (Đảng bộ …) of the issuing committee (Đảng ủy …). Empty when the issuer is no committee (a
    department such as a Ban Tuyên giáo issues to many, and is not the cell's upper body)."""
    for candidate in (plan.get("issuing_body") or "", plan.get("issuer") or ""):
        name = " ".join(COMMITTEE_PREFIX.sub("", " ".join(candidate.split())).split())
        rest = ""
        matched = COMMITTEE_WORD.match(name)
        local = LOCAL_COMMITTEE.match(name)
        if matched:
            rest = name[matched.end():]
        elif local:
            level = LOCAL_LEVEL[local.group(1).lower()]
            rest = f"{level.upper() if name.isupper() else level} {name[local.end():]}"
        if rest:
            return "Đảng bộ " + _name_case(rest)
    return ""


def _recipient_key(line: str) -> str:
    from ..domain.text import search_key

    bare = RECIPIENT_MARK.sub(" ", line.strip().lstrip("-–• ").rstrip(",.;"))
    return search_key(" ".join(bare.split()))


def proposed_recipients(plan: dict, current: list[str]) -> list[str] | None:
    """The profile's Nơi nhận with the body reports go to (and the one they go through) first,
    or None when the current list already names them."""
    rule = plan.get("reporting_rule") or {}
    wanted = [" ".join(str(rule.get(key) or "").split()) for key in ("recipient", "via")]
    wanted = [name.rstrip(",.;") for name in wanted if name]
    if not wanted:
        return None
    keys = {_recipient_key(line) for line in current}
    if all(_recipient_key(name) in keys for name in wanted):
        return None
    wanted_keys = {_recipient_key(name) for name in wanted}
    kept = [line for line in current if _recipient_key(line) not in wanted_keys]
    return [f"{name} (b/c)," for name in wanted] + (kept or ["Lưu: Chi bộ."])


def profile_suggestions(document: dict, profile: CellProfile) -> list[ProfileSuggestion]:
    """What the document would change in the profile: the upper body, where reports go, and the
    place name (this last only over the program's default, since a cell may sit in a district of
    the upper body's province). Nothing when the document agrees with the profile."""
    from ..domain.profile import FIELD_LABELS, CellProfile

    plan = document.get("plan", {})
    default = CellProfile()
    found: list[ProfileSuggestion] = []

    def untouched(name: str) -> bool:
        value = getattr(profile, name)
        return not (value if isinstance(value, str) else [line for line in value if line.strip()]) \
            or value == getattr(default, name)

    upper = upper_body_of(plan)
    if upper and _recipient_key(upper) != _recipient_key(profile.upper_body):
        found.append(ProfileSuggestion("upper_body", FIELD_LABELS["upper_body"], profile.upper_body, upper,
                                       chosen=untouched("upper_body")))
    recipients = proposed_recipients(plan, profile.recipients)
    if recipients is not None:
        found.append(ProfileSuggestion("recipients", FIELD_LABELS["recipients"], list(profile.recipients), recipients,
                                       chosen=untouched("recipients")))
    place = " ".join((plan.get("place") or "").split())
    if place and place != profile.place_name and untouched("place_name"):
        found.append(ProfileSuggestion("place_name", FIELD_LABELS["place_name"], profile.place_name, place,
                                       chosen=True))
    return found
