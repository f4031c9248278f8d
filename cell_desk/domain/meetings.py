"""The monthly chi bộ meeting under Chỉ thị 50-CT/TW and Hướng dẫn 42-HD/BTCTW (2025): its record,
the rules a record must keep, the drafted agenda and the two documents it produces (biên bản and
nghị quyết) as PartyDocuments for the same engine as the reports."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace

from .dates import add_months, format_ui_date, month_end, official_date_words
from .party_document import Block, PartyDocument, ROMAN, text_blocks
from .text import normalize_text, search_key
from .validation import ValidationError

REGULAR, THEMATIC = "thuong_ky", "chuyen_de"
KINDS = {REGULAR: "thường kỳ", THEMATIC: "chuyên đề"}
MIN_MINUTES = {REGULAR: 90, THEMATIC: 120}  # Hướng dẫn 42-HD/BTCTW
ACTIVITY_FORM = "Sinh hoạt chi bộ"
MINUTES, RESOLUTION = "BB", "NQ"
DOCUMENT_NAMES = {MINUTES: "BIÊN BẢN", RESOLUTION: "NGHỊ QUYẾT"}
GUIDE = "Hướng dẫn số 42-HD/BTCTW ngày 28 tháng 10 năm 2025 của Ban Tổ chức Trung ương"
ATTENDANCE_WARNING = 0.9

PRESENT, ABSENT_EXCUSED, ABSENT, EXEMPT = "co_mat", "vang_co_ly_do", "vang_khong_ly_do", "mien"
ATTENDANCE = {PRESENT: "Có mặt", ABSENT_EXCUSED: "Vắng có lý do", ABSENT: "Vắng không lý do",
              EXEMPT: "Miễn sinh hoạt"}
RATINGS = ("Tốt", "Khá", "Trung bình", "Kém")
MAX_TEXT = 50_000


@dataclass(frozen=True)
class Attendee:
    name: str
    status: str = PRESENT
    reason: str = ""
    member_id: int | None = None  # None once the member is deleted: the name stays readable

    @property
    def key(self) -> str:
        return search_key(self.name)


@dataclass(frozen=True)
class Assignment:
    task: str
    who: str = ""
    due: dt.date | None = None

    @property
    def line(self) -> str:
        who = f"; phân công: đồng chí {self.who}" if self.who else ""
        due = f"; thời hạn: trước {official_date_words(self.due)}" if self.due else ""
        return f"{self.task}{who}{due}."


@dataclass(frozen=True)
class Review:
    """A task from the previous nghị quyết as this month's biên bản reviews it."""
    task: str
    who: str
    due: dt.date | None
    done: bool
    completed_on: dt.date | None = None
    late: bool = False  # open past its deadline on the day it is read

    @property
    def line(self) -> str:
        if self.done:
            state = "đã hoàn thành" + (f" {official_date_words(self.completed_on)}" if self.completed_on else "")
        elif self.late:
            state = "chưa hoàn thành, quá hạn"
        else:
            state = "đang thực hiện"
        who = f" (đồng chí {self.who})" if self.who else ""
        return f"{self.task}{who}: {state}."


