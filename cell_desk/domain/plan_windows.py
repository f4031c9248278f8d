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
