"""Reading the structure of a document from the upper level from its lines of text.

General, not fitted to one document: a header with or without a kind line (a công văn's "V/v",
a web page's lead before the text), numbering of any depth and style (I., I-, 1., 1.1., (1),
a), "Thứ nhất,", "Một là,"), phases called "1.1", "Đợt 1" or "Giai đoạn 1" with windows read
anywhere in their heading, stage markers, bullets, slogans under any heading or lead that names
them, the reporting rule, recipients and signature. Phased plans keep their phases; the other
kinds (document_kinds) become one phase whose window the kind gives (the month of an
orientation, the issue date to the event of a guide) holding the numbered topics as tasks with
their paragraphs as detail. Every line ends in the structure, as a heading taken into it, or as
a note: none is lost."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from . import document_kinds as kinds
from .dates import month_end
from .plan import StageKind
from .plan_windows import RETROSPECTIVE, anniversary_dates, find_window, read_window, without_anniversaries
from .text import normalize_text, search_key

KINDS = ("KẾ HOẠCH", "BÁO CÁO", "HƯỚNG DẪN", "CHƯƠNG TRÌNH", "THÔNG TRI", "CÔNG VĂN", "ĐỀ ÁN", "PHƯƠNG ÁN",
         "ĐỊNH HƯỚNG", "ĐỀ CƯƠNG", "THÔNG BÁO", "CHỈ THỊ", "KẾT LUẬN", "DANH MỤC")
KIND_START = re.compile(r"^(" + "|".join(KINDS) + r")\b\s*(.*)$", re.IGNORECASE)
ROMAN_HEADING = re.compile(r"^(X{0,3}(?:IX|IV|V?I{0,3}))\s*[\.\-–:]\s+([A-ZĐÀ-Ỹ].*)$")
LETTER_HEADING = re.compile(r"^([A-H])\s*[\.\-–]\s+(\S.*)$")  # "A. NỘI DUNG": taken only when in capitals
NUMBERED = re.compile(r"^(\d+(?:\.\d+)*)(?:\.|\s)\s*(\S.*)$")
LETTERED = re.compile(r"^([a-zđ])\)\s*(\S.*)$")
PHASE_WORD = re.compile(r"^(Đợt|Giai đoạn|Bước)\s+(\d{1,2}|[IVX]{1,4})(?!\d|\s*[-–]\s*\d{4})\s*[:.\-–]?\s*(.*)$",
                        re.IGNORECASE)
BULLET = re.compile(r"^[-–—•·~]\s*(.*)$")  # "—" and "~" are how OCR often reads a dash
SUB_BULLET = re.compile(r"^(?:[-–•·]\s*)?\+\s*(.*)$")
PLACE_DATE = re.compile(
    r"^(?P<place>(?![^,]*\d+\s*[-–]\s*[A-ZĐ]+\s*/)[^,]{2,60}),\s*ngày\s+(?:(?P<d>\d{1,2})\s+tháng\s+(?P<m>\d{1,2})\s+năm\s+(?P<y>\d{4})"
    r"|(?P<d2>\d{1,2})\s*/\s*(?P<m2>\d{1,2})\s*/\s*(?P<y2>\d{4}))", re.IGNORECASE)
PAGE_NUMBER = re.compile(r"^(?:[-–]\s*)?(?:trang\s+)?\d{1,3}(?:\s*[-–])?$", re.IGNORECASE)
NUMBER = re.compile(r"^Số\s*:?\s*(\d+)\s*[-–]\s*([A-ZĐa-zđ]+)\s*/\s*([A-ZĐa-zđ0-9\-]+)")
STATE_NUMBER = re.compile(r"^Số\s*:?\s*(\d+)\s*/\s*([A-ZĐa-zđ0-9]+(?:\s*-\s*[A-ZĐa-zđ0-9]+)*)")  # 123/KH-UBND
PROSE_NUMBER = re.compile(r"(?:văn bản|công văn|hướng dẫn|kế hoạch|định hướng|thông báo|đề cương|chỉ thị|nghị quyết|"
                          r"kết luận|quy định)\s+(?:số\s*:?\s*)?"
                          r"(\d+)\s*[-–]\s*([A-ZĐ]+)\s*/\s*([A-ZĐ][A-ZĐ0-9\-]*)"
                          r"(?:,?\s+ngày\s+(\d{1,2})\s*(?:/|\s+tháng\s+)(\d{1,2})\s*(?:/|\s+năm\s+)(\d{4}))?", re.IGNORECASE)
# "Ngày 24/2/2026, Văn phòng Trung ương Đảng ban hành …", "…, ngày 7 tháng 12 năm 2011 của …"
PROSE_DATE = re.compile(r"^(?:\(?[^()\s]{1,20}\)?\s*[-–]\s*)?ngày\s+(?:(\d{1,2})\s*[/-]\s*(\d{1,2})\s*[/-]\s*(\d{4})|(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4}))",
                        re.IGNORECASE)
SUBJECT = re.compile(r"^V/v\.?\s*:?\s*(.+)$", re.IGNORECASE)
YEAR_START = re.compile(r"^(?:19|20)\d{2}\b(?![./-]\d)")  # "Đợt 2 từ năm" / "2022 đến năm 2025."
DATES_IN_BRACKETS = re.compile(r"^\([^()]*\d{4}[^()]*\)\s*[!.;]?$")
PAREN_NUMBER = re.compile(r"^\((\d{1,2})\)\s*(\S.*)$")
ORDINALS = ("nhất", "hai", "ba", "tư", "năm", "sáu", "bảy", "tám", "chín", "mười")
ORDINAL = re.compile(r"^(Thứ\s+(?:" + "|".join(ORDINALS) + r")|(?:Một|Hai|Ba|Bốn|Năm|Sáu|Bảy|Tám|Chín|Mười)\s+là)"
                     r"\s*[,:.]\s*(\S.*)$", re.IGNORECASE)
SIGNING = re.compile(r"^(T/M|TM\.?|K/T|KT\.?)\s+\S")
STAGES = (
    (StageKind.BEFORE, re.compile(r"^(trước khai mạc|trước (?:khi (?:diễn ra )?)?đại hội)", re.IGNORECASE)),
    (StageKind.DURING, re.compile(r"^(trong thời gian diễn ra|trong (?:thời gian )?đại hội|(?:trong )?khi đại hội diễn ra)",
                                  re.IGNORECASE)),
    (StageKind.AFTER, re.compile(r"^(sau khi bế mạc|sau (?:khi (?:kết thúc )?)?đại hội)", re.IGNORECASE)),
)
TERMINAL = ".:;!?…"


@dataclass(frozen=True)
class SourceLine:
    number: int  # 1-based, in the file as read
    text: str
    last: int = 0  # the last line of the file a mended paragraph covers (0: only `number`)

    @property
    def covers(self) -> range:
        return range(self.number, max(self.number, self.last) + 1)


@dataclass
class ParsedPlan:
    document: dict  # the exchange format (see resources/plans), each item with its source "line"
    notes: list[dict] = field(default_factory=list)  # {"line": n, "text": ...}: lines not placed
    undated_phases: list[str] = field(default_factory=list)
    kind_reason: str = ""  # why the document kind was chosen, for the review screen
    # phases whose window the user must check before saving: {"phase": code, "reason": Vietnamese text}
    review: list[dict] = field(default_factory=list)
    # what was recognised, for a refusal that says what it saw: number, issued_on, numbered_items,
    # slogan_lines, lines
    recognised: dict = field(default_factory=dict)
    consumed_lines: set[int] = field(default_factory=set)  # headings taken into the structure
    placed_lines: set[int] = field(default_factory=set)  # lines that are part of the structure
    noted_lines: set[int] = field(default_factory=set)  # lines kept as notes
    unaccounted: list[int] = field(default_factory=list)  # lines the walk forgot (kept as notes too)

    @property
    def kind(self) -> str:
        return self.document["plan"].get("doc_kind", "phased_plan")

    @property
    def found_structure(self) -> bool:
        plan = self.document["plan"]
        return bool(plan.get("phases") or plan.get("slogans") or plan.get("activity_forms"))


def strip_marks(text: str) -> str:
    """Without the emphasis that conversions leave (`*`, `_`) and surplus spaces."""
    return " ".join(text.replace("*", "").replace("_", "").split())


def _is_heading(text: str) -> bool:
    bare = strip_marks(text)
    return bool(ROMAN_HEADING.match(bare) and _roman_ok(bare)) or bool(NUMBERED.match(bare)) or bool(
        PHASE_WORD.match(bare)) or (bare.isupper() and len(bare) < 120)


def _roman_ok(text: str) -> bool:
    token = re.split(r"[\.\-–:\s]", text, 1)[0]
    return bool(token) and bool(re.fullmatch(r"X{0,3}(IX|IV|V?I{0,3})", token))


def _starts_structure(text: str) -> bool:
    bare = strip_marks(text)
    return (
        _is_heading(text) or bool(BULLET.match(text.strip())) or bool(SUB_BULLET.match(text.strip()))
        or bool(LETTERED.match(bare))
        or bool(_stage_of(bare)) or bare.startswith(("Căn cứ", "Nơi nhận", "Số")) or bool(SIGNING.match(bare))
        or bool(PLACE_DATE.match(bare)) or bare in ("*", "")
    )


def join_broken_lines(lines: list[SourceLine]) -> list[SourceLine]:
    """Mends paragraphs that a conversion broke across lines or pages: a line joins the one
    before when that one does not end a sentence and this one does not start something new."""
    joined: list[SourceLine] = []
    for line in lines:
        text = normalize_text(line.text).strip()
        if not text:
            continue
        if joined:
            previous = joined[-1].text
            # a bracket or a last "!" carries on the sentence before it ("… 48 năm Ngày Giải phóng" / "(30/4/1975 - 30/4/2023)!")
            lower_start = text[0].islower() or bool(DATES_IN_BRACKETS.match(text)) or (
                text.endswith("!") and previous[-1] not in TERMINAL and not BULLET.match(text))
            # an unfinished bullet continued on the next page (an unfinished paragraph is too
            # often a heading or a "Căn cứ" line followed by the next one)
            previous_open = previous[-1] not in TERMINAL and bool(BULLET.match(previous)) and len(previous) > 60
            year_goes_on = bool(YEAR_START.match(text)) and previous[-1] not in TERMINAL
            if year_goes_on or not _starts_structure(text) and (
                    (lower_start and not _is_heading(previous)) or previous_open):
                joined[-1] = SourceLine(joined[-1].number, f"{previous} {text}", line.number)
                continue
        joined.append(SourceLine(line.number, text))
    return [part for line in joined for part in _phases_in_prose(line)]


PHASE_IN_PROSE = re.compile(r"(?:(?<=[.;:,])\s+(?:và\s+)?|\s+và\s+)(?=(?:đợt|giai đoạn)\s+\d{1,2}\s*(?:[:(,]|từ|trong|ngay|sau|trước|bắt đầu))",
                            re.IGNORECASE)


def _phases_in_prose(line: SourceLine) -> list[SourceLine]:
    """"… với ba đợt như sau. Đợt 1: Từ tháng 1/2015 … Đợt 2 từ sau …": a news report's phases
    written as sentences of one paragraph, each a line of its own (of the same source line)."""
    parts = PHASE_IN_PROSE.split(line.text)
    if len(parts) == 1:
        return [line]
    if re.fullmatch(r"[\dIVX.\-–)(\s]+", parts[0]):  # "1.1. Đợt 1: …" is a heading, not two sentences
        parts[:2] = [f"{parts[0]} {parts[1]}"]
        if len(parts) == 1:
            return [line]
    return [SourceLine(line.number, part.strip()[:1].upper() + part.strip()[1:], line.last)
            for part in parts if part.strip()]


def _stage_of(text: str) -> StageKind | None:
    for kind, pattern in STAGES:
        if pattern.match(text):
            return kind
    return None


def _section_role(title: str) -> str:
    upper = title.upper()
    if "KHẨU HIỆU" in upper:
        return "slogans"
    if "MỤC ĐÍCH" in upper or "YÊU CẦU" in upper:
        return "purposes"
    if "TỔ CHỨC THỰC HIỆN" in upper or "PHÂN CÔNG" in upper:
        return "duties"
    if ("HÌNH THỨC" in upper or "PHƯƠNG THỨC" in upper) and "NỘI DUNG" not in upper:
        return "forms"
    if "NỘI DUNG" in upper or "NHIỆM VỤ" in upper or "CÁC ĐỢT" in upper:
        return "content"
    return "other"


# Words of a title that tell the kind of document, strongest first; matched on the diacritic-free key
TITLE_KINDS = (
    (kinds.MONTHLY_ORIENTATION, re.compile(r"(dinh huong|thong tin|tai lieu|noi dung)\b.{0,90}\bthang\s*\d{1,2}\b")),
    (kinds.SLOGAN_LIST, re.compile(r"^(?:v/v\s*)?(?:danh muc\s+|cac\s+|ve\s+|ban hanh\s+)*khau hieu|\bkhau hieu tuyen truyen\b")),
    (kinds.STUDY_PLAN, re.compile(r"\b(hoc tap|quan triet|nghien cuu)\b|trien khai thuc hien (nghi quyet|chi thi|ket luan|quy dinh)")),
    (kinds.EVENT_GUIDE, re.compile(r"\b(ky niem|ngay thanh lap|ngay sinh|chao mung|de cuong tuyen truyen|le hoi|den dai hoi|"
                                   r"ngay truyen thong|quoc khanh|giai phong)")),
)
KIND_REASONS = {
    kinds.MONTHLY_ORIENTATION: "tiêu đề là định hướng, thông tin của một tháng",
    kinds.SLOGAN_LIST: "tiêu đề nói về khẩu hiệu",
    kinds.STUDY_PLAN: "tiêu đề nói về học tập, quán triệt, triển khai nghị quyết",
    kinds.EVENT_GUIDE: "tiêu đề nói về kỷ niệm, ngày lễ, sự kiện",
}
# Days the yearly central guides celebrate, for a guide that names the day but not its date
NATIONAL_DAYS = (
    ("thanh lap dang", 3, 2), ("giai phong mien nam", 30, 4), ("thong nhat dat nuoc", 30, 4),
    ("ngay sinh chu tich ho chi minh", 19, 5), ("sinh nhat bac", 19, 5), ("quoc khanh", 2, 9),
    ("cach mang thang tam", 19, 8), ("thuong binh", 27, 7), ("quan doi nhan dan", 22, 12),
    ("toan quoc khang chien", 19, 12), ("quoc te lao dong", 1, 5), ("chien thang dien bien phu", 7, 5),
    ("phu nu viet nam", 20, 10), ("quoc te phu nu", 8, 3), ("nha giao viet nam", 20, 11),
    ("thanh lap doan", 26, 3), ("thay thuoc viet nam", 27, 2), ("giai phong thu do", 10, 10),
    ("dai doan ket", 18, 11), ("mat tran to quoc", 18, 11), ("bien gioi", 3, 3), ("cong an nhan dan", 19, 8),
)
DETAIL_MAX = 180  # a numbered line longer than this is a heading sentence and its paragraph
OUTLINE_TYPES = ("number", "dotted", "paren", "ordinal", "letter")


DOTTED = re.compile(r"^(\d{1,2}(?:\.\d{1,2})+)\.?\s+(\S.*)$")
ARABIC = re.compile(r"^(\d{1,2})\s*(?:[\.\)]\s*(?!\d)|[-–]\s+)(\S.*)$")
LETTER = re.compile(r"^([a-zđ])\s*[\)\.]\s+(\S.*)$")
MAY_BE_NUMBERED = re.compile(r"^(?:\d|\(\d|[a-zđ]\s*[\)\.]\s|Thứ\s|\w+\s+là\b)", re.IGNORECASE)


def _marker(bare: str) -> tuple[str, str, str] | None:
    """A numbered line's numbering style, code and text: ("number", "2", "Tuyên truyền …")."""
    if not MAY_BE_NUMBERED.match(bare):
        return None
    for style, pattern in (("ordinal", ORDINAL), ("paren", PAREN_NUMBER), ("dotted", DOTTED), ("number", ARABIC)):
        match = pattern.match(bare)
        if match:
            return style, match.group(1), match.group(2)
    match = LETTER.match(bare)
    return ("letter", match.group(1), match.group(2)) if match else None


