"""Reading the structure of a kế hoạch from its lines of text.

General, not fitted to one plan: numbering of any depth (I., 1., 1.1., 2.1.1., a)), phases
called "1.1", "Đợt 1" or "Giai đoạn 1", windows in the wordings plans use, stage markers with
or without the `*` and emphasis that conversions leave, `-`/`+` bullets, the slogans section,
the reporting rule, recipients and signature. A line it cannot place is kept as a note."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from .plan import StageKind
from .plan_windows import read_window
from .text import normalize_text

KINDS = ("KẾ HOẠCH", "BÁO CÁO", "HƯỚNG DẪN", "CHƯƠNG TRÌNH", "THÔNG TRI", "CÔNG VĂN", "ĐỀ ÁN", "PHƯƠNG ÁN")
ROMAN_HEADING = re.compile(r"^(X{0,3}(?:IX|IV|V?I{0,3}))\s*[\.\-–:]\s+([A-ZĐÀ-Ỹ].*)$")
LETTER_HEADING = re.compile(r"^([A-H])\s*[\.\-–]\s+(\S.*)$")  # "A. NỘI DUNG": taken only when in capitals
NUMBERED = re.compile(r"^(\d+(?:\.\d+)*)(?:\.|\s)\s*(\S.*)$")
LETTERED = re.compile(r"^([a-zđ])\)\s*(\S.*)$")
PHASE_WORD = re.compile(r"^(Đợt|Giai đoạn|Bước)\s+(\d{1,2}|[IVX]{1,4})(?!\d|\s*[-–]\s*\d{4})\s*[:.\-–]?\s*(.*)$",
                        re.IGNORECASE)
BULLET = re.compile(r"^[-–•·]\s*(.*)$")
SUB_BULLET = re.compile(r"^(?:[-–•·]\s*)?\+\s*(.*)$")
PLACE_DATE = re.compile(
    r"^(?P<place>[^,]{2,60}),\s*ngày\s+(?:(?P<d>\d{1,2})\s+tháng\s+(?P<m>\d{1,2})\s+năm\s+(?P<y>\d{4})"
    r"|(?P<d2>\d{1,2})\s*/\s*(?P<m2>\d{1,2})\s*/\s*(?P<y2>\d{4}))", re.IGNORECASE)
PAGE_NUMBER = re.compile(r"^(?:[-–]\s*)?(?:trang\s+)?\d{1,3}(?:\s*[-–])?$", re.IGNORECASE)
NUMBER = re.compile(r"^Số\s*:?\s*(\d+)\s*[-–]\s*([A-ZĐa-zđ]+)\s*/\s*([A-ZĐa-zđ0-9\-]+)")
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
            lower_start = text[0].islower()
            # an unfinished bullet continued on the next page (an unfinished paragraph is too
            # often a heading or a "Căn cứ" line followed by the next one)
            previous_open = previous[-1] not in TERMINAL and bool(BULLET.match(previous)) and len(previous) > 60
            if not _starts_structure(text) and ((lower_start and not _is_heading(previous)) or previous_open):
                joined[-1] = SourceLine(joined[-1].number, f"{previous} {text}")
                continue
        joined.append(SourceLine(line.number, text))
    return joined


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
    if "NỘI DUNG" in upper or "NHIỆM VỤ" in upper or "CÁC ĐỢT" in upper:
        return "content"
    return "other"


class _Parser:
    def __init__(self, lines: list[SourceLine]):
        self.lines = join_broken_lines(lines)
        self.plan: dict = {
            "number": "", "kind": "KẾ HOẠCH", "title": "", "issued_on": None, "place": "",
            "upper_issuer": "", "issuer": "", "bases": [], "preamble": "", "purposes": [],
            "phases": [], "activity_forms": [], "duties": [], "slogans": [], "recipients": [],
        }
        self.notes: list[dict] = []
        self.section = "header"
        self.subsection = ""  # in content: "phases" or "forms"
        self.phase: dict | None = None
        self.stage: dict | None = None
        self.item: dict | None = None
        self.group: dict | None = None  # current purposes/duties/forms entry
        self.form_group_title = ""
        self.after_kind = False
        self.signature: list[str] = []

    # --- helpers -------------------------------------------------------
    def note(self, line: SourceLine) -> None:
        self.notes.append({"line": line.number, "text": line.text})

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
        if not bare:
            return
        if self.section == "signature":
            self.signature.append(bare)
            return
        if self.section == "recipients":
            if SIGNING.match(bare):
                self.section = "signature"
                self.signature.append(bare)
                return
            self.plan["recipients"].append(re.sub(r"^[-–•]\s*", "", bare))
            return
        if bare.lower().startswith("nơi nhận"):
            self.section = "recipients"
            return
        if SIGNING.match(bare) and self.section != "header":
            self.section = "signature"
            self.signature.append(bare)
            return
        if self.take_reporting_rule(line, bare):
            return
        letter = LETTER_HEADING.match(bare)
        roman = ROMAN_HEADING.match(bare) or (letter if letter and letter.group(2).isupper() else None)
        if roman and (_roman_ok(bare) or roman is letter) and roman.group(1) and self.after_kind:
            self.section = _section_role(roman.group(2))
            self.subsection, self.phase, self.stage, self.item, self.group = "", None, None, None, None
            return
        if PAGE_NUMBER.match(bare):
            self.note(line)  # a page number left by a conversion, not content
            return
        handler = getattr(self, f"in_{self.section}")
        handler(line, bare)

    def take_reporting_rule(self, line: SourceLine, bare: str) -> bool:
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
        return True

    def in_header(self, line: SourceLine, bare: str) -> None:
        if self.after_kind:
            if bare.startswith("Căn cứ"):
                self.plan["bases"].append(bare)
            elif not self.plan["title"]:
                self.plan["title"] = bare
            elif set(bare) <= set("-–_ "):
                return
            elif not self.plan["bases"] and bare[0].islower():  # a title that runs onto a second line
                self.plan["title"] += " " + bare
            else:
                self.plan["preamble"] = (self.plan["preamble"] + " " + bare).strip()
            return
        date = PLACE_DATE.match(bare)
        if date:
            self.plan["place"] = date.group("place").strip()
            day, month, year = (date.group(name) or date.group(name + "2") for name in ("d", "m", "y"))
            try:
                self.plan["issued_on"] = dt.date(int(year), int(month), int(day)).isoformat()
            except ValueError:
                self.note(line)
            return
        number = NUMBER.match(bare)
        if number:
            self.plan["number"] = f"{number.group(1)}-{number.group(2).upper()}/{number.group(3).upper()}"
            return
        if bare.upper() in KINDS and bare.isupper():
            self.plan["kind"] = bare.upper()
            self.after_kind = True
            return
        if bare == "*" or set(bare) <= set("-–_ "):
            return
        if bare.isupper() and "CỘNG SẢN VIỆT NAM" not in bare and "ĐỘC LẬP" not in bare:
            if not self.plan["upper_issuer"]:
                self.plan["upper_issuer"] = bare
            elif not self.plan["issuer"]:
                self.plan["issuer"] = bare
            return
        if "CỘNG SẢN VIỆT NAM" in bare.upper():
            return
        self.note(line)

    def in_purposes(self, line: SourceLine, bare: str) -> None:
        self._numbered_points(line, bare, self.plan["purposes"])

    def in_duties(self, line: SourceLine, bare: str) -> None:
        self._numbered_points(line, bare, self.plan["duties"])

    def in_other(self, line: SourceLine, bare: str) -> None:
        self.note(line)

    def _numbered_points(self, line: SourceLine, bare: str, groups: list) -> None:
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
            self.plan["slogans"].append({"number": int(numbered.group(1)), "text": numbered.group(2), "line": line.number})
        elif bullet and bullet.group(1):
            self.plan["slogans"].append({"number": len(self.plan["slogans"]) + 1, "text": bullet.group(1),
                                         "line": line.number})
        else:
            self.note(line)

    def in_content(self, line: SourceLine, bare: str) -> None:
        phase_word = PHASE_WORD.match(bare)
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
                return
            if self.subsection == "forms":
                self.start_form(code, title)
                return
        if self.subsection == "forms" and self.group is not None:
            point = BULLET.match(bare)
            self.group["points"].append(point.group(1) if point else bare)
            return
        if self.phase is None:
            self.note(line)
            return
        self.in_phase(line, bare)

    def _dated(self, text: str) -> bool:
        window = read_window(text, self.plan_date())
        return window.starts_on is not None and window.ends_on is not None

    def split_title_window(self, rest: str) -> tuple[str, str]:
        """`Tuyên truyền …: Từ tháng 7/2020 đến 31/8/2020`, or the window first, or no title."""
        if ":" in rest:
            first, second = (part.strip() for part in rest.split(":", 1))
            if not self._dated(second) and self._dated(first):
                return second, first
            return first, second
        if self._dated(rest) or re.match(r"^(từ|trước|đến|quý|tháng)\b", rest, re.IGNORECASE):
            return "", rest
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
            return True
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
        window = read_window(window_text, self.plan_date())
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
        undated = self._date_phases()
        if not plan["issued_on"]:
            starts = [p["starts_on"] for p in plan["phases"] if p["starts_on"]]
            plan["issued_on"] = min(starts) if starts else dt.date.today().isoformat()
            self.notes.insert(0, {"line": 0, "text": "Không đọc được ngày ban hành kế hoạch; tạm lấy ngày "
                                  f"{dt.date.fromisoformat(plan['issued_on']):%d/%m/%Y}, hãy sửa lại."})
        document = {"format": "cell-desk-plan", "format_version": 1, "plan": plan}
        return ParsedPlan(document, self.notes, undated)

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
                undated.append(phase["code"])
            elif before:  # "trước ngày …": it starts where the phase before it ended
                before = (dt.date.fromisoformat(before) + dt.timedelta(days=1)).isoformat()
            start = phase["starts_on"] or before or fallback.isoformat()
            end = phase["ends_on"] or after or start
            phase["starts_on"], phase["ends_on"] = start, max(start, end)
        return undated


def parse_plan(lines: list[SourceLine], kind: str | None = None) -> ParsedPlan:
    """The document's structure; `kind` (a document_kinds id) overrides the detected kind."""
    parsed = _Parser(lines).run()
    parsed.document["plan"]["doc_kind"] = kind or "phased_plan"
    return parsed
