"""Phase windows in the wordings Vietnamese plans use, read into dates."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from .dates import month_end

ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4}
_DAY = r"(\d{1,2})\s*/\s*(\d{1,2})\s*/\s*(\d{4})"
_MONTH = r"(\d{1,2})\s*/\s*(\d{4})"
_YEAR = r"(?:\s*/\s*|\s+năm\s+)(\d{4})"  # "3/2026" or "3 năm 2026"
_SEPARATOR = r"\s+(?:đến|tới)\s+(?:hết\s+)?|\s*[-–]\s*"


@dataclass(frozen=True)
class Window:
    starts_on: dt.date | None
    ends_on: dt.date | None
    open_start: bool = False  # "trước ngày …": only the end is written

    @property
    def dated(self) -> bool:
        return self.starts_on is not None and self.ends_on is not None


def _date(day, month, year) -> dt.date | None:
    try:
        return dt.date(int(year), int(month), int(day))
    except (TypeError, ValueError):
        return None


def _month(month, year, end: bool) -> dt.date | None:
    try:
        return month_end(int(year), int(month)) if end else dt.date(int(year), int(month), 1)
    except ValueError:
        return None


def _point(text: str, plan_date: dt.date | None, end: bool, year_hint: str | None = None) -> dt.date | None:
    """One end of a window: `nay`, `ngày 30/6/2020`, `tháng 3/2020`, `quý I/2026`, `6 tháng đầu năm 2026`."""
    text = text.strip().lower().rstrip(".,;")
    if re.fullmatch(r"(bây giờ|nay|hôm nay)", text):
        return plan_date
    match = re.search(r"quý\s*([ivx]+|\d)" + _YEAR, text)
    if match:
        token = match.group(1)
        quarter = int(token) if token.isdigit() else ROMAN.get(token.upper())
        if quarter not in (1, 2, 3, 4):
            return None
        return _month(3 * quarter if end else 3 * quarter - 2, match.group(2), end)
    match = re.search(r"6 tháng (đầu|cuối) năm\s*(\d{4})", text)
    if match:
        first = 1 if match.group(1) == "đầu" else 7
        return _month(first + 5 if end else first, match.group(2), end)
    match = re.search(r"(?:ngày\s*)?" + _DAY, text)
    if match:
        return _date(*match.groups())
    match = re.search(r"(?:ngày\s*)?(\d{1,2})\s*/\s*(\d{1,2})$", text)
    if match and year_hint:  # "từ ngày 01/4 đến 30/6/2026": the year is written once
        return _date(match.group(1), match.group(2), year_hint)
    match = re.search(r"(?:tháng\s*)?(\d{1,2})" + _YEAR, text)
    if match:
        return _month(match.group(1), match.group(2), end)
    match = re.search(r"năm\s*(\d{4})", text)
    if match:
        year = int(match.group(1))
        return dt.date(year, 12, 31) if end else dt.date(year, 1, 1)
    return None


def read_window(text: str, plan_date: dt.date | None) -> Window:
    """The dates of a window; either end is None when the text ties it to an event, not a date."""
    lowered = " ".join(text.lower().split()).rstrip(".")
    lowered = re.sub(r"^(trong|vào)\s+", "", lowered)
    match = re.search(r"^(?:từ\s+)?(.+?)(?:" + _SEPARATOR + r")(.+)$", lowered)
    if match and (lowered.startswith("từ") or re.match(r"^\d", lowered)):
        end = _point(match.group(2), plan_date, end=True)
        year = re.search(r"(\d{4})", match.group(2))
        start = _point(match.group(1), plan_date, end=False, year_hint=year.group(1) if year else None)
        if start is not None or end is not None or lowered.startswith("từ"):
            return Window(start, end)
    match = re.search(r"(?:trước|đến|chậm nhất)\s+(?:ngày\s+)?(.+)$", lowered)
    if match and _point(match.group(1), plan_date, end=True):
        return Window(plan_date, _point(match.group(1), plan_date, end=True), open_start=True)
    if _point(lowered, plan_date, end=False) is not None:
        return Window(_point(lowered, plan_date, end=False), _point(lowered, plan_date, end=True))
    return Window(None, None)


# --- windows anywhere in a line ----------------------------------------------------------------
_FULL_DAY = r"\d{1,2}\s*/\s*\d{1,2}\s*/\s*\d{4}"
_POINT = (r"(?:ngày\s*)?\d{1,2}\s*/\s*\d{1,2}(?:\s*/\s*\d{4})?"
          r"|(?:tháng\s*)?\d{1,2}\s*(?:/|năm)\s*\d{4}"
          r"|quý\s*(?:[ivx]+|\d)\s*(?:/|năm)\s*\d{4}"
          r"|tháng\s*\d{1,2}"
          r"|nay")
_RANGE = re.compile(r"(?:từ\s+)?(" + _POINT + r")\s*(?:đến|tới|[-–])\s*(?:hết\s+)?(?:ngày\s+)?(" + _POINT + r")")
_MONTHS_AND = re.compile(r"(?:các\s+)?tháng\s*(\d{1,2})((?:\s*,\s*(?:tháng\s*)?\d{1,2})*)\s*(?:và|,|-|–)\s*(?:tháng\s*)?"
                         r"(\d{1,2})\s*(?:/|năm)\s*(\d{4})")
_BEFORE = re.compile(r"(?:trước|chậm nhất(?: là)?|hạn chót|hoàn thành trong)\s+(?:ngày\s+)?(" + _FULL_DAY
                     + r"|(?:tháng\s*)?\d{1,2}\s*(?:/|năm)\s*\d{4})")
_SINGLE = re.compile(r"quý\s*(?:[ivx]+|\d)\s*(?:/|năm)\s*\d{4}|6 tháng (?:đầu|cuối) năm\s*\d{4}"
                     r"|tháng\s*\d{1,2}\s*(?:/|năm)\s*\d{4}|(?:ngày\s*)?" + _FULL_DAY)
# "10 tháng năm 2022", "9 tháng đầu năm": a span looked back on in a report, never a phase
RETROSPECTIVE = re.compile(r"\b\d{1,2}\s+tháng\s+(?:đầu\s+)?năm(?:\s+\d{4})?", re.IGNORECASE)
_BRACKET = re.compile(r"\(([^()]*)\)")
_YEAR_TOKEN = re.compile(r"(?:\d{1,2}\s*/\s*){0,2}(\d{4})")


@dataclass(frozen=True)
class FoundWindow:
    window: Window
    text: str  # the words of the line that name it, as written


def anniversary_spans(text: str) -> list[tuple[int, int, str]]:
    """Brackets that name an anniversary's origin and its year, like "(03/02/1930 - 03/02/2026)" or
    "(1890 - 2025)": their dates are history, never a window. (start, end, the second date's text)."""
    spans = []
    for match in _BRACKET.finditer(text):
        years = [int(year) for year in _YEAR_TOKEN.findall(match.group(1))]
        if len(years) >= 2 and years[-1] - years[0] >= 2:
            spans.append((match.start(), match.end(), re.split(r"\s*[-–—]\s*", match.group(1))[-1].strip()))
    return spans


def without_anniversaries(text: str) -> str:
    for start, end, _ in reversed(anniversary_spans(text)):
        text = text[:start] + text[end:]
    return " ".join(text.split())


def anniversary_dates(text: str) -> list[dt.date]:
    """The days anniversaries fall on this year, from "(03/02/1930 - 03/02/2026)"."""
    days = []
    for _, _, last in anniversary_spans(text):
        match = re.fullmatch(r"(?:ngày\s*)?" + _DAY, last.strip().lower())
        day = _date(*match.groups()) if match else None
        if day is not None:
            days.append(day)
    return days


def find_window(text: str, plan_date: dt.date | None) -> FoundWindow | None:
    """The first window named anywhere in a line: "Từ nay đến tháng 02/2027", "từ ngày 15/01 đến
    28/02/2026", "Tháng 8 và tháng 9/2027", "quý II/2026", "trước ngày 30/6/2026", "tháng 3/2026".
    Anniversary brackets and retrospective spans ("10 tháng năm 2022") are passed over."""
    lowered = " ".join(without_anniversaries(text).lower().split())
    lowered = RETROSPECTIVE.sub(lambda m: "#" * len(m.group(0)), lowered)
    candidates = []
    for pattern, reader in ((_MONTHS_AND, _months_and), (_RANGE, _range), (_BEFORE, _before), (_SINGLE, _single)):
        for match in pattern.finditer(lowered):
            window = reader(match, plan_date)
            if window is not None and window.ends_on is not None:
                candidates.append((match.start(), -len(match.group(0)), FoundWindow(window, match.group(0))))
                break
    if not candidates:
        return None
    return min(candidates, key=lambda entry: entry[:2])[2]


def _months_and(match: re.Match, plan_date) -> Window | None:
    months = [int(match.group(1))] + [int(m) for m in re.findall(r"\d{1,2}", match.group(2))] + [int(match.group(3))]
    year = match.group(4)
    start, end = _month(min(months), year, False), _month(max(months), year, True)
    return Window(start, end) if start and end else None


def _range(match: re.Match, plan_date) -> Window | None:
    first, second = match.group(1), match.group(2)
    if re.fullmatch(r"\d{1,2}\s*/\s*\d{1,2}", second.replace("ngày", "").strip()) and not re.search(r"\d{4}", first):
        return None  # "3/2 - 5/2": too little to tell a window from a fraction
    year = re.search(r"(\d{4})", second)
    end = _point(second, plan_date, end=True)
    start = _point(first, plan_date, end=False, year_hint=year.group(1) if year else None)
    if start is None and re.fullmatch(r"tháng\s*\d{1,2}", first.strip()) and year:
        start = _month(re.search(r"\d{1,2}", first).group(0), year.group(1), False)
    if start is None or end is None or end < start:
        return None
    return Window(start, end)


def _before(match: re.Match, plan_date) -> Window | None:
    end = _point(match.group(1), plan_date, end=True)
    return Window(plan_date, end, open_start=True) if end else None


def _single(match: re.Match, plan_date) -> Window | None:
    start, end = _point(match.group(0), plan_date, end=False), _point(match.group(0), plan_date, end=True)
    return Window(start, end) if start and end else None