def _slogan_text(bare: str) -> str | None:
    """A line that ends with "!" without its number, bullet and quotes; None for any other line."""
    text = re.sub(r"^(?:\d{1,2}\s*[\.\)]|[-–—•·~+*])\s*", "", bare).strip()
    text = text.strip("“”\"'‘’ ")
    return text if text.endswith("!") and len(text) > 3 else None


def _split_heading(text: str) -> tuple[str, str]:
    """A long numbered paragraph as its heading sentence and the rest."""
    if len(text) <= DETAIL_MAX:
        return text, ""
    match = re.search(r"[\.:;](\s+)(?=\S)", text[15:DETAIL_MAX + 40])
    if not match:
        return text, ""
    cut = 15 + match.start()
    return text[:cut + 1].rstrip(":;,").strip(), text[cut + 1:].strip()


def kind_from_title(title: str) -> str | None:
    key = search_key(title)
    for kind, pattern in TITLE_KINDS:
        if pattern.search(key):
            return kind
    return None


class _Parser:
    def __init__(self, lines: list[SourceLine], outline: bool = False, kind: str | None = None, chosen: bool = False):
        self.lines = join_broken_lines(lines)
        self.outline = outline  # the numbered topics of a kind without phases, not phases
        self.kind = kind
        self.plan: dict = {
            "number": "", "kind": "", "title": "", "issued_on": None, "place": "",
            "upper_issuer": "", "issuer": "", "bases": [], "preamble": "", "purposes": [],
            "phases": [], "activity_forms": [], "duties": [], "slogans": [], "recipients": [],
        }
        self.notes: list[dict] = []
        self.placed: set[int] = set()  # lines that became part of the structure
        self.consumed: set[int] = set()  # headings and header lines taken into it
        self.section = "header"
        self.subsection = ""  # in content: "phases" or "forms"
        self.phase: dict | None = None
        self.stage: dict | None = None
        self.item: dict | None = None
        self.group: dict | None = None  # current purposes/duties/forms entry
        self.form_group_title = ""
        self.after_kind = False
        self.signature: list[str] = []
        self.lead: list[str] = []
        # the outline: tasks with detail, the numbering style of tasks in this section, slogans
        self.tasks: list[dict] = []
        self.task: dict | None = None
        self.task_type: str | None = None
        self.theme: dict | None = None
        self.slogan_mode = False
        self.numbered_lines = 0
        self.title_line = 0
        self.chosen = chosen  # the user chose the kind: a plain list then takes every paragraph

    # --- helpers -------------------------------------------------------
    def note(self, line: SourceLine) -> None:
        self.notes.append({"line": line.number, "text": line.text})

    def place(self, line: SourceLine) -> None:
        self.placed.add(line.number)

    def consume(self, line: SourceLine) -> None:
        self.consumed.add(line.number)

    def plan_date(self) -> dt.date | None:
        value = self.plan["issued_on"]
        return dt.date.fromisoformat(value) if value else None

    def items_target(self) -> list:
        if self.stage is not None:
            return self.stage["items"]
        return self.phase.setdefault("items", [])

    # --- the walk --------------------------------------------------------
    def run(self) -> ParsedPlan:
        for line in self.lines:
            self.take(line)
        return self.finish()

    def take(self, line: SourceLine) -> None:
        text = line.text
        bare = strip_marks(text)
        if not bare or set(bare) <= set("-–_=*. "):  # empty, or a rule drawn under a heading
            self.consume(line)
            return
        marker = _marker(bare)
        if marker or ROMAN_HEADING.match(bare):
            self.numbered_lines += 1
        if self.section == "signature":
            self.signature.append(bare)
            self.place(line)
            return
        if self.section == "recipients":
            self.place(line)
            if SIGNING.match(bare):
                self.section = "signature"
                self.signature.append(bare)
                return
            self.plan["recipients"].append(re.sub(r"^[-–•]\s*", "", bare))
            return
        if bare.lower().startswith("nơi nhận"):
            self.section = "recipients"
            self.consume(line)
            rest = re.sub(r"^nơi nhận\s*:?\s*", "", bare, flags=re.IGNORECASE)
            if rest:
                self.plan["recipients"].append(re.sub(r"^[-–•]\s*", "", rest))
            return
        if SIGNING.match(bare) and self.section != "header":
            self.section = "signature"
            self.signature.append(bare)
            self.place(line)
            return
        if self.take_reporting_rule(line, bare):
            return
        letter = LETTER_HEADING.match(bare)
        roman = ROMAN_HEADING.match(bare) or (letter if letter and letter.group(2).isupper() else None)
        if roman and (_roman_ok(bare) or roman is letter) and roman.group(1) and (self.after_kind or self.outline):
            self.after_kind = True
            self.start_section(line, roman.group(2))
            return
        if PAGE_NUMBER.match(bare):
            self.note(line)  # a page number left by a conversion, not content
            return
        if self.section == "header" and self.after_kind and (marker or PHASE_WORD.match(bare) or (
                self.outline and BULLET.match(bare))) \
                and not bare.startswith("Căn cứ"):
            self.section = "content"  # numbered topics straight after the title: no section headings
        handler = getattr(self, f"in_{self.section}")
        handler(line, bare)

    def start_section(self, line: SourceLine, title: str) -> None:
        self.close_theme()
        self.consume(line)
        role = _section_role(title)
        if self.outline and role in ("other", "content"):
            # a theme of the content: a task itself unless numbered topics come under it
            self.theme = {"text": title.rstrip(":").strip(), "line": line.number, "detail": [],
                          "detail_lines": [], "_at": len(self.tasks), "_named_content": role == "content"}
            role = "content"
        self.section = role
        self.subsection, self.phase, self.stage, self.item, self.group = "", None, None, None, None
        self.task, self.task_type = None, None
        self.slogan_mode = role == "slogans"

    def take_reporting_rule(self, line: SourceLine, bare: str) -> bool:
        if "tháng" not in bare or self.section == "header":
            return False
        match = re.search(r"(?:vào\s+)?ngày\s+(\d{1,2})\s+(?:hàng|hằng)\s+tháng", bare, re.IGNORECASE)
        if not match or self.section == "header" or "báo cáo" not in bare.lower() or self.phase is not None:
            return False
        rule = {"day_of_month": int(match.group(1)), "text": bare}
        target = re.search(r"báo cáo\s+(?:về|gửi)\s+(.+?)(?:\s*\(qua\s+(.+?)\))?\s+(?:vào|trước|định kỳ)", bare,
                           re.IGNORECASE)
        if target:
            rule["recipient"] = target.group(1).strip()
            if target.group(2):
                rule["via"] = target.group(2).strip()
        self.plan["reporting_rule"] = rule
        self.place(line)
        return True

    def in_header(self, line: SourceLine, bare: str) -> None:
        if self.after_kind and not (PLACE_DATE.match(bare) and not self.plan["issued_on"]) and not (
                (NUMBER.match(bare) or STATE_NUMBER.match(bare)) and not self.plan["number"]):
            self.place(line)
            if bare.startswith("Căn cứ"):
                self.plan["bases"].append(bare)
            elif bare.lower().startswith("kính gửi"):
                self.plan.setdefault("addressees", []).append(bare)
            elif not self.plan["title"]:
                self.plan["title"] = bare
                self.title_line = line.number
            elif set(bare) <= set("-–_ "):
                return
            elif not self.plan["bases"] and bare[0].islower() and not self.plan["preamble"]:
                self.plan["title"] += " " + bare  # a title that runs onto a second line
            elif self.chosen and self.kind == kinds.PLAIN_LIST and not bare.endswith(":"):
                self.section = "content"  # a plain list: what follows the title is the list
                self.in_content(line, bare)
            else:
                self.plan["preamble"] = (self.plan["preamble"] + " " + bare).strip()
                self._prose_number(bare)
            return
        date = PLACE_DATE.match(bare)
        if date:
            self.consume(line)
            self.plan["place"] = date.group("place").strip()
            day, month, year = (date.group(name) or date.group(name + "2") for name in ("d", "m", "y"))
            try:
                self.plan["issued_on"] = dt.date(int(year), int(month), int(day)).isoformat()
            except ValueError:
                self.consumed.discard(line.number)
                self.note(line)
            return
        number = NUMBER.match(bare)
        state_number = STATE_NUMBER.match(bare)
        if number or state_number:
            self.consume(line)
            if number:
                self.plan["number"] = f"{number.group(1)}-{number.group(2).upper()}/{number.group(3).upper()}"
            else:
                suffix = "".join(state_number.group(2).split()).upper()
                self.plan["number"] = f"{state_number.group(1)}/{suffix}"
            subject = re.search(r"\bV/v\.?\s*:?\s*(.+)$", bare, re.IGNORECASE)
            if subject:
                self._take_subject(line, subject.group(1))
            return
        subject = SUBJECT.match(bare)
        if subject:
            self._take_subject(line, subject.group(1))
            return
        if bare.upper() in KINDS and bare.isupper():
            self.consume(line)
            self.plan["kind"] = bare.upper()
            self.after_kind = True
            return
        starts_kind = KIND_START.match(bare)
        if starts_kind and starts_kind.group(2) and (self.plan["issuer"] or self.plan["number"] or not self.lead
                                                      or starts_kind.group(1).isupper()):
            # "KẾ HOẠCH tuyên truyền …" or a web page's "Hướng dẫn tuyên truyền …": the kind and the title
            self.consume(line)
            self.plan["kind"] = starts_kind.group(1).upper()
            if re.match(r"^(số\s*)?\d+\s*[-–]\s*[A-ZĐ]+\s*/", starts_kind.group(2), re.IGNORECASE):
                self._prose_number(bare)
            else:
                self.plan["title"] = starts_kind.group(2).strip()
                self.title_line = line.number
            self.after_kind = True
            return
        if bare == "*" or set(bare) <= set("-–_ "):
            self.consume(line)
            return
        if "CỘNG SẢN VIỆT NAM" in bare.upper() or re.match(r"^độc lập\s*[-–]\s*tự do", bare, re.IGNORECASE):
            self.consume(line)
            return
        if bare.isupper() and re.match(r"^(KHẨU HIỆU|CÁC KHẨU HIỆU)\b", bare) and not self.plan["title"]:
            self.consume(line)
            self.plan["kind"], self.plan["title"] = "KHẨU HIỆU", bare
            self.title_line, self.after_kind = line.number, True
            return
        if bare.isupper() and len(bare) < 120:
            self.consume(line)
            if not self.plan["upper_issuer"]:
                self.plan["upper_issuer"] = bare
            elif not self.plan["issuer"]:
                self.plan["issuer"] = bare
            return
        if _marker(bare) or PHASE_WORD.match(bare) or BULLET.match(bare) or bare.startswith("Căn cứ") or len(
                self.lead) >= 3 or (self.chosen and self.kind == kinds.PLAIN_LIST):
            self.after_kind = True  # no kind line: the text starts here
            if not self.plan["title"]:
                self._title_from_lead()
            self.take(line)
            return
        # a web page's title and lead before the document, or a paragraph standing before its header
        self.lead.append(bare)
        self.place(line)
        self._prose_number(bare)

    def _title_from_lead(self) -> None:
        """A web page's own title: the first short lead line that names a kind of document."""
        for text in self.lead:
            if len(text) < 200 and not text.endswith(".") and kind_from_title(text):
                self.plan["title"] = text
                return

    def _take_subject(self, line: SourceLine, subject: str) -> None:
        self.consume(line)
        self.plan["title"] = subject.strip()
        self.title_line = line.number
        if not self.plan["kind"]:
            self.plan["kind"] = "CÔNG VĂN"
        self.after_kind = True

    def _prose_number(self, bare: str) -> None:
        """"… ban hành văn bản số 78-CV/BTGHU ngày 25/02/2026 …": the number a web page or a
        relayed text gives in prose, when the header gave none; never a document it is based on."""
        if self.plan["number"] and self.plan["issued_on"]:
            return
        said = PROSE_DATE.search(bare)
        if said and not self.plan["issued_on"] and re.search(r"\bban hành\b", bare, re.IGNORECASE):
            day = tuple(part for part in said.groups() if part)[:3]  # "Ngày 24-11-2017, … đã ban hành Kế hoạch …"
            try:
                self.plan["issued_on"] = dt.date(int(day[2]), int(day[1]), int(day[0])).isoformat()
            except ValueError:
                pass
        match = next((found for found in PROSE_NUMBER.finditer(bare) if found.start() == 0 or re.search(
            r"(ban hành\b.*|toàn văn\s*)$", bare[:found.start()], re.IGNORECASE)), None)
        if not match:
            return
        number = f"{match.group(1)}-{match.group(2).upper()}/{match.group(3).upper()}"
        if self.plan["number"] and self.plan["number"] != number:
            return
        self.plan["number"] = number
        day = match.groups()[3:6] if match.group(4) else None
        if day and not self.plan["issued_on"]:
            try:
                self.plan["issued_on"] = dt.date(int(day[2]), int(day[1]), int(day[0])).isoformat()
            except ValueError:
                pass

    def in_forms(self, line: SourceLine, bare: str) -> None:
        """A section of forms ("III. HÌNH THỨC TUYÊN TRUYỀN"): each numbered line a form, bullets its points."""
        marker = _marker(bare)
        if marker is not None and marker[0] in ("number", "dotted", "letter", "paren"):
            self.start_form(marker[1], marker[2].rstrip(":"))
        elif self.group is not None:
            self.group["points"].append(re.sub(r"^[-–•·+]\s*", "", bare))
        else:
            self.start_form("", re.sub(r"^[-–•·+]\s*", "", bare))
        self.place(line)

    def in_purposes(self, line: SourceLine, bare: str) -> None:
        self._numbered_points(line, bare, self.plan["purposes"])

    def in_duties(self, line: SourceLine, bare: str) -> None:
        self._numbered_points(line, bare, self.plan["duties"])

    def in_other(self, line: SourceLine, bare: str) -> None:
        self.note(line)

    def _numbered_points(self, line: SourceLine, bare: str, groups: list) -> None:
        self.place(line)
        numbered = NUMBERED.match(bare) or LETTERED.match(bare)
        if numbered and len(numbered.group(2)) < 200:
            self.group = {"code": numbered.group(1), "title": numbered.group(2).rstrip(":"), "points": []}
            groups.append(self.group)
            return
        point = BULLET.match(bare)
        text = point.group(1) if point else bare
        if self.group is None:
            self.group = {"code": "", "title": "", "points": []}
            groups.append(self.group)
        self.group["points"].append(text)

    def in_slogans(self, line: SourceLine, bare: str) -> None:
        numbered = re.match(r"^(\d+)[\.\)]\s*(\S.*)$", bare)
        bullet = BULLET.match(bare)
        if numbered:
            self.add_slogan(line, numbered.group(2).strip("“”\" "))
        elif bullet and bullet.group(1):
            self.add_slogan(line, bullet.group(1).strip("“”\" "))
        elif _slogan_text(bare):
            self.add_slogan(line, _slogan_text(bare))
        else:
            self.note(line)

    def add_slogan(self, line: SourceLine, text: str) -> None:
        self.plan["slogans"].append({"number": len(self.plan["slogans"]) + 1, "text": text, "line": line.number})
        self.place(line)

    def in_content(self, line: SourceLine, bare: str) -> None:
        if self.outline:
            self.in_outline(line, bare)
            return
        phase_word = PHASE_WORD.match(re.sub(r"^[-–•·]\s*", "", bare))
        numbered = NUMBERED.match(bare)
        if phase_word or (numbered and self._is_phase_heading(numbered)):
            self.start_phase(line, phase_word, numbered)
            return
        if numbered and self.phase is not None and not self._names_subsection(numbered):
            self.in_phase(line, numbered.group(2))  # "1. Tổ chức sinh hoạt chuyên đề" inside a phase
            return
        if numbered and not BULLET.match(bare):
            code, title = numbered.group(1), numbered.group(2)
            depth = code.count(".")
            lowered = title.lower()
            if depth == 0:
                if "đợt" in lowered or "giai đoạn" in lowered:
                    self.subsection = "phases"
                elif "hoạt động" in lowered or "hình thức" in lowered or "biện pháp" in lowered:
                    self.subsection = "forms"
                else:
                    self.subsection = "other"
                self.phase = self.stage = self.item = None
                self.consume(line)
                return
            if self.subsection == "forms":
                self.start_form(code, title)
                self.place(line)
                return
        if self.subsection == "forms" and self.group is not None:
            point = BULLET.match(bare)
            self.group["points"].append(point.group(1) if point else bare)
            self.place(line)
            return
        if self.phase is None:
            self.note(line)
            return
        self.in_phase(line, bare)

    # --- the outline of a document without phases --------------------------------------------
    def in_outline(self, line: SourceLine, bare: str) -> None:
        if self.kind == kinds.SLOGAN_LIST:
            self.slogan_mode = True  # a list of slogans is slogans from its first line to its last
        slogan = _slogan_text(bare)
        if self.slogan_mode and self.kind == kinds.SLOGAN_LIST and not slogan and BULLET.match(bare) \
                and len(bare) < 160:
            slogan = BULLET.match(bare).group(1).strip("“”\" ")  # a listed slogan whose "!" was lost (OCR)
        if self.slogan_mode and slogan:
            self.add_slogan(line, slogan)
            return
        if self.kind == kinds.SLOGAN_LIST and slogan:
            self.add_slogan(line, slogan)
            return
        marker = _marker(bare)
        bullet_tasks = self.task_type in (None, "bullet") and (self.theme is None or self.theme["_named_content"])
        if marker is None and (BULLET.match(bare) and bullet_tasks or self.kind == kinds.PLAIN_LIST and (
                BULLET.match(bare) or SUB_BULLET.match(bare))):
            marker = ("bullet", "", re.sub(r"^[-–•·+]\s*", "", bare))
        if marker is not None and marker[0] == "number" and len(marker[2]) < 60 \
                and _section_role(marker[2]) not in ("other",) and self.kind != kinds.PLAIN_LIST:
            self.start_section(line, marker[2])  # "1. Nội dung tuyên truyền": a section, numbered
            return
        names_slogans = "khẩu hiệu" in bare.lower() and (bare.rstrip().endswith(":") or marker is not None)
        if names_slogans and self.kind != kinds.PLAIN_LIST:
            self.slogan_mode = True  # "Khẩu hiệu tuyên truyền:" (a heading or a lead): "!" lines follow
            self.consume(line)
            return
        if marker is not None:
            self.slogan_mode = False
            style, code, text = marker
            if self.task_type in (None, "paragraph") or style == self.task_type or self.task is None:
                self.task_type = style if self.task_type in (None, "paragraph") else self.task_type
                self.start_task(line, code, text)
                return
            head, rest = _split_heading(text)
            self.task.setdefault("sub_items", []).append(head)
            self.task.setdefault("sub_lines", []).append(line.number)
            if rest:
                self.add_detail(self.task, rest, line)
            self.place(line)
            return
        if self.slogan_mode and self.plan["slogans"] and not slogan:
            self.slogan_mode = False
        target = self.task or self.theme
        if self.chosen and self.kind == kinds.PLAIN_LIST and self.task_type in (None, "paragraph") \
                and self.theme is None and not (bare.endswith(":") and not self.tasks):
            self.task_type = "paragraph"  # a list without numbers: each paragraph is a task
            self.start_task(line, "", bare)
            return
        if target is None:
            self.plan["preamble"] = (self.plan["preamble"] + " " + bare).strip()
            self.place(line)
            return
        self.add_detail(target, re.sub(r"^[-–•·]\s*", "- ", bare) if BULLET.match(bare) else bare, line)

    def start_task(self, line: SourceLine, code: str, text: str) -> None:
        head, rest = _split_heading(text.strip())
        if code and not code[0].isdigit() and head[:1].islower():
            head = head[0].upper() + head[1:]  # "Thứ nhất, tuyên truyền …"
        self.task = {"text": head.rstrip(":").strip(), "line": line.number, "detail": [], "detail_lines": []}
        if rest:
            self.add_detail(self.task, rest, line)
        self.tasks.append(self.task)
        self.place(line)
        if self.theme is not None:
            self.theme["_has_tasks"] = True

    def add_detail(self, target: dict, text: str, line: SourceLine) -> None:
        target["detail"].append(text)
        if line.number not in target["detail_lines"]:
            target["detail_lines"].append(line.number)
        self.place(line)

    def close_theme(self) -> None:
        """A theme that held no numbered topics is one task, its paragraphs the detail; a section
        named only "Nội dung" that held none gives its paragraphs as tasks."""
        theme, self.theme = self.theme, None
        if theme is None or theme.get("_has_tasks"):
            return
        if theme["_named_content"] and not theme["detail"]:
            return
        task = {key: value for key, value in theme.items() if not key.startswith("_")}
        self.tasks.insert(theme["_at"], task)
        self.placed.add(theme["line"])
        self.consumed.discard(theme["line"])

    # --- phases ---------------------------------------------------------------------------------
    def _window(self, text: str):
        clean = without_anniversaries(text)
        if RETROSPECTIVE.search(clean) and not find_window(clean, self.plan_date()):
            return read_window("", self.plan_date())
        window = read_window(clean, self.plan_date())
        found = find_window(clean, self.plan_date())
        if found is not None and (not window.dated or " và " in found.text or "," in found.text):
            return found.window
        return window

    def _dated(self, text: str) -> bool:
        window = self._window(text)
        return window.starts_on is not None and window.ends_on is not None

    def split_title_window(self, rest: str) -> tuple[str, str]:
        """`Tuyên truyền …: Từ tháng 7/2020 đến 31/8/2020`, or the window first, or no title."""
        if ":" in rest:
            first, second = (part.strip() for part in rest.split(":", 1))
            if not self._dated(second) and self._dated(first):
                return second, first
            if self._dated(first) and re.match(r"^(từ|trước|đến|quý|tháng|trong|\d)", first, re.IGNORECASE):
                return second, first
            return first, second
        if re.match(r"^(từ|trước|đến|quý|tháng)\b", rest, re.IGNORECASE) or (
                self._dated(rest) and len(rest) < 60):
            return "", rest
        found = find_window(without_anniversaries(rest), self.plan_date())
        if found is not None:  # "Đợt 1 (từ ngày 15/01 đến 28/02/2026), tập trung tuyên truyền …"
            return rest, found.text
        return rest, ""

    @staticmethod
    def _names_subsection(numbered: re.Match) -> bool:
        lowered = numbered.group(2).lower()
        return numbered.group(1).count(".") == 0 and any(
            word in lowered for word in ("các đợt", "giai đoạn", "hoạt động", "hình thức", "biện pháp"))

    def _is_phase_heading(self, numbered: re.Match) -> bool:
        code, title = numbered.group(1), numbered.group(2)
        if self.subsection == "forms":
            return False
        if self.subsection == "phases" and code.count(".") >= 1:
            return not (RETROSPECTIVE.search(title) and not self._dated(title))
        if self.phase is not None and (not self.phase["code"][:1].isdigit()
                                       or self.phase["code"].count(".") != code.count(".")):
            return False  # inside "Đợt 1" or "1.1", a "1." line is content
        return len(title) < 200 and self._dated(self.split_title_window(title)[1])

    def start_phase(self, line: SourceLine, phase_word: re.Match | None, numbered: re.Match | None) -> None:
        if phase_word:
            code = f"{phase_word.group(1).capitalize()} {phase_word.group(2)}"
            rest = phase_word.group(3)
            title_prefix = code
        else:
            code, rest, title_prefix = numbered.group(1), numbered.group(2), ""
        title, window_text = self.split_title_window(rest.rstrip("."))
        window = self._window(window_text)
        self.phase = {
            "code": code,
            "title": title,
            "window_text": window_text,
            "starts_on": window.starts_on.isoformat() if window.starts_on and not window.open_start else None,
            "_open_start": window.open_start,
            "ends_on": window.ends_on.isoformat() if window.ends_on else None,
            "line": line.number,
        }
        if phase_word:
            self.phase["label"] = title_prefix
        self.plan["phases"].append(self.phase)
        self.stage = self.item = None
        self.place(line)

    def start_form(self, code: str, title: str) -> None:
        self.group = {"code": code, "title": title, "group_title": "", "points": []}
        parent = code.rsplit(".", 1)[0]
        owner = next((form for form in self.plan["activity_forms"] if form["code"] == parent), None)
        if owner is not None and code.count(".") >= 2:
            # 2.1 only names a group of forms once 2.1.1 appears under it
            self.plan["activity_forms"].remove(owner)
            self.form_group_title = owner["title"]
            self.group["group_title"] = owner["title"]
        elif code.count(".") >= 2 and self.form_group_title:
            self.group["group_title"] = self.form_group_title
        self.plan["activity_forms"].append(self.group)

    def in_phase(self, line: SourceLine, bare: str) -> None:
        self.place(line)
        stripped_bullet = re.sub(r"^[-–•·]\s*", "", bare)
        stage = _stage_of(stripped_bullet)
        if stage is not None:
            self.stage = {"kind": stage.value, "heading": stripped_bullet, "items": [], "line": line.number}
            self.phase.setdefault("stages", []).append(self.stage)
            self.item = None
            return
        sub = SUB_BULLET.match(line.text.strip()) or SUB_BULLET.match(bare)
        if sub and "+" in line.text.strip()[:3]:
            if self.item is None:  # "+" straight under a stage marker: an item of its own
                self.item = {"text": strip_marks(sub.group(1)), "line": line.number}
                self.items_target().append(self.item)
                return
            self.item.setdefault("sub_items", []).append(strip_marks(sub.group(1)))
            self.item.setdefault("sub_lines", []).append(line.number)
            return
        bullet = BULLET.match(bare)
        if bullet:
            self.item = {"text": strip_marks(bullet.group(1)), "line": line.number}
            self.items_target().append(self.item)
            return
        lettered = LETTERED.match(bare)
        if lettered:
            bare = lettered.group(2)
        elif re.match(r"^(Bên cạnh|Ngoài (?:ra|các)|Đồng thời)", bare) and self._after_last_items():
            standing = self.plan.setdefault("standing_task", {"title": "Nhiệm vụ xuyên suốt các đợt", "items": []})
            standing["items"].append({"text": bare, "line": line.number})
            self.stage = self.item = None
            return
        self.item = {"text": bare, "line": line.number}
        self.items_target().append(self.item)

    def _after_last_items(self) -> bool:
        """A "Bên cạnh…" paragraph is the standing task when it follows content, not a heading."""
        return bool(self.phase.get("items") or self.phase.get("stages"))

    # --- the end -------------------------------------------------------------
    def finish(self) -> ParsedPlan:
        plan = self.plan
        self.close_theme()
        if self.lead:
            plan["lead"] = self.lead
            if not plan["title"]:
                self._title_from_lead()
        standing = plan.get("standing_task")
        if standing and len(standing["items"]) == 1:
            only = standing.pop("items")[0]
            standing.update(text=only["text"], line=only["line"])
        if self.signature:
            plan["signing_authority"] = self.signature[0]
            if len(self.signature) > 1:
                plan["signer_position"] = self.signature[1]
            if len(self.signature) > 2:
                plan["signer"] = self.signature[-1]
        missing_date = not plan["issued_on"]
        if missing_date and self.outline:
            month = re.search(r"tháng\s*(\d{1,2})\s*(?:/|-|năm)\s*(\d{4})", plan["title"], re.IGNORECASE)
            valid = month and 1 <= int(month.group(1)) <= 12
            plan["issued_on"] = (dt.date(int(month.group(2)), int(month.group(1)), 1) if valid
                                 else dt.date.today()).isoformat()
        if self.outline:
            self._outline_phase()
        undated = self._date_phases()
        if missing_date:
            starts = [p["starts_on"] for p in plan["phases"] if p["starts_on"]]
            plan["issued_on"] = plan["issued_on"] or (min(starts) if starts else dt.date.today().isoformat())
            self.notes.insert(0, {"line": 0, "text": "Không đọc được ngày ban hành văn bản; tạm lấy ngày "
                                  f"{dt.date.fromisoformat(plan['issued_on']):%d/%m/%Y}, hãy sửa lại."})
        document = {"format": "cell-desk-plan", "format_version": 1, "plan": plan}
        parsed = ParsedPlan(document, self.notes, undated)
        parsed.review = [] if missing_date else self._review()
        parsed.recognised = {
            "number": plan["number"], "issued_on": None if missing_date else plan["issued_on"],
            "numbered_items": self.numbered_lines, "slogan_lines": sum(
                bool(_slogan_text(strip_marks(line.text))) for line in self.lines if "!" in line.text),
            "lines": len(self.lines),
        }
        self._account(parsed)
        return parsed

    def _account(self, parsed: ParsedPlan) -> None:
        """Each line of the file as structure, a heading taken into it, or a note."""
        noted = {note["line"] for note in self.notes}
        for line in self.lines:
            if line.number in self.consumed:
                parsed.consumed_lines.update(line.covers)
            elif line.number in self.placed:
                parsed.placed_lines.update(line.covers)
            elif line.number not in noted:
                parsed.unaccounted.append(line.number)
                self.notes.append({"line": line.number, "text": line.text})
            else:
                parsed.noted_lines.update(line.covers)
        self.notes.sort(key=lambda note: note["line"])

    def _outline_phase(self) -> None:
        """One phase for a document without phases: its window from the kind, its tasks the topics."""
        plan = self.plan
        issued = self.plan_date()
        title = plan["title"]
        items = []
        for task in self.tasks:
            item = {"text": task["text"], "line": task["line"]}
            if task["detail"]:
                item["detail"] = "\n".join(task["detail"])
                item["detail_lines"] = task["detail_lines"]
            if task.get("sub_items"):
                item["sub_items"], item["sub_lines"] = task["sub_items"], task["sub_lines"]
            items.append(item)
        if not items and not plan["slogans"] and self.kind != kinds.PLAIN_LIST and plan["title"]:
            items.append({"text": plan["title"][:1].upper() + plan["title"][1:], "line": self.title_line or None,
                          "generated": True})
        if self.kind == kinds.SLOGAN_LIST or (not items and plan["slogans"]):
            items.insert(0, {"text": f"Tuyên truyền, treo băng rôn, pa-nô với {len(plan['slogans'])} khẩu hiệu "
                                     "của văn bản", "generated": True})
        start, end, window_text, phase_title = self._kind_window(issued, title)
        phase = {"code": "", "title": phase_title, "window_text": window_text,
                 "starts_on": start.isoformat() if start else None, "ends_on": end.isoformat() if end else None,
                 "_open_start": False, "items": items, "line": self.title_line or None}
        plan["phases"] = [phase] if items else []

    def _kind_window(self, issued: dt.date | None, title: str):
        """(start, end, the window as words, the phase title) that the kind gives."""
        if self.kind == kinds.MONTHLY_ORIENTATION:
            month = re.search(r"tháng\s*(\d{1,2})(?:\s*(?:/|-|năm)\s*(\d{4}))?", title, re.IGNORECASE)
            if month and 1 <= int(month.group(1)) <= 12:
                number = int(month.group(1))
                year = int(month.group(2)) if month.group(2) else (
                    issued.year + (1 if issued and issued.month == 12 and number == 1 else 0) if issued else None)
                if year:
                    start = dt.date(year, number, 1)
                    return start, month_end(year, number), "", f"Tháng {number}/{year}"
        found = self._period_in_text()
        if found is not None:
            window, words = found
            start = window.starts_on if not window.open_start else issued
            return start or issued, window.ends_on, words, "Thời gian thực hiện"
        event = self._event_day(issued, title)
        if event is not None:
            return issued, event, "", f"Tuyên truyền đến ngày {event:%d/%m/%Y}"
        if issued is None:
            return None, None, "", "Việc cần thực hiện"
        end = dt.date(issued.year, 12, 31)
        if (end - issued).days < 31:
            end = month_end(issued.year + 1, 1) if issued.month == 12 else end
        return issued, end, "", f"Thực hiện đến ngày {end:%d/%m/%Y}"

    def _period_in_text(self):
        """A guide's own period ("Thời gian tuyên truyền: từ ngày 15/01 đến hết 28/02/2026") or a study
        plan's latest deadline ("hoàn thành trước ngày 30/6/2026")."""
        issued = self.plan_date()
        deadlines = []
        for line in self.lines:
            lowered = line.text.lower()
            if self.kind == kinds.STUDY_PLAN and re.search(r"(trước|chậm nhất|hoàn thành)", lowered):
                found = find_window(line.text, issued)
                if found is not None and found.window.ends_on and (not issued or found.window.ends_on >= issued):
                    deadlines.append(found)
            elif "thời gian" in lowered and self.kind in (kinds.EVENT_GUIDE, kinds.STUDY_PLAN, kinds.PLAIN_LIST):
                found = find_window(line.text, issued)
                if found is not None and found.window.starts_on and not found.window.open_start and (
                        not issued or found.window.ends_on >= issued):
                    return found.window, found.text[:1].upper() + found.text[1:]
        if deadlines:
            latest = max(deadlines, key=lambda found: found.window.ends_on)
            return latest.window, f"Đến ngày {latest.window.ends_on:%d/%m/%Y}"
        return None

    def _event_day(self, issued: dt.date | None, title: str) -> dt.date | None:
        """The day the event of a guide falls on: from its anniversary bracket, or the national day
        its title names, the next one on or after the issue date."""
        named = anniversary_dates(title)
        if named:
            return max(named)
        days = [day for line in self.lines[:60] for day in anniversary_dates(line.text) if (
            issued is None or issued - dt.timedelta(days=31) <= day <= issued + dt.timedelta(days=400))]
        if days:
            return days[0] if issued is None else max(days)
        if issued is None:
            return None
        key = search_key(title)
        for words, day, month in NATIONAL_DAYS:
            if words in key:
                candidate = dt.date(issued.year, month, day)
                return candidate if candidate >= issued else dt.date(issued.year + 1, month, day)
        return None

    def _review(self) -> list[dict]:
        """Windows the user must look at before they become work: one that begins before the issue
        date (more than a month before it for a month's orientation), ends before it, or lies a year off."""
        issued = self.plan_date()
        review = []
        grace = dt.timedelta(days=31 if self.kind == kinds.MONTHLY_ORIENTATION else 0)
        for phase in self.plan["phases"]:
            start, end = dt.date.fromisoformat(phase["starts_on"]), dt.date.fromisoformat(phase["ends_on"])
            reason = ""
            if start < issued - dt.timedelta(days=365):
                reason = f"bắt đầu {start:%d/%m/%Y}, hơn một năm trước ngày ban hành {issued:%d/%m/%Y}"
            elif end < issued:
                reason = f"kết thúc {end:%d/%m/%Y}, trước ngày ban hành {issued:%d/%m/%Y}"
            elif start < issued - grace:
                reason = f"bắt đầu {start:%d/%m/%Y}, trước ngày ban hành {issued:%d/%m/%Y}"
            elif end > issued + dt.timedelta(days=3 * 365):
                reason = f"kết thúc {end:%d/%m/%Y}, hơn ba năm sau ngày ban hành"
            if reason:
                phase["review"] = reason
                review.append({"phase": phase["code"] or phase["title"], "reason": reason})
        return review

    def _date_phases(self) -> list[str]:
        """Windows tied to events get the gap between their neighbours, and are listed for the user."""
        phases = self.plan["phases"]
        undated = []
        fallback = self.plan_date() or dt.date.today()
        for index, phase in enumerate(phases):
            open_start = phase.pop("_open_start", False)
            if phase["starts_on"] and phase["ends_on"]:
                continue
            before = next((p["ends_on"] for p in reversed(phases[:index]) if p["ends_on"]), None)
            after = next((p["starts_on"] for p in phases[index + 1:] if p["starts_on"]), None)
            if not phase["ends_on"] or not (phase["starts_on"] or open_start):
                undated.append(phase["code"] or phase["title"])
            elif before:  # "trước ngày …": it starts where the phase before it ended
                before = (dt.date.fromisoformat(before) + dt.timedelta(days=1)).isoformat()
            start = phase["starts_on"] or before or fallback.isoformat()
            end = phase["ends_on"] or after or start
            if phase["ends_on"] and not phase["starts_on"] and end < start:
                start = end[:8] + "01"  # "từ nay đến hết năm 2021" with no issue date: left for the user
            phase["starts_on"], phase["ends_on"] = start, max(start, end)
        return undated


