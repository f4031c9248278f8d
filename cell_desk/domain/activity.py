"""An activity of the cell (a meeting, a banner, a post): what the log holds, the rules its form
enforces, and the filter the page and the exports share."""
from __future__ import annotations

import datetime as dt
import unicodedata
from dataclasses import dataclass, field, replace

from .text import normalize_text, search_key
from .validation import ValidationError

EARLIEST_ACTIVITY = dt.date(2000, 1, 1)
# An activity may be logged ahead (a conference already called), but not years ahead.
MAX_DAYS_AHEAD = 366
MAX_SPAN_DAYS = 366
MAX_PEOPLE = 1_000_000
MAX_LENGTHS = {"form": 300, "title": 500, "content": 20_000, "place": 300, "organiser": 300}
MAX_TAG_LENGTH = 60
FIELD_LABELS = {
    "occurred_on": "Ngày", "ends_on": "Đến ngày", "form": "Hình thức", "title": "Tên hoạt động",
    "content": "Nội dung", "place": "Địa điểm", "organiser": "Chủ trì / tổ chức",
    "party_members": "Số đảng viên tham gia", "others": "Số người ngoài Đảng tham gia", "tags": "Nhãn",
}


@dataclass(frozen=True)
class Attachment:
    id: int | None
    file_name: str  # inside the data folder's attachments/
    original_name: str
    is_image: bool
    byte_size: int


@dataclass(frozen=True)
class ActivityDraft:
    """What the form holds; `cleaned()` gives the stored values or refuses with the field's name."""

    occurred_on: dt.date
    form: str
    title: str
    ends_on: dt.date | None = None
    content: str = ""
    place: str = ""
    organiser: str = ""
    party_members: int = 0
    others: int = 0
    tags: tuple[str, ...] = ()
    item_ids: tuple[int, ...] = ()

    def cleaned(self, today: dt.date) -> "ActivityDraft":
        single_line = {name: " ".join(normalize_text(getattr(self, name) or "").split())
                       for name in ("form", "title", "place", "organiser")}
        content = normalize_text(self.content or "").strip()
        for name in ("form", "title"):
            if not _has_visible_text(single_line[name]):
                raise ValidationError(f"Chưa nhập “{FIELD_LABELS[name]}”.", name)
        for name, value in (*single_line.items(), ("content", content)):
            if len(value) > MAX_LENGTHS[name]:
                raise ValidationError(f"“{FIELD_LABELS[name]}” dài quá {MAX_LENGTHS[name]:,} ký tự."
                                      .replace(",", "."), name)
        check_activity_dates(self.occurred_on, self.ends_on, today)
        for name in ("party_members", "others"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= MAX_PEOPLE:
                raise ValidationError(f"“{FIELD_LABELS[name]}” phải là số nguyên từ 0 đến {MAX_PEOPLE:,}."
                                      .replace(",", "."), name)
        tags: list[str] = []
        for tag in self.tags:
            tag = " ".join(normalize_text(tag).split())
            if len(tag) > MAX_TAG_LENGTH:
                raise ValidationError(f"Nhãn “{tag[:20]}…” dài quá {MAX_TAG_LENGTH} ký tự.", "tags")
            if tag and tag not in tags:
                tags.append(tag)
        ends_on = self.ends_on if self.ends_on and self.ends_on != self.occurred_on else None
        return replace(self, **single_line, content=content, tags=tuple(tags), ends_on=ends_on,
                       item_ids=tuple(dict.fromkeys(self.item_ids)))

    @property
    def key(self) -> str:
        return activity_search_key(self.form, self.title, self.content, self.place, self.organiser, self.tags)


def check_activity_dates(occurred_on, ends_on, today: dt.date) -> None:
    if not isinstance(occurred_on, dt.date):
        raise ValidationError("Chưa nhập ngày diễn ra hoạt động.", "occurred_on")
    latest = today + dt.timedelta(days=MAX_DAYS_AHEAD)
    if occurred_on < EARLIEST_ACTIVITY:
        raise ValidationError(f"Ngày {occurred_on:%d/%m/%Y} sớm quá: nhật ký nhận từ "
                              f"{EARLIEST_ACTIVITY:%d/%m/%Y}.", "occurred_on")
    if occurred_on > latest:
        raise ValidationError(f"Ngày {occurred_on:%d/%m/%Y} còn xa quá (hôm nay là {today:%d/%m/%Y}); "
                              "hãy kiểm tra lại năm.", "occurred_on")
    if ends_on is not None:
        if ends_on < occurred_on:
            raise ValidationError(f"Ngày kết thúc {ends_on:%d/%m/%Y} trước ngày bắt đầu "
                                  f"{occurred_on:%d/%m/%Y}.", "ends_on")
        if (ends_on - occurred_on).days > MAX_SPAN_DAYS:
            raise ValidationError("Một hoạt động kéo dài quá một năm; hãy ghi thành nhiều hoạt động.", "ends_on")


def _has_visible_text(text: str) -> bool:
    return any(unicodedata.category(ch)[0] in "LNPS" for ch in text)


def activity_search_key(form: str, title: str, content: str, place: str, organiser: str, tags) -> str:
    return search_key(" ".join((title, form, place, organiser, " ".join(tags), content)))


@dataclass
class Activity:
    """A stored activity with its links and attachments."""

    id: int
    draft: ActivityDraft
    attachments: list[Attachment] = field(default_factory=list)


@dataclass(frozen=True)
class ActivityRow:
    """One line of the log as the table shows it."""

    id: int
    occurred_on: dt.date
    ends_on: dt.date | None
    form: str
    title: str
    place: str
    organiser: str
    party_members: int
    others: int
    attachment_count: int = 0
    item_count: int = 0

    @property
    def participants(self) -> int:
        return self.party_members + self.others


@dataclass(frozen=True)
class ActivityFilter:
    """Which activities the page shows and an export takes; empty fields do not filter. An
    activity lasting several days is in a period when any of its days is."""

    date_from: dt.date | None = None
    date_to: dt.date | None = None
    form: str | None = None
    query: str = ""

    @property
    def query_words(self) -> list[str]:
        """The search as diacritic-free words; an activity must hold every one."""
        return search_key(self.query).split()

    def describe_period(self) -> str:
        if self.date_from and self.date_to:
            return f"Từ ngày {self.date_from:%d/%m/%Y} đến ngày {self.date_to:%d/%m/%Y}"
        if self.date_from:
            return f"Từ ngày {self.date_from:%d/%m/%Y}"
        if self.date_to:
            return f"Đến ngày {self.date_to:%d/%m/%Y}"
        return "Toàn bộ nhật ký"


class ActivityTally:
    """Counts of activities and participants by month and by form, gathered as they stream past."""

    def __init__(self):
        self.counts: dict[tuple[tuple[int, int], str], int] = {}
        self.people: dict[str, int] = {}
        self.forms: list[str] = []

    def add(self, occurred_on: dt.date, form: str, participants: int) -> None:
        key = ((occurred_on.year, occurred_on.month), form)
        self.counts[key] = self.counts.get(key, 0) + 1
        if form not in self.people:
            self.forms.append(form)
            self.people[form] = 0
        self.people[form] += participants

    @property
    def months(self) -> list[tuple[int, int]]:
        return sorted({month for month, _form in self.counts})

    def count(self, month: tuple[int, int] | None = None, form: str | None = None) -> int:
        return sum(n for (m, f), n in self.counts.items()
                   if (month is None or m == month) and (form is None or f == form))