@dataclass(frozen=True)
class Meeting:
    year: int
    month: int
    kind: str = REGULAR
    held_on: dt.date | None = None
    starts_at: dt.time | None = None
    ends_at: dt.time | None = None
    topic: str = ""
    place: str = ""
    chair: str = ""
    secretary: str = ""
    member_count: int = 0
    attendance: tuple[Attendee, ...] = ()
    speakers: tuple[str, ...] = ()
    agenda: str = ""
    discussion: str = ""
    conclusion: str = ""
    results: str = ""
    direction: str = ""
    assignments: tuple[Assignment, ...] = ()
    assessment: str = ""
    rating: str = ""
    id: int | None = None
    minutes_number: int = 0
    resolution_number: int = 0
    tasks_plan_id: int | None = None
    activity_id: int | None = None

    @property
    def period(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"

    @property
    def month_label(self) -> str:
        return f"tháng {self.month}/{self.year}"

    @property
    def kind_label(self) -> str:
        return KINDS.get(self.kind, KINDS[REGULAR])

    @property
    def title(self) -> str:
        """`Sinh hoạt chi bộ thường kỳ tháng 3/2026`, or with the chuyên đề's topic."""
        topic = f": {self.topic}" if self.kind == THEMATIC and self.topic else ""
        return f"Sinh hoạt chi bộ {self.kind_label} {self.month_label}{topic}"

    @property
    def minutes(self) -> int | None:
        if not (self.starts_at and self.ends_at):
            return None
        start = self.starts_at.hour * 60 + self.starts_at.minute
        end = self.ends_at.hour * 60 + self.ends_at.minute
        return end - start

    def count(self, status: str) -> int:
        return sum(1 for a in self.attendance if a.status == status)

    @property
    def present(self) -> int:
        return self.count(PRESENT)

    @property
    def expected(self) -> int:
        """Members who must attend: every member but those exempt (miễn sinh hoạt)."""
        return max(0, (self.member_count or len(self.attendance)) - self.count(EXEMPT))

    @property
    def rate(self) -> float | None:
        return self.present / self.expected if self.expected else None

    @property
    def rate_text(self) -> str:
        rate = self.rate
        return "" if rate is None else f"{self.present}/{self.expected} ({round(rate * 100)}%)"

    def warnings(self) -> list[str]:
        """What the record may keep but the upper level will mark down."""
        found = []
        minutes, minimum = self.minutes, MIN_MINUTES.get(self.kind, 90)
        if minutes is not None and 0 < minutes < minimum:
            found.append(f"Buổi sinh hoạt {minutes} phút, chưa đủ {minimum} phút theo Hướng dẫn 42-HD/BTCTW"
                         + (" (có chuyên đề)." if self.kind == THEMATIC else "."))
        rate = self.rate
        if rate is not None and rate < ATTENDANCE_WARNING:
            found.append(f"Tỷ lệ đảng viên dự {round(rate * 100)}%, dưới 90%.")
        return found

    def cleaned(self) -> "Meeting":
        """The record as stored, or a ValidationError naming the field and saying what to fix."""
        text = lambda value: " ".join(normalize_text(value or "").split())  # noqa: E731
        long = lambda value: normalize_text(value or "").strip()  # noqa: E731
        if self.kind not in KINDS:
            raise ValidationError("Chọn loại sinh hoạt: thường kỳ hoặc chuyên đề.", "kind")
        topic = text(self.topic)
        if self.kind == THEMATIC and not topic:
            raise ValidationError("Sinh hoạt chuyên đề: hãy nhập tên chuyên đề.", "topic")
        if self.held_on is None:
            raise ValidationError("Chưa nhập ngày sinh hoạt.", "held_on")
        if (self.held_on.year, self.held_on.month) != (self.year, self.month):
            raise ValidationError(f"Ngày {format_ui_date(self.held_on)} không thuộc {self.month_label}.", "held_on")
        if self.starts_at is None or self.ends_at is None:
            raise ValidationError("Chưa nhập giờ bắt đầu và giờ kết thúc.", "starts_at")
        if self.minutes is not None and self.minutes <= 0:
            raise ValidationError(f"Giờ kết thúc {self.ends_at:%H:%M} không sau giờ bắt đầu {self.starts_at:%H:%M}.",
                                  "ends_at")
        chair, secretary = text(self.chair), text(self.secretary)
        if not chair:
            raise ValidationError("Chưa chọn người chủ trì.", "chair")
        if not secretary:
            raise ValidationError("Chưa chọn thư ký.", "secretary")
        if search_key(chair) == search_key(secretary):
            raise ValidationError("Chủ trì và thư ký phải là hai đồng chí khác nhau.", "secretary")
        attendance = self._clean_attendance()
        if self.member_count and len(attendance) > self.member_count:
            raise ValidationError(f"Điểm danh {len(attendance)} người, nhiều hơn số đảng viên của chi bộ "
                                  f"({self.member_count}).", "attendance")
        present = {a.key for a in attendance if a.status == PRESENT}
        for role, name in (("Chủ trì", chair), ("Thư ký", secretary)):
            if attendance and search_key(name) not in present:
                raise ValidationError(f"{role} (đồng chí {name}) chưa được điểm danh có mặt.", "attendance")
        speakers: list[str] = []
        for speaker in self.speakers:
            speaker = text(speaker)
            if not speaker or speaker in speakers:
                continue
            if attendance and search_key(speaker) not in present:
                raise ValidationError(f"Đồng chí {speaker} không có mặt nên không thể ghi là đã phát biểu.",
                                      "speakers")
            speakers.append(speaker)
        assignments = []
        for number, item in enumerate(self.assignments, 1):
            task = text(item.task)
            if not task:
                continue
            if item.due and item.due < self.held_on:
                raise ValidationError(f"Việc thứ {number} có thời hạn {format_ui_date(item.due)} trước ngày "
                                      "sinh hoạt.", "assignments")
            assignments.append(Assignment(task, text(item.who), item.due))
        for name, value in (("agenda", self.agenda), ("discussion", self.discussion), ("conclusion", self.conclusion),
                            ("results", self.results), ("direction", self.direction),
                            ("assessment", self.assessment)):
            if len(value or "") > MAX_TEXT:
                raise ValidationError(f"Phần này dài quá {MAX_TEXT:,} ký tự.".replace(",", "."), name)
        if self.rating and self.rating not in RATINGS:
            raise ValidationError(f"Mức tự đánh giá “{self.rating}” không có; chọn {', '.join(RATINGS)}.", "rating")
        return replace(self, topic=topic if self.kind == THEMATIC else "", place=text(self.place), chair=chair,
                       secretary=secretary, attendance=tuple(attendance), speakers=tuple(speakers),
                       agenda=long(self.agenda), discussion=long(self.discussion), conclusion=long(self.conclusion),
                       results=long(self.results), direction=long(self.direction), assessment=long(self.assessment),
                       assignments=tuple(assignments))

    def _clean_attendance(self) -> list[Attendee]:
        seen: dict[str, Attendee] = {}
        for entry in self.attendance:
            name = " ".join(normalize_text(entry.name or "").split())
            if not name:
                continue
            if entry.status not in ATTENDANCE:
                raise ValidationError(f"Trạng thái điểm danh của đồng chí {name} không rõ.", "attendance")
            cleaned = Attendee(name, entry.status, " ".join(normalize_text(entry.reason or "").split()),
                               entry.member_id)
            earlier = seen.get(cleaned.key)
            if earlier is not None:
                if earlier.status != cleaned.status:
                    raise ValidationError(f"Đồng chí {name} vừa được ghi “{ATTENDANCE[earlier.status].lower()}” "
                                          f"vừa “{ATTENDANCE[cleaned.status].lower()}”.", "attendance")
                continue
            seen[cleaned.key] = cleaned
        return list(seen.values())


# --- the agenda -------------------------------------------------------------------------------
def draft_agenda(meeting: Meeting, topics: list[str], open_tasks: list[str], reviews: list[Review]) -> str:
    """The order of business the secretary reads out, in the text syntax of the documents."""
    lines = ["1. Kiểm điểm việc thực hiện nghị quyết tháng trước:"]
    lines += [f"- {review.line}" for review in reviews] or ["- Tháng trước chưa có nghị quyết ghi trong chương trình."]
    lines.append(f"2. Đánh giá kết quả lãnh đạo thực hiện nhiệm vụ {meeting.month_label}.")
    lines.append("3. Thông tin thời sự, quán triệt định hướng tuyên truyền của cấp trên:")
    lines += [f"- {topic}" for topic in topics] or ["- (Chưa có định hướng tháng nào đang áp dụng.)"]
    if open_tasks:
        lines.append("4. Các nhiệm vụ của kế hoạch cấp trên còn phải làm:")
        lines += [f"- {task}" for task in open_tasks]
    number = 5 if open_tasks else 4
    if meeting.kind == THEMATIC:
        lines.append(f"{number}. Sinh hoạt chuyên đề: {meeting.topic or '…'}.")
        number += 1
    following = add_months(dt.date(meeting.year, meeting.month, 1), 1)
    lines.append(f"{number}. Thảo luận, thống nhất phương hướng, nhiệm vụ tháng {following.month}/{following.year} "
                 "và phân công thực hiện.")
    lines.append(f"{number + 1}. Thông qua dự thảo nghị quyết; chi bộ tự đánh giá chất lượng buổi sinh hoạt.")
    return "\n".join(lines)


def draft_assessment(meeting: Meeting) -> str:
    minutes = meeting.minutes
    parts = [f"Buổi sinh hoạt diễn ra {minutes} phút" if minutes else "Buổi sinh hoạt",
             f"tỷ lệ đảng viên dự {meeting.rate_text}" if meeting.rate_text else "",
             f"{len(meeting.speakers)} lượt đảng viên phát biểu ý kiến" if meeting.speakers else ""]
    line = ", ".join(p for p in parts if p) + "."
    return (f"{line} Nội dung sinh hoạt bám sát nhiệm vụ chính trị của chi bộ và định hướng của cấp trên, "
            "bảo đảm nguyên tắc tập trung dân chủ, tự phê bình và phê bình.")


def next_month(year: int, month: int) -> tuple[int, int]:
    day = add_months(dt.date(year, month, 1), 1)
    return day.year, day.month


def assignment_window(meeting: Meeting, assignment: Assignment) -> tuple[dt.date, dt.date]:
    """When a task given by the nghị quyết runs: from the day after the meeting to its deadline, or
    to the end of next month when it has none."""
    year, month = next_month(meeting.year, meeting.month)
    start = (meeting.held_on or dt.date(meeting.year, meeting.month, 1)) + dt.timedelta(days=1)
    return start, max(start, assignment.due or month_end(year, month))


# --- the documents ----------------------------------------------------------------------------
@dataclass
class MeetingDocument(PartyDocument):
    """A biên bản or a nghị quyết: a PartyDocument whose kind the engine writes by name."""
    second_signer: tuple[str, str] = ("", "")  # the biên bản's thư ký: (position, name)

    @property
    def kind_name(self) -> str:
        return DOCUMENT_NAMES.get(self.kind_code, super().kind_name)


@dataclass(frozen=True)
class Letterhead:
    issuer_code: str
    upper_body: str
    cell_name: str
    place: str
    recipients: tuple[str, ...] = ()
    signing_authority: str = "T/M CHI BỘ"
    secretary_name: str = ""  # the bí thư who signs for the chi bộ


def _time_words(value: dt.time | None) -> str:
    return f"{value.hour} giờ {value.minute:02d} phút" if value else "… giờ … phút"


def _attendance_lines(meeting: Meeting) -> list[str]:
    total = meeting.member_count or len(meeting.attendance)
    absent = [a for a in meeting.attendance if a.status in (ABSENT_EXCUSED, ABSENT)]
    excused = [a for a in absent if a.status == ABSENT_EXCUSED]
    lines = [f"- Tổng số đảng viên của chi bộ: {total} đồng chí; miễn sinh hoạt: {meeting.count(EXEMPT)} đồng chí.",
             f"- Có mặt: {meeting.present} đồng chí"
             + (f" (tỷ lệ {meeting.rate_text.split(' ')[-1].strip('()')})." if meeting.rate_text else "."),
             f"- Vắng mặt: {len(absent)} đồng chí (có lý do: {len(excused)}, không lý do: {len(absent) - len(excused)})"
             + (":" if absent else ".")]
    for person in absent:
        why = f", lý do: {person.reason}" if person.reason else ""
        lines.append(f"+ Đồng chí {person.name} ({ATTENDANCE[person.status].lower()}{why}).")
    lines.append(f"- Chủ trì: đồng chí {meeting.chair}; thư ký: đồng chí {meeting.secretary}.")
    return lines


def minutes_document(meeting: Meeting, head: Letterhead, reviews: list[Review]) -> MeetingDocument:
    """The biên bản: time, place, attendance, the review of last month's nghị quyết, the agenda as
    held, who spoke, the conclusion; signed by the thư ký and by the chair T/M CHI BỘ."""
    blocks: list[Block] = []
    section = lambda number, heading: blocks.append(Block("section", f"{ROMAN[number]}. {heading}"))  # noqa: E731
    held = official_date_words(meeting.held_on)
    section(0, "THỜI GIAN, ĐỊA ĐIỂM, THÀNH PHẦN")
    blocks.append(Block("paragraph", f"Thời gian: bắt đầu lúc {_time_words(meeting.starts_at)}, {held}."))
    if meeting.place:
        blocks.append(Block("paragraph", f"Địa điểm: {meeting.place}."))
    blocks.append(Block("paragraph", "Thành phần:"))
    blocks += text_blocks("\n".join(_attendance_lines(meeting)))
    section(1, "NỘI DUNG")
    blocks.append(Block("numbered", "1. Kiểm điểm việc thực hiện nghị quyết tháng trước"))
    blocks += [Block("bullet", review.line) for review in reviews] or [
        Block("paragraph", "Tháng trước chi bộ không có nhiệm vụ nào được phân công bằng nghị quyết.")]
    blocks.append(Block("numbered", "2. Chương trình sinh hoạt"))
    blocks += text_blocks(_demote(_without_review(meeting.agenda)))
    if meeting.kind == THEMATIC:
        blocks.append(Block("numbered", f"3. Sinh hoạt chuyên đề: {meeting.topic}"))
    number = 4 if meeting.kind == THEMATIC else 3
    blocks.append(Block("numbered", f"{number}. Ý kiến thảo luận"))
    if meeting.speakers:
        blocks.append(Block("paragraph", f"Có {len(meeting.speakers)} lượt ý kiến phát biểu: "
                                         + ", ".join(f"đồng chí {name}" for name in meeting.speakers) + "."))
    blocks += text_blocks(meeting.discussion) or [Block("paragraph", "Các ý kiến nhất trí với nội dung đã nêu.")]
    section(2, "KẾT LUẬN CỦA CHỦ TRÌ")
    blocks += text_blocks(meeting.conclusion) or [Block("paragraph", "Chi bộ nhất trí thông qua dự thảo nghị quyết.")]
    blocks.append(Block("paragraph", f"Buổi sinh hoạt kết thúc lúc {_time_words(meeting.ends_at)} cùng ngày. Biên bản "
                                     "đã được đọc lại cho chi bộ nghe và nhất trí thông qua."))
    return MeetingDocument(
        kind_code=MINUTES, number=meeting.minutes_number, issuer_code=head.issuer_code, upper_body=head.upper_body,
        issuing_body=head.cell_name, place=head.place, issued_on=meeting.held_on,
        subtitle=f"sinh hoạt chi bộ {meeting.kind_label} {meeting.month_label}", blocks=blocks,
        recipients=list(head.recipients), signing_authority=head.signing_authority, signer_position="CHỦ TRÌ",
        signer_name=meeting.chair, second_signer=("THƯ KÝ", meeting.secretary),
    )


def resolution_document(meeting: Meeting, head: Letterhead) -> MeetingDocument:
    """The nghị quyết in its four parts: results, direction, assignments (who, by when), the
    meeting's self-assessment; signed T/M CHI BỘ by the bí thư."""
    year, month = next_month(meeting.year, meeting.month)
    blocks = [
        Block("paragraph", "Căn cứ Điều lệ Đảng Cộng sản Việt Nam;"),
        Block("paragraph", f"Căn cứ {GUIDE} về nâng cao chất lượng sinh hoạt chi bộ;"),
        Block("paragraph", f"{official_date_words(meeting.held_on).capitalize()}, {head.cell_name} tổ chức sinh hoạt "
                           f"{meeting.kind_label} {meeting.month_label}"
                           + (f" với {meeting.rate_text} đảng viên dự" if meeting.rate_text else "")
                           + ". Sau khi thảo luận, chi bộ thống nhất"),
        Block("section", "QUYẾT NGHỊ:"),
        Block("section", f"I. KẾT QUẢ THỰC HIỆN NHIỆM VỤ {meeting.month_label.upper()}"),
    ]
    blocks += text_blocks(meeting.results) or [Block("paragraph", "…")]
    blocks.append(Block("section", f"II. PHƯƠNG HƯỚNG, NHIỆM VỤ THÁNG {month}/{year}"))
    blocks += text_blocks(meeting.direction) or [Block("paragraph", "…")]
    blocks.append(Block("section", "III. PHÂN CÔNG THỰC HIỆN"))
    blocks += [Block("bullet", item.line) for item in meeting.assignments] or [
        Block("paragraph", "Chi ủy phân công đảng viên thực hiện từng nhiệm vụ nêu trên.")]
    blocks.append(Block("section", "IV. TỰ ĐÁNH GIÁ CHẤT LƯỢNG BUỔI SINH HOẠT"))
    blocks += text_blocks(meeting.assessment or draft_assessment(meeting))
    if meeting.rating:
        blocks.append(Block("paragraph", f"Chi bộ tự đánh giá chất lượng buổi sinh hoạt đạt mức: {meeting.rating}."))
    blocks.append(Block("paragraph", "Nghị quyết này được phổ biến đến toàn thể đảng viên trong chi bộ để thực hiện."))
    return MeetingDocument(
        kind_code=RESOLUTION, number=meeting.resolution_number, issuer_code=head.issuer_code,
        upper_body=head.upper_body, issuing_body=head.cell_name, place=head.place, issued_on=meeting.held_on,
        subtitle=f"sinh hoạt chi bộ {meeting.kind_label} {meeting.month_label}", blocks=blocks,
        recipients=list(head.recipients), signing_authority=head.signing_authority, signer_position="BÍ THƯ",
        signer_name=head.secretary_name or meeting.chair,
    )


def _without_review(agenda: str) -> str:
    """The agenda less its first item (the review of last month's nghị quyết), which the biên bản
    gives in full as its own point 1."""
    lines = (agenda or "").split("\n")
    if not lines or not lines[0].strip().startswith("1. Kiểm điểm"):
        return agenda or ""
    rest = 1
    while rest < len(lines) and not (lines[rest].strip()[:1].isdigit() and ". " in lines[rest].strip()[:4]):
        rest += 1
    return "\n".join(lines[rest:])


def _demote(text: str) -> str:
    """The agenda's `1. ` lines are items of the biên bản's section 2, not its own headings."""
    lines = []
    for line in (text or "").split("\n"):
        stripped = line.strip()
        if stripped[:1].isdigit() and ". " in stripped[:4]:
            stripped = "- " + stripped.split(". ", 1)[1]
        elif stripped.startswith("- "):
            stripped = "+ " + stripped[2:]
        lines.append(stripped)
    return "\n".join(lines)


def upload_name(meeting: Meeting, what: str, suffix: str, issuer: str = "CB") -> str:
    """A file name the Sổ tay đảng viên upload takes without complaint: no diacritics, no spaces,
    the month and the kind first (`2026-03_Du-thao-Nghi-quyet_thuong-ky_CB.docx`)."""
    from .text import search_key as key

    kind = key(meeting.kind_label).replace(" ", "-")
    words = "-".join(part.capitalize() if i == 0 else part for i, part in enumerate(key(what).split()))
    code = "".join(ch for ch in key(issuer).upper() if ch.isalnum()) or "CB"
    return f"{meeting.period}_{words}_{kind}_{code}{suffix}"


# --- deadlines ---------------------------------------------------------------------------------
@dataclass(frozen=True)
class Deadline:
    label: str
    due: dt.date
    done: bool = False

    def days_left(self, today: dt.date) -> int:
        return (self.due - today).days

    def status(self, today: dt.date) -> str:
        """`còn 3 ngày`, `hôm nay`, `trễ 2 ngày`, `đã xong`."""
        if self.done:
            return "đã xong"
        left = self.days_left(today)
        if left == 0:
            return "hôm nay"
        return f"còn {left} ngày" if left > 0 else f"trễ {-left} ngày"


def quarter_of(day: dt.date) -> tuple[dt.date, dt.date]:
    first_month = (day.month - 1) // 3 * 3 + 1
    return dt.date(day.year, first_month, 1), month_end(day.year, first_month + 2)


def parse_time(text: str) -> dt.time:
    """`14:00`, `14h00`, `14 giờ 30`, `9h`; ValueError with a Vietnamese message."""
    import re

    match = re.fullmatch(r"\s*(\d{1,2})\s*(?::|h|giờ|g)?\s*(\d{1,2})?\s*(?:phút)?\s*", (text or "").lower())
    if not match:
        raise ValueError(f"Giờ “{text}” không đúng dạng giờ:phút (ví dụ 14:00).")
    hour, minute = int(match.group(1)), int(match.group(2) or 0)
    if hour > 23 or minute > 59:
        raise ValueError(f"Giờ “{text}” không có trên đồng hồ.")
    return dt.time(hour, minute)