CHOSEN = "do người dùng chọn"


def detect_kind(first: ParsedPlan) -> tuple[str, str, bool]:
    """(kind, why, whether it keeps its phases), from the title and what the phased reading found."""
    plan = first.document["plan"]
    title = f"{plan.get('kind', '')} {plan.get('title', '')}"
    slogans = first.recognised.get("slogan_lines", 0) >= max(3, first.recognised.get("lines", 0) // 3)
    guessed = plan.get("title") in plan.get("lead", [])  # a web page's line taken for the title
    by_title = kind_from_title(title) if plan.get("title") and not (guessed and slogans) else None
    for lead in ([] if by_title or slogans else plan.get("lead", [])[:3] + [plan.get("preamble", "")[:300]]):
        by_title = kind_from_title(lead)
        if by_title:
            break
    dated_phases = [phase for phase in plan["phases"] if phase["code"] not in first.undated_phases]
    if by_title not in (kinds.MONTHLY_ORIENTATION, kinds.SLOGAN_LIST) and len(dated_phases) >= 2:
        kind = by_title if by_title == kinds.STUDY_PLAN else kinds.PHASED_PLAN
        return kind, f"có {len(plan['phases'])} đợt, giai đoạn với thời gian riêng", True
    if by_title:
        return by_title, KIND_REASONS[by_title], False
    if len(dated_phases) == 1:
        return kinds.PHASED_PLAN, "có một đợt với thời gian riêng", True
    if slogans:
        return kinds.SLOGAN_LIST, "phần lớn các dòng là khẩu hiệu", False
    return kinds.PLAIN_LIST, "không thấy đợt, tháng hay sự kiện: mỗi mục đánh số là một việc", False


def parse_plan(lines: list[SourceLine], kind: str | None = None) -> ParsedPlan:
    """The document's structure. Its kind is detected unless `kind` (a document_kinds id) is given;
    a phased plan keeps its phases, any other kind is read as an outline of topics."""
    if kind is not None and kind not in kinds.DOCUMENT_KINDS:
        raise ValueError(f"unknown document kind {kind!r}")
    first = _Parser(lines).run() if kind in (None, kinds.PHASED_PLAN) else None
    if kind is None:
        kind, reason, phased = detect_kind(first)
    else:
        reason, phased = CHOSEN, kind == kinds.PHASED_PLAN
    parsed = first if phased else _Parser(lines, outline=True, kind=kind, chosen=reason == CHOSEN).run()
    plan = parsed.document["plan"]
    plan["doc_kind"] = kind
    plan["kind"] = plan["kind"] or kind_word(plan["number"], kind)
    parsed.kind_reason = reason
    return parsed


# the kind a document's number names ("12-HD/…" is a hướng dẫn), for a text that lost its kind line
NUMBER_KINDS = {"KH": "KẾ HOẠCH", "HD": "HƯỚNG DẪN", "CV": "CÔNG VĂN", "TB": "THÔNG BÁO", "CT": "CHỈ THỊ",
                "NQ": "NGHỊ QUYẾT", "KL": "KẾT LUẬN", "ĐC": "ĐỀ CƯƠNG", "ĐH": "ĐỊNH HƯỚNG", "CTr": "CHƯƠNG TRÌNH"}
DOCUMENT_KIND_WORDS = {kinds.PHASED_PLAN: "KẾ HOẠCH", kinds.MONTHLY_ORIENTATION: "ĐỊNH HƯỚNG",
                       kinds.EVENT_GUIDE: "HƯỚNG DẪN", kinds.SLOGAN_LIST: "DANH MỤC KHẨU HIỆU",
                       kinds.STUDY_PLAN: "KẾ HOẠCH", kinds.PLAIN_LIST: "VĂN BẢN"}


def kind_word(number: str, kind: str) -> str:
    """What to call a document whose text gives no kind line: by its number, else by its kind."""
    code = re.match(r"^\d+[-/]([A-ZĐa-z]+)", number)
    if code and code.group(1).upper() in {key.upper() for key in NUMBER_KINDS}:
        return next(word for key, word in NUMBER_KINDS.items() if key.upper() == code.group(1).upper())
    return DOCUMENT_KIND_WORDS[kind]
